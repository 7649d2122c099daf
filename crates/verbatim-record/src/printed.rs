//! The printed Official Records of the early years (the 1950 corpus record): scanned pages with a poor
//! OCR text layer, English in the left column and the French translation in the right one.
//!
//! Speaker headings there are not bold but set in capitals and small capitals ("The PRESIDENT
//! (translated from Russian):", "Mr. AUSTIN (United States of America):"), and the OCR garbles them
//! ("The l'RESIIJEXT (transla./('d fro/ll NI/ssiall)"). This module reads such headings leniently and
//! repairs what can be repaired from the rest of the record: a garbled country by its closeness to the
//! countries present, a garbled name by the name the same delegation's clean headings print.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::Line;

use crate::LineFate;
use crate::countries;
use crate::heading::Heading;
use crate::model::{Diagnostic, Proceeding, ProceedingKind, Severity};

static PRINTED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>.{2,45}?)\s*[({](?P<p1>[^)}:]{2,60})[)}]\s*(?:[({](?P<p2>[^)}:]{2,60})[)}]\s*)?:",
    )
    .expect("valid regex")
});

/// A Security Council document symbol as the OCR prints it: "Sjl715", "[S11715]", "SI1716", "Sj1722",
/// "S/17l6", "[5/1703]" (the slash read as "j", "I", "l" or "1", a "1" read as "l" or "I", the "S" as
/// "5"). The 1950 series numbers its documents S/1 to S/1999.
static OCR_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<pre>^|[^A-Za-z0-9/])(?P<s>[S5])(?P<slash>[/jJiIl1])(?P<num>[1lI][0-9lI]{3})(?P<post>[^A-Za-z0-9]|$)")
        .expect("valid regex")
});
/// "S/Agenda 492" with its slash misread ("Si Agenda 492", "S/ Agenda 492").
static OCR_AGENDA_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[S5][/ji]\s?Agenda (?P<num>\d{1,4})\b").expect("valid regex"));

const LANGUAGES: &[&str] = &[
    "Russian", "French", "Spanish", "Chinese", "Arabic", "English",
];

/// Reads a heading of the printed series. `countries_present` are the names of the "Present:" list, for
/// repairing a garbled affiliation.
///
/// The OCR puts stray brackets into names and notes ("Sir (;la(I\\')'n JEHll (United Kingdom) :",
/// "(trallslat('d fram Russi01I)", "((~hina)"), so the name may hold any character and a
/// note anything but a closing bracket or a colon; the regex's lazy name then settles on the last
/// bracketed note before the colon.
pub(crate) fn parse_printed_heading(text: &str, countries_present: &[String]) -> Option<Heading> {
    let c = PRINTED_HEADING.captures(text)?;
    let raw_name = crate::text::squash(&c["name"]);
    let name = raw_name
        .trim_start_matches(|ch: char| !ch.is_alphanumeric())
        .to_owned();
    let words = name.split_whitespace().count();
    if !(1..=5).contains(&words) {
        return None;
    }
    // A heading name is set in capitals: at least one run of two or more upper-case letters, or it is
    // "The President" in some garbled form.
    let caps = name
        .split(|ch: char| !ch.is_alphabetic())
        .any(|w| w.chars().filter(|ch| ch.is_uppercase()).count() >= 2);
    let president = looks_like_president(&name);
    let mut spoke_in = None;
    let mut affiliation = None;
    for note in [c.name("p1"), c.name("p2")].into_iter().flatten() {
        let note = crate::text::squash(note.as_str().trim_start_matches(['(', '{']));
        if let Some(language) = translated_from(&note) {
            spoke_in.get_or_insert(language);
        } else if president {
            // The President's heading prints no country, only the translation note: an unreadable
            // note is still that note (its language is settled from his other headings, in assemble).
        } else if affiliation.is_none() {
            affiliation = Some(repair_country(&note, countries_present));
        }
    }
    // A name the OCR garbled beyond its capitals ("~.ff T~lf,\";f, ((~hina):") is still a heading
    // when its parenthesis is one of the countries present: a delegation named at the start of a
    // paragraph and followed by a colon is how the record introduces a speaker.
    let present = affiliation
        .as_ref()
        .is_some_and(|a| countries_present.iter().any(|c| c == a));
    if !caps && !president && !present {
        return None;
    }
    let end = c.get(0).map_or(0, |m| m.end());
    let name = if president {
        "The President".to_owned()
    } else {
        small_caps_to_normal(&repair_title(&name))
    };
    let title = name
        .split_whitespace()
        .next()
        .filter(|w| ["Mr.", "Sir", "Mrs.", "The"].contains(w))
        .map(str::to_owned);
    Some(Heading {
        heading: crate::text::squash(text[..end - 1].trim_end()),
        name,
        title,
        affiliation,
        spoke_in,
        function: None,
        end,
    })
}

/// "The PRESIDENT" as the OCR prints it: "The l'RESIIJEXT", "l'hl' l'IŒS1IlE:\T", "The PRBSIDENT". In
/// the printed series only the President (and the Secretary-General) are headed "The ...", so a
/// two-word "The" heading that is not the Secretary-General is the President, however garbled.
fn looks_like_president(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() != 2 {
        return false;
    }
    let first = words[0].to_lowercase();
    let the = first == "the"
        || first.starts_with("th")
        || first.starts_with("l'h")
        || dice(&first, "the") >= 0.5;
    let rest = words[1].to_uppercase();
    the && dice(&rest, "SECRETARY-GENERAL") < 0.5
}

/// The title of a garbled heading: "ML QUEVEDO" is "Mr. QUEVEDO", "~ir Benegal" is "Sir Benegal".
fn repair_title(name: &str) -> String {
    let Some((first, rest)) = name.split_once(' ') else {
        return name.to_owned();
    };
    let title = match first {
        "Mr." | "Sir" | "Mrs." => return name.to_owned(),
        "ML" | "Mr" | "M1." | "Mr," | "l1r." | "~lr." => "Mr.",
        f if f.len() <= 4 && f.ends_with("ir") => "Sir",
        _ => return name.to_owned(),
    };
    format!("{title} {rest}")
}

/// The language of "(translated from Russian)" and its garbled forms ("(trallslatcd frolll Russiall)",
/// "(l1'll1ls/atl'd frolll RussùlII)"): a note whose last word is close to a language name and which
/// has something of "translated from" before it.
fn translated_from(note: &str) -> Option<String> {
    let lower = note.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (last, before) = words.split_last()?;
    let before = before.join(" ");
    let translation_words = ["slat", "trans", "tra", "fro", "fr", "om"];
    if before.is_empty() || !translation_words.iter().any(|w| before.contains(w)) {
        return None;
    }
    LANGUAGES
        .iter()
        .map(|l| (dice(last, &l.to_lowercase()), *l))
        .filter(|(score, _)| *score >= 0.3)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, l)| l.to_owned())
}

/// A country name as printed if it is one; otherwise the closest of the countries present (the OCR's
/// "L~nited States of America" is "United States of America").
pub(crate) fn repair_country(note: &str, countries_present: &[String]) -> String {
    if countries::is_country(note) {
        return note.to_owned();
    }
    let best = countries_present
        .iter()
        .map(|c| (dice(&note.to_lowercase(), &c.to_lowercase()), c))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, country)) if score >= 0.6 => country.clone(),
        _ => closest_by_ocr(note, countries_present).unwrap_or_else(|| note.to_owned()),
    }
}

/// The country present that a garbled name ("cuha", "ll1l1ia") is by the OCR's confusions, when one is
/// clearly the closest: at most 0.7 changes per letter of the name, and at least one change fewer
/// than the next country. Letter pairs (Dice) miss a name whose every other letter is misread; the OCR's
/// confusions ("h" for "b", "1" for "l") do not.
fn closest_by_ocr(printed: &str, countries_present: &[String]) -> Option<String> {
    let printed = printed.trim().to_lowercase();
    if printed.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return None;
    }
    let mut scored: Vec<(f64, &String)> = countries_present
        .iter()
        .map(|c| (crate::vocab::ocr_distance(&printed, &c.to_lowercase()), c))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    match scored.as_slice() {
        [(best, country), rest @ ..] => {
            let letters = country.chars().filter(|c| c.is_alphabetic()).count() as f64;
            let clear = rest.first().is_none_or(|(second, _)| second - best >= 1.0);
            (*best <= 0.7 * letters && clear).then(|| (*country).clone())
        }
        [] => None,
    }
}

/// Splits a vote list of the printed series into the countries present. The OCR misreads commas and
/// full stops and puts them inside names ("Union of ~lI\\'il,t ~ol'ialist RqJllhlics"), so the list is cut
/// at every comma and full stop and the pieces are joined back, from the left, into the run of one to
/// four pieces that is most like a country present (Dice >= 0.45, about as long). A piece like none is kept as printed.
pub(crate) fn split_garbled_list(list: &str, countries_present: &[String]) -> Vec<String> {
    let pieces: Vec<&str> = list
        .split([',', '.', ';'])
        .map(str::trim)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < pieces.len() {
        let mut best: Option<(f64, usize, &String)> = None;
        for m in 1..=4.min(pieces.len() - k) {
            let joined = pieces[k..k + m].join(" ").to_lowercase();
            for country in countries_present {
                // Only a run about as long as the name: "ll1l1ia, Norway" is not "Norway".
                let (n, c) = (
                    joined.chars().count() as f64,
                    country.chars().count() as f64,
                );
                if n < 0.7 * c || n > 1.4 * c {
                    continue;
                }
                let score = dice(&joined, &country.to_lowercase());
                if score >= 0.45 && best.is_none_or(|(b, _, _)| score > b) {
                    best = Some((score, m, country));
                }
            }
        }
        match best {
            Some((_, m, country)) => {
                out.push(country.clone());
                k += m;
            }
            None => {
                out.push(pieces[k].to_owned());
                k += 1;
            }
        }
    }
    out
}

/// Dice coefficient of the character bigrams of two strings: 1.0 for equal strings, near 0 for unrelated.
pub(crate) fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        out.sort_unstable();
        out
    };
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (x.len() + y.len()) as f64
}

/// Repairs the OCR's commonest confusions in English text, word by word, where the misread form cannot
/// be an English word: the pronoun "I" read as "l" or "1" ("l shall", "1 am"); "ll" read as "H" or "U"
/// after lower-case letters ("shaH", "caU"); "l" read as "I" after a lower-case letter ("proposaI");
/// "W" read as "\\V" ("\\Ve"); "In", "It", "If", "Is" read with a lower-case "l"; "to" read as "ta".
pub(crate) fn repair_ocr(text: &str) -> String {
    let text = repair_symbols(text);
    let text = repair_pronoun(&text);
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&repair_word(word));
    }
    out
}

/// Rewrites the OCR's forms of document symbols ("Sjl715", "[5/1703]", "Si Agenda 492") as printed
/// ("S/1715", "[S/1703]", "S/Agenda 492"). A "5" is read as an "S" only before a real slash, so a
/// number such as "511715" is left alone.
pub(crate) fn repair_symbols(text: &str) -> String {
    let text = OCR_SYMBOL.replace_all(text, |c: &regex::Captures<'_>| {
        let whole = c[0].to_owned();
        if &c["s"] == "5" && &c["slash"] != "/" {
            return whole;
        }
        let num: String = c["num"]
            .chars()
            .map(|ch| if ch == 'l' || ch == 'I' { '1' } else { ch })
            .collect();
        format!("{}S/{num}{}", &c["pre"], &c["post"])
    });
    OCR_AGENDA_SYMBOL
        .replace_all(&text, |c: &regex::Captures<'_>| {
            format!("S/Agenda {}", &c["num"])
        })
        .into_owned()
}

fn repair_word(word: &str) -> String {
    let core_end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (core, trail) = word.split_at(core_end);
    let fixed = match core {
        "ln" => "In".to_owned(),
        "lt" => "It".to_owned(),
        "lf" => "If".to_owned(),
        "ls" => "Is".to_owned(),
        "ta" => "to".to_owned(),
        _ => {
            let mut w = core.replace("\\V", "W").replace("\\v", "w");
            // "I" between lower-case letters is an "l" ("WiIl" -> "Will").
            let chars: Vec<char> = w.chars().collect();
            let chars: Vec<char> = (0..chars.len())
                .map(|k| {
                    let inner = k > 0 && k + 1 < chars.len();
                    if inner
                        && chars[k] == 'I'
                        && chars[k - 1].is_lowercase()
                        && chars[k + 1].is_lowercase()
                    {
                        'l'
                    } else {
                        chars[k]
                    }
                })
                .collect();
            w = chars.iter().collect();
            let n = chars.len();
            // Two letters are enough for "aH" ("all"): no English word is one small letter and a
            // capital.
            if n >= 2 && chars[..n - 1].iter().all(|c| c.is_lowercase()) {
                match chars[n - 1] {
                    'H' | 'U' => {
                        w = chars[..n - 1].iter().collect::<String>() + "ll";
                    }
                    'I' => {
                        w = chars[..n - 1].iter().collect::<String>() + "l";
                    }
                    _ => {}
                }
            }
            w
        }
    };
    fixed + trail
}

/// The pronoun "I" read as "l" or "1" ("l shall", "1 am"). A lone "l" is never an English word; a lone
/// "1" before a lower-case word is the pronoun.
fn repair_pronoun(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let next_lower = words
            .get(i + 1)
            .and_then(|w| w.chars().next())
            .is_some_and(|c| c.is_lowercase());
        if *word == "l" || (*word == "1" && next_lower) {
            out.push('I');
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Writes the small capitals of a printed name in normal case ("Mr. J. MALIK" -> "Mr. J. Malik", "The
/// PRESIDENT" -> "The President"): the capitals are the typeface, not the spelling.
pub(crate) fn small_caps_to_normal(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let all_caps = letters >= 2
                && word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| c.is_uppercase());
            if !all_caps {
                return word.to_owned();
            }
            let mut out = String::with_capacity(word.len());
            let mut first = true;
            for c in word.chars() {
                if c.is_alphabetic() {
                    if first {
                        out.push(c);
                    } else {
                        out.extend(c.to_lowercase());
                    }
                    first = false;
                } else {
                    out.push(c);
                    // "FAWZI-BEY" -> "Fawzi-Bey".
                    first = c == '-';
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A heading of the French column: a name with capitals, then its delegation in brackets ("Sir
/// Benegal N, HAl.' (Inde) (traduit de l'aJlglais);"). The punctuation after it is left open: the OCR
/// reads its colon as a semicolon as often as not.
static TRANSLATION_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[^()]{2,45}?)\s*\((?P<country>[^)]{2,40})\)").expect("valid regex")
});

/// Rebuilds a speaker's name that every English heading of a scanned record garbles ("Sir Helll'gal ~.
/// RAt'", "Sir 11enegal ~. RAt'") from all the prints of it: the English headings of the same
/// delegation and the headings of the French column on the same pages (names are not translated: "Sir
/// Benegal ~. 1{AU (Inde)", "Sir Benegal N, HAl.' (Inde)"). Word by word: the reading most often
/// printed clean; an initial from any reading that shows its letter; a surname in small capitals
/// that no reading prints clean is pieced together from the capitals the readings show ("RA", "AU"
/// -> "RAU") and chosen as the form closest to all readings by the OCR's confusions. A delegation
/// that has a clean heading somewhere is left to the usual repair (the same delegation's clean name).
/// The heading keeps the OCR text; each rebuilt name is listed in a diagnostic.
pub(crate) fn rebuild_garbled_names(
    lines: &[Line],
    fates: &[Option<LineFate>],
    proceedings: &mut [Proceeding],
    countries_present: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // The English names of each delegation, and the pages its speeches start on.
    let mut english: BTreeMap<String, (Vec<String>, BTreeSet<u32>, bool)> = BTreeMap::new();
    for p in proceedings.iter() {
        if let ProceedingKind::Speech(s) = &p.kind
            && let Some(code) = &s.speaker.country_code
            && !s.continues
        {
            let entry = english.entry(code.clone()).or_default();
            entry.0.push(s.speaker.name.clone());
            entry.1.insert(p.provenance.page_start);
            entry.2 |= clean_name(&s.speaker.name);
        }
    }
    for (code, (names, pages, any_clean)) in &english {
        if *any_clean {
            continue;
        }
        let mut readings = names.clone();
        for (line, fate) in lines.iter().zip(fates) {
            if !matches!(fate, Some(LineFate::Translation)) || !pages.contains(&line.page_idx) {
                continue;
            }
            let text = crate::text::squash(&line.text);
            let Some(c) = TRANSLATION_HEADING.captures(&text) else {
                continue;
            };
            let country = repair_country(c["country"].trim(), countries_present);
            if countries::code_for(&country) != Some(code.as_str()) {
                continue;
            }
            let name = crate::text::squash(&c["name"]);
            let has_caps = name
                .split(|ch: char| !ch.is_alphabetic())
                .any(|w| w.chars().filter(|ch| ch.is_uppercase()).count() >= 2);
            if has_caps {
                readings.push(repair_title(&name));
            }
        }
        let Some(name) = combine_readings(&readings) else {
            continue;
        };
        let mut renamed = 0;
        for p in proceedings.iter_mut() {
            if let ProceedingKind::Speech(s) = &mut p.kind
                && s.speaker.country_code.as_deref() == Some(code.as_str())
                && s.speaker.name != name
            {
                s.speaker.name = name.clone();
                renamed += 1;
            }
        }
        if renamed > 0 {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                page: pages.first().copied(),
                bbox: None,
                message: format!(
                    "speaker name {name:?} rebuilt from {} garbled prints: {readings:?}",
                    readings.len()
                ),
            });
        }
    }
}

/// One name from several garbled prints of it (see [`rebuild_garbled_names`]); None when the prints do
/// not agree on the number of words or a word cannot be read from any of them.
pub(crate) fn combine_readings(readings: &[String]) -> Option<String> {
    let tokenised: Vec<Vec<&str>> = readings
        .iter()
        .map(|r| r.split_whitespace().collect())
        .collect();
    // The most common number of words; prints with another number are left out.
    let mut lengths: BTreeMap<usize, usize> = BTreeMap::new();
    for t in &tokenised {
        *lengths.entry(t.len()).or_default() += 1;
    }
    let (&n_words, _) = lengths
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
    let prints: Vec<&Vec<&str>> = tokenised.iter().filter(|t| t.len() == n_words).collect();
    if prints.len() < 2 || n_words == 0 {
        return None;
    }
    let mut words = Vec::with_capacity(n_words);
    for k in 0..n_words {
        let column: Vec<&str> = prints.iter().map(|t| t[k]).collect();
        words.push(combine_word(&column)?);
    }
    Some(small_caps_to_normal(&words.join(" ")))
}

/// A word read clean: letters only (a final full stop or comma aside), in capitals or with one
/// initial capital.
fn clean_word(word: &str) -> Option<&str> {
    let core = word.trim_end_matches(['.', ',']);
    let letters = !core.is_empty() && core.chars().all(char::is_alphabetic);
    let mut rest = core.chars().skip(1);
    let cased = core.chars().all(char::is_uppercase) || rest.all(char::is_lowercase);
    (letters && cased).then_some(core)
}

fn combine_word(prints: &[&str]) -> Option<String> {
    // The clean reading printed most often (ties: the first printed).
    // A word keeps its full stop ("Mr."); a single letter is an initial, whose full stop the OCR may
    // read as a comma ("N,").
    let mut clean: Vec<(String, usize)> = Vec::new();
    for p in prints {
        if let Some(c) = clean_word(p) {
            let word = if p.ends_with('.') || c.chars().count() == 1 {
                format!("{c}.")
            } else {
                c.to_owned()
            };
            match clean.iter_mut().find(|(w, _)| *w == word) {
                Some(entry) => entry.1 += 1,
                None => clean.push((word, 1)),
            }
        }
    }
    if let Some((word, _)) = clean
        .into_iter()
        .reduce(|best, next| if next.1 > best.1 { next } else { best })
    {
        return Some(word);
    }
    // No clean reading: piece the word together from the capitals each print shows.
    let capitals: Vec<String> = prints
        .iter()
        .map(|p| p.chars().filter(|c| c.is_uppercase()).collect::<String>())
        .filter(|c| c.chars().count() >= 2)
        .collect();
    let mut candidates: BTreeSet<String> = capitals.iter().cloned().collect();
    for a in &capitals {
        for b in &capitals {
            if let Some(joined) = overlap_join(a, b) {
                candidates.insert(joined);
            }
        }
    }
    let score = |c: &String| -> f64 {
        prints
            .iter()
            .map(|p| crate::vocab::ocr_distance(&p.to_lowercase(), &c.to_lowercase()))
            .sum()
    };
    let mut scored: Vec<(f64, &String)> = candidates.iter().map(|c| (score(c), c)).collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
    let (best, word) = scored.first()?;
    // The best must be clearly the best, and close to the prints on the whole (at most one change per
    // letter and print).
    let clear = scored.get(1).is_none_or(|(second, _)| second - best >= 0.5);
    let close = *best <= (word.chars().count() * prints.len()) as f64;
    (clear && close).then(|| (*word).clone())
}

/// `a` and `b` joined where the end of `a` is the start of `b` ("RA" + "AU" = "RAU"), when they overlap
/// by at least one letter and neither holds the other.
fn overlap_join(a: &str, b: &str) -> Option<String> {
    if a == b || a.contains(b) || b.contains(a) {
        return None;
    }
    let a_chars: Vec<char> = a.chars().collect();
    let b_chars: Vec<char> = b.chars().collect();
    let most = a_chars.len().min(b_chars.len()) - 1;
    (1..=most)
        .rev()
        .find(|&k| a_chars[a_chars.len() - k..] == b_chars[..k])
        .map(|k| a_chars.iter().chain(&b_chars[k..]).collect())
}

/// True when a name reads as clean text (letters, spaces, dots, hyphens, apostrophes), not OCR debris.
pub(crate) fn clean_name(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '’' | '\''))
        && name
            .split_whitespace()
            .all(|w| w.chars().any(|c| c.is_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn present() -> Vec<String> {
        [
            "China",
            "United States of America",
            "United Kingdom of Great Britain and Northern Ireland",
            "India",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn clean_and_garbled_headings() {
        let h = parse_printed_heading(
            "The PRESIDENT (translated from Russian): The agenda",
            &present(),
        )
        .unwrap();
        assert_eq!(h.name, "The President");
        assert_eq!(h.spoke_in.as_deref(), Some("Russian"));
        assert_eq!(h.affiliation, None);
        let h = parse_printed_heading(
            "The l'RESIIJEXT (translated jroll! RIIssian): Are",
            &present(),
        )
        .unwrap();
        assert_eq!(h.name, "The President");
        assert_eq!(h.spoke_in.as_deref(), Some("Russian"));
        let h = parse_printed_heading(
            "Sir Gladwyn JEBB (United Kingdom): I should like",
            &present(),
        )
        .unwrap();
        assert_eq!(h.name, "Sir Gladwyn Jebb");
        assert_eq!(h.affiliation.as_deref(), Some("United Kingdom"));
        let h = parse_printed_heading(
            ".:\\lr. :\\t'STl:\\ (L~nited States of America): Reserv",
            &present(),
        )
        .unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("United States of America"));
        assert!(!clean_name(&h.name));
        let h = parse_printed_heading(
            "ML QUEVEDO (Ecuador) (translated from Spanish) : I",
            &present(),
        )
        .unwrap();
        assert_eq!(h.spoke_in.as_deref(), Some("Spanish"));
        assert_eq!(h.affiliation.as_deref(), Some("Ecuador"));
        assert_eq!(h.name, "Mr. Quevedo");
        // Stray brackets in the name and the note, and a name with no capitals left.
        let h = parse_printed_heading(
            "Sir (;la(I\\\\')'n JEHll (United Kingdom) : 1 am bound",
            &present(),
        )
        .unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("United Kingdom"));
        let h = parse_printed_heading(
            "The PRESJDENT (trallslat('d fram Russi01I): The",
            &present(),
        )
        .unwrap();
        assert_eq!(h.name, "The President");
        assert_eq!(h.spoke_in.as_deref(), Some("Russian"));
        let h =
            parse_printed_heading("~.ff T~lf,\";f, ((~hina): My delegation", &present()).unwrap();
        assert_eq!(h.affiliation.as_deref(), Some("China"));
    }

    #[test]
    fn ordinary_sentences_are_not_headings() {
        assert!(
            parse_printed_heading(
                "The Council has been engaged (fruitlessly): to be sure",
                &present()
            )
            .is_none()
        );
        assert!(
            parse_printed_heading("This item comes under two sub-headings:", &present()).is_none()
        );
    }

    #[test]
    fn ocr_repair() {
        assert_eq!(
            repair_pronoun("l shall vote, as 1 am obliged to 1 (one)"),
            "I shall vote, as I am obliged to 1 (one)"
        );
        assert_eq!(
            repair_ocr("that is aH right; we shaH see; the proposaI"),
            "that is all right; we shall see; the proposal"
        );
    }

    #[test]
    fn ocr_symbols() {
        assert_eq!(
            repair_symbols(
                "document Sjl715---cablegram, [S11715] and r SI1716], Sj1722, (S/17l6),"
            ),
            "document S/1715---cablegram, [S/1715] and r S/1716], S/1722, (S/1716),"
        );
        assert_eq!(repair_symbols("[5/1732] :"), "[S/1732] :");
        assert_eq!(repair_symbols("(Si Agenda 492)"), "(S/Agenda 492)");
        // Not symbols: a number, a word, a "5" without a slash.
        assert_eq!(repair_symbols("511715 Sill 1950"), "511715 Sill 1950");
    }

    #[test]
    fn garbled_vote_lists() {
        let present: Vec<String> = [
            "Ecuador",
            "France",
            "India",
            "Norway",
            "Union of Soviet Socialist Republics",
            "United Kingdom of Great Britain and Northern Ireland",
            "United States of America",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let list = "Ecuador, France, ll1l1ia, Norway, Union of ~lI\\'il,t ~ol'ialist RqJllhlics, United Kingdom of (;n'at Hritain amI 1\\orthern 1rcland, United States of .-\\ml'ril-a.";
        // "ll1l1ia" is too garbled for letter pairs; it stays a piece of its own here, and the OCR's
        // confusions tell it is "India" (`repair_country`).
        let mut expected = present.clone();
        expected[2] = "ll1l1ia".to_owned();
        assert_eq!(split_garbled_list(list, &present), expected);
        assert_eq!(repair_country("ll1l1ia", &present), "India");
        let mut with_cuba = present.clone();
        with_cuba.extend(["China".to_owned(), "Cuba".to_owned()]);
        assert_eq!(repair_country("Cuha", &with_cuba), "Cuba");
        // Nothing like any of them: kept as printed.
        assert_eq!(repair_country("Lake Success", &with_cuba), "Lake Success");
    }

    #[test]
    fn a_name_from_several_garbled_prints() {
        // Two English and two French prints of "Mr. Wellington K. KOO": the given name is clean in two,
        // the initial in one, and no print shows the surname whole.
        let readings: Vec<String> = [
            "Mr. \\Vel1ington ~. KOt'",
            "Mr. Wellington ~. KOt'",
            "Mr. Wellington ~. 1-OO",
            "Mr. Wellington K, HOl.'",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            combine_readings(&readings).as_deref(),
            Some("Mr. Wellington K. Koo")
        );
        // A word no print lets one read: no name.
        let unreadable: Vec<String> = ["Mr. ~~~ X", "Mr. ;;; X"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(combine_readings(&unreadable), None);
        assert_eq!(overlap_join("RA", "AU").as_deref(), Some("RAU"));
        assert_eq!(overlap_join("RA", "RA"), None);
    }

    #[test]
    fn small_capitals() {
        assert_eq!(small_caps_to_normal("Mr. J. MALIK"), "Mr. J. Malik");
        assert_eq!(
            small_caps_to_normal("Mahmoud FAWZI Bey"),
            "Mahmoud Fawzi Bey"
        );
        assert_eq!(
            small_caps_to_normal("Sir Benegal N. RAU"),
            "Sir Benegal N. Rau"
        );
    }

    #[test]
    fn dice_scores() {
        assert!(dice("russiall", "russian") > 0.6);
        assert_eq!(dice("abc", "abc"), 1.0);
        assert_eq!(dice("", "abc"), 0.0);
    }
}
