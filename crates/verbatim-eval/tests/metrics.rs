//! Each metric on small hand-written gold pairs: the right value when the parse is right, and the drop
//! computed by hand when one thing is wrong.

use verbatim_eval::{Mismatch, evaluate, evaluate_failure, normalize};
use verbatim_record::gold::{GoldMember, GoldPerson, GoldRecord, GoldTurn, GoldVote};

fn turn(speaker: &str, affiliation: Option<&str>, starts: &str, ends: &str) -> GoldTurn {
    GoldTurn {
        speaker: speaker.to_owned(),
        affiliation: affiliation.map(str::to_owned),
        spoke_in: None,
        starts: starts.to_owned(),
        ends: ends.to_owned(),
        continues_after_stage_direction: None,
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn vote(draft: &str, in_favour: &[&str], against: &[&str], outcome: &str) -> GoldVote {
    GoldVote {
        draft: Some(draft.to_owned()),
        part: None,
        method: "show of hands".to_owned(),
        subject: None,
        in_favour: names(in_favour),
        against: names(against),
        abstaining: Vec::new(),
        counts: Some([
            Some(in_favour.len() as u32),
            Some(against.len() as u32),
            Some(0),
        ]),
        outcome: Some(outcome.to_owned()),
        resolution: None,
        decision: None,
    }
}

/// A small Security Council record: 4 turns, 2 stage directions, 2 votes, 3 citations.
fn gold() -> GoldRecord {
    GoldRecord {
        file: "sc_test.pdf".to_owned(),
        symbol: "S/PV.9999".to_owned(),
        body: "SC".to_owned(),
        meeting_number: Some(9999),
        session: None,
        year_label: Some("Seventy-third year".to_owned()),
        date: Some("2018-12-13".to_owned()),
        called_to_order: Some("15:10".to_owned()),
        adjourned: Some("16:25".to_owned()),
        location: Some("New York".to_owned()),
        president: GoldPerson {
            name: Some("Mr. Adom".to_owned()),
            country: Some("Côte d’Ivoire".to_owned()),
        },
        members: vec![
            GoldMember {
                country: "China".to_owned(),
                representative: Some("Mr. Ma Zhaoxu".to_owned()),
            },
            GoldMember {
                country: "France".to_owned(),
                representative: Some("Mr. Delattre".to_owned()),
            },
        ],
        agenda: vec!["The situation in the Central African Republic".to_owned()],
        turns: vec![
            turn(
                "The President",
                None,
                "In accordance with rule 37 of the Council’s",
                "to participate in this meeting.",
            ),
            turn(
                "Mr. Delattre",
                Some("France"),
                "France welcomes the adoption of resolution 2448 (2018),",
                "commitment of every Council member.",
            ),
            turn(
                "Mr. Ma Zhaoxu",
                Some("China"),
                "The United Nations Multidimensional Integrated Stabilization Mission",
                "on the draft resolution just adopted.",
            ),
            turn(
                "The President",
                None,
                "There are no more names inscribed",
                "The meeting is adjourned.",
            ),
        ],
        stage_directions: names(&[
            "The meeting was called to order at 3.10 p.m.",
            "The meeting rose at 4.25 p.m.",
        ]),
        votes: vec![
            vote("S/2018/1016", &["France", "Peru"], &["China"], "adopted"),
            vote("S/2018/1017", &["Peru"], &["France"], "not adopted"),
        ],
        documents_cited: names(&["S/2018/1016", "S/RES/2448 (2018)", "S/2018/922"]),
        notes: String::new(),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn a_record_against_itself_scores_one_everywhere() {
    let g = gold();
    let score = evaluate(&g, &g, 1.0);
    assert!(score.mismatches.is_empty(), "{:?}", score.mismatches);
    for (name, value) in score.scores.metrics() {
        assert!(close(value, 1.0), "{name} = {value:?}");
    }
}

#[test]
fn typography_and_longer_edges_still_match() {
    let g = gold();
    let mut actual = g.clone();
    // Straight quotes, upper case speaker, double spaces and eight words instead of the gold's five.
    actual.turns[0].speaker = "The PRESIDENT".to_owned();
    actual.turns[0].starts = "In accordance with rule  37 of the Council's".to_owned();
    actual.turns[3].starts = "There are no more names inscribed on the".to_owned();
    actual.turns[1].ends = "action and commitment of every Council member.".to_owned();
    actual.votes[0].in_favour = names(&["France", "Peru."]);
    let score = evaluate(&g, &actual, 1.0);
    assert!(score.mismatches.is_empty(), "{:?}", score.mismatches);
}

#[test]
fn a_missing_turn_lowers_recall_only() {
    let g = gold();
    let mut actual = g.clone();
    actual.turns.remove(2);
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (3, 0, 1));
    assert!(close(s.metric("turn_p").unwrap(), 1.0));
    assert!(close(s.metric("turn_r").unwrap(), 0.75));
    assert!(close(s.metric("turn_f1").unwrap(), 2.0 * 0.75 / 1.75));
    let m = evaluate(&g, &actual, 1.0).mismatches;
    assert_eq!(
        m,
        vec![Mismatch::MissingTurn {
            index: 2,
            speaker: "Mr. Ma Zhaoxu".to_owned(),
            starts: "The United Nations Multidimensional Integrated Stabilization Mission"
                .to_owned()
        }]
    );
}

#[test]
fn an_extra_turn_lowers_precision_only() {
    let g = gold();
    let mut actual = g.clone();
    // A continuation wrongly split off as a turn of its own.
    actual.turns.insert(
        2,
        turn(
            "Mr. Delattre",
            Some("France"),
            "Finally, I wish to",
            "member.",
        ),
    );
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (4, 1, 0));
    assert!(close(s.metric("turn_p").unwrap(), 0.8));
    assert!(close(s.metric("turn_r").unwrap(), 1.0));
}

#[test]
fn turns_are_aligned_in_order_not_as_a_set() {
    let g = gold();
    let mut actual = g.clone();
    // The same four turns, the last moved to the front: only three can be aligned in order.
    let last = actual.turns.pop().unwrap();
    actual.turns.insert(0, last);
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (3, 1, 1));
}

#[test]
fn a_wrong_speaker_or_opening_is_not_a_match() {
    let g = gold();
    let mut actual = g.clone();
    actual.turns[1].speaker = "Mr. Delatre".to_owned();
    actual.turns[2].starts = "United Nations Multidimensional Integrated".to_owned();
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (2, 2, 2));
}

#[test]
fn a_wrong_end_affiliation_and_language_count_among_matched_turns() {
    let g = gold();
    let mut actual = g.clone();
    actual.turns[1].ends = "of every Council member. Thank you.".to_owned();
    actual.turns[2].affiliation = Some("Chile".to_owned());
    actual.turns[3].spoke_in = Some("French".to_owned());
    let score = evaluate(&g, &actual, 1.0);
    let s = &score.scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (4, 0, 0));
    assert!(close(s.turn_ends.value(), 0.75));
    assert!(close(s.affiliation.value(), 0.75));
    assert!(close(s.spoke_in.value(), 0.75));
    assert_eq!(score.mismatches.len(), 3);
    assert!(matches!(
        &score.mismatches[0],
        Mismatch::WrongEnd { index: 1, .. }
    ));
}

#[test]
fn stage_directions_match_by_whole_text_in_order() {
    let g = gold();
    let mut actual = g.clone();
    actual.stage_directions = names(&[
        "The meeting was called to order at 3.10 p.m.",
        "The agenda was adopted.",
        "The meeting rose at 4.25",
    ]);
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!(
        (
            s.stage_directions.tp,
            s.stage_directions.fp,
            s.stage_directions.fn_
        ),
        (1, 2, 1)
    );
}

#[test]
fn a_wrong_vote_position_is_one_missed_and_one_extra_triple() {
    let g = gold();
    let mut actual = g.clone();
    // Peru moved from in favour to against in the first vote.
    actual.votes[0].in_favour = names(&["France"]);
    actual.votes[0].against = names(&["China", "Peru"]);
    let score = evaluate(&g, &actual, 1.0);
    let s = &score.scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (2, 0, 0));
    // Five triples in the gold (3 + 2); four right, one missed, one extra.
    assert_eq!((s.positions.tp, s.positions.fp, s.positions.fn_), (4, 1, 1));
    assert!(close(s.metric("position_p").unwrap(), 0.8));
    assert!(score.mismatches.iter().any(|m| *m
        == Mismatch::MissingPosition {
            vote: "S/2018/1016".to_owned(),
            country: "peru".to_owned(),
            position: "in favour"
        }));
}

#[test]
fn a_wrong_outcome_or_resolution_counts_among_matched_votes() {
    let g = gold();
    let mut actual = g.clone();
    actual.votes[1].outcome = Some("not adopted (veto)".to_owned());
    actual.votes[0].resolution = Some("2448 (2018)".to_owned());
    let s = evaluate(&g, &actual, 1.0).scores;
    assert!(close(s.outcome.value(), 0.5));
    assert!(close(s.resolution.value(), 0.5));
    assert!(close(s.vote_counts.value(), 1.0));
}

#[test]
fn a_vote_on_another_draft_is_missed_with_its_positions() {
    let g = gold();
    let mut actual = g.clone();
    actual.votes[1].draft = Some("S/2018/1071".to_owned());
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (1, 1, 1));
    assert_eq!((s.positions.tp, s.positions.fp, s.positions.fn_), (3, 2, 2));
    // Outcome and resolution are only compared on the one matched vote.
    assert_eq!(s.outcome.total, 1);
}

#[test]
fn a_part_named_in_the_gold_must_be_found_where_the_draft_is_shared() {
    let mut g = gold();
    g.votes[0].part = Some("draft resolution III, as amended".to_owned());
    g.votes[1].draft = Some("S/2018/1016".to_owned());
    g.votes[1].part = Some("draft resolution I".to_owned());
    let mut actual = g.clone();
    actual.votes[0].part = Some("draft resolution III".to_owned());
    actual.votes[1].part = Some("draft resolution II".to_owned());
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (1, 1, 1));
    // Both votes are on S/2018/1016: without its part the second cannot be told apart.
    actual.votes[1].part = None;
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (1, 1, 1));
}

#[test]
fn a_unique_draft_symbol_needs_no_part_but_a_wrong_part_still_fails() {
    let mut g = gold();
    g.votes[1].part = Some("amendment to draft resolution III".to_owned());
    let mut actual = g.clone();
    actual.votes[1].part = None;
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (2, 0, 0));
    actual.votes[1].part = Some("draft resolution III".to_owned());
    let s = evaluate(&g, &actual, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (1, 1, 1));
}

#[test]
fn wrong_citations_count_as_sets() {
    let g = gold();
    let mut actual = g.clone();
    // Order does not matter; a missed and an invented symbol do.
    actual.documents_cited = names(&["S/2018/922", "S/2018/1016", "S/2018/1019"]);
    let score = evaluate(&g, &actual, 1.0);
    let s = &score.scores;
    assert_eq!((s.citations.tp, s.citations.fp, s.citations.fn_), (2, 1, 1));
    assert!(score.mismatches.contains(&Mismatch::MissingCitation {
        symbol: "S/RES/2448 (2018)".to_owned()
    }));
    assert!(score.mismatches.contains(&Mismatch::ExtraCitation {
        symbol: "S/2018/1019".to_owned()
    }));
}

#[test]
fn metadata_counts_each_field() {
    let g = gold();
    let mut actual = g.clone();
    actual.date = None;
    actual.president.country = Some("Cote d'Ivoire".to_owned());
    actual.members.pop();
    let score = evaluate(&g, &actual, 0.5);
    let s = &score.scores;
    // 13 fields: date, president.country and members wrong.
    assert_eq!((s.metadata.correct, s.metadata.total), (10, 13));
    assert_eq!((s.members.tp, s.members.fp, s.members.fn_), (1, 0, 1));
    assert!(close(s.coverage(), 0.5));
}

#[test]
fn a_failed_parse_scores_zero() {
    let g = gold();
    let score = evaluate_failure(&g, "not a PDF");
    let s = &score.scores;
    assert_eq!(s.metadata.correct, 0);
    assert_eq!(s.turns.tp, 0);
    assert_eq!(s.turns.fn_, 4);
    assert!(close(s.metric("turn_f1").unwrap(), 0.0));
    assert!(close(s.metric("vote_f1").unwrap(), 0.0));
    assert!(close(s.metric("position_r").unwrap(), 0.0));
    assert!(close(s.coverage(), 0.0));
    assert_eq!(score.error.as_deref(), Some("not a PDF"));
}

#[test]
fn totals_are_micro_averaged() {
    let g = gold();
    let mut small = g.clone();
    small.turns.truncate(1);
    let mut actual = small.clone();
    actual.turns.clear();
    // One record with 4 of 4 turns, one with 0 of 1: recall 4/5, not the mean of 1 and 0.
    let mut total = evaluate(&g, &g, 1.0).scores;
    total.add(&evaluate(&small, &actual, 0.0).scores);
    assert!(close(total.metric("turn_r").unwrap(), 0.8));
    assert!(close(total.coverage(), 0.5));
    assert_eq!(total.n_records, 2);
}

#[test]
fn normalize_folds_typography() {
    assert_eq!(
        normalize("  Côte d’Ivoire — “yes”\u{00A0}ﬁne\u{00AD}  "),
        "côte d'ivoire - \"yes\" fine"
    );
}

#[test]
fn mismatches_come_in_record_order() {
    let g = gold();
    let mut actual = g.clone();
    // Turn 1 misread (a missed and an extra turn in its place), turn 3 with a wrong end.
    actual.turns[1].speaker = "Mr. Delatre".to_owned();
    actual.turns[3].ends = "Thank you.".to_owned();
    let kinds: Vec<String> = evaluate(&g, &actual, 1.0)
        .mismatches
        .iter()
        .map(|m| {
            let json = serde_json::to_value(m).unwrap();
            format!("{} {}", json["kind"].as_str().unwrap(), json["index"])
        })
        .collect();
    assert_eq!(kinds, ["missing_turn 1", "extra_turn 1", "wrong_end 3"]);
}
