//! verbatim-record: ordered lines -> [`MeetingRecord`] (the UN procedure grammar).
//!
//! Input: `&[verbatim_layout::Line]` from verbatim-layout. Output: [`Parsed`], the [`MeetingRecord`] plus
//! the fate of every input line (for `verbatim parse --explain` and for coverage). Parsing never fails:
//! anything doubtful becomes a [`model::Diagnostic`]. Entry function: [`parse`]; [`check_is_record`]
//! tells whether lines are a verbatim record at all. Also the country table ([`countries`]) and
//! document-symbol rules ([`symbols`]) that the import path and the store share, and the gold form
//! ([`gold`]) that the evaluation compares.
//! Out of scope: I/O, PDF reading and geometry (verbatim-pdf, verbatim-layout).
//!
//! How a record is read: the cover (first page; `cover`) gives the symbol, date, President, members and
//! the Security Council agenda. One pass over the remaining body lines (`proceedings`) then recognises,
//! at the start of each line, a vote-list label, a bold speaker heading (`heading`), a bold agenda
//! heading, or an italic stage direction (`stage`); other lines are the text of whatever is open (a
//! speech's paragraphs, a vote list). Vote blocks are closed by their result, which an adoption line or
//! the President's next words announce (`votes`). The printed, scanned series of the early years
//! (bilingual, OCR) has its own lenient heading rules (`printed`), and its OCR words are corrected from
//! the record's own vocabulary (`vocab`; every replacement is listed in one diagnostic). Finally (`assemble`) the General
//! Assembly agenda is taken from the numbered agenda headings, citations are gathered, and coverage is
//! counted.

pub mod model;

pub use model::*;
pub use verbatim_layout::text::MONTH_NAMES;

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
    /// A line of the parallel French translation of a bilingual printed record (1940s-50s): the
    /// English column is parsed, the translation is left out (and out of coverage) so that no speech is
    /// counted twice.
    Translation,
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
    #[error(
        "the PDF has no text layer (an image-only scan: verbatim reads it through OCR with --ocr auto, \
         the default, when Tesseract is installed)"
    )]
    NoText,
    #[error("the text layer is unreadable (broken font encoding): {sample:?}")]
    Garbage { sample: String },
    #[error("not a UN verbatim record ({looks_like})")]
    NotVerbatim { looks_like: String },
}

/// Tells whether `lines` are a verbatim record at all.
///
/// A record prints its symbol ("S/PV.8422", "A/64/PV.121") or, in the old printed series, "SECURITY
/// COUNCIL OFFICIAL RECORDS ... MEETING" near its start. Text whose characters are mostly not letters is
/// a broken font encoding, reported as [`NotARecord::Garbage`] rather than as some other document.
pub fn check_is_record(lines: &[Line]) -> Result<(), NotARecord> {
    check::check_is_record(lines)
}

/// Parses ordered lines into a record. Never fails: what cannot be read becomes a diagnostic, and every
/// line gets a fate (same order as `lines`).
pub fn parse(lines: &[Line], source: Source) -> Parsed {
    assemble::parse(lines, source)
}

mod assemble;
mod check;
mod cover;
mod heading;
mod lexicon;
mod printed;
mod proceedings;
mod stage;
mod text;
mod vocab;
mod votes;

pub mod countries;
pub mod gold;
pub mod scd;
pub mod symbols;
