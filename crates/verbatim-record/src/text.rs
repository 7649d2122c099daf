//! Small text rules the record stage needs: whitespace normalization, joining wrapped lines into a
//! paragraph (with verbatim-layout's reflow rules), and reading numbers, clock times and dates.

use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::text::{HyphenContext, join_lines_with};

/// Collapses runs of whitespace (including the double spaces some text layers carry) into one space and
/// trims the ends.
pub(crate) fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Appends one wrapped line to a paragraph being rebuilt, with the layout stage's reflow rules (line-end
/// hyphens kept in compounds and names, dropped in broken words; dashes; soft hyphens). `context` holds
/// the words the document prints hyphenated elsewhere, which settles "seventy-" + "seventh".
pub(crate) fn push_line_with(paragraph: &mut String, line: &str, context: &HyphenContext) {
    if paragraph.is_empty() {
        *paragraph = squash(line);
        return;
    }
    // Only the paragraph's last two words take part in the join (a line-end hyphen or a spaced dash),
    // so the paragraph is not rescanned for every line it grows by.
    let tail_start = paragraph
        .rmatch_indices(' ')
        .nth(1)
        .map_or(0, |(i, _)| i + 1);
    let joined = join_lines_with(&[&paragraph[tail_start..], line], context);
    paragraph.truncate(tail_start);
    paragraph.push_str(&joined);
    // The join drops soft hyphens as carrying no text, but one at the end of the new line is the
    // hyphenation point the next line's join needs ("repre\u{ad}" + "sentative's").
    if line.trim_end().ends_with('\u{00AD}') && !paragraph.ends_with('\u{00AD}') {
        paragraph.push('\u{00AD}');
    }
}

/// [`push_line_with`] without knowledge of the document.
pub(crate) fn push_line(paragraph: &mut String, line: &str) {
    push_line_with(paragraph, line, &HyphenContext::default());
}

/// Joins wrapped lines into one paragraph string.
pub(crate) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let lines: Vec<&str> = lines.into_iter().collect();
    join_lines_with(&lines, &HyphenContext::default())
}

/// Number of characters that carry text (whitespace excluded), the unit of coverage.
pub(crate) fn text_chars(text: &str) -> u64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as u64
}

/// Parses an English number word or digits ("13", "thirteen", "none", "one") as printed in vote results.
/// The session number a cover spells out: "Sixty-fourth session" -> 64, "FORTY-EIGHTH SESSION" -> 48,
/// "Fiftieth session" -> 50, "First session" -> 1. The first such phrase in the text.
pub(crate) fn session_in_words(text: &str) -> Option<u32> {
    const UNITS: &[(&str, u32)] = &[
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fourth", 4),
        ("fifth", 5),
        ("sixth", 6),
        ("seventh", 7),
        ("eighth", 8),
        ("ninth", 9),
        ("tenth", 10),
        ("eleventh", 11),
        ("twelfth", 12),
        ("thirteenth", 13),
        ("fourteenth", 14),
        ("fifteenth", 15),
        ("sixteenth", 16),
        ("seventeenth", 17),
        ("eighteenth", 18),
        ("nineteenth", 19),
        ("twentieth", 20),
        ("thirtieth", 30),
        ("fortieth", 40),
        ("fiftieth", 50),
        ("sixtieth", 60),
        ("seventieth", 70),
        ("eightieth", 80),
        ("ninetieth", 90),
    ];
    const TENS: &[(&str, u32)] = &[
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
        ("fifty", 50),
        ("sixty", 60),
        ("seventy", 70),
        ("eighty", 80),
        ("ninety", 90),
    ];
    static SESSION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)([a-z]+)(?:-([a-z]+))?\s+session").expect("valid regex"));
    let lower = text.to_lowercase();
    for c in SESSION.captures_iter(&lower) {
        let first = &c[1];
        let value = match c.get(2) {
            Some(unit) => {
                // "ASSEMBLYFORTY-EIGHTH": the tens word may be glued to the word before it.
                let tens = TENS
                    .iter()
                    .find(|(w, _)| first.ends_with(w))
                    .map(|(_, n)| *n);
                let unit = UNITS
                    .iter()
                    .find(|(w, n)| *w == unit.as_str() && *n < 10)
                    .map(|(_, n)| *n);
                tens.zip(unit).map(|(t, u)| t + u)
            }
            None => UNITS
                .iter()
                .find(|(w, _)| first.ends_with(w))
                .map(|(_, n)| *n),
        };
        if value.is_some() {
            return value;
        }
    }
    None
}

/// Verbs in their base form that follow the pronoun "I" in the formulas of a speech ("May I take it",
/// "Before I deliver", "I thank"): after a singular noun and its number ("Phase 1 takes") they would take
/// an "-s", so before one of them a lone "1" inside a sentence is the pronoun.
const BASE_VERBS_AFTER_PRONOUN: &[&str] = &[
    "am",
    "believe",
    "call",
    "congratulate",
    "deliver",
    "give",
    "hope",
    "invite",
    "take",
    "thank",
    "think",
    "trust",
    "wish",
];

/// Modal verbs: a lone "T" (never a word of prose) is the pronoun before them too ("T would like"); a
/// "1" is not, since "Phase 1 will begin" is a number.
const MODALS_AFTER_PRONOUN: &[&str] =
    &["can", "cannot", "must", "shall", "should", "will", "would"];

/// Reads the pronoun "I" where an OCR engine printed it as "1", "|", "l", "]" or "I]" ("1 shall now
/// call on ..."): a lone such token that opens a sentence and is followed by a word in lower case. A
/// number never opens a sentence of a record (they are spelled out there), so born-digital text is left
/// as it is. Inside a sentence the marks that are never words ("|", "[", "]", "l") are read so before a
/// word in lower case, "1" only before a base-form verb that follows the pronoun ("May 1 take it") and
/// "T" also before a modal ("T would like"), so "paragraph 1 of" and "Phase 1 will begin" stay. Returns the text and how many tokens were read so.
pub(crate) fn repair_ocr_pronoun(text: &str) -> (String, usize) {
    let tokens: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(tokens.len());
    let mut repaired = 0;
    for (k, token) in tokens.iter().enumerate() {
        let sentence_start = k == 0
            || tokens[k - 1].ends_with(['.', ':', '?', '!'])
            || tokens[k - 1].ends_with(".\u{201d}");
        let next_lower = tokens
            .get(k + 1)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_lowercase);
        let next_word = tokens
            .get(k + 1)
            .map_or("", |w| w.trim_end_matches([',', '.', ';', ':']));
        let next_base_verb = BASE_VERBS_AFTER_PRONOUN.contains(&next_word);
        let next_modal = MODALS_AFTER_PRONOUN.contains(&next_word);
        let at_start = sentence_start
            && next_lower
            && matches!(*token, "1" | "|" | "l" | "]" | "I]" | "[" | "!" | "T");
        let inside = !sentence_start
            && ((next_lower && matches!(*token, "|" | "l" | "]" | "["))
                || (next_base_verb && matches!(*token, "1" | "T"))
                || (next_modal && *token == "T"));
        if at_start || inside {
            out.push("I");
            repaired += 1;
        } else {
            out.push(token);
        }
    }
    (out.join(" "), repaired)
}

pub(crate) fn number_word(word: &str) -> Option<u32> {
    let w = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    let n = match w.as_str() {
        "none" | "no" | "zero" | "nil" => 0,
        "one" | "a" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        _ => return None,
    };
    Some(n)
}

/// Converts a printed clock time ("3.10 p.m.", "10 a.m.", "noon", "12.30 p.m.") into 24-hour "HH:MM".
pub(crate) fn clock_24h(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    if t.starts_with("noon") {
        return Some("12:00".to_owned());
    }
    if t.starts_with("midnight") {
        return Some("00:00".to_owned());
    }
    let digits_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ':'))
        .unwrap_or(t.len());
    let clock = t[..digits_end].trim_end_matches('.');
    let rest = t[digits_end..].trim_start();
    let (hour, minute) = match clock.split_once(['.', ':']) {
        Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None => (clock.parse::<u32>().ok()?, 0),
    };
    if hour == 0 || hour > 12 || minute > 59 {
        return None;
    }
    let pm = if rest.starts_with("p.m") || rest.starts_with("pm") {
        true
    } else if rest.starts_with("a.m") || rest.starts_with("am") {
        false
    } else {
        return None;
    };
    let hour24 = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, true) => h + 12,
        (h, false) => h,
    };
    Some(format!("{hour24:02}:{minute:02}"))
}

/// Month name (any letter case) -> month number.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    crate::MONTH_NAMES
        .iter()
        .position(|m| m.eq_ignore_ascii_case(word))
        .map(|i| i as u32 + 1)
}

/// Finds the first "13 December 2018" (day month year) in `text` and returns it as ISO "2018-12-13".
pub(crate) fn find_date(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    for window in words.windows(3) {
        let day = window[0].trim_end_matches('.');
        let Ok(day) = day.parse::<u32>() else {
            continue;
        };
        let Some(month) = month_number(window[1]) else {
            continue;
        };
        let year = window[2].trim_end_matches(['.', ')', ';', ':']);
        let Ok(year) = year.parse::<u32>() else {
            continue;
        };
        if (1..=31).contains(&day) && (1940..=2100).contains(&year) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_hyphenated_words_but_keeps_compounds() {
        assert_eq!(
            join_lines(["recon-", "ciliation now"]),
            "reconciliation now"
        );
        assert_eq!(
            join_lines(["the Secretary-", "General said"]),
            "the Secretary-General said"
        );
        assert_eq!(join_lines(["resolution ES-", "11/1"]), "resolution ES-11/1");
        assert_eq!(join_lines(["the Union —", "first"]), "the Union — first");
        let mut context = HyphenContext::default();
        context
            .hyphenated_words
            .insert("seventy-seventh".to_owned());
        let mut p = "its seventy-".to_owned();
        push_line_with(&mut p, "seventh session", &context);
        assert_eq!(p, "its seventy-seventh session");
        assert_eq!(join_lines(["a  b ", " c"]), "a b c");
    }

    #[test]
    fn converts_clock_times() {
        assert_eq!(clock_24h("3.10 p.m.").as_deref(), Some("15:10"));
        assert_eq!(clock_24h("10.25 a.m.").as_deref(), Some("10:25"));
        assert_eq!(clock_24h("3 p.m.").as_deref(), Some("15:00"));
        assert_eq!(clock_24h("12.30 p.m.").as_deref(), Some("12:30"));
        assert_eq!(clock_24h("1.15 p.m.").as_deref(), Some("13:15"));
        assert_eq!(clock_24h("12 midnight").as_deref(), None);
        assert_eq!(clock_24h("13.10 p.m."), None);
    }

    #[test]
    fn finds_cover_dates() {
        assert_eq!(
            find_date("Thursday, 13 December 2018, 3 p.m.").as_deref(),
            Some("2018-12-13")
        );
        assert_eq!(
            find_date("492nd MEETING: 29 AUGUST 1950").as_deref(),
            Some("1950-08-29")
        );
        assert_eq!(find_date("at its 2nd plenary meeting"), None);
    }

    #[test]
    fn reads_number_words() {
        assert_eq!(number_word("13"), Some(13));
        assert_eq!(number_word("none"), Some(0));
        assert_eq!(number_word("two"), Some(2));
        assert_eq!(number_word("many"), None);
    }

    #[test]
    fn soft_hyphen_survives_while_a_paragraph_grows() {
        // The line ending with the hyphenation point is joined to the paragraph first; the point must
        // still be there when the next line comes.
        let mut paragraph = String::from("what is the United");
        push_line(&mut paragraph, "Kingdom repre\u{ad}");
        push_line(&mut paragraph, "sentative's actual proposal?");
        assert_eq!(
            paragraph,
            "what is the United Kingdom representative's actual proposal?"
        );
    }
}

#[cfg(test)]
mod ocr_tests {
    use super::*;

    #[test]
    fn pronoun_read_where_ocr_printed_a_digit() {
        assert_eq!(
            repair_ocr_pronoun("1 shall now call on him. | thank you."),
            ("I shall now call on him. I thank you.".to_owned(), 2)
        );
        // Numbers inside a sentence, and before capitals, stay.
        assert_eq!(
            repair_ocr_pronoun("paragraph 1 of the text. 1 January").1,
            0
        );
        // Inside a sentence: the marks that are never words, and "1" or "T" before a verb of the
        // formulas; a number before a noun stays.
        assert_eq!(
            repair_ocr_pronoun("May | take it that 1 thank, as T would like, annex 1 of").0,
            "May I take it that I thank, as I would like, annex 1 of"
        );
        assert_eq!(
            repair_ocr_pronoun(
                "Before 1 deliver it, resolution 1 was adopted; Phase 1 will begin."
            )
            .0,
            "Before I deliver it, resolution 1 was adopted; Phase 1 will begin."
        );
        assert_eq!(session_in_words("Sixty-fourth session"), Some(64));
        assert_eq!(session_in_words("ASSEMBLYFORTY-EIGHTH SESSION"), Some(48));
        assert_eq!(session_in_words("Fiftieth session"), Some(50));
        assert_eq!(session_in_words("the session"), None);
    }
}
