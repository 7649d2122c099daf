//! UN document symbols: finding them in text and normalising them.
//!
//! Input: a paragraph of reflowed text (or a meeting-record symbol string); output: normalised symbols.
//! Entry function: [`find_symbols`]; [`parse_pv_symbol`] and [`format_pv_symbol`] read and write the
//! symbol of a meeting record itself. Out of scope: deciding which citations belong to which speech, and
//! checking that a symbol names a document that exists.
//!
//! Two kinds of citation are recognised:
//! - symbols printed as such ("S/2018/1016", "A/C.3/65/L.23/Rev.1", "[S/1703]"), kept as printed with
//!   whitespace normalised, including a report part ("A/65/456/Add.2 (Part II)") and the year or session
//!   of a printed resolution symbol ("S/RES/2448 (2018)"); a following "and Add.1" or ", annex" is not part
//!   of the symbol;
//! - resolutions cited by number after the word "resolution(s)", which are given the symbol of the
//!   resolution: "N (YYYY)" is a Security Council resolution ("S/RES/2448 (2018)"), "N (XXV)" an older
//!   General Assembly resolution ("A/RES/2625 (XXV)"), "N/M", "ES-N/M" and "S-N/M" General Assembly
//!   resolutions ("A/RES/64/299", "A/RES/ES-11/1"), unless "Human Rights Council" ("A/HRC/RES/15/1"),
//!   "Economic and Social Council" ("E/RES/2008/4") or "Commission on Human Rights"
//!   ("E/CN.4/RES/2005/69") precedes the word. Lists ("resolutions 48/218 B, 54/244 and 59/272") and
//!   printed ranges ("resolutions 65/182 to 65/194", endpoints only) are followed.
//!
//! Decisions ("decision 64/555") are not document symbols and are never returned. Digits that a scan's
//! OCR layer misread as look-alike letters inside a symbol ("S/l716") are put back. The record's own
//! symbol is a citation like any other here: a caller that wants it left out (the gold files leave out
//! the running headers' symbol) drops it itself.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::Body;

/// First elements of document symbols that the finder accepts. A whitelist, because an upper-case word
/// followed by a slash and a number is otherwise too common in speeches ("COVID/19", "AU/PSC/...").
/// A: General Assembly; S: Security Council; E: ECOSOC; ST: Secretariat; T: Trusteeship Council; TD:
/// UNCTAD; DP: UNDP; the rest are treaty bodies and conventions whose documents records cite.
const SYMBOL_PREFIXES: &[&str] = &[
    "A", "S", "E", "ST", "T", "TD", "DP", "UNEP", "CCPR", "CERD", "CEDAW", "CRC", "CAT", "CRPD",
    "CMW", "SPLOS", "FCCC", "ICCD", "ISBA",
];

/// A symbol printed as such. One element is "Abc.12" (L.72, Rev.1, C.3, Add.2, PV.8422), "PV. 8422" (a
/// record symbol whose text layer has a space after the dot) or a run of letters and digits joined by
/// hyphens (2018, RES, PRST, INF, ES-11, where a line-break join may leave "ES- 11"; a lower-case letter
/// after a hyphen starts a word, as in the OCR text "S/1727-a reply"). A line-break join
/// may also leave a space after a slash ("A/C.3/65/ L.23"). A dotted element never takes letters after
/// the dot, so a sentence's full stop is never part of a symbol ("S/2018/1016." and "S/2018/1016.The").
/// The optional tail keeps a report part "(Part II)", a resolution's year "(2018)" or session "(XXV)",
/// and a record's "(Resumption 1)"; which tails are kept for which symbol is decided in code.
static PRINTED_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    let element =
        r"(?:[A-Za-z]+\.\d+[A-Za-z]?|PV\.\s\d+|[A-Za-z0-9]+(?:-\s?[A-Z0-9][A-Za-z0-9]*)*)";
    let pattern = format!(
        r"\b(?P<symbol>S/\s?Agenda\s+\d+|[A-Z]{{1,5}}(?:/\s?{element})+)(?P<tail>\s*\((?:Part\s+[IVXL]+|\d{{4}}|[IVXL]+|Resumption\s*\d+)\))?"
    );
    Regex::new(&pattern).expect("the printed-symbol pattern is valid")
});

/// The word "resolution(s)", with the name of a council whose resolutions have their own series.
static RESOLUTION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?P<issuer>Human\s+Rights\s+Council|Economic\s+and\s+Social\s+Council|Commission\s+on\s+Human\s+Rights)\s+)?\b(?i:resolutions?)\s+",
    )
    .expect("the resolution-word pattern is valid")
});

/// One resolution number at the start of the text: "2448 (2018)", "2625 (XXV)", "64/299", "48/218 B",
/// "ES-11/1" ("ES- 11/1" after a line-break join), "S-26/2".
/// No series numbers a session's resolutions beyond three digits, so a longer serial ("12/2018", a
/// month and year) is not a resolution number; the caller rejects a serial followed by more digits.
static RESOLUTION_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<number>\d{1,4})\s?\((?P<year>\d{4}|[IVXL]{1,6})\)|(?P<special>ES-\s?|S-\s?)?(?P<session>\d{1,4})/(?P<serial>\d{1,3})(?P<part>\s[A-Z])?)",
    )
    .expect("the resolution-number pattern is valid")
});

/// What may stand between two numbers of one list: a comma, "and", "or", a comma and "and", or "to" (a
/// range, of which only the printed endpoints are cited).
static LIST_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to)\s+)")
        .expect("the list-separator pattern is valid")
});

/// Every UN document symbol cited in `text`, normalised, deduplicated, in first-seen order.
///
/// `body` is the body whose record the text comes from. It does not change the result: the form of a
/// cited resolution number decides its series ("N (YYYY)" is always the Security Council's, "N/M" the
/// General Assembly's, in Security Council records as in General Assembly ones), and no record in the
/// corpus needs the body to resolve a citation. The argument stays so that a future body-specific rule
/// (a committee's own series, say) does not change the signature.
pub fn find_symbols(text: &str, body: Body) -> Vec<String> {
    let _ = body;
    let text = &repair_dollar_s(text);
    let mut found: Vec<(usize, String)> = Vec::new();
    collect_printed_symbols(text, &mut found);
    collect_resolution_citations(text, &mut found);
    // A stable sort keeps the order of two citations found at one position by different rules.
    found.sort_by_key(|(position, _)| *position);
    let mut seen = HashSet::new();
    found
        .into_iter()
        .filter_map(|(_, symbol)| seen.insert(symbol.clone()).then_some(symbol))
        .collect()
}

fn collect_printed_symbols(text: &str, found: &mut Vec<(usize, String)>) {
    for captures in PRINTED_SYMBOL.captures_iter(text) {
        let symbol_match = captures
            .name("symbol")
            .expect("the symbol group always takes part");
        let start = symbol_match.start();
        // A symbol starts a token: "xA/64/L.72" or "1/A/..." is not a citation. (`\b` alone lets a slash
        // or a dot precede.)
        if text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c == '/' || c == '.' || c == '-')
        {
            continue;
        }
        let raw = symbol_match.as_str();
        let prefix = raw.split('/').next().unwrap_or_default().trim();
        if !SYMBOL_PREFIXES.contains(&prefix) || !raw.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut symbol = normalize_printed(raw);
        if let Some(tail) = captures.name("tail") {
            let inner = tail
                .as_str()
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')');
            if keeps_tail(&symbol, inner) {
                symbol.push_str(" (");
                symbol.push_str(&collapse_whitespace(inner));
                symbol.push(')');
            }
        }
        found.push((start, symbol));
    }
}

/// OCR reads a symbol's "S" as "$" ("$/2018/1016"): a "$/" that starts a token and is followed by a
/// digit or "PV" is put back as "S/". The replacement has the same length, so positions do not move; no
/// UN text writes an amount as "$/".
fn repair_dollar_s(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("$/") {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices("$/") {
        let starts_token = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let rest = &text[i + 2..];
        let symbol_follows =
            rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("PV");
        if starts_token && symbol_follows {
            out.push_str(&text[last..i]);
            out.push('S');
            last = i + 1;
        }
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Removes the whitespace a line-break join leaves inside a printed symbol ("S/PV. 8422", "ES- 11",
/// "A/C.3/65/ L.23"), except in "S/Agenda 492", which is printed with one space.
fn normalize_printed(raw: &str) -> String {
    if let Some(rest) = raw.strip_prefix("S/")
        && rest.trim_start().starts_with("Agenda")
    {
        let number = rest.trim_start()["Agenda".len()..].trim();
        return format!("S/Agenda {number}");
    }
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .split('/')
        .map(repair_ocr_digits)
        .collect::<Vec<_>>()
        .join("/")
}

/// The OCR layer of scanned records reads the digit 1 as "l" or "I" and 0 as "O" ("S/l716", "S/17l5",
/// "S/I722" in the 1950 record). An element made of digits and only those look-alike letters, with at
/// least two real digits, is a number misread, so the letters are put back as digits. Elements with any
/// other letter ("INF", "PV.8422", "Rev.1") are left alone.
fn repair_ocr_digits(element: &str) -> String {
    let n_digits = element.bytes().filter(u8::is_ascii_digit).count();
    let only_look_alikes = element
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'l' | b'I' | b'O'));
    if n_digits < 2 || !only_look_alikes || n_digits == element.len() {
        return element.to_string();
    }
    element
        .chars()
        .map(|c| match c {
            'l' | 'I' => '1',
            'O' => '0',
            other => other,
        })
        .collect()
}

/// Whether a parenthesis after a printed symbol belongs to it. A report part always does; a year or a
/// roman session only after a resolution symbol without a session element ("S/RES/2448 (2018)", "A/RES/2625
/// (XXV)"); "(Resumption N)" only after a meeting record.
fn keeps_tail(symbol: &str, inner: &str) -> bool {
    if inner.starts_with("Part") {
        return true;
    }
    if inner.starts_with("Resumption") {
        return symbol.contains("/PV.");
    }
    let elements: Vec<&str> = symbol.split('/').collect();
    matches!(elements.as_slice(), [_, "RES", number] if number.bytes().all(|b| b.is_ascii_digit()))
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_resolution_citations(text: &str, found: &mut Vec<(usize, String)>) {
    for captures in RESOLUTION_WORD.captures_iter(text) {
        let word = captures.get(0).expect("group 0 always takes part");
        let issuer = captures
            .name("issuer")
            .map(|m| collapse_whitespace(m.as_str()));
        let mut position = word.end();
        while let Some(number) = RESOLUTION_NUMBER.captures(&text[position..]) {
            let whole = number.get(0).expect("group 0 always takes part");
            let end = position + whole.end();
            // "65/456/Add.2" or "64/2990" is not a resolution number, only a number that happens to
            // start like one.
            if let Some(serial) = number.name("serial")
                && text[position + serial.end()..]
                    .starts_with(|c: char| c.is_ascii_digit() || c == '/')
            {
                break;
            }
            // "48/218 B" names part B of a resolution, but the letter must stand alone: in "64/299 Also"
            // or "64/299 A/64/L.72" it does not belong to the number.
            let part_ok = number.name("part").is_none() || letter_stands_alone(&text[end..]);
            let (symbol, consumed) = if part_ok {
                (resolution_symbol(&number, issuer.as_deref()), end)
            } else {
                let without_part =
                    position + number.name("serial").map_or(whole.end(), |m| m.end());
                (
                    resolution_symbol_without_part(&number, issuer.as_deref()),
                    without_part,
                )
            };
            if let Some(symbol) = symbol {
                found.push((position, symbol));
            }
            position = consumed;
            let Some(separator) = LIST_SEPARATOR.find(&text[position..]) else {
                break;
            };
            position += separator.end();
        }
    }
}

/// True when a one-letter resolution part ("48/218 B") is really one: the letter ends the text, is
/// followed by punctuation, or by one of the few words that follow a part in a citation ("48/218 B of 29
/// July 1994", "48/218 B and 54/244"). Otherwise the letter is a word of the sentence ("in resolution
/// 64/299 I see", "64/299 A/64/L.72").
fn letter_stands_alone(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(c) if c.is_whitespace() => {
            let next_word: String = after
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            matches!(next_word.as_str(), "and" | "or" | "of" | "to")
        }
        Some(c) => {
            let dotted_word = c == '.' && after[1..].starts_with(|d: char| d.is_alphanumeric());
            !(c.is_alphanumeric() || c == '/' || dotted_word)
        }
    }
}

fn resolution_symbol(number: &regex::Captures<'_>, issuer: Option<&str>) -> Option<String> {
    let base = resolution_symbol_without_part(number, issuer)?;
    match number.name("part") {
        Some(part) => Some(format!("{base} {}", part.as_str().trim())),
        None => Some(base),
    }
}

fn resolution_symbol_without_part(
    number: &regex::Captures<'_>,
    issuer: Option<&str>,
) -> Option<String> {
    if let (Some(serial), Some(year)) = (number.name("number"), number.name("year")) {
        let year = year.as_str();
        // "N (YYYY)" is the Security Council's numbering; "N (XXV)" the General Assembly's before 1976.
        // A council named before the word has no such numbering, so the citation is left alone.
        if issuer.is_some() {
            return None;
        }
        let series = if year.starts_with(|c: char| c.is_ascii_digit()) {
            "S/RES"
        } else {
            "A/RES"
        };
        return Some(format!("{series}/{} ({year})", serial.as_str()));
    }
    let session = number.name("session")?.as_str();
    let serial = number.name("serial")?.as_str();
    let special = number
        .name("special")
        .map(|m| m.as_str().trim().to_string())
        .unwrap_or_default();
    let series = match issuer {
        Some("Human Rights Council") => "A/HRC/RES",
        Some("Economic and Social Council") => "E/RES",
        Some("Commission on Human Rights") => "E/CN.4/RES",
        _ => {
            // A four-digit first element is a year: ECOSOC and commission resolutions are numbered that
            // way, General Assembly resolutions never are, and without the council's name the series is
            // unknown, so nothing is cited rather than a wrong A/RES symbol.
            if session.len() == 4 {
                return None;
            }
            "A/RES"
        }
    };
    Some(format!("{series}/{special}{session}/{serial}"))
}

/// A meeting record's symbol, as parsed by [`parse_pv_symbol`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PvSymbol {
    /// `Body::SC` for "S/PV...", `Body::GA` for "A/...PV...".
    pub body: Body,
    /// The General Assembly session ("A/64/PV.121" -> 64); `None` for the Security Council and for
    /// General Assembly records numbered without a session ("A/PV.1753", before 1976).
    pub session: Option<u32>,
    pub meeting: u32,
    /// "(Resumption 1)" -> 1.
    pub resumption: Option<u32>,
}

/// The printed forms of a record symbol: "S/PV.8422", "S/PV. 8422" (space in the text layer), "SPV.4644"
/// (the Security Council Debates corpus's file names), "S/PV.4726 (Resumption 1)" or "(Resumption1)",
/// "A/64/PV.121", "A/PV.1753".
static PV_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<body>[AS])/?(?:(?P<session>\d{1,3})/)?PV\.\s*(?P<meeting>\d{1,6})(?:\s*\(\s*Resumption\s*(?P<resumption>\d{1,3})\s*\))?$",
    )
    .expect("the record-symbol pattern is valid")
});

/// Parses a meeting record's symbol; `None` if `s` is not one. Emergency special session records
/// ("A/ES-11/PV.1") are not covered: their session is not a number.
pub fn parse_pv_symbol(s: &str) -> Option<PvSymbol> {
    let captures = PV_SYMBOL.captures(s.trim())?;
    let body = match &captures["body"] {
        "S" => Body::SC,
        _ => Body::GA,
    };
    let session = match captures.name("session") {
        Some(session) => Some(session.as_str().parse().ok()?),
        None => None,
    };
    // "SPV.4644" drops the slash; only the Security Council's symbols are written that way, and a
    // General Assembly record always has one ("A/64/PV.121").
    let has_slash = s.trim()[1..].starts_with('/');
    if !has_slash && (body != Body::SC || session.is_some()) {
        return None;
    }
    if body == Body::SC && session.is_some() {
        return None;
    }
    let meeting = captures["meeting"].parse().ok()?;
    let resumption = match captures.name("resumption") {
        Some(resumption) => Some(resumption.as_str().parse().ok()?),
        None => None,
    };
    Some(PvSymbol {
        body,
        session,
        meeting,
        resumption,
    })
}

/// A digit as an OCR engine misreads it: "A/6S/PV.7L" is "A/65/PV.71".
fn ocr_digit(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => c,
        'O' | 'o' | 'Q' | 'D' => '0',
        'I' | 'l' | 'i' | 'L' | '|' | '!' | ']' => '1',
        'Z' | 'z' => '2',
        'S' | 's' => '5',
        'G' | 'b' => '6',
        'T' => '7',
        'B' => '8',
        'g' | 'q' => '9',
        _ => return None,
    })
}

fn ocr_number(text: &str) -> Option<u32> {
    let digits: Option<String> = text.chars().map(ocr_digit).collect();
    digits?.parse().ok()
}

/// Record symbols in OCR'd text, read with the engine's usual confusions of digits and letters ("A/6S/PV.7L"
/// is A/65/PV.71, "S/PV. 3756"). Only the shape `A/NN/PV.NNN` or `S/PV.NNNN` with its slashes and "PV" is
/// read, so a word is never taken for a symbol.
pub fn ocr_pv_symbols(text: &str) -> Vec<PvSymbol> {
    static OCR_PV: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([AS5])\s?/\s?(?:([0-9OoQDIlLiZzSsGbTBgq|]{1,3})\s?/\s?)?PV\s?\.\s?([0-9OoQDIlLiZzSsGbTBgq|]{1,6})\b")
            .expect("the OCR record-symbol pattern is valid")
    });
    let mut out = Vec::new();
    for c in OCR_PV.captures_iter(text) {
        let body = if &c[1] == "A" { Body::GA } else { Body::SC };
        let session = match c.get(2) {
            Some(m) => match ocr_number(m.as_str()) {
                Some(n) => Some(n),
                None => continue,
            },
            None => None,
        };
        if (body == Body::GA) != session.is_some() && body == Body::SC {
            continue;
        }
        let Some(meeting) = ocr_number(&c[3]) else {
            continue;
        };
        out.push(PvSymbol {
            body,
            session,
            meeting,
            resumption: None,
        });
    }
    out
}

/// The printed form of a record symbol: "S/PV.8422", "S/PV.4726 (Resumption 1)", "A/64/PV.121",
/// "A/PV.1753". [`parse_pv_symbol`] never yields `Body::Other`, which has no record series of this form;
/// one built by hand is written with the Security Council's prefix.
pub fn format_pv_symbol(symbol: &PvSymbol) -> String {
    let prefix = match symbol.body {
        Body::GA => "A",
        Body::SC | Body::Other => "S",
    };
    let mut out = match symbol.session {
        Some(session) => format!("{prefix}/{session}/PV.{}", symbol.meeting),
        None => format!("{prefix}/PV.{}", symbol.meeting),
    };
    if let Some(resumption) = symbol.resumption {
        out.push_str(&format!(" (Resumption {resumption})"));
    }
    out
}

#[cfg(test)]
mod ocr_tests {
    use super::*;

    #[test]
    fn ocr_symbols_read_with_digit_confusions() {
        let read = |t: &str| {
            ocr_pv_symbols(t)
                .iter()
                .map(format_pv_symbol)
                .collect::<Vec<_>>()
        };
        assert_eq!(read("A/61/PV.107"), ["A/61/PV.107"]);
        assert_eq!(read("A/6S/PV.7L"), ["A/65/PV.71"]);
        assert_eq!(read("United Nations S/PV. 3756"), ["S/PV.3756"]);
        assert!(read("Avewpv.107").is_empty());
        assert!(read("as stated in A/PVAB").is_empty());
    }
}

#[cfg(test)]
mod dollar_tests {
    use super::*;

    #[test]
    fn a_dollar_read_for_the_s_of_a_symbol_is_put_back() {
        let found = find_symbols(
            "document $/2018/1016, which contains $/PV.8422 and $ /2018/1 for $/year",
            Body::SC,
        );
        assert_eq!(found, ["S/2018/1016", "S/PV.8422"]);
        // Only at the start of a token, before a number or PV: amounts and other text stay as printed.
        assert_eq!(repair_dollar_s("US$/year and $/x"), "US$/year and $/x");
        assert_eq!(repair_dollar_s("($/2018/5)"), "(S/2018/5)");
    }
}
