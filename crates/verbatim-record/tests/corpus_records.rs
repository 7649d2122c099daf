//! Every corpus record through the real pipeline (PDF -> runs -> lines -> record), checked against the
//! hand-made gold file: cover facts, every turn's speaker in order, votes, stage directions.
//!
//! The corpus lives outside the repository (`../shared/corpus` from the workspace root). Without it the
//! tests print a notice and pass, except under CI (the `CI` variable set), where a missing corpus fails.

use serde_json::Value;
use verbatim_record::{LineFate, MeetingRecord, Outcome, ProceedingKind, Vote, gold};

mod common;
use common::load;

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_owned)
}

fn lower(v: &str) -> String {
    v.to_lowercase()
}

/// Cover facts: symbol, body, numbers, date, times, place, President, member count.
fn check_cover(record: &MeetingRecord, gold: &Value) {
    assert_eq!(record.symbol, gold["symbol"].as_str().unwrap(), "symbol");
    assert_eq!(record.body.as_str(), gold["body"].as_str().unwrap(), "body");
    assert_eq!(
        record.meeting_number.map(u64::from),
        gold["meeting_number"].as_u64(),
        "meeting number"
    );
    assert_eq!(
        record.session.map(u64::from),
        gold["session"].as_u64(),
        "session"
    );
    assert_eq!(record.year_label, s(&gold["year_label"]), "year label");
    assert_eq!(record.date, s(&gold["date"]), "date");
    assert_eq!(
        record.called_to_order,
        s(&gold["called_to_order"]),
        "called to order"
    );
    assert_eq!(record.adjourned, s(&gold["adjourned"]), "adjourned");
    assert_eq!(record.location, s(&gold["location"]), "location");
    let president = record.president.as_ref().expect("a President on the cover");
    assert_eq!(
        president.name.as_deref().map(lower),
        gold["president"]["name"].as_str().map(lower),
        "President's name"
    );
    assert_eq!(
        president.country,
        s(&gold["president"]["country"]),
        "President's country"
    );
    let members = gold["members"].as_array().unwrap();
    assert_eq!(record.members.len(), members.len(), "member count");
    for (m, g) in record.members.iter().zip(members) {
        assert_eq!(m.country, g["country"].as_str().unwrap());
        assert_eq!(m.representative, s(&g["representative"]));
    }
}

/// Every turn's speaker, affiliation and language, in order; the first and last words of each.
fn check_turns(record: &MeetingRecord, gold: &Value) {
    let ours = gold::to_gold(record);
    let expected = gold["turns"].as_array().unwrap();
    let speakers: Vec<String> = ours.turns.iter().map(|t| lower(&t.speaker)).collect();
    let gold_speakers: Vec<String> = expected
        .iter()
        .map(|t| lower(t["speaker"].as_str().unwrap()))
        .collect();
    assert_eq!(speakers, gold_speakers, "speakers in order");
    for (i, (t, g)) in ours.turns.iter().zip(expected).enumerate() {
        assert_eq!(t.affiliation, s(&g["affiliation"]), "turn {i} affiliation");
        assert_eq!(t.spoke_in, s(&g["spoke_in"]), "turn {i} spoke_in");
        let first: Vec<&str> = g["starts"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .take(4)
            .collect();
        let ours_first: Vec<&str> = t.starts.split_whitespace().take(4).collect();
        assert_eq!(ours_first, first, "turn {i} opening words");
        let last: Vec<&str> = g["ends"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .rev()
            .take(3)
            .collect();
        let ours_last: Vec<&str> = t.ends.split_whitespace().rev().take(3).collect();
        assert_eq!(ours_last, last, "turn {i} closing words");
    }
}

/// Votes: drafts, methods, announced counts, outcomes, resolutions and (where listed) the lists.
fn check_votes(record: &MeetingRecord, gold: &Value) {
    let ours = gold::to_gold(record);
    let expected = gold["votes"].as_array().unwrap();
    assert_eq!(ours.votes.len(), expected.len(), "vote count");
    for (i, (v, g)) in ours.votes.iter().zip(expected).enumerate() {
        assert_eq!(v.draft, s(&g["draft"]), "vote {i} draft");
        assert_eq!(v.method, g["method"].as_str().unwrap(), "vote {i} method");
        let counts: Option<Vec<Option<u32>>> = g["counts"]
            .as_array()
            .map(|a| a.iter().map(|c| c.as_u64().map(|n| n as u32)).collect());
        assert_eq!(v.counts.map(|c| c.to_vec()), counts, "vote {i} counts");
        assert_eq!(v.outcome, s(&g["outcome"]), "vote {i} outcome");
        assert_eq!(v.resolution, s(&g["resolution"]), "vote {i} resolution");
        for list in ["in_favour", "against", "abstaining"] {
            let names: Vec<String> = g[list]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_owned())
                .collect();
            let ours_list = match list {
                "in_favour" => &v.in_favour,
                "against" => &v.against,
                _ => &v.abstaining,
            };
            assert_eq!(ours_list, &names, "vote {i} {list}");
        }
    }
}

fn check_stage_directions(record: &MeetingRecord, gold: &Value) {
    let ours = gold::to_gold(record);
    let expected: Vec<String> = gold["stage_directions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ours.stage_directions, expected, "stage directions");
}

fn check_citations(record: &MeetingRecord, gold: &Value) {
    let expected: Vec<String> = gold["documents_cited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(record.documents_cited, expected, "documents cited");
}

fn check_born_digital(name: &str) {
    let Some((parsed, gold)) = load(name) else {
        return;
    };
    let record = &parsed.record;
    check_cover(record, &gold);
    check_turns(record, &gold);
    check_stage_directions(record, &gold);
    check_votes(record, &gold);
    check_citations(record, &gold);
    assert!(
        record.coverage.ratio() >= 0.995,
        "coverage {}",
        record.coverage.ratio()
    );
    assert!(
        !parsed.fates.contains(&LineFate::Translation),
        "no translation column in {name}"
    );
}

#[test]
fn sc_2018_8422() {
    check_born_digital("sc_2018_8422");
}

#[test]
fn sc_1997_3756_veto() {
    check_born_digital("sc_1997_3756");
    let Some((parsed, _)) = load("sc_1997_3756") else {
        return;
    };
    let vote = parsed
        .record
        .proceedings
        .iter()
        .find_map(|p| match &p.kind {
            verbatim_record::ProceedingKind::Vote(v) => Some(v),
            _ => None,
        })
        .expect("a vote");
    let vetoed_by: Vec<&str> = vote.vetoed_by.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(vetoed_by, ["United States of America"]);
}

#[test]
fn ga_64_121() {
    check_born_digital("ga_64_121");
}

#[test]
fn ga_61_107() {
    check_born_digital("ga_61_107");
}

#[test]
fn ga_65_71() {
    check_born_digital("ga_65_71");
}

/// The bracketed roman notes printed after three recorded votes ("[Subsequently, the delegation of ...
/// advised the Secretariat that it had intended to ...]") are kept, whole, on the vote they follow.
#[test]
fn ga_65_71_notes_after_votes_are_kept_on_their_vote() {
    let Some((parsed, _gold)) = load("ga_65_71") else {
        return;
    };
    let notes: Vec<(Option<String>, &str)> = parsed
        .record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Vote(v) => Some(v),
            _ => None,
        })
        .flat_map(|v| v.notes.iter().map(|n| (v.resolution.clone(), n.as_str())))
        .collect();
    let expected = [
        (
            "65/199",
            "Democratic Republic of the Congo",
            "vote in favour",
        ),
        ("65/206", "Gambia", "abstain"),
        ("65/208", "Saudi Arabia", "abstain"),
    ];
    assert_eq!(notes.len(), expected.len(), "notes found: {notes:?}");
    for ((resolution, note), (want_res, country, intent)) in notes.iter().zip(expected) {
        assert_eq!(resolution.as_deref(), Some(want_res), "{note}");
        assert!(note.starts_with("[Subsequently"), "{note}");
        assert!(note.ends_with(".]"), "the note is whole: {note}");
        assert!(note.contains(country) && note.contains(intent), "{note}");
    }
}

#[test]
fn ga_76_102() {
    check_born_digital("ga_76_102");
}

#[test]
fn ga_79_29() {
    check_born_digital("ga_79_29");
}

/// The 1950 bilingual scan: metadata right, the French column set aside, English turns only.
#[test]
fn sc_1950_492_printed_scan() {
    let Some((parsed, gold)) = load("sc_1950_492") else {
        return;
    };
    let record = &parsed.record;
    check_cover(record, &gold);
    let agenda: Vec<String> = record.agenda.iter().map(|a| a.title.clone()).collect();
    assert_eq!(agenda.len(), 3, "three agenda items: {agenda:?}");
    assert_eq!(agenda[0], "Adoption of the agenda");
    assert!(
        parsed.fates.contains(&LineFate::Translation),
        "the French column is set aside"
    );
    let ours = gold::to_gold(record);
    // No turn comes from the French column ("Le PRÉSIDENT (traduit du russe)").
    assert!(
        ours.turns
            .iter()
            .all(|t| !t.speaker.contains("PRÉSIDENT") && !t.speaker.starts_with("M. "))
    );
    let expected = gold["turns"].as_array().unwrap().len();
    assert!(
        ours.turns.len() <= expected,
        "{} turns for {expected} English turns",
        ours.turns.len()
    );
    let presidents = ours
        .turns
        .iter()
        .filter(|t| t.speaker == "The President")
        .count();
    assert!(
        presidents >= 15,
        "most of the 23 President turns are found ({presidents})"
    );
    // No French text inside the English turns (page 11's columns were once read as one).
    for p in &record.proceedings {
        if let ProceedingKind::Speech(speech) = &p.kind {
            for para in &speech.paragraphs {
                assert!(
                    !para.contains("traduit") && !para.contains("(Inde)"),
                    "French text in an English turn: {para:?}"
                );
            }
        }
    }
    // The OCR words that the record's own vocabulary corrects, in turn openings the gold lists.
    for start in [
        "The agenda which is before the Security Council",
        "My delegation objects to the",
        "I am bound to say that I had",
        "According to the Secretariat, the cablegram from the",
    ] {
        assert!(
            ours.turns.iter().any(|t| t.starts.starts_with(start)),
            "no turn opens with {start:?}"
        );
    }
    // The four votes: the Indian wording (its Against/Abstaining called after other business), the
    // provisional wording, the challenge to the President's ruling (no draft), and S/1732.
    let votes: Vec<&Vote> = record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Vote(v) => Some(v),
            _ => None,
        })
        .collect();
    assert_eq!(votes.len(), 4, "{votes:#?}");
    assert_eq!(votes[0].in_favour.len(), 7);
    assert_eq!(votes[0].against.len(), 2);
    assert_eq!(votes[0].abstaining.len(), 1);
    assert_eq!(votes[1].in_favour.len(), 1);
    assert_eq!(votes[2].draft, None);
    assert_eq!(votes[2].counts, Some([Some(5), Some(2), Some(4)]));
    assert_eq!(votes[3].draft.as_deref(), Some("S/1732"));
    assert_eq!(votes[3].counts, Some([Some(4), Some(4), Some(3)]));
    assert_eq!(
        votes[3].outcome,
        Some(Outcome::NotAdopted),
        "no veto: it lacked seven votes"
    );
}
