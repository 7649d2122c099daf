//! Builds the English word list with frequencies that the OCR correction of the printed series uses
//! (`crates/verbatim-record/data/lexicon.txt`).
//!
//! Input: the corpus folder (`../shared/corpus` from the workspace root). It counts the words of every
//! speech of the Security Council Debates corpus (`speeches/*.txt`) and of the speeches and stage
//! directions of the born-digital verbatim records (`pv/*.pdf` dated 1990 or later, read through the
//! real pipeline), and the English General Debate statements (`other/gadebate_statements/*_en.pdf`). The scanned records are left out: their OCR misreadings are what the list corrects.
//! Output (stdout): a short header, then one `word<TAB>count` line per word, most
//! frequent first (ties in alphabetical order), so the file is the same on every run.
//!
//! Rebuild with:
//! `cargo run -p verbatim-record --example build_lexicon -- ../shared/corpus > crates/verbatim-record/data/lexicon.txt`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A word must be seen this often to enter the list. The sources are edited UN texts with few typing
/// slips, and line-end hyphenation is undone before counting, so a word seen once is kept: the
/// correction ranks candidates by frequency, and a word seen once weighs little.
const MIN_COUNT: usize = 1;

fn main() {
    let corpus = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/corpus"));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut n_speech_files = 0;
    for path in sorted_files(&corpus.join("speeches"), "txt") {
        let bytes =
            std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        // A few corpus files are not UTF-8 (an old single-byte encoding): their odd characters
        // become replacement marks, which split words like any other non-letter.
        let text = String::from_utf8_lossy(&bytes);
        count_words(&dehyphenate(&text), &mut counts);
        n_speech_files += 1;
    }
    let mut n_records = 0;
    for path in sorted_files(&corpus.join("pv"), "pdf") {
        let Some(doc) = read_pdf(&path) else {
            continue;
        };
        let lines = verbatim_layout::layout(&doc);
        let source = verbatim_record::Source {
            file: path.display().to_string(),
            sha256: String::new(),
            pages: doc.pages.len() as u32,
            producer: doc.producer.clone(),
            ocr: None,
        };
        let record = verbatim_record::parse(&lines, source).record;
        let year: u32 = record
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
            .unwrap_or(0);
        if year < 1990 {
            eprintln!("skipped (scanned, OCR text): {}", path.display());
            continue;
        }
        for p in &record.proceedings {
            match &p.kind {
                verbatim_record::ProceedingKind::Speech(s) => {
                    for paragraph in &s.paragraphs {
                        count_words(paragraph, &mut counts);
                    }
                }
                verbatim_record::ProceedingKind::StageDirection(d) => {
                    count_words(&d.text, &mut counts)
                }
                _ => {}
            }
        }
        n_records += 1;
    }
    // The English statements of the 2024 General Debate (not verbatim records, but English UN prose),
    // except one whose font encoding is broken (its text is garbage).
    let mut n_statements = 0;
    for path in sorted_files(&corpus.join("other").join("gadebate_statements"), "pdf") {
        if !path.to_string_lossy().ends_with("_en.pdf") {
            continue;
        }
        let Some(doc) = read_pdf(&path) else {
            continue;
        };
        let lines = verbatim_layout::layout(&doc);
        if matches!(
            verbatim_record::check_is_record(&lines),
            Err(verbatim_record::NotARecord::Garbage { .. } | verbatim_record::NotARecord::NoText)
        ) {
            eprintln!("skipped (no readable text): {}", path.display());
            continue;
        }
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        count_words(&dehyphenate(&text.join("\n")), &mut counts);
        n_statements += 1;
    }
    let mut rows: Vec<(&String, &usize)> =
        counts.iter().filter(|(_, n)| **n >= MIN_COUNT).collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!(
        "# English word frequencies for the OCR correction of the printed series (verbatim-record)."
    );
    println!(
        "# Counted by examples/build_lexicon.rs from {n_speech_files} speeches of the Security Council Debates corpus"
    );
    println!(
        "# {n_records} born-digital verbatim records and {n_statements} English General Debate statements;"
    );
    println!("# lower case, words seen at least {MIN_COUNT} times.");
    for (word, n) in rows {
        println!("{word}\t{n}");
    }
}

/// The files of `dir` with extension `ext`, in name order (so the counts do not depend on the order
/// the file system lists them in).
fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// Joins words hyphenated at a line end ("recon-\nciliation"); the corpus keeps the printed line breaks.
/// A hyphen before a capital stays a hyphen ("Secretary-\nGeneral").
fn dehyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let line = line.trim_end();
        let next_lower = lines
            .peek()
            .and_then(|n| n.trim_start().chars().next())
            .is_some_and(char::is_lowercase);
        let before_hyphen = line.strip_suffix('-');
        match before_hyphen {
            Some(stem) if next_lower && stem.chars().last().is_some_and(char::is_alphabetic) => {
                out.push_str(stem);
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Counts the words of `text`: runs of letters, lower-cased. Apostrophes and hyphens split words
/// ("People's" counts "people"), since the correction looks words up without their possessive. A word
/// in capitals ("ICC", "UNMIK") is an acronym, not an English word, and is not counted.
fn count_words(text: &str, counts: &mut BTreeMap<String, usize>) {
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let letters = word.chars().count();
        if letters == 0 || (letters == 1 && word != "a" && word != "I") {
            continue;
        }
        if letters > 1 && word.chars().all(char::is_uppercase) {
            continue;
        }
        *counts.entry(word.to_lowercase()).or_default() += 1;
    }
}

/// The text runs of a corpus PDF, or None (with a notice) when the PDF cannot be read as one.
fn read_pdf(path: &std::path::Path) -> Option<verbatim_pdf::Document> {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc = verbatim_pdf::extract(&bytes).ok();
    if doc.is_none() {
        eprintln!("skipped (unreadable): {}", path.display());
    }
    doc
}
