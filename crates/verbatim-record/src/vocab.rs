//! Word-level OCR correction for the printed (scanned) series, using the document's own vocabulary.
//!
//! The OCR layer of a 1950 scan misreads letters in ways a reader undoes without effort ("Cauncil",
//! "thl'", "ior", "Repuhlic"). The record itself is the best evidence of what a misread word should be:
//! the same words recur many times in it, mostly read right. So the English text of the record is
//! counted word by word, and a rare token (seen once or twice) that is not a known word is replaced by a
//! frequent word of the record (or a very common English word) that it can be turned into by the OCR's
//! usual confusions ("rn" for "m", "l'" for "e", "h" for "b", "i" for "f" ...) or, failing those, by one
//! edit (a letter changed, added or dropped) - but only when exactly one such word exists. A token that
//! is itself a known word is never changed. Every correction is listed in one diagnostic, so the OCR's
//! text stays recoverable.
//!
//! This runs on the printed series only: a born-digital record's text is exact and must not be touched.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Diagnostic, Proceeding, ProceedingKind, Severity};

/// Very common English words and the procedure words of the Council: extra evidence that a word is
/// real, independent of how often the record happens to use it. Words of up to three letters count as
/// real only when they are in this list (short OCR debris such as "oi" or "tll" can be frequent).
const COMMON_WORDS: &str = "a about above across act action actual add addressed adopt adopted adoption affairs after \
again against agenda aggression agree agreed ago all allow almost already also although always am amended \
amendment among an and another answer any anyone anything are armed around as ask asked assembly at attend \
attention authorities away be because become been before began begin behalf being believe below best better \
between both brief bring but by call called came can cannot case certain chair chairman change charter china \
chinese clear clearly come comes committee complaint concerned concerning consider consideration considered \
council country course crime cut date day deal debate decide decided decision declare delegation delegations \
desire did differ different discuss discussion do document does done doubt down draft due during each early \
effect either else end enough entirely even ever every evidence example fact far favour feel few find first \
follow following for form formal former found from full further gave general get give given go going good \
government governments great had half hand hands has have having he hear heard her here him himself his hold \
hope hour how however i if important in include included including indeed inform information instead into \
invasion invite invited is issue it item items its itself just keep kind know known last later law least \
less let like little long look made majority make makes making many matter may me mean meaning means meeting \
meetings member members mention mere merely might mind moment more most motion move much must my name namely \
nation nations nature need neither never new next no nor not nothing now number object objection obvious \
of off on once one only open opinion opportunity or order other others otherwise our out over own paragraph \
part particular peace people per perhaps permanent place point position possible power present president \
principle principles probably procedure proceed proposal propose proposed provisional purpose put question \
questions quite raise raised rather read reads real really reason regard regarding reply report \
representation representative representatives republic request resolution respect result right rule ruling \
rules said same say says second secretariat secretary security see seems seen shall she should show side \
since situation so some something speak speaker speakers state statement states still subject submitted such \
suggest suggested support sure take taken takes than that the their them themselves then there therefore \
these they thing things think third this those though thought three through thus time to today together too \
took towards treaty true two under understand union united until up upon us use used usual very view vote \
voted votes voting want was way we well were what when where whether which while who whole whom whose why \
will wish wishes with within without word words work would year years yes yet you your";

/// The OCR's usual misreadings, as (what the OCR printed, what the page says). Each is tried at every
/// place it matches; a token may need two of them.
const CONFUSIONS: &[(&str, &str)] = &[
    ("rn", "m"),
    ("m", "rn"),
    ("m", "in"),
    ("n", "ri"),
    ("in", "m"),
    ("ill", "m"),
    ("111", "m"),
    ("ii", "u"),
    ("ll", "o"),
    // A backslash marks a broken stroke: "\\Iy" is "My", "sa\\'" is "say", "\\\\'e" is "We".
    ("\\i", "m"),
    ("\\l", "m"),
    ("\\\\'", "w"),
    ("\\'", "v"),
    ("\\'", "y"),
    ("ll", "u"),
    ("li", "h"),
    ("cl", "d"),
    ("tl", "d"),
    ("l'", "e"),
    ("'", "e"),
    ("c", "e"),
    ("e", "c"),
    ("h", "b"),
    ("i", "f"),
    ("i", "l"),
    ("l", "i"),
    ("1", "l"),
    ("1", "i"),
    ("n", "u"),
    ("a", "o"),
    ("é", "e"),
];

/// A token that occurs at most this often in the record is "rare" and may be a misreading.
const RARE: usize = 2;
/// A word of the record counts as real when it occurs at least this often.
const FREQUENT: usize = 3;

/// What the correction pass did: each (OCR form, corrected form) with how often it was replaced.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct CorrectionLog {
    pub(crate) replaced: BTreeMap<(String, String), usize>,
}

impl CorrectionLog {
    pub(crate) fn total(&self) -> usize {
        self.replaced.values().sum()
    }
}

/// Corrects the English text of a printed record's speeches and stage directions in place, and adds one
/// diagnostic that lists every replacement (so the OCR text can be recovered).
pub(crate) fn correct_record(proceedings: &mut [Proceeding], diagnostics: &mut Vec<Diagnostic>) {
    let mut texts: Vec<&mut String> = Vec::new();
    for p in proceedings.iter_mut() {
        match &mut p.kind {
            ProceedingKind::Speech(s) => texts.extend(s.paragraphs.iter_mut()),
            ProceedingKind::StageDirection(d) => texts.push(&mut d.text),
            _ => {}
        }
    }
    let log = correct_texts(&mut texts);
    if log.total() > 0 {
        let list: Vec<String> = log
            .replaced
            .iter()
            .map(|((from, to), n)| {
                if *n == 1 {
                    format!("{from:?}->{to:?}")
                } else {
                    format!("{from:?}->{to:?} x{n}")
                }
            })
            .collect();
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            page: None,
            bbox: None,
            message: format!(
                "OCR words corrected from the record's own vocabulary ({}): {}",
                log.total(),
                list.join(", ")
            ),
        });
    }
}

/// The correction itself, over any set of texts that together make up one document.
pub(crate) fn correct_texts(texts: &mut [&mut String]) -> CorrectionLog {
    let mut freq: BTreeMap<String, usize> = BTreeMap::new();
    // How often each word is written with a capital (for a replacement whose token began with debris).
    let mut capitalised: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts.iter() {
        for token in text.split(' ') {
            let (_, core, _) = split_token(token);
            if !core.is_empty() {
                *freq.entry(core.to_lowercase()).or_default() += 1;
                if core.chars().next().is_some_and(char::is_uppercase) {
                    *capitalised.entry(core.to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    let common: BTreeSet<&str> = COMMON_WORDS.split_whitespace().collect();
    let mut vocab = Vocabulary {
        freq,
        common,
        known: Vec::new(),
        misread: BTreeSet::new(),
    };
    // A misreading the OCR repeats ("Couneil", "Repuhlic") is frequent too; it is not a word of the
    // record when one confusion turns it into a word that is common or used at least twice as often.
    let misread: BTreeSet<String> = vocab
        .freq
        .iter()
        .filter(|(w, _)| vocab.is_known(w) && !vocab.common.contains(w.as_str()))
        .filter(|(w, n)| {
            let mut variants = BTreeSet::new();
            confusion_variants(w, &mut variants);
            variants.iter().any(|v| {
                v != *w
                    && (vocab.common.contains(v.as_str())
                        || (vocab.is_known(v) && vocab.count(v) >= 2 * **n))
            })
        })
        .map(|(w, _)| w.clone())
        .collect();
    vocab.misread = misread;
    let known: Vec<(String, Vec<char>)> = vocab
        .freq
        .keys()
        .map(String::as_str)
        .chain(vocab.common.iter().copied())
        .filter(|w| vocab.is_known(w))
        .collect::<BTreeSet<&str>>()
        .into_iter()
        .map(|w| (w.to_owned(), w.chars().collect()))
        .collect();
    vocab.known = known;
    let mut cache: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut log = CorrectionLog::default();
    for text in texts.iter_mut() {
        let mut out = String::with_capacity(text.len());
        let mut sentence_start = true;
        for (i, token) in text.split(' ').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let (lead, core, trail) = split_token(token);
            let lower = core.to_lowercase();
            // A short word in capitals is an acronym or a Roman numeral ("USSR", "II"), not a misreading.
            let acronym = core.chars().filter(|c| c.is_alphabetic()).count() <= 4
                && core
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase);
            let fixed = if core.is_empty() || acronym {
                None
            } else {
                cache
                    .entry(lower.clone())
                    .or_insert_with(|| vocab.correction(&lower))
                    .clone()
            };
            match fixed {
                Some(word) => {
                    let mostly_capital =
                        2 * capitalised.get(&word).copied().unwrap_or(0) > vocab.count(&word);
                    let cased = apply_case(core, &word, sentence_start || mostly_capital);
                    *log.replaced
                        .entry((
                            token.to_owned(),
                            format!("{}{cased}{trail}", clean_lead(lead)),
                        ))
                        .or_default() += 1;
                    out.push_str(clean_lead(lead));
                    out.push_str(&cased);
                    out.push_str(trail);
                }
                None => {
                    // A stray apostrophe before a capitalised common word in mid-sentence ("A vote
                    // 'Was taken") is a speck on the page, not a quotation mark.
                    let speck = lead == "'"
                        && !sentence_start
                        && !trail.contains('\'')
                        && core.chars().next().is_some_and(char::is_uppercase)
                        && vocab.common.contains(lower.as_str());
                    if speck {
                        let word = lower.clone();
                        *log.replaced
                            .entry((token.to_owned(), format!("{word}{trail}")))
                            .or_default() += 1;
                        out.push_str(&word);
                        out.push_str(trail);
                    } else {
                        out.push_str(token);
                    }
                }
            }
            if !token.is_empty() {
                sentence_start = token.ends_with(['.', '?', '!', ':']);
            }
        }
        **text = out;
    }
    log
}

struct Vocabulary<'a> {
    freq: BTreeMap<String, usize>,
    common: BTreeSet<&'a str>,
    /// Every known word (common list and frequent words of the record) with its characters, for the
    /// single-edit search.
    known: Vec<(String, Vec<char>)>,
    /// Frequent tokens that are repeated misreadings of a more frequent word, not words.
    misread: BTreeSet<String>,
}

impl Vocabulary<'_> {
    fn count(&self, word: &str) -> usize {
        self.freq.get(word).copied().unwrap_or(0)
    }

    /// A real word: in the common list, or (four letters or more) used often in the record.
    fn is_known(&self, word: &str) -> bool {
        self.common.contains(word)
            || (word.chars().count() > 3
                && word.chars().all(char::is_alphabetic)
                && self.count(word) >= FREQUENT
                && !self.misread.contains(word))
    }

    /// The word a rare, unknown lower-case token should be, if exactly one candidate exists.
    fn correction(&self, token: &str) -> Option<String> {
        // A known word is never changed, nor a long token the record uses often (a name). A frequent
        // short token that is not a word (OCR debris such as "oi") is still corrected.
        if self.is_known(token)
            || (self.count(token) > RARE
                && token.chars().count() > 3
                && !self.misread.contains(token))
        {
            return None;
        }
        // A possessive is corrected by its stem ("representativ::,'s" -> "representative's"), and a known
        // stem keeps it as printed ("Government's").
        if let Some(stem) = token
            .strip_suffix("'s")
            .filter(|s| s.chars().last().is_some_and(|c| c != '\\'))
        {
            if self.is_known(stem) {
                return None;
            }
            return self.correction(stem).map(|w| format!("{w}'s"));
        }
        // Numbers, document symbols, single letters and tokens without letters are not words to
        // correct.
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2
            || token.contains('/')
            || token.chars().any(|c| c.is_ascii_digit()) && letters < 3
        {
            return None;
        }
        // A compound ("Secretary-General", "so-called") is left alone; a hyphen with a single letter
        // beside it ("Foreig-n") is debris.
        if token.contains('-')
            && token
                .split('-')
                .all(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        {
            return None;
        }
        let better = |w: &str| self.is_known(w) && w != token;
        // First the OCR's usual confusions (one or two of them), then any single edit.
        let mut once = BTreeSet::new();
        confusion_variants(token, &mut once);
        let mut candidates: BTreeSet<String> = once.iter().filter(|w| better(w)).cloned().collect();
        // Two confusions in one token are only trusted when the token is visibly not a clean word (a
        // digit, an apostrophe or other debris inside it): otherwise an English word missing from the
        // lists ("rose") could be turned into a known one ("case").
        let debris = token.chars().any(|c| !c.is_alphabetic());
        if candidates.is_empty() && debris {
            let mut twice = BTreeSet::new();
            for v in &once {
                confusion_variants(v, &mut twice);
            }
            candidates = twice.into_iter().filter(|w| better(w)).collect();
        }
        // Any single edit is a weaker hint than a known confusion: a real word missing from the lists
        // ("cease", "Indian") is often one edit from a frequent one. It is used only on a
        // token that is visibly debris or long (eight letters or more), and a clean token keeps its
        // first and last letter (no plural or ending added or taken away, no "bound" -> "found").
        let long = letters >= 8;
        // A speck inside a short word ("a·t") hides a known word once removed.
        let letters_only: String = token
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '\'')
            .collect();
        if candidates.is_empty() && debris && letters_only != token && better(&letters_only) {
            return Some(letters_only);
        }
        if candidates.is_empty() && letters >= 3 && (debris || long) {
            // Debris characters inside a word ("representativ::,'s") are dropped before the edit.
            let token_chars: Vec<char> = token.chars().collect();
            let letters_chars: Vec<char> = letters_only.chars().collect();
            let is_edit = |w: &[char]| {
                one_edit(&token_chars, w) || w == letters_chars || one_edit(&letters_chars, w)
            };
            let keeps_ends = |w: &str| {
                debris
                    || (w.chars().next() == token.chars().next()
                        && w.chars().last() == token.chars().last())
            };
            // The word must be about as long as the token: dropping debris may not swallow half of it
            // ("Sh0111d" is not "she").
            let n_token = token.chars().count();
            let n_letters = letters_only.chars().count();
            let near_length = |n: usize| n + 2 >= n_token && n + 1 >= n_letters && n <= n_token + 1;
            candidates = self
                .known
                .iter()
                .filter(|(w, chars)| w.as_str() != token && near_length(chars.len()))
                .filter(|(w, chars)| is_edit(chars) && keeps_ends(w))
                .map(|(w, _)| w.clone())
                .collect();
        }
        if candidates.len() == 1 {
            candidates.into_iter().next()
        } else {
            None
        }
    }
}

/// The leading punctuation of a corrected word, without the full stops and colons that OCR specks
/// put before it (".:\\Iy" is "My"): they never open a word.
fn clean_lead(lead: &str) -> &str {
    lead.trim_start_matches(['.', ':', ';', ','])
}

/// Splits a token into leading punctuation, the word, and trailing punctuation. Characters the OCR
/// puts inside words (an apostrophe for "e", a digit for "l") stay in the word; only quotes, brackets and
/// sentence punctuation at either end are split off. A possessive "'s" stays with the word.
fn split_token(token: &str) -> (&str, &str, &str) {
    let is_edge = |c: char| {
        matches!(
            c,
            '"' | '“' | '”' | '‘' | '(' | ')' | '[' | ']' | ',' | '.' | ';' | ':' | '?' | '!' | '-'
        )
    };
    let start = token
        .char_indices()
        .find(|(_, c)| !is_edge(*c) && *c != '\'' && *c != '’')
        .map_or(token.len(), |(i, _)| i);
    let rest = &token[start..];
    let end = rest
        .char_indices()
        .rev()
        .find(|(_, c)| !is_edge(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let core = &rest[..end];
    // A word ending in an apostrophe: "l'" is the OCR's "e" ("thl'"), so it stays in the word.
    (&token[..start], core, &rest[end..])
}

/// Every string made from `word` by applying one confusion at one place.
fn confusion_variants(word: &str, out: &mut BTreeSet<String>) {
    for (from, to) in CONFUSIONS {
        let mut search = 0;
        while let Some(pos) = word[search..].find(from) {
            let at = search + pos;
            // An "e" read for a "c" is a misreading inside words ("Couneil", "eents"); at the start it
            // would turn real words ("East") into others ("Cast").
            if at == 0 && *from == "e" {
                search = at + from.len();
                continue;
            }
            out.insert(format!("{}{}{}", &word[..at], to, &word[at + from.len()..]));
            search = at + from.len();
        }
    }
}

/// True when `a` becomes `b` by one edit: a character changed, added or dropped.
fn one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // Same length: everything after the first difference must agree.
        prefix < short.len() && short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The replacement written in the case of the token it replaces: "Cauncil" -> "Council", "CAUNCIL" ->
/// "COUNCIL". An initial "I" that the correction turned into another letter was an "l" misread ("Iike"
/// -> "like"), so it is upper case only at the start of a sentence. A token that begins with debris
/// ("1ndia", "\\merica") takes a capital when `capital_here` (a sentence start, or a word the record
/// mostly writes with one).
fn apply_case(original: &str, word: &str, capital_here: bool) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
    if all_caps {
        return word.to_uppercase();
    }
    let first = original.chars().next();
    let capital = match first {
        Some('I') => word.starts_with('i') || capital_here,
        Some(c) if c.is_alphabetic() => c.is_uppercase(),
        Some(_) => capital_here,
        None => false,
    };
    if capital {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    } else {
        word.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str]) -> (Vec<String>, CorrectionLog) {
        let mut owned: Vec<String> = texts.iter().map(|s| s.to_string()).collect();
        let mut refs: Vec<&mut String> = owned.iter_mut().collect();
        let log = correct_texts(&mut refs);
        (owned, log)
    }

    #[test]
    fn rare_misreadings_become_the_documents_words() {
        let (out, log) = run(&[
            "The Security Council met. The Council decided. The Council rose.",
            "The agenda which is before the Security Cauncil consists of thl' items ior ail.",
        ]);
        assert_eq!(
            out[1],
            "The agenda which is before the Security Council consists of the items for all."
        );
        assert_eq!(log.total(), 4, "{log:?}");
        assert_eq!(
            log.replaced
                .get(&("Cauncil".to_owned(), "Council".to_owned())),
            Some(&1)
        );
    }

    #[test]
    fn real_words_and_ambiguous_tokens_stay() {
        // "form" is a common word: never turned into "from". "hin" is one edit from both "him" and
        // "his": with two candidates it is left as printed.
        let (out, log) = run(&["in the form of it", "hin is here"]);
        assert_eq!(out[0], "in the form of it");
        assert_eq!(out[1], "hin is here");
        assert_eq!(log.total(), 0);
    }

    #[test]
    fn repeated_misreadings_are_not_words() {
        // "Repuhlic" is printed three times, but "Republic" six times: one confusion (h for b) apart,
        // so the misreading is corrected although it is frequent. "East" stays (no "e" for "c" at a
        // word's start), and so does a frequent name with no better neighbour ("Tsiang").
        let mut texts = vec!["the Republic".to_owned(); 6];
        texts.extend(vec!["the Repuhlic, Tsiang, East".to_owned(); 3]);
        texts.push("cast cast cast".to_owned());
        let mut refs: Vec<&mut String> = texts.iter_mut().collect();
        let log = correct_texts(&mut refs);
        assert_eq!(texts[6], "the Republic, Tsiang, East");
        assert_eq!(log.total(), 3, "{log:?}");
    }

    #[test]
    fn case_follows_the_token() {
        assert_eq!(apply_case("Iike", "like", false), "like");
        assert_eq!(apply_case("Iike", "like", true), "Like");
        assert_eq!(apply_case("Cauncil", "council", false), "Council");
        assert_eq!(apply_case("USSR", "ussr", false), "USSR");
    }

    #[test]
    fn tokens_keep_their_punctuation() {
        assert_eq!(split_token("\"thl',"), ("\"", "thl'", ","));
        assert_eq!(split_token("(Formosa)."), ("(", "Formosa", ")."));
        assert_eq!(split_token("--"), ("--", "", ""));
    }
}
