//! Turning the glyph runs the interpreter shows into page-space glyphs: character, position, size,
//! advance and font style.

use hayro_font::kurbo::{Affine, Point};

use crate::fonts::GlyphText;

/// One drawn glyph in page space (points, origin top-left of the visible page, y down).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawGlyph {
    /// Byte range of the glyph's cleaned text in the document's text (`Fonts::text`).
    pub text_start: u32,
    pub text_end: u32,
    /// The cleaned text is not empty and consists of spaces only.
    pub is_space: bool,
    /// The glyph origin on the baseline.
    pub x: f32,
    pub baseline: f32,
    /// The glyph's own advance (without character or word spacing), in points.
    pub width: f32,
    pub size: f32,
    pub style: u16,
}

/// A glyph of the run being shown: what its code gives and where text space puts it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShownGlyph {
    pub code: u32,
    pub glyph: GlyphText,
    /// Glyph space (1000 units per em) to user space.
    pub transform: Affine,
}

/// Collects the glyphs of one page; `begin_page` resets it.
pub(crate) struct GlyphCollector {
    pub glyphs: Vec<RawGlyph>,
    /// Signature of the last run (glyph count, first origin) to drop the second, stroked copy of
    /// fill-and-stroke text, which is shown as two runs.
    last_run: Option<(usize, f64, f64)>,
}

impl GlyphCollector {
    pub(crate) fn new() -> Self {
        GlyphCollector {
            glyphs: Vec::new(),
            last_run: None,
        }
    }

    pub(crate) fn begin_page(&mut self) {
        self.glyphs.clear();
        self.last_run = None;
    }

    /// Takes one shown glyph run (all of one font, of style `style`) drawn with the transformation
    /// `ctm`; `stroke` says the run is drawn as outlines (text rendering modes 1, 2, 5 and 6).
    pub(crate) fn draw_run(&mut self, run: &[ShownGlyph], style: u16, ctm: Affine, stroke: bool) {
        let Some(first) = run.first() else {
            return;
        };
        let first_origin = (ctm * first.transform) * Point::ZERO;
        let signature = (run.len(), first_origin.x, first_origin.y);
        if stroke && self.last_run == Some(signature) {
            return;
        }
        self.last_run = Some(signature);

        // The glyphs of a run usually share the rotation and scale part of their transform; the square
        // roots below are only recomputed when it changes.
        let mut last_size: Option<((f64, f64), f32)> = None;
        let mut last_x_scale: Option<((f64, f64), f64)> = None;
        for glyph in run {
            let transform = ctm * glyph.transform;
            let [a, b, c, d, _, _] = transform.as_coeffs();
            let origin = transform * Point::ZERO;
            // Glyph space is 1000 units per em, so the y axis' scale times 1000 is the font size.
            let size = match last_size {
                Some((key, size)) if key == (c, d) => size,
                _ => {
                    let size = (c.hypot(d) * 1000.0) as f32;
                    last_size = Some(((c, d), size));
                    size
                }
            };
            let width = match glyph.glyph.width_units {
                Some(units) if units.is_finite() && units > 0.0 => {
                    let x_scale = match last_x_scale {
                        Some((key, x_scale)) if key == (a, b) => x_scale,
                        _ => {
                            let x_scale = a.hypot(b);
                            last_x_scale = Some(((a, b), x_scale));
                            x_scale
                        }
                    };
                    (f64::from(units) * x_scale) as f32
                }
                _ => 0.5 * size,
            };
            self.glyphs.push(RawGlyph {
                text_start: glyph.glyph.text_start,
                text_end: glyph.glyph.text_end,
                is_space: glyph.glyph.is_space,
                x: origin.x as f32,
                baseline: origin.y as f32,
                width,
                size,
                style,
            });
        }
    }
}
