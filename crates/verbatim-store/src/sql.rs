//! The SQLite side: schema, migrations, and writing one meeting's rows.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use verbatim_record::{MeetingRecord, ProceedingKind, Role, StageKind, VoteMethod};

use crate::StoreError;

/// Version of the table layout. Bump it and add a step to [`migrate`] when the layout changes.
pub const SCHEMA_VERSION: u32 = 2;

const SCHEMA_V1: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    meeting_number INTEGER,
    resumption INTEGER,
    session INTEGER,
    year_label TEXT,
    date TEXT,
    year INTEGER,
    called_to_order TEXT,
    adjourned TEXT,
    location TEXT,
    president_name TEXT,
    president_country TEXT,
    president_country_code TEXT,
    n_proceedings INTEGER NOT NULL,
    n_speeches INTEGER NOT NULL,
    n_votes INTEGER NOT NULL,
    n_diagnostics INTEGER NOT NULL,
    coverage_body_chars INTEGER NOT NULL,
    coverage_placed_chars INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    record_json TEXT NOT NULL
);
CREATE INDEX meetings_date ON meetings(date);
CREATE INDEX meetings_generation ON meetings(generation);
CREATE TABLE sources (
    meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    pages INTEGER NOT NULL,
    producer TEXT
);
CREATE INDEX sources_sha256 ON sources(sha256);
CREATE TABLE members (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    country TEXT NOT NULL,
    country_code TEXT,
    representative TEXT,
    PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;
CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    number TEXT,
    title TEXT NOT NULL,
    documents TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
) WITHOUT ROWID;
CREATE TABLE speakers (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    speaker_idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT,
    affiliation TEXT,
    country_code TEXT,
    role TEXT NOT NULL,
    function TEXT,
    PRIMARY KEY (meeting_id, speaker_idx)
) WITHOUT ROWID;
CREATE INDEX speakers_country ON speakers(country_code);
CREATE TABLE proceedings (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    page_start INTEGER NOT NULL,
    page_end INTEGER NOT NULL,
    speaker_idx INTEGER,
    heading TEXT,
    spoke_in TEXT,
    on_behalf_of TEXT,
    continues INTEGER,
    stage_kind TEXT,
    time TEXT,
    agenda_number TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);
CREATE TABLE votes (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    draft TEXT,
    part TEXT,
    subject TEXT,
    method TEXT NOT NULL,
    outcome TEXT,
    count_in_favour INTEGER,
    count_against INTEGER,
    count_abstaining INTEGER,
    counts_announced INTEGER NOT NULL,
    resolution TEXT,
    decision TEXT,
    vetoed_by TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
) WITHOUT ROWID;
CREATE TABLE vote_positions (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    position TEXT NOT NULL,
    ord INTEGER NOT NULL,
    country TEXT NOT NULL,
    country_code TEXT,
    PRIMARY KEY (meeting_id, seq, position, ord)
) WITHOUT ROWID;
CREATE INDEX vote_positions_country ON vote_positions(country_code);
CREATE TABLE citations (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq INTEGER,
    document TEXT NOT NULL
);
CREATE INDEX citations_meeting ON citations(meeting_id);
CREATE INDEX citations_document ON citations(document);
-- Tables with long text rows (meetings, proceedings) keep rowids: WITHOUT ROWID suits only small rows.
CREATE TABLE countries (
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (code, name)
) WITHOUT ROWID;
CREATE INDEX countries_name ON countries(name COLLATE NOCASE);
CREATE TABLE tombstones (
    symbol TEXT NOT NULL,
    generation INTEGER NOT NULL
);
";

/// Connection settings for every connection: WAL so that readers never block the writer and see only
/// committed meetings; NORMAL sync, which in WAL mode survives a process crash (the case we guard
/// against), though not necessarily a power cut.
pub fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

pub fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>, StoreError> {
    let table_exists: bool = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |row| row.get::<_, i64>(0),
        )
        .map(|n| n > 0)?;
    if !table_exists {
        return Ok(None);
    }
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .optional()?)
}

pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Creates the tables of a new store, or checks and upgrades those of an existing one.
pub fn init(conn: &mut Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    let found = match get_meta(conn, "schema_version")? {
        None => None,
        Some(text) => Some(text.parse::<u32>().map_err(|_| StoreError::CorruptMeta {
            key: "schema_version",
            value: text,
        })?),
    };
    match found {
        None => {
            let tx = conn.transaction()?;
            tx.execute_batch(SCHEMA_V1)?;
            tx.execute_batch(SCHEMA_V2_STEP)?;
            set_meta(&tx, "schema_version", &SCHEMA_VERSION.to_string())?;
            set_meta(&tx, "generation", "0")?;
            tx.commit()?;
            Ok(())
        }
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        }),
        Some(found) => migrate(conn, found),
    }
}

/// Version 2 adds the parser fingerprint of each source (NULL: not known, as for every source stored
/// by a version-1 binary), which lets `ingest` skip files already parsed by the same parser.
const SCHEMA_V2_STEP: &str = "
ALTER TABLE sources ADD COLUMN parser TEXT;
CREATE INDEX sources_sha256_parser ON sources(sha256, parser);
";

/// Brings a store written by an older binary up to [`SCHEMA_VERSION`], one step per version, each in its
/// own transaction. Version 1 is the first layout; a store claiming a version below 1 was not written by
/// verbatim.
fn migrate(conn: &mut Connection, found: u32) -> Result<(), StoreError> {
    if found == 0 {
        return Err(StoreError::UnsupportedSchema { found });
    }
    let mut version = found;
    while version < SCHEMA_VERSION {
        let step = match version {
            1 => SCHEMA_V2_STEP,
            _ => return Err(StoreError::UnsupportedSchema { found }),
        };
        let tx = conn.transaction()?;
        tx.execute_batch(step)?;
        version += 1;
        set_meta(&tx, "schema_version", &version.to_string())?;
        tx.commit()?;
    }
    Ok(())
}

/// The next generation number, persisted within `tx` so that it commits with the meeting it stamps.
pub fn next_generation(tx: &Transaction) -> Result<u64, StoreError> {
    let current = current_generation(tx)?;
    let next = current + 1;
    set_meta(tx, "generation", &next.to_string())?;
    Ok(next)
}

pub fn current_generation(conn: &Connection) -> Result<u64, StoreError> {
    let text = get_meta(conn, "generation")?.unwrap_or_else(|| "0".to_owned());
    text.parse::<u64>().map_err(|_| StoreError::CorruptMeta {
        key: "generation",
        value: text,
    })
}

/// The stored JSON of a meeting, if any.
pub fn record_json(conn: &Connection, symbol: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT record_json FROM meetings WHERE symbol = ?1",
            [symbol],
            |row| row.get(0),
        )
        .optional()?)
}

/// Deletes a meeting's rows (children go by cascade). Returns whether it existed.
pub fn delete_rows(tx: &Transaction, symbol: &str) -> Result<bool, StoreError> {
    let n = tx.execute("DELETE FROM meetings WHERE symbol = ?1", [symbol])?;
    Ok(n > 0)
}

pub fn role_str(role: Role) -> &'static str {
    match role {
        Role::President => "president",
        Role::ActingPresident => "acting_president",
        Role::SecretaryGeneral => "secretary_general",
        Role::Official => "official",
        Role::Briefer => "briefer",
        Role::Member => "member",
        Role::NonMember => "non_member",
        Role::Observer => "observer",
        Role::Other => "other",
    }
}

pub fn role_from_str(text: &str) -> Option<Role> {
    Some(match text {
        "president" => Role::President,
        "acting_president" => Role::ActingPresident,
        "secretary_general" => Role::SecretaryGeneral,
        "official" => Role::Official,
        "briefer" => Role::Briefer,
        "member" => Role::Member,
        "non_member" => Role::NonMember,
        "observer" => Role::Observer,
        "other" => Role::Other,
        _ => return None,
    })
}

fn stage_kind_str(kind: StageKind) -> &'static str {
    match kind {
        StageKind::CalledToOrder => "called_to_order",
        StageKind::Suspended => "suspended",
        StageKind::Resumed => "resumed",
        StageKind::Rose => "rose",
        StageKind::AgendaAdopted => "agenda_adopted",
        StageKind::Invitation => "invitation",
        StageKind::VoteTaken => "vote_taken",
        StageKind::ChairChange => "chair_change",
        StageKind::Decision => "decision",
        StageKind::Silence => "silence",
        StageKind::LanguageNote => "language_note",
        StageKind::Other => "other",
    }
}

pub fn method_str(method: VoteMethod) -> &'static str {
    match method {
        VoteMethod::ShowOfHands => "show_of_hands",
        VoteMethod::Recorded => "recorded",
        VoteMethod::WithoutVote => "without_vote",
        VoteMethod::Consensus => "consensus",
        VoteMethod::SecretBallot => "secret_ballot",
    }
}

/// The year of an ISO date ("2018-12-13" -> 2018).
pub fn year_of(date: Option<&str>) -> Option<i64> {
    date.and_then(|d| d.get(0..4)).and_then(|y| y.parse().ok())
}

/// The text of a speech as indexed and stored: paragraphs separated by a blank line.
pub fn speech_text(paragraphs: &[String]) -> String {
    paragraphs.join("\n\n")
}

/// Writes every row of one meeting inside `tx`. The caller has removed any previous version.
pub fn insert_meeting(
    tx: &Transaction,
    record: &MeetingRecord,
    generation: u64,
    record_json: &str,
    parser: Option<&str>,
) -> Result<(), StoreError> {
    let n_speeches = record
        .proceedings
        .iter()
        .filter(|p| matches!(p.kind, ProceedingKind::Speech(_)))
        .count();
    let n_votes = record
        .proceedings
        .iter()
        .filter(|p| matches!(p.kind, ProceedingKind::Vote(_)))
        .count();
    let president = record.president.as_ref();
    tx.prepare_cached(
        "INSERT INTO meetings (symbol, body, meeting_number, resumption, session, year_label, date, year,
            called_to_order, adjourned, location, president_name, president_country,
            president_country_code, n_proceedings, n_speeches, n_votes, n_diagnostics,
            coverage_body_chars, coverage_placed_chars, generation, record_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22)",
    )?
    .execute(params![
        record.symbol,
        record.body.as_str(),
        record.meeting_number,
        record.resumption,
        record.session,
        record.year_label,
        record.date,
        year_of(record.date.as_deref()),
        record.called_to_order,
        record.adjourned,
        record.location,
        president.and_then(|p| p.name.as_deref()),
        president.and_then(|p| p.country.as_deref()),
        president.and_then(|p| p.country_code.as_deref()),
        record.proceedings.len() as i64,
        n_speeches as i64,
        n_votes as i64,
        record.diagnostics.len() as i64,
        record.coverage.body_chars as i64,
        record.coverage.placed_chars as i64,
        generation as i64,
        record_json,
    ])?;
    let meeting_id = tx.last_insert_rowid();

    tx.prepare_cached(
        "INSERT INTO sources (meeting_id, file, sha256, pages, producer, parser)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        meeting_id,
        record.source.file,
        record.source.sha256,
        record.source.pages,
        record.source.producer,
        parser,
    ])?;

    let mut country_stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO countries (code, name) VALUES (?1, ?2)")?;
    let mut note_country = |name: Option<&str>, code: Option<&str>| -> Result<(), StoreError> {
        if let (Some(name), Some(code)) = (name, code)
            && !name.is_empty()
            && !code.is_empty()
        {
            country_stmt.execute(params![code, name])?;
        }
        Ok(())
    };
    if let Some(p) = president {
        note_country(p.country.as_deref(), p.country_code.as_deref())?;
    }

    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO members (meeting_id, position, country, country_code, representative)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, member) in record.members.iter().enumerate() {
            stmt.execute(params![
                meeting_id,
                position as i64,
                member.country,
                member.country_code,
                member.representative,
            ])?;
            note_country(Some(&member.country), member.country_code.as_deref())?;
        }
    }
    {
        let mut stmt = tx.prepare_cached(
            "INSERT INTO agenda_items (meeting_id, position, number, title, documents)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (position, item) in record.agenda.iter().enumerate() {
            stmt.execute(params![
                meeting_id,
                position as i64,
                item.number,
                item.title,
                serde_json::to_string(&item.documents)?,
            ])?;
        }
    }

    let mut citation_stmt =
        tx.prepare_cached("INSERT INTO citations (meeting_id, seq, document) VALUES (?1, ?2, ?3)")?;
    for document in &record.documents_cited {
        citation_stmt.execute(params![meeting_id, Option::<i64>::None, document])?;
    }

    // Speakers are numbered per meeting in order of first appearance; a speaker is the same when the
    // name, affiliation and role are the same. A Vec keeps the numbering deterministic.
    let mut speakers: Vec<(&str, Option<&str>, Role)> = Vec::new();
    let mut speaker_stmt = tx.prepare_cached(
        "INSERT INTO speakers (meeting_id, speaker_idx, name, title, affiliation, country_code, role, function)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut proceeding_stmt = tx.prepare_cached(
        "INSERT INTO proceedings (meeting_id, seq, kind, page_start, page_end, speaker_idx, heading,
            spoke_in, on_behalf_of, continues, stage_kind, time, agenda_number, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut vote_stmt = tx.prepare_cached(
        "INSERT INTO votes (meeting_id, seq, draft, part, subject, method, outcome, count_in_favour,
            count_against, count_abstaining, counts_announced, resolution, decision, vetoed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut position_stmt = tx.prepare_cached(
        "INSERT INTO vote_positions (meeting_id, seq, position, ord, country, country_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for proceeding in &record.proceedings {
        let seq = proceeding.seq as i64;
        match &proceeding.kind {
            ProceedingKind::Speech(speech) => {
                let sp = &speech.speaker;
                let key = (sp.name.as_str(), sp.affiliation.as_deref(), sp.role);
                let speaker_idx = match speakers.iter().position(|k| *k == key) {
                    Some(idx) => idx,
                    None => {
                        speakers.push(key);
                        let idx = speakers.len() - 1;
                        speaker_stmt.execute(params![
                            meeting_id,
                            idx as i64,
                            sp.name,
                            sp.title,
                            sp.affiliation,
                            sp.country_code,
                            role_str(sp.role),
                            sp.function,
                        ])?;
                        note_country(sp.affiliation.as_deref(), sp.country_code.as_deref())?;
                        idx
                    }
                };
                ProceedingRow {
                    speaker_idx: Some(speaker_idx as i64),
                    heading: Some(&sp.heading),
                    spoke_in: speech.spoke_in.as_deref(),
                    on_behalf_of: sp.on_behalf_of.as_deref(),
                    continues: Some(speech.continues),
                    ..ProceedingRow::new("speech", &speech_text(&speech.paragraphs))
                }
                .insert(&mut proceeding_stmt, meeting_id, proceeding)?;
                for document in &speech.documents_cited {
                    citation_stmt.execute(params![meeting_id, seq, document])?;
                }
            }
            ProceedingKind::StageDirection(stage) => {
                ProceedingRow {
                    stage_kind: Some(stage_kind_str(stage.kind)),
                    time: stage.time.as_deref(),
                    ..ProceedingRow::new("stage_direction", &stage.text)
                }
                .insert(&mut proceeding_stmt, meeting_id, proceeding)?;
            }
            ProceedingKind::AgendaHeading(heading) => {
                ProceedingRow {
                    continues: Some(heading.continued),
                    agenda_number: heading.number.as_deref(),
                    ..ProceedingRow::new("agenda_heading", &heading.title)
                }
                .insert(&mut proceeding_stmt, meeting_id, proceeding)?;
                for document in &heading.documents {
                    citation_stmt.execute(params![meeting_id, seq, document])?;
                }
            }
            ProceedingKind::Vote(vote) => {
                let label = vote
                    .draft
                    .clone()
                    .or_else(|| vote.subject.clone())
                    .unwrap_or_default();
                ProceedingRow::new("vote", &label).insert(
                    &mut proceeding_stmt,
                    meeting_id,
                    proceeding,
                )?;
                let counts = vote.counts.unwrap_or([None; 3]);
                let vetoed_by: Vec<&str> = vote
                    .vetoed_by
                    .iter()
                    .map(|c| c.code.as_deref().unwrap_or(c.name.as_str()))
                    .collect();
                vote_stmt.execute(params![
                    meeting_id,
                    seq,
                    vote.draft,
                    vote.part,
                    vote.subject,
                    method_str(vote.method),
                    vote.outcome.map(outcome_str),
                    counts[0],
                    counts[1],
                    counts[2],
                    vote.counts.is_some(),
                    vote.resolution,
                    vote.decision,
                    serde_json::to_string(&vetoed_by)?,
                ])?;
                for (position, list) in [
                    ("in_favour", &vote.in_favour),
                    ("against", &vote.against),
                    ("abstaining", &vote.abstaining),
                ] {
                    for (ord, country) in list.iter().enumerate() {
                        position_stmt.execute(params![
                            meeting_id,
                            seq,
                            position,
                            ord as i64,
                            country.name,
                            country.code,
                        ])?;
                        note_country(Some(&country.name), country.code.as_deref())?;
                    }
                }
                if let Some(draft) = &vote.draft {
                    citation_stmt.execute(params![meeting_id, seq, draft])?;
                }
            }
        }
    }
    Ok(())
}

/// One row of `proceedings`. The columns that belong to one kind only are NULL for the others, so each
/// kind sets its own and takes the rest from [`ProceedingRow::new`].
struct ProceedingRow<'a> {
    kind: &'static str,
    text: &'a str,
    speaker_idx: Option<i64>,
    heading: Option<&'a str>,
    spoke_in: Option<&'a str>,
    on_behalf_of: Option<&'a str>,
    /// A speech continued after an interruption, or an agenda heading marked as continued.
    continues: Option<bool>,
    stage_kind: Option<&'static str>,
    time: Option<&'a str>,
    agenda_number: Option<&'a str>,
}

impl<'a> ProceedingRow<'a> {
    fn new(kind: &'static str, text: &'a str) -> Self {
        ProceedingRow {
            kind,
            text,
            speaker_idx: None,
            heading: None,
            spoke_in: None,
            on_behalf_of: None,
            continues: None,
            stage_kind: None,
            time: None,
            agenda_number: None,
        }
    }

    fn insert(
        &self,
        stmt: &mut rusqlite::CachedStatement<'_>,
        meeting_id: i64,
        proceeding: &verbatim_record::Proceeding,
    ) -> Result<(), StoreError> {
        stmt.execute(params![
            meeting_id,
            proceeding.seq as i64,
            self.kind,
            proceeding.provenance.page_start,
            proceeding.provenance.page_end,
            self.speaker_idx,
            self.heading,
            self.spoke_in,
            self.on_behalf_of,
            self.continues,
            self.stage_kind,
            self.time,
            self.agenda_number,
            self.text,
        ])?;
        Ok(())
    }
}

pub fn outcome_str(outcome: verbatim_record::Outcome) -> &'static str {
    match outcome {
        verbatim_record::Outcome::Adopted => "adopted",
        verbatim_record::Outcome::NotAdopted => "not_adopted",
        verbatim_record::Outcome::Vetoed => "vetoed",
    }
}
