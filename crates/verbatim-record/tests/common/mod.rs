//! What the corpus tests of this crate share: parsing a corpus record through the real earlier stages
//! and reading its gold file.

use std::path::PathBuf;

use serde_json::Value;
use verbatim_record::{Parsed, Source};

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
}

/// Parses one corpus record and reads its gold file; None (with a notice) when the corpus is absent.
pub fn load(name: &str) -> Option<(Parsed, Value)> {
    let pdf = corpus_dir().join("pv").join(format!("{name}.pdf"));
    let gold_path = corpus_dir().join("gold").join(format!("{name}.json"));
    if !pdf.exists() || !gold_path.exists() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "corpus file missing: {} (CI is set, so the corpus must be present)",
                pdf.display()
            );
        }
        eprintln!(
            "notice: corpus not found at {}; skipping {name}",
            pdf.display()
        );
        return None;
    }
    let bytes = std::fs::read(&pdf).expect("corpus PDF readable");
    let doc = verbatim_pdf::extract(&bytes).expect("corpus PDF opens");
    let lines = verbatim_layout::layout(&doc);
    verbatim_record::check_is_record(&lines).expect("a corpus record is a record");
    let source = Source {
        file: format!("{name}.pdf"),
        sha256: String::new(),
        pages: doc.pages.len() as u32,
        producer: doc.producer.clone(),
        ocr: None,
    };
    let parsed = verbatim_record::parse(&lines, source);
    assert_eq!(parsed.fates.len(), lines.len(), "one fate per line");
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold readable"))
            .expect("gold is JSON");
    Some((parsed, gold))
}
