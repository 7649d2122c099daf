//! Grouping glyphs into text runs: one font, size and baseline, with spaces restored from gaps.

use crate::collect::RawGlyph;
use crate::fonts::Fonts;
use crate::{BBox, TextRun};

/// Part of the em above the baseline that a run's box covers.
pub(crate) const ASCENT: f32 = 0.8;
/// Part of the em below the baseline that a run's box covers.
pub(crate) const DESCENT: f32 = 0.2;
/// A gap wider than this (in em) between two glyphs is a word space when the PDF drew none. Letter
/// kerning stays well below it; the narrowest justified word spaces in the corpus stay above it.
const SPACE_GAP_EM: f32 = 0.15;
/// A gap wider than this (in em) ends the run: Word and Distiller 7 records otherwise glue the last word
/// of the left column to the first word of the right column.
const SPLIT_GAP_EM: f32 = 0.8;
/// Glyphs whose baselines differ by less than this (in em) share a line.
const BASELINE_TOLERANCE_EM: f32 = 0.15;

struct OpenRun {
    text: String,
    x0: f32,
    x1: f32,
    /// The advance end of the last glyph (spaces included), where the next glyph is expected.
    pen_x: f32,
    baseline: f32,
    size: f32,
    style: u16,
}

/// Builds the runs of one page from the collector's glyphs, dropping glyphs whose centre lies outside the
/// visible page (`width` x `height`).
pub(crate) fn build_runs(
    glyphs: &[RawGlyph],
    fonts: &Fonts<'_>,
    width: f32,
    height: f32,
) -> Vec<TextRun> {
    let mut runs = Vec::new();
    let mut open: Option<OpenRun> = None;

    for glyph in glyphs {
        if !is_usable(glyph) || !centre_is_visible(glyph, width, height) {
            continue;
        }
        // Control characters were removed when the text was read (see `fonts::push_clean_char`).
        let glyph_text = &fonts.text[glyph.text_start as usize..glyph.text_end as usize];
        if glyph_text.is_empty() {
            continue;
        }
        let is_space = glyph.is_space;

        let continues = open.as_ref().is_some_and(|run| {
            let gap = glyph.x - run.pen_x;
            run.style == glyph.style
                && (run.size - glyph.size).abs() <= 0.05 * run.size
                && (run.baseline - glyph.baseline).abs() <= BASELINE_TOLERANCE_EM * run.size
                && gap >= -0.5 * run.size
                && gap <= SPLIT_GAP_EM * run.size
        });
        if !continues {
            if let Some(run) = open.take() {
                finish(run, fonts, &mut runs);
            }
            if is_space {
                continue;
            }
            open = Some(OpenRun {
                text: String::new(),
                x0: glyph.x,
                x1: glyph.x + glyph.width,
                pen_x: glyph.x,
                baseline: glyph.baseline,
                size: glyph.size,
                style: glyph.style,
            });
        }
        let Some(run) = open.as_mut() else {
            continue;
        };
        let gap = glyph.x - run.pen_x;
        let ends_with_space = run.text.ends_with(' ');
        if is_space {
            if !ends_with_space && !run.text.is_empty() {
                run.text.push(' ');
            }
        } else {
            if gap > SPACE_GAP_EM * run.size && !ends_with_space && !run.text.is_empty() {
                run.text.push(' ');
            }
            run.text.push_str(glyph_text);
            run.x1 = run.x1.max(glyph.x + glyph.width);
        }
        run.pen_x = glyph.x + glyph.width;
    }
    if let Some(run) = open.take() {
        finish(run, fonts, &mut runs);
    }
    runs
}

fn finish(mut run: OpenRun, fonts: &Fonts<'_>, runs: &mut Vec<TextRun>) {
    let trimmed_len = run.text.trim_end().len();
    run.text.truncate(trimmed_len);
    if run.text.is_empty() {
        return;
    }
    let style = &fonts.styles[run.style as usize];
    runs.push(TextRun {
        text: run.text,
        bbox: BBox {
            x0: run.x0,
            y0: run.baseline - ASCENT * run.size,
            x1: run.x1,
            y1: run.baseline + DESCENT * run.size,
        },
        font: style.name.clone(),
        size: run.size,
        bold: style.bold,
        italic: style.italic,
    });
}

fn is_usable(glyph: &RawGlyph) -> bool {
    glyph.x.is_finite()
        && glyph.baseline.is_finite()
        && glyph.width.is_finite()
        && glyph.size.is_finite()
        && glyph.size > 0.5
}

/// The scan records carry the facing page's OCR text outside the crop box; only what a reader sees
/// counts.
fn centre_is_visible(glyph: &RawGlyph, width: f32, height: f32) -> bool {
    let cx = glyph.x + glyph.width / 2.0;
    let cy = glyph.baseline - 0.3 * glyph.size;
    (0.0..=width).contains(&cx) && (0.0..=height).contains(&cy)
}
