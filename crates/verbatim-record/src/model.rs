//! The record model: the contract between the parsing stages, the store and every export.
//!
//! Serialised with serde as the JSON export (`verbatim parse`). Field order is the declaration order and
//! every collection is a `Vec` in document order, so the same record always serialises to the same bytes.

use serde::{Deserialize, Serialize};

/// Version of the JSON form of [`MeetingRecord`]; bump when a field changes meaning or is removed.
pub const RECORD_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Body {
    /// Security Council.
    SC,
    /// General Assembly.
    GA,
    /// Anything else (a committee, ECOSOC, ...).
    Other,
}

impl Body {
    pub fn as_str(self) -> &'static str {
        match self {
            Body::SC => "SC",
            Body::GA => "GA",
            Body::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Person {
    /// As printed, with title: "Mr. Adom".
    pub name: Option<String>,
    /// As printed: "Côte d’Ivoire".
    pub country: Option<String>,
    /// ISO 3166-1 alpha-3 of `country` where it is a state.
    pub country_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub country: String,
    pub country_code: Option<String>,
    /// As printed: "Mr. Llorentty Solíz"; None where the cover lists only countries.
    pub representative: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// GA agenda item number as printed ("48", "21 to 26"); None for SC items.
    pub number: Option<String>,
    pub title: String,
    pub documents: Vec<String>,
}

/// Where a proceeding sits in the source: zero-based page indices and the bbox of its first line.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Provenance {
    pub page_start: u32,
    pub page_end: u32,
    /// [x0, y0, x1, y1] of the first line, in points from the top-left of the visible page.
    pub bbox: [f32; 4],
    /// Set when the proceeding was read (in part) through OCR of the page image: the OCR engine's
    /// confidence in its words, 0 to 1 (the mean over its characters). Absent for text-layer text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_confidence: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    President,
    ActingPresident,
    SecretaryGeneral,
    /// An official of the Secretariat or another UN office speaking in that capacity.
    Official,
    /// A briefer invited under rule 39 (or an organization's representative).
    Briefer,
    /// A member of the body (SC member; every GA state).
    Member,
    /// A state that is not a member of the body (rule 37 invitees in the SC).
    NonMember,
    Observer,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    /// The heading as printed, without the trailing colon: "Mr. Hilale (spoke in French) (Morocco)".
    pub heading: String,
    /// The name as printed without affiliation or language note: "Mr. Delattre", "The President".
    pub name: String,
    /// "Mr.", "Mrs.", "Ms.", "Sir", "Dame", "The" ... where printed.
    pub title: Option<String>,
    /// The first parenthesis after the name that is not a language note: a country, organization or office.
    pub affiliation: Option<String>,
    /// ISO 3166-1 alpha-3 where the affiliation is a state.
    pub country_code: Option<String>,
    pub role: Role,
    /// Words after the parenthesis that describe the speaker's function ("Rapporteur of the Third Committee").
    pub function: Option<String>,
    pub on_behalf_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speech {
    pub speaker: Speaker,
    /// From "(spoke in French)" / "(interpretation from French)" / "(translated from French)" in the heading.
    pub spoke_in: Option<String>,
    /// Reflowed paragraphs.
    pub paragraphs: Vec<String>,
    pub documents_cited: Vec<String>,
    /// True when this speech resumes the previous speech after a stage direction, without a new heading.
    pub continues: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    CalledToOrder,
    Suspended,
    Resumed,
    Rose,
    AgendaAdopted,
    Invitation,
    VoteTaken,
    ChairChange,
    Decision,
    Silence,
    LanguageNote,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageDirection {
    pub kind: StageKind,
    pub text: String,
    /// 24-hour "HH:MM" where the direction gives a time.
    pub time: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    ShowOfHands,
    Recorded,
    WithoutVote,
    Consensus,
    SecretBallot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    NotAdopted,
    /// Had the votes it needed but a permanent member voted against.
    Vetoed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountryRef {
    /// As printed.
    pub name: String,
    /// ISO 3166-1 alpha-3 (or a historical code such as "SUN", "YUG") where known.
    pub code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    /// Draft symbol ("S/2018/1016", "A/64/L.72"), or the report's symbol when the draft has none.
    pub draft: Option<String>,
    /// Which draft inside a report: "draft resolution I", "draft decision XIX".
    pub part: Option<String>,
    /// What a vote without a draft was about.
    pub subject: Option<String>,
    pub method: VoteMethod,
    pub in_favour: Vec<CountryRef>,
    pub against: Vec<CountryRef>,
    pub abstaining: Vec<CountryRef>,
    /// In favour, against, abstaining as announced; a figure not announced is None.
    pub counts: Option<[Option<u32>; 3]>,
    pub outcome: Option<Outcome>,
    pub vetoed_by: Vec<CountryRef>,
    /// SC: "2448 (2018)"; GA: "64/299".
    pub resolution: Option<String>,
    /// GA decision number: "76/575".
    pub decision: Option<String>,
    /// Notes printed after the vote, as printed: "[Subsequently the delegation of ... advised the
    /// Secretariat that it had intended to vote in favour.]".
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaHeading {
    pub number: Option<String>,
    pub title: String,
    pub continued: bool,
    pub documents: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProceedingKind {
    Speech(Speech),
    StageDirection(StageDirection),
    Vote(Vote),
    AgendaHeading(AgendaHeading),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Proceeding {
    /// Position in the record, from 0.
    pub seq: u32,
    pub provenance: Provenance,
    #[serde(flatten)]
    pub kind: ProceedingKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something doubtful found while parsing, with where it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub page: Option<u32>,
    pub bbox: Option<[f32; 4]>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Source {
    /// File name as given (no directories), e.g. "sc_2018_8422.pdf".
    pub file: String,
    pub sha256: String,
    pub pages: u32,
    pub producer: Option<String>,
    /// Set when pages were read through OCR of their image (see [`SourceOcr`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr: Option<SourceOcr>,
}

/// How the pages without a usable text layer were read: the OCR engine, its languages and the pages.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceOcr {
    /// "tesseract 5.3.0".
    pub engine: String,
    /// Tesseract language codes joined by '+': "eng", "eng+fra".
    pub languages: String,
    /// The resolution the page images were rendered at.
    pub dpi: u32,
    /// Zero-based indices of the pages read through OCR.
    pub pages: Vec<u32>,
}

/// Body characters placed in a proceeding (or cover field) over all body characters.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Coverage {
    pub body_chars: u64,
    pub placed_chars: u64,
}

impl Coverage {
    pub fn ratio(&self) -> f64 {
        if self.body_chars == 0 {
            1.0
        } else {
            self.placed_chars as f64 / self.body_chars as f64
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub schema_version: u32,
    /// As printed on the cover: "S/PV.8422", "S/PV.4726 (Resumption 1)", "A/64/PV.121".
    pub symbol: String,
    pub body: Body,
    pub meeting_number: Option<u32>,
    pub resumption: Option<u32>,
    /// GA session number.
    pub session: Option<u32>,
    /// SC "Seventy-third year"; GA "Sixty-fourth session".
    pub year_label: Option<String>,
    /// ISO date "2018-12-13"; None when unknown (never invented).
    pub date: Option<String>,
    pub called_to_order: Option<String>,
    pub adjourned: Option<String>,
    pub location: Option<String>,
    pub president: Option<Person>,
    pub members: Vec<Member>,
    pub agenda: Vec<AgendaItem>,
    pub proceedings: Vec<Proceeding>,
    /// Every document symbol in the body text, deduplicated, in first-seen order.
    pub documents_cited: Vec<String>,
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
    pub coverage: Coverage,
}
