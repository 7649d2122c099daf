//! Telling verbatim records from other documents: built lines for the rules, and the corpus's
//! non-records (General Debate statements, a draft resolution, a resolution in Russian, a PDF whose font
//! encoding is broken) when the corpus is present.

use std::path::PathBuf;

use verbatim_layout::{BBox, Line, LineKind, Span};
use verbatim_record::{NotARecord, check_is_record};

fn line(page: u32, text: &str) -> Line {
    Line {
        page_idx: page,
        column: 0,
        bbox: BBox::default(),
        column_x0: 0.0,
        column_x1: 500.0,
        text: text.to_owned(),
        spans: vec![Span {
            start: 0,
            end: text.len(),
            bold: false,
            italic: false,
            size: 10.0,
        }],
        kind: LineKind::Body,
        paragraph_start: false,
    }
}

#[test]
fn built_lines() {
    assert_eq!(check_is_record(&[]), Err(NotARecord::NoText));
    let record = [
        line(0, "United Nations S/PV.8422"),
        line(0, "Security Council"),
        line(0, "Seventy-third year"),
    ];
    assert_eq!(check_is_record(&record), Ok(()));
    let printed = [
        line(0, "SECURITY COUNCIL"),
        line(0, "OFFICIAL RECORDS"),
        line(0, "492nd MEETING: 29 AUGUST 1950"),
    ];
    assert_eq!(check_is_record(&printed), Ok(()));
    // A 1990s General Assembly record: banner cover, proceedings, and the symbol alone in the Distr.
    // block at the foot of the first page, well past the first lines.
    let mut foot: Vec<Line> = vec![line(0, "GENERAL"), line(0, "ASSEMBLY")];
    foot.extend((0..60).map(|_| line(0, "safeguards provides the foundation of cooperation")));
    foot.push(line(0, "Distr. GENERAL"));
    foot.push(line(0, "A/48/PV.46"));
    assert_eq!(check_is_record(&foot), Ok(()));
    // The same page citing a record inside a sentence is not a record.
    let cited_len = foot.len() - 2;
    foot.truncate(cited_len);
    foot.push(line(0, "as stated in A/48/PV.4, the Agency"));
    assert!(matches!(
        check_is_record(&foot),
        Err(NotARecord::NotVerbatim { .. })
    ));
    let statement = [
        line(0, "Statement by His Excellency the Minister"),
        line(0, "at the General Debate of the 79th session"),
    ];
    assert!(matches!(
        check_is_record(&statement),
        Err(NotARecord::NotVerbatim { .. })
    ));
    let garbage = [
        line(0, "!\"#$%&'()*+,-./01/23/4 567 5859 8:,;< => ?# @ A B"),
        line(0, "$%& '()* +,-. /01 234 !\"# $%&"),
    ];
    assert!(matches!(
        check_is_record(&garbage),
        Err(NotARecord::Garbage { .. })
    ));
}

fn corpus_other() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/other"
    ));
    if dir.exists() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "corpus missing at {} (CI is set, so the corpus must be present)",
            dir.display()
        );
    }
    eprintln!("notice: corpus not found at {}; skipping", dir.display());
    None
}

fn check(path: PathBuf) -> Result<(), NotARecord> {
    let bytes = std::fs::read(&path).expect("corpus file readable");
    match verbatim_pdf::extract(&bytes) {
        Ok(doc) => check_is_record(&verbatim_layout::layout(&doc)),
        // A PDF with no text at all may not even yield pages: that is no text either.
        Err(_) => Err(NotARecord::NoText),
    }
}

#[test]
fn corpus_non_records() {
    let Some(dir) = corpus_other() else { return };
    let statements = dir.join("gadebate_statements");
    for name in [
        "ad_fr", "ae_en", "bo_es", "by_ru", "gb_en", "lb_ar", "ly_ar", "st_fr", "sv_es",
    ] {
        let result = check(statements.join(format!("{name}.pdf")));
        assert!(
            matches!(result, Err(NotARecord::NotVerbatim { .. })),
            "{name}: {result:?}"
        );
    }
    for name in ["us_en", "cn_en", "ru_ru"] {
        let result = check(statements.join(format!("{name}.pdf")));
        assert!(
            matches!(result, Err(NotARecord::Garbage { .. })),
            "{name}: {result:?}"
        );
    }
    let draft = check(dir.join("1971-09-29_A_L.632-EN.pdf"));
    assert!(
        matches!(draft, Err(NotARecord::NotVerbatim { .. })),
        "{draft:?}"
    );
    let russian = check(dir.join("1971-10-25_GA_Resolution_2758_ru.pdf"));
    assert_eq!(russian, Err(NotARecord::NoText));
}

#[test]
fn corpus_records_pass_the_check() {
    let Some(dir) = corpus_other() else { return };
    let pv = dir.parent().unwrap().join("pv");
    for entry in std::fs::read_dir(&pv).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(check(path.clone()), Ok(()), "{}", path.display());
    }
}
