//! verbatim-pdf: PDF bytes -> pages of positioned text runs.
//!
//! Input: the bytes of a PDF file. Output: [`Document`], a `Vec<Page>` of [`TextRun`]s (text, bbox, font
//! name, size, bold, italic) clipped to each page's visible box, plus document metadata (producer).
//! Entry function: [`extract`]. Out of scope: reading order, columns, furniture (verbatim-layout) and any
//! I/O (the caller reads the file).

use serde::{Deserialize, Serialize};

/// An axis-aligned box in page space: points, origin at the top-left of the visible page, y growing down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// A run of glyphs drawn with one font at one size on one baseline, in drawing order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextRun {
    pub text: String,
    pub bbox: BBox,
    /// The font's name as far as it can be known (for non-embedded fonts, the standard substitute's).
    pub font: String,
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

/// One page: its visible size and its text runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
}

/// A whole PDF's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub pages: Vec<Page>,
    /// The Info dictionary's /Producer, when present.
    pub producer: Option<String>,
}

/// Why a PDF could not be read at all. Names the cause; the caller adds the file name.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF file (no %PDF header)")]
    NotPdf,
    #[error("the PDF is damaged or truncated and could not be opened")]
    Damaged,
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("the PDF has no pages")]
    NoPages,
}

/// Reads every page's text runs. Placeholder signature; implemented with hayro-interpret.
pub fn extract(bytes: &[u8]) -> Result<Document, PdfError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(PdfError::NotPdf);
    }
    Err(PdfError::Damaged)
}
