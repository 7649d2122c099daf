//! The content-stream interpreter on PDFs the test writes itself: form XObjects, ExtGState fonts,
//! text rendering modes, optional content, the graphics state stack, TJ adjustments with horizontal
//! scaling, and the Helvetica stand-in. Expected positions are worked out by hand from the PDF
//! operators and Helvetica's metrics (A and B 667, C 722 thousandths of an em).

use std::fmt::Write as _;

use verbatim_pdf::{Page, TextRun, extract};

/// Page height of every test page (US letter); baselines below are measured from the top.
const HEIGHT: f32 = 792.0;

/// Font dictionaries shared by the tests: objects 3 (Helvetica) and 4 (Helvetica-Bold).
const FONTS: [&str; 2] = [
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
];

/// A stream object's text.
fn stream(dict: &str, content: &str) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A one-page PDF. Objects: 1 catalog (with `catalog_extra`), 2 pages, 3 and 4 fonts, 5 page (with
/// `resources_extra` in its resources), 6 its content, then `extra` from 7 on.
fn pdf(catalog_extra: &str, resources_extra: &str, content: &str, extra: &[String]) -> Vec<u8> {
    let mut objects = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>"),
        String::from("<< /Type /Pages /Kids [5 0 R] /Count 1 >>"),
        FONTS[0].to_string(),
        FONTS[1].to_string(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 {HEIGHT}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> {resources_extra} >> /Contents 6 0 R >>"
        ),
        stream("", content),
    ];
    objects.extend(extra.iter().cloned());
    let mut out = String::from("%PDF-1.5\n");
    let mut offsets = Vec::new();
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{body}\nendobj\n", index + 1);
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

fn page_of(bytes: &[u8]) -> Page {
    let mut doc = extract(bytes).expect("test PDF extracts");
    assert_eq!(doc.pages.len(), 1);
    doc.pages.remove(0)
}

fn run<'p>(page: &'p Page, text: &str) -> &'p TextRun {
    page.runs
        .iter()
        .find(|r| r.text == text)
        .unwrap_or_else(|| panic!("no run {text:?} in {:?}", page.runs))
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn form_xobjects_draw_under_their_matrix_with_their_resources() {
    // The form has its own resources (its F9 is Helvetica-Bold) and a matrix moving it 10 points right;
    // the page places it at (100, 200).
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [1 0 0 1 10 0] /Resources << /Font << /F9 4 0 R >> >>",
        "BT /F9 12 Tf 0 0 Td (Inside form) Tj ET",
    );
    let page = page_of(&pdf(
        "",
        "/XObject << /Fm1 7 0 R >>",
        "q 1 0 0 1 100 200 cm /Fm1 Do Q BT /F1 12 Tf 100 100 Td (After form) Tj ET",
        &[form],
    ));
    let inside = run(&page, "Inside form");
    assert!(inside.bold && close(inside.bbox.x0, 110.0), "{inside:?}");
    assert!(close(inside.baseline(), HEIGHT - 200.0), "{inside:?}");
    // The form's cm and font do not leak out: Q restored the page's state.
    let after = run(&page, "After form");
    assert!(!after.bold && close(after.bbox.x0, 100.0), "{after:?}");
    assert!(close(after.baseline(), HEIGHT - 100.0), "{after:?}");
}

#[test]
fn a_form_that_draws_itself_does_not_loop() {
    // The form draws its text, then itself again. Interpretation must end (nesting is limited to 50
    // levels) and the text is read; hayro's renderer reads it once here, and so does this crate.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 3 0 R >> /XObject << /Me 7 0 R >> >>",
        "BT /F1 12 Tf 100 100 Td (Again) Tj ET /Me Do",
    );
    let page = page_of(&pdf("", "/XObject << /Fm1 7 0 R >>", "/Fm1 Do", &[form]));
    let copies = page.runs.iter().filter(|r| r.text == "Again").count();
    assert!((1..=50).contains(&copies), "{copies} copies");
}

#[test]
fn a_font_set_by_an_ext_g_state_is_used() {
    let page = page_of(&pdf(
        "",
        "/ExtGState << /GS1 << /Type /ExtGState /Font [4 0 R 14] >> >>",
        "/GS1 gs BT 100 100 Td (Via gs) Tj ET",
        &[],
    ));
    let via = run(&page, "Via gs");
    assert!(via.bold && close(via.size, 14.0), "{via:?}");
}

#[test]
fn filled_and_stroked_text_is_read_once_and_invisible_text_is_read() {
    let page = page_of(&pdf(
        "",
        "",
        "BT /F1 12 Tf 2 Tr 100 100 Td (Twice drawn) Tj ET \
         BT /F1 12 Tf 0 Tr 100 200 Td (Fill then stroke) Tj ET BT 1 Tr 100 200 Td (Fill then stroke) Tj ET \
         BT 3 Tr 100 300 Td (Invisible layer) Tj ET",
        &[],
    ));
    let texts: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        texts.iter().filter(|t| **t == "Twice drawn").count(),
        1,
        "{texts:?}"
    );
    assert_eq!(
        texts
            .iter()
            .filter(|t| t.contains("Fill then stroke"))
            .count(),
        1,
        "{texts:?}"
    );
    run(&page, "Invisible layer");
}

#[test]
fn text_in_a_hidden_optional_content_group_is_not_read() {
    let layer = String::from("<< /Type /OCG /Name (Hidden layer) >>");
    let page = page_of(&pdf(
        "/OCProperties << /OCGs [7 0 R] /D << /OFF [7 0 R] >> >>",
        "/Properties << /L1 7 0 R >>",
        "/OC /L1 BDC BT /F1 12 Tf 100 100 Td (Hidden) Tj ET EMC \
         /Span << /MCID 0 >> BDC BT /F1 12 Tf 100 200 Td (Shown) Tj ET EMC",
        &[layer],
    ));
    let texts: Vec<&str> = page.runs.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(texts, ["Shown"]);
}

#[test]
fn restoring_the_graphics_state_restores_the_text_state() {
    let page = page_of(&pdf(
        "",
        "",
        "/F1 12 Tf q /F2 20 Tf 2 0 0 2 0 0 cm Q BT 100 100 Td (Twelve point) Tj ET",
        &[],
    ));
    let text = run(&page, "Twelve point");
    assert!(!text.bold && close(text.size, 12.0), "{text:?}");
}

#[test]
fn tj_adjustments_and_horizontal_scaling_move_the_glyphs() {
    // At 10 pt and 50 % horizontal scaling, A and B advance 3.335 pt each; -1000 moves 5 pt right, so
    // C starts at 111.67 and ends 3.61 pt later. The 5 pt gap (half an em) is a word space.
    let page = page_of(&pdf(
        "",
        "",
        "BT /F1 10 Tf 50 Tz 100 100 Td [(AB) -1000 (C)] TJ ET",
        &[],
    ));
    let text = run(&page, "AB C");
    assert!(close(text.bbox.x0, 100.0), "{text:?}");
    assert!(
        close(text.bbox.x1, 100.0 + 3.335 * 2.0 + 5.0 + 3.61),
        "{text:?}"
    );
}

#[test]
fn text_without_a_usable_font_is_read_in_helvetica() {
    // No Tf at all, and a Tf naming a font that is not in the resources: both fall back to Helvetica.
    let page = page_of(&pdf(
        "",
        "",
        "BT 100 100 Td (No font) Tj ET BT /Missing 12 Tf 100 200 Td (Missing font) Tj ET",
        &[],
    ));
    for text in ["No font", "Missing font"] {
        let found = run(&page, text);
        assert_eq!(found.font, "Helvetica", "{found:?}");
    }
}
