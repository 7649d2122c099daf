//! The gold form of a record (the shape of ../shared/corpus/gold/*.json, defined in its SPEC.md).
//!
//! [`GoldRecord`] is both what the hand-checked gold files deserialize into and what [`to_gold`] makes
//! from a parsed [`MeetingRecord`], so the evaluation compares two values of one type. Field names and
//! order follow SPEC.md; fields the SPEC writes as `null` are `Option`s that serialize as `null`, while
//! the extra keys only some files carry (`part`, `decision`, `subject`,
//! `continues_after_stage_direction`) are left out when absent, exactly as in the gold files.

use serde::{Deserialize, Serialize};

use crate::model::{Body, MeetingRecord, Outcome, ProceedingKind, Speech, StageKind, VoteMethod};

/// How many words of a turn's text `starts` and `ends` keep. The gold files use 5 to 8, so the
/// evaluation compares them by prefix and suffix rather than for equality.
pub const EDGE_WORDS: usize = 8;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GoldPerson {
    pub name: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldMember {
    pub country: String,
    pub representative: Option<String>,
}

/// One speaker turn: a heading and everything said under it until the next heading (a speech that
/// resumes after a stage direction without a new heading is still the same turn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldTurn {
    pub speaker: String,
    pub affiliation: Option<String>,
    pub spoke_in: Option<String>,
    pub starts: String,
    pub ends: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues_after_stage_direction: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldVote {
    pub draft: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    /// "show of hands" | "recorded vote" | "without a vote" | "consensus" | "secret ballot".
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub in_favour: Vec<String>,
    pub against: Vec<String>,
    pub abstaining: Vec<String>,
    /// In favour, against, abstaining as announced; `null` for a figure not announced.
    pub counts: Option<[Option<u32>; 3]>,
    /// "adopted" | "not adopted" | "not adopted (veto)".
    pub outcome: Option<String>,
    pub resolution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoldRecord {
    pub file: String,
    pub symbol: String,
    /// "SC" or "GA" ("Other" from a parsed record of another body).
    pub body: String,
    pub meeting_number: Option<u32>,
    pub session: Option<u32>,
    pub year_label: Option<String>,
    pub date: Option<String>,
    pub called_to_order: Option<String>,
    pub adjourned: Option<String>,
    pub location: Option<String>,
    pub president: GoldPerson,
    pub members: Vec<GoldMember>,
    /// GA: "Agenda item 13: Prevention of armed conflict"; SC: the item's title alone.
    pub agenda: Vec<String>,
    pub turns: Vec<GoldTurn>,
    pub stage_directions: Vec<String>,
    pub votes: Vec<GoldVote>,
    pub documents_cited: Vec<String>,
    #[serde(default)]
    pub notes: String,
}

/// The gold file's method string for a vote method.
pub fn method_str(method: VoteMethod) -> &'static str {
    match method {
        VoteMethod::ShowOfHands => "show of hands",
        VoteMethod::Recorded => "recorded vote",
        VoteMethod::WithoutVote => "without a vote",
        VoteMethod::Consensus => "consensus",
        VoteMethod::SecretBallot => "secret ballot",
    }
}

/// The gold file's outcome string for an outcome.
pub fn outcome_str(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Adopted => "adopted",
        Outcome::NotAdopted => "not adopted",
        Outcome::Vetoed => "not adopted (veto)",
    }
}

/// The gold form of a parsed record.
///
/// Turns are the speech proceedings in order, except that a speech marked `continues` extends the turn
/// before it (its `ends` then comes from the continuation, and the turn is flagged
/// `continues_after_stage_direction`). Stage directions are the texts of the stage-direction
/// proceedings other than mid-speech language notes, which the gold files do not count.
pub fn to_gold(record: &MeetingRecord) -> GoldRecord {
    let mut turns: Vec<GoldTurn> = Vec::new();
    let mut stage_directions = Vec::new();
    let mut votes = Vec::new();
    for proceeding in &record.proceedings {
        match &proceeding.kind {
            ProceedingKind::Speech(speech) => {
                let words = speech_words(speech);
                match turns.last_mut() {
                    Some(turn) if speech.continues => {
                        // The starts stay those of the turn's first part; a continuation with no words
                        // leaves the turn's end where it was.
                        if !words.is_empty() {
                            turn.ends = last_words(&words, EDGE_WORDS);
                        }
                        turn.continues_after_stage_direction = Some(true);
                    }
                    _ => turns.push(GoldTurn {
                        speaker: speech.speaker.name.clone(),
                        affiliation: speech.speaker.affiliation.clone(),
                        spoke_in: speech.spoke_in.clone(),
                        starts: first_words(&words, EDGE_WORDS),
                        ends: last_words(&words, EDGE_WORDS),
                        continues_after_stage_direction: None,
                    }),
                }
            }
            ProceedingKind::StageDirection(direction) => {
                if direction.kind != StageKind::LanguageNote {
                    stage_directions.push(direction.text.clone());
                }
            }
            ProceedingKind::Vote(vote) => votes.push(GoldVote {
                draft: vote.draft.clone(),
                part: vote.part.clone(),
                method: method_str(vote.method).to_owned(),
                subject: vote.subject.clone(),
                in_favour: vote.in_favour.iter().map(|c| c.name.clone()).collect(),
                against: vote.against.iter().map(|c| c.name.clone()).collect(),
                abstaining: vote.abstaining.iter().map(|c| c.name.clone()).collect(),
                counts: vote.counts,
                outcome: vote.outcome.map(|o| outcome_str(o).to_owned()),
                resolution: vote.resolution.clone(),
                decision: vote.decision.clone(),
            }),
            ProceedingKind::AgendaHeading(_) => {}
        }
    }
    let president = record
        .president
        .as_ref()
        .map(|p| GoldPerson {
            name: p.name.clone(),
            country: p.country.clone(),
        })
        .unwrap_or_default();
    GoldRecord {
        file: record.source.file.clone(),
        symbol: record.symbol.clone(),
        body: body_str(record.body).to_owned(),
        meeting_number: record.meeting_number,
        session: record.session,
        year_label: record.year_label.clone(),
        date: record.date.clone(),
        called_to_order: record.called_to_order.clone(),
        adjourned: record.adjourned.clone(),
        location: record.location.clone(),
        president,
        members: record
            .members
            .iter()
            .map(|m| GoldMember {
                country: m.country.clone(),
                representative: m.representative.clone(),
            })
            .collect(),
        agenda: record
            .agenda
            .iter()
            .map(|item| agenda_label(item.number.as_deref(), &item.title))
            .collect(),
        turns,
        stage_directions,
        votes,
        documents_cited: record.documents_cited.clone(),
        notes: format!(
            "Produced by verbatim from {} (not hand-checked).",
            record.source.file
        ),
    }
}

fn body_str(body: Body) -> &'static str {
    body.as_str()
}

/// "Agenda item 13: Prevention of armed conflict" where the item has a number (GA), the bare title
/// otherwise (SC). A range or list of numbers takes the plural, as the records usually print it.
fn agenda_label(number: Option<&str>, title: &str) -> String {
    match number {
        Some(number) => {
            let plural =
                number.contains(" to ") || number.contains(',') || number.contains(" and ");
            let item = if plural { "items" } else { "item" };
            format!("Agenda {item} {number}: {title}")
        }
        None => title.to_owned(),
    }
}

fn speech_words(speech: &Speech) -> Vec<&str> {
    speech
        .paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .collect()
}

fn first_words(words: &[&str], n: usize) -> String {
    words[..words.len().min(n)].join(" ")
}

fn last_words(words: &[&str], n: usize) -> String {
    words[words.len().saturating_sub(n)..].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn speaker(name: &str, affiliation: Option<&str>) -> Speaker {
        Speaker {
            heading: name.to_owned(),
            name: name.to_owned(),
            title: None,
            affiliation: affiliation.map(str::to_owned),
            country_code: None,
            role: Role::Other,
            function: None,
            on_behalf_of: None,
        }
    }

    fn proceeding(seq: u32, kind: ProceedingKind) -> Proceeding {
        Proceeding {
            seq,
            provenance: Provenance::default(),
            kind,
        }
    }

    fn speech(name: &str, text: &str, continues: bool) -> ProceedingKind {
        ProceedingKind::Speech(Speech {
            speaker: speaker(name, Some("France")),
            spoke_in: Some("French".to_owned()),
            paragraphs: text.split(" / ").map(str::to_owned).collect(),
            documents_cited: Vec::new(),
            continues,
        })
    }

    fn record(proceedings: Vec<Proceeding>) -> MeetingRecord {
        MeetingRecord {
            schema_version: RECORD_SCHEMA_VERSION,
            symbol: "S/PV.1".to_owned(),
            body: Body::SC,
            meeting_number: Some(1),
            resumption: None,
            session: None,
            year_label: None,
            date: None,
            called_to_order: None,
            adjourned: None,
            location: None,
            president: None,
            members: Vec::new(),
            agenda: vec![
                AgendaItem {
                    number: Some("13".to_owned()),
                    title: "Prevention of armed conflict".to_owned(),
                    documents: Vec::new(),
                },
                AgendaItem {
                    number: Some("21 to 26".to_owned()),
                    title: "Question of Cyprus".to_owned(),
                    documents: Vec::new(),
                },
                AgendaItem {
                    number: None,
                    title: "The situation in Haiti".to_owned(),
                    documents: Vec::new(),
                },
            ],
            proceedings,
            documents_cited: Vec::new(),
            source: Source {
                file: "x.pdf".to_owned(),
                ..Source::default()
            },
            diagnostics: Vec::new(),
            coverage: Coverage::default(),
        }
    }

    #[test]
    fn continuation_extends_the_previous_turn() {
        let rec = record(vec![
            proceeding(
                0,
                speech(
                    "Mr. A",
                    "one two three four / five six seven eight nine ten",
                    false,
                ),
            ),
            proceeding(
                1,
                ProceedingKind::StageDirection(StageDirection {
                    kind: StageKind::ChairChange,
                    text: "Mr. B took the Chair.".to_owned(),
                    time: None,
                }),
            ),
            proceeding(
                2,
                ProceedingKind::StageDirection(StageDirection {
                    kind: StageKind::LanguageNote,
                    text: "(spoke in English)".to_owned(),
                    time: None,
                }),
            ),
            proceeding(3, speech("Mr. A", "and so I end here.", true)),
            proceeding(4, speech("Mr. C", "Short.", false)),
        ]);
        let gold = to_gold(&rec);
        assert_eq!(gold.turns.len(), 2);
        assert_eq!(
            gold.turns[0].starts,
            "one two three four five six seven eight"
        );
        assert_eq!(gold.turns[0].ends, "and so I end here.");
        assert_eq!(gold.turns[0].continues_after_stage_direction, Some(true));
        assert_eq!(gold.turns[1].speaker, "Mr. C");
        assert_eq!(gold.turns[1].starts, "Short.");
        assert_eq!(gold.turns[1].ends, "Short.");
        assert_eq!(gold.turns[1].continues_after_stage_direction, None);
        // The language note is not a stage direction in the gold form.
        assert_eq!(gold.stage_directions, vec!["Mr. B took the Chair."]);
        assert_eq!(
            gold.agenda,
            vec![
                "Agenda item 13: Prevention of armed conflict",
                "Agenda items 21 to 26: Question of Cyprus",
                "The situation in Haiti",
            ]
        );
    }

    #[test]
    fn ends_take_the_last_eight_words() {
        let rec = record(vec![proceeding(
            0,
            speech("Mr. A", "a b c d e f g h i j", false),
        )]);
        let gold = to_gold(&rec);
        assert_eq!(gold.turns[0].starts, "a b c d e f g h");
        assert_eq!(gold.turns[0].ends, "c d e f g h i j");
    }

    #[test]
    fn votes_use_the_gold_strings() {
        let country = |name: &str| CountryRef {
            name: name.to_owned(),
            code: None,
        };
        let rec = record(vec![proceeding(
            0,
            ProceedingKind::Vote(Vote {
                draft: Some("S/1997/241".to_owned()),
                part: None,
                subject: None,
                method: VoteMethod::ShowOfHands,
                in_favour: vec![country("Chile"), country("China")],
                against: vec![country("United States of America")],
                abstaining: vec![country("Costa Rica")],
                counts: Some([Some(13), Some(1), None]),
                outcome: Some(Outcome::Vetoed),
                vetoed_by: vec![country("United States of America")],
                resolution: None,
                decision: None,
                notes: Vec::new(),
            }),
        )]);
        let gold = to_gold(&rec);
        let json = serde_json::to_string(&gold.votes[0]).unwrap();
        assert_eq!(
            json,
            r#"{"draft":"S/1997/241","method":"show of hands","in_favour":["Chile","China"],"against":["United States of America"],"abstaining":["Costa Rica"],"counts":[13,1,null],"outcome":"not adopted (veto)","resolution":null}"#
        );
    }
}
