//! `verbatim eval` as a user runs it: the scoreboard over the real corpus, the floor check, and a
//! record that fails to parse (which must count as zero, not be skipped).

use std::path::PathBuf;

mod common;
use common::*;

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("verbatim-cli-eval-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The corpus's records and gold folders as arguments, when both are there (see `corpus_dir_with`).
fn eval_dirs() -> Option<(String, String)> {
    let corpus = corpus_dir_with(&["pv", "gold"])?;
    Some((
        corpus.join("pv").to_string_lossy().into_owned(),
        corpus.join("gold").to_string_lossy().into_owned(),
    ))
}

#[test]
fn the_scoreboard_covers_every_gold_record_and_both_totals() {
    let Some((pv, gold)) = eval_dirs() else {
        return;
    };
    let out = verbatim(&["eval", "--pv", &pv, "--gold", &gold, "--format", "json"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let records = json["records"].as_array().expect("records");
    let names: Vec<&str> = records
        .iter()
        .map(|r| r["record"].as_str().unwrap())
        .collect();
    // Every gold file is scored, in name order; the totals are sums of the records' counts, so the
    // expected turns are the gold files' turns (all records, and without the 1950 scan).
    let mut gold_names: Vec<String> = Vec::new();
    let (mut all_turns, mut born_digital_turns) = (0u64, 0u64);
    for entry in std::fs::read_dir(&gold).expect("gold dir") {
        let path = entry.expect("dir entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let gold_json: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let turns = gold_json["turns"].as_array().map_or(0, |t| t.len()) as u64;
            all_turns += turns;
            if name != "sc_1950_492" {
                born_digital_turns += turns;
            }
            gold_names.push(name);
        }
    }
    gold_names.sort();
    assert!(gold_names.len() >= 9, "gold files: {gold_names:?}");
    assert_eq!(names, gold_names);
    assert_eq!(json["all"]["counts"]["n_records"], gold_names.len());
    assert_eq!(
        json["born_digital"]["counts"]["n_records"],
        gold_names.len() - 1
    );
    let expected_turns = |total: &serde_json::Value| {
        total["counts"]["turns"]["tp"].as_u64().unwrap()
            + total["counts"]["turns"]["fn"].as_u64().unwrap()
    };
    assert_eq!(expected_turns(&json["all"]), all_turns);
    assert_eq!(expected_turns(&json["born_digital"]), born_digital_turns);
    for record in records {
        for metric in ["metadata", "turn_f1", "vote_f1", "citation_f1", "coverage"] {
            let value = &record["metrics"][metric];
            let v = value
                .as_f64()
                .unwrap_or_else(|| panic!("{metric} = {value}"));
            assert!((0.0..=1.0).contains(&v), "{metric} = {v}");
        }
    }

    let text = verbatim(&["eval", "--pv", &pv, "--gold", &gold]);
    assert!(text.status.success(), "stderr: {}", stderr(&text));
    let text = String::from_utf8(text.stdout).unwrap();
    for name in names.iter().chain(&["born-digital", "all"]) {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "no row for {name} in:\n{text}"
        );
    }
    assert!(text.lines().next().unwrap().contains("turnF"));
}

#[test]
fn a_record_that_fails_to_parse_scores_zero() {
    let Some(corpus) = corpus_dir_with(&["pv", "gold"]) else {
        return;
    };
    let dir = TempDir::new("broken");
    std::fs::create_dir_all(dir.0.join("pv")).unwrap();
    std::fs::create_dir_all(dir.0.join("gold")).unwrap();
    std::fs::copy(
        corpus.join("gold/sc_2018_8422.json"),
        dir.0.join("gold/sc_2018_8422.json"),
    )
    .unwrap();
    std::fs::write(dir.0.join("pv/sc_2018_8422.pdf"), b"not a PDF").unwrap();
    let out = verbatim(&[
        "eval",
        "--pv",
        &dir.path("pv"),
        "--gold",
        &dir.path("gold"),
        "--format",
        "json",
        "--verbose",
    ]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let record = &json["records"][0];
    assert!(
        record["error"]
            .as_str()
            .is_some_and(|e| e.contains("sc_2018_8422.pdf")),
        "{}",
        record["error"]
    );
    assert_eq!(record["metrics"]["metadata"], 0.0);
    assert_eq!(record["metrics"]["turn_r"], 0.0);
    assert_eq!(record["metrics"]["coverage"], 0.0);
    assert_eq!(record["counts"]["turns"]["fn"], 12);
    // --verbose lists the twelve missed turns.
    let missing = record["mismatches"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "missing_turn")
        .count();
    assert_eq!(missing, 12);
    assert_eq!(json["born_digital"]["counts"]["n_records"], 1);
}

#[test]
fn floors_fail_by_name_and_pass_when_met() {
    let Some((pv, gold)) = eval_dirs() else {
        return;
    };
    let dir = TempDir::new("floor");
    std::fs::write(
        dir.0.join("high.json"),
        r#"{"born_digital": {"turn_f1": 1.01, "metadata": 0.0},
            "records": {"sc_1950_492": {"turn_f1": 1.01}}}"#,
    )
    .unwrap();
    let out = verbatim(&[
        "eval",
        "--pv",
        &pv,
        "--gold",
        &gold,
        "--floor",
        &dir.path("high.json"),
    ]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("born_digital.turn_f1"), "{err}");
    assert!(err.contains("sc_1950_492.turn_f1"), "{err}");
    assert!(!err.contains("born_digital.metadata"), "{err}");

    std::fs::write(
        dir.0.join("zero.json"),
        r#"{"born_digital": {"turn_f1": 0.0}, "records": {"sc_1950_492": {"metadata": 0.0}}}"#,
    )
    .unwrap();
    let out = verbatim(&[
        "eval",
        "--pv",
        &pv,
        "--gold",
        &gold,
        "--floor",
        &dir.path("zero.json"),
    ]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));

    std::fs::write(
        dir.0.join("typo.json"),
        r#"{"born_digital": {"turn_f": 0.5}}"#,
    )
    .unwrap();
    let out = verbatim(&[
        "eval",
        "--pv",
        &pv,
        "--gold",
        &gold,
        "--floor",
        &dir.path("typo.json"),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("unknown metric \"turn_f\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_repository_floor_holds() {
    let Some((pv, gold)) = eval_dirs() else {
        return;
    };
    let floor = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval-floor.json");
    let out = verbatim(&["eval", "--pv", &pv, "--gold", &gold, "--floor", floor]);
    assert!(
        out.status.success(),
        "the parser fell below eval-floor.json:\n{}",
        stderr(&out)
    );
}

#[test]
fn one_record_can_be_chosen() {
    let Some((pv, gold)) = eval_dirs() else {
        return;
    };
    let out = verbatim(&[
        "eval",
        "--pv",
        &pv,
        "--gold",
        &gold,
        "--file",
        "sc_2018_8422.pdf",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["records"].as_array().unwrap().len(), 1);
    let out = verbatim(&["eval", "--pv", &pv, "--gold", &gold, "--file", "nope"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("nope.json"), "{}", stderr(&out));
}

#[test]
fn missing_directories_are_named() {
    let out = verbatim(&["eval", "--gold", "/nonexistent/gold-dir"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("/nonexistent/gold-dir"),
        "{}",
        stderr(&out)
    );
}
