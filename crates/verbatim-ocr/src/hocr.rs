//! Reading Tesseract's hOCR output: lines with their baseline and size, words with their box and
//! confidence. Only what verbatim needs is read; the format is XHTML whose elements carry their geometry
//! in a `title` attribute ("bbox 294 174 418 204; x_wconf 96").

use serde::{Deserialize, Serialize};

/// One recognised line, in pixels of the page image (origin top-left, y down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrLine {
    pub bbox: [f32; 4],
    /// The baseline's slope and its offset from the bottom-left corner of `bbox` (hOCR `baseline`).
    pub baseline: [f32; 2],
    /// The line's size (hOCR `x_size`): ascender to descender, about the font's em.
    pub size: f32,
    pub words: Vec<OcrWord>,
}

/// One recognised word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrWord {
    pub text: String,
    pub bbox: [f32; 4],
    /// The engine's confidence in the word, 0 to 100.
    pub confidence: f32,
}

impl OcrLine {
    /// The baseline's y at `x`.
    pub fn baseline_at(&self, x: f32) -> f32 {
        self.bbox[3] + self.baseline[0] * (x - self.bbox[0]) + self.baseline[1]
    }
}

/// The classes Tesseract gives to line-level elements (a header or caption is a line too).
const LINE_CLASSES: [&str; 4] = ["ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"];

/// Reads every line of an hOCR document, in the engine's reading order. Lines without words are dropped.
/// Malformed input gives fewer lines, never an error: what could be read is kept.
pub fn parse(hocr: &str) -> Vec<OcrLine> {
    let mut lines: Vec<OcrLine> = Vec::new();
    let mut rest = hocr;
    while let Some(start) = rest.find("<span") {
        rest = &rest[start..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let class = attribute(tag, "class").unwrap_or_default();
        let title = attribute(tag, "title").unwrap_or_default();
        rest = &rest[tag_end + 1..];
        if LINE_CLASSES.contains(&class) {
            let props = Props::parse(title);
            if let Some(bbox) = props.bbox {
                lines.push(OcrLine {
                    bbox,
                    baseline: props.baseline.unwrap_or([0.0, 0.0]),
                    size: props.x_size.unwrap_or(bbox[3] - bbox[1]).max(1.0),
                    words: Vec::new(),
                });
            }
        } else if class == "ocrx_word" {
            // The word's text runs to its closing tag; Tesseract may wrap it in <strong> or <em>.
            let Some(close) = rest.find("</span>") else {
                break;
            };
            let text = decode_entities(&strip_tags(&rest[..close]));
            rest = &rest[close + "</span>".len()..];
            let props = Props::parse(title);
            let text = text.trim();
            if let (Some(bbox), Some(line)) = (props.bbox, lines.last_mut())
                && !text.is_empty()
            {
                line.words.push(OcrWord {
                    text: text.to_owned(),
                    bbox,
                    confidence: props.x_wconf.unwrap_or(0.0),
                });
            }
        }
    }
    lines.retain(|line| !line.words.is_empty());
    lines
}

/// The value of `name='...'` or `name="..."` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut search = tag;
    while let Some(pos) = search.find(name) {
        let after = &search[pos + name.len()..];
        let before_ok = search[..pos]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let quote = value.chars().next()?;
            if quote == '\'' || quote == '"' {
                let value = &value[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        search = after;
    }
    None
}

/// The properties of a `title` attribute that verbatim reads.
#[derive(Default)]
struct Props {
    bbox: Option<[f32; 4]>,
    baseline: Option<[f32; 2]>,
    x_size: Option<f32>,
    x_wconf: Option<f32>,
}

impl Props {
    fn parse(title: &str) -> Props {
        let mut props = Props::default();
        for part in title.split(';') {
            let mut fields = part.split_whitespace();
            let Some(key) = fields.next() else { continue };
            let numbers: Vec<f32> = fields
                .filter_map(|f| f.parse::<f32>().ok())
                .filter(|n| n.is_finite())
                .collect();
            match (key, numbers.as_slice()) {
                ("bbox", [x0, y0, x1, y1]) if x1 >= x0 && y1 >= y0 => {
                    props.bbox = Some([*x0, *y0, *x1, *y1])
                }
                ("baseline", [slope, offset]) => props.baseline = Some([*slope, *offset]),
                ("x_size", [size]) if *size > 0.0 => props.x_size = Some(*size),
                ("x_wconf", [conf]) => props.x_wconf = Some(conf.clamp(0.0, 100.0)),
                _ => {}
            }
        }
        props
    }
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the XML entities hOCR uses: the five named ones and numeric references.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // An entity is short: its ';' comes within a dozen characters (counted as characters, so that
        // the search never cuts one in two).
        let Some(semi) = rest
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(at, _)| at)
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html><body>
  <div class='ocr_page' id='page_1' title='image "stdin"; bbox 0 0 2550 3300; ppageno 0'>
   <div class='ocr_carea' id='block_1_1' title="bbox 294 174 1163 213">
    <p class='ocr_par' id='par_1_1' lang='eng' title="bbox 294 174 1163 213">
     <span class='ocr_line' id='line_1_1' title="bbox 294 174 1163 213; baseline 0.001 -9; x_size 39; x_descenders 9; x_ascenders 10">
      <span class='ocrx_word' id='word_1_1' title='bbox 294 174 418 204; x_wconf 96'>Mr.</span>
      <span class='ocrx_word' id='word_1_2' title='bbox 430 174 700 213; x_wconf 91'><strong>Nebenzia</strong></span>
      <span class='ocrx_word' id='word_1_3' title='bbox 720 174 1163 213; x_wconf 88'>(Russian&#160;Federation)&amp;&quot;&#x41;</span>
     </span>
     <span class='ocr_header' id='line_1_2' title="bbox 294 230 500 260; x_size 30">
      <span class='ocrx_word' id='word_1_4' title='bbox 294 230 500 260; x_wconf 12'> </span>
     </span>
    </p>
   </div>
  </div>
</body></html>"#;

    #[test]
    fn lines_words_geometry_and_entities_are_read() {
        let lines = parse(SAMPLE);
        assert_eq!(
            lines.len(),
            1,
            "the line whose only word is blank is dropped"
        );
        let line = &lines[0];
        assert_eq!(line.bbox, [294.0, 174.0, 1163.0, 213.0]);
        assert_eq!(line.size, 39.0);
        assert_eq!(line.baseline, [0.001, -9.0]);
        let words: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["Mr.", "Nebenzia", "(Russian\u{a0}Federation)&\"A"]);
        assert_eq!(line.words[1].confidence, 91.0);
        assert_eq!(line.words[2].bbox, [720.0, 174.0, 1163.0, 213.0]);
        // The baseline sits 9 px above the bottom of the box, rising 1 px per 1000.
        assert!((line.baseline_at(1294.0) - 205.0).abs() < 1e-3);
    }

    #[test]
    fn malformed_input_gives_what_can_be_read() {
        assert!(parse("").is_empty());
        assert!(parse("<span class='ocr_line' title='bbox 1 2'>").is_empty());
        let cut = &SAMPLE[..SAMPLE.find("Nebenzia").unwrap()];
        let lines = parse(cut);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].words.len(), 1);
        assert_eq!(
            decode_entities("a &bogus; & b &#99999999;"),
            "a &bogus; & b &#99999999;"
        );
    }
}
