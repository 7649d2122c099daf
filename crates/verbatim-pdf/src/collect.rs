//! A hayro `Device` that keeps only glyphs: their character, position, size, advance and font style.

use std::collections::HashMap;

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

use crate::style::{FontStyle, style_of_outline};

/// One drawn glyph in page space (points, origin top-left of the visible page, y down).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawGlyph {
    /// Byte range of the glyph's text in [`GlyphCollector::text`].
    pub text_start: u32,
    pub text_end: u32,
    /// The glyph origin on the baseline.
    pub x: f32,
    pub baseline: f32,
    /// The glyph's own advance (without character or word spacing), in points.
    pub width: f32,
    pub size: f32,
    pub style: u16,
}

/// Collects glyphs for one document; `begin_page` resets the per-page part.
pub(crate) struct GlyphCollector {
    pub glyphs: Vec<RawGlyph>,
    pub text: String,
    pub styles: Vec<FontStyle>,
    /// Glyph identifier hash -> index into `styles`. Looked up once per glyph run, not per glyph.
    style_by_glyph_key: HashMap<u128, u16>,
    /// Signature of the last run (glyph count, first origin) to drop the second, stroked copy of
    /// fill-and-stroke text, which hayro reports as two runs.
    last_run: Option<(usize, f64, f64)>,
}

impl GlyphCollector {
    pub(crate) fn new() -> Self {
        GlyphCollector {
            glyphs: Vec::new(),
            text: String::new(),
            styles: Vec::new(),
            style_by_glyph_key: HashMap::new(),
            last_run: None,
        }
    }

    pub(crate) fn begin_page(&mut self) {
        self.glyphs.clear();
        self.text.clear();
        self.last_run = None;
    }

    fn intern_style(&mut self, style: FontStyle) -> u16 {
        if let Some(idx) = self.styles.iter().position(|s| *s == style) {
            return idx as u16;
        }
        self.styles.push(style);
        (self.styles.len() - 1) as u16
    }

    fn style_for_run(&mut self, run: &GlyphRun<'_, '_>) -> u16 {
        let Some(first) = run.glyphs().first() else {
            return 0;
        };
        match &**first {
            Glyph::Outline(outline) => {
                let key = outline.identifier().cache_key();
                if let Some(idx) = self.style_by_glyph_key.get(&key) {
                    return *idx;
                }
                let idx = self.intern_style(style_of_outline(outline));
                self.style_by_glyph_key.insert(key, idx);
                idx
            }
            Glyph::Type3(_) => self.intern_style(FontStyle {
                name: String::from("Type3"),
                bold: false,
                italic: false,
            }),
        }
    }
}

impl<'a> Device<'a> for GlyphCollector {
    fn draw_path(&mut self, _: &BezPath, _: DrawProps<'a>, _: &DrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_clip_rect(&mut self, _: &Rect) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_rect(&mut self, _: &Rect, _: DrawProps<'a>, _: &DrawMode) {}

    fn draw_glyph_run(
        &mut self,
        glyph_run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        let glyphs = glyph_run.glyphs();
        let Some(first) = glyphs.first() else {
            return;
        };
        let first_origin = (props.transform * first.transform()) * Point::ZERO;
        let signature = (glyphs.len(), first_origin.x, first_origin.y);
        if matches!(draw_mode, DrawMode::Stroke(_)) && self.last_run == Some(signature) {
            return;
        }
        self.last_run = Some(signature);

        let style = self.style_for_run(glyph_run);
        for glyph in glyphs {
            let transform: Affine = props.transform * glyph.transform();
            let [a, b, c, d, _, _] = transform.as_coeffs();
            let origin = transform * Point::ZERO;
            // Glyph space is 1000 units per em, so the y axis' scale times 1000 is the font size.
            let size = (c.hypot(d) * 1000.0) as f32;
            let advance_units = match &**glyph {
                Glyph::Outline(outline) => outline.advance_width(),
                Glyph::Type3(t3) => t3.advance_width(),
            };
            let width = match advance_units {
                Some(units) if units.is_finite() && units > 0.0 => {
                    (f64::from(units) * a.hypot(b)) as f32
                }
                _ => 0.5 * size,
            };
            let start = self.text.len() as u32;
            match glyph.as_unicode() {
                Some(hayro_interpret::hayro_cmap::BfString::Char(ch)) => self.text.push(ch),
                Some(hayro_interpret::hayro_cmap::BfString::String(s)) => self.text.push_str(&s),
                None => self.text.push('\u{FFFD}'),
            }
            let end = self.text.len() as u32;
            self.glyphs.push(RawGlyph {
                text_start: start,
                text_end: end,
                x: origin.x as f32,
                baseline: origin.y as f32,
                width,
                size,
                style,
            });
        }
    }
}
