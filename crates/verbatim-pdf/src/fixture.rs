//! Small PDFs written from scratch, for tests that must run without the corpus.
//!
//! [`PdfBuilder`] writes a minimal, valid PDF 1.4: one content stream per page with `BT`/`Tf`/`Td`/`Tj`,
//! the standard Type1 fonts (not embedded, WinAnsi encoding), an Info dictionary with a producer, and a
//! correct cross-reference table. Text is placed with top-left coordinates like the rest of the pipeline.

use std::fmt::Write as _;

/// One of the standard fonts a fixture can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FixtureFont {
    Helvetica,
    HelveticaBold,
    HelveticaOblique,
    TimesRoman,
    TimesBold,
    TimesItalic,
}

impl FixtureFont {
    const ALL: [FixtureFont; 6] = [
        FixtureFont::Helvetica,
        FixtureFont::HelveticaBold,
        FixtureFont::HelveticaOblique,
        FixtureFont::TimesRoman,
        FixtureFont::TimesBold,
        FixtureFont::TimesItalic,
    ];

    fn base_font(self) -> &'static str {
        match self {
            FixtureFont::Helvetica => "Helvetica",
            FixtureFont::HelveticaBold => "Helvetica-Bold",
            FixtureFont::HelveticaOblique => "Helvetica-Oblique",
            FixtureFont::TimesRoman => "Times-Roman",
            FixtureFont::TimesBold => "Times-Bold",
            FixtureFont::TimesItalic => "Times-Italic",
        }
    }

    fn resource_name(self) -> String {
        let idx = FixtureFont::ALL
            .iter()
            .position(|f| *f == self)
            .unwrap_or(0);
        format!("F{}", idx + 1)
    }
}

/// A piece of text placed on a fixture page: `x` from the left edge, `y` the baseline from the top.
#[derive(Debug, Clone)]
pub struct FixtureText {
    pub x: f32,
    pub y: f32,
    pub font: FixtureFont,
    pub size: f32,
    /// Latin-1 text (WinAnsi encoding covers it for the characters tests use).
    pub text: String,
}

/// Builds a PDF page by page.
#[derive(Debug, Clone)]
pub struct PdfBuilder {
    width: f32,
    height: f32,
    pages: Vec<Vec<FixtureText>>,
    producer: Option<String>,
}

impl Default for PdfBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl PdfBuilder {
    /// A US-letter document (612 x 792 points, as the UN records) with no pages yet.
    pub fn new() -> Self {
        PdfBuilder {
            width: 612.0,
            height: 792.0,
            pages: Vec::new(),
            producer: Some(String::from("verbatim fixture")),
        }
    }

    /// Sets (or, with `None`, removes) the Info dictionary's producer.
    pub fn producer(mut self, producer: Option<&str>) -> Self {
        self.producer = producer.map(str::to_string);
        self
    }

    /// Starts a new page; following `text` calls draw on it.
    pub fn page(mut self) -> Self {
        self.pages.push(Vec::new());
        self
    }

    /// Draws `text` on the current page (starting one if there is none).
    pub fn text(mut self, x: f32, y: f32, font: FixtureFont, size: f32, text: &str) -> Self {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        if let Some(page) = self.pages.last_mut() {
            page.push(FixtureText {
                x,
                y,
                font,
                size,
                text: text.to_string(),
            });
        }
        self
    }

    /// Writes the PDF.
    pub fn build(&self) -> Vec<u8> {
        // Object numbers: 1 catalog, 2 pages, 3 info, 4..4+F fonts, then per page: page object and
        // content stream.
        let n_fonts = FixtureFont::ALL.len();
        let first_page_obj = 4 + n_fonts;
        let mut objects: Vec<Vec<u8>> = Vec::new();

        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        let kids: Vec<String> = (0..self.pages.len())
            .map(|i| format!("{} 0 R", first_page_obj + 2 * i))
            .collect();
        objects.push(
            format!(
                "<< /Type /Pages /Kids [{}] /Count {} >>",
                kids.join(" "),
                self.pages.len()
            )
            .into_bytes(),
        );
        let mut info = String::from("<< ");
        if let Some(producer) = &self.producer {
            info.push_str(&format!("/Producer ({}) ", escape_string(producer)));
        }
        info.push_str(">>");
        objects.push(info.into_bytes());
        for font in FixtureFont::ALL {
            objects.push(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{} /Encoding /WinAnsiEncoding >>",
                    font.base_font()
                )
                .into_bytes(),
            );
        }
        let font_resources: String = FixtureFont::ALL
            .iter()
            .enumerate()
            .map(|(i, font)| format!("/{} {} 0 R ", font.resource_name(), 4 + i))
            .collect();
        for (page_idx, texts) in self.pages.iter().enumerate() {
            let page_obj = first_page_obj + 2 * page_idx;
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << {}>> >> /Contents {} 0 R >>",
                    self.width,
                    self.height,
                    font_resources,
                    page_obj + 1
                )
                .into_bytes(),
            );
            let mut content = String::new();
            for t in texts {
                let _ = writeln!(
                    content,
                    "BT /{} {} Tf {} {} Td ({}) Tj ET",
                    t.font.resource_name(),
                    t.size,
                    t.x,
                    self.height - t.y,
                    escape_string(&t.text)
                );
            }
            let content = latin1(&content);
            let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            stream.extend_from_slice(&content);
            stream.extend_from_slice(b"\nendstream");
            objects.push(stream);
        }

        write_objects(&objects, "/Root 1 0 R /Info 3 0 R")
    }
}

/// Writes a PDF 1.4 file of `objects` (numbered from 1, in order) with a correct cross-reference table;
/// `trailer` is the trailer dictionary's content besides /Size ("/Root 1 0 R").
pub fn write_objects(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (idx, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", idx + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref_offset = out.len();
    let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        // Each cross-reference entry is exactly 20 bytes: the trailing space is part of it.
        let _ = writeln!(xref, "{offset:010} 00000 n ");
    }
    let _ = write!(
        xref,
        "trailer\n<< /Size {} {trailer} >>\nstartxref\n{}\n%%EOF\n",
        objects.len() + 1,
        xref_offset
    );
    out.extend_from_slice(xref.as_bytes());
    out
}

/// Escapes a PDF literal string's delimiters.
fn escape_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Encodes text as Latin-1 bytes (WinAnsi agrees with Latin-1 on the letters tests use); characters
/// outside Latin-1 become '?'.
fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}
