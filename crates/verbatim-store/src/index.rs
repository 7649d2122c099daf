//! The Tantivy side: one document per speech, the query builder, snippets, facets and keyword in context.

use std::collections::BTreeMap;
use std::ops::Bound;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::StrColumn;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TEXT, TantivyDocument, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, DocId, Index, Score, Searcher, SegmentOrdinal, SegmentReader, Term};
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
    query: &SearchQuery,
    resolved: &ResolvedFilter,
) -> Result<SearchResults, StoreError> {
    let (tquery, has_text) = build_query(index, fields, &query.text, resolved)?;
    let limit = query.limit.max(1);
    let top = TopDocs::with_limit(limit)
        .and_offset(query.offset)
        .order_by_score();
    let (top_docs, total, facet_counts) = if query.facets {
        let facets = StrCounts::new(vec!["country", "year", "body"]);
        let (top_docs, total, counts) = searcher.search(&*tquery, &(top, Count, facets))?;
        (top_docs, total, Some(counts))
    } else {
        let (top_docs, total) = searcher.search(&*tquery, &(top, Count))?;
        (top_docs, total, None)
    };
    let snippets = if has_text {
        let mut generator = SnippetGenerator::create(searcher, &*tquery, fields.text)?;
        generator.set_max_num_chars(query.snippet_chars.max(20));
        Some(generator)
    } else {
        None
    };
    let mut hits = Vec::with_capacity(top_docs.len());
    for (score, address) in top_docs {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = first_str(&doc, fields.text).unwrap_or_default();
        let snippet = match &snippets {
            Some(generator) => {
                let s = generator.snippet(&text);
                if s.fragment().is_empty() {
                    Snippet {
                        text: leading_excerpt(&text, query.snippet_chars.max(20)),
                        highlights: Vec::new(),
                    }
                } else {
                    Snippet {
                        text: s.fragment().to_owned(),
                        highlights: s.highlighted().iter().map(|r| [r.start, r.end]).collect(),
                    }
                }
            }
            None => Snippet {
                text: leading_excerpt(&text, query.snippet_chars.max(20)),
                highlights: Vec::new(),
            },
        };
        hits.push(hit_from_doc(
            fields,
            &doc,
            if has_text { score } else { 0.0 },
            snippet,
        ));
    }
    let facets = facet_counts.map(|counts| {
        let mut iter = counts.into_iter();
        let mut next = || sorted_counts(iter.next().unwrap_or_default());
        Facets {
            country: next(),
            year: next(),
            body: next(),
        }
    });
    Ok(SearchResults {
        total: total as u64,
        offset: query.offset,
        hits,
        facets,
    })
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

fn sorted_counts(map: BTreeMap<String, u64>) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = map
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    out
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
        Ok(SegmentStrCounts { columns })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<Vec<BTreeMap<String, u64>>>,
    ) -> tantivy::Result<Vec<BTreeMap<String, u64>>> {
        let mut merged: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); self.fields.len()];
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
        for (column, counts) in self.columns.iter_mut().flatten() {
            if let Some(ord) = column.ords().first(doc)
                && let Some(slot) = counts.get_mut(ord as usize)
            {
                *slot += 1;
            }
        }
    }

    fn harvest(self) -> Vec<BTreeMap<String, u64>> {
        let mut out = Vec::with_capacity(self.columns.len());
        for entry in self.columns {
            let mut map = BTreeMap::new();
            if let Some((column, counts)) = entry {
                for (ord, count) in counts.into_iter().enumerate() {
                    if count == 0 {
                        continue;
                    }
                    let mut value = String::new();
                    // A dictionary read can only fail on a corrupt segment; such a value is skipped
                    // rather than counted under a wrong name.
                    if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        map.insert(value, count);
                    }
                }
            }
            out.push(map);
        }
        out
    }
}
