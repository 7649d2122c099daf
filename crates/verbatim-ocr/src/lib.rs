//! verbatim-ocr: pages without usable text -> positioned words, read from the page image.
//!
//! Input: the bytes of a PDF and the pages to read. Output: per page, [`verbatim_pdf::TextRun`]s in the
//! same coordinates as the text layer's (points from the top-left of the visible page, y down), each with
//! the engine's confidence. Entry function: [`ocr_pages`]; [`needs_ocr`] says which pages have no usable
//! text. Unlike the other parsing crates this one does I/O: it runs the OCR engine (Tesseract's program,
//! see [`engine`]) and reads and writes its cache ([`cache`]).
//!
//! How it works: `render` draws the page with hayro (the renderer of the PDF family verbatim-pdf is
//! built on) at 300 dpi into a grey image; a page with almost no ink is blank and is not sent to the
//! engine; `engine` runs Tesseract on the image and `hocr` reads its lines (box, baseline, size) and words
//! (box, confidence); [`to_runs`] turns each line into runs on the line's baseline, split where the
//! words leave a gap too wide for a word space. Pages are read in parallel; results are returned in page
//! order, so the output does not depend on the scheduling.

pub mod cache;
pub mod engine;
pub mod fixture;
pub mod hocr;
pub mod render;

use std::panic::{AssertUnwindSafe, catch_unwind};

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use verbatim_pdf::{BBox, TextRun};

pub use cache::Cache;
pub use engine::{Engine, EngineError, INSTALL_HINT};
pub use hocr::{OcrLine, OcrWord};
pub use render::{GreyImage, RenderError, Renderer};

/// The resolution pages are rendered at for the engine.
pub const DEFAULT_DPI: f32 = 300.0;
/// A page whose text layer has fewer non-space characters than this has no usable text (a scan's page
/// may carry a stamp or a page number as text).
pub const MIN_TEXT_CHARS: usize = 20;
/// A page image with a smaller share of dark pixels than this is blank.
pub const MIN_INK: f32 = 0.0005;
/// The font name given to OCR'd runs.
pub const OCR_FONT: &str = "OCR";

/// Share of the em above and below the baseline that a run's box covers (as verbatim-pdf builds runs).
const ASCENT: f32 = 0.8;
const DESCENT: f32 = 0.2;
/// A gap between two words wider than this (in em of the line) ends a run: the gutter between columns.
const SPLIT_GAP_EM: f32 = 1.2;

/// Which pages are read through OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Pages without usable text (see [`needs_ocr`]).
    #[default]
    Auto,
    /// Every page, its text layer replaced by what the engine reads from the page image.
    Always,
    /// No page: only the text layer is read.
    Never,
}

/// Whether `page` is read through OCR under `mode`.
pub fn needs_ocr(page: &verbatim_pdf::Page, mode: Mode) -> bool {
    match mode {
        Mode::Always => true,
        Mode::Never => false,
        Mode::Auto => {
            let chars: usize = page
                .runs
                .iter()
                .map(|r| r.text.chars().filter(|c| !c.is_whitespace()).count())
                .sum();
            chars < MIN_TEXT_CHARS
        }
    }
}

/// What OCR read on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageText {
    /// Zero-based page index.
    pub index: usize,
    pub runs: Vec<TextRun>,
    /// The engine's confidence in each run (0 to 1), the mean over its words weighted by their length.
    pub confidences: Vec<f32>,
    /// The page image held no ink: the engine was not run.
    pub blank: bool,
    /// The result came from the cache.
    pub cached: bool,
    /// The resolution the page was read at.
    pub dpi: f32,
}

/// Why the pages could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OcrError {
    #[error("{0}")]
    Engine(EngineError),
    #[error("page {page}: {source}", page = .page + 1)]
    Page { page: usize, source: EngineError },
    #[error("cannot render the page image: {0}")]
    Render(RenderError),
}

/// Settings of one OCR run.
pub struct Settings<'a> {
    pub engine: &'a Engine,
    pub dpi: f32,
    pub cache: Option<&'a Cache>,
    /// Called once per page read (from the worker threads) with the pages read so far and the pages to
    /// read, for progress.
    pub on_page: &'a (dyn Fn(&PageText, usize, usize) + Sync),
}

/// Reads `pages` (zero-based indices) of the PDF in `bytes` through OCR, in parallel; the result is in
/// the order of `pages`.
pub fn ocr_pages(
    bytes: &[u8],
    pages: &[usize],
    settings: &Settings<'_>,
) -> Result<Vec<PageText>, OcrError> {
    // Fail early, once, when the file cannot be opened by the renderer.
    Renderer::open(bytes).map_err(OcrError::Render)?;
    let done = AtomicUsize::new(0);
    let results: Vec<Result<PageText, OcrError>> = pages
        .par_iter()
        .map(|&index| {
            // Each worker opens its own copy: the renderer's document is not shared across threads.
            let renderer = Renderer::open(bytes).map_err(OcrError::Render)?;
            let page = ocr_page(&renderer, index, settings)?;
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            (settings.on_page)(&page, done, pages.len());
            Ok(page)
        })
        .collect();
    results.into_iter().collect()
}

fn ocr_page(
    renderer: &Renderer,
    index: usize,
    settings: &Settings<'_>,
) -> Result<PageText, OcrError> {
    let image = renderer
        .render(index, settings.dpi)
        .map_err(OcrError::Render)?;
    let mut page = PageText {
        index,
        runs: Vec::new(),
        confidences: Vec::new(),
        blank: false,
        cached: false,
        dpi: image.dpi(),
    };
    if image.ink() < MIN_INK {
        page.blank = true;
        return Ok(page);
    }
    let key = settings.cache.map(|_| Cache::key(settings.engine, &image));
    let cached = match (settings.cache, &key) {
        (Some(cache), Some(key)) => cache.get(key),
        _ => None,
    };
    let lines = match cached {
        Some(lines) => {
            page.cached = true;
            lines
        }
        None => {
            let lines = catch_unwind(AssertUnwindSafe(|| settings.engine.recognize(&image)))
                .unwrap_or_else(|_| Err(EngineError::Failed("reading its output failed".into())))
                .map_err(|source| match source {
                    EngineError::NotInstalled { .. } => OcrError::Engine(source),
                    source => OcrError::Page {
                        page: index,
                        source,
                    },
                })?;
            if let (Some(cache), Some(key)) = (settings.cache, &key) {
                // A cache that cannot be written only costs time on the next run.
                let _ = cache.put(key, &lines);
            }
            lines
        }
    };
    let (runs, confidences) = to_runs(&lines, image.scale).into_iter().unzip();
    page.runs = runs;
    page.confidences = confidences;
    Ok(page)
}

/// Turns recognised lines (pixels, at `scale` pixels per point) into text runs with their confidence
/// (0 to 1): one run per line, split where two words leave a gap wider than [`SPLIT_GAP_EM`]. Every run
/// of a line sits on the line's baseline, so that the layout joins them as the text layer's runs.
pub fn to_runs(lines: &[OcrLine], scale: f32) -> Vec<(TextRun, f32)> {
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let mut out = Vec::new();
    for line in lines {
        let size_px = line.size.max(1.0);
        let mut start = 0;
        while start < line.words.len() {
            let mut end = start + 1;
            while end < line.words.len()
                && line.words[end].bbox[0] - line.words[end - 1].bbox[2] <= SPLIT_GAP_EM * size_px
            {
                end += 1;
            }
            let words = &line.words[start..end];
            let text = words
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let x0 = words[0].bbox[0];
            let x1 = words[words.len() - 1].bbox[2];
            let baseline = line.baseline_at((x0 + x1) / 2.0) / scale;
            let size = size_px / scale;
            let weight: f32 = words.iter().map(|w| w.text.chars().count() as f32).sum();
            let confidence = if weight > 0.0 {
                words
                    .iter()
                    .map(|w| w.confidence * w.text.chars().count() as f32)
                    .sum::<f32>()
                    / weight
                    / 100.0
            } else {
                0.0
            };
            out.push((
                TextRun {
                    text,
                    bbox: BBox {
                        x0: x0 / scale,
                        y0: baseline - ASCENT * size,
                        x1: x1 / scale,
                        y1: baseline + DESCENT * size,
                    },
                    font: OCR_FONT.to_owned(),
                    size,
                    bold: false,
                    italic: false,
                },
                confidence,
            ));
            start = end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x0: f32, x1: f32, confidence: f32) -> OcrWord {
        OcrWord {
            text: text.into(),
            bbox: [x0, 100.0, x1, 140.0],
            confidence,
        }
    }

    #[test]
    fn a_line_becomes_runs_on_its_baseline_split_at_the_gutter() {
        let line = OcrLine {
            bbox: [100.0, 100.0, 2000.0, 140.0],
            baseline: [0.0, -8.0],
            size: 40.0,
            words: vec![
                word("Mr.", 100.0, 160.0, 90.0),
                word("Umarov", 180.0, 400.0, 80.0),
                // 100 px = 2.5 em after the last word: the next column.
                word("The", 500.0, 580.0, 50.0),
            ],
        };
        let runs = to_runs(&[line], 2.0);
        assert_eq!(runs.len(), 2);
        let (first, conf) = &runs[0];
        assert_eq!(first.text, "Mr. Umarov");
        assert_eq!(first.size, 20.0);
        assert_eq!(first.bbox.x0, 50.0);
        assert_eq!(first.bbox.x1, 200.0);
        // Baseline at y = (140 - 8) / 2 = 66 points; the box spans 0.8 em above and 0.2 em below it.
        assert!(
            (first.baseline() - 66.0).abs() < 1e-4,
            "{}",
            first.baseline()
        );
        assert!((first.bbox.y0 - 50.0).abs() < 1e-4);
        assert!(
            (conf - (3.0 * 0.9 + 6.0 * 0.8) / 9.0).abs() < 1e-5,
            "{conf}"
        );
        assert!(!first.bold && !first.italic);
        assert_eq!(runs[1].0.text, "The");
        assert_eq!(runs[1].0.baseline(), first.baseline());
    }

    #[test]
    fn pages_with_a_stamp_or_nothing_need_ocr_in_auto_mode() {
        let page = |text: &str| verbatim_pdf::Page {
            width: 612.0,
            height: 792.0,
            runs: vec![TextRun {
                text: text.into(),
                bbox: BBox::default(),
                font: "F".into(),
                size: 10.0,
                bold: false,
                italic: false,
            }],
        };
        assert!(needs_ocr(&page("N0012345  3/4"), Mode::Auto));
        let text = page("The meeting was called to order at 10 a.m.");
        assert!(!needs_ocr(&text, Mode::Auto));
        assert!(needs_ocr(&text, Mode::Always));
        assert!(!needs_ocr(&page(""), Mode::Never));
    }
}
