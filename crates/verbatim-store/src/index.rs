//! The Tantivy side: one document per speech, the query builder, snippets, facets and keyword in context.

use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT, TantivyDocument, Value,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    COLLECT_BLOCK_BUFFER_LEN, DocAddress, DocId, Index, Score, Searcher, SegmentOrdinal,
    SegmentReader, Term,
};
use verbatim_record::{Body, MeetingRecord, ProceedingKind};

use crate::StoreError;
use crate::sql::{role_from_str, role_str, speech_text};
use crate::types::*;

/// Version of the index layout (fields and their options). A store whose index was built with another
/// layout has its index rebuilt from the tables on open.
pub const INDEX_LAYOUT_VERSION: u32 = 1;

/// The fields of a speech document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Meeting symbol, exact (STRING): the unit of deletion and the `--meeting` filter.
    pub meeting: Field,
    pub seq: Field,
    /// The speech's paragraphs, tokenized with positions (phrases) and stored (snippets, kwic).
    pub text: Field,
    /// The speaker's printed name, tokenized so that "Delattre" finds "Mr. Delattre".
    pub speaker: Field,
    pub affiliation: Field,
    /// ISO alpha-3 code, exact.
    pub country: Field,
    pub role: Field,
    pub body: Field,
    /// ISO date as stored, for display.
    pub date: Field,
    /// The date as the number yyyymmdd, for range filters.
    pub day: Field,
    /// The year as text, for the year facet.
    pub year: Field,
    /// Lowercased language of the original ("french").
    pub spoke_in: Field,
    /// Titles of the meeting's agenda items (searchable with `agenda:word`).
    pub agenda: Field,
}

pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        meeting: b.add_text_field("meeting", STRING | STORED | FAST),
        seq: b.add_u64_field("seq", STORED | FAST),
        text: b.add_text_field("text", TEXT | STORED),
        speaker: b.add_text_field("speaker", TEXT | STORED),
        affiliation: b.add_text_field("affiliation", TEXT | STORED),
        country: b.add_text_field("country", STRING | STORED | FAST),
        role: b.add_text_field("role", STRING | STORED),
        body: b.add_text_field("body", STRING | STORED | FAST),
        date: b.add_text_field("date", STORED),
        day: b.add_u64_field("day", INDEXED | FAST),
        year: b.add_text_field("year", STRING | FAST),
        spoke_in: b.add_text_field("spoke_in", STRING),
        agenda: b.add_text_field("agenda", TEXT),
    };
    (b.build(), fields)
}

/// The yyyymmdd number of an ISO date, or of the first/last day of a year given alone.
pub fn day_number(date: &str, end_of_period: bool) -> Option<u64> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let year: u64 = parts.first()?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month: u64 = match parts.get(1) {
        Some(m) => m.parse().ok().filter(|m| (1..=12).contains(m))?,
        None if end_of_period => 12,
        None => 1,
    };
    let day: u64 = match parts.get(2) {
        Some(d) => d.parse().ok().filter(|d| (1..=31).contains(d))?,
        None if end_of_period => 31,
        None => 1,
    };
    if parts.len() > 3 {
        return None;
    }
    Some(year * 10_000 + month * 100 + day)
}

/// The index documents of one meeting: one per speech, in proceeding order.
pub fn documents(fields: &Fields, record: &MeetingRecord) -> Vec<TantivyDocument> {
    let agenda: String = record
        .agenda
        .iter()
        .map(|a| a.title.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let day = record.date.as_deref().and_then(|d| day_number(d, false));
    let mut docs = Vec::new();
    for proceeding in &record.proceedings {
        let ProceedingKind::Speech(speech) = &proceeding.kind else {
            continue;
        };
        let sp = &speech.speaker;
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.meeting, &record.symbol);
        doc.add_u64(fields.seq, proceeding.seq as u64);
        doc.add_text(fields.text, speech_text(&speech.paragraphs));
        doc.add_text(fields.speaker, &sp.name);
        if let Some(affiliation) = &sp.affiliation {
            doc.add_text(fields.affiliation, affiliation);
        }
        if let Some(code) = &sp.country_code {
            doc.add_text(fields.country, code);
        }
        doc.add_text(fields.role, role_str(sp.role));
        doc.add_text(fields.body, record.body.as_str());
        if let Some(date) = &record.date {
            doc.add_text(fields.date, date);
            if let Some(year) = date.get(0..4) {
                doc.add_text(fields.year, year);
            }
        }
        if let Some(day) = day {
            doc.add_u64(fields.day, day);
        }
        if let Some(lang) = &speech.spoke_in {
            doc.add_text(fields.spoke_in, lang.to_lowercase());
        }
        if !agenda.is_empty() {
            doc.add_text(fields.agenda, &agenda);
        }
        docs.push(doc);
    }
    docs
}

/// Words of `text` as the index's tokenizer for `field` sees them (lowercased).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// For each word of `text`: its byte offsets and which of `words` it equals, if any. Tokens are compared
/// as the stream yields them, so that reading a long speech allocates nothing per word.
fn matching_tokens(
    analyzer: &mut TextAnalyzer,
    text: &str,
    words: &[String],
) -> Vec<(usize, usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let which = words.iter().position(|w| *w == token.text);
        out.push((token.offset_from, token.offset_to, which));
    }
    out
}

/// A filter whose country is already resolved to a code.
pub struct ResolvedFilter<'a> {
    pub filter: &'a SpeechFilter,
    pub country_code: Option<String>,
}

fn parse_bound(date: &str, end: bool) -> Result<u64, StoreError> {
    day_number(date, end).ok_or_else(|| StoreError::InvalidDate(date.to_owned()))
}

/// Clauses of a boolean query.
type Clauses = Vec<(Occur, Box<dyn Query>)>;

/// The filter clauses of a query (all must hold).
pub fn filter_clauses(
    index: &Index,
    fields: &Fields,
    resolved: &ResolvedFilter,
) -> Result<Clauses, StoreError> {
    let f = resolved.filter;
    let mut clauses: Clauses = Vec::new();
    let term = |field: Field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    if let Some(code) = &resolved.country_code {
        clauses.push((Occur::Must, term(fields.country, code)));
    }
    if let Some(speaker) = &f.speaker {
        let mut analyzer = index.tokenizer_for_field(fields.speaker)?;
        let words = tokens(&mut analyzer, speaker);
        if words.is_empty() {
            return Err(StoreError::EmptyFilter("speaker"));
        }
        for word in words {
            clauses.push((Occur::Must, term(fields.speaker, &word)));
        }
    }
    if let Some(body) = f.body {
        clauses.push((Occur::Must, term(fields.body, body.as_str())));
    }
    if let Some(meeting) = &f.meeting {
        clauses.push((Occur::Must, term(fields.meeting, meeting)));
    }
    if let Some(role) = f.role {
        clauses.push((Occur::Must, term(fields.role, role_str(role))));
    }
    if let Some(lang) = &f.spoke_in {
        clauses.push((
            Occur::Must,
            term(fields.spoke_in, &lang.trim().to_lowercase()),
        ));
    }
    if f.from.is_some() || f.to.is_some() {
        let lower = match &f.from {
            Some(d) => Bound::Included(Term::from_field_u64(fields.day, parse_bound(d, false)?)),
            None => Bound::Unbounded,
        };
        let upper = match &f.to {
            Some(d) => Bound::Included(Term::from_field_u64(fields.day, parse_bound(d, true)?)),
            None => Bound::Unbounded,
        };
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    Ok(clauses)
}

/// Parses the user's text query (conjunction by default: every word must occur, as in most search
/// engines, which is also faster) and joins it with the filters.
pub fn build_query(
    index: &Index,
    fields: &Fields,
    text: &str,
    resolved: &ResolvedFilter,
) -> Result<(Box<dyn Query>, bool), StoreError> {
    let mut clauses = filter_clauses(index, fields, resolved)?;
    let has_text = !text.trim().is_empty();
    if has_text {
        let mut parser = QueryParser::for_index(index, vec![fields.text]);
        parser.set_conjunction_by_default();
        let parsed = parser
            .parse_query(text)
            .map_err(|source| StoreError::BadQuery {
                query: text.to_owned(),
                source,
            })?;
        clauses.insert(0, (Occur::Must, parsed));
    }
    let query: Box<dyn Query> = if clauses.is_empty() {
        Box::new(AllQuery)
    } else if clauses.len() == 1 && has_text {
        clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(AllQuery))
    } else {
        if !has_text {
            clauses.insert(0, (Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    };
    Ok((query, has_text))
}

fn first_str(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_owned))
}

fn first_str_ref(doc: &TantivyDocument, field: Field) -> Option<&str> {
    doc.get_first(field).and_then(|v| v.as_str())
}

fn first_u64(doc: &TantivyDocument, field: Field) -> Option<u64> {
    doc.get_first(field).and_then(|v| v.as_u64())
}

fn body_from_str(text: &str) -> Body {
    match text {
        "SC" => Body::SC,
        "GA" => Body::GA,
        _ => Body::Other,
    }
}

/// The first `max_chars` characters of a text, cut at a word boundary where possible.
fn leading_excerpt(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max_chars).collect();
    match cut.rfind(char::is_whitespace) {
        Some(pos) if pos > max_chars / 2 => cut[..pos].to_owned(),
        _ => cut,
    }
}

pub fn search(
    searcher: &Searcher,
    index: &Index,
    fields: &Fields,
    facet_cache: &FacetCache,
    query: &SearchQuery,
    resolved: &ResolvedFilter,
) -> Result<SearchResults, StoreError> {
    let (tquery, has_text) = build_query(index, fields, &query.text, resolved)?;
    let limit = query.limit.max(1);
    let top = TopDocs::with_limit(limit)
        .and_offset(query.offset)
        .order_by_score();
    let facets = query.facets.then(|| {
        facet_cache.retain_segments(searcher);
        FacetCounts { cache: facet_cache }
    });
    let (top_docs, total, facet_counts) = if needs_positions(&*tquery) {
        // A phrase makes Tantivy read the positions of every candidate document, by far the
        // largest part of such a query; reading them twice (for the top hits, then to count) would
        // cost more than skipping blocks saves, so a phrase query is collected in one scored pass.
        searcher.search(&*tquery, &(top, Count, facets))?
    } else {
        // The top hits are collected alone: only a bare `TopDocs` lets Tantivy skip the blocks of
        // postings whose best possible score cannot enter the top (block-max WAND); collected in one
        // pass with the counters, every match would be scored. Counting needs every match but no
        // score, so it is a second pass without scoring: a bare `Count` is answered from the posting
        // lists' document frequencies where it can be, and the facets are counted from the
        // per-segment arrays of the `FacetCache`.
        let top_docs = searcher.search(&*tquery, &top)?;
        match facets {
            Some(facets) => {
                let (total, counts) = searcher.search(&*tquery, &(Count, facets))?;
                (top_docs, total, Some(counts))
            }
            None => (top_docs, searcher.search(&*tquery, &Count)?, None),
        }
    };
    let snippet_chars = query.snippet_chars.max(20);
    let terms = if has_text {
        Some(SnippetTerms::new(searcher, &*tquery, fields.text)?)
    } else {
        None
    };
    let mut hits = Vec::with_capacity(top_docs.len());
    let mut scratch = Vec::new();
    for (score, address) in top_docs {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = first_str_ref(&doc, fields.text).unwrap_or_default();
        let snippet = terms
            .as_ref()
            .and_then(|terms| best_fragment(text, terms, snippet_chars, &mut scratch))
            .unwrap_or_else(|| Snippet {
                text: leading_excerpt(text, snippet_chars),
                highlights: Vec::new(),
            });
        hits.push(hit_from_doc(
            fields,
            &doc,
            if has_text { score } else { 0.0 },
            snippet,
        ));
    }
    let facets = facet_counts.map(|counts| facet_cache.named(counts));
    Ok(SearchResults {
        total: total as u64,
        offset: query.offset,
        hits,
        facets,
    })
}

/// The fast fields the search facets count, in the order of [`Facets`]' fields.
const FACET_FIELDS: [&str; 3] = ["country", "year", "body"];

/// True when matching the query needs term positions (it holds a phrase).
fn needs_positions(query: &dyn Query) -> bool {
    let mut positions = false;
    query.query_terms(&mut |_, needs| positions |= needs);
    positions
}

fn hit_from_doc(
    fields: &Fields,
    doc: &TantivyDocument,
    score: Score,
    snippet: Snippet,
) -> SearchHit {
    SearchHit {
        meeting: first_str(doc, fields.meeting).unwrap_or_default(),
        seq: first_u64(doc, fields.seq).unwrap_or_default() as u32,
        speaker: first_str(doc, fields.speaker).unwrap_or_default(),
        affiliation: first_str(doc, fields.affiliation),
        country_code: first_str(doc, fields.country),
        role: first_str(doc, fields.role).and_then(|r| role_from_str(&r)),
        body: body_from_str(&first_str(doc, fields.body).unwrap_or_default()),
        date: first_str(doc, fields.date),
        score,
        snippet,
    }
}

/// The words of a query that a snippet highlights, each with its weight: rarer words weigh more
/// (1 / (1 + document frequency)), as in Tantivy's `SnippetGenerator`, whose choice of fragment this
/// module reproduces exactly (see [`best_fragment`]).
pub struct SnippetTerms {
    /// Lowercased words with their weights, in the words' order.
    terms: Vec<(String, Score)>,
    /// Bit `n` is set when some word is `n` bytes long (`n` < 64): an ASCII word of the text, whose
    /// lowercase form has its length, is compared only when its length is one of these.
    lengths: u64,
}

impl SnippetTerms {
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
    ) -> Result<SnippetTerms, StoreError> {
        let mut seen: Vec<&Term> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field && !seen.contains(&term) {
                seen.push(term);
            }
        });
        let mut terms: Vec<(String, Score)> = Vec::new();
        for term in seen {
            let value = term.value();
            let Some(word) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 && !terms.iter().any(|(w, _)| w == word) {
                terms.push((word.to_owned(), 1.0 / (1.0 + doc_freq as Score)));
            }
        }
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(SnippetTerms::from_weighted(terms))
    }

    fn from_weighted(terms: Vec<(String, Score)>) -> SnippetTerms {
        let lengths = terms.iter().map(|(w, _)| w.len()).fold(0u64, |bits, len| {
            bits | 1u64.checked_shl(len as u32).unwrap_or(0)
        });
        SnippetTerms { terms, lengths }
    }

    /// The weight of a word of the text, if it is one of the query's words. The word is compared as
    /// the index's default analyzer and the snippet generator see it: lowercased (ASCII words without
    /// allocating; other words character by character, then as a string, as those two steps do).
    fn weight(&self, word: &str, ascii: bool) -> Option<Score> {
        if ascii {
            let bytes = word.as_bytes();
            let len = bytes.len();
            // Words are shorter than `MAX_WORD_BYTES` (40), so the length always has its bit.
            if len < 64 && self.lengths & (1u64 << len) == 0 {
                return None;
            }
            self.terms.iter().find_map(|(term, weight)| {
                let t = term.as_bytes();
                (t.len() == len
                    && t.iter()
                        .zip(bytes)
                        .all(|(a, b)| *a == b.to_ascii_lowercase()))
                .then_some(*weight)
            })
        } else {
            let lowered: String = word.chars().flat_map(char::to_lowercase).collect();
            let lowered = lowered.to_lowercase();
            self.terms
                .iter()
                .find_map(|(term, weight)| (*term == lowered).then_some(*weight))
        }
    }
}

/// Longest word (in bytes, exclusive) that the index's default analyzer keeps.
const MAX_WORD_BYTES: usize = 40;

/// The character starting at byte `i` of `text` (a character boundary) if it is alphanumeric, with its
/// length in bytes; `None` when it is not.
fn alphanumeric_at(text: &str, i: usize) -> (bool, usize) {
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c.is_alphanumeric(), c.len_utf8()),
        None => (false, 1),
    }
}

/// Byte ranges of the words of `text` as the index's default analyzer splits them: maximal runs of
/// alphanumeric characters, without those of 40 bytes or more. The third value tells whether the
/// word is all ASCII. ASCII bytes are classified without decoding; the position only ever moves by
/// whole characters, so it is always at a character boundary.
fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, bool)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        // Between words.
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let (alnum, width) = alphanumeric_at(text, i);
            if !alnum {
                i += width;
                continue;
            }
        }
        // In a word.
        let from = i;
        let mut ascii = true;
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (alnum, width) = alphanumeric_at(text, i);
                if !alnum {
                    break;
                }
                ascii = false;
                i += width;
            }
        }
        if i - from < MAX_WORD_BYTES {
            f(from, i, ascii);
        }
    }
}

/// The best fragment of `text` for a snippet of at most `max_bytes` bytes, with the byte ranges of
/// the query's words in it (relative to the fragment), or `None` when no query word occurs.
///
/// This is the choice Tantivy's `SnippetGenerator` makes, computed in one pass without allocating per
/// word: the text is cut into consecutive fragments (a fragment ends before the first word that
/// would take it past `max_bytes` from its start), a fragment scores the sum of its query words'
/// weights, and the first fragment of the highest score wins. `scratch` holds the highlights of the
/// fragment being read and is reused between calls.
pub fn best_fragment(
    text: &str,
    terms: &SnippetTerms,
    max_bytes: usize,
    scratch: &mut Vec<[usize; 2]>,
) -> Option<Snippet> {
    struct Best {
        score: Score,
        start: usize,
        stop: usize,
        highlights: Vec<[usize; 2]>,
    }
    if terms.terms.is_empty() {
        return None;
    }
    let mut best: Option<Best> = None;
    let (mut score, mut start, mut stop): (Score, usize, usize) = (0.0, 0, 0);
    scratch.clear();
    let mut close = |score: Score, start: usize, stop: usize, highlights: &mut Vec<[usize; 2]>| {
        if score > 0.0 && best.as_ref().is_none_or(|b| score > b.score) {
            let mut kept = best.take().map(|b| b.highlights).unwrap_or_default();
            kept.clear();
            kept.extend_from_slice(highlights);
            best = Some(Best {
                score,
                start,
                stop,
                highlights: kept,
            });
        }
    };
    for_each_word(text, |from, to, ascii| {
        if to - start > max_bytes {
            close(score, start, stop, scratch);
            score = 0.0;
            start = from;
            scratch.clear();
        }
        stop = to;
        if let Some(weight) = terms.weight(&text[from..to], ascii) {
            score += weight;
            scratch.push([from, to]);
        }
    });
    close(score, start, stop, scratch);
    best.map(|b| Snippet {
        text: text[b.start..b.stop].to_owned(),
        highlights: b
            .highlights
            .iter()
            .map(|[from, to]| [from - b.start, to - b.start])
            .collect(),
    })
}

/// Keyword in context: every whole-word occurrence of `term` (a word or phrase) in the matching speeches.
pub fn kwic(
    searcher: &Searcher,
    index: &Index,
    fields: &Fields,
    query: &KwicQuery,
    resolved: &ResolvedFilter,
) -> Result<KwicResults, StoreError> {
    let mut analyzer = index.tokenizer_for_field(fields.text)?;
    let words = tokens(&mut analyzer, &query.term);
    if words.is_empty() {
        return Err(StoreError::EmptyFilter("term"));
    }
    // The term is searched as a phrase so that only speeches that contain it are read.
    let phrase = format!("\"{}\"", words.join(" "));
    let (tquery, _) = build_query(index, fields, &phrase, resolved)?;
    // Every matching speech is read: the number of occurrences is reported, and sorting by context
    // needs them all. The addresses are sorted so that the output does not depend on scores.
    let collected = searcher.search(&*tquery, &DocAddresses)?;
    let mut lines = Vec::new();
    let mut total = 0u64;
    for address in collected {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = first_str(&doc, fields.text).unwrap_or_default();
        let toks = matching_tokens(&mut analyzer, &text, &words);
        let n = words.len();
        let mut i = 0;
        while i + n <= toks.len() {
            if toks[i..i + n]
                .iter()
                .enumerate()
                .all(|(k, t)| t.2.is_some_and(|w| words[w] == words[k]))
            {
                total += 1;
                let start = toks[i].0;
                let end = toks[i + n - 1].1;
                lines.push(KwicLine {
                    meeting: first_str(&doc, fields.meeting).unwrap_or_default(),
                    seq: first_u64(&doc, fields.seq).unwrap_or_default() as u32,
                    speaker: first_str(&doc, fields.speaker).unwrap_or_default(),
                    country_code: first_str(&doc, fields.country),
                    date: first_str(&doc, fields.date),
                    left: left_context(&text[..start], query.width),
                    keyword: text[start..end].to_owned(),
                    right: right_context(&text[end..], query.width),
                });
                i += n;
            } else {
                i += 1;
            }
        }
    }
    let doc_order = |a: &KwicLine, b: &KwicLine| {
        (&a.date, &a.meeting, a.seq).cmp(&(&b.date, &b.meeting, b.seq))
    };
    match query.sort {
        KwicSort::Document => lines.sort_by(doc_order),
        // The lines are first put in document order, then sorted stably by a key computed once per
        // line, so that ties keep document order.
        KwicSort::Left => {
            lines.sort_by(doc_order);
            lines.sort_by_cached_key(|l| reversed_words(&l.left));
        }
        KwicSort::Right => {
            lines.sort_by(doc_order);
            lines.sort_by_cached_key(|l| l.right.to_lowercase());
        }
    }
    lines.truncate(query.limit);
    Ok(KwicResults { total, lines })
}

/// The words of a left context from the keyword outwards, lowercased: the key for sorting by left
/// context.
fn reversed_words(left: &str) -> Vec<String> {
    left.split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect()
}

fn flatten_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last `width` characters before a keyword, on one line.
fn left_context(before: &str, width: usize) -> String {
    let mut flat = flatten_ws(before);
    // A trailing space separates the previous word from the keyword; keep it, as `right_context` keeps
    // the leading one.
    if before.ends_with(char::is_whitespace) && !flat.is_empty() {
        flat.push(' ');
    }
    let n = flat.chars().count();
    flat.chars().skip(n.saturating_sub(width)).collect()
}

/// The first `width` characters after a keyword, on one line.
fn right_context(after: &str, width: usize) -> String {
    let flat = flatten_ws(after);
    // A leading space matters (it separates the keyword from the next word) but is not content.
    let keep_space = after.starts_with(char::is_whitespace);
    let mut out: String = flat.chars().take(width).collect();
    if keep_space {
        out.insert(0, ' ');
    }
    out
}

/// The facets' values of every document of each segment, as small numbers, so that counting a match
/// is an array read and an increment per facet instead of a fast-field lookup.
///
/// A segment never changes once written (deletions only hide documents, and the collectors skip
/// hidden ones), so its arrays are built once, on the first search that sees it, and dropped when a
/// merge or a deletion of whole segments removes it. The numbers are the same in every segment: a
/// value's number is its place in `names`, which only grows, so per-segment counts add up as arrays
/// and are named once per search.
#[derive(Default)]
pub struct FacetCache {
    inner: Mutex<FacetCacheInner>,
}

#[derive(Default)]
struct FacetCacheInner {
    /// For each facet of [`FACET_FIELDS`], the values seen so far; a value's number is its place + 1
    /// (0 stands for "no value").
    names: [Vec<String>; 3],
    numbers: [HashMap<String, u32>; 3],
    segments: HashMap<SegmentId, Arc<SegmentFacets>>,
}

/// The facet values of one segment's documents.
struct SegmentFacets {
    /// By document: the number of its value of each facet (0: none).
    values: Vec<[u32; 3]>,
    /// For each facet, one more than the largest number in `values`: the length its counts need.
    sizes: [usize; 3],
}

impl FacetCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, FacetCacheInner> {
        // Every change to the cache is complete when its statement ends, so a panic elsewhere while
        // the lock was held leaves it consistent.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Forgets the segments that `searcher` no longer has (merged away or deleted).
    fn retain_segments(&self, searcher: &Searcher) {
        let mut inner = self.lock();
        if inner.segments.len() > searcher.segment_readers().len() {
            let live: Vec<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(|r| r.segment_id())
                .collect();
            inner.segments.retain(|id, _| live.contains(id));
        }
    }

    /// The facet values of a segment's documents, read from its fast fields the first time.
    fn segment(&self, reader: &SegmentReader) -> tantivy::Result<Arc<SegmentFacets>> {
        let mut inner = self.lock();
        if let Some(found) = inner.segments.get(&reader.segment_id()) {
            return Ok(Arc::clone(found));
        }
        let max_doc = reader.max_doc() as usize;
        let mut values = vec![[0u32; 3]; max_doc];
        let mut sizes = [1usize; 3];
        let all_docs: Vec<DocId> = (0..reader.max_doc()).collect();
        let mut ords: Vec<Option<u64>> = Vec::new();
        for (facet, name) in FACET_FIELDS.iter().enumerate() {
            let Some(column) = reader.fast_fields().str(name)? else {
                continue;
            };
            // The segment's own term ordinals are mapped to the shared numbers in one walk through
            // its dictionary.
            let n_terms = column.dictionary().num_terms() as u64;
            let segment_ords: Vec<u64> = (0..n_terms).collect();
            let mut number_of_ord: Vec<u32> = Vec::with_capacity(segment_ords.len());
            let inner = &mut *inner;
            column
                .dictionary()
                .sorted_ords_to_term_cb(&segment_ords, |bytes| {
                    let value = String::from_utf8_lossy(bytes);
                    let number = match inner.numbers[facet].get(value.as_ref()) {
                        Some(&n) => n,
                        None => {
                            inner.names[facet].push(value.clone().into_owned());
                            let n = inner.names[facet].len() as u32;
                            inner.numbers[facet].insert(value.into_owned(), n);
                            n
                        }
                    };
                    number_of_ord.push(number);
                })?;
            for (chunk_start, chunk) in all_docs.chunks(COLLECT_BLOCK_BUFFER_LEN).enumerate() {
                ords.clear();
                ords.resize(chunk.len(), None);
                column.ords().first_vals(chunk, &mut ords);
                let base = chunk_start * COLLECT_BLOCK_BUFFER_LEN;
                for (i, ord) in ords.iter().enumerate() {
                    if let Some(&number) = ord.and_then(|o| number_of_ord.get(o as usize)) {
                        values[base + i][facet] = number;
                        sizes[facet] = sizes[facet].max(number as usize + 1);
                    }
                }
            }
        }
        let facets = Arc::new(SegmentFacets { values, sizes });
        inner
            .segments
            .insert(reader.segment_id(), Arc::clone(&facets));
        Ok(facets)
    }

    /// Names counts by number, sorted by count (descending) then value.
    fn named(&self, counts: [Vec<u64>; 3]) -> Facets {
        let inner = self.lock();
        let mut named = counts.iter().enumerate().map(|(facet, counts)| {
            let mut out: Vec<FacetCount> = counts
                .iter()
                .enumerate()
                .skip(1)
                .filter(|(_, count)| **count > 0)
                .filter_map(|(number, count)| {
                    inner.names[facet].get(number - 1).map(|value| FacetCount {
                        value: value.clone(),
                        count: *count,
                    })
                })
                .collect();
            out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
            out
        });
        Facets {
            country: named.next().unwrap_or_default(),
            year: named.next().unwrap_or_default(),
            body: named.next().unwrap_or_default(),
        }
    }
}

/// Counts matches by the values of [`FACET_FIELDS`] through a [`FacetCache`]; the fruit holds the
/// counts by value number.
struct FacetCounts<'a> {
    cache: &'a FacetCache,
}

struct SegmentFacetCounts {
    facets: Arc<SegmentFacets>,
    counts: [Vec<u64>; 3],
}

impl Collector for FacetCounts<'_> {
    type Fruit = [Vec<u64>; 3];
    type Child = SegmentFacetCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounts> {
        let facets = self.cache.segment(reader)?;
        let counts = facets.sizes.map(|size| vec![0u64; size]);
        Ok(SegmentFacetCounts { facets, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<[Vec<u64>; 3]>) -> tantivy::Result<[Vec<u64>; 3]> {
        let mut merged: [Vec<u64>; 3] = Default::default();
        for fruit in fruits {
            for (total, counts) in merged.iter_mut().zip(fruit) {
                if total.len() < counts.len() {
                    total.resize(counts.len(), 0);
                }
                for (t, c) in total.iter_mut().zip(counts) {
                    *t += c;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounts {
    type Fruit = [Vec<u64>; 3];

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(numbers) = self.facets.values.get(doc as usize) {
            for (counts, &number) in self.counts.iter_mut().zip(numbers) {
                // Every number of the segment is below its counts' length (see `sizes`).
                if let Some(slot) = counts.get_mut(number as usize) {
                    *slot += 1;
                }
            }
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.collect(doc, 0.0);
        }
    }

    fn harvest(self) -> [Vec<u64>; 3] {
        self.counts
    }
}

/// Collects the address of every matching document, sorted.
struct DocAddresses;

struct SegmentDocs {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
}

impl Collector for DocAddresses {
    type Fruit = Vec<DocAddress>;
    type Child = SegmentDocs;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDocs> {
        Ok(SegmentDocs {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocAddress>>) -> tantivy::Result<Vec<DocAddress>> {
        let mut all: Vec<DocAddress> = fruits.into_iter().flatten().collect();
        all.sort();
        Ok(all)
    }
}

impl SegmentCollector for SegmentDocs {
    type Fruit = Vec<DocAddress>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(doc);
    }

    fn harvest(self) -> Vec<DocAddress> {
        self.docs
            .into_iter()
            .map(|doc| DocAddress::new(self.segment, doc))
            .collect()
    }
}

/// Counts matching documents by the values of some STRING fast fields (facets, and speeches per
/// meeting for the consistency check). Counting term ordinals per segment and naming them only at the
/// end keeps this to an array increment per document and field.
pub struct StrCounts {
    fields: Vec<&'static str>,
}

impl StrCounts {
    pub fn new(fields: Vec<&'static str>) -> StrCounts {
        StrCounts { fields }
    }
}

pub struct SegmentStrCounts {
    columns: Vec<Option<(StrColumn, Vec<u64>)>>,
    /// Scratch space for the ordinals of one block of documents, reused from block to block.
    ords: Vec<Option<u64>>,
    /// Documents handed over one at a time (when the search also scores), counted a block at a time.
    pending: Vec<DocId>,
}

impl SegmentStrCounts {
    fn count_pending(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.collect_block(&pending);
        self.pending = pending;
        self.pending.clear();
    }
}

impl Collector for StrCounts {
    type Fruit = Vec<BTreeMap<String, u64>>;
    type Child = SegmentStrCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStrCounts> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for name in &self.fields {
            let column = reader.fast_fields().str(name)?;
            columns.push(column.map(|c| {
                let n = c.dictionary().num_terms();
                (c, vec![0u64; n])
            }));
        }
        Ok(SegmentStrCounts {
            columns,
            ords: Vec::new(),
            pending: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<BTreeMap<String, u64>>>,
    ) -> tantivy::Result<Vec<BTreeMap<String, u64>>> {
        let mut fruits = fruits.into_iter();
        // Most searches see one segment: its counts are the answer as they are.
        let mut merged = fruits
            .next()
            .unwrap_or_else(|| vec![BTreeMap::new(); self.fields.len()]);
        for fruit in fruits {
            for (slot, map) in merged.iter_mut().zip(fruit) {
                for (key, count) in map {
                    *slot.entry(key).or_insert(0) += count;
                }
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentStrCounts {
    type Fruit = Vec<BTreeMap<String, u64>>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.pending.push(doc);
        if self.pending.len() >= COLLECT_BLOCK_BUFFER_LEN {
            self.count_pending();
        }
    }

    /// Without deletions and scoring, Tantivy hands over the matches a block at a time (and `collect`
    /// gathers blocks otherwise): the ordinals of a whole block are read in one call per column, which
    /// decodes a full column's packed values in a tight loop instead of one dynamic call per document.
    fn collect_block(&mut self, docs: &[DocId]) {
        self.ords.clear();
        self.ords.resize(docs.len(), None);
        for (column, counts) in self.columns.iter_mut().flatten() {
            column.ords().first_vals(docs, &mut self.ords);
            for ord in self.ords.iter_mut() {
                if let Some(ord) = ord.take()
                    && let Some(slot) = counts.get_mut(ord as usize)
                {
                    *slot += 1;
                }
            }
        }
    }

    fn harvest(mut self) -> Vec<BTreeMap<String, u64>> {
        self.count_pending();
        let mut out = Vec::with_capacity(self.columns.len());
        for entry in self.columns {
            let mut map = BTreeMap::new();
            if let Some((column, counts)) = entry {
                let ords: Vec<u64> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, count)| **count > 0)
                    .map(|(ord, _)| ord as u64)
                    .collect();
                // The ordinals are named in one walk through the dictionary (looking each one up
                // alone would decode its block from the start every time). A dictionary read can only
                // fail on a corrupt segment; its values are then left out rather than counted under a
                // wrong name.
                let mut counted = ords.iter().map(|&ord| counts[ord as usize]);
                let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    if let Some(count) = counted.next() {
                        map.insert(String::from_utf8_lossy(bytes).into_owned(), count);
                    }
                });
            }
            out.push(map);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    //! The fast paths of `search` checked against what they replace: Tantivy's `SnippetGenerator` for
    //! the snippets, a scored one-pass collection for the top hits and the total, and the stored
    //! fields of every match for the facets.

    use tantivy::snippet::SnippetGenerator;
    use tantivy::tokenizer::TokenizerManager;

    use super::*;
    use crate::synth::Rng;
    use crate::{Store, synth};

    fn terms(words: &[(&str, Score)]) -> SnippetTerms {
        let mut terms: Vec<(String, Score)> =
            words.iter().map(|(w, s)| ((*w).to_owned(), *s)).collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        SnippetTerms::from_weighted(terms)
    }

    /// Tantivy's own snippet for the same words and weights, in the shape `search` returns.
    fn tantivy_snippet(text: &str, terms: &SnippetTerms, max: usize) -> Option<Snippet> {
        let map: BTreeMap<String, Score> = terms.terms.iter().cloned().collect();
        let analyzer = TokenizerManager::default()
            .get("default")
            .expect("the default analyzer");
        let generator = SnippetGenerator::new(map, analyzer, Field::from_field_id(0), max);
        let s = generator.snippet(text);
        (!s.fragment().is_empty()).then(|| Snippet {
            text: s.fragment().to_owned(),
            highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
        })
    }

    fn assert_same_snippet(text: &str, terms: &SnippetTerms, max: usize) {
        let mut scratch = Vec::new();
        assert_eq!(
            best_fragment(text, terms, max, &mut scratch),
            tantivy_snippet(text, terms, max),
            "text {text:?}, max {max}"
        );
    }

    #[test]
    fn snippets_match_tantivy_on_edge_cases() {
        let t = terms(&[
            ("peace", 0.5),
            ("élan", 0.25),
            ("i\u{307}stanbul", 0.125),
            ("σοσ", 0.2),
            ("2018", 0.1),
        ]);
        let long_word = format!("peace{}", "x".repeat(35));
        let word_39 = format!("peace{}", "y".repeat(34));
        let texts = [
            "".to_owned(),
            "no query word here at all".to_owned(),
            "Peace and PEACE; peace.".to_owned(),
            "L'ÉLAN de la paix, élan! Élan".to_owned(),
            "İstanbul and ISTANBUL".to_owned(),
            "ΣΟΣ σοσ Σος".to_owned(),
            "In 2018, peace—war—peace".to_owned(),
            format!("{long_word} peace {word_39} peace"),
            format!("peace {long_word}"),
            "peace".to_owned(),
            "a peace b c d e f g h i j k l m n o p q r s t u v w x y z peace a b c peace"
                .to_owned(),
            "one two three peace four five six seven eight nine ten peace élan".to_owned(),
            "\u{a0}peace\u{2003}Peace\u{300}x 名前 peace日本".to_owned(),
        ];
        for text in &texts {
            for max in [1, 5, 20, 21, 30, 64, 200] {
                assert_same_snippet(text, &t, max);
            }
        }
        assert_same_snippet("peace", &terms(&[]), 200);
    }

    #[test]
    fn snippets_match_tantivy_on_generated_texts() {
        let vocabulary = [
            "peace",
            "Peace",
            "PEACE",
            "security",
            "Council",
            "élan",
            "ÉLAN",
            "naïve",
            "2018",
            "S/2018/1016",
            "Côte",
            "d'Ivoire",
            "İstanbul",
            "straße",
            "ΣΟΣ",
            "日本",
            "—",
            ",",
            ".",
            "(",
            ")",
            "\n\n",
            "  ",
            "self-determination",
            "humanitarian",
            "ceasefire",
            "internationallyrecognizedandverylongwordthatisdropped",
        ];
        let candidates = [
            "peace",
            "security",
            "élan",
            "naïve",
            "2018",
            "côte",
            "i\u{307}stanbul",
            "straße",
            "σοσ",
            "日本",
            "humanitarian",
            "ceasefire",
            "self",
            "determination",
        ];
        let mut rng = Rng::new(5);
        for _ in 0..3000 {
            let n = rng.range(0, 120);
            let mut text = String::new();
            for _ in 0..n {
                let word: &&str = rng.pick(&vocabulary[..]);
                text.push_str(word);
                if rng.chance(80) {
                    text.push(' ');
                }
            }
            let mut words: Vec<(&str, Score)> = Vec::new();
            for _ in 0..rng.range(1, 4) {
                let word = *rng.pick(&candidates[..]);
                if !words.iter().any(|(w, _)| *w == word) {
                    // Weights of the form 1 / (1 + df), as the search computes them.
                    words.push((word, 1.0 / (1.0 + rng.range(1, 50) as Score)));
                }
            }
            let max = rng.range(1, 300);
            assert_same_snippet(&text, &terms(&words), max);
        }
    }

    fn sorted_counts(map: BTreeMap<String, u64>) -> Vec<FacetCount> {
        let mut out: Vec<FacetCount> = map
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        out
    }

    /// The search results computed the way the fast path replaced: one scored pass for the top hits
    /// and the total, the facets from the stored fields of every match, and Tantivy's snippets.
    fn reference_search(store: &Store, query: &SearchQuery) -> SearchResults {
        let resolved = store.resolve(&query.filter).expect("filter");
        let searcher = store.reader.searcher();
        let (tquery, has_text) =
            build_query(&store.index, &store.fields, &query.text, &resolved).expect("query");
        let top = TopDocs::with_limit(query.limit.max(1))
            .and_offset(query.offset)
            .order_by_score();
        let (top_docs, total) = searcher
            .search(&*tquery, &(top, Count))
            .expect("scored pass");
        let fields = &store.fields;
        let facets = query.facets.then(|| {
            let mut maps: [BTreeMap<String, u64>; 3] = Default::default();
            for address in searcher.search(&*tquery, &DocAddresses).expect("matches") {
                let doc: TantivyDocument = searcher.doc(address).expect("doc");
                if let Some(country) = first_str(&doc, fields.country) {
                    *maps[0].entry(country).or_insert(0) += 1;
                }
                if let Some(year) =
                    first_str(&doc, fields.date).and_then(|d| d.get(0..4).map(str::to_owned))
                {
                    *maps[1].entry(year).or_insert(0) += 1;
                }
                if let Some(body) = first_str(&doc, fields.body) {
                    *maps[2].entry(body).or_insert(0) += 1;
                }
            }
            let [country, year, body] = maps;
            Facets {
                country: sorted_counts(country),
                year: sorted_counts(year),
                body: sorted_counts(body),
            }
        });
        let generator = has_text.then(|| {
            let mut g =
                SnippetGenerator::create(&searcher, &*tquery, fields.text).expect("snippets");
            g.set_max_num_chars(query.snippet_chars.max(20));
            g
        });
        let hits = top_docs
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address).expect("doc");
                let text = first_str(&doc, fields.text).unwrap_or_default();
                let snippet = generator
                    .as_ref()
                    .map(|g| g.snippet(&text))
                    .filter(|s| !s.fragment().is_empty())
                    .map(|s| Snippet {
                        text: s.fragment().to_owned(),
                        highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
                    })
                    .unwrap_or_else(|| Snippet {
                        text: leading_excerpt(&text, query.snippet_chars.max(20)),
                        highlights: Vec::new(),
                    });
                hit_from_doc(fields, &doc, if has_text { score } else { 0.0 }, snippet)
            })
            .collect();
        SearchResults {
            total: total as u64,
            offset: query.offset,
            hits,
            facets,
        }
    }

    #[test]
    fn fast_search_gives_the_reference_results() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        // Several commits, so that the index has several segments (facets and top hits are merged
        // across them), and one replaced meeting, so that some documents are deleted.
        let records: Vec<MeetingRecord> = synth::meetings_for_speeches(11, 1500).collect();
        for (i, record) in records.iter().enumerate() {
            store.stage_meeting(record).expect("stage");
            if i % 7 == 6 {
                store.commit().expect("commit");
            }
        }
        store.commit().expect("commit");
        let mut changed = records[3].clone();
        changed.date = Some("1999-12-31".to_owned());
        store.put_meeting(&changed).expect("replace");
        assert!(store.reader.searcher().segment_readers().len() > 1);

        let texts = [
            "humanitarian",
            "ceasefire agreement",
            "\"protection of civilians\"",
            "terrorism OR sanctions",
            "refugees",
            "peacekeeping mission mandate",
            "nuclear",
            "security -council",
            "speaker:delattre",
            "",
        ];
        let mut checked = 0;
        for text in texts {
            for (offset, limit, snippet_chars) in
                [(0, 10, 200), (5, 3, 60), (0, 50, 20), (40, 10, 300)]
            {
                for country in [None, Some("FRA")] {
                    let mut query = SearchQuery::new(text);
                    query.offset = offset;
                    query.limit = limit;
                    query.snippet_chars = snippet_chars;
                    query.facets = true;
                    query.filter.country = country.map(str::to_owned);
                    if text.is_empty() && country.is_none() {
                        query.filter.from = Some("2005".to_owned());
                    }
                    let fast = store.search(&query).expect("search");
                    assert_eq!(fast, reference_search(&store, &query), "query {query:?}");
                    query.facets = false;
                    assert_eq!(store.search(&query).expect("search").total, fast.total);
                    checked += usize::from(!fast.hits.is_empty());
                }
            }
        }
        assert!(checked > 40, "too few queries had hits: {checked}");

        // New segments and segments gone since the facets of the old ones were read: the counts
        // follow the index as it is now.
        let mut moved = records[5].clone();
        moved.date = Some("1998-06-30".to_owned());
        store.put_meeting(&moved).expect("replace");
        store.delete_meeting(&records[8].symbol).expect("delete");
        for text in ["humanitarian", "\"protection of civilians\"", ""] {
            let mut query = SearchQuery::new(text);
            query.facets = true;
            let fast = store.search(&query).expect("search");
            assert!(
                fast.facets
                    .as_ref()
                    .is_some_and(|f| f.year.iter().any(|y| y.value == "1998"))
            );
            assert_eq!(fast, reference_search(&store, &query), "query {query:?}");
        }
    }
}
