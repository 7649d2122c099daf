//! verbatim-eval: compares a parsed record in gold form with a hand-checked gold file.
//!
//! Input: two [`GoldRecord`]s (the expected one read from ../shared/corpus/gold, the actual one made by
//! `verbatim_record::gold::to_gold`) and the parsed record's coverage, which the gold files do not hold.
//! Output: a [`RecordScore`]: raw counts for every metric (so records can be summed into a [`Scores`]
//! total, micro-averaged) and the list of [`Mismatch`]es that explain them. Entry function:
//! [`evaluate`] ([`evaluate_failure`] scores a record that failed to parse as zero).
//! Out of scope: reading files, parsing PDFs, printing (the `verbatim eval` command does those).
//!
//! Matching rules, all on text normalised by [`normalize`] (case, quotes, dashes, whitespace):
//! - a turn matches when the speakers agree and the shorter `starts` is a word-prefix of the other;
//!   turns are aligned in order (longest common subsequence), never as sets;
//! - among matched turns, `ends` agree when the shorter is a word-suffix of the other;
//! - stage directions match by whole normalised text, aligned in order;
//! - a vote matches by draft symbol (both absent also agree) and, where the gold names a `part` and
//!   several gold votes share the draft symbol, by that part (word-prefix, so "draft resolution III"
//!   finds "draft resolution III, as amended"; parts named on both sides must always agree); votes are
//!   aligned in order. The gold's `subject` is an annotator's description, not printed text, so it is not
//!   a key: votes without a draft symbol match by their order among the votes;
//! - per-country positions are triples (vote, country, position); only triples of matched votes can
//!   match, so the positions of a missed vote count as missed;
//! - citations, members and agenda items are compared as sets.

use std::collections::BTreeSet;

use serde::Serialize;
use verbatim_record::gold::{GoldRecord, GoldTurn, GoldVote};

/// True positives, false positives and false negatives of one metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    pub tp: u64,
    pub fp: u64,
    #[serde(rename = "fn")]
    pub fn_: u64,
}

impl Prf {
    /// Precision; 1.0 when nothing was found (nothing found wrongly).
    pub fn precision(&self) -> f64 {
        ratio_or_one(self.tp, self.tp + self.fp)
    }
    /// Recall; 1.0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio_or_one(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: &Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio_or_one(num: u64, den: u64) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// Correct out of compared, for accuracies over matched items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Accuracy {
    pub correct: u64,
    pub total: u64,
}

impl Accuracy {
    /// None when nothing was compared (e.g. no matched votes): there is no accuracy to report.
    pub fn value(&self) -> Option<f64> {
        (self.total > 0).then(|| self.correct as f64 / self.total as f64)
    }
    fn push(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
    }
    fn add(&mut self, other: &Accuracy) {
        self.correct += other.correct;
        self.total += other.total;
    }
}

/// The raw counts of every metric, for one record or summed over several.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Scores {
    pub n_records: u64,
    /// Metadata fields (see [`METADATA_FIELDS`]) that agree.
    pub metadata: Accuracy,
    pub members: Prf,
    pub agenda: Prf,
    pub turns: Prf,
    pub turn_ends: Accuracy,
    pub affiliation: Accuracy,
    pub spoke_in: Accuracy,
    pub stage_directions: Prf,
    pub votes: Prf,
    pub vote_method: Accuracy,
    pub vote_counts: Accuracy,
    pub positions: Prf,
    pub outcome: Accuracy,
    pub resolution: Accuracy,
    pub citations: Prf,
    /// Sum of the records' coverage ratios (a failed parse adds 0); divided by `n_records` when shown,
    /// so the total is the mean coverage of the records.
    pub coverage_sum: f64,
}

/// The metadata fields that [`Scores::metadata`] counts, in this order.
pub const METADATA_FIELDS: [&str; 13] = [
    "symbol",
    "body",
    "meeting_number",
    "session",
    "year_label",
    "date",
    "called_to_order",
    "adjourned",
    "location",
    "president.name",
    "president.country",
    "members",
    "agenda",
];

impl Scores {
    pub fn add(&mut self, other: &Scores) {
        self.n_records += other.n_records;
        self.metadata.add(&other.metadata);
        self.members.add(&other.members);
        self.agenda.add(&other.agenda);
        self.turns.add(&other.turns);
        self.turn_ends.add(&other.turn_ends);
        self.affiliation.add(&other.affiliation);
        self.spoke_in.add(&other.spoke_in);
        self.stage_directions.add(&other.stage_directions);
        self.votes.add(&other.votes);
        self.vote_method.add(&other.vote_method);
        self.vote_counts.add(&other.vote_counts);
        self.positions.add(&other.positions);
        self.outcome.add(&other.outcome);
        self.resolution.add(&other.resolution);
        self.citations.add(&other.citations);
        self.coverage_sum += other.coverage_sum;
    }

    /// Mean coverage over the records; None for an empty total.
    pub fn coverage(&self) -> Option<f64> {
        (self.n_records > 0).then(|| self.coverage_sum / self.n_records as f64)
    }

    /// Every metric as (name, value), in a fixed order: the columns of the eval table, the keys of its
    /// JSON and of the floor file. A value is None where nothing was compared.
    pub fn metrics(&self) -> Vec<(&'static str, Option<f64>)> {
        let mut out = vec![("metadata", self.metadata.value())];
        let prf =
            |out: &mut Vec<(&'static str, Option<f64>)>, names: [&'static str; 3], m: &Prf| {
                out.push((names[0], Some(m.precision())));
                out.push((names[1], Some(m.recall())));
                out.push((names[2], Some(m.f1())));
            };
        out.push(("members_f1", Some(self.members.f1())));
        out.push(("agenda_f1", Some(self.agenda.f1())));
        prf(&mut out, ["turn_p", "turn_r", "turn_f1"], &self.turns);
        out.push(("turn_ends", self.turn_ends.value()));
        out.push(("affiliation", self.affiliation.value()));
        out.push(("spoke_in", self.spoke_in.value()));
        prf(
            &mut out,
            ["stage_p", "stage_r", "stage_f1"],
            &self.stage_directions,
        );
        prf(&mut out, ["vote_p", "vote_r", "vote_f1"], &self.votes);
        out.push(("vote_method", self.vote_method.value()));
        out.push(("vote_counts", self.vote_counts.value()));
        prf(
            &mut out,
            ["position_p", "position_r", "position_f1"],
            &self.positions,
        );
        out.push(("outcome", self.outcome.value()));
        out.push(("resolution", self.resolution.value()));
        prf(
            &mut out,
            ["citation_p", "citation_r", "citation_f1"],
            &self.citations,
        );
        out.push(("coverage", self.coverage()));
        out
    }

    /// One metric by its name in [`Scores::metrics`].
    pub fn metric(&self, name: &str) -> Option<Option<f64>> {
        self.metrics()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }
}

/// One disagreement between the gold file and the parsed record, for `verbatim eval --verbose`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mismatch {
    Metadata {
        field: &'static str,
        expected: String,
        actual: String,
    },
    MissingMember {
        member: String,
    },
    ExtraMember {
        member: String,
    },
    MissingAgendaItem {
        title: String,
    },
    ExtraAgendaItem {
        title: String,
    },
    /// A gold turn with no matching parsed turn; `index` is its position in the gold (from 0).
    MissingTurn {
        index: usize,
        speaker: String,
        starts: String,
    },
    /// A parsed turn with no matching gold turn; `index` is its position in the parsed record.
    ExtraTurn {
        index: usize,
        speaker: String,
        starts: String,
    },
    WrongEnd {
        index: usize,
        speaker: String,
        expected: String,
        actual: String,
    },
    WrongAffiliation {
        index: usize,
        speaker: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    WrongSpokeIn {
        index: usize,
        speaker: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    MissingStageDirection {
        text: String,
    },
    ExtraStageDirection {
        text: String,
    },
    MissingVote {
        vote: String,
    },
    ExtraVote {
        vote: String,
    },
    WrongVoteMethod {
        vote: String,
        expected: String,
        actual: String,
    },
    WrongCounts {
        vote: String,
        expected: Option<[Option<u32>; 3]>,
        actual: Option<[Option<u32>; 3]>,
    },
    WrongOutcome {
        vote: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    WrongResolution {
        vote: String,
        expected: Option<String>,
        actual: Option<String>,
    },
    /// A country's position in the gold that the parsed vote lacks (or has under another position).
    MissingPosition {
        vote: String,
        country: String,
        position: &'static str,
    },
    ExtraPosition {
        vote: String,
        country: String,
        position: &'static str,
    },
    MissingCitation {
        symbol: String,
    },
    ExtraCitation {
        symbol: String,
    },
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "null".to_owned());
        match self {
            Mismatch::Metadata {
                field,
                expected,
                actual,
            } => write!(f, "metadata {field}: expected {expected}, got {actual}"),
            Mismatch::MissingMember { member } => write!(f, "missing member: {member}"),
            Mismatch::ExtraMember { member } => write!(f, "extra member: {member}"),
            Mismatch::MissingAgendaItem { title } => write!(f, "missing agenda item: {title}"),
            Mismatch::ExtraAgendaItem { title } => write!(f, "extra agenda item: {title}"),
            Mismatch::MissingTurn {
                index,
                speaker,
                starts,
            } => write!(f, "missing turn #{index}: {speaker}: {starts:?}"),
            Mismatch::ExtraTurn {
                index,
                speaker,
                starts,
            } => write!(f, "extra turn (parsed #{index}): {speaker}: {starts:?}"),
            Mismatch::WrongEnd {
                index,
                speaker,
                expected,
                actual,
            } => write!(
                f,
                "wrong end of turn #{index} ({speaker}): expected {expected:?}, got {actual:?}"
            ),
            Mismatch::WrongAffiliation {
                index,
                speaker,
                expected,
                actual,
            } => write!(
                f,
                "wrong affiliation of turn #{index} ({speaker}): expected {}, got {}",
                opt(expected),
                opt(actual)
            ),
            Mismatch::WrongSpokeIn {
                index,
                speaker,
                expected,
                actual,
            } => write!(
                f,
                "wrong spoke_in of turn #{index} ({speaker}): expected {}, got {}",
                opt(expected),
                opt(actual)
            ),
            Mismatch::MissingStageDirection { text } => {
                write!(f, "missing stage direction: {text:?}")
            }
            Mismatch::ExtraStageDirection { text } => write!(f, "extra stage direction: {text:?}"),
            Mismatch::MissingVote { vote } => write!(f, "missing vote: {vote}"),
            Mismatch::ExtraVote { vote } => write!(f, "extra vote: {vote}"),
            Mismatch::WrongVoteMethod {
                vote,
                expected,
                actual,
            } => write!(
                f,
                "wrong method of vote {vote}: expected {expected}, got {actual}"
            ),
            Mismatch::WrongCounts {
                vote,
                expected,
                actual,
            } => write!(
                f,
                "wrong counts of vote {vote}: expected {}, got {}",
                counts_str(expected),
                counts_str(actual)
            ),
            Mismatch::WrongOutcome {
                vote,
                expected,
                actual,
            } => write!(
                f,
                "wrong outcome of vote {vote}: expected {}, got {}",
                opt(expected),
                opt(actual)
            ),
            Mismatch::WrongResolution {
                vote,
                expected,
                actual,
            } => write!(
                f,
                "wrong resolution of vote {vote}: expected {}, got {}",
                opt(expected),
                opt(actual)
            ),
            Mismatch::MissingPosition {
                vote,
                country,
                position,
            } => write!(f, "vote {vote}: missing {position}: {country}"),
            Mismatch::ExtraPosition {
                vote,
                country,
                position,
            } => write!(f, "vote {vote}: extra {position}: {country}"),
            Mismatch::MissingCitation { symbol } => write!(f, "missing citation: {symbol}"),
            Mismatch::ExtraCitation { symbol } => write!(f, "extra citation: {symbol}"),
        }
    }
}

/// "[13, 0, 2]", "[132, 54, null]" or "null".
pub fn counts_str(counts: &Option<[Option<u32>; 3]>) -> String {
    match counts {
        None => "null".to_owned(),
        Some(c) => {
            let parts: Vec<String> = c
                .iter()
                .map(|n| n.map_or_else(|| "null".to_owned(), |n| n.to_string()))
                .collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

/// The score of one record: its counts and the mismatches behind them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecordScore {
    /// The gold file's `file` (the PDF's name).
    pub file: String,
    /// Why the record could not be parsed, when it could not (it then scores zero).
    pub error: Option<String>,
    pub scores: Scores,
    pub mismatches: Vec<Mismatch>,
}

/// Scores a parsed record (`actual`, in gold form) against the gold (`expected`). `coverage` is the
/// parsed record's coverage ratio (placed body characters over body characters).
pub fn evaluate(expected: &GoldRecord, actual: &GoldRecord, coverage: f64) -> RecordScore {
    let mut scores = Scores {
        n_records: 1,
        coverage_sum: coverage,
        ..Scores::default()
    };
    let mut mismatches = Vec::new();
    compare_metadata(expected, actual, &mut scores, &mut mismatches);
    compare_turns(&expected.turns, &actual.turns, &mut scores, &mut mismatches);
    compare_stage_directions(
        &expected.stage_directions,
        &actual.stage_directions,
        &mut scores,
        &mut mismatches,
    );
    compare_votes(&expected.votes, &actual.votes, &mut scores, &mut mismatches);
    let (citations, missing, extra) = compare_sets(
        expected.documents_cited.iter().map(|s| normalize_symbol(s)),
        actual.documents_cited.iter().map(|s| normalize_symbol(s)),
    );
    scores.citations = citations;
    mismatches.extend(
        missing
            .into_iter()
            .map(|symbol| Mismatch::MissingCitation { symbol }),
    );
    mismatches.extend(
        extra
            .into_iter()
            .map(|symbol| Mismatch::ExtraCitation { symbol }),
    );
    RecordScore {
        file: expected.file.clone(),
        error: None,
        scores,
        mismatches,
    }
}

/// Scores a record that failed to parse: everything expected is missed, no metadata field is right and
/// coverage is zero. Fields the gold leaves null would agree with an empty record, which is why this
/// does not simply evaluate against one.
pub fn evaluate_failure(expected: &GoldRecord, error: &str) -> RecordScore {
    let empty = GoldRecord {
        file: expected.file.clone(),
        symbol: String::new(),
        body: String::new(),
        meeting_number: None,
        session: None,
        year_label: None,
        date: None,
        called_to_order: None,
        adjourned: None,
        location: None,
        president: Default::default(),
        members: Vec::new(),
        agenda: Vec::new(),
        turns: Vec::new(),
        stage_directions: Vec::new(),
        votes: Vec::new(),
        documents_cited: Vec::new(),
        notes: String::new(),
    };
    let mut score = evaluate(expected, &empty, 0.0);
    score.scores.metadata = Accuracy {
        correct: 0,
        total: METADATA_FIELDS.len() as u64,
    };
    score
        .mismatches
        .retain(|m| !matches!(m, Mismatch::Metadata { .. }));
    score.error = Some(error.to_owned());
    score
}

/// Text as compared: lower case, typographic quotes and dashes folded to ASCII, ligatures split, soft
/// hyphens dropped, runs of whitespace (including no-break spaces) collapsed to one space, trimmed.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        let mapped: &str = match ch {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
                "'"
            }
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => "\"",
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
            | '\u{2212}' => "-",
            '\u{FB00}' => "ff",
            '\u{FB01}' => "fi",
            '\u{FB02}' => "fl",
            '\u{FB03}' => "ffi",
            '\u{FB04}' => "ffl",
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => "",
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            _ => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(ch.to_lowercase());
                continue;
            }
        };
        if mapped.is_empty() {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(mapped);
    }
    out
}

/// A document symbol as compared: whitespace collapsed, upper case ("s/pv.8422" = "S/PV.8422").
fn normalize_symbol(symbol: &str) -> String {
    normalize(symbol).to_uppercase()
}

/// A country name in a vote list: normalised, without the full stop that ends a printed list.
fn normalize_country(name: &str) -> String {
    normalize(name)
        .trim_end_matches(['.', ',', ';', ':'])
        .trim()
        .to_owned()
}

/// An agenda entry: normalised, "Agenda items" read as "Agenda item" (the records print the singular
/// even before two numbers), without a trailing full stop.
fn normalize_agenda(title: &str) -> String {
    let n = normalize(title);
    let n = match n.strip_prefix("agenda items ") {
        Some(rest) => format!("agenda item {rest}"),
        None => n,
    };
    n.trim_end_matches('.').trim().to_owned()
}

/// True when the shorter word sequence is a prefix (`from_end == false`) or suffix of the longer one.
/// Two empty texts agree; an empty text agrees with nothing else.
fn words_agree(a: &str, b: &str, from_end: bool) -> bool {
    let (a, b) = (normalize(a), normalize(b));
    let wa: Vec<&str> = a.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: Vec<&str> = b.split(' ').filter(|w| !w.is_empty()).collect();
    if wa.is_empty() || wb.is_empty() {
        return wa.is_empty() && wb.is_empty();
    }
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if from_end {
        long.ends_with(short)
    } else {
        long.starts_with(short)
    }
}

fn opt_agree(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => normalize(a) == normalize(b),
        _ => false,
    }
}

fn opt_show(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "null".to_owned())
}

fn num_show(value: Option<u32>) -> String {
    value.map_or_else(|| "null".to_owned(), |n| n.to_string())
}

fn compare_metadata(
    expected: &GoldRecord,
    actual: &GoldRecord,
    scores: &mut Scores,
    mismatches: &mut Vec<Mismatch>,
) {
    let mut check = |field: &'static str, ok: bool, e: String, a: String| {
        scores.metadata.push(ok);
        if !ok {
            mismatches.push(Mismatch::Metadata {
                field,
                expected: e,
                actual: a,
            });
        }
    };
    check(
        "symbol",
        normalize_symbol(&expected.symbol) == normalize_symbol(&actual.symbol),
        expected.symbol.clone(),
        actual.symbol.clone(),
    );
    check(
        "body",
        normalize(&expected.body) == normalize(&actual.body),
        expected.body.clone(),
        actual.body.clone(),
    );
    check(
        "meeting_number",
        expected.meeting_number == actual.meeting_number,
        num_show(expected.meeting_number),
        num_show(actual.meeting_number),
    );
    check(
        "session",
        expected.session == actual.session,
        num_show(expected.session),
        num_show(actual.session),
    );
    let text_fields: [(&'static str, &Option<String>, &Option<String>); 7] = [
        ("year_label", &expected.year_label, &actual.year_label),
        ("date", &expected.date, &actual.date),
        (
            "called_to_order",
            &expected.called_to_order,
            &actual.called_to_order,
        ),
        ("adjourned", &expected.adjourned, &actual.adjourned),
        ("location", &expected.location, &actual.location),
        (
            "president.name",
            &expected.president.name,
            &actual.president.name,
        ),
        (
            "president.country",
            &expected.president.country,
            &actual.president.country,
        ),
    ];
    for (field, e, a) in text_fields {
        check(field, opt_agree(e, a), opt_show(e), opt_show(a));
    }

    let member_key = |m: &verbatim_record::gold::GoldMember| {
        format!(
            "{} | {}",
            normalize_country(&m.country),
            m.representative
                .as_deref()
                .map(normalize)
                .unwrap_or_default()
        )
    };
    let (members, missing, extra) = compare_sets(
        expected.members.iter().map(member_key),
        actual.members.iter().map(member_key),
    );
    scores.members = members;
    let members_ok = missing.is_empty() && extra.is_empty();
    scores.metadata.push(members_ok);
    mismatches.extend(
        missing
            .into_iter()
            .map(|member| Mismatch::MissingMember { member }),
    );
    mismatches.extend(
        extra
            .into_iter()
            .map(|member| Mismatch::ExtraMember { member }),
    );

    let (agenda, missing, extra) = compare_sets(
        expected.agenda.iter().map(|t| normalize_agenda(t)),
        actual.agenda.iter().map(|t| normalize_agenda(t)),
    );
    scores.agenda = agenda;
    let agenda_ok = missing.is_empty() && extra.is_empty();
    scores.metadata.push(agenda_ok);
    mismatches.extend(
        missing
            .into_iter()
            .map(|title| Mismatch::MissingAgendaItem { title }),
    );
    mismatches.extend(
        extra
            .into_iter()
            .map(|title| Mismatch::ExtraAgendaItem { title }),
    );
}

/// Set comparison of normalised keys: counts, then the missing and the extra keys (sorted).
fn compare_sets(
    expected: impl Iterator<Item = String>,
    actual: impl Iterator<Item = String>,
) -> (Prf, Vec<String>, Vec<String>) {
    let expected: BTreeSet<String> = expected.collect();
    let actual: BTreeSet<String> = actual.collect();
    let tp = expected.intersection(&actual).count() as u64;
    let missing: Vec<String> = expected.difference(&actual).cloned().collect();
    let extra: Vec<String> = actual.difference(&expected).cloned().collect();
    let prf = Prf {
        tp,
        fp: extra.len() as u64,
        fn_: missing.len() as u64,
    };
    (prf, missing, extra)
}

/// Longest common subsequence of two sequences under `agree`: the matched index pairs, in order.
/// Ties are broken the same way every time (prefer skipping an expected item), so output is stable.
pub fn align<A, B>(
    expected: &[A],
    actual: &[B],
    agree: impl Fn(&A, &B) -> bool,
) -> Vec<(usize, usize)> {
    let (n, m) = (expected.len(), actual.len());
    // lcs[i][j] = length of the LCS of expected[i..] and actual[j..], in one flat table.
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if agree(&expected[i], &actual[j]) {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if agree(&expected[i], &actual[j]) && lcs[i * width + j] == lcs[(i + 1) * width + j + 1] + 1
        {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * width + j] >= lcs[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// One step of a walk through two aligned sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// An expected item with no counterpart.
    Missing(usize),
    /// An actual item with no counterpart.
    Extra(usize),
    /// A matched pair (expected, actual).
    Pair(usize, usize),
}

/// Both sequences in order, like a diff: unmatched items appear where they sit between matched pairs,
/// so `--verbose` shows a missed turn next to the extra turn that took its place.
fn walk(n_expected: usize, n_actual: usize, pairs: &[(usize, usize)]) -> Vec<Step> {
    let mut steps = Vec::with_capacity(n_expected + n_actual);
    let (mut i, mut j) = (0, 0);
    for &(pi, pj) in pairs.iter().chain(std::iter::once(&(n_expected, n_actual))) {
        steps.extend((i..pi).map(Step::Missing));
        steps.extend((j..pj).map(Step::Extra));
        if pi < n_expected && pj < n_actual {
            steps.push(Step::Pair(pi, pj));
        }
        (i, j) = (pi + 1, pj + 1);
    }
    steps
}

fn turns_agree(e: &GoldTurn, a: &GoldTurn) -> bool {
    normalize(&e.speaker) == normalize(&a.speaker) && words_agree(&e.starts, &a.starts, false)
}

fn compare_turns(
    expected: &[GoldTurn],
    actual: &[GoldTurn],
    scores: &mut Scores,
    mismatches: &mut Vec<Mismatch>,
) {
    let pairs = align(expected, actual, turns_agree);
    scores.turns = Prf {
        tp: pairs.len() as u64,
        fp: (actual.len() - pairs.len()) as u64,
        fn_: (expected.len() - pairs.len()) as u64,
    };
    for step in walk(expected.len(), actual.len(), &pairs) {
        let (index, j) = match step {
            Step::Missing(index) => {
                mismatches.push(Mismatch::MissingTurn {
                    index,
                    speaker: expected[index].speaker.clone(),
                    starts: expected[index].starts.clone(),
                });
                continue;
            }
            Step::Extra(index) => {
                mismatches.push(Mismatch::ExtraTurn {
                    index,
                    speaker: actual[index].speaker.clone(),
                    starts: actual[index].starts.clone(),
                });
                continue;
            }
            Step::Pair(index, j) => (index, j),
        };
        let (e, a) = (&expected[index], &actual[j]);
        let ends_ok = words_agree(&e.ends, &a.ends, true);
        scores.turn_ends.push(ends_ok);
        if !ends_ok {
            mismatches.push(Mismatch::WrongEnd {
                index,
                speaker: e.speaker.clone(),
                expected: e.ends.clone(),
                actual: a.ends.clone(),
            });
        }
        let affiliation_ok = opt_agree(&e.affiliation, &a.affiliation);
        scores.affiliation.push(affiliation_ok);
        if !affiliation_ok {
            mismatches.push(Mismatch::WrongAffiliation {
                index,
                speaker: e.speaker.clone(),
                expected: e.affiliation.clone(),
                actual: a.affiliation.clone(),
            });
        }
        let spoke_in_ok = opt_agree(&e.spoke_in, &a.spoke_in);
        scores.spoke_in.push(spoke_in_ok);
        if !spoke_in_ok {
            mismatches.push(Mismatch::WrongSpokeIn {
                index,
                speaker: e.speaker.clone(),
                expected: e.spoke_in.clone(),
                actual: a.spoke_in.clone(),
            });
        }
    }
}

fn compare_stage_directions(
    expected: &[String],
    actual: &[String],
    scores: &mut Scores,
    mismatches: &mut Vec<Mismatch>,
) {
    let expected_n: Vec<String> = expected.iter().map(|t| normalize(t)).collect();
    let actual_n: Vec<String> = actual.iter().map(|t| normalize(t)).collect();
    let pairs = align(&expected_n, &actual_n, |e, a| e == a);
    scores.stage_directions = Prf {
        tp: pairs.len() as u64,
        fp: (actual.len() - pairs.len()) as u64,
        fn_: (expected.len() - pairs.len()) as u64,
    };
    for step in walk(expected.len(), actual.len(), &pairs) {
        match step {
            Step::Missing(i) => mismatches.push(Mismatch::MissingStageDirection {
                text: expected[i].clone(),
            }),
            Step::Extra(j) => mismatches.push(Mismatch::ExtraStageDirection {
                text: actual[j].clone(),
            }),
            Step::Pair(..) => {}
        }
    }
}

/// Words of a `part` as compared: normalised, with punctuation at word edges removed.
fn part_words(part: &str) -> Vec<String> {
    normalize(part)
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether two votes are the same vote. `part_required` says whether the gold vote's draft symbol alone
/// is ambiguous (several gold votes share it, as the drafts inside one committee report do): only then
/// must the parsed vote name the part too. Where both name a part, the parts must agree.
fn votes_agree(e: &GoldVote, a: &GoldVote, part_required: bool) -> bool {
    let drafts_agree = match (&e.draft, &a.draft) {
        (None, None) => true,
        (Some(e), Some(a)) => normalize_symbol(e) == normalize_symbol(a),
        _ => false,
    };
    if !drafts_agree {
        return false;
    }
    match (&e.part, &a.part) {
        (None, _) => true,
        (Some(_), None) => !part_required,
        (Some(e), Some(a)) => {
            let (we, wa) = (part_words(e), part_words(a));
            if we.len() <= wa.len() {
                wa.starts_with(&we)
            } else {
                we.starts_with(&wa)
            }
        }
    }
}

/// A vote's name in mismatches: "A/65/448 draft resolution I", "S/2018/1016", or "#2 (no draft)".
fn vote_label(index: usize, vote: &GoldVote) -> String {
    let mut label = match &vote.draft {
        Some(draft) => draft.clone(),
        None => format!("#{index} (no draft)"),
    };
    if let Some(part) = &vote.part {
        label.push(' ');
        label.push_str(part);
    }
    label
}

/// The (country, position) pairs of a vote, normalised.
fn positions(vote: &GoldVote) -> BTreeSet<(String, &'static str)> {
    let lists: [(&'static str, &Vec<String>); 3] = [
        ("in favour", &vote.in_favour),
        ("against", &vote.against),
        ("abstaining", &vote.abstaining),
    ];
    let mut out = BTreeSet::new();
    for (position, names) in lists {
        for name in names {
            let country = normalize_country(name);
            if !country.is_empty() {
                out.insert((country, position));
            }
        }
    }
    out
}

fn compare_votes(
    expected: &[GoldVote],
    actual: &[GoldVote],
    scores: &mut Scores,
    mismatches: &mut Vec<Mismatch>,
) {
    // A draft symbol that several gold votes share needs the part to tell them apart.
    let shared: BTreeSet<String> = expected
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let draft = v.draft.as_deref()?;
            expected[..i]
                .iter()
                .any(|w| w.draft.as_deref() == Some(draft))
                .then(|| normalize_symbol(draft))
        })
        .collect();
    let pairs = align(expected, actual, |e, a| {
        let part_required = e
            .draft
            .as_deref()
            .is_some_and(|d| shared.contains(&normalize_symbol(d)));
        votes_agree(e, a, part_required)
    });
    scores.votes = Prf {
        tp: pairs.len() as u64,
        fp: (actual.len() - pairs.len()) as u64,
        fn_: (expected.len() - pairs.len()) as u64,
    };
    for step in walk(expected.len(), actual.len(), &pairs) {
        let (i, j) = match step {
            Step::Missing(i) => {
                // The positions of a missed vote are missed too.
                scores.positions.fn_ += positions(&expected[i]).len() as u64;
                mismatches.push(Mismatch::MissingVote {
                    vote: vote_label(i, &expected[i]),
                });
                continue;
            }
            Step::Extra(j) => {
                scores.positions.fp += positions(&actual[j]).len() as u64;
                mismatches.push(Mismatch::ExtraVote {
                    vote: vote_label(j, &actual[j]),
                });
                continue;
            }
            Step::Pair(i, j) => (i, j),
        };
        let (e, a) = (&expected[i], &actual[j]);
        let vote = vote_label(i, e);
        let method_ok = normalize(&e.method) == normalize(&a.method);
        scores.vote_method.push(method_ok);
        if !method_ok {
            mismatches.push(Mismatch::WrongVoteMethod {
                vote: vote.clone(),
                expected: e.method.clone(),
                actual: a.method.clone(),
            });
        }
        let counts_ok = e.counts == a.counts;
        scores.vote_counts.push(counts_ok);
        if !counts_ok {
            mismatches.push(Mismatch::WrongCounts {
                vote: vote.clone(),
                expected: e.counts,
                actual: a.counts,
            });
        }
        let outcome_ok = opt_agree(&e.outcome, &a.outcome);
        scores.outcome.push(outcome_ok);
        if !outcome_ok {
            mismatches.push(Mismatch::WrongOutcome {
                vote: vote.clone(),
                expected: e.outcome.clone(),
                actual: a.outcome.clone(),
            });
        }
        let resolution_ok = opt_agree(&e.resolution, &a.resolution);
        scores.resolution.push(resolution_ok);
        if !resolution_ok {
            mismatches.push(Mismatch::WrongResolution {
                vote: vote.clone(),
                expected: e.resolution.clone(),
                actual: a.resolution.clone(),
            });
        }
        let (pe, pa) = (positions(e), positions(a));
        scores.positions.tp += pe.intersection(&pa).count() as u64;
        for (country, position) in pe.difference(&pa) {
            scores.positions.fn_ += 1;
            mismatches.push(Mismatch::MissingPosition {
                vote: vote.clone(),
                country: country.clone(),
                position,
            });
        }
        for (country, position) in pa.difference(&pe) {
            scores.positions.fp += 1;
            mismatches.push(Mismatch::ExtraPosition {
                vote: vote.clone(),
                country: country.clone(),
                position,
            });
        }
    }
}
