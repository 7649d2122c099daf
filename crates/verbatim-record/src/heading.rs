//! The speaker-heading grammar: "Mr. Delattre (France) (spoke in French):" and its variants.
//!
//! A heading is a name, then any number of parentheses (an affiliation, a language note), optionally a
//! comma and a function ("Rapporteur of the Third Committee"), and a colon. The record prints these in
//! bold at the start of a paragraph; the caller checks the styling and hands over the text.

/// What a speaker heading says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// The heading as printed, without the final colon, whitespace squashed.
    pub heading: String,
    pub name: String,
    pub title: Option<String>,
    /// First parenthesis that is not a language note.
    pub affiliation: Option<String>,
    /// Language from "(spoke in X)", "(interpretation from X)", "(translated from X)".
    pub spoke_in: Option<String>,
    pub function: Option<String>,
    /// Byte offset in the input just after the heading's colon.
    pub end: usize,
}

/// A heading is never longer than this (the longest in the corpus is about 120 bytes).
const MAX_HEADING_BYTES: usize = 300;

const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Sir",
    "Dame",
    "Dr.",
    "Lord",
    "Lady",
    "Baroness",
    "Prince",
    "Princess",
    "Sheikh",
    "Sheikha",
    "Archbishop",
    "Monsignor",
    "Cardinal",
    "Judge",
    "Ambassador",
    "Father",
    "Rev.",
    "Mgr.",
    "The",
    "M.",
    "Mme",
];

/// Returns the language named by a note such as "spoke in French", "interpretation from Arabic" or
/// "translated from Russian"; None when the parenthesis is something else.
pub(crate) fn language_note(note: &str) -> Option<String> {
    // ASCII lower case keeps byte offsets, so a position in `lower` is one in `note`.
    let note = note.trim();
    let lower = note.to_ascii_lowercase();
    let prefixes = [
        "spoke in ",
        "interpretation from ",
        "interpretation from the ",
        "translated from ",
        "translated from the ",
        "spoke in the ",
    ];
    for prefix in prefixes {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let start = note.len() - rest.len();
            let language = note[start..].trim();
            if language.is_empty() || language.split_whitespace().count() > 2 {
                return None;
            }
            let mut chars = language.chars();
            let first = chars.next()?;
            let capitalized: String = first
                .to_uppercase()
                .chain(chars.flat_map(|c| c.to_lowercase()))
                .collect();
            return Some(capitalized);
        }
    }
    None
}

/// Parses a heading at the start of `text`. `bold_end` is the byte offset where the bold prefix of the
/// paragraph ends: the name must be bold (records set the name, sometimes the whole heading, in bold),
/// and what follows it must be parentheses, a function after a comma, and the colon. That strict shape
/// keeps a colon inside the speech itself from being taken for the end of a heading.
pub(crate) fn parse_heading(text: &str, bold_end: usize) -> Option<Heading> {
    let limit = floor_char_boundary(text, text.len().min(MAX_HEADING_BYTES));
    let scope = &text[..limit];
    let name_end = scope.find(['(', ',', ':'])?;
    if name_end > bold_end + 2 {
        return None;
    }
    let name = squash(&scope[..name_end]);
    if !plausible_name(&name) {
        return None;
    }
    let mut notes: Vec<String> = Vec::new();
    let mut function = None;
    let mut pos = name_end;
    let end;
    loop {
        let rest = &scope[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let c = trimmed.chars().next()?;
        match c {
            '(' => {
                let close = matching_paren(trimmed)?;
                notes.push(squash(&trimmed[1..close]));
                pos += close + 1;
            }
            ':' => {
                // A stray colon printed between the name and the parenthesis ("Mr. Briz Gutiérrez:
                // (Guatemala)") does not end the heading when a parenthesis follows it at once.
                let after = trimmed[1..].trim_start();
                if after.starts_with('(') && notes.is_empty() && function.is_none() {
                    pos += 1;
                    continue;
                }
                end = pos + 1;
                break;
            }
            ',' => {
                let colon = trimmed.find(':')?;
                let f = squash(&trimmed[1..colon]);
                if f.is_empty() || f.split_whitespace().count() > 14 {
                    return None;
                }
                function = Some(f);
                pos += colon;
            }
            _ => return None,
        }
    }
    let has_title = TITLES
        .iter()
        .any(|t| name.split_whitespace().next() == Some(*t));
    if !has_title && notes.is_empty() {
        return None;
    }
    let mut spoke_in = None;
    let mut affiliation = None;
    for note in &notes {
        if let Some(language) = language_note(note) {
            if spoke_in.is_none() {
                spoke_in = Some(language);
            }
        } else if affiliation.is_none() {
            affiliation = Some(note.clone());
        }
    }
    let title = name
        .split_whitespace()
        .next()
        .filter(|w| TITLES.contains(w))
        .map(str::to_owned);
    let heading = squash(text[..end - 1].trim_end());
    Some(Heading {
        heading,
        name,
        title,
        affiliation,
        spoke_in,
        function,
        end,
    })
}

fn squash(text: &str) -> String {
    crate::text::squash(text)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Byte index of the parenthesis closing the one `text` starts with.
fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A speaker's name is short, starts with a capital letter and has no digits or sentence punctuation.
fn plausible_name(name: &str) -> bool {
    let words = name.split_whitespace().count();
    let starts_upper = name.chars().next().is_some_and(|c| c.is_uppercase());
    starts_upper
        && (1..=9).contains(&words)
        && !name
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ';' | '?' | '!' | '"' | '“'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<Heading> {
        let name_end = text.find(['(', ',', ':']).unwrap_or(text.len());
        parse_heading(text, name_end)
    }

    #[test]
    fn country_and_language() {
        let h = parse("Mr. Delattre (France) (spoke in French): France welcomes").unwrap();
        assert_eq!(h.name, "Mr. Delattre");
        assert_eq!(h.title.as_deref(), Some("Mr."));
        assert_eq!(h.affiliation.as_deref(), Some("France"));
        assert_eq!(h.spoke_in.as_deref(), Some("French"));
        assert_eq!(h.heading, "Mr. Delattre (France) (spoke in French)");
        assert_eq!(
            &"Mr. Delattre (France) (spoke in French): France welcomes"[h.end..],
            " France welcomes"
        );
    }

    #[test]
    fn president_variants() {
        let h = parse("The President (spoke in Arabic): Members will").unwrap();
        assert_eq!(h.name, "The President");
        assert_eq!(h.affiliation, None);
        assert_eq!(h.spoke_in.as_deref(), Some("Arabic"));
        let h = parse("The Acting President: I now").unwrap();
        assert_eq!(h.name, "The Acting President");
        let h = parse("The PRESIDENT (translated from Russian): The").unwrap();
        assert_eq!(h.name, "The PRESIDENT");
        assert_eq!(h.spoke_in.as_deref(), Some("Russian"));
    }

    #[test]
    fn language_before_affiliation_and_no_space() {
        let h = parse("Mr. Hilale (spoke in French) (Morocco): x").unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("Morocco"));
        assert_eq!(h.spoke_in.as_deref(), Some("French"));
        let h = parse("Mr. Elaraby (Egypt)(interpretation from Arabic): x").unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("Egypt"));
        assert_eq!(h.spoke_in.as_deref(), Some("Arabic"));
    }

    #[test]
    fn function_after_comma_and_stray_colon() {
        let h = parse("Mr. Garayev (Azerbaijan), Rapporteur of the Third Committee: I").unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("Azerbaijan"));
        assert_eq!(
            h.function.as_deref(),
            Some("Rapporteur of the Third Committee")
        );
        let text = "Mr. Briz Gutiérrez: (Guatemala) (spoke in Spanish): We";
        let h = parse(text).unwrap();
        assert_eq!(h.name, "Mr. Briz Gutiérrez");
        assert_eq!(h.affiliation.as_deref(), Some("Guatemala"));
        assert_eq!(h.spoke_in.as_deref(), Some("Spanish"));
    }

    #[test]
    fn names_with_nested_parentheses_and_offices() {
        let h =
            parse("Mr. Valero Briceño (Bolivarian Republic of Venezuela) (spoke in Spanish): We")
                .unwrap();
        assert_eq!(
            h.affiliation.as_deref(),
            Some("Bolivarian Republic of Venezuela")
        );
        let text = "Mr. Llorentty Solíz (Bolivia (Plurinational State of)) (spoke in Spanish): I";
        let h = parse(text).unwrap();
        assert_eq!(
            h.affiliation.as_deref(),
            Some("Bolivia (Plurinational State of)")
        );
        let h = parse("Ms. Sharma (Department for General Assembly and Conference Management): x")
            .unwrap();
        assert_eq!(
            h.affiliation.as_deref(),
            Some("Department for General Assembly and Conference Management")
        );
        let h = parse("Sir John Weston (United Kingdom): x").unwrap();
        assert_eq!(h.title.as_deref(), Some("Sir"));
        let h = parse("Mahmoud FAWZI Bey (Egypt): x").unwrap();
        assert_eq!(h.title, None);
        assert_eq!(h.name, "Mahmoud FAWZI Bey");
    }

    #[test]
    fn rejects_non_headings() {
        assert!(parse("Agenda item 13").is_none());
        assert!(parse("Draft resolution (A/64/L.72)").is_none());
        assert!(parse("In favour:").is_none());
        assert!(parse("Adoption of the agenda").is_none());
        // The bold part ends long before the name would: not a heading.
        let text = "The situation in the Central African Republic and the region as a whole: x";
        assert!(parse_heading(text, 10).is_none());
        // Speech text after the colon is not part of the grammar.
        assert!(parse_heading("Mr. Blok said that (in his view) things: x", 8).is_none());
    }
}
