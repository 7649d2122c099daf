//! The human-readable one-line-per-line form of layout output, used by the `dump` example and the
//! golden-file tests.

use crate::{FurnitureKind, Line, LineKind};

fn kind_name(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Body => "body",
        LineKind::Furniture(FurnitureKind::RunningHeader) => "header",
        LineKind::Furniture(FurnitureKind::PageNumber) => "pageno",
        LineKind::Furniture(FurnitureKind::JobNumber) => "jobno",
        LineKind::Furniture(FurnitureKind::Barcode) => "barcode",
        LineKind::Furniture(FurnitureKind::Disclaimer) => "disclaimer",
        LineKind::Furniture(FurnitureKind::Footnote) => "footnote",
        LineKind::Furniture(FurnitureKind::Other) => "other",
    }
}

/// The line's text with mixed styles marked: `**bold**`, `_italic_`, `**_both_**`. A line that is
/// wholly bold or italic is not marked inline (the style column says so).
pub fn styled_text(line: &Line) -> String {
    let whole_bold = line.is_bold();
    let whole_italic = line.is_italic();
    // Spans that differ only in size are one stretch for marking purposes.
    let mut stretches: Vec<(usize, usize, bool, bool)> = Vec::new();
    for span in &line.spans {
        match stretches.last_mut() {
            Some(last) if last.2 == span.bold && last.3 == span.italic && last.1 == span.start => {
                last.1 = span.end
            }
            _ => stretches.push((span.start, span.end, span.bold, span.italic)),
        }
    }
    let mut out = String::with_capacity(line.text.len() + 8);
    for (start, end, span_bold, span_italic) in stretches {
        let piece = &line.text[start..end];
        let bold = span_bold && !whole_bold && !piece.trim().is_empty();
        let italic = span_italic && !whole_italic && !piece.trim().is_empty();
        // Keep the markers tight around the words: spaces at the span's edges go outside.
        let trimmed = piece.trim_end();
        let trailing = &piece[trimmed.len()..];
        if bold {
            out.push_str("**");
        }
        if italic {
            out.push('_');
        }
        out.push_str(trimmed);
        if italic {
            out.push('_');
        }
        if bold {
            out.push_str("**");
        }
        out.push_str(trailing);
    }
    out
}

/// One line in the dump format: `p{page} c{column} {kind} {B|I|-}{flags} x0=.. y0=.. | text`. The
/// flags are `P` for a paragraph start. Without `coordinates` the x0/y0 fields are left out.
pub fn format_line(line: &Line, coordinates: bool) -> String {
    let style = match (line.is_bold(), line.is_italic()) {
        (true, true) => "BI",
        (true, false) => "B",
        (false, true) => "I",
        (false, false) => "-",
    };
    let flags = if line.paragraph_start { "P" } else { "" };
    let mut out = format!(
        "p{} c{} {} {}{}",
        line.page_idx,
        line.column,
        kind_name(line.kind),
        style,
        flags
    );
    if coordinates {
        out.push_str(&format!(" x0={:.1} y0={:.1}", line.bbox.x0, line.bbox.y0));
    }
    out.push_str(" | ");
    out.push_str(&styled_text(line));
    out
}
