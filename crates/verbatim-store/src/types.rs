//! The store's query and result types. All of them are serde-serialisable because the HTTP API returns
//! them as JSON and the export commands read them.

use serde::{Deserialize, Serialize};
use verbatim_record::{Body, Outcome, Role, VoteMethod};

/// What `put_meeting` did with a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PutOutcome {
    /// No meeting with this symbol was stored before.
    Inserted,
    /// A different version of the meeting (another source file or another parse) was replaced.
    Replaced,
    /// The stored meeting is byte-for-byte the same record: nothing was written.
    Unchanged,
}

/// Filters shared by `search`, `kwic` and `list_meetings`. Every filter that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeechFilter {
    /// A country code ("FRA") or a name as printed in some stored record ("France").
    pub country: Option<String>,
    /// Words of the speaker's printed name ("Delattre", "Mr. Delattre"); all must occur.
    pub speaker: Option<String>,
    pub body: Option<Body>,
    /// Inclusive ISO dates ("2018-01-01"); a year alone ("2018") is accepted too.
    pub from: Option<String>,
    pub to: Option<String>,
    /// A meeting symbol exactly as stored ("S/PV.8422").
    pub meeting: Option<String>,
    pub role: Option<Role>,
    /// Language of the original speech as printed in the heading ("French"); case does not matter.
    pub spoke_in: Option<String>,
}

/// A full-text query over speeches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    /// Tantivy query syntax over the speech text: words (all must occur), "phrases", AND, OR, NOT,
    /// +must, -must_not, parentheses, and `field:value` for `speaker`, `affiliation` and `agenda`.
    /// Empty matches every speech (useful with filters).
    pub text: String,
    pub filter: SpeechFilter,
    /// Number of hits to skip (pagination).
    pub offset: usize,
    /// Maximum number of hits returned.
    pub limit: usize,
    /// Also count matches by country, year and body.
    pub facets: bool,
    /// Maximum length of a snippet in characters.
    pub snippet_chars: usize,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> SearchQuery {
        SearchQuery {
            text: text.into(),
            filter: SpeechFilter::default(),
            offset: 0,
            limit: 10,
            facets: false,
            snippet_chars: 200,
        }
    }
}

/// A piece of a speech around the matched words; `highlights` are byte ranges into `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    /// The snippet with every highlighted range wrapped in `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.highlights.len());
        let mut at = 0;
        for &[start, end] in &self.highlights {
            if start < at || end > self.text.len() || start > end {
                continue;
            }
            out.push_str(&self.text[at..start]);
            out.push_str(open);
            out.push_str(&self.text[start..end]);
            out.push_str(close);
            at = end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// One speech that matched a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub meeting: String,
    /// `seq` of the speech in its meeting's proceedings.
    pub seq: u32,
    pub speaker: String,
    pub affiliation: Option<String>,
    pub country_code: Option<String>,
    pub role: Option<Role>,
    pub body: Body,
    pub date: Option<String>,
    /// BM25 score (0 for a query without words).
    pub score: f32,
    pub snippet: Snippet,
}

/// A value of a facet and how many matching speeches have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Matches counted by country code, year and body, each sorted by count (descending) then value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub country: Vec<FacetCount>,
    pub year: Vec<FacetCount>,
    pub body: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Number of matching speeches (all pages).
    pub total: u64,
    pub offset: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Option<Facets>,
}

/// How keyword-in-context lines are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KwicSort {
    /// By date, meeting and position in the meeting.
    #[default]
    Document,
    /// By the words before the keyword, read right to left (the word just before the keyword first).
    Left,
    /// By the words after the keyword.
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KwicQuery {
    /// A word or a phrase of words; matched case-insensitively on whole words.
    pub term: String,
    pub filter: SpeechFilter,
    /// Characters of context on each side.
    pub width: usize,
    pub sort: KwicSort,
    /// Maximum number of lines returned.
    pub limit: usize,
}

/// One occurrence of a keyword with its context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KwicLine {
    pub meeting: String,
    pub seq: u32,
    pub speaker: String,
    pub country_code: Option<String>,
    pub date: Option<String>,
    pub left: String,
    pub keyword: String,
    pub right: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KwicResults {
    /// Occurrences found (may exceed `lines.len()` when the limit was reached).
    pub total: u64,
    pub lines: Vec<KwicLine>,
}

/// Filters for `list_meetings`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingFilter {
    pub body: Option<Body>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// Meetings in which this country (code or name) spoke.
    pub country: Option<String>,
    /// Meetings whose symbol contains this text.
    pub symbol_contains: Option<String>,
}

/// A window of results: skip `offset`, return at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    pub offset: usize,
    pub limit: usize,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            offset: 0,
            limit: 50,
        }
    }
}

/// One line of a meeting list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub symbol: String,
    pub body: Body,
    pub meeting_number: Option<u32>,
    pub date: Option<String>,
    pub n_proceedings: u32,
    pub n_speeches: u32,
    pub n_votes: u32,
    /// The first agenda item's title.
    pub agenda: Option<String>,
    pub source_file: String,
    pub source_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingList {
    pub total: u64,
    pub meetings: Vec<MeetingSummary>,
}

/// A country's position in one vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    InFavour,
    Against,
    Abstaining,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Position::InFavour => "in_favour",
            Position::Against => "against",
            Position::Abstaining => "abstaining",
        }
    }
}

/// How one country voted on one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryVote {
    pub meeting: String,
    pub date: Option<String>,
    pub body: Body,
    /// `seq` of the vote in its meeting.
    pub seq: u32,
    pub draft: Option<String>,
    pub part: Option<String>,
    pub subject: Option<String>,
    pub method: VoteMethod,
    pub position: Position,
    /// The country's name as printed in the list.
    pub printed_as: String,
    pub outcome: Option<Outcome>,
    pub counts: Option<[Option<u32>; 3]>,
    pub resolution: Option<String>,
    /// True when this country's vote against was a veto.
    pub vetoed: bool,
}

/// A place where a document is cited: a speech (`seq` set) or the meeting as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub meeting: String,
    pub date: Option<String>,
    pub seq: Option<u32>,
    pub speaker: Option<String>,
    pub country_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SpeakerFilter {
    pub country: Option<String>,
    /// Case-insensitive substring of the printed name.
    pub name_contains: Option<String>,
    pub role: Option<Role>,
}

/// A speaker (name, affiliation, role) across the stored meetings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerSummary {
    pub name: String,
    pub affiliation: Option<String>,
    pub country_code: Option<String>,
    pub role: Role,
    pub speeches: u64,
    pub meetings: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
}

/// A country known to the store, with the names it was printed under.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountrySummary {
    pub code: String,
    /// Names as printed, sorted.
    pub names: Vec<String>,
    pub speeches: u64,
    pub vote_positions: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountByKey {
    pub key: String,
    pub count: u64,
}

/// Totals over the whole store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoreStats {
    pub schema_version: u32,
    pub meetings: u64,
    pub proceedings: u64,
    pub speeches: u64,
    pub votes: u64,
    pub vote_positions: u64,
    pub citations: u64,
    pub speakers: u64,
    pub countries: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub by_body: Vec<CountByKey>,
    pub by_year: Vec<CountByKey>,
    /// Speech documents in the full-text index (equals `speeches` when the two agree).
    pub index_documents: u64,
    pub sqlite_bytes: u64,
    pub index_bytes: u64,
}

/// Result of comparing the tables with the index, meeting by meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consistency {
    pub meetings_checked: u64,
    /// Meetings whose speech count in the index differs from the tables: (symbol, tables, index).
    pub mismatched: Vec<(String, u64, u64)>,
    /// Meetings present in the index but not in the tables.
    pub only_in_index: Vec<String>,
}

impl Consistency {
    pub fn is_consistent(&self) -> bool {
        self.mismatched.is_empty() && self.only_in_index.is_empty()
    }
}

/// What `Store::open` had to repair so that the index agrees with the tables again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// Meetings written to the tables whose index documents were not committed: re-indexed.
    pub reindexed: u64,
    /// Meetings deleted from the tables whose index documents were not yet removed: removed.
    pub deleted: u64,
    /// The whole index was rebuilt from the tables (new index layout, or an index missing or ahead).
    pub rebuilt: bool,
}
