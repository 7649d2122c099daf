//! Recovering a glyph's font name and style (bold, italic) from hayro.
//!
//! Embedded TrueType and CID fonts expose their PostScript name through `OutlineGlyph::font_data`.
//! Fonts that are not embedded (the 1990s Distiller records use bare `Times-Bold`; Word records use
//! `TimesNewRoman,Bold`) do not: hayro maps them to one of the 14 standard fonts and loads that font's
//! program through the font resolver, but the glyph does not say which one. What the glyph does expose is
//! `identifier().cache_key()`, a SipHash-1-3 of (program content hash, glyph id), where the program content
//! hash is a SipHash-1-3 of (font bytes, face index). Since the standard fonts' bytes are known (they are
//! the ones hayro embeds), this module recomputes those hashes and compares. This leans on hayro-font's
//! private hashing, which is why the workspace pins hayro-font and siphasher to exact versions and
//! why the crate's tests check that style is still recovered on real records.

use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use hayro_font::{GlyphId, OutlineGlyph, StandardFont};
use siphasher::sip128::{Hasher128, SipHasher13};

/// A font as the rest of the pipeline sees it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FontStyle {
    pub name: String,
    pub bold: bool,
    pub italic: bool,
}

impl FontStyle {
    pub(crate) fn unknown() -> Self {
        FontStyle {
            name: String::from("unknown"),
            bold: false,
            italic: false,
        }
    }

    /// Derives bold and italic from a PostScript-style name such as "TimesNewRomanPS-BoldItalicMT",
    /// "TimesNewRoman,Bold" or "Times-Italic".
    pub(crate) fn from_name(name: &str, weight: Option<u32>, is_italic: bool) -> Self {
        // A subset prefix ("ABCDEF+") carries no meaning for the reader.
        let name = match name.split_once('+') {
            Some((prefix, rest)) if prefix.len() == 6 => rest,
            _ => name,
        };
        let lower = name.to_ascii_lowercase();
        let bold = weight.is_some_and(|w| w >= 600)
            || lower.contains("bold")
            || lower.contains("black")
            || lower.contains("heavy")
            || lower.contains("semibold");
        let italic = is_italic || lower.contains("italic") || lower.contains("oblique");
        FontStyle {
            name: name.to_string(),
            bold,
            italic,
        }
    }
}

const ALL_STANDARD_FONTS: [StandardFont; 14] = [
    StandardFont::Helvetica,
    StandardFont::HelveticaBold,
    StandardFont::HelveticaOblique,
    StandardFont::HelveticaBoldOblique,
    StandardFont::Courier,
    StandardFont::CourierBold,
    StandardFont::CourierOblique,
    StandardFont::CourierBoldOblique,
    StandardFont::TimesRoman,
    StandardFont::TimesBold,
    StandardFont::TimesItalic,
    StandardFont::TimesBoldItalic,
    StandardFont::ZapfDingBats,
    StandardFont::Symbol,
];

/// The content hash hayro-font gives each standard font's program, computed once per process.
fn standard_program_hashes() -> &'static [(u128, StandardFont)] {
    static HASHES: OnceLock<Vec<(u128, StandardFont)>> = OnceLock::new();
    HASHES.get_or_init(|| {
        ALL_STANDARD_FONTS
            .iter()
            .map(|font| {
                let (data, index) = font.get_font_data();
                let bytes: &[u8] = (*data).as_ref();
                let mut state = SipHasher13::new();
                (bytes, index).hash(&mut state);
                (state.finish128().as_u128(), *font)
            })
            .collect()
    })
}

/// Mirrors the layout of hayro-font's `GlyphIdentifier` for hashing: the program hashes as its content
/// hash (one u128), then the optional glyph id.
struct ProgramKey(u128);

impl Hash for ProgramKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u128(self.0);
    }
}

#[derive(Hash)]
struct IdentifierProbe {
    program: ProgramKey,
    glyph: Option<GlyphId>,
}

fn probe_hash(program: u128, glyph: Option<GlyphId>) -> u128 {
    let mut state = SipHasher13::new();
    IdentifierProbe {
        program: ProgramKey(program),
        glyph,
    }
    .hash(&mut state);
    state.finish128().as_u128()
}

/// Which standard font (if any) drew this glyph.
fn standard_font_of(glyph: &OutlineGlyph) -> Option<StandardFont> {
    let key = glyph.identifier().cache_key();
    let id = glyph.glyph_id();
    standard_program_hashes()
        .iter()
        .find(|(program, _)| {
            probe_hash(*program, Some(id)) == key || probe_hash(*program, None) == key
        })
        .map(|(_, font)| *font)
}

/// The style of an outline glyph: from the embedded font's metadata when there is some, else from the
/// standard font hayro substituted.
pub(crate) fn style_of_outline(glyph: &OutlineGlyph) -> FontStyle {
    if let Some(data) = glyph.font_data() {
        if let Some(name) = data.postscript_name.as_deref() {
            return FontStyle::from_name(name, data.weight, data.is_italic);
        }
        return FontStyle {
            name: String::from("embedded"),
            bold: data.weight.is_some_and(|w| w >= 600),
            italic: data.is_italic,
        };
    }
    match standard_font_of(glyph) {
        Some(font) => FontStyle::from_name(font.postscript_name(), None, false),
        None => FontStyle::unknown(),
    }
}

#[cfg(test)]
mod tests {
    use super::FontStyle;

    #[test]
    fn names_give_styles() {
        let s = FontStyle::from_name("ABCDEF+TimesNewRomanPS-BoldItalicMT", None, false);
        assert_eq!(s.name, "TimesNewRomanPS-BoldItalicMT");
        assert!(s.bold && s.italic);
        let s = FontStyle::from_name("TimesNewRoman,Bold", None, false);
        assert!(s.bold && !s.italic);
        let s = FontStyle::from_name("Times-Roman", Some(400), false);
        assert!(!s.bold && !s.italic);
        let s = FontStyle::from_name("Helvetica-Oblique", None, false);
        assert!(!s.bold && s.italic);
    }
}
