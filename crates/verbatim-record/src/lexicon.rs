//! An English word list with frequencies, for the OCR correction of the printed series (`vocab`).
//!
//! The list (`data/lexicon.txt`) was counted by `examples/build_lexicon.rs` from the speeches of the
//! Security Council Debates corpus, the born-digital verbatim records and the English General Debate
//! statements of the shared corpus: UN English of the same kind as the scanned records, so the words a
//! 1950 record uses are mostly in it, and their frequencies rank the candidates for a misread word. A
//! regular inflection of a listed word ("reserving" from "reserve", "objected" from "object") counts as
//! a word too, with a fraction of its stem's frequency: the list is small and English forms are regular.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// The data file: comment lines starting with `#`, then `word<TAB>count` lines.
const LEXICON_TSV: &str = include_str!("../data/lexicon.txt");

/// Word -> count. Only looked up, never iterated into output, so a hash map is fine.
static LEXICON: LazyLock<HashMap<&'static str, u32>> = LazyLock::new(|| {
    LEXICON_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (word, count) = l.split_once('\t')?;
            Some((word, count.trim().parse().ok()?))
        })
        .collect()
});

/// How often the corpus uses `word` (lower case), 0 when it is not in the list.
pub(crate) fn count(word: &str) -> u32 {
    LEXICON.get(word).copied().unwrap_or(0)
}

/// How often the corpus uses `word` or, failing that, a fraction of the count of the word it is a
/// regular inflection of: "-s"/"-es", "-ed", "-ing", "-ly" on a stem with or without a final "e" or
/// a doubled consonant ("reserving" <- "reserve", "stopped" <- "stop"), or the singular of a listed
/// plural. 0 when none of these.
pub(crate) fn frequency(word: &str) -> u32 {
    let direct = count(word);
    if direct > 0 {
        return direct;
    }
    derived_frequency(word)
}

/// [`frequency`] of a word that is not in the list itself.
fn derived_frequency(word: &str) -> u32 {
    // A singular of a listed plural ("regulation" from "regulations") is a word too.
    let plural = with_joined(&[word, "s"], count);
    if plural > 0 && word.chars().count() >= 4 {
        return (plural / 4).max(1);
    }
    inflected(word).map_or(0, |n| (n / 4).max(1))
}

/// Every word of the list, most frequent first (the file's order).
pub(crate) fn words() -> impl Iterator<Item = &'static str> {
    LEXICON_TSV
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(w, _)| w))
}

/// True when `word` (lower case) is an English word by the list.
pub(crate) fn contains(word: &str) -> bool {
    frequency(word) > 0
}

/// The count of the stem of which `word` is a regular inflection, if any. A noun takes "-s" as
/// readily as a verb, but only a verb takes "-ing" and "-ed": those are accepted only when the list
/// has the stem's other verb form too ("reserving" because "reserved" is listed; not "worlding" for
/// "world").
fn inflected(word: &str) -> Option<u32> {
    const SUFFIXES: &[&str] = &["ing", "ed", "es", "s", "ly"];
    for suffix in SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix) else {
            continue;
        };
        // A stem of fewer than four letters is too short to be evidence ("bed" is not "b" + "ed",
        // "woning" is not "won" + "ing"); "-ly" needs five ("dully" is not "dull" + "y").
        let min_stem = if *suffix == "ly" { 5 } else { 4 };
        if stem.chars().count() < min_stem || !stem.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        // "-es" only after a hissing sound ("taxes", "approaches"); elsewhere the "e" is the stem's.
        if *suffix == "es"
            && !["s", "x", "z", "ch", "sh"]
                .iter()
                .any(|e| stem.ends_with(e))
        {
            continue;
        }
        let verb = matches!(*suffix, "ing" | "ed");
        // A verb form counts only when the verb's other form is listed too.
        let other = if *suffix == "ing" { "ed" } else { "ing" };
        let verb_evidence = |form: &str| -> bool {
            let with_other = if other == "ed" && form.ends_with('e') {
                with_joined(&[form, "d"], count)
            } else {
                let stem_of_other = form
                    .strip_suffix('e')
                    .filter(|_| other == "ing")
                    .unwrap_or(form);
                with_joined(&[stem_of_other, other], count)
            };
            // "denying" <- "denied": a final "y" turns into "i" before "-ed".
            with_other > 0
                || form
                    .strip_suffix('y')
                    .filter(|_| other == "ed")
                    .is_some_and(|s| with_joined(&[s, "ied"], count) > 0)
        };
        let mut best = 0;
        let mut consider = |form: &str| {
            if !verb || verb_evidence(form) {
                best = best.max(count(form));
            }
        };
        consider(stem);
        if verb {
            // "reserving" <- "reserve"; "stopped" <- "stop". The stem is ASCII (checked above).
            with_joined(&[stem, "e"], &mut consider);
            let b = stem.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                consider(&stem[..stem.len() - 1]);
            }
        }
        if best > 0 {
            return Some(best);
        }
    }
    None
}

/// Calls `f` with the concatenation of `parts`, built on the stack when it is short (the lookups of
/// inflected forms are many and their words short; a heap string each time costs more than the lookup).
fn with_joined<R>(parts: &[&str], f: impl FnOnce(&str) -> R) -> R {
    const ROOM: usize = 64;
    let total: usize = parts.iter().map(|p| p.len()).sum();
    if total <= ROOM {
        let mut buf = [0u8; ROOM];
        let mut n = 0;
        for part in parts {
            buf[n..n + part.len()].copy_from_slice(part.as_bytes());
            n += part.len();
        }
        // Whole UTF-8 strings joined are UTF-8, so the heap path below is never taken from here.
        if let Ok(joined) = std::str::from_utf8(&buf[..n]) {
            return f(joined);
        }
    }
    f(&parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_and_inflections() {
        assert!(count("the") > 1000, "the commonest word is in the list");
        assert!(contains("agenda"));
        assert!(!contains("cauncil"));
        assert!(!contains("thl"));
        // Inflections of listed words.
        assert!(count("reserve") > 0 || count("reserved") > 0);
        assert!(contains("reserving"));
        assert!(frequency("reserving") <= frequency("reserve").max(frequency("reserved")));
        assert!(!contains("xqzing"));
        // "-ing" and "-ed" only on a stem whose other verb form is listed: "world" is no verb.
        assert!(contains("world") && !contains("worlding"));
        // No "-es" after a stem that does not hiss, and no "y" -> "ies": "duly" gives no "dulies".
        assert!(!contains("dulies"));
    }
}
