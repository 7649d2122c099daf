//! Shared by the corpus tests: where the corpus is, and how to load a record's layout.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use verbatim_layout::Line;

/// The corpus directory, or `None` (with a printed notice) when it is absent; absent with CI set is a
/// failure.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
    .to_path_buf();
    if dir.join("pv").is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the corpus is missing at {} (CI is set, so this is an error)",
            dir.display()
        );
    }
    eprintln!("NOTICE: corpus not found at {}; skipping", dir.display());
    None
}

/// Lays out one record of `pv/`.
pub fn layout_record(name: &str) -> Option<(verbatim_pdf::Document, Vec<Line>)> {
    let dir = corpus_dir()?;
    let bytes =
        std::fs::read(dir.join("pv").join(format!("{name}.pdf"))).expect("read corpus record");
    let doc = verbatim_pdf::extract(&bytes).expect("corpus record extracts");
    let lines = verbatim_layout::layout(&doc);
    Some((doc, lines))
}

pub const RECORDS: [&str; 8] = [
    "ga_61_107",
    "ga_64_121",
    "ga_65_71",
    "ga_76_102",
    "ga_79_29",
    "sc_1950_492",
    "sc_1997_3756",
    "sc_2018_8422",
];
