//! Is this a verbatim record at all? A quick look at the first pages' text.

use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::{Line, LineKind};

use crate::NotARecord;

static PV_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[AS]/(?:\d{1,3}/)?PV\.\s?\d{1,6}\b").expect("valid regex"));
static DOC_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[AES]/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d\b").expect("valid regex")
});

/// Lines looked at: the first pages are enough, and a record prints its symbol on the first.
const PAGES: u32 = 3;

pub(crate) fn check_is_record(lines: &[Line]) -> Result<(), NotARecord> {
    let head: Vec<&Line> = lines.iter().filter(|l| l.page_idx < PAGES).collect();
    let text: String = head
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let visible: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.len() < 20 {
        return Err(NotARecord::NoText);
    }
    let letters = visible.iter().filter(|c| c.is_alphabetic()).count();
    // Prose in any script is mostly letters (about 80 per cent); a text layer drawn with a font whose
    // encoding was lost comes out as punctuation and symbols.
    if (letters as f64) < 0.5 * visible.len() as f64 {
        let sample: String = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(60)
            .collect();
        return Err(NotARecord::Garbage { sample });
    }
    let first_page: Vec<&&Line> = head.iter().filter(|l| l.page_idx == 0).collect();
    let first_text: String = first_page
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let symbol_up_front = first_page
        .iter()
        .filter(|l| l.kind == LineKind::Body || matches!(l.kind, LineKind::Furniture(_)))
        .take(40)
        .any(|l| PV_SYMBOL.is_match(&l.text));
    // Records of the early 1990s print their symbol in the "Distr." block at the foot of the first page,
    // below the proceedings' columns. The document's own symbol stands alone on its line there; a symbol
    // cited inside a sentence anywhere on the page is not enough.
    let symbol_block = first_page
        .iter()
        .any(|l| crate::symbols::parse_pv_symbol(crate::text::squash(&l.text).trim()).is_some());
    let upper = first_text.to_uppercase();
    let printed_series = upper.contains("SECURITY COUNCIL")
        && upper.contains("OFFICIAL RECORDS")
        && upper.contains("MEETING");
    // An OCR'd record may garble its cover's symbol ("Avewpv.107") but repeats it in the running headers
    // of the next pages ("A/6S/PV.7L"), read with the OCR's digit confusions.
    let symbol_in_headers = head.iter().any(|l| {
        l.kind == LineKind::Furniture(verbatim_layout::FurnitureKind::RunningHeader)
            && !crate::symbols::ocr_pv_symbols(&crate::text::squash(&l.text)).is_empty()
    });
    // A cover whose symbol the OCR lost still names its organ, its meeting and its President
    // ("GENERAL ASSEMBLY", "46th PLENARY MEETING", "President: Mr. INSANALLY").
    let cover_fields = (upper.contains("SECURITY COUNCIL")
        || (upper.contains("GENERAL") && upper.contains("ASSEMBLY")))
        && first_text.contains("President")
        && crate::cover::meeting_in_words(&first_text).is_some();
    if symbol_up_front || symbol_block || symbol_in_headers || cover_fields || printed_series {
        return Ok(());
    }
    Err(NotARecord::NotVerbatim {
        looks_like: describe(&first_text, &visible),
    })
}

/// A short description of what a non-record looks like, for the error message.
fn describe(first_text: &str, visible: &[char]) -> String {
    let cyrillic = visible
        .iter()
        .filter(|c| ('\u{400}'..='\u{4ff}').contains(*c))
        .count();
    let arabic = visible
        .iter()
        .filter(|c| ('\u{600}'..='\u{6ff}').contains(*c) || ('\u{fb50}'..='\u{feff}').contains(*c))
        .count();
    let half = visible.len() / 2;
    let language = if cyrillic > half {
        Some("Russian")
    } else if arabic > half {
        Some("Arabic")
    } else {
        None
    };
    let lower = first_text.to_lowercase();
    let kind = if lower.contains("distr.") || lower.contains("original:") {
        match DOC_SYMBOL.find(first_text) {
            Some(m) => format!("UN document {} without a meeting record symbol", m.as_str()),
            None => "a UN document without a meeting record symbol".to_owned(),
        }
    } else if lower.contains("general debate")
        || lower.contains("statement by")
        || lower.contains("discours")
        || lower.contains("intervention")
        || lower.contains("discurso")
        || lower.contains("mr president")
        || lower.contains("monsieur le président")
    {
        "a statement, not a meeting record".to_owned()
    } else {
        let first_line = first_text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let first_line: String = first_line.chars().take(60).collect();
        format!("no meeting record symbol; starts {first_line:?}")
    };
    match language {
        Some(language) => format!("{kind}, in {language}"),
        None => kind,
    }
}
