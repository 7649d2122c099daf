//! The fonts of one document, and what each character code of a font gives the text interpreter.
//!
//! Fonts are loaded by hayro-font, exactly as hayro's renderer loads them (same font cache, same
//! resolvers for the 14 standard fonts and the predefined CMaps), so glyph positions, advances and
//! Unicode text are the renderer's. What this module adds is memoisation: a font's answers for a
//! character code (its Unicode text, glyph advance, width stretch, origin displacement and text-space
//! advance) never change, so they are asked once per font and code for the whole document instead of
//! once per glyph drawn. Looking glyph names up and hashing font programs was most of the cost of
//! extraction before.

use std::collections::HashMap;
use std::sync::Arc;

use hayro_font::hayro_cmap::BfString;
use hayro_font::hayro_syntax::object::Dict;
use hayro_font::kurbo::Vec2;
use hayro_font::{
    CMapResolverFn, Font, FontCache, FontGlyph, FontQuery, FontResolverFn, StandardFont,
};

use crate::style::{FontStyle, style_of_outline};

/// Index of a font in [`Fonts`].
pub(crate) type FontId = u32;

/// What one character code of one font gives.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CodeInfo {
    /// What the collector keeps of the glyph.
    pub glyph: GlyphText,
    /// Horizontal scale that stretches a substituted glyph to the width the PDF font declares.
    pub stretch: f64,
    /// Offset of the glyph origin (vertical writing only), in glyph units.
    pub origin_displacement: Vec2,
    /// How far the code moves the text position, in glyph units.
    pub advance: Vec2,
}

/// A glyph's text and own advance, as the collector keeps them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlyphText {
    /// Byte range of the glyph's cleaned text (see [`push_clean_char`]) in [`Fonts::text`].
    pub text_start: u32,
    pub text_end: u32,
    /// The cleaned text is not empty and consists of spaces only.
    pub is_space: bool,
    /// The glyph's own advance in glyph units (1000 per em), when the font knows it.
    pub width_units: Option<f32>,
}

/// One loaded font and its per-code answers.
pub(crate) struct FontEntry<'a> {
    pub font: Font<'a>,
    /// The font stands in for one that was missing or could not be loaded (Helvetica): like hayro, the
    /// interpreter then shows only strings that are plain ASCII, since anything else would be garbage.
    pub fallback: bool,
    pub horizontal: bool,
    /// Index into [`Fonts::styles`], known once the font's first glyph was looked at.
    style: Option<u16>,
    /// Codes below 256 (all codes of simple fonts): direct slots.
    narrow: Box<[Option<CodeInfo>; 256]>,
    /// Longer codes of composite fonts.
    wide: HashMap<u32, CodeInfo>,
}

/// Every font of a document met so far, with the resolvers hayro's renderer would use.
pub(crate) struct Fonts<'a> {
    cache: FontCache<'a>,
    font_resolver: FontResolverFn,
    cmap_resolver: CMapResolverFn,
    entries: Vec<FontEntry<'a>>,
    /// Font dictionary (identified by the address and length of its bytes, which live as long as the
    /// document) -> its entry, or `None` when hayro-font could not load it.
    by_dict: HashMap<(usize, usize), Option<FontId>>,
    /// The Helvetica stand-in, once asked for (`Some(None)`: it could not be loaded).
    fallback: Option<Option<FontId>>,
    /// The cleaned text of every code met, shared by all pages.
    pub text: String,
    /// Distinct font styles; glyphs refer to them by index.
    pub styles: Vec<FontStyle>,
}

impl<'a> Fonts<'a> {
    pub(crate) fn new() -> Self {
        // The same resolvers as hayro-interpret's default settings: the embedded substitutes for the 14
        // standard fonts (and the closest of them for any other font that is not embedded), and the
        // embedded predefined CMaps.
        let font_resolver: FontResolverFn = Arc::new(|query: &FontQuery| match query {
            FontQuery::Standard(font) => Some(font.get_font_data()),
            FontQuery::Fallback(query) => Some(query.pick_standard_font().get_font_data()),
        });
        let cmap_resolver: CMapResolverFn = Arc::new(hayro_font::hayro_cmap::load_embedded);
        Fonts {
            cache: FontCache::new(),
            font_resolver,
            cmap_resolver,
            entries: Vec::new(),
            by_dict: HashMap::new(),
            fallback: None,
            text: String::new(),
            styles: Vec::new(),
        }
    }

    pub(crate) fn entry(&self, id: FontId) -> &FontEntry<'a> {
        &self.entries[id as usize]
    }

    /// The font a font dictionary describes, or the Helvetica stand-in when hayro-font cannot load it.
    pub(crate) fn load(&mut self, dict: &Dict<'a>) -> Option<FontId> {
        let data = dict.data();
        let key = (data.as_ptr() as usize, data.len());
        let loaded = match self.by_dict.get(&key) {
            Some(loaded) => *loaded,
            None => {
                let loaded = self
                    .cache
                    .font(dict, &self.font_resolver, &self.cmap_resolver)
                    .map(|font| self.push(font, false));
                self.by_dict.insert(key, loaded);
                loaded
            }
        };
        loaded.or_else(|| self.fallback())
    }

    /// Helvetica, which stands in for a font that is not set or not in the resources.
    pub(crate) fn fallback(&mut self) -> Option<FontId> {
        if let Some(fallback) = self.fallback {
            return fallback;
        }
        let fallback = self
            .cache
            .standard_font(StandardFont::Helvetica, &self.font_resolver)
            .map(|font| self.push(font, true));
        self.fallback = Some(fallback);
        fallback
    }

    fn push(&mut self, font: Font<'a>, fallback: bool) -> FontId {
        let horizontal = font.is_horizontal();
        self.entries.push(FontEntry {
            font,
            fallback,
            horizontal,
            style: None,
            narrow: Box::new([None; 256]),
            wide: HashMap::new(),
        });
        (self.entries.len() - 1) as FontId
    }

    /// What a character code of a font gives, computed on first use.
    pub(crate) fn code(&mut self, id: FontId, code: u32) -> &CodeInfo {
        let entry = &mut self.entries[id as usize];
        let text = &mut self.text;
        if code < 256 {
            entry.narrow[code as usize].get_or_insert_with(|| compute(&entry.font, code, text))
        } else {
            entry
                .wide
                .entry(code)
                .or_insert_with(|| compute(&entry.font, code, text))
        }
    }

    /// The style index of a font, from its first glyph drawn (every glyph of a font gives the same).
    pub(crate) fn style(&mut self, id: FontId, code: u32) -> u16 {
        if let Some(style) = self.entries[id as usize].style {
            return style;
        }
        let font = &self.entries[id as usize].font;
        let style = match font.glyph(font.map_code(code), code) {
            FontGlyph::Outline(outline) => style_of_outline(&outline),
            FontGlyph::Type3(_) => FontStyle {
                name: String::from("Type3"),
                bold: false,
                italic: false,
            },
        };
        let index = match self.styles.iter().position(|s| *s == style) {
            Some(index) => index as u16,
            None => {
                self.styles.push(style);
                (self.styles.len() - 1) as u16
            }
        };
        self.entries[id as usize].style = Some(index);
        index
    }
}

/// Asks the font what a code gives; its cleaned text is appended to `text`.
fn compute(font: &Font<'_>, code: u32, text: &mut String) -> CodeInfo {
    let origin_displacement = font.origin_displacement(code);
    let glyph_id = font.map_code(code);
    let stretch = font.glyph_stretch(glyph_id, code);
    let advance = font.code_advance(code);
    let (unicode, width_units) = match font.glyph(glyph_id, code) {
        FontGlyph::Outline(outline) => (outline.as_unicode(), outline.advance_width()),
        FontGlyph::Type3(glyph) => (glyph.as_unicode(), Some(glyph.advance_width())),
    };
    let text_start = text.len();
    match unicode {
        Some(BfString::Char(ch)) => push_clean_char(ch, text),
        Some(BfString::String(s)) => {
            for ch in s.chars() {
                push_clean_char(ch, text);
            }
        }
        None => text.push('\u{FFFD}'),
    }
    let cleaned = &text[text_start..];
    CodeInfo {
        glyph: GlyphText {
            text_start: text_start as u32,
            text_end: text.len() as u32,
            is_space: !cleaned.is_empty() && cleaned.bytes().all(|b| b == b' '),
            width_units,
        },
        stretch,
        origin_displacement,
        advance,
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
