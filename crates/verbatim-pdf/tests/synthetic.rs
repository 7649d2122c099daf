//! Extraction of PDFs the test writes itself: runs anywhere, without the corpus.

use verbatim_pdf::fixture::{FixtureFont, PdfBuilder};
use verbatim_pdf::{PdfError, extract};

fn two_column_pdf() -> Vec<u8> {
    PdfBuilder::new()
        .producer(Some("fixture producer 1.0"))
        .page()
        .text(60.0, 100.0, FixtureFont::HelveticaBold, 10.0, "Mr. Smith")
        .text(
            110.0,
            100.0,
            FixtureFont::Helvetica,
            10.0,
            "(Utopia): Left column text",
        )
        .text(
            60.0,
            112.0,
            FixtureFont::HelveticaOblique,
            10.0,
            "The meeting rose at 5 p.m.",
        )
        .text(
            320.0,
            100.0,
            FixtureFont::TimesRoman,
            10.0,
            "Right column text",
        )
        .text(320.0, 112.0, FixtureFont::TimesBold, 10.0, "Ms. Jones")
        .text(
            320.0,
            124.0,
            FixtureFont::TimesItalic,
            10.0,
            "It was so decided.",
        )
        .build()
}

#[test]
fn styles_text_and_positions_are_recovered() {
    let doc = extract(&two_column_pdf()).expect("fixture extracts");
    assert_eq!(doc.pages.len(), 1);
    assert_eq!(doc.producer.as_deref(), Some("fixture producer 1.0"));
    let page = &doc.pages[0];
    assert_eq!((page.width, page.height), (612.0, 792.0));
    let find = |text: &str| {
        page.runs
            .iter()
            .find(|r| r.text == text)
            .unwrap_or_else(|| panic!("no run {text:?} in {:?}", page.runs))
    };
    let smith = find("Mr. Smith");
    assert!(smith.bold && !smith.italic, "{smith:?}");
    assert!((smith.bbox.x0 - 60.0).abs() < 0.5);
    assert!((smith.baseline() - 100.0).abs() < 0.5, "{smith:?}");
    assert!((smith.size - 10.0).abs() < 0.01);
    let rose = find("The meeting rose at 5 p.m.");
    assert!(rose.italic && !rose.bold);
    let jones = find("Ms. Jones");
    assert!(jones.bold && jones.font.starts_with("Times"), "{jones:?}");
    let decided = find("It was so decided.");
    assert!(decided.italic && !decided.bold);
    let right = find("Right column text");
    assert!(!right.bold && !right.italic);
    assert!(right.bbox.x0 > 300.0);
}

#[test]
fn runs_split_at_column_gaps_and_spaces_come_from_gaps() {
    // The same baseline carries a left and a right column piece, and a word drawn without a space
    // glyph after a gap ("left" is 13.3 pt wide in Helvetica 10: the gap is 0.47 em).
    let pdf = PdfBuilder::new()
        .text(60.0, 100.0, FixtureFont::Helvetica, 10.0, "left")
        .text(78.0, 100.0, FixtureFont::Helvetica, 10.0, "words")
        .text(320.0, 100.0, FixtureFont::Helvetica, 10.0, "right")
        .build();
    let doc = extract(&pdf).expect("extracts");
    let texts: Vec<&str> = doc.pages[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, vec!["left words", "right"]);
}

#[test]
fn glyphs_outside_the_page_are_dropped() {
    let pdf = PdfBuilder::new()
        .text(60.0, 100.0, FixtureFont::Helvetica, 10.0, "visible")
        .text(700.0, 100.0, FixtureFont::Helvetica, 10.0, "facing page")
        .text(60.0, 900.0, FixtureFont::Helvetica, 10.0, "below")
        .build();
    let doc = extract(&pdf).expect("extracts");
    let texts: Vec<&str> = doc.pages[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, vec!["visible"]);
}

#[test]
fn bad_inputs_give_typed_errors() {
    assert!(matches!(extract(b""), Err(PdfError::Empty)));
    assert!(matches!(
        extract(b"hello, this is not a PDF"),
        Err(PdfError::NotPdf)
    ));
    let garbage: Vec<u8> = (0..5000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(matches!(extract(&garbage), Err(PdfError::NotPdf)));
    let mut header_then_garbage = b"%PDF-1.4\n".to_vec();
    header_then_garbage.extend_from_slice(&garbage);
    assert!(extract(&header_then_garbage).is_err());
    let no_pages = PdfBuilder::new().build();
    assert!(matches!(
        extract(&no_pages),
        Err(PdfError::NoPages | PdfError::Damaged)
    ));
}

#[test]
fn truncated_files_fail_or_give_part_of_the_document() {
    let full = PdfBuilder::new()
        .page()
        .text(60.0, 100.0, FixtureFont::Helvetica, 10.0, "page one")
        .page()
        .text(60.0, 100.0, FixtureFont::Helvetica, 10.0, "page two")
        .build();
    assert_eq!(extract(&full).expect("full file").pages.len(), 2);
    for percent in [10, 30, 50, 70, 90, 99] {
        let cut = &full[..full.len() * percent / 100];
        match extract(cut) {
            Err(err) => println!("{percent}%: {err}"),
            Ok(doc) => {
                assert!(doc.pages.len() <= 2);
                for page in &doc.pages {
                    for run in &page.runs {
                        assert!(run.text.starts_with("page"), "{run:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn same_input_same_output() {
    let pdf = two_column_pdf();
    assert_eq!(
        extract(&pdf).expect("first"),
        extract(&pdf).expect("second")
    );
}

/// Writes a one-page PDF whose two fonts are both the standard Times-Roman (so hayro gives them the same
/// font program) but encode the letters differently: F1 with WinAnsi, F2 with A and B swapped.
fn swapped_encoding_pdf() -> Vec<u8> {
    let content = b"BT /F1 12 Tf 72 700 Td (ABBA AB) Tj ET\nBT /F2 12 Tf 72 680 Td (ABBA AB) Tj ET\nBT /F1 12 Tf 72 660 Td (BA) Tj ET\n";
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [65 /B /A] >> >>".to_vec(),
        stream,
    ];
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (idx, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", idx + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_offset = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_offset}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn each_glyph_run_reads_characters_with_its_own_font() {
    // The collector remembers what a character code gave within one glyph run; the same codes in a run
    // of another font that shares the font program must still give that font's characters.
    let doc = extract(&swapped_encoding_pdf()).expect("fixture extracts");
    let texts: Vec<&str> = doc.pages[0].runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["ABBA AB", "BAAB BA", "BA"]);
}
