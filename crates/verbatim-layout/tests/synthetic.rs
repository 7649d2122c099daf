//! Layout of PDFs the test writes itself (runs anywhere).

use verbatim_layout::{FurnitureKind, LineKind, layout};
use verbatim_pdf::fixture::{FixtureFont, PdfBuilder};

/// A cover page and one two-column body page with a running header, page number and job number.
fn record_like_pdf() -> Vec<u8> {
    let mut b = PdfBuilder::new()
        .page()
        .text(123.0, 64.0, FixtureFont::TimesRoman, 14.0, "United Nations")
        .text(500.0, 64.0, FixtureFont::TimesRoman, 10.0, "S/PV.9999")
        .text(
            123.0,
            400.0,
            FixtureFont::TimesRoman,
            10.0,
            "The cover text.",
        )
        .page()
        .text(60.0, 60.0, FixtureFont::TimesBold, 8.5, "S/PV.9999")
        .text(510.0, 60.0, FixtureFont::TimesBold, 8.5, "01/01/2030")
        .text(78.0, 100.0, FixtureFont::TimesBold, 10.0, "Mr. Smith")
        .text(
            124.0,
            100.0,
            FixtureFont::TimesRoman,
            10.0,
            "(Utopia): We speak",
        );
    let left = [
        "of many things and of the time",
        "that has come to talk of them.",
    ];
    for (i, text) in left.iter().enumerate() {
        b = b.text(
            60.0,
            112.0 + 12.0 * i as f32,
            FixtureFont::TimesRoman,
            10.0,
            text,
        );
    }
    b = b.text(
        78.0,
        142.0,
        FixtureFont::TimesItalic,
        10.0,
        "The meeting was suspended.",
    );
    b = b.text(
        78.0,
        166.0,
        FixtureFont::TimesRoman,
        10.0,
        "Then we resumed with a",
    );
    b = b.text(
        60.0,
        178.0,
        FixtureFont::TimesRoman,
        10.0,
        "paragraph that goes on",
    );
    let right = [
        "and continues in the right column",
        "for three lines of text that",
        "end here.",
    ];
    for (i, text) in right.iter().enumerate() {
        b = b.text(
            320.0,
            100.0 + 12.0 * i as f32,
            FixtureFont::TimesRoman,
            10.0,
            text,
        );
    }
    b.text(60.0, 728.0, FixtureFont::TimesBold, 8.5, "2/2")
        .text(520.0, 728.0, FixtureFont::TimesRoman, 8.5, "30-00001")
        .build()
}

#[test]
fn two_columns_reading_order_styles_and_furniture() {
    let doc = verbatim_pdf::extract(&record_like_pdf()).expect("fixture extracts");
    let lines = layout(&doc);
    let page1: Vec<_> = lines.iter().filter(|l| l.page_idx == 1).collect();
    let texts: Vec<&str> = page1.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        texts,
        vec![
            "S/PV.9999",
            "01/01/2030",
            "Mr. Smith (Utopia): We speak",
            "of many things and of the time",
            "that has come to talk of them.",
            "The meeting was suspended.",
            "Then we resumed with a",
            "paragraph that goes on",
            "and continues in the right column",
            "for three lines of text that",
            "end here.",
            "2/2",
            "30-00001",
        ]
    );
    let kinds: Vec<LineKind> = page1.iter().map(|l| l.kind).collect();
    assert_eq!(kinds[0], LineKind::Furniture(FurnitureKind::RunningHeader));
    assert_eq!(kinds[1], LineKind::Furniture(FurnitureKind::RunningHeader));
    assert_eq!(kinds[11], LineKind::Furniture(FurnitureKind::PageNumber));
    assert_eq!(kinds[12], LineKind::Furniture(FurnitureKind::JobNumber));
    assert!(kinds[2..11].iter().all(|k| *k == LineKind::Body));

    let columns: Vec<u8> = page1[2..11].iter().map(|l| l.column).collect();
    assert_eq!(columns, vec![1, 1, 1, 1, 1, 1, 2, 2, 2]);
    let starts: Vec<bool> = page1[2..11].iter().map(|l| l.paragraph_start).collect();
    assert_eq!(
        starts,
        vec![true, false, false, true, true, false, false, false, false]
    );

    let heading = page1[2];
    assert!(!heading.is_bold() && !heading.is_italic());
    assert!(heading.spans[0].bold);
    assert_eq!(
        heading.text[heading.spans[0].start..heading.spans[0].end].trim(),
        "Mr. Smith"
    );
    assert!(page1[5].is_italic());
    assert_eq!(page1[3].column_x0, 60.0);

    // The cover keeps its masthead as body text.
    let cover: Vec<_> = lines.iter().filter(|l| l.page_idx == 0).collect();
    assert!(
        cover
            .iter()
            .all(|l| l.kind == LineKind::Body && l.column == 0)
    );
    assert_eq!(cover[0].text, "United Nations S/PV.9999");
}

#[test]
fn a_single_column_page_stays_one_column() {
    let mut b = PdfBuilder::new().page();
    for i in 0..20 {
        let x = if i % 5 == 0 { 147.0 } else { 123.0 };
        b = b.text(
            x,
            100.0 + 12.0 * i as f32,
            FixtureFont::TimesRoman,
            10.0,
            "a line of single-column text that runs across the page to the right margin",
        );
    }
    let doc = verbatim_pdf::extract(&b.build()).expect("extracts");
    let lines = layout(&doc);
    assert_eq!(lines.len(), 20);
    assert!(lines.iter().all(|l| l.column == 0));
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.paragraph_start)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts, vec![0, 5, 10, 15]);
}
