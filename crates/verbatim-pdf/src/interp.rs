//! A content-stream interpreter that follows only what text needs.
//!
//! It tracks the current transformation matrix, the text state (Tf, Tc, Tw, Tz, TL, Ts, Tr), the text
//! and text line matrices, the graphics state stack (q/Q), ExtGState fonts (gs), form XObjects (Do,
//! recursively, with their own resources and matrix) and optional content, and hands every shown glyph
//! run to the [`GlyphCollector`]. Paths, clipping, colours, images and shadings are parsed (by
//! hayro-syntax's operator reader) but otherwise ignored: no part of the output depends on them. The
//! clip in particular is not needed: only glyphs outside the page's visible box are dropped, and that
//! is done later, in `runs`.
//!
//! The arithmetic mirrors hayro-interpret 0.9 step by step (same matrix products in the same order, the
//! same f32/f64 conversions, the same stack limits and the same stand-in font), so the glyph positions
//! are bit for bit those of hayro's renderer; the crate's corpus tests and the layout golden files hold
//! it to that.

use hayro_font::UNITS_PER_EM;
use hayro_font::hayro_syntax::content::TypedIter;
use hayro_font::hayro_syntax::content::ops::TypedInstruction;
use hayro_font::hayro_syntax::object::dict::keys::{
    BBOX, FONT, FORM, MATRIX, OC, RESOURCES, SUBTYPE,
};
use hayro_font::hayro_syntax::object::{
    self, Array, Dict, FromBytes, Name, Object, Stream, dict_or_stream,
};
use hayro_font::hayro_syntax::page::Resources;
use hayro_font::kurbo::{Affine, Vec2};

use crate::collect::{GlyphCollector, ShownGlyph};
use crate::fonts::{FontId, Fonts};
use crate::limits::{Budget, Limit, MAX_GLYPHS};
use crate::ocg::OcgState;
use crate::tj;

/// How deeply form XObjects may nest (hayro's limit; it also stops self-referencing forms).
const MAX_NESTING: u32 = 50;

/// Saved graphics states beyond this many are only counted, as hayro does.
const MAX_FRAMES: usize = u16::MAX as usize;

/// How glyphs are painted (Tr). Only whether a run is filled, stroked or both matters here: a stroked
/// copy of a filled run is the same text twice.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Paint {
    /// Fill, invisible, and the clipping modes that fill or only clip (0, 3, 4, 7).
    Fill,
    /// Stroke only (1, 5).
    Stroke,
    /// Fill, then stroke (2, 6).
    FillStroke,
}

/// The part of the graphics state text depends on.
#[derive(Debug, Clone, Copy)]
struct GState {
    ctm: Affine,
    char_space: f32,
    word_space: f32,
    /// Tz as given (percent).
    horizontal_scaling: f32,
    leading: f32,
    font: Option<FontId>,
    font_size: f32,
    rise: f32,
    paint: Paint,
    text_matrix: Affine,
    text_line_matrix: Affine,
}

impl GState {
    fn new(ctm: Affine) -> Self {
        GState {
            ctm,
            char_space: 0.0,
            word_space: 0.0,
            horizontal_scaling: 100.0,
            leading: 0.0,
            font: None,
            // Not in the specification; a defined value instead of an option.
            font_size: 1.0,
            rise: 0.0,
            paint: Paint::Fill,
            text_matrix: Affine::IDENTITY,
            text_line_matrix: Affine::IDENTITY,
        }
    }

    fn horizontal_scaling(&self) -> f32 {
        self.horizontal_scaling / 100.0
    }

    /// Text space scaled by the font size and horizontal scaling and raised by the rise: the text
    /// matrix times this places a glyph.
    fn size_and_rise(&self) -> Affine {
        Affine::new([
            self.font_size as f64 * self.horizontal_scaling() as f64,
            0.0,
            0.0,
            self.font_size as f64,
            0.0,
            self.rise as f64,
        ])
    }

    /// The move past one code: its advance (glyph units) plus character spacing, plus word spacing for
    /// the single-byte code 32.
    fn advance(&self, advance: Vec2, is_word_space: bool, horizontal: bool) -> Affine {
        let word_space = if is_word_space { self.word_space } else { 0.0 };
        let base =
            |advance: f32| advance / UNITS_PER_EM * self.font_size + self.char_space + word_space;
        let tx = if horizontal {
            base(advance.x as f32) * self.horizontal_scaling()
        } else {
            0.0
        };
        let ty = if horizontal {
            0.0
        } else {
            base(advance.y as f32)
        };
        Affine::new([1.0, 0.0, 0.0, 1.0, tx as f64, ty as f64])
    }

    fn next_line(&mut self, tx: f64, ty: f64) {
        let matrix = self.text_line_matrix * Affine::translate((tx, ty));
        self.text_line_matrix = matrix;
        self.text_matrix = matrix;
    }
}

/// Interprets the pages of one document.
pub(crate) struct Interpreter<'a> {
    pub fonts: Fonts<'a>,
    pub collector: GlyphCollector,
    ocg: OcgState,
    frames: Vec<GState>,
    /// Saves that did not fit in `frames`.
    overflow: usize,
    /// The run being shown (reused buffer).
    run: Vec<ShownGlyph>,
    /// The items of the TJ array being shown (reused buffer).
    tj_items: Vec<tj::Item>,
    /// What the document has cost so far (see `limits`).
    pub(crate) budget: Budget,
}

impl<'a> Interpreter<'a> {
    pub(crate) fn new(ocg: OcgState) -> Self {
        Interpreter {
            fonts: Fonts::new(),
            collector: GlyphCollector::new(),
            ocg,
            frames: Vec::new(),
            overflow: 0,
            run: Vec::new(),
            tj_items: Vec::new(),
            budget: Budget::default(),
        }
    }

    /// Interprets one page's content stream with `initial` as its starting transformation; the glyphs
    /// are in `self.collector` afterwards.
    pub(crate) fn page(&mut self, content: &[u8], resources: &Resources<'a>, initial: Affine) {
        self.collector.begin_page();
        self.ocg.reset();
        self.frames.clear();
        self.frames.push(GState::new(initial));
        self.overflow = 0;
        self.interpret(TypedIter::new(content), resources, 0);
    }

    fn state(&self) -> &GState {
        // `frames` is never empty while a page is interpreted: restore keeps the first frame.
        self.frames.last().expect("graphics state")
    }

    fn state_mut(&mut self) -> &mut GState {
        self.frames.last_mut().expect("graphics state")
    }

    fn num_states(&self) -> usize {
        self.frames.len() + self.overflow
    }

    fn save(&mut self) {
        if self.frames.len() > MAX_FRAMES {
            self.overflow += 1;
            return;
        }
        let top = *self.state();
        self.frames.push(top);
    }

    fn restore(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
        } else if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    fn interpret(&mut self, mut ops: TypedIter<'_>, resources: &Resources<'a>, depth: u32) {
        let num_states = self.num_states();
        // Tf names seen in this stream and the font each gave.
        let mut named_fonts: Vec<(Vec<u8>, Option<FontId>)> = Vec::new();
        self.save();

        while let Some(op) = ops.next() {
            if !self.budget.operator() {
                break;
            }
            match op {
                TypedInstruction::SaveState(_) => self.save(),
                TypedInstruction::RestoreState(_) => self.restore(),
                TypedInstruction::Transform(t) => {
                    let m = Affine::new([
                        t.0.as_f64(),
                        t.1.as_f64(),
                        t.2.as_f64(),
                        t.3.as_f64(),
                        t.4.as_f64(),
                        t.5.as_f64(),
                    ]);
                    self.state_mut().ctm *= m;
                }
                TypedInstruction::SetGraphicsState(gs) => {
                    if let Some(dict) = resources.get_ext_g_state(gs.0) {
                        self.ext_g_state_font(&dict);
                    }
                }
                TypedInstruction::BeginMarkedContentWithProperties(bdc) => {
                    let oc = bdc
                        .1
                        .clone()
                        .into_name()
                        .and_then(|name| {
                            let reference = resources.properties.get_ref(name.as_ref())?;
                            let dict = resources
                                .properties
                                .get::<Dict<'_>>(name)
                                .unwrap_or_default();
                            Some((dict, reference))
                        })
                        .or_else(|| {
                            let (props, _) = dict_or_stream(bdc.1)?;
                            let reference = props.get_ref(OC)?;
                            let dict = props.get::<Dict<'_>>(OC).unwrap_or_default();
                            Some((dict, reference))
                        });
                    match oc {
                        Some((dict, reference)) => self.ocg.begin_ocg(&dict, reference.into()),
                        None => self.ocg.begin_marked_content(),
                    }
                }
                TypedInstruction::BeginMarkedContent(_) => self.ocg.begin_marked_content(),
                TypedInstruction::EndMarkedContent(_) => self.ocg.end_marked_content(),
                TypedInstruction::BeginText(_) => {
                    let state = self.state_mut();
                    state.text_matrix = Affine::IDENTITY;
                    state.text_line_matrix = Affine::IDENTITY;
                }
                TypedInstruction::SetTextMatrix(m) => {
                    let m = Affine::new([
                        m.0.as_f64(),
                        m.1.as_f64(),
                        m.2.as_f64(),
                        m.3.as_f64(),
                        m.4.as_f64(),
                        m.5.as_f64(),
                    ]);
                    let state = self.state_mut();
                    state.text_line_matrix = m;
                    state.text_matrix = m;
                }
                TypedInstruction::TextFont(t) => {
                    let name: &[u8] = t.0.as_ref();
                    let font = match named_fonts.iter().find(|(n, _)| n.as_slice() == name) {
                        Some((_, font)) => *font,
                        None => {
                            // A font missing from the resources is taken to be Helvetica, as other
                            // viewers do; one that cannot be loaded also falls back to it.
                            let font = match resources.get_font(t.0) {
                                Some(dict) => self.fonts.load(&dict),
                                None => self.fonts.fallback(),
                            };
                            named_fonts.push((name.to_vec(), font));
                            font
                        }
                    };
                    let state = self.state_mut();
                    state.font_size = t.1.as_f32();
                    state.font = font;
                }
                TypedInstruction::ShowText(s) => {
                    self.ensure_font();
                    self.show_string(s.0);
                }
                TypedInstruction::ShowTexts(s) => {
                    self.ensure_font();
                    self.run.clear();
                    self.show_array(s.0);
                    self.flush_run();
                }
                TypedInstruction::NextLineAndShowText(n) => {
                    let leading = self.state().leading;
                    self.state_mut().next_line(0.0, -leading as f64);
                    self.show_string(n.0);
                }
                TypedInstruction::ShowTextWithParameters(t) => {
                    let state = self.state_mut();
                    state.word_space = t.0.as_f32();
                    state.char_space = t.1.as_f32();
                    let leading = state.leading;
                    state.next_line(0.0, -leading as f64);
                    self.show_string(t.2);
                }
                TypedInstruction::HorizontalScaling(h) => {
                    self.state_mut().horizontal_scaling = h.0.as_f32();
                }
                TypedInstruction::TextLeading(tl) => self.state_mut().leading = tl.0.as_f32(),
                TypedInstruction::CharacterSpacing(c) => self.state_mut().char_space = c.0.as_f32(),
                TypedInstruction::WordSpacing(w) => self.state_mut().word_space = w.0.as_f32(),
                TypedInstruction::TextRise(t) => self.state_mut().rise = t.0.as_f32(),
                TypedInstruction::NextLine(n) => {
                    self.state_mut().next_line(n.0.as_f64(), n.1.as_f64());
                }
                TypedInstruction::NextLineUsingLeading(_) => {
                    let leading = self.state().leading;
                    self.state_mut().next_line(0.0, -leading as f64);
                }
                TypedInstruction::NextLineAndSetLeading(n) => {
                    let (tx, ty) = (n.0.as_f64(), n.1.as_f64());
                    let state = self.state_mut();
                    state.leading = -ty as f32;
                    state.next_line(tx, ty);
                }
                TypedInstruction::TextRenderingMode(r) => {
                    self.state_mut().paint = match r.0.as_i64() {
                        1 | 5 => Paint::Stroke,
                        2 | 6 => Paint::FillStroke,
                        _ => Paint::Fill,
                    };
                }
                TypedInstruction::XObject(x) => {
                    if let Some(stream) = resources.get_x_object(x.0) {
                        self.form(&stream, resources, depth);
                    }
                }
                _ => {}
            }
        }

        while self.num_states() > num_states {
            self.restore();
        }
    }

    /// A font set through an ExtGState's /Font entry ([font size]).
    fn ext_g_state_font(&mut self, dict: &Dict<'a>) -> Option<()> {
        let array = dict.get::<Array<'_>>(FONT)?;
        let mut items = array.iter::<Object<'_>>();
        let font_dict = items.next()?.into_dict()?;
        let size = items.next()?.into_number()?.as_f32();
        let font = self.fonts.load(&font_dict);
        let state = self.state_mut();
        state.font_size = size;
        state.font = font;
        Some(())
    }

    /// Text shown before any font was set is shown in Helvetica, as Acrobat does.
    fn ensure_font(&mut self) {
        if self.state().font.is_none() {
            let fallback = self.fonts.fallback();
            self.state_mut().font = fallback;
        }
    }

    fn show_string(&mut self, text: &object::String<'_>) {
        self.run.clear();
        self.append(text.as_bytes());
        self.flush_run();
    }

    /// The items of a TJ array: strings are shown, numbers move the text position.
    ///
    /// TJ arrays carry most of a page's text, and reading them as generic PDF objects was the largest
    /// single cost after fonts were memoised. `tj::scan` reads the common form (numbers, literal and hex
    /// strings) directly; anything else in the array falls back to hayro-syntax's object reader, with
    /// the same result.
    fn show_array(&mut self, array: &Array<'_>) {
        let data = array.data();
        let mut items = std::mem::take(&mut self.tj_items);
        items.clear();
        if tj::scan(data, &mut items) {
            for item in &items {
                match *item {
                    tj::Item::Adjust(adjustment) => self.adjust(adjustment),
                    tj::Item::Plain(start, end) => self.append(&data[start..end]),
                    tj::Item::Encoded(start, end) => {
                        // The same reader hayro-syntax uses for the array's items; an item it cannot
                        // read ends the array there, as it does in hayro's own iteration.
                        let Some(text) = object::String::from_bytes(&data[start..end]) else {
                            break;
                        };
                        self.append(text.as_bytes());
                    }
                }
            }
        } else {
            for item in array.iter::<Object<'_>>() {
                match item {
                    Object::Number(n) => self.adjust(n.as_f32()),
                    Object::String(text) => self.append(text.as_bytes()),
                    _ => {}
                }
            }
        }
        self.tj_items = items;
    }

    /// Adds a string's glyphs to the run and advances the text matrix past them.
    fn append(&mut self, bytes: &[u8]) {
        // Nothing but the text matrix changes while a string is shown: the rest of the state is read
        // once, and the matrix is written back at the end.
        let state = *self.state();
        let Some(font_id) = state.font else {
            return;
        };
        let entry = self.fonts.entry(font_id);
        let font = entry.font.clone();
        let horizontal = entry.horizontal;
        // The stand-in font shows only plain ASCII: anything else was meant for another encoding.
        let show = (!entry.fallback || bytes.is_ascii()) && self.ocg.is_visible();
        let size_and_rise = state.size_and_rise();
        let mut text_matrix = state.text_matrix;
        let mut index = 0;
        self.budget.glyphs += bytes.len();
        if self.budget.glyphs > MAX_GLYPHS {
            self.budget.breach(Limit::Glyphs);
            return;
        }
        while index < bytes.len() {
            let (code, length) = font.read_code(bytes, index);
            index += length;
            let info = self.fonts.code(font_id, code);
            if show {
                let transform = text_matrix
                    * size_and_rise
                    * Affine::scale(1.0 / UNITS_PER_EM as f64)
                    * Affine::translate(info.origin_displacement)
                    * Affine::scale_non_uniform(info.stretch, 1.0);
                self.run.push(ShownGlyph {
                    code,
                    glyph: info.glyph,
                    transform,
                });
            }
            text_matrix *= state.advance(info.advance, code == 32 && length == 1, horizontal);
        }
        self.state_mut().text_matrix = text_matrix;
    }

    /// A number in a TJ array: moves the text position back by thousandths of an em.
    fn adjust(&mut self, adjustment: f32) {
        let horizontal = self
            .state()
            .font
            .is_some_and(|id| self.fonts.entry(id).horizontal);
        let state = self.state_mut();
        let scaling = if horizontal {
            state.horizontal_scaling()
        } else {
            1.0
        };
        let scaled = -adjustment / UNITS_PER_EM * state.font_size * scaling;
        let (tx, ty) = if horizontal {
            (scaled, 0.0)
        } else {
            (0.0, scaled)
        };
        state.text_matrix *= Affine::new([1.0, 0.0, 0.0, 1.0, tx as f64, ty as f64]);
    }

    /// Hands the run to the collector as the renderer would draw it: filled, stroked or both.
    fn flush_run(&mut self) {
        let Some(first) = self.run.first() else {
            return;
        };
        let Some(font_id) = self.state().font else {
            return;
        };
        let style = self.fonts.style(font_id, first.code);
        let state = *self.state();
        match state.paint {
            Paint::Fill => self.collector.draw_run(&self.run, style, state.ctm, false),
            Paint::Stroke => self.collector.draw_run(&self.run, style, state.ctm, true),
            Paint::FillStroke => {
                self.collector.draw_run(&self.run, style, state.ctm, false);
                self.collector.draw_run(&self.run, style, state.ctm, true);
            }
        }
        self.run.clear();
    }

    /// Do on a form XObject: its content, with its own resources (else the caller's), under its
    /// matrix, unless hidden by optional content or nested too deeply. Images are skipped.
    fn form(&mut self, stream: &Stream<'a>, resources: &Resources<'a>, depth: u32) {
        let dict = stream.dict();
        if dict.get::<Name<'_>>(SUBTYPE).as_deref() != Some(FORM) {
            return;
        }
        if !self.ocg.is_visible() || depth >= MAX_NESTING || !self.budget.form() {
            return;
        }
        let Some(content) = self.budget.decode(stream) else {
            return;
        };
        let matrix = Affine::new(
            dict.get::<[f64; 6]>(MATRIX)
                .unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
        );
        // A form without a bounding box is invalid; hayro does not draw it.
        if dict.get::<[f32; 4]>(BBOX).is_none() {
            return;
        }
        let own_resources = dict.get::<Dict<'a>>(RESOURCES).map(Resources::new);
        if !self.ocg.is_visible() || depth >= MAX_NESTING {
            return;
        }
        let has_oc = match dict.get::<Dict<'_>>(OC) {
            Some(oc) => {
                match dict.get_ref(OC) {
                    Some(reference) => self.ocg.begin_ocg(&oc, reference.into()),
                    None => self.ocg.begin_ocmd(&oc),
                }
                true
            }
            None => false,
        };
        if self.ocg.is_visible() {
            self.save();
            self.state_mut().ctm *= matrix;
            self.interpret(
                TypedIter::new(content.as_ref()),
                own_resources.as_ref().unwrap_or(resources),
                depth + 1,
            );
            self.restore();
        }
        if has_oc {
            self.ocg.end_marked_content();
        }
    }
}
