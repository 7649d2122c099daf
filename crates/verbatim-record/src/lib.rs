//! verbatim-record: ordered lines -> [`MeetingRecord`] (the UN procedure grammar).
//!
//! Input: `&[verbatim_layout::Line]` from verbatim-layout. Output: [`Parsed`], the [`MeetingRecord`] plus
//! the fate of every input line (for `verbatim parse --explain` and for coverage). Parsing never fails:
//! anything doubtful becomes a [`model::Diagnostic`]. Entry function: [`parse`]; [`check_is_record`]
//! tells whether lines are a verbatim record at all. Also the country table ([`countries`]) and
//! document-symbol rules ([`symbols`]) that the import path and the store share.
//! Out of scope: I/O, PDF reading and geometry (verbatim-pdf, verbatim-layout).

pub mod model;

pub use model::*;

use verbatim_layout::{FurnitureKind, Line};

/// What became of one input line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "fate")]
pub enum LineFate {
    /// Classified as furniture by the layout stage.
    Furniture { furniture: FurnitureKind },
    /// Used for a cover field (symbol, date, president, members, agenda ...); names the field.
    Cover { field: String },
    /// Placed in the proceeding with this `seq`.
    Proceeding { seq: u32 },
    /// A body line that ended up nowhere (counts against coverage, and has a diagnostic).
    Unplaced,
}

/// A parsed record and the fate of every input line (same length and order as the input).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub record: MeetingRecord,
    pub fates: Vec<LineFate>,
}

/// Why a document is not a verbatim record at all (the caller names the file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotARecord {
    #[error("the PDF has no text layer (a scan without OCR?)")]
    NoText,
    #[error("the text layer is unreadable (broken font encoding): {sample:?}")]
    Garbage { sample: String },
    #[error("not a UN verbatim record ({looks_like})")]
    NotVerbatim { looks_like: String },
}

/// Tells whether `lines` are a verbatim record. Placeholder signature.
pub fn check_is_record(lines: &[Line]) -> Result<(), NotARecord> {
    if lines.is_empty() {
        Err(NotARecord::NoText)
    } else {
        Ok(())
    }
}

/// Parses ordered lines into a record. Never fails. Placeholder signature.
pub fn parse(lines: &[Line], source: Source) -> Parsed {
    let _ = lines;
    let record = MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        symbol: String::new(),
        body: Body::Other,
        meeting_number: None,
        resumption: None,
        session: None,
        year_label: None,
        date: None,
        called_to_order: None,
        adjourned: None,
        location: None,
        president: None,
        members: Vec::new(),
        agenda: Vec::new(),
        proceedings: Vec::new(),
        documents_cited: Vec::new(),
        source,
        diagnostics: Vec::new(),
        coverage: Coverage::default(),
    };
    Parsed {
        record,
        fates: lines.iter().map(|_| LineFate::Unplaced).collect(),
    }
}

pub mod countries;
pub mod gold;
pub mod symbols;
