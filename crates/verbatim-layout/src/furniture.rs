//! Furniture: running headers, page numbers, job numbers, barcodes, the cover's disclaimer and
//! footnotes. A line is furniture only when its position (a margin band, the cover's foot) and its
//! form agree, so body text is never taken for furniture.

use verbatim_pdf::Page;

use crate::build::{BOTTOM_BAND, TOP_BAND};
use crate::{FurnitureKind, Line, LineKind};

/// "3", "3/9", "- 3 -".
fn is_page_number(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| c == '-' || c == ' ');
    if t.is_empty() || t.len() > 9 {
        return false;
    }
    let mut parts = t.split('/');
    let first = parts.next().unwrap_or("");
    let ok_first = !first.is_empty() && first.chars().all(|c| c.is_ascii_digit());
    match (parts.next(), parts.next()) {
        (None, _) => ok_first,
        (Some(total), None) => {
            ok_first && !total.is_empty() && total.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// "18-43649 (E)", "07-50429", "N0050429", optionally followed by other furniture on the same line
/// (a page number).
fn is_job_number(text: &str) -> bool {
    let t = text.trim();
    let bytes = t.as_bytes();
    if bytes.len() >= 8
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
        && bytes[3..8].iter().all(u8::is_ascii_digit)
    {
        let rest = t[8..].trim();
        return rest.is_empty()
            || rest.starts_with('(') && rest.len() <= 12
            || is_page_number(rest)
            || rest
                .split_whitespace()
                .all(|w| w.starts_with('(') || is_page_number(w) || is_barcode(w));
    }
    false
}

/// "*1843649*" (the text drawn with a barcode font).
fn is_barcode(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3
        && t.starts_with('*')
        && t.ends_with('*')
        && t[1..t.len() - 1].chars().all(|c| c.is_ascii_alphanumeric())
}

/// The first words of the cover's note on the text and on corrections.
fn starts_disclaimer(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("This record contains")
        || t.starts_with("This record is subject to correction")
        || t.starts_with("Corrections should be submitted")
}

pub(crate) fn classify(lines: &mut [Line], page: &Page, page_idx: usize) {
    let top = TOP_BAND * page.height;
    let bottom = BOTTOM_BAND * page.height;
    for line in lines.iter_mut() {
        let baseline = line.bbox.y1 - 0.2 * line.spans.first().map_or(10.0, |s| s.size);
        let text = line.text.trim();
        let kind = if page_idx > 0 && baseline < top {
            Some(if is_page_number(text) {
                FurnitureKind::PageNumber
            } else {
                FurnitureKind::RunningHeader
            })
        } else if baseline > bottom {
            if is_barcode(text) {
                Some(FurnitureKind::Barcode)
            } else if is_job_number(text) {
                Some(FurnitureKind::JobNumber)
            } else if is_page_number(text) {
                Some(FurnitureKind::PageNumber)
            } else {
                None
            }
        } else {
            None
        };
        if let Some(kind) = kind {
            line.kind = LineKind::Furniture(kind);
        }
    }

    if page_idx == 0 {
        mark_disclaimer(lines);
    }
}

/// On the cover, the disclaimer is a block of small print starting with a known sentence; every line
/// that follows it in the same size and close below belongs to it.
fn mark_disclaimer(lines: &mut [Line]) {
    let Some(start) = lines
        .iter()
        .position(|l| l.kind == LineKind::Body && starts_disclaimer(&l.text))
    else {
        return;
    };
    let size = lines[start].spans.first().map_or(0.0, |s| s.size);
    let mut last_y = lines[start].bbox.y1;
    lines[start].kind = LineKind::Furniture(FurnitureKind::Disclaimer);
    for line in lines.iter_mut().skip(start + 1) {
        if line.kind != LineKind::Body {
            continue;
        }
        let line_size = line.spans.first().map_or(0.0, |s| s.size);
        let close = line.bbox.y1 > last_y && line.bbox.y1 - last_y < 2.5 * size;
        if (line_size - size).abs() < 0.3 && close {
            line.kind = LineKind::Furniture(FurnitureKind::Disclaimer);
            last_y = line.bbox.y1;
        }
    }
}
