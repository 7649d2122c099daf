//! Furniture: running headers, page numbers, job numbers, barcodes, the cover's disclaimer and
//! footnotes. A line is furniture only when its position (a margin band, the cover's foot) and its
//! form agree, so body text is never taken for furniture.

use std::collections::{BTreeMap, BTreeSet};

use verbatim_pdf::TextRun;

use crate::build::{Band, plain_text};
use crate::{FurnitureKind, Line, LineKind};

/// "3", "3/9", "- 3 -".
fn is_page_number(text: &str) -> bool {
    // Scans add noise around the number ("9·").
    let t = text
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
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
    // An OCR text layer may lose the last digit ("07-5042") or read the barcode beside the number as a
    // short word ("07-50429 fi").
    let digits = bytes
        .iter()
        .skip(3)
        .take(5)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if bytes.len() >= 7
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
        && digits >= 4
        && bytes.get(3 + digits).is_none_or(|b| !b.is_ascii_digit())
    {
        let rest = t[3 + digits..].trim();
        return rest.is_empty()
            || rest.starts_with('(') && rest.len() <= 12
            || is_page_number(rest)
            || (rest.len() <= 3 && rest.chars().all(|c| c.is_ascii_alphabetic()))
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

/// What the document says about its margins: the header texts that recur on several pages.
#[derive(Debug, Default)]
pub(crate) struct MarginContext {
    /// Normalised texts (see [`normalize`]) of top-band segments found on at least two pages.
    pub repeated_headers: BTreeSet<String>,
}

impl MarginContext {
    pub(crate) fn from_top_texts(per_page: &[Vec<String>]) -> Self {
        let mut pages_with: BTreeMap<String, usize> = BTreeMap::new();
        for texts in per_page {
            let unique: BTreeSet<String> = texts.iter().map(|t| normalize(t)).collect();
            for text in unique {
                *pages_with.entry(text).or_default() += 1;
            }
        }
        let repeated_headers = pages_with
            .into_iter()
            .filter(|(text, count)| *count >= 2 && !text.is_empty())
            .map(|(text, _)| text)
            .collect();
        MarginContext { repeated_headers }
    }
}

/// Lower-cases, collapses spaces and replaces every digit by '#', so that "S/PV.8422 2/9" and
/// "S/PV.8422 4/9" compare equal.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.push(if c.is_ascii_digit() {
                '#'
            } else {
                c.to_ascii_lowercase()
            });
        }
    }
    out
}

/// A record symbol as printed in running headers: "S/PV.8422", "A/79/PV.29", "A/64/PV.121".
fn is_record_symbol(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    let Some(rest) = w.strip_prefix("S/PV.").or_else(|| {
        let after = w.strip_prefix("A/")?;
        let (session, rest) = after.split_once('/')?;
        session.chars().all(|c| c.is_ascii_digit()).then_some(())?;
        rest.strip_prefix("PV.")
    }) else {
        return false;
    };
    rest.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// "13/12/2018", "21 March 1997".
fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() == 3
        && words[0].chars().all(|c| c.is_ascii_digit())
        && crate::text::MONTH_NAMES.contains(&words[1])
        && words[2].chars().all(|c| c.is_ascii_digit())
}

/// Running-header vocabulary of the records: "Security Council", "Fifty-second year", "3756th meeting",
/// "Sixty-fifth session", a record symbol or a date, alone or combined.
fn looks_like_header(text: &str) -> bool {
    let t = text.trim();
    if t.split_whitespace().any(is_record_symbol) || is_date(t) {
        return true;
    }
    let lower = t.to_lowercase();
    let words = lower.split_whitespace().count();
    words <= 6
        && (lower == "security council"
            || lower == "general assembly"
            || lower.ends_with(" year")
            || lower.ends_with(" meeting")
            || lower.ends_with(" session"))
}

/// Classifies one segment of a margin row; `None` means it is body text.
pub(crate) fn margin_furniture(
    seg: &[&TextRun],
    band: Band,
    margin: &MarginContext,
) -> Option<FurnitureKind> {
    let text = plain_text(seg);
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if seg
        .iter()
        .any(|run| run.font.to_ascii_lowercase().contains("barcode"))
        || is_barcode(text)
    {
        return Some(FurnitureKind::Barcode);
    }
    if is_job_number(text) {
        return Some(FurnitureKind::JobNumber);
    }
    if is_page_number(text) {
        return Some(FurnitureKind::PageNumber);
    }
    match band {
        Band::Top
            if looks_like_header(text) || margin.repeated_headers.contains(&normalize(text)) =>
        {
            Some(FurnitureKind::RunningHeader)
        }
        _ => None,
    }
}

/// Classifies a segment of a row outside the margin bands: only job numbers and barcodes, whose forms
/// body text never takes.
pub(crate) fn strong_furniture(seg: &[&TextRun]) -> Option<FurnitureKind> {
    let text = plain_text(seg);
    let text = text.trim();
    if seg
        .iter()
        .any(|run| run.font.to_ascii_lowercase().contains("barcode"))
        || is_barcode(text)
    {
        Some(FurnitureKind::Barcode)
    } else if is_strict_job_number(text) {
        Some(FurnitureKind::JobNumber)
    } else {
        None
    }
}

/// "97-85299 (E)": a job number with its language mark, the form printed on covers.
fn is_strict_job_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 8
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && bytes[2] == b'-'
        && bytes[3..8].iter().all(u8::is_ascii_digit)
        && matches!(
            text[8..].trim(),
            "" | "(E)" | "(F)" | "(S)" | "(R)" | "(A)" | "(C)"
        )
}

/// Marks the cover's disclaimer (the only furniture that is not in a margin band).
pub(crate) fn classify(lines: &mut [Line], page_idx: usize) {
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

#[cfg(test)]
mod job_number_tests {
    use super::is_job_number;

    #[test]
    fn job_numbers_as_printed_and_as_ocr_reads_them() {
        assert!(is_job_number("18-43649 (E)"));
        assert!(is_job_number("07-50429"));
        assert!(is_job_number("07-5042"));
        assert!(is_job_number("07-50429 fi"));
        assert!(!is_job_number("07-504"));
        assert!(!is_job_number("07-504291"));
        assert!(!is_job_number("07-50429 the Assembly"));
    }
}
