//! The gold files themselves: they deserialize into `GoldRecord` and serialize back to the same bytes
//! (so the type mirrors SPEC.md exactly), each scores 1.0 against itself, and damaged copies lose
//! exactly what was damaged.

use std::path::{Path, PathBuf};

use verbatim_eval::evaluate;
use verbatim_record::gold::GoldRecord;

fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if dir.join("gold").is_dir() {
        return Some(dir.to_path_buf());
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the corpus is missing at {} (expected ../shared/corpus beside the workspace)",
            dir.display()
        );
    }
    eprintln!(
        "skipping: the corpus is missing at {} (set CI to make this a failure)",
        dir.display()
    );
    None
}

/// Every gold file: (file name, its text, the parsed value).
fn gold_files() -> Vec<(String, String, GoldRecord)> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("gold"))
        .expect("read gold dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 8,
        "expected the 8 gold files, found {}",
        paths.len()
    );
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read gold file");
            let gold: GoldRecord =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                text,
                gold,
            )
        })
        .collect()
}

#[test]
fn gold_files_round_trip_byte_for_byte() {
    for (name, text, gold) in gold_files() {
        // The gold files are written with a one-space indent (some end with a newline, some not).
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let mut out = Vec::new();
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
        serde::Serialize::serialize(&gold, &mut ser).unwrap();
        let out = String::from_utf8(out).unwrap();
        if out != text {
            let line = out
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(out.lines().count().min(text.lines().count()));
            panic!(
                "{name}: re-serialized gold differs at line {}: {:?} vs {:?}",
                line + 1,
                out.lines().nth(line),
                text.lines().nth(line)
            );
        }
    }
}

#[test]
fn every_gold_file_scores_one_against_itself() {
    for (name, _, gold) in gold_files() {
        let score = evaluate(&gold, &gold, 1.0);
        assert!(
            score.mismatches.is_empty(),
            "{name}: {:?}",
            score.mismatches
        );
        for (metric, value) in score.scores.metrics() {
            // Accuracies over nothing (a record with no votes has no outcome accuracy) are None.
            if let Some(value) = value {
                assert!((value - 1.0).abs() < 1e-12, "{name}: {metric} = {value}");
            }
        }
    }
}

fn find<'a>(files: &'a [(String, String, GoldRecord)], name: &str) -> Option<&'a GoldRecord> {
    files.iter().find(|f| f.0 == name).map(|f| &f.2)
}

#[test]
fn damaged_copies_of_sc_2018_8422_lose_what_was_damaged() {
    let files = gold_files();
    let Some(gold) = find(&files, "sc_2018_8422.json") else {
        return;
    };
    assert_eq!(gold.turns.len(), 12);
    let mut damaged = gold.clone();
    // Merge Mr. Blok's turn into the President's before it: one turn missing, and the President's turn
    // now ends where Mr. Blok's did.
    let blok = damaged.turns.remove(4);
    damaged.turns[3].ends = blok.ends.clone();
    // Drop "The agenda was adopted." (2nd of 4 stage directions).
    damaged.stage_directions.remove(1);
    // China abstained; record it as voting against.
    damaged.votes[0].abstaining.retain(|c| c != "China");
    damaged.votes[0].against.push("China".to_owned());
    damaged.votes[0].outcome = Some("not adopted (veto)".to_owned());
    // Cite a symbol the record does not, and miss one it does.
    damaged.documents_cited.retain(|s| s != "S/PV.8378");
    damaged.documents_cited.push("S/2018/9999".to_owned());
    damaged.date = Some("2018-12-14".to_owned());

    let s = evaluate(gold, &damaged, 0.9).scores;
    assert_eq!((s.turns.tp, s.turns.fp, s.turns.fn_), (11, 0, 1));
    assert_eq!((s.turn_ends.correct, s.turn_ends.total), (10, 11));
    assert_eq!(
        (
            s.stage_directions.tp,
            s.stage_directions.fp,
            s.stage_directions.fn_
        ),
        (3, 0, 1)
    );
    // 15 triples (13 in favour + 2 abstaining): 14 right, China missed as abstaining, extra as against.
    assert_eq!(
        (s.positions.tp, s.positions.fp, s.positions.fn_),
        (14, 1, 1)
    );
    assert_eq!((s.outcome.correct, s.outcome.total), (0, 1));
    assert_eq!((s.citations.tp, s.citations.fp, s.citations.fn_), (5, 1, 1));
    assert_eq!((s.metadata.correct, s.metadata.total), (12, 13));
    let turn_r = s.metric("turn_r").unwrap().unwrap();
    assert!((turn_r - 11.0 / 12.0).abs() < 1e-12);
}

#[test]
fn damaged_copy_of_ga_65_71_loses_a_recorded_vote() {
    let files = gold_files();
    let Some(gold) = find(&files, "ga_65_71.json") else {
        return;
    };
    let mut damaged = gold.clone();
    // The Zambia/Zimbabwe line-break case of the notes: the two names read as one in 65/223.
    let v = damaged
        .votes
        .iter_mut()
        .find(|v| v.resolution.as_deref() == Some("65/223"))
        .expect("vote 65/223");
    let n_before = v.in_favour.len();
    assert_eq!(n_before, 126);
    v.in_favour.retain(|c| c != "Zambia" && c != "Zimbabwe");
    v.in_favour.push("Zambia Zimbabwe".to_owned());
    // And drop the whole first recorded vote (65/195, 123 + 1 + 55 = 179 positions).
    let idx = damaged
        .votes
        .iter()
        .position(|v| v.resolution.as_deref() == Some("65/195"))
        .unwrap();
    damaged.votes.remove(idx);

    let total_triples: u64 = gold
        .votes
        .iter()
        .map(|v| (v.in_favour.len() + v.against.len() + v.abstaining.len()) as u64)
        .sum();
    let s = evaluate(gold, &damaged, 1.0).scores;
    assert_eq!((s.votes.tp, s.votes.fp, s.votes.fn_), (59, 0, 1));
    assert_eq!(s.positions.fn_, 179 + 2);
    assert_eq!(s.positions.fp, 1);
    assert_eq!(s.positions.tp, total_triples - 179 - 2);
}
