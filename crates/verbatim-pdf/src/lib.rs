//! verbatim-pdf: PDF bytes -> pages of positioned text runs.
//!
//! Input: the bytes of a PDF file. Output: [`Document`], a `Vec<Page>` of [`TextRun`]s (text, bbox, font
//! name, size, bold, italic) clipped to each page's visible box, plus document metadata (producer).
//! Entry function: [`extract`]. Out of scope: reading order, columns, furniture (verbatim-layout) and any
//! I/O (the caller reads the file).
//!
//! How it works: hayro-syntax parses the file and each page's content stream; `interp`, a content-stream
//! interpreter of this crate that follows only what text needs (text state and matrices, q/Q, cm, fonts
//! set by Tf or gs, form XObjects, optional content; annotations skipped), shows glyph runs to `collect`,
//! which keeps character, origin, size, advance and font style. Fonts are loaded by hayro-font, and what a
//! character code of a font gives (text, advances) is asked once per document (`fonts`). The positions
//! are computed exactly as hayro's renderer computes them. `runs` groups
//! consecutive glyphs of one style and size on one baseline into [`TextRun`]s, inserting a space where
//! the glyphs leave a gap of more than 0.15 em (the 1990s Distiller records draw no space glyphs),
//! splitting at gaps wider than 0.8 em (so two columns never share a run), and dropping glyphs whose
//! centre lies outside the visible page (a scan's facing page). Coordinates are points from the
//! top-left of the crop box, y down. Control characters are removed, no-break spaces become spaces,
//! soft hyphens are kept. Bold and italic come from the font's name, which hayro does not expose for
//! fonts that are not embedded: `style` recovers it from the glyph's cache key, relying on how the
//! pinned hayro version hashes fonts (tests/corpus.rs proves it on the 1997 record). [`fixture`] writes
//! small PDFs for tests.

mod collect;
pub mod fixture;
mod fonts;
mod interp;
pub mod limits;
mod ocg;
mod runs;
mod style;
mod tj;

use std::panic::{AssertUnwindSafe, catch_unwind};

use hayro_font::hayro_syntax::object::Dict;
use hayro_font::hayro_syntax::{LoadPdfError, Pdf};
use hayro_font::kurbo::Affine;
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

impl TextRun {
    /// The run's baseline: runs are built with the box extending 0.2 em below the baseline.
    pub fn baseline(&self) -> f32 {
        self.bbox.y1 - runs::DESCENT * self.size
    }
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

impl Document {
    /// Forgets every run's bold and italic, as an OCR text layer has none. The later stages must read a
    /// record from its words and their positions alone; this is how that is checked on born-digital
    /// records (`verbatim parse --no-style`, `verbatim eval --no-style`).
    pub fn drop_style(&mut self) {
        for run in self.pages.iter_mut().flat_map(|p| p.runs.iter_mut()) {
            run.bold = false;
            run.italic = false;
        }
    }
}

/// Why a PDF could not be read at all. Names the cause; the caller adds the file name.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the file is empty")]
    Empty,
    #[error("not a PDF file (no %PDF header)")]
    NotPdf,
    #[error("the PDF is damaged or truncated and could not be opened")]
    Damaged,
    #[error("the PDF is encrypted")]
    Encrypted,
    #[error("the PDF has no pages")]
    NoPages,
    #[error("reading stopped at a safety limit: {0}")]
    Limit(limits::Limit),
}

/// Reads every page's text runs.
///
/// Never panics: a panic inside the PDF interpreter is caught and reported as [`PdfError::Damaged`].
pub fn extract(bytes: &[u8]) -> Result<Document, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    // Some producers put a few bytes before the header; the PDF spec allows it within the first 1024.
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotPdf);
    }
    match catch_unwind(AssertUnwindSafe(|| extract_unchecked(bytes))) {
        Ok(result) => result,
        Err(_) => Err(PdfError::Damaged),
    }
}

fn extract_unchecked(bytes: &[u8]) -> Result<Document, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|err| match err {
        LoadPdfError::Decryption(_) => PdfError::Encrypted,
        LoadPdfError::Invalid => PdfError::Damaged,
    })?;
    let producer = pdf
        .metadata()
        .producer
        .as_deref()
        .map(decode_text_string)
        .filter(|p| !p.trim().is_empty());
    let pdf_pages = pdf.pages();
    if pdf_pages.is_empty() {
        return Err(PdfError::NoPages);
    }

    // Optional content is configured once per document, in the catalog.
    let ocg = pdf
        .xref()
        .get::<Dict<'_>>(pdf.xref().root_id())
        .map(|catalog| ocg::OcgState::from_catalog(&catalog))
        .unwrap_or_default();
    let mut interpreter = interp::Interpreter::new(ocg);
    let mut pages = Vec::with_capacity(pdf_pages.len());
    for pdf_page in pdf_pages.iter() {
        let (width, height) = pdf_page.render_dimensions();
        let initial = Affine::new(pdf_page.initial_transform(true).as_coeffs());
        // Annotations (links, stamps) carry no record text: only the page's own content is read. The
        // content is decoded within the document's limits (hayro-syntax's own decoding is unbounded).
        let content = page_content(pdf_page.raw(), &mut interpreter.budget);
        if let Some(limit) = interpreter.budget.breached {
            return Err(PdfError::Limit(limit));
        }
        interpreter.page(&content, pdf_page.resources(), initial);
        if let Some(limit) = interpreter.budget.breached {
            return Err(PdfError::Limit(limit));
        }
        let runs = runs::build_runs(
            &interpreter.collector.glyphs,
            &interpreter.fonts,
            width,
            height,
        );
        pages.push(Page {
            width,
            height,
            runs,
        });
    }
    Ok(Document { pages, producer })
}

/// A page's content: its /Contents stream, or its streams joined with a space between them.
fn page_content(page: &Dict<'_>, budget: &mut limits::Budget) -> Vec<u8> {
    use hayro_font::hayro_syntax::object::dict::keys::CONTENTS;
    use hayro_font::hayro_syntax::object::{Array, Stream};
    if let Some(stream) = page.get::<Stream<'_>>(CONTENTS) {
        return budget.decode(&stream).unwrap_or_default();
    }
    let mut collected = Vec::new();
    if let Some(array) = page.get::<Array<'_>>(CONTENTS) {
        for stream in array.iter::<Stream<'_>>() {
            if let Some(data) = budget.decode(&stream) {
                collected.extend(data);
                collected.push(b' ');
            }
            if budget.breached.is_some() {
                break;
            }
        }
    }
    collected
}

/// Decodes a PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding, which agrees with
/// Latin-1 for the characters producers put in /Producer.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    bytes.iter().map(|b| char::from(*b)).collect()
}
