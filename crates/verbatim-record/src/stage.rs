//! Stage directions: the italic procedural sentences of a record ("The meeting was called to order at
//! 3.10 p.m.", "Mr. Wali (Nigeria), Vice-President, took the Chair.") and what kind each is.

use crate::model::StageKind;
use crate::text::clock_24h;

/// Phrases that make an italic sentence procedural. An italic sentence inside a speech that has none of
/// them (a report title, a case name, a citation) is speech text, not a stage direction.
const PROCEDURAL: &[&str] = &[
    "called to order",
    "meeting rose",
    "meeting was suspended",
    "meeting was resumed",
    "meeting resumed",
    "was adopted",
    "were adopted",
    "was rejected",
    "was not adopted",
    "was retained",
    "were retained",
    "took the chair",
    "returned to the chair",
    "took a seat",
    "took the seat",
    "took their seats",
    "at the invitation of",
    "vote was taken",
    "recorded vote",
    "so decided",
    "minute of silence",
    "silent prayer or meditation",
    "did not participate",
    "results of the vote",
    "result of the vote",
    "in the absence of the president",
    "was upheld",
    "was elected",
    "were elected",
    "was escorted",
    "was appointed",
    "the agenda",
    "withdrawn",
];

/// True when an italic sentence reads as a procedural note rather than an italic phrase of a speech.
pub(crate) fn is_procedural(text: &str) -> bool {
    // Quote marks are dropped first: an OCR speck ("A vote 'Was taken") must not hide the phrase.
    let lower: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !matches!(c, '\'' | '"' | '’' | '‘'))
        .collect();
    PROCEDURAL.iter().any(|p| lower.contains(p))
}

/// True for the labels of a vote block: "In favour:", "Against:", "Abstaining:", "Abstentions:" and the
/// 1950 "In favour of overruling the President's decision:".
pub(crate) fn vote_label(text: &str) -> Option<VoteLabel> {
    let t = text.trim();
    let lower = t.to_lowercase();
    let lower = lower.trim_start_matches(['(', '[']);
    if lower.starts_with("in favour") {
        Some(VoteLabel::InFavour)
    } else if lower.starts_with("against") {
        Some(VoteLabel::Against)
    } else if lower.starts_with("abstaining") || lower.starts_with("abstention") {
        Some(VoteLabel::Abstaining)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VoteLabel {
    InFavour,
    Against,
    Abstaining,
}

/// The kind of a stage direction and the time it gives (24-hour), from its text.
pub(crate) fn classify(text: &str) -> (StageKind, Option<String>) {
    let lower = text.to_lowercase();
    // "at 3.10 p.m."; failing that (an OCR "a·t"), the first clock time anywhere in the sentence.
    let time = time_after(&lower, " at ").or_else(|| first_time(&lower));
    let kind = if lower.contains("called to order") {
        StageKind::CalledToOrder
    } else if lower.contains("meeting rose") || lower.contains("meeting adjourned") {
        StageKind::Rose
    } else if lower.contains("suspended") {
        StageKind::Suspended
    } else if lower.contains("resumed") {
        StageKind::Resumed
    } else if lower.contains("agenda") && lower.contains("adopted") {
        StageKind::AgendaAdopted
    } else if lower.contains("vote was taken") || lower.contains("recorded vote") {
        StageKind::VoteTaken
    } else if lower.contains("took the chair") || lower.contains("returned to the chair") {
        StageKind::ChairChange
    } else if lower.contains("at the invitation of")
        || lower.contains("took a seat")
        || lower.contains("took the seat")
    {
        StageKind::Invitation
    } else if lower.contains("minute of silence") || lower.contains("silent prayer") {
        StageKind::Silence
    } else if lower.contains("so decided")
        || lower.contains("was adopted")
        || lower.contains("were adopted")
        || lower.contains("was rejected")
        || lower.contains("was retained")
        || lower.contains("were retained")
        || lower.contains("was upheld")
        || lower.contains("results of the vote")
    {
        StageKind::Decision
    } else {
        StageKind::Other
    };
    (kind, time)
}

/// The first clock time in the text.
fn first_time(lower: &str) -> Option<String> {
    lower
        .char_indices()
        .filter(|&(i, c)| {
            c.is_ascii_digit() && !lower[..i].ends_with(|p: char| p.is_ascii_digit() || p == '.')
        })
        .find_map(|(i, _)| clock_24h(&lower[i..]))
}

/// The first clock time after `marker` ("at 3.10 p.m.").
fn time_after(lower: &str, marker: &str) -> Option<String> {
    let mut search = 0;
    while let Some(found) = lower[search..].find(marker) {
        let start = search + found + marker.len();
        if let Some(time) = clock_24h(&lower[start..]) {
            return Some(time);
        }
        search = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_times() {
        assert_eq!(
            classify("The meeting was called to order at 3.10 p.m."),
            (StageKind::CalledToOrder, Some("15:10".into()))
        );
        assert_eq!(
            classify("The meeting rose at 1.15 p.m."),
            (StageKind::Rose, Some("13:15".into()))
        );
        assert_eq!(
            classify("The agenda was adopted.").0,
            StageKind::AgendaAdopted
        );
        assert_eq!(
            classify("The agenda, as amended, was adopted.").0,
            StageKind::AgendaAdopted
        );
        assert_eq!(
            classify("A recorded vote was taken.").0,
            StageKind::VoteTaken
        );
        assert_eq!(
            classify("Mr. Wali (Nigeria), Vice-President, took the Chair.").0,
            StageKind::ChairChange
        );
        assert_eq!(classify("It was so decided.").0, StageKind::Decision);
        assert_eq!(
            classify("The members of the General Assembly observed a minute of silence.").0,
            StageKind::Silence
        );
        assert_eq!(
            classify("At the invitation of the President, Mr. Al-Kidwa (Palestine) took a seat at the Council table.").0,
            StageKind::Invitation
        );
        let (kind, time) =
            classify("The meeting was suspended at 4.35 p.m. and resumed at 5.15 p.m.");
        assert_eq!(kind, StageKind::Suspended);
        assert_eq!(time.as_deref(), Some("16:35"));
    }

    #[test]
    fn procedural_or_not() {
        assert!(is_procedural(
            "Draft resolution A/64/L.72 was adopted (resolution 64/299)."
        ));
        assert!(is_procedural(
            "In the absence of the President, Mr. Agyeman (Ghana), Vice-President, took the Chair."
        ));
        assert!(!is_procedural("Our Common Agenda"));
        assert!(!is_procedural("Prosecutor v. Germain Katanga"));
    }

    #[test]
    fn labels() {
        assert_eq!(vote_label("In favour:"), Some(VoteLabel::InFavour));
        assert_eq!(
            vote_label("In favour of overruling the President’s decision:"),
            Some(VoteLabel::InFavour)
        );
        assert_eq!(vote_label("Against:"), Some(VoteLabel::Against));
        assert_eq!(vote_label("Abstentions:"), Some(VoteLabel::Abstaining));
        assert_eq!(vote_label("The agenda was adopted."), None);
    }
}
