//! Text-level rules shared by the stages: reflowing the lines of a paragraph (hyphenation, soft hyphens,
//! dashes) and repairing letter-spaced words. Pure functions on strings.

use std::collections::BTreeSet;

/// English month names, as records print dates ("13 December 2018").
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What is known about hyphenated words elsewhere in the document, to decide whether a line-end hyphen
/// belongs to the word ("Secretary-General") or only to the line break ("recon-ciliation").
#[derive(Debug, Clone, Default)]
pub struct HyphenContext {
    /// Lower-cased words seen with an inner hyphen in the document, e.g. "peace-building".
    pub hyphenated_words: BTreeSet<String>,
}

impl HyphenContext {
    /// Collects every inner-hyphen word (letters on both sides of the hyphen, not at a line end) from
    /// the given lines.
    pub fn from_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> Self {
        let mut hyphenated_words = BTreeSet::new();
        for line in lines {
            let words: Vec<&str> = line.split_whitespace().collect();
            let last = words.len().saturating_sub(1);
            for (idx, word) in words.iter().enumerate() {
                let word = trim_punctuation(word);
                if idx == last && word.ends_with('-') {
                    continue;
                }
                if word.contains('-')
                    && word
                        .split('-')
                        .all(|part| part.chars().any(char::is_alphabetic))
                {
                    hyphenated_words.insert(word.to_lowercase());
                }
            }
        }
        HyphenContext { hyphenated_words }
    }
}

/// Prefixes that keep their hyphen when a line breaks after them ("self-" + "determination").
const KEPT_PREFIXES: &[&str] = &[
    "self", "non", "co", "ex", "well", "so", "anti", "inter", "multi", "post", "pre", "re", "semi",
    "cross", "counter", "vice", "pro", "socio", "long", "short", "high", "low", "full", "all",
    "half", "quasi", "neo", "ultra", "extra", "sub", "super", "mid", "war", "peace", "state",
    "follow",
];

/// Prefixes that keep their hyphen only before a vowel ("re-elected", "co-operation"), where the
/// unhyphenated spelling would read differently.
const VOWEL_ONLY_PREFIXES: &[&str] = &["re", "co", "pre", "de"];

fn trim_punctuation(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

/// Joins the lines of one paragraph with single spaces, resolving line-end hyphens, soft hyphens and
/// dashes. See [`join_lines_with`] for the rules.
pub fn join_lines(lines: &[&str]) -> String {
    join_lines_with(lines, &HyphenContext::default())
}

/// Joins the lines of one paragraph:
/// - whitespace is collapsed to single spaces and trimmed;
/// - a soft hyphen (U+00AD) at a line end is a hyphenation point: the parts are joined without it; soft
///   hyphens elsewhere are removed;
/// - a line ending with a hyphen is joined to the next without a space; the hyphen is kept when the next
///   part starts with an upper-case letter or a digit, when the first part is a known prefix
///   ("self-", "non-", "re-" before a vowel...), or when the joined word was seen hyphenated elsewhere
///   in the document (`context`); otherwise it is dropped ("recon-" + "ciliation");
/// - a line ending with an em dash attached to its word ("peace—") is joined without a space; a spaced
///   dash (" —", the UN house style) keeps the space.
pub fn join_lines_with(lines: &[&str], context: &HyphenContext) -> String {
    let mut out = String::new();
    for line in lines {
        let cleaned = collapse_whitespace(line);
        if cleaned.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(&cleaned);
            continue;
        }
        if out.ends_with('\u{00AD}') {
            out.pop();
            out.push_str(&cleaned);
        } else if out.ends_with('-') && !out.ends_with("--") && ends_with_word_hyphen(&out) {
            if !keep_hyphen(&out, &cleaned, context) {
                out.pop();
            }
            out.push_str(&cleaned);
        } else if out.ends_with('—') && !out.ends_with(" —") {
            // An unspaced dash ("peace—" + "and") stays unspaced; a spaced one keeps its space.
            out.push_str(&cleaned);
        } else {
            out.push(' ');
            out.push_str(&cleaned);
        }
    }
    // Soft hyphens inside a line carry no text.
    if out.contains('\u{00AD}') {
        out = out.replace('\u{00AD}', "");
    }
    out
}

/// Collapses runs of whitespace into one space and trims both ends.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when the text ends with a letter or digit followed by a hyphen (a word or number range broken at
/// the line end), not a lone dash.
fn ends_with_word_hyphen(s: &str) -> bool {
    let mut chars = s.chars().rev();
    chars.next();
    chars.next().is_some_and(char::is_alphanumeric)
}

fn keep_hyphen(before: &str, after: &str, context: &HyphenContext) -> bool {
    let Some(next) = after.chars().next() else {
        return true;
    };
    if next.is_uppercase() || next.is_ascii_digit() {
        return true;
    }
    if !next.is_alphabetic() {
        return true;
    }
    let first_part = before[..before.len() - 1]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let first_part = first_part
        .rsplit('-')
        .next()
        .unwrap_or(first_part)
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let second_part: String = after
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    let whole_prefix = before[..before.len() - 1]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let joined = format!("{whole_prefix}-{second_part}");
    if context.hyphenated_words.contains(&joined) {
        return true;
    }
    if VOWEL_ONLY_PREFIXES.contains(&first_part.as_str()) {
        return "aeiou".contains(next.to_ascii_lowercase());
    }
    KEPT_PREFIXES.contains(&first_part.as_str())
}

/// Rejoins letter-spaced words ("M a u r i t a n i a" -> "Mauritania"): a stretch of four or more
/// single letters separated by single spaces is one word, except that an upper-case letter after a
/// lower-case one starts a new word ("o f M a l i" -> "of Mali"). Stretches of fewer than four letters
/// are left alone, so real one-letter words ("a", "I") are never glued to their neighbours.
pub fn repair_letter_spacing(text: &str) -> String {
    if !text.contains(' ') {
        return text.to_string();
    }
    let tokens: Vec<&str> = text.split(' ').collect();
    let is_letter = |t: &str| {
        let mut chars = t.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    };
    let mut out = String::with_capacity(text.len());
    let mut idx = 0;
    while idx < tokens.len() {
        let mut end = idx;
        while end < tokens.len() && is_letter(tokens[end]) {
            end += 1;
        }
        // A trailing token of letters with punctuation ("a," in "C h i n a ,") is not handled: the
        // stretch ends at the last single letter.
        if end - idx >= 4 {
            if !out.is_empty() {
                out.push(' ');
            }
            let mut prev_lower = false;
            for (n, token) in tokens[idx..end].iter().enumerate() {
                let c = token.chars().next().unwrap_or(' ');
                if n > 0 && prev_lower && c.is_uppercase() {
                    out.push(' ');
                }
                out.push(c);
                prev_lower = c.is_lowercase();
            }
            idx = end;
        } else {
            if !out.is_empty() || idx > 0 {
                out.push(' ');
            }
            out.push_str(tokens[idx]);
            idx += 1;
        }
    }
    out
}

/// True when the whole text is one letter-spaced word: two or more single letters separated by single
/// spaces ("o f", "a n d", "K i n g d o m").
pub fn is_letter_spaced_word(text: &str) -> bool {
    let mut tokens = 0;
    for token in text.split(' ') {
        let mut chars = token.chars();
        if !matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic()) {
            return false;
        }
        tokens += 1;
    }
    tokens >= 2
}

/// Rejoins the text of one drawn run. Justified lines of the early 1990s are drawn a word per run with
/// the letters spaced out ("K i n g d o m" "o f" "G r e a t"); on such a line a run that is one
/// letter-spaced word is a word even when it is short ("o f", "a n d"), which
/// [`repair_letter_spacing`] alone must leave apart. `line_letter_spaced` says whether another run of
/// the line is a letter-spaced word of four letters or more.
pub fn repair_run_letter_spacing(text: &str, line_letter_spaced: bool) -> String {
    if line_letter_spaced && is_letter_spaced_word(text) {
        return text.split(' ').collect();
    }
    repair_letter_spacing(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_from_the_brief() {
        assert_eq!(join_lines(&["recon-", "ciliation"]), "reconciliation");
        assert_eq!(
            join_lines(&["the Secretary-", "General said"]),
            "the Secretary-General said"
        );
        assert_eq!(
            join_lines(&["self-", "determination"]),
            "self-determination"
        );
        assert_eq!(join_lines(&["re-", "elected"]), "re-elected");
        assert_eq!(join_lines(&["re-", "mained"]), "remained");
        assert_eq!(join_lines(&["a long", "line"]), "a long line");
        assert_eq!(
            join_lines(&["peace and —", "above all"]),
            "peace and — above all"
        );
        assert_eq!(join_lines(&["peace—", "above all"]), "peace—above all");
        assert_eq!(join_lines(&["hyphen\u{ad}", "ation"]), "hyphenation");
        assert_eq!(repair_letter_spacing("M a u r i t a n i a"), "Mauritania");
        assert_eq!(repair_letter_spacing("I am a man"), "I am a man");
        assert_eq!(repair_letter_spacing("o f M a l i"), "of Mali");
        // Short words are joined only as whole runs of a letter-spaced line.
        assert_eq!(repair_run_letter_spacing("o f", true), "of");
        assert_eq!(repair_run_letter_spacing("a n d", true), "and");
        assert_eq!(repair_run_letter_spacing("a n d", false), "a n d");
        assert_eq!(repair_run_letter_spacing("I am a man", true), "I am a man");
        assert!(is_letter_spaced_word("K i n g d o m"));
        assert!(!is_letter_spaced_word("Kingdom"));
        assert!(!is_letter_spaced_word("a"));
    }

    #[test]
    fn context_keeps_hyphens_seen_elsewhere() {
        let context = HyphenContext::from_lines(["the peace-building process", "peace-"]);
        assert!(context.hyphenated_words.contains("peace-building"));
        assert_eq!(
            join_lines_with(&["of peace-", "building"], &context),
            "of peace-building"
        );
        let context = HyphenContext::from_lines(["well-known facts"]);
        assert_eq!(
            join_lines_with(&["a counter-", "part"], &context),
            "a counter-part"
        );
    }
}
