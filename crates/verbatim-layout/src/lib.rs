//! verbatim-layout: pages of text runs -> lines in reading order, each tagged body or furniture.
//!
//! Input: [`verbatim_pdf::Document`]. Output: `Vec<Line>` in reading order (page by page; on each page the
//! cover block or full-width blocks and then column by column), every line tagged [`LineKind::Body`] or
//! [`LineKind::Furniture`] with what kind of furniture it is. Nothing is deleted: furniture is classified.
//! Entry function: [`layout`]. Also the text-level rules shared by later stages (line joining with
//! hyphenation, letter-spacing repair) in [`text`]. Out of scope: what a line *means* (verbatim-record).
//!
//! How it works, per page (`build`): runs are grouped into rows by baseline. Rows in the top band (not on
//! the cover) and the bottom band are cut at wide gaps into segments, and a segment becomes furniture
//! only when its form says so (`furniture`: a page number, a job number, a barcode, a record symbol or
//! date, or a header text that recurs on other pages); everything else is body. The body rows are
//! searched for a gutter: a vertical strip near the page's middle that almost no row crosses. Rows
//! crossing it are full width and cut the page into bands; in each band the left column is read before
//! the right one. Stretches of rows without enough text on both sides (a masthead) stay full width.
//! Then the runs of a line are joined (a space where they leave a gap), column edges are taken as the
//! edges most lines share, and paragraph starts are marked (`paragraphs`). The `dump` module gives the
//! one-line-per-line text form used by the `dump` example and the golden-file tests.

mod build;
pub mod dump;
mod furniture;
mod paragraphs;
pub mod text;

use serde::{Deserialize, Serialize};
pub use verbatim_pdf::BBox;

/// A styled stretch of a line's text. `start..end` are byte offsets into [`Line::text`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
}

/// What a non-body line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    RunningHeader,
    PageNumber,
    JobNumber,
    Barcode,
    Disclaimer,
    Footnote,
    /// Text outside the visible page or otherwise not part of the record (e.g. a scan's facing page).
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "furniture")]
pub enum LineKind {
    Body,
    Furniture(FurnitureKind),
}

/// One line of text in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// Zero-based page index.
    pub page_idx: u32,
    /// 0 = full width (cover, single-column page, full-width block), 1 = left column, 2 = right column.
    pub column: u8,
    pub bbox: BBox,
    /// The left and right edge of the column (or text block) the line sits in, for indentation.
    pub column_x0: f32,
    pub column_x1: f32,
    /// The line's text, letter-spacing repaired, control characters removed. Soft hyphens (U+00AD) are
    /// removed except one at the very end of the line, which marks a hyphenation point:
    /// [`text::join_lines`] joins the word halves without it.
    pub text: String,
    pub spans: Vec<Span>,
    pub kind: LineKind,
    /// True when the line begins a new paragraph (first-line indent or a vertical gap above it).
    pub paragraph_start: bool,
}

impl Line {
    /// True when every non-space character of the line is bold.
    pub fn is_bold(&self) -> bool {
        self.style_covers(|s| s.bold)
    }
    /// True when every non-space character of the line is italic.
    pub fn is_italic(&self) -> bool {
        self.style_covers(|s| s.italic)
    }
    fn style_covers(&self, pred: impl Fn(&Span) -> bool) -> bool {
        let mut any = false;
        for span in &self.spans {
            let t = &self.text[span.start..span.end];
            if t.trim().is_empty() {
                continue;
            }
            if !pred(span) {
                return false;
            }
            any = true;
        }
        any
    }
}

/// Orders and classifies the lines of a document: page by page, full-width blocks and columns in
/// reading order, furniture tagged, column edges and paragraph starts filled in.
pub fn layout(doc: &verbatim_pdf::Document) -> Vec<Line> {
    let top_texts: Vec<Vec<String>> = doc
        .pages
        .iter()
        .enumerate()
        .map(|(page_idx, page)| build::top_band_texts(page, page_idx))
        .collect();
    let margin = furniture::MarginContext::from_top_texts(&top_texts);
    let mut lines = Vec::new();
    for (page_idx, page) in doc.pages.iter().enumerate() {
        let (raw_lines, _gutter) = build::page_lines(page, page_idx, &margin);
        let mut page_lines: Vec<Line> = raw_lines
            .iter()
            .map(|raw| build::assemble(raw, page_idx))
            .filter(|line| !line.text.trim().is_empty())
            .collect();
        furniture::classify(&mut page_lines, page_idx);
        paragraphs::set_column_edges(&mut page_lines);
        lines.extend(page_lines);
    }
    paragraphs::mark_paragraph_starts(&mut lines);
    lines
}
