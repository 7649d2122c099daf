//! `verbatim parse` as a user runs it: the built binary on real records, on PDFs that are not verbatim
//! records, and on broken files the test writes itself.

use std::path::{Path, PathBuf};

mod common;
use common::*;

/// A fresh directory under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("verbatim-cli-parse-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn record_path(corpus: &Path) -> String {
    corpus
        .join("pv/sc_2018_8422.pdf")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn a_real_record_gives_json_with_its_symbol() {
    let Some(corpus) = corpus_dir() else { return };
    let out = verbatim(&["parse", &record_path(&corpus)]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON on stdout");
    assert_eq!(json["symbol"], "S/PV.8422");
    assert_eq!(json["source"]["file"], "sc_2018_8422.pdf");
}

#[test]
fn the_gold_format_reads_back_as_a_gold_record() {
    let Some(corpus) = corpus_dir() else { return };
    let out = verbatim(&["parse", &record_path(&corpus), "--format", "gold"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let gold: verbatim_record::gold::GoldRecord =
        serde_json::from_str(&stdout(&out)).expect("gold JSON on stdout");
    assert_eq!(gold.symbol, "S/PV.8422");
    assert_eq!(gold.body, "SC");
    assert!(!gold.turns.is_empty(), "no turns in the gold form");
}

#[test]
fn the_text_format_is_a_transcript() {
    let Some(corpus) = corpus_dir() else { return };
    let out = verbatim(&["parse", &record_path(&corpus), "--format", "text"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("S/PV.8422\n"),
        "{}",
        &text[..text.len().min(200)]
    );
    // The vote block with its counts and outcome, and a bracketed stage direction.
    assert!(text.contains("VOTE on S/2018/1016"), "no vote block");
    assert!(
        text.contains("[_The agenda was adopted._]"),
        "no stage direction"
    );
}

#[test]
fn explain_gives_every_line_a_fate() {
    let Some(corpus) = corpus_dir() else { return };
    let out = verbatim(&["parse", &record_path(&corpus), "--explain"]);
    assert!(out.status.success(), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 100, "only {} lines", lines.len());
    for line in &lines {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert!(fields.len() >= 3, "{line:?}");
        let page: u32 = fields[0]
            .parse()
            .unwrap_or_else(|_| panic!("page in {line:?}"));
        assert!((1..=9).contains(&page), "{line:?}");
        assert!(["0", "1", "2"].contains(&fields[1]), "{line:?}");
    }
    assert!(lines.iter().any(|l| l.contains("furniture:")));
    assert!(lines.iter().any(|l| l.contains(" speech#")));
}

#[test]
fn output_is_identical_twice() {
    let Some(corpus) = corpus_dir() else { return };
    for format in ["json", "text", "gold"] {
        let a = verbatim(&["parse", &record_path(&corpus), "--format", format]);
        let b = verbatim(&["parse", &record_path(&corpus), "--format", format]);
        assert!(a.status.success(), "stderr: {}", stderr(&a));
        assert_eq!(a.stdout, b.stdout, "--format {format} differs between runs");
    }
}

#[test]
fn a_pdf_that_is_not_a_verbatim_record_is_refused_by_name() {
    let Some(corpus) = corpus_dir() else { return };
    for name in [
        "1971-10-25_GA_Resolution_2758_ru.pdf",
        "gadebate_statements/gb_en.pdf",
        "gadebate_statements/us_en.pdf",
    ] {
        let path = corpus.join("other").join(name);
        let out = verbatim(&["parse", &path.to_string_lossy()]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{name}: stderr {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{name}: printed a record");
        let file_name = Path::new(name).file_name().unwrap().to_string_lossy();
        assert!(
            stderr(&out).contains(&*file_name),
            "{name}: the message does not name the file: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_garbage_file_is_an_error_naming_it() {
    let dir = TempDir::new("garbage");
    let path = dir.0.join("garbage.pdf");
    std::fs::write(&path, b"this is not a PDF at all\n\x00\x01\x02").unwrap();
    let out = verbatim(&["parse", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("garbage.pdf"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_truncated_record_is_an_error_naming_it() {
    let Some(corpus) = corpus_dir() else { return };
    let bytes = std::fs::read(corpus.join("pv/sc_2018_8422.pdf")).unwrap();
    let dir = TempDir::new("truncated");
    let path = dir.0.join("truncated.pdf");
    // The header and the first objects only: no page tree, no cross-reference table.
    std::fs::write(&path, &bytes[..4096]).unwrap();
    let out = verbatim(&["parse", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(stderr(&out).contains("truncated.pdf"), "{}", stderr(&out));
    // Cut later, the PDF reader still recovers the pages before the cut; a record made of them would
    // pass for the whole meeting, so the cut is reported instead of a shorter record.
    for percent in [35, 70, 99] {
        std::fs::write(&path, &bytes[..bytes.len() * percent / 100]).unwrap();
        let out = verbatim(&["parse", &path.to_string_lossy()]);
        assert_eq!(out.status.code(), Some(1), "{percent}%: {}", stderr(&out));
        assert!(
            stderr(&out).contains("truncated.pdf: the file is truncated"),
            "{percent}%: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty(), "{percent}%");
    }
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let out = verbatim(&["parse", "/nonexistent/dir/no_such_record.pdf"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert!(
        stderr(&out).contains("no_such_record.pdf"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_wrong_flag_is_a_usage_error() {
    let out = verbatim(&["parse", "x.pdf", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--no-such-flag"), "{}", stderr(&out));
    let out = verbatim(&["parse", "x.pdf", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yaml"), "{}", stderr(&out));
}
