//! A hayro `Device` that keeps only glyphs: their character, position, size, advance and font style.

use std::collections::HashMap;

use hayro_interpret::font::{Glyph, GlyphRun};
use hayro_interpret::hayro_cmap::BfString;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect};
use hayro_interpret::{
    BlendMode, ClipPath, Device, DrawMode, DrawProps, Image, ImageDrawProps, SoftMask,
};

use crate::style::{FontStyle, style_of_outline};

/// One drawn glyph in page space (points, origin top-left of the visible page, y down).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawGlyph {
    /// Byte range of the glyph's cleaned text (see `push_clean_char`) in [`GlyphCollector::text`].
    /// Repeats of a character code within one glyph run share the range of its first occurrence.
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
    /// What each character code of the current glyph run gave: see [`CodeEntry`].
    code_cache: Box<[CodeEntry; CODE_CACHE_SIZE]>,
    /// Number of the current glyph run; a cache entry with another stamp is stale.
    run_stamp: u32,
}

/// Slots in the per-run character code cache. Simple fonts use codes 0-255, which map one to one; the
/// two-byte codes of CID fonts share slots by their low bits and merely miss more often.
const CODE_CACHE_SIZE: usize = 512;

/// What one character code gave the first time it was seen in the current glyph run.
///
/// Asking hayro for a glyph's Unicode text and advance is the costliest part of collecting (for the
/// fonts that are not embedded it looks glyph names up in hash tables and allocates). Within one glyph
/// run every glyph comes from the same font (a font can only change between text-showing operators),
/// so a character code always gives the same answers there; across runs the font is not known, so the
/// cache is only trusted for the run that filled it.
#[derive(Debug, Clone, Copy, Default)]
struct CodeEntry {
    stamp: u32,
    code: u32,
    text_start: u32,
    text_end: u32,
    is_space: bool,
    advance_units: Option<f32>,
}

impl GlyphCollector {
    pub(crate) fn new() -> Self {
        GlyphCollector {
            glyphs: Vec::new(),
            text: String::new(),
            styles: Vec::new(),
            style_by_glyph_key: HashMap::new(),
            last_run: None,
            code_cache: Box::new([CodeEntry::default(); CODE_CACHE_SIZE]),
            run_stamp: 0,
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
        self.next_run_stamp();
        // The glyphs of a run usually share the rotation and scale part of their transform; the square
        // roots below are only recomputed when it changes.
        let mut last_size: Option<((f64, f64), f32)> = None;
        let mut last_x_scale: Option<((f64, f64), f64)> = None;
        for glyph in glyphs {
            let transform: Affine = props.transform * glyph.transform();
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
            let entry = self.code_entry(glyph);
            let width = match entry.advance_units {
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
                text_start: entry.text_start,
                text_end: entry.text_end,
                is_space: entry.is_space,
                x: origin.x as f32,
                baseline: origin.y as f32,
                width,
                size,
                style,
            });
        }
    }
}

impl GlyphCollector {
    /// Starts a new glyph run: every cache entry of the previous runs becomes stale.
    fn next_run_stamp(&mut self) {
        self.run_stamp = self.run_stamp.wrapping_add(1);
        if self.run_stamp == 0 {
            // After the counter wraps, old entries could carry the new stamp: forget them all.
            self.code_cache.fill(CodeEntry::default());
            self.run_stamp = 1;
        }
    }

    /// The cleaned text and the advance of a glyph of the current run, from the cache when its character
    /// code was already seen in this run. A new text is appended to `text`; a repeat shares its range.
    fn code_entry(&mut self, glyph: &Glyph<'_>) -> CodeEntry {
        let code = glyph.char_code();
        let slot = code as usize % CODE_CACHE_SIZE;
        let cached = self.code_cache[slot];
        if cached.stamp == self.run_stamp && cached.code == code {
            return cached;
        }
        let advance_units = match glyph {
            Glyph::Outline(outline) => outline.advance_width(),
            Glyph::Type3(t3) => t3.advance_width(),
        };
        let text_start = self.text.len();
        match glyph.as_unicode() {
            Some(BfString::Char(ch)) => push_clean_char(ch, &mut self.text),
            Some(BfString::String(s)) => {
                for ch in s.chars() {
                    push_clean_char(ch, &mut self.text);
                }
            }
            None => self.text.push('\u{FFFD}'),
        }
        let cleaned = &self.text[text_start..];
        let entry = CodeEntry {
            stamp: self.run_stamp,
            code,
            text_start: text_start as u32,
            text_end: self.text.len() as u32,
            is_space: !cleaned.is_empty() && cleaned.bytes().all(|b| b == b' '),
            advance_units,
        };
        self.code_cache[slot] = entry;
        entry
    }
}

/// Appends a glyph's character without control characters (footers carry e.g. a backspace after the
/// job number), with no-break spaces and tabs as plain spaces. Soft hyphens (U+00AD) are kept: at a line
/// end they mark a hyphenation point, which the layout stage resolves.
fn push_clean_char(ch: char, out: &mut String) {
    match ch {
        '\u{00A0}' | '\t' => out.push(' '),
        c if c.is_control() => {}
        c => out.push(c),
    }
}
