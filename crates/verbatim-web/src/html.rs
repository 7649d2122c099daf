//! A small HTML writer that escapes by construction.
//!
//! Markup can only come from `&'static str` literals written in this crate; everything else (speech
//! text, names, symbols, attribute values, URLs) goes through [`escape_into`]. Speech text is data: a
//! record that contains `<script>` shows those characters, it never runs them.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// Characters escaped in a path: everything that would end the path or change its meaning, but not
/// `/`, so that a symbol such as `S/PV.8422` keeps its readable form in a URL.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']')
    .add(b'\'');

/// Characters escaped in a query value: all but the unreserved ones.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes a path tail (slashes kept).
pub fn path_encode(text: &str) -> String {
    utf8_percent_encode(text, PATH).to_string()
}

/// Percent-encodes a query-string value.
pub fn query_encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

/// Builds `path?k=v&k=v` from pairs, leaving out empty values.
pub fn url_with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut url = path.to_owned();
    let mut first = true;
    for (key, value) in pairs {
        if value.is_empty() {
            continue;
        }
        url.push(if first { '?' } else { '&' });
        first = false;
        url.push_str(&query_encode(key));
        url.push('=');
        url.push_str(&query_encode(value));
    }
    url
}

/// Appends `text` to `out` with the five HTML-significant characters escaped, so that the result is
/// safe both as element content and inside a double- or single-quoted attribute.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// An HTML document or fragment under construction.
#[derive(Debug, Default)]
pub struct Html {
    buf: String,
}

impl Html {
    pub fn new() -> Html {
        Html {
            buf: String::with_capacity(16 * 1024),
        }
    }

    /// Appends trusted markup. Only literals can be passed, so no request or record data can get here.
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.buf.push_str(markup);
        self
    }

    /// Appends text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.buf, text);
        self
    }

    /// Appends a number (nothing to escape).
    pub fn num(&mut self, n: impl Into<f64>) -> &mut Html {
        let n: f64 = n.into();
        if n.fract() == 0.0 && n.abs() < 1e15 {
            self.buf.push_str(&format!("{}", n as i64));
        } else {
            self.buf.push_str(&format!("{n:.1}"));
        }
        self
    }

    /// Opens an element with attributes; attribute values are escaped. An attribute whose value is
    /// `None`-like (empty name) is skipped; boolean attributes are written as `name=""`.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.buf.push('<');
        self.buf.push_str(tag);
        for (name, value) in attrs {
            self.buf.push(' ');
            self.buf.push_str(name);
            self.buf.push_str("=\"");
            escape_into(&mut self.buf, value);
            self.buf.push('"');
        }
        self.buf.push('>');
        self
    }

    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
        self
    }

    /// `<tag attrs>text</tag>`.
    pub fn elem(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// `<a href="href">text</a>`.
    pub fn link(&mut self, href: &str, text: &str) -> &mut Html {
        self.elem("a", &[("href", href)], text)
    }

    /// Appends a fragment built by another writer (already escaped by construction).
    pub fn append(&mut self, other: Html) -> &mut Html {
        self.buf.push_str(&other.buf);
        self
    }

    pub fn into_string(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut h = Html::new();
        h.open("a", &[("href", "/x?\"><script>")])
            .text("<b>&'\"")
            .close("a");
        assert_eq!(
            h.into_string(),
            "<a href=\"/x?&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&#39;&quot;</a>"
        );
    }

    #[test]
    fn urls_keep_symbol_slashes_and_encode_the_rest() {
        assert_eq!(
            path_encode("S/PV.4726 (Resumption 1)"),
            "S/PV.4726%20(Resumption%201)"
        );
        assert_eq!(
            url_with_query(
                "/search",
                &[("q", "a&b c"), ("country", ""), ("body", "SC")]
            ),
            "/search?q=a%26b%20c&body=SC"
        );
    }
}
