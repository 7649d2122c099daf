//! Word-level OCR correction for the printed (scanned) series: an English lexicon with frequencies,
//! the OCR's usual confusions, and the document's own vocabulary.
//!
//! The OCR layer of a 1950 scan misreads letters in ways a reader undoes without effort ("Cauncil",
//! "thl'", "ior", "Repuhlic", "Reservmg", "i.lvasion"). A token that is not a word is a candidate for
//! correction; a token that is a word (in the lexicon of `lexicon`, in the short list of common words
//! below, or used often in the record and not itself a repeated misreading) is never changed. For a
//! candidate token, the words it can be turned into are gathered with a cost:
//! - the OCR's usual confusions ("rn" read for "m", "l'" for "e", "h" for "b", ".l" for "n" ...), each
//!   cheap, up to three in one long token;
//! - characters that are no letter ("~", "1", "!", a stray quote inside a word) read as the letters
//!   they resemble, or dropped;
//! - then one ordinary edit (a letter changed, added or dropped; two in a long token), dearer;
//! - and a word that the record prints in the same place (after the same word, or before it) and that
//!   is close to the token.
//!
//! Each candidate is scored by its cost less a bonus for how frequent it is (in the record, counted
//! strongly, and in the lexicon); the best one is taken only when it is clearly better than the next.
//! Every correction is listed in one diagnostic, so the OCR's text stays recoverable.
//!
//! This runs on the printed series only: a born-digital record's text is exact and must not be touched.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use crate::lexicon;
use crate::model::{AgendaItem, Diagnostic, Proceeding, ProceedingKind, Severity};

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

/// The OCR's usual misreadings, as (what the OCR printed, what the page says, cost). Each is tried at
/// every place it matches; a long token may need up to three. The costs are below an ordinary edit's
/// (1.0): these are the known shapes of the typeface going wrong, not random errors.
const CONFUSIONS: &[(&str, &str, f64)] = &[
    // One wide letter read as two narrow ones, and the reverse.
    ("rn", "m", 0.4),
    ("m", "rn", 0.4),
    ("m", "in", 0.4),
    ("n", "ri", 0.5),
    ("in", "m", 0.4),
    ("ln", "m", 0.5),
    ("nl", "m", 0.5),
    ("ill", "m", 0.5),
    ("111", "m", 0.5),
    ("ii", "u", 0.4),
    ("ll", "u", 0.5),
    ("tt", "u", 0.6),
    ("ll", "n", 0.5),
    ("ll", "o", 0.6),
    ("li", "h", 0.4),
    ("lz", "h", 0.5),
    ("cl", "d", 0.4),
    ("tl", "d", 0.5),
    ("vv", "w", 0.4),
    // A letter broken into a stroke and a speck: "l'" or "t'" for "e", ".l" for "n", "t)" for "o".
    ("l'", "e", 0.3),
    ("t'", "e", 0.5),
    ("'", "e", 0.5),
    (".l", "n", 0.4),
    ("l.", "n", 0.5),
    ("t)", "o", 0.5),
    // A backslash marks a broken stroke: "\\Iy" is "My", "sa\\'" is "say", "\\\\'e" is "We".
    ("\\i", "m", 0.4),
    ("\\l", "m", 0.4),
    ("\\\\'", "w", 0.3),
    ("\\'", "w", 0.4),
    ("\\'", "v", 0.4),
    ("\\'", "y", 0.4),
    // Letters of like shape.
    ("c", "e", 0.4),
    ("e", "c", 0.4),
    ("h", "b", 0.4),
    ("b", "h", 0.5),
    ("i", "f", 0.5),
    ("f", "t", 0.5),
    ("t", "f", 0.5),
    ("i", "l", 0.4),
    ("l", "i", 0.4),
    ("1", "l", 0.3),
    ("1", "i", 0.3),
    ("!", "l", 0.4),
    ("!", "i", 0.4),
    ("0", "o", 0.3),
    ("n", "u", 0.5),
    ("u", "n", 0.5),
    ("a", "o", 0.5),
    ("o", "a", 0.6),
    ("y", "g", 0.5),
    ("y", "v", 0.5),
    // A capital "H" set among small letters is a misread "ll" ("caHing").
    ("h", "ll", 0.6),
    // A letter missing a stroke: "r" is "n" without its right stem, "l" is "d" without its bowl, a
    // capital "U" without its right stem is an "L".
    ("n", "r", 0.6),
    ("l", "d", 0.6),
    ("l", "u", 0.6),
    ("é", "e", 0.3),
];

/// What a character that is no letter may stand for inside a word, besides the confusions above (cost
/// 0.5); "~" is the OCR's mark for a glyph it could not read, so it may be any letter (cost 0.6). Any of
/// these may also be a speck to drop (cost 0.4).
const DEBRIS_READINGS: &[(char, &str)] = &[
    ('1', "lit"),
    ('!', "lij"),
    ('|', "li"),
    ('0', "o"),
    ('5', "s"),
    ('8', "b"),
    (')', "o"),
    ('(', "c"),
    ('{', "c"),
    (';', "i"),
    (':', "i"),
    ('"', "n"),
    ('<', "c"),
];
const ANY_LETTER: &str = "abcdefghijklmnopqrstuvwxyz";

/// Cost of an ordinary edit (a letter changed, added or dropped).
const EDIT: f64 = 1.0;
/// Cost of dropping a speck inside a word.
const DROP_SPECK: f64 = 0.4;
/// How much one unit of log-frequency is worth against the cost of the changes.
const FREQUENCY_WEIGHT: f64 = 0.2;
/// The best candidate must beat the next by this much to be taken.
const MARGIN: f64 = 0.25;
/// A word of the record counts this many times a word of the lexicon: the record's own words are the
/// likeliest readings of its misread ones.
const RECORD_WEIGHT: u32 = 30;

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

/// Corrects the English text of a printed record in place: its speeches, stage directions and agenda
/// titles (`agenda`, from the cover). Adds one diagnostic that lists every replacement (so the OCR text
/// can be recovered). Then a stage direction garbled past word-by-word repair is read as the standard
/// formula it is closest to (`countries_present` fill its country), and a speech that ends on a comma
/// ends on the full stop the OCR misread; each of those has its own diagnostic.
pub(crate) fn correct_record(
    proceedings: &mut [Proceeding],
    agenda: &mut [AgendaItem],
    countries_present: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut texts: Vec<&mut String> = Vec::new();
    for p in proceedings.iter_mut() {
        match &mut p.kind {
            ProceedingKind::Speech(s) => texts.extend(s.paragraphs.iter_mut()),
            ProceedingKind::StageDirection(d) => texts.push(&mut d.text),
            _ => {}
        }
    }
    texts.extend(agenda.iter_mut().map(|a| &mut a.title));
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
                "OCR words corrected (lexicon, OCR confusions and the record's own vocabulary) ({}): {}",
                log.total(),
                list.join(", ")
            ),
        });
    }
    for p in proceedings.iter_mut() {
        let page = p.provenance.page_start;
        match &mut p.kind {
            ProceedingKind::StageDirection(d) => {
                if let Some(formula) = stage_formula(&d.text, countries_present) {
                    diagnostics.push(Diagnostic {
                        severity: Severity::Info,
                        page: Some(page),
                        bbox: None,
                        message: format!(
                            "garbled stage direction {:?} read as the formula {formula:?}",
                            d.text
                        ),
                    });
                    d.text = formula;
                }
            }
            ProceedingKind::Speech(s) => {
                if let Some(last) = s.paragraphs.last_mut()
                    && let Some(fixed) = full_stop_at_end(last)
                {
                    diagnostics.push(Diagnostic {
                        severity: Severity::Info,
                        page: Some(page),
                        bbox: None,
                        message: format!(
                            "speech ending on a comma read as ending on a full stop: {:?}",
                            last.rsplit(' ').next().unwrap_or_default()
                        ),
                    });
                    *last = fixed;
                }
            }
            _ => {}
        }
    }
}

/// A speech never ends on a comma: a comma at the very end of a printed speech's last paragraph
/// (before any closing quotes or brackets) is the OCR's reading of a full stop. Returns the paragraph
/// with the full stop, or None when it does not end on a comma.
pub(crate) fn full_stop_at_end(paragraph: &str) -> Option<String> {
    let trimmed = paragraph.trim_end();
    let closers = trimmed
        .chars()
        .rev()
        .take_while(|c| matches!(c, '"' | '\'' | '”' | '’' | ')'))
        .map(char::len_utf8)
        .sum::<usize>();
    let (body, tail) = trimmed.split_at(trimmed.len() - closers);
    let body = body.strip_suffix(',')?;
    // A closing bracket right after the comma closes a bracket the comma was in ("(S/1716),"): the
    // full stop goes where the comma was either way.
    Some(format!("{body}.{tail}"))
}

/// The standard stage directions of the Council's records, with `{country}` for a delegation.
const STAGE_FORMULAS: &[&str] = &[
    "The representative of {country} did not participate in the voting.",
    "The agenda was adopted.",
    "The agenda, as amended, was adopted.",
    "A vote was taken by show of hands.",
    "A vote was taken by show of hands, as follows:",
    "A recorded vote was taken.",
];

/// The formula a garbled stage direction is: same number of words, at least two thirds of the
/// formula's own words printed exactly, and every other word not a word at all (OCR debris, never a
/// different real word: "The agenda was rejected." is no misreading of "adopted"). A `{country}` is the
/// country present whose name the printed words are closest to by the OCR's confusions. None when no
/// formula fits, or when the text is already one.
pub(crate) fn stage_formula(text: &str, countries_present: &[String]) -> Option<String> {
    let printed: Vec<&str> = text.split_whitespace().collect();
    let garbled = |token: &str| {
        let (_, core, _) = split_token(token);
        !is_word(&core.to_lowercase())
    };
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    for formula in STAGE_FORMULAS {
        let instances: Vec<(String, Option<&String>)> = if formula.contains("{country}") {
            countries_present
                .iter()
                .map(|c| (formula.replace("{country}", c), Some(c)))
                .collect()
        } else {
            vec![(formula.to_string(), None)]
        };
        let mut best: Option<(f64, String)> = None;
        for (instance, country) in &instances {
            let words: Vec<&str> = instance.split_whitespace().collect();
            if words.len() != printed.len() {
                continue;
            }
            if words.iter().zip(&printed).all(|(w, p)| same(w, p)) {
                return None;
            }
            let country_words: Vec<&str> = country
                .map(|c| c.split_whitespace().collect())
                .unwrap_or_default();
            let slot_start = formula
                .split_whitespace()
                .position(|w| w.contains("{country}"));
            let in_slot =
                |k: usize| slot_start.is_some_and(|s| k >= s && k < s + country_words.len());
            let (mut fixed, mut matched) = (0, 0);
            let mut fits = true;
            let mut slot_cost = 0.0;
            for (k, (w, p)) in words.iter().zip(&printed).enumerate() {
                if in_slot(k) {
                    if !same(w, p) {
                        if !garbled(p) {
                            fits = false;
                        }
                        slot_cost += ocr_distance(&p.to_lowercase(), &w.to_lowercase());
                    }
                    continue;
                }
                fixed += 1;
                if same(w, p) {
                    matched += 1;
                } else if !garbled(p) {
                    fits = false;
                }
            }
            if !fits || 3 * matched < 2 * fixed {
                continue;
            }
            if best.as_ref().is_none_or(|(c, _)| slot_cost < *c) {
                best = Some((slot_cost, instance.clone()));
            }
        }
        if let Some((_, instance)) = best {
            return Some(instance);
        }
    }
    None
}

/// True when a lower-case token is an English word by the lexicon and the common list alone (the
/// record's own vocabulary aside): two-letter words must be in the common list, three-letter ones
/// common in the lexicon (it holds abbreviations such as "ms").
fn is_word(lower: &str) -> bool {
    if lower.is_empty() || !lower.chars().all(char::is_alphabetic) {
        return false;
    }
    if COMMON_WORDS.split_whitespace().any(|w| w == lower) {
        return true;
    }
    match lower.chars().count() {
        0..=2 => false,
        3 => lexicon::count(lower) >= 20,
        _ => lexicon::contains(lower),
    }
}

/// One of [`CONFUSIONS`] as characters: what the OCR printed, what the page says, the cost.
type CharConfusion = (Vec<char>, Vec<char>, f64);

/// [`CONFUSIONS`] as characters, for [`ocr_distance`]. Every confusion's printed side is non-empty.
static CONFUSION_CHARS: LazyLock<Vec<CharConfusion>> = LazyLock::new(|| {
    CONFUSIONS
        .iter()
        .map(|(from, to, cost)| (from.chars().collect(), to.chars().collect(), *cost))
        .collect()
});

/// A weighted edit distance from what the OCR printed to a word (both lower case): the OCR's
/// confusions cost what the table says, a character that is no letter may be read as any letter
/// (0.5) or dropped as a speck (0.4), any other change costs 1.0.
pub(crate) fn ocr_distance(printed: &str, word: &str) -> f64 {
    let p: Vec<char> = printed.chars().collect();
    let w: Vec<char> = word.chars().collect();
    let confusions = &*CONFUSION_CHARS;
    let mut d = vec![vec![f64::INFINITY; w.len() + 1]; p.len() + 1];
    d[0][0] = 0.0;
    for i in 0..=p.len() {
        for j in 0..=w.len() {
            let here = d[i][j];
            if !here.is_finite() {
                continue;
            }
            let mut relax = |a: usize, b: usize, cost: f64| {
                if here + cost < d[a][b] {
                    d[a][b] = here + cost;
                }
            };
            if i < p.len() {
                let speck = !p[i].is_alphabetic();
                relax(i + 1, j, if speck { DROP_SPECK } else { EDIT });
            }
            if j < w.len() {
                relax(i, j + 1, EDIT);
            }
            if i < p.len() && j < w.len() {
                let cost = if p[i] == w[j] {
                    0.0
                } else if !p[i].is_alphabetic() {
                    0.5
                } else {
                    EDIT
                };
                relax(i + 1, j + 1, cost);
            }
            // No confusion applies where the printed character is none's first (the common case).
            let Some(first) = p.get(i) else { continue };
            for (from, to, cost) in confusions {
                if from.first() == Some(first) && p[i..].starts_with(from) && w[j..].starts_with(to)
                {
                    relax(i + from.len(), j + to.len(), *cost);
                }
            }
        }
    }
    d[p.len()][w.len()]
}

/// The correction itself, over any set of texts that together make up one document.
pub(crate) fn correct_texts(texts: &mut [&mut String]) -> CorrectionLog {
    // Hash maps for the lookups, which are many (every candidate reading of every unknown token); where
    // they are walked, what is made of them is sorted.
    let mut freq: HashMap<String, usize> = HashMap::default();
    // How often each word is written with a capital in mid-sentence (for a replacement whose first
    // letter was misread or debris): a name's capital, not a sentence's ("But").
    let mut capitalised: BTreeMap<String, usize> = BTreeMap::new();
    for text in texts.iter() {
        let mut sentence_start = true;
        for token in text.split(' ') {
            let (_, core, _) = split_token(token);
            if !core.is_empty() {
                *freq.entry(core.to_lowercase()).or_default() += 1;
                if !sentence_start && core.chars().next().is_some_and(char::is_uppercase) {
                    *capitalised.entry(core.to_lowercase()).or_default() += 1;
                }
            }
            if !token.is_empty() {
                sentence_start = token.ends_with(['.', '?', '!', ':']);
            }
        }
    }
    let common: HashSet<&str> = COMMON_WORDS.split_whitespace().collect();
    let mut vocab = Vocabulary {
        freq,
        common,
        misread: HashSet::default(),
        by_first: BTreeMap::new(),
        by_last: BTreeMap::new(),
        after: BTreeMap::new(),
        before: BTreeMap::new(),
        pairs: BTreeMap::new(),
    };
    // A misreading the OCR repeats ("Couneil", "Repuhlic") is frequent too; it is not a word of the
    // record when it is no English word and one confusion turns it into one, or into a word of the
    // record used at least twice as often.
    let misread: HashSet<String> = vocab
        .freq
        .iter()
        .filter(|(w, n)| {
            // Only a frequent token could pass for a word of the record.
            **n >= FREQUENT && !vocab.common.contains(w.as_str()) && !lexicon::contains(w)
        })
        .filter(|(w, n)| {
            let mut variants = confusion_variants(w);
            // A long token may hide two confusions ("wonling" for "wording").
            if w.chars().count() >= 6 {
                let second: Vec<(String, f64)> = variants
                    .iter()
                    .flat_map(|(v, _)| confusion_variants(v))
                    .collect();
                variants.extend(second);
            }
            variants.iter().any(|(v, _)| {
                v != *w
                    && (vocab.common.contains(v.as_str())
                        || lexicon::count(v) >= 2
                        || (vocab.record_word(v) && vocab.count(v) >= 2 * **n))
            })
        })
        .map(|(w, _)| w.clone())
        .collect();
    vocab.misread = misread;
    // The record's words, indexed by length and first or last letter for the one-edit search (a single
    // edit keeps the first or the last letter of a word of two letters or more).
    let record_words: Vec<String> = vocab
        .freq
        .keys()
        .filter(|w| vocab.is_known(w))
        .cloned()
        .collect();
    let all_words: BTreeSet<String> = record_words
        .into_iter()
        .chain(vocab.common.iter().map(|w| w.to_string()))
        .chain(lexicon::words().map(str::to_owned))
        .collect();
    for w in &all_words {
        let chars: Vec<char> = w.chars().collect();
        if chars.len() < 2 || !chars.iter().all(|c| c.is_alphabetic()) {
            continue;
        }
        let mask = letter_mask(&chars);
        vocab
            .by_first
            .entry((chars.len(), chars[0]))
            .or_default()
            .push((mask, w.to_owned()));
        vocab
            .by_last
            .entry((chars.len(), chars[chars.len() - 1]))
            .or_default()
            .push((mask, w.to_owned()));
    }
    // Which known words the record prints after and before each longer word: the context of a
    // misread word ("concerning amled invasion" where the record says "concerning armed" elsewhere).
    for text in texts.iter() {
        let cores: Vec<String> = text
            .split(' ')
            .map(|t| split_token(t).1.to_lowercase())
            .filter(|c| !c.is_empty())
            .collect();
        for pair in cores.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if vocab.is_known(a) && vocab.is_known(b) {
                *vocab.pairs.entry((a.clone(), b.clone())).or_default() += 1;
                if a.chars().count() >= CONTEXT_LETTERS {
                    *vocab
                        .after
                        .entry(a.clone())
                        .or_default()
                        .entry(b.clone())
                        .or_default() += 1;
                }
                if b.chars().count() >= CONTEXT_LETTERS {
                    *vocab
                        .before
                        .entry(b.clone())
                        .or_default()
                        .entry(a.clone())
                        .or_default() += 1;
                }
            }
        }
    }
    let mut log = CorrectionLog::default();
    let mut cache = CandidateCache::new();
    for text in texts.iter_mut() {
        let tokens: Vec<&str> = text.split(' ').collect();
        let cores: Vec<String> = tokens
            .iter()
            .map(|t| split_token(t).1.to_lowercase())
            .collect();
        let mut out = String::with_capacity(text.len());
        let mut sentence_start = true;
        // Brackets opened and not yet closed before the current token.
        let mut open_brackets: i32 = 0;
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let (lead, mut core, mut trail) = split_token(token);
            // A closing bracket that closes nothing is part of a misread letter ("tt)" is "to": the
            // right half of an "o" read as a bracket), so it stays in the word to be corrected.
            let unmatched_close =
                trail.starts_with(')') && open_brackets <= 0 && !lead.contains('(');
            if unmatched_close && !core.is_empty() {
                let (_, bracket_end) = token.split_at(token.len() - trail.len() + 1);
                core = &token[lead.len()..token.len() - bracket_end.len()];
                trail = bracket_end;
            }
            open_brackets += token.matches('(').count() as i32 - token.matches(')').count() as i32;
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
                let context = Context {
                    before: i.checked_sub(1).map(|k| cores[k].as_str()),
                    after: cores.get(i + 1).map(String::as_str),
                    mixed_case: mixed_case(core),
                    name_like: !sentence_start
                        && core.chars().next().is_some_and(char::is_uppercase),
                };
                vocab.correction(&lower, &context, &mut cache)
            };
            match fixed {
                Some(word) => {
                    let mostly_capital =
                        2 * capitalised.get(&word).copied().unwrap_or(0) > vocab.count(&word);
                    let cased = apply_case(core, &word, sentence_start || mostly_capital);
                    *log.replaced
                        .entry((
                            token.to_string(),
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
                            .entry((token.to_string(), format!("{word}{trail}")))
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

/// How many of a round's cheapest readings of a token go on to the next round of confusions.
const FRONTIER: usize = 25;

/// A context word must have at least this many letters: "the" and "of" are followed by too many words
/// to say which one a misread token is.
const CONTEXT_LETTERS: usize = 5;

/// What is known about a token's place in its text.
struct Context<'a> {
    /// The previous and the next token, lower case, as printed.
    before: Option<&'a str>,
    after: Option<&'a str>,
    /// Capitals after small letters inside the token ("tOrln"): the OCR's doing, not a spelling.
    mixed_case: bool,
    /// A capitalised token in mid-sentence: perhaps a name the lexicon lacks, so no ordinary edits.
    name_like: bool,
}

/// Candidates found for a (token, mixed case, name-like) triple, shared by the token's occurrences.
type CandidateCache = BTreeMap<(String, bool, bool), Option<(BTreeMap<String, f64>, usize)>>;

struct Vocabulary<'a> {
    freq: HashMap<String, usize>,
    common: HashSet<&'a str>,
    /// Frequent tokens that are repeated misreadings of a word, not words.
    misread: HashSet<String>,
    /// Known words by (number of characters, first character) and (number, last character).
    /// Each word with its [`letter_mask`].
    by_first: BTreeMap<(usize, char), Vec<(u32, String)>>,
    by_last: BTreeMap<(usize, char), Vec<(u32, String)>>,
    /// Known word -> the known words the record prints right after it (before it), with counts.
    after: BTreeMap<String, BTreeMap<String, usize>>,
    before: BTreeMap<String, BTreeMap<String, usize>>,
    /// Every pair of known words printed one after the other, with its count.
    pairs: BTreeMap<(String, String), usize>,
}

impl Vocabulary<'_> {
    fn count(&self, word: &str) -> usize {
        self.freq.get(word).copied().unwrap_or(0)
    }

    /// A word of four letters or more that the record uses often and that is not a repeated misreading.
    fn record_word(&self, word: &str) -> bool {
        word.chars().count() > 3
            && word.chars().all(char::is_alphabetic)
            && self.count(word) >= FREQUENT
            && !self.misread.contains(word)
    }

    /// A real word: in the common list, in the lexicon, or used often in the record. A word of up to
    /// three letters must be in the common list or common in the lexicon (short OCR debris such as
    /// "oi" or "tll" can be frequent, and the lexicon holds a few rare short forms and names).
    fn is_known(&self, word: &str) -> bool {
        if !word.chars().all(char::is_alphabetic) {
            return false;
        }
        if self.common.contains(word) {
            return true;
        }
        // Two-letter words are all in the common list ("al" and "ai" are not words); three-letter
        // ones must be common in the lexicon.
        let n = word.chars().count();
        if n <= 2 {
            return false;
        }
        if n == 3 {
            return lexicon::count(word) >= 20;
        }
        lexicon::contains(word) || self.record_word(word)
    }

    /// How likely a word is a priori: its uses in the record (weighted) and in the lexicon.
    fn prior(&self, word: &str) -> f64 {
        let record = self.count(word) as u32 * RECORD_WEIGHT;
        let common = if self.common.contains(word) { 50 } else { 0 };
        f64::from(record + lexicon::frequency(word) + common)
    }

    /// The word a rare, unknown lower-case token should be, if one candidate is clearly the best.
    /// `cache` keeps the candidates found for a token without its context (the costly part).
    fn correction(
        &self,
        token: &str,
        context: &Context<'_>,
        cache: &mut CandidateCache,
    ) -> Option<String> {
        // A known word is never changed, nor a long token of letters the record uses often (a name).
        // A frequent short token that is not a word (OCR debris such as "oi") is still corrected, and
        // so is a frequent one with debris in it ("~ations").
        if self.is_known(token)
            || (self.count(token) > RARE
                && token.chars().count() > 3
                && token.chars().all(char::is_alphabetic)
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
            return self
                .correction(stem, context, cache)
                .map(|w| format!("{w}'s"));
        }
        let key = (token.to_owned(), context.mixed_case, context.name_like);
        let found = cache
            .entry(key)
            .or_insert_with(|| self.candidates(token, context))
            .clone();
        let (mut candidates, letters) = found?;
        let debris = token.chars().any(|c| !c.is_alphabetic()) || context.mixed_case;
        // 3. The record's own phrasing: a word that follows the previous token (or precedes the next)
        // at least twice in the record and is close to the token ("concerning amled" where the
        // record says "concerning armed").
        let letters_only: String = token.chars().filter(|c| c.is_alphabetic()).collect();
        let neighbours = [
            context.before.and_then(|b| self.after.get(b)),
            context.after.and_then(|a| self.before.get(a)),
        ];
        for words in neighbours.into_iter().flatten() {
            for (word, n) in words {
                if *n < 2 || word == token {
                    continue;
                }
                // One letter off in a phrase the record prints twice; two letters off in a phrase
                // it prints three times or more, in a token of five letters or more that is not
                // perhaps a name ("Tapan" is not "Taiwan" for being printed where "Taiwan" is).
                let distance = levenshtein(&letters_only, word);
                let close = distance <= 1
                    || (distance == 2 && *n >= 3 && letters >= 5 && !context.name_like);
                if close && 2 * distance <= letters {
                    let cost = 0.5 * distance as f64;
                    let slot = candidates.entry(word.clone()).or_insert(f64::INFINITY);
                    if cost < *slot {
                        *slot = cost;
                    }
                }
            }
        }
        // A word the record prints between the same two words, on each side at least once and four
        // times in all ("in favour ai the" where the record says "favour of" and "of the"), may be
        // two letters off, by the OCR's confusions, even
        // in a short token: the frame says which word it is.
        if let (Some(before), Some(after)) = (context.before, context.after)
            && let Some(followers) = self.after_any(before)
        {
            for (word, n) in followers {
                if n < 2 || word == token {
                    continue;
                }
                let m = self
                    .pairs
                    .get(&(word.to_owned(), after.to_owned()))
                    .copied()
                    .unwrap_or(0);
                // At most one change by the OCR's reckoning: "ai" is "of" by two of its usual
                // confusions, "un" is not "to". A token visibly garbled in a frame the record prints
                // five times or more on each side ("the l.fnite<1 States") may be further off: half
                // a change per letter.
                if m == 0 || n + m < 4 || word.chars().count().abs_diff(token.chars().count()) > 3 {
                    continue;
                }
                let strong = debris && n >= 5 && m >= 5;
                let allowed = if strong {
                    (0.5 * letters as f64).max(1.0)
                } else {
                    1.0
                };
                let distance = ocr_distance(token, word);
                if distance <= allowed + 1e-9 {
                    let cost = 0.5 * distance;
                    let slot = candidates.entry(word.to_owned()).or_insert(f64::INFINITY);
                    if cost < *slot {
                        *slot = cost;
                    }
                }
            }
        }
        // A capitalised token in mid-sentence may be a name the lexicon lacks ("Dulles"): it becomes
        // only a word that the record itself uses or a very common one.
        if context.name_like {
            candidates.retain(|w, _| self.count(w) > 0 || self.common.contains(w.as_str()));
        }
        // The best by cost less frequency; taken only when it is clearly better than the next.
        let mut scored: Vec<(f64, &String)> = candidates
            .iter()
            .map(|(w, cost)| (cost - FREQUENCY_WEIGHT * (1.0 + self.prior(w)).ln(), w))
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(b.1)));
        match scored.as_slice() {
            [] => None,
            [(_, only)] => Some((*only).clone()),
            [(best, word), (second, _), ..] => (second - best >= MARGIN).then(|| (*word).clone()),
        }
    }

    /// The known words a token can be turned into by confusions, debris readings and ordinary edits,
    /// with the cost of each, and the token's number of letters; None for a token that is not a word
    /// to correct (a number, a symbol, a compound).
    fn candidates(
        &self,
        token: &str,
        context: &Context<'_>,
    ) -> Option<(BTreeMap<String, f64>, usize)> {
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
        let debris = token.chars().any(|c| !c.is_alphabetic()) || context.mixed_case;
        let n_chars = token.chars().count();
        // The dearest change a token may need: a short token can hide many words.
        let budget = match letters {
            0..=3 => 1.0,
            4..=5 => 1.5,
            6..=7 => 2.0,
            // A long token with debris ("a1ternatiw") may need a confusion and two edits.
            _ if debris => 2.5,
            _ => 2.0,
        };
        let mut candidates: BTreeMap<String, f64> = BTreeMap::new();
        // A capitalised token in mid-sentence may be a name the lexicon lacks ("Dulles"): it becomes
        // only a word that the record itself uses or a very common one.
        let fits_name =
            |word: &str| !context.name_like || self.count(word) > 0 || self.common.contains(word);
        // A short clean token ("pan") is too easily a rare word by one confusion ("pari"): only a
        // word seen a few times may replace it.
        let short_clean = !debris && letters <= 4;
        let often_enough = |word: &str| {
            !short_clean
                || self.common.contains(word)
                || self.count(word) >= 2
                || lexicon::frequency(word) >= 5
        };
        let offer = |candidates: &mut BTreeMap<String, f64>, word: &str, cost: f64| {
            if cost <= budget + 1e-9
                && word != token
                && self.is_known(word)
                && fits_name(word)
                && often_enough(word)
            {
                let slot = candidates.entry(word.to_owned()).or_insert(f64::INFINITY);
                if cost < *slot {
                    *slot = cost;
                }
            }
        };
        // 1. The OCR's confusions and the reading of debris characters, in rounds: a clean token may
        // need two confusions when it is six letters or more, three when seven or more; a token with
        // debris may need two at any length.
        let rounds = if n_chars >= 7 {
            3
        } else if n_chars >= 6 || debris {
            2
        } else {
            1
        };
        // Every form reached, with its cost and the round that reached it at that cost. A hash map for
        // speed: it only feeds `candidates` (a sorted map that keeps the lowest cost whatever the
        // order) and the frontier, which is sorted explicitly below.
        let mut reached: HashMap<String, (f64, usize)> = HashMap::default();
        reached.insert(token.to_owned(), (0.0, 0));
        let mut frontier: Vec<(String, f64)> = vec![(token.to_owned(), 0.0)];
        for round in 1..=rounds {
            for (form, cost) in &frontier {
                // The confusions, then the readings of debris; only the steps within the budget.
                let within = |step: f64| cost + step <= budget + 1e-9;
                let mut step_to = |variant: &str, step: f64| {
                    let total = cost + step;
                    if reached.get(variant).is_some_and(|(c, _)| *c <= total) {
                        return;
                    }
                    offer(&mut candidates, variant, total);
                    reached.insert(variant.to_owned(), (total, round));
                };
                for_each_confusion(form, within, &mut step_to);
                for_each_debris_reading(form, within, &mut step_to);
            }
            // A round that found words ends the search: further confusions only reach dearer
            // readings (and the work grows with every round).
            if !candidates.is_empty() || round == rounds {
                break;
            }
            // The cheapest forms this round reached go on to the next (a bound on the work for a long
            // garbled token); ties in alphabetical order, so the result is stable.
            let mut ordered: Vec<(&String, f64)> = reached
                .iter()
                .filter(|(_, (_, r))| *r == round)
                .map(|(form, (cost, _))| (form, *cost))
                .collect();
            let by_cost =
                |a: &(&String, f64), b: &(&String, f64)| a.1.total_cmp(&b.1).then(a.0.cmp(b.0));
            // The 25 cheapest first, then only those sorted: the order is total (forms are distinct),
            // so this is the full sort's first 25 at a fraction of its cost.
            if ordered.len() > FRONTIER {
                ordered.select_nth_unstable_by(FRONTIER - 1, by_cost);
                ordered.truncate(FRONTIER);
            }
            ordered.sort_by(by_cost);
            frontier = ordered
                .into_iter()
                .map(|(form, cost)| (form.clone(), cost))
                .collect();
        }
        // 2. Ordinary edits, dearer, when no confusion found a word. A token that is visibly garbled (a character that is no letter,
        // or a capital after small letters) may take one edit, two when long. A clean token missing
        // from the lexicon is as likely a real word the lexicon lacks ("gentleman", "tactics") as a
        // misreading: it takes one edit only when it is seven letters or more, keeps its first and
        // last letter, and becomes a word the record itself uses often ("inrluded" -> "included").
        let long = letters >= 8;
        let clean_long = !debris && letters >= 7;
        if (debris || clean_long) && candidates.is_empty() {
            // Edits start from the token and from its cheapest unknown forms after confusions, those
            // with the fewest characters that are no letter first (dropped specks are cheap).
            let non_letters = |w: &str| w.chars().filter(|c| !c.is_alphabetic()).count();
            let bases: Vec<(usize, f64, &String)> = reached
                .iter()
                .filter(|(_, (cost, _))| *cost + EDIT <= budget + 1e-9)
                .map(|(form, (cost, _))| (non_letters(form), *cost, form))
                .collect();
            // Known forms were offered already; edits start from the others.
            let n_bases = if debris { 6 } else { 3 };
            let bases = self.first_unknown(bases, n_bases);
            for (k, (_, cost, base)) in bases.into_iter().enumerate() {
                let chars: Vec<char> = base.chars().collect();
                // Two edits only in a long garbled token, from its three best forms: a long word is
                // rarely two edits from another by chance.
                let max_edits = if debris && long && cost <= 0.5 && k < 3 {
                    2
                } else {
                    1
                };
                for (word, edits) in self.near_words(&chars, max_edits) {
                    let keeps_ends = word.chars().next() == token.chars().next()
                        && word.chars().last() == token.chars().last();
                    // Two edits reach many words by chance: only a word seen a few times (in the
                    // record or the lexicon) is taken that far.
                    let seen = self.count(&word) >= 2 || lexicon::count(&word) >= 3;
                    let plausible = edits < 2 || seen;
                    if plausible && (debris || (keeps_ends && self.count(&word) >= FREQUENT)) {
                        offer(&mut candidates, &word, cost + EDIT * edits as f64);
                    }
                }
            }
        }
        Some((candidates, letters))
    }

    /// The first `n` of `bases` in (characters that are no letter, cost, form) order whose form is not a
    /// known word. The same as sorting them all and filtering, but only the head is sorted: a token's
    /// readings number in the thousands and the head is all that is used.
    fn first_unknown<'f>(
        &self,
        mut bases: Vec<(usize, f64, &'f String)>,
        n: usize,
    ) -> Vec<(usize, f64, &'f String)> {
        let order = |a: &(usize, f64, &String), b: &(usize, f64, &String)| {
            a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2))
        };
        let mut head = n.max(1) * 4;
        loop {
            let whole = head >= bases.len();
            if !whole {
                bases.select_nth_unstable_by(head - 1, order);
                bases[..head].sort_by(order);
            } else {
                bases.sort_by(order);
            }
            let picked: Vec<(usize, f64, &String)> = bases[..head.min(bases.len())]
                .iter()
                .filter(|(_, _, form)| !self.is_known(form))
                .take(n)
                .copied()
                .collect();
            if picked.len() == n || whole {
                return picked;
            }
            head *= 4;
        }
    }

    /// The known words the record prints right after `word`, with their counts.
    fn after_any<'s>(&'s self, word: &str) -> Option<Vec<(&'s str, usize)>> {
        let from = (word.to_owned(), String::new());
        let out: Vec<(&str, usize)> = self
            .pairs
            .range(from..)
            .take_while(|((a, _), _)| a == word)
            .map(|((_, b), n)| (b.as_str(), *n))
            .collect();
        (!out.is_empty()).then_some(out)
    }

    /// The known words within `max_edits` ordinary edits of `chars` (one or two), with their distance.
    fn near_words(&self, chars: &[char], max_edits: usize) -> Vec<(String, usize)> {
        let n = chars.len();
        let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else {
            return Vec::new();
        };
        let mut out: BTreeMap<String, usize> = BTreeMap::new();
        // Letters of the form, counted: a word with more than `max_edits` letters the form lacks
        // cannot be that close (a cheap test before the edit distance).
        let mut bag = [0i32; 27];
        let slot = |c: char| (c as usize).wrapping_sub('a' as usize).min(26);
        for &c in chars {
            bag[slot(c)] += 1;
        }
        let form_mask = letter_mask(chars);
        let lo = n.saturating_sub(max_edits).max(2);
        // The characters of the word being compared, in one reused buffer.
        let mut wc: Vec<char> = Vec::with_capacity(n + max_edits);
        for len in lo..=n + max_edits {
            for bucket in [
                self.by_first.get(&(len, first)),
                self.by_last.get(&(len, last)),
            ]
            .into_iter()
            .flatten()
            {
                for (w_mask, w) in bucket {
                    // Each letter the word has and the form lacks altogether is at least one edit:
                    // a one-instruction test that settles most words before the letter count below.
                    if (w_mask & !form_mask).count_ones() as usize > max_edits
                        || out.contains_key(w)
                    {
                        continue;
                    }
                    let mut missing = 0;
                    let mut have = bag;
                    for c in w.chars() {
                        let k = slot(c);
                        have[k] -= 1;
                        if have[k] < 0 {
                            missing += 1;
                            if missing > max_edits {
                                break;
                            }
                        }
                    }
                    if missing > max_edits {
                        continue;
                    }
                    wc.clear();
                    wc.extend(w.chars());
                    if one_edit(chars, &wc) {
                        out.insert(w.clone(), 1);
                    } else if max_edits >= 2 && bounded_levenshtein(chars, &wc, 2) == Some(2) {
                        out.insert(w.clone(), 2);
                    }
                }
            }
        }
        out.into_iter().collect()
    }
}

/// The set of letter slots of `chars` as bits: a-z, and one slot for every other character (the same
/// slots as the letter count in [`Vocabulary::near_words`]).
fn letter_mask(chars: &[char]) -> u32 {
    chars.iter().fold(0, |mask, &c| {
        mask | 1 << (c as usize).wrapping_sub('a' as usize).min(26)
    })
}

/// True when the token has a capital after a small letter ("tOrln", "RAt'" is all capitals but one).
fn mixed_case(core: &str) -> bool {
    let chars: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    chars
        .windows(2)
        .any(|w| w[0].is_lowercase() && w[1].is_uppercase())
}

/// Every string made from `word` by applying one confusion at one place, with its cost.
fn confusion_variants(word: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for_each_confusion(
        word,
        |_| true,
        |variant, cost| out.push((variant.to_owned(), cost)),
    );
    out
}

/// Calls `f` with every string made from `word` by one confusion at one place and its cost, for the
/// costs `wanted` accepts, in table order. The strings are built in one reused buffer: a scan's
/// correction tries millions of them and keeps few.
fn for_each_confusion(word: &str, wanted: impl Fn(f64) -> bool, mut f: impl FnMut(&str, f64)) {
    let mut buf = String::with_capacity(word.len() + 4);
    // The bytes the word has: a confusion whose printed side starts with another is skipped unsearched.
    let mut present = [false; 256];
    for &b in word.as_bytes() {
        present[usize::from(b)] = true;
    }
    for (from, to, cost) in CONFUSIONS {
        if !from
            .as_bytes()
            .first()
            .is_some_and(|&b| present[usize::from(b)])
            || !wanted(*cost)
        {
            continue;
        }
        let mut search = 0;
        while let Some(pos) = find_short(&word.as_bytes()[search..], from.as_bytes()) {
            let at = search + pos;
            // An "e" read for a "c" is a misreading inside words ("Couneil", "eents"); at the start it
            // would turn real words ("East") into others ("Cast").
            if !(at == 0 && *from == "e") {
                splice_into(&mut buf, word, at, from.len(), to);
                f(&buf, *cost);
            }
            search = at + from.len();
        }
    }
}

/// The first place `needle` (a few bytes of UTF-8, not empty) occurs in `haystack`, as `str::find` gives
/// it; a plain scan, because the confusions are one to three bytes long and `find` sets up a searcher for
/// every call.
fn find_short(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    (0..(haystack.len() + 1).saturating_sub(needle.len()))
        .find(|&i| haystack[i] == first && haystack[i..].starts_with(needle))
}

/// Sets `buf` to `word` with the `len` bytes at `at` replaced by `with`.
fn splice_into(buf: &mut String, word: &str, at: usize, len: usize, with: &str) {
    buf.clear();
    buf.push_str(&word[..at]);
    buf.push_str(with);
    buf.push_str(&word[at + len..]);
}

/// Every string made from `word` by reading one character that is no letter as a letter it resembles
/// (or, for "~", any letter), or by dropping it as a speck. (The correction itself visits them with
/// [`for_each_debris_reading`]; the tests list them.)
#[cfg(test)]
fn debris_variants(word: &str) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for_each_debris_reading(
        word,
        |_| true,
        |variant, cost| out.push((variant.to_owned(), cost)),
    );
    out
}

/// Calls `f` with each of [`debris_variants`] for the costs `wanted` accepts, in the same order, built in
/// one reused buffer (see [`for_each_confusion`]).
fn for_each_debris_reading(word: &str, wanted: impl Fn(f64) -> bool, mut f: impl FnMut(&str, f64)) {
    let mut buf = String::with_capacity(word.len() + 4);
    for (at, c) in word.char_indices() {
        if c.is_alphabetic() {
            continue;
        }
        // A possessive's apostrophe and a word's hyphen are not specks.
        if c != '-' && wanted(DROP_SPECK) {
            splice_into(&mut buf, word, at, c.len_utf8(), "");
            f(&buf, DROP_SPECK);
        }
        let readings = if c == '~' {
            Some((ANY_LETTER, 0.6))
        } else {
            DEBRIS_READINGS
                .iter()
                .find(|(d, _)| *d == c)
                .map(|(_, r)| (*r, 0.5))
        };
        if let Some((letters, cost)) = readings.filter(|(_, cost)| wanted(*cost)) {
            let mut letter = [0u8; 4];
            for l in letters.chars() {
                splice_into(&mut buf, word, at, c.len_utf8(), l.encode_utf8(&mut letter));
                f(&buf, cost);
            }
        }
    }
}

/// The edit distance of two words (letters changed, added or dropped).
fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_levenshtein(&a, &b, usize::MAX).unwrap_or(usize::MAX)
}

/// The edit distance of `a` and `b` if it is at most `bound`, else None.
fn bounded_levenshtein(a: &[char], b: &[char], bound: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().is_some_and(|m| *m > bound) {
            return None;
        }
        previous = current;
    }
    let d = previous[b.len()];
    (d <= bound).then_some(d)
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

/// True when `a` becomes `b` by one edit: a character changed, added or dropped.
pub(crate) fn one_edit(a: &[char], b: &[char]) -> bool {
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
/// "COUNCIL". A token whose first letter the correction replaced ("Iike" -> "like", "l'nited") or that
/// begins with debris ("1ndia", "\\merica") takes a capital when `capital_here` (a sentence start, or
/// a word the record mostly writes with one).
fn apply_case(original: &str, word: &str, capital_here: bool) -> String {
    let kept = |c: char| {
        word.chars()
            .next()
            .is_some_and(|w| c.to_lowercase().eq(w.to_lowercase()))
    };
    // Capitals throughout, but for a first letter misread in small ("l'SSR" is "USSR").
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() > 1
        && letters[1..].iter().all(|c| c.is_uppercase())
        && (letters[0].is_uppercase() || !kept(letters[0]));
    if all_caps {
        return word.to_uppercase();
    }
    // A first letter the correction kept tells the case, and so does a capital it replaced by
    // another (a capital misread is still a capital: "Yery" -> "Very"), except "I", the OCR's
    // reading of a small "l" ("Iike" -> "like"). A small letter it replaced says nothing: often
    // a capital was read small ("l'nited" -> "United" where the record writes "United").
    let first = original.chars().next();
    let capital = match first {
        Some(c) if c.is_alphabetic() && kept(c) => c.is_uppercase(),
        Some(c) if c.is_uppercase() && c != 'I' => true,
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
    fn lexicon_and_confusions_correct_words_the_record_uses_once() {
        // None of these words recurs in the text: the lexicon and the OCR's confusions decide.
        let (out, log) = run(&[
            "Reservmg my right tt) object, I accept the a1ternatiw text.",
            "The meeting of the United Natio.ls discussed the i.lvasion.",
        ]);
        assert_eq!(
            out[0],
            "Reserving my right to object, I accept the alternative text."
        );
        assert_eq!(
            out[1],
            "The meeting of the United Nations discussed the invasion."
        );
        assert_eq!(log.total(), 5, "{log:?}");
    }

    #[test]
    fn lexicon_words_and_names_stay() {
        // "rose", "gentleman" and "tactics" are English words (the first two in the lexicon or the
        // common list, the last absent from both: a clean token is never edited into "tackles").
        // "Dulles" is a name in mid-sentence: no confusion turns it into a word the text does not use.
        // A bracket that closes an opened one stays a bracket.
        let (out, log) = run(&[
            "The meeting rose. The gentleman spoke of tactics with Mr. Dulles (in New York).",
        ]);
        assert_eq!(
            out[0],
            "The meeting rose. The gentleman spoke of tactics with Mr. Dulles (in New York)."
        );
        assert_eq!(log.total(), 0, "{log:?}");
    }

    #[test]
    fn the_records_phrasing_decides() {
        // "amled" is two letters off "armed"; the text prints "concerning armed" three times.
        // "ai" between "favour" and "the" is the "of" of "in favour of the".
        let mut texts = vec!["concerning armed invasion of the territory".to_owned(); 3];
        texts.push("in favour of the proposal".to_owned());
        texts.push("in favour of the text".to_owned());
        texts.push(
            "the complaint concerning amled invasion; those in favour ai the draft".to_owned(),
        );
        let mut refs: Vec<&mut String> = texts.iter_mut().collect();
        let log = correct_texts(&mut refs);
        assert_eq!(
            texts[5],
            "the complaint concerning armed invasion; those in favour of the draft"
        );
        assert_eq!(log.total(), 2, "{log:?}");
    }

    #[test]
    fn frequent_debris_is_not_a_name() {
        // A token with a character that is no letter is corrected however often the OCR repeats it.
        let texts: Vec<&str> = vec!["the ~ations of the world"; 4];
        let (out, log) = run(&texts);
        assert!(
            out.iter().all(|t| t == "the nations of the world"),
            "{out:?}"
        );
        assert_eq!(log.total(), 4);
    }

    #[test]
    fn weighted_confusions_and_edits() {
        assert_eq!(levenshtein("amled", "armed"), 2);
        assert_eq!(
            bounded_levenshtein(&['a', 'b'], &['x', 'y', 'z', 'w'], 1),
            None
        );
        let variants = confusion_variants("wonling");
        assert!(variants.iter().any(|(v, c)| v == "worling" && *c < EDIT));
        let debris = debris_variants("~ations");
        assert!(debris.iter().any(|(v, _)| v == "nations"));
        assert!(
            debris
                .iter()
                .any(|(v, c)| v == "ations" && *c == DROP_SPECK)
        );
        assert!(mixed_case("tOrln") && !mixed_case("Council") && !mixed_case("USSR"));
    }

    #[test]
    fn garbled_stage_directions_read_as_their_formula() {
        let present: Vec<String> = ["China", "Yugoslavia", "United States of America"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            stage_formula(
                "The ,.\"trl'sel/talin' of }'u!los/m'ia did not participate in 11z.. ,,·otil/Y.",
                &present
            )
            .as_deref(),
            Some("The representative of Yugoslavia did not participate in the voting.")
        );
        assert_eq!(
            stage_formula("The agenda, as amended, \"ms adopted.", &present).as_deref(),
            Some("The agenda, as amended, was adopted.")
        );
        // A different real word is not a misreading, and a formula printed right is left alone.
        assert_eq!(
            stage_formula("The agenda, as amended, was rejected.", &present),
            None
        );
        assert_eq!(stage_formula("The agenda was adopted.", &present), None);
        assert_eq!(
            stage_formula("The meeting rose at 6.30 p.m.", &present),
            None
        );
    }

    #[test]
    fn a_speech_ends_on_a_full_stop() {
        assert_eq!(
            full_stop_at_end("concerning Formosa (S/1716),").as_deref(),
            Some("concerning Formosa (S/1716).")
        );
        assert_eq!(
            full_stop_at_end("when this question is under discussion,\"").as_deref(),
            Some("when this question is under discussion.\"")
        );
        assert_eq!(full_stop_at_end("It reads:"), None);
        assert_eq!(full_stop_at_end("That is all."), None);
    }

    #[test]
    fn ocr_distance_prefers_the_confusions() {
        assert!(ocr_distance("cuha", "cuba") < 0.5);
        assert!(ocr_distance("ll1l1ia", "india") + 1.0 <= ocr_distance("ll1l1ia", "china"));
        assert_eq!(ocr_distance("norway", "norway"), 0.0);
    }

    #[test]
    fn case_follows_the_token() {
        assert_eq!(apply_case("Iike", "like", false), "like");
        assert_eq!(apply_case("Iike", "like", true), "Like");
        assert_eq!(apply_case("l'nited", "united", true), "United");
        assert_eq!(apply_case("l'nited", "united", false), "united");
        assert_eq!(apply_case("Yery", "very", false), "Very");
        assert_eq!(apply_case("l'SSR", "ussr", false), "USSR");
        assert_eq!(apply_case("Cauncil", "council", false), "Council");
        assert_eq!(apply_case("USSR", "ussr", false), "USSR");
    }

    #[test]
    fn the_letter_mask_never_rules_out_a_word_within_reach() {
        // A word one or two edits from a form lacks at most that many of the form's letter slots.
        let words = [
            "council", "counsel", "armed", "amled", "invasion", "ilvasion", "cuba", "cuha",
        ];
        for form in words {
            for word in words {
                let (f, w): (Vec<char>, Vec<char>) =
                    (form.chars().collect(), word.chars().collect());
                let lacking = (letter_mask(&w) & !letter_mask(&f)).count_ones() as usize;
                if let Some(d) = bounded_levenshtein(&f, &w, 2) {
                    assert!(lacking <= d, "{form} -> {word}: {lacking} > {d}");
                }
            }
        }
        assert_eq!(letter_mask(&['a', 'b', 'a']), 0b11);
        assert_eq!(letter_mask(&['~']), 1 << 26);
    }

    #[test]
    fn the_short_search_finds_what_str_find_finds() {
        let texts = [
            "",
            "m",
            "rnrn",
            "cauncil",
            "l'l'l",
            "ﬁrst rn",
            "ãrn~",
            "tt)tt)",
        ];
        for text in texts {
            for (from, _, _) in CONFUSIONS {
                for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                    assert_eq!(
                        find_short(&text.as_bytes()[start..], from.as_bytes()),
                        text[start..].find(from),
                        "{from:?} in {text:?} from {start}"
                    );
                }
            }
        }
    }

    #[test]
    fn tokens_keep_their_punctuation() {
        assert_eq!(split_token("\"thl',"), ("\"", "thl'", ","));
        assert_eq!(split_token("(Formosa)."), ("(", "Formosa", ")."));
        assert_eq!(split_token("--"), ("--", "", ""));
    }
}
