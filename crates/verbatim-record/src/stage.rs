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

/// Sentences that open with these words are stage directions wherever they stand.
const OPENING_FORMULAS: &[&[&str]] = &[
    &["the", "meeting", "was", "called", "to", "order"],
    &["the", "meeting", "rose"],
    &["the", "meeting", "was", "suspended"],
    &["the", "meeting", "was", "resumed"],
    &["the", "meeting", "resumed"],
    &["the", "meeting", "was", "adjourned"],
    &["the", "agenda", "was", "adopted"],
    &["a", "vote", "was", "taken"],
    &["a", "recorded", "vote", "was", "taken"],
    &["a", "vote", "was", "taken", "by", "secret", "ballot"],
    &["it", "was", "so", "decided"],
    &["at", "the", "invitation", "of", "the"],
    &[
        "the", "members", "of", "the", "general", "assembly", "observed",
    ],
    &["the", "members", "of", "the", "council", "observed"],
];

/// Verbs of a result or a change of chair: a sentence about a draft, an amendment, a paragraph or a
/// person that ends shortly after one of these is a stage direction.
const CLOSING_FORMULAS: &[&[&str]] = &[
    &["was", "adopted"],
    &["were", "adopted"],
    &["was", "not", "adopted"],
    &["was", "rejected"],
    &["were", "rejected"],
    &["was", "retained"],
    &["were", "retained"],
    &["took", "the", "chair"],
    &["returned", "to", "the", "chair"],
    &["took", "a", "seat"],
    &["took", "the", "seat"],
    &["took", "their", "seats"],
    &["was", "escorted"],
    &["observed", "a", "minute", "of", "silence"],
];

/// Words of a sentence as compared with the formulas: lower case, letters only.
fn formula_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether an OCR'd word reads as a formula's word: equal, or for words of four letters or more one
/// edit apart ("cailed" for "called").
fn word_matches(seen: &str, want: &str) -> bool {
    if seen == want {
        return true;
    }
    let n = want.chars().count();
    n >= 4 && {
        let (seen, want): (Vec<char>, Vec<char>) = (seen.chars().collect(), want.chars().collect());
        crate::vocab::one_edit(&seen, &want)
    }
}

/// Levenshtein distance of two short letter sequences.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn starts_with_formula(words: &[String], formula: &[&str]) -> bool {
    words.len() >= formula.len() && formula.iter().zip(words).all(|(w, s)| word_matches(s, w))
}

/// True when a paragraph read without its styling is a stage direction by its wording alone: it opens
/// with a procedural formula ("The meeting was called to order at ..."), or it is one sentence that
/// closes with a result or a change of chair ("Draft resolution A/64/L.72 was adopted (resolution
/// 64/299).", "Mr. Wali (Nigeria), Vice-President, took the Chair."). OCR misreadings of a letter in a
/// word are tolerated. Style, where a record has it, is the stronger sign; this is for records without.
pub(crate) fn is_formula(text: &str) -> bool {
    let words = formula_words(text);
    if words.is_empty() || words.len() > 70 {
        return false;
    }
    // A stage direction never speaks in the first person ("I now invite representatives to stand and
    // observe a minute of silence" is the President's speech); a lone "I" further on is a numeral.
    if matches!(words[0].as_str(), "i" | "t" | "we" | "let")
        || words
            .iter()
            .any(|w| matches!(w.as_str(), "we" | "my" | "our" | "us" | "me"))
    {
        return false;
    }
    if OPENING_FORMULAS
        .iter()
        .any(|f| starts_with_formula(&words, f))
    {
        return true;
    }
    // Words the OCR glued or split ("Arecorded vote was taken"): the letters of the opening compared
    // with the formula's, allowing one misread letter in ten.
    let letters: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    if OPENING_FORMULAS.iter().any(|f| {
        let want: Vec<char> = f.iter().flat_map(|w| w.chars()).collect();
        let budget = (want.len() / 10).max(1);
        (want.len().saturating_sub(1)..=want.len() + 1)
            .any(|n| n <= letters.len() && edit_distance(&letters[..n], &want) <= budget)
    }) {
        return true;
    }
    // A closing formula must sit in the paragraph's last sentence and near its end: what follows it is
    // a tally, a resolution number or a place ("by 13 votes to 1 (resolution 48/14)", "at the Council
    // table").
    let trimmed = text.trim_end();
    if !(trimmed.ends_with('.') || trimmed.ends_with(".)")) {
        return false;
    }
    (0..words.len()).any(|start| {
        CLOSING_FORMULAS
            .iter()
            .any(|f| starts_with_formula(&words[start..], f) && words.len() - start - f.len() <= 24)
    }) && sentence_count(trimmed) <= 1
}

/// Sentences in a paragraph, counting a full stop followed by a space and a capital letter (so that
/// "p.m.", "Corr.1" and "S/PV.8422" do not end one).
fn sentence_count(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 1;
    for k in 0..chars.len().saturating_sub(2) {
        if chars[k] == '.' && chars[k + 1] == ' ' && chars[k + 2].is_uppercase() {
            // "Mr. Wali", "St. Lucia": an abbreviation before a name is no sentence end.
            let before: String = chars[..k]
                .iter()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if !matches!(before.as_str(), "rM" | "srM" | "sM" | "rD" | "tS" | "o") {
                n += 1;
            }
        }
    }
    n
}

/// Words of the procedure that stage directions are made of, for reading their OCR misreadings
/// ("resohition", "preambutar", "cailed").
const PROCEDURE_WORDS: &[&str] = &[
    "meeting",
    "called",
    "order",
    "suspended",
    "resumed",
    "adjourned",
    "agenda",
    "adopted",
    "recorded",
    "taken",
    "decided",
    "invitation",
    "president",
    "vice-president",
    "returned",
    "chair",
    "draft",
    "resolution",
    "resolutions",
    "decision",
    "decisions",
    "amendment",
    "amendments",
    "paragraph",
    "paragraphs",
    "preambular",
    "operative",
    "retained",
    "rejected",
    "abstentions",
    "abstention",
    "votes",
    "whole",
    "amended",
    "members",
    "observed",
    "silence",
    "minute",
    "council",
    "assembly",
    "representative",
    "representatives",
];

/// A roman numeral as OCR reads it ("IT", "HI", "I]", "Il" for II and III): None when it is not one.
fn ocr_roman(token: &str) -> Option<String> {
    let trail: String = token
        .chars()
        .rev()
        .take_while(|c| matches!(c, ',' | '.' | ';' | ')'))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let core = &token[..token.len() - trail.len()];
    if core.is_empty() || core.len() > 5 {
        return None;
    }
    let mut out = String::new();
    for c in core.chars() {
        match c {
            'I' | 'V' | 'X' => out.push(c),
            'l' | '1' | '|' | ']' | 'T' | '!' => out.push('I'),
            'H' => out.push_str("II"),
            _ => return None,
        }
    }
    let valid = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    valid.contains(&out.as_str()).then(|| out + &trail)
}

/// Reads a stage direction of an OCR text layer in the words of the procedure: each word one or two
/// misread letters from a procedure word becomes that word ("resohition" -> "resolution"), a roman
/// numeral after "resolution" or "decision" is read as one ("IT" -> "II"), a count before "votes" or
/// "abstentions" is read with the OCR's digit confusions ("ii" -> "11"), a stray dash between two words
/// is dropped, and words glued at the start ("Arecorded") are set apart as the formula has them. Returns
/// the text unchanged when nothing needed reading.
pub(crate) fn read_ocr_direction(text: &str) -> String {
    let text = &canonical_opening(&split_glued_opening(text));
    let mut tokens: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    // "Draft — resolution": a dash the OCR made of a speck.
    tokens.retain(|t| !matches!(t.as_str(), "—" | "–" | "-" | "_" | "~"));
    let n = tokens.len();
    for k in 0..n {
        let word: String = tokens[k]
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '-')
            .flat_map(char::to_lowercase)
            .collect();
        let previous = if k > 0 {
            tokens[k - 1].to_lowercase()
        } else {
            String::new()
        };
        let next = tokens
            .get(k + 1)
            .map(|t| t.to_lowercase())
            .unwrap_or_default();
        // The previous token has been read already, so "resohition IT" is "resolution II" here.
        if matches!(previous.as_str(), "resolution" | "decision")
            && let Some(roman) = ocr_roman(&tokens[k])
            && roman.trim_end_matches([',', '.', ';', ')'])
                != tokens[k].trim_end_matches([',', '.', ';', ')'])
        {
            tokens[k] = roman;
            continue;
        }
        if (next.starts_with("vote") || next.starts_with("abstention"))
            && !tokens[k].chars().all(|c| c.is_ascii_digit())
            && tokens[k].len() <= 3
        {
            let digits: Option<String> = tokens[k]
                .chars()
                .map(|c| match c {
                    '0'..='9' => Some(c),
                    'i' | 'l' | 'I' | '|' => Some('1'),
                    'o' | 'O' => Some('0'),
                    _ => None,
                })
                .collect();
            if let Some(d) = digits {
                tokens[k] = d;
                continue;
            }
        }
        if word.len() < 5 || PROCEDURE_WORDS.contains(&word.as_str()) {
            continue;
        }
        let chars: Vec<char> = word.chars().collect();
        let budget = if chars.len() >= 8 { 2 } else { 1 };
        let best = PROCEDURE_WORDS
            .iter()
            .map(|w| (edit_distance(&chars, &w.chars().collect::<Vec<_>>()), *w))
            .filter(|(d, _)| *d <= budget)
            .min_by_key(|(d, _)| *d);
        if let Some((_, want)) = best
            && !crate::lexicon::contains(&word)
        {
            let lead: String = tokens[k]
                .chars()
                .take_while(|c| !c.is_alphabetic())
                .collect();
            let tail = non_letter_tail(&tokens[k]);
            let capital = tokens[k]
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase);
            let mut w = want.to_owned();
            if capital {
                w = w[..1].to_uppercase() + &w[1..];
            }
            tokens[k] = format!("{lead}{w}{tail}");
        }
    }
    let mut out = tokens.join(" ");
    // "Corr.i", "(resolution 48/14}": a bracket or a digit misread at the end of a symbol.
    out = out
        .replace("Corr.i", "Corr.1")
        .replace("}.", ").")
        .replace("})", "))");
    if out.ends_with('}') {
        out.pop();
        out.push(')');
    }
    out
}

/// The opening words of a direction whose letters read as a formula's but whose words do not ("ft was
/// so decided.") replaced by the formula's words, keeping the rest and the first capital.
fn canonical_opening(text: &str) -> String {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for f in OPENING_FORMULAS {
        if tokens.len() < f.len() {
            continue;
        }
        let head = formula_words(&tokens[..f.len()].join(" "));
        if head.len() != f.len() || head.iter().zip(f.iter()).all(|(a, b)| a == b) {
            continue;
        }
        let seen: Vec<char> = head.iter().flat_map(|w| w.chars()).collect();
        let want: Vec<char> = f.iter().flat_map(|w| w.chars()).collect();
        if edit_distance(&seen, &want) > (want.len() / 10).max(1) {
            continue;
        }
        let tail = non_letter_tail(tokens[f.len() - 1]);
        let mut words: Vec<String> = f.iter().map(|w| (*w).to_owned()).collect();
        words[0] = words[0][..1].to_uppercase() + &words[0][1..];
        let mut out = words.join(" ");
        out.push_str(tail);
        for t in &tokens[f.len()..] {
            out.push(' ');
            out.push_str(t);
        }
        return out;
    }
    text.to_owned()
}

/// What follows a token's last letter ("decided." -> ".", "48/14)." -> ")." after the digits' letters).
fn non_letter_tail(token: &str) -> &str {
    let end = token
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphabetic())
        .map_or(0, |(at, c)| at + c.len_utf8());
    &token[end..]
}

/// A glued opening ("Arecorded vote was taken.") set apart as the formula prints it.
fn split_glued_opening(text: &str) -> String {
    let mut out = text.to_owned();
    let words = formula_words(&out);
    for f in OPENING_FORMULAS {
        if starts_with_formula(&words, f) {
            break;
        }
        let want: String = f.concat();
        let first = words.first().cloned().unwrap_or_default();
        if first.len() > f[0].len() && want.starts_with(&first) {
            let glued_len = out.find(' ').unwrap_or(out.len());
            let split_at = f[0].len();
            if out.is_char_boundary(split_at) && split_at < glued_len {
                out = format!("{} {}", &out[..split_at], &out[split_at..]);
            }
            break;
        }
    }
    out
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
        ocr_vote_label(lower)
    }
}

/// A whole label the OCR misread by one letter or one of its confusions ("Agamst", "Adbstaining", "In
/// favonr"): its letters are at most one change from a label's by the OCR distance. Only the whole text before the colon counts, so a word of a sentence never
/// becomes a label.
fn ocr_vote_label(text: &str) -> Option<VoteLabel> {
    if text.split_whitespace().count() > 2 {
        return None;
    }
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    [
        (VoteLabel::InFavour, "infavour"),
        (VoteLabel::Against, "against"),
        (VoteLabel::Abstaining, "abstaining"),
    ]
    .into_iter()
    .find(|(_, word)| crate::vocab::ocr_distance(&letters, word) <= 1.0)
    .map(|(label, _)| label)
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
    #[test]
    fn formulas_without_style() {
        assert!(is_formula("The meeting was called to order at 3.10 p.m."));
        assert!(is_formula("The meeting was cailed to order at 3.20 p.m."));
        assert!(is_formula("A recorded vote was taken."));
        assert!(is_formula("Arecorded vote was taken."));
        assert_eq!(
            read_ocr_direction("Arecorded vote was taken."),
            "A recorded vote was taken."
        );
        assert_eq!(
            read_ocr_direction("Draft resohition IT was adopted (resolution 65/183)."),
            "Draft resolution II was adopted (resolution 65/183)."
        );
        assert_eq!(
            read_ocr_direction("Draft resolution HI was adopted (resolution 65/189)."),
            "Draft resolution III was adopted (resolution 65/189)."
        );
        assert_eq!(
            read_ocr_direction(
                "Draft — resolution A/61/L.68 was adopted by 143 votes to 4, with ii abstentions (resolution 61/295)."
            ),
            "Draft resolution A/61/L.68 was adopted by 143 votes to 4, with 11 abstentions (resolution 61/295)."
        );
        assert_eq!(
            read_ocr_direction("The meeting was cailed to order at 3.20 p.m."),
            "The meeting was called to order at 3.20 p.m."
        );
        assert_eq!(
            read_ocr_direction("ft was so decided."),
            "It was so decided."
        );
        assert!(!is_formula(
            "I now invite representatives to stand and observe a minute of silence."
        ));
        // A direction read right is left as it is.
        let right = "Mr. Nyakyi (United Republic of Tanzania), Vice-President, took the Chair.";
        assert_eq!(read_ocr_direction(right), right);
        assert!(is_formula("It was so decided."));
        assert!(is_formula(
            "Mr. Nyakyi (United Republic of Tanzania), Vice-President, took the Chair."
        ));
        assert!(is_formula(
            "Draft resolution A/48/L.13 and Corr.1, as a whole, was adopted by 140 votes to 1, with 9 abstentions (resolution 48/14)."
        ));
        assert!(is_formula("The President returned to the Chair."));
        // Speech text that mentions an adoption is not one.
        assert!(!is_formula(
            "Last year the draft resolution was adopted. We hope it will be adopted again."
        ));
        assert!(!is_formula("We welcome the resolution that was adopted"));
        assert!(!is_formula(
            "The Security Council will now begin its consideration of the item on its agenda."
        ));
    }

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
        // Labels the OCR misread by a letter or one of its confusions.
        assert_eq!(vote_label("Agamst"), Some(VoteLabel::Against));
        assert_eq!(vote_label("Adbstaining"), Some(VoteLabel::Abstaining));
        assert_eq!(vote_label("In favonr"), Some(VoteLabel::InFavour));
        assert_eq!(vote_label("Again"), None);
        assert_eq!(vote_label("Abstain"), None);
    }
}
