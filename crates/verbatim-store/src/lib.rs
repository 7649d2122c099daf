//! verbatim-store: [`MeetingRecord`]s in SQLite tables and a Tantivy full-text index of speeches.
//!
//! Input: [`MeetingRecord`] values (from the parser, a JSON export or the synthetic generator).
//! Output: query results ([`SearchResults`], [`KwicResults`], [`CountryVote`], [`StoreStats`] ...), all
//! serde-serialisable. Entry function: [`Store::open`], then [`Store::put_meeting`] to write and the
//! query methods to read. Out of scope: parsing, files other than the store's own, and presentation
//! (the CLI and the web crate format results). This is the only crate that touches SQLite or Tantivy.
//!
//! Modules: [`synth`] generates synthetic records shaped like real ones (tests and `verbatim bench
//! store`); [`web_api`] holds the extra read queries of the web layer.
//!
//! # Layout on disk
//! A store is a folder holding `store.sqlite` (the tables, the source of truth) and `index/` (Tantivy).
//!
//! # Tables (schema version [`SCHEMA_VERSION`])
//! - `meta(key, value)`: `schema_version`, `generation` (the last generation written), `index_layout`.
//! - `meetings(id, symbol UNIQUE, body, meeting_number, resumption, session, year_label, date, year,
//!   called_to_order, adjourned, location, president_name, president_country, president_country_code,
//!   n_proceedings, n_speeches, n_votes, n_diagnostics, coverage_body_chars, coverage_placed_chars,
//!   generation, record_json)`: one row per meeting; `record_json` is the full record, so that
//!   [`Store::meeting`] is lossless.
//! - `sources(meeting_id, file, sha256, pages, producer, parser)`: `parser` is the fingerprint of the
//!   build that parsed the file (NULL when unknown), so that `ingest` can skip files it has parsed.
//! - `members(meeting_id, position, country, country_code, representative)`.
//! - `agenda_items(meeting_id, position, number, title, documents)` (`documents` a JSON array).
//! - `speakers(meeting_id, speaker_idx, name, title, affiliation, country_code, role, function)`: the
//!   distinct speakers of a meeting (same name, affiliation and role), numbered by first appearance.
//! - `proceedings(meeting_id, seq, kind, page_start, page_end, speaker_idx, heading, spoke_in,
//!   on_behalf_of, continues, stage_kind, time, agenda_number, text)`: `kind` is `speech`,
//!   `stage_direction`, `vote` or `agenda_heading`; `text` is a speech's paragraphs joined by a blank
//!   line, a stage direction's text, an agenda heading's title or a vote's draft.
//! - `votes(meeting_id, seq, draft, part, subject, method, outcome, count_in_favour, count_against,
//!   count_abstaining, counts_announced, resolution, decision, vetoed_by)` (`vetoed_by` a JSON array of
//!   codes).
//! - `vote_positions(meeting_id, seq, position, ord, country, country_code)`: `position` is
//!   `in_favour`, `against` or `abstaining`; `ord` the place in the printed list.
//! - `citations(meeting_id, seq, document)`: `seq` NULL for the meeting's own list of cited documents,
//!   otherwise the speech, agenda heading or vote that cites it.
//! - `countries(code, name)`: every name a country code was printed under.
//! - `tombstones(symbol, generation)`: deletions not yet known to be applied to the index.
//!
//! Every child table references `meetings(id)` with `ON DELETE CASCADE`, so deleting a meeting row
//! deletes the whole meeting.
//!
//! # Index (layout version [`INDEX_LAYOUT_VERSION`])
//! One document per speech: `meeting` (exact), `seq`, `text` (BM25, positions for phrases, stored for
//! snippets), `speaker`, `affiliation` (words), `country`, `role`, `body` (exact), `date` (stored),
//! `day` (yyyymmdd, for date ranges), `year` (facet), `spoke_in` (lowercased), `agenda` (words).
//!
//! # How the tables and the index stay in agreement
//! Every write of a meeting (insert, replace or delete) takes the next *generation* number, stored in
//! `meta.generation` and on the meeting row (or in `tombstones` for a delete), in the same SQLite
//! transaction as the rows: a meeting is in the tables whole or not at all. Then its index documents are
//! deleted (by the `meeting` term) and re-added, and an index commit records, as its payload, the
//! generation it covers. Index commits are atomic, so the index holds whole meetings too. A crash
//! between the two steps leaves the tables ahead of the index; [`Store::open`] then finds every meeting
//! (and tombstone) with a generation above the index's payload, re-indexes (or removes) it and commits.
//! Several meetings may share one index commit ([`Store::stage_meeting`] + [`Store::commit`]) without
//! weakening this. An index missing, ahead of the tables, or of another layout is rebuilt from
//! `record_json`. Searches read only the index, so each sees one committed snapshot of whole meetings.

mod index;
mod sql;
pub mod synth;
mod types;
pub mod web_api;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use tantivy::directory::MmapDirectory;
use tantivy::query::AllQuery;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyError, Term};
use verbatim_record::{Body, MeetingRecord, Outcome, VoteMethod};

pub use index::{INDEX_LAYOUT_VERSION, day_number};
pub use sql::SCHEMA_VERSION;
pub use types::*;

use index::{Fields, ResolvedFilter, StrCounts};

/// Memory for the index writer (shared by its threads). Large enough that a bulk ingest writes few,
/// large segments.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("index: {0}")]
    Index(#[from] TantivyError),
    #[error("cannot open the index folder {path}: {source}")]
    IndexDir {
        path: PathBuf,
        source: tantivy::directory::error::OpenDirectoryError,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("record JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(
        "this store has schema version {found}, newer than the {supported} this verbatim understands: \
         use a newer verbatim, or ingest into a new data folder"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("this store has schema version {found}, which no verbatim release wrote")]
    UnsupportedSchema { found: u32 },
    #[error(
        "this store has schema version {found}, older than this binary's {supported}; open it once for \
         writing (`verbatim ingest`) to upgrade it"
    )]
    OlderSchema { found: u32, supported: u32 },
    #[error("the store's meta value {key} is corrupt: {value:?}")]
    CorruptMeta { key: &'static str, value: String },
    #[error("no store at {0} (run `verbatim ingest` first)")]
    NotFound(PathBuf),
    #[error("another process is writing to the store at {0}")]
    Locked(PathBuf),
    #[error("the store was opened read-only")]
    ReadOnly,
    #[error("a record without a symbol cannot be stored (source file {file:?})")]
    NoSymbol { file: String },
    #[error("invalid query {query:?}: {source}")]
    BadQuery {
        query: String,
        source: tantivy::query::QueryParserError,
    },
    #[error("invalid date {0:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    InvalidDate(String),
    #[error(
        "unknown country {0:?} (give an ISO alpha-3 code or a name as printed in a stored record)"
    )]
    UnknownCountry(String),
    #[error("the {0} filter has no words")]
    EmptyFilter(&'static str),
}

impl StoreError {
    /// True for errors caused by what the user asked (bad query, date, country), not by the store.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            StoreError::BadQuery { .. }
                | StoreError::InvalidDate(_)
                | StoreError::UnknownCountry(_)
                | StoreError::EmptyFilter(_)
        )
    }
}

/// A stored source file already parsed by a given parser (see [`Store::sources_parsed_by`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedSource {
    /// The symbol of the meeting it gave.
    pub symbol: String,
    pub pages: u32,
    pub speeches: u64,
}

/// The index writer and what belongs with it.
struct Writer {
    writer: IndexWriter,
    /// True when documents were added or deleted since the last commit.
    dirty: bool,
}

/// A store of meetings. `&self` methods may be called from several threads at once: writes are
/// serialised inside, and searches read the last committed index snapshot without waiting for them.
pub struct Store {
    dir: PathBuf,
    write_conn: Option<Mutex<Connection>>,
    read_conn: Mutex<Connection>,
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<Mutex<Writer>>,
    recovery: Recovery,
    /// The search facets' values by segment (see [`index::FacetCache`]).
    facet_cache: index::FacetCache,
}

fn sqlite_path(dir: &Path) -> PathBuf {
    dir.join("store.sqlite")
}

fn index_path(dir: &Path) -> PathBuf {
    dir.join("index")
}

fn lock_poisoned<T>(guard: std::sync::LockResult<T>) -> T {
    // A panic while holding a lock leaves at worst an uncommitted SQLite transaction (rolled back on
    // drop) or uncommitted index documents (never seen by readers), so the data is safe to go on with.
    guard.unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Store {
    /// Opens the store in `dir` for reading and writing, creating it if needed, and repairs any
    /// disagreement between tables and index left by a crash (see [`Store::recovery`]).
    pub fn open(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(index_path(&dir)).map_err(|source| StoreError::Io {
            path: index_path(&dir),
            source,
        })?;
        let mut write_conn = Connection::open(sqlite_path(&dir))?;
        sql::configure(&write_conn)?;
        sql::init(&mut write_conn)?;
        let read_conn = Connection::open_with_flags(
            sqlite_path(&dir),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        sql::configure(&read_conn)?;

        let (schema, fields) = index::build_schema();
        let layout_ok = sql::get_meta(&write_conn, "index_layout")?.as_deref()
            == Some(INDEX_LAYOUT_VERSION.to_string().as_str());
        let mut rebuilt = false;
        let index = if layout_ok {
            let directory =
                MmapDirectory::open(index_path(&dir)).map_err(|source| StoreError::IndexDir {
                    path: index_path(&dir),
                    source,
                })?;
            Index::open_or_create(directory, schema.clone())?
        } else {
            // A new store, or an index of another layout: start the index afresh; the tables refill it.
            remove_dir_contents(&index_path(&dir))?;
            rebuilt = sql::current_generation(&write_conn)? > 0;
            let index = Index::create_in_dir(index_path(&dir), schema.clone())?;
            sql::set_meta(
                &write_conn,
                "index_layout",
                &INDEX_LAYOUT_VERSION.to_string(),
            )?;
            index
        };
        let writer = index
            .writer::<tantivy::TantivyDocument>(WRITER_MEMORY)
            .map_err(|err| match err {
                TantivyError::LockFailure(..) => StoreError::Locked(dir.clone()),
                other => StoreError::Index(other),
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let mut store = Store {
            dir,
            write_conn: Some(Mutex::new(write_conn)),
            read_conn: Mutex::new(read_conn),
            index,
            fields,
            reader,
            writer: Some(Mutex::new(Writer {
                writer,
                dirty: false,
            })),
            recovery: Recovery::default(),
            facet_cache: index::FacetCache::default(),
        };
        store.recovery = store.reconcile()?;
        store.recovery.rebuilt |= rebuilt;
        Ok(store)
    }

    /// Opens an existing store for queries only, alongside a process that may be writing to it. The
    /// index view follows the writer's commits (checked about twice a second); call [`Store::refresh`]
    /// to see the latest at once.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Store, StoreError> {
        let dir = dir.as_ref().to_path_buf();
        if !sqlite_path(&dir).exists() {
            return Err(StoreError::NotFound(dir));
        }
        let read_conn = Connection::open_with_flags(
            sqlite_path(&dir),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        sql::configure(&read_conn)?;
        let found = sql::get_meta(&read_conn, "schema_version")?;
        match found.as_deref().map(str::parse::<u32>) {
            Some(Ok(v)) if v > SCHEMA_VERSION => {
                return Err(StoreError::NewerSchema {
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            Some(Ok(v)) if v < SCHEMA_VERSION => {
                // Migrating needs write access; a read-only opener cannot do it.
                return Err(StoreError::OlderSchema {
                    found: v,
                    supported: SCHEMA_VERSION,
                });
            }
            Some(Ok(_)) => {}
            _ => return Err(StoreError::NotFound(dir)),
        }
        let (schema, fields) = index::build_schema();
        let directory =
            MmapDirectory::open(index_path(&dir)).map_err(|source| StoreError::IndexDir {
                path: index_path(&dir),
                source,
            })?;
        let index = Index::open_or_create(directory, schema)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Store {
            dir,
            write_conn: None,
            read_conn: Mutex::new(read_conn),
            index,
            fields,
            reader,
            writer: None,
            recovery: Recovery::default(),
            facet_cache: index::FacetCache::default(),
        })
    }

    /// The folder of this store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What opening the store repaired.
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    /// Makes the latest index commit visible to searches.
    pub fn refresh(&self) -> Result<(), StoreError> {
        self.reader.reload()?;
        Ok(())
    }

    fn writer(&self) -> Result<&Mutex<Writer>, StoreError> {
        self.writer.as_ref().ok_or(StoreError::ReadOnly)
    }

    fn write_conn(&self) -> Result<&Mutex<Connection>, StoreError> {
        self.write_conn.as_ref().ok_or(StoreError::ReadOnly)
    }

    /// The generation the index's last commit covers (0 when it has none).
    fn index_generation(&self) -> Result<u64, StoreError> {
        let metas = self.index.load_metas()?;
        Ok(metas
            .payload
            .as_deref()
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(0))
    }

    /// Brings the index level with the tables after a crash (see the crate docs).
    fn reconcile(&self) -> Result<Recovery, StoreError> {
        let mut recovery = Recovery::default();
        let conn = lock_poisoned(self.write_conn()?.lock());
        let mut w = lock_poisoned(self.writer()?.lock());
        let table_generation = sql::current_generation(&conn)?;
        let mut index_generation = self.index_generation()?;
        if index_generation > table_generation {
            // The index claims writes the tables do not have (the SQLite file was replaced or restored):
            // the tables are the truth, so the index is rebuilt from them.
            w.writer.delete_all_documents()?;
            index_generation = 0;
            recovery.rebuilt = true;
        }
        if index_generation == table_generation {
            return Ok(recovery);
        }
        {
            // Deletions first, and only of meetings that are not stored again since: a delete term
            // removes every document added before it, so applied after a re-index it would remove the
            // meeting's new documents too.
            let mut stmt = conn.prepare(
                "SELECT DISTINCT symbol FROM tombstones t
                 WHERE generation > ?1
                   AND NOT EXISTS (SELECT 1 FROM meetings m WHERE m.symbol = t.symbol)
                 ORDER BY symbol",
            )?;
            let rows = stmt.query_map([index_generation as i64], |row| row.get::<_, String>(0))?;
            for symbol in rows {
                let symbol = symbol?;
                w.writer
                    .delete_term(Term::from_field_text(self.fields.meeting, &symbol));
                recovery.deleted += 1;
            }
            let mut stmt = conn.prepare(
                "SELECT record_json FROM meetings WHERE generation > ?1 ORDER BY generation",
            )?;
            let rows = stmt.query_map([index_generation as i64], |row| row.get::<_, String>(0))?;
            for json in rows {
                let record: MeetingRecord = serde_json::from_str(&json?)?;
                self.index_meeting(&w, &record)?;
                recovery.reindexed += 1;
            }
        }
        w.dirty = true;
        self.commit_locked(&conn, &mut w)?;
        Ok(recovery)
    }

    fn index_meeting(&self, w: &Writer, record: &MeetingRecord) -> Result<(), StoreError> {
        w.writer
            .delete_term(Term::from_field_text(self.fields.meeting, &record.symbol));
        for doc in index::documents(&self.fields, record) {
            w.writer.add_document(doc)?;
        }
        Ok(())
    }

    /// Commits the index with the current generation as payload, then forgets applied tombstones.
    fn commit_locked(&self, conn: &Connection, w: &mut Writer) -> Result<(), StoreError> {
        if !w.dirty {
            return Ok(());
        }
        let generation = sql::current_generation(conn)?;
        let mut prepared = w.writer.prepare_commit()?;
        prepared.set_payload(&generation.to_string());
        prepared.commit()?;
        w.dirty = false;
        conn.execute(
            "DELETE FROM tombstones WHERE generation <= ?1",
            [generation as i64],
        )?;
        self.reader.reload()?;
        Ok(())
    }

    /// Stores a meeting (keyed by its symbol) and commits it to the index, so that it is searchable on
    /// return. Unchanged when the stored record is identical (same source file hash and same parse).
    pub fn put_meeting(&self, record: &MeetingRecord) -> Result<PutOutcome, StoreError> {
        let outcome = self.stage_meeting(record)?;
        if outcome != PutOutcome::Unchanged {
            self.commit()?;
        }
        Ok(outcome)
    }

    /// Stores a meeting in the tables (committed) and stages its index documents; they become
    /// searchable at the next [`Store::commit`]. For bulk ingest: many meetings per index commit. A crash
    /// before that commit is repaired by the next [`Store::open`].
    pub fn stage_meeting(&self, record: &MeetingRecord) -> Result<PutOutcome, StoreError> {
        self.stage_parsed_meeting(record, None)
    }

    /// As [`Store::stage_meeting`], noting which parser (a fingerprint of its build) made the record
    /// from its source file, so that [`Store::sources_parsed_by`] can tell a later ingest that parsing
    /// the same file again would give nothing new. An unchanged record still has its fingerprint noted.
    pub fn stage_parsed_meeting(
        &self,
        record: &MeetingRecord,
        parser: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        if record.symbol.trim().is_empty() {
            return Err(StoreError::NoSymbol {
                file: record.source.file.clone(),
            });
        }
        let json = serde_json::to_string(record)?;
        let mut conn = lock_poisoned(self.write_conn()?.lock());
        let mut w = lock_poisoned(self.writer()?.lock());
        let previous = sql::record_json(&conn, &record.symbol)?;
        if previous.as_deref() == Some(json.as_str()) {
            if let Some(parser) = parser {
                conn.execute(
                    "UPDATE sources SET parser = ?1
                     WHERE meeting_id = (SELECT id FROM meetings WHERE symbol = ?2)",
                    params![parser, record.symbol],
                )?;
            }
            return Ok(PutOutcome::Unchanged);
        }
        let tx = conn.transaction()?;
        let existed = sql::delete_rows(&tx, &record.symbol)?;
        let generation = sql::next_generation(&tx)?;
        sql::insert_meeting(&tx, record, generation, &json, parser)?;
        tx.commit()?;
        self.index_meeting(&w, record)?;
        w.dirty = true;
        Ok(if existed {
            PutOutcome::Replaced
        } else {
            PutOutcome::Inserted
        })
    }

    /// Commits staged index documents and makes them visible to searches.
    pub fn commit(&self) -> Result<(), StoreError> {
        let conn = lock_poisoned(self.write_conn()?.lock());
        let mut w = lock_poisoned(self.writer()?.lock());
        self.commit_locked(&conn, &mut w)
    }

    /// Deletes a meeting from the tables and the index. Returns whether it was stored.
    pub fn delete_meeting(&self, symbol: &str) -> Result<bool, StoreError> {
        {
            let mut conn = lock_poisoned(self.write_conn()?.lock());
            let mut w = lock_poisoned(self.writer()?.lock());
            let tx = conn.transaction()?;
            if !sql::delete_rows(&tx, symbol)? {
                return Ok(false);
            }
            let generation = sql::next_generation(&tx)?;
            tx.execute(
                "INSERT INTO tombstones (symbol, generation) VALUES (?1, ?2)",
                params![symbol, generation as i64],
            )?;
            tx.commit()?;
            w.writer
                .delete_term(Term::from_field_text(self.fields.meeting, symbol));
            w.dirty = true;
            self.commit_locked(&conn, &mut w)?;
        }
        Ok(true)
    }

    /// Rebuilds the whole index from the tables.
    pub fn rebuild_index(&self) -> Result<u64, StoreError> {
        let conn = lock_poisoned(self.write_conn()?.lock());
        let mut w = lock_poisoned(self.writer()?.lock());
        w.writer.delete_all_documents()?;
        let mut n = 0;
        {
            let mut stmt = conn.prepare("SELECT record_json FROM meetings ORDER BY id")?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            for json in rows {
                let record: MeetingRecord = serde_json::from_str(&json?)?;
                self.index_meeting(&w, &record)?;
                n += 1;
            }
        }
        w.dirty = true;
        self.commit_locked(&conn, &mut w)?;
        Ok(n)
    }

    /// Commits what is staged, waits for the index's background segment merges to finish (so that the
    /// next opener searches few, large segments) and closes the store.
    pub fn close(self) -> Result<(), StoreError> {
        if self.writer.is_some() {
            self.commit()?;
        }
        if let Some(conn) = &self.write_conn {
            // Fold the write-ahead log into the database file now: SQLite does it by itself only when
            // the last connection closes, and that may be a read-only one, which cannot.
            let conn = lock_poisoned(conn.lock());
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        if let Some(writer) = self.writer {
            let w = lock_poisoned(writer.into_inner());
            w.writer.wait_merging_threads()?;
        }
        Ok(())
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        lock_poisoned(self.read_conn.lock())
    }

    /// A stored meeting, exactly as it was put.
    pub fn meeting(&self, symbol: &str) -> Result<Option<MeetingRecord>, StoreError> {
        let conn = self.conn();
        match sql::record_json(&conn, symbol)? {
            Some(json) => Ok(Some(serde_json::from_str(&json)?)),
            None => Ok(None),
        }
    }

    /// Every stored source whose record was made by `parser` (see [`Store::stage_parsed_meeting`]), by
    /// sha256: parsing one of these files again with the same parser would give the stored record.
    pub fn sources_parsed_by(
        &self,
        parser: &str,
    ) -> Result<std::collections::BTreeMap<String, ParsedSource>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT s.sha256, m.symbol, s.pages, m.n_speeches
             FROM sources s JOIN meetings m ON m.id = s.meeting_id WHERE s.parser = ?1",
        )?;
        let rows = stmt.query_map([parser], |row| {
            Ok((
                row.get::<_, String>(0)?,
                ParsedSource {
                    symbol: row.get(1)?,
                    pages: row.get(2)?,
                    speeches: row.get::<_, i64>(3)?.max(0) as u64,
                },
            ))
        })?;
        let mut out = std::collections::BTreeMap::new();
        for row in rows {
            let (sha, source) = row?;
            out.insert(sha, source);
        }
        Ok(out)
    }

    /// The sha256 of the source a stored meeting came from, by symbol.
    pub fn source_sha256(&self, symbol: &str) -> Result<Option<String>, StoreError> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                "SELECT s.sha256 FROM sources s JOIN meetings m ON m.id = s.meeting_id
                 WHERE m.symbol = ?1",
                [symbol],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Resolves a country given as a code ("fra", "FRA") or as a name as printed ("France") to a code.
    pub fn resolve_country(&self, country: &str) -> Result<String, StoreError> {
        let trimmed = country.trim();
        if trimmed.len() == 3 && trimmed.chars().all(|c| c.is_ascii_alphabetic()) {
            return Ok(trimmed.to_ascii_uppercase());
        }
        if let Some(code) = verbatim_record::countries::code_for(trimmed) {
            return Ok(code.to_owned());
        }
        // Names the country table does not know may still have been printed in a stored record.
        let conn = self.conn();
        let found: Option<String> = conn
            .query_row(
                "SELECT code FROM countries WHERE name = ?1 COLLATE NOCASE ORDER BY code LIMIT 1",
                [trimmed],
                |row| row.get(0),
            )
            .optional()?;
        found.ok_or_else(|| StoreError::UnknownCountry(trimmed.to_owned()))
    }

    fn resolve<'a>(&self, filter: &'a SpeechFilter) -> Result<ResolvedFilter<'a>, StoreError> {
        let country_code = match &filter.country {
            Some(c) => Some(self.resolve_country(c)?),
            None => None,
        };
        Ok(ResolvedFilter {
            filter,
            country_code,
        })
    }

    /// Full-text search over speeches, ranked by BM25.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, StoreError> {
        let resolved = self.resolve(&query.filter)?;
        let searcher = self.reader.searcher();
        index::search(
            &searcher,
            &self.index,
            &self.fields,
            &self.facet_cache,
            query,
            &resolved,
        )
    }

    /// Every occurrence of a word or phrase in the matching speeches, with its context.
    pub fn kwic(&self, query: &KwicQuery) -> Result<KwicResults, StoreError> {
        let resolved = self.resolve(&query.filter)?;
        let searcher = self.reader.searcher();
        index::kwic(&searcher, &self.index, &self.fields, query, &resolved)
    }

    /// Meetings, newest first (then by symbol).
    pub fn list_meetings(
        &self,
        filter: &MeetingFilter,
        page: Page,
    ) -> Result<MeetingList, StoreError> {
        let country = match &filter.country {
            Some(c) => Some(self.resolve_country(c)?),
            None => None,
        };
        let from = match &filter.from {
            Some(d) => Some(date_bound(d, false)?),
            None => None,
        };
        let to = match &filter.to {
            Some(d) => Some(date_bound(d, true)?),
            None => None,
        };
        let conn = self.conn();
        let where_sql = "WHERE (?1 IS NULL OR m.body = ?1)
              AND (?2 IS NULL OR m.date >= ?2)
              AND (?3 IS NULL OR m.date <= ?3)
              AND (?4 IS NULL OR EXISTS (SELECT 1 FROM speakers s
                                         WHERE s.meeting_id = m.id AND s.country_code = ?4))
              AND (?5 IS NULL OR instr(m.symbol, ?5) > 0)";
        let body = filter.body.map(Body::as_str);
        let args = params![body, from, to, country, filter.symbol_contains];
        let total: i64 = conn.query_row(
            &format!("SELECT count(*) FROM meetings m {where_sql}"),
            args,
            |row| row.get(0),
        )?;
        let mut stmt = conn.prepare(&format!(
            "SELECT m.symbol, m.body, m.meeting_number, m.date, m.n_proceedings, m.n_speeches, m.n_votes,
                    (SELECT title FROM agenda_items a WHERE a.meeting_id = m.id ORDER BY position LIMIT 1),
                    s.file, s.sha256
             FROM meetings m JOIN sources s ON s.meeting_id = m.id
             {where_sql}
             ORDER BY m.date DESC, m.symbol LIMIT ?6 OFFSET ?7"
        ))?;
        let rows = stmt.query_map(
            params![
                body,
                from,
                to,
                country,
                filter.symbol_contains,
                page.limit as i64,
                page.offset as i64
            ],
            |row| {
                Ok(MeetingSummary {
                    symbol: row.get(0)?,
                    body: body_from_str(&row.get::<_, String>(1)?),
                    meeting_number: row.get(2)?,
                    date: row.get(3)?,
                    n_proceedings: row.get(4)?,
                    n_speeches: row.get(5)?,
                    n_votes: row.get(6)?,
                    agenda: row.get(7)?,
                    source_file: row.get(8)?,
                    source_sha256: row.get(9)?,
                })
            },
        )?;
        let meetings = rows.collect::<Result<Vec<_>, _>>()?;
        Ok(MeetingList {
            total: total as u64,
            meetings,
        })
    }

    /// How a country voted, vote by vote, oldest first.
    pub fn votes_for_country(&self, country: &str) -> Result<Vec<CountryVote>, StoreError> {
        let code = self.resolve_country(country)?;
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT m.symbol, m.date, m.body, v.seq, v.draft, v.part, v.subject, v.method, p.position,
                    p.country, v.outcome, v.count_in_favour, v.count_against, v.count_abstaining,
                    v.counts_announced, v.resolution, v.vetoed_by
             FROM vote_positions p
             JOIN votes v ON v.meeting_id = p.meeting_id AND v.seq = p.seq
             JOIN meetings m ON m.id = p.meeting_id
             WHERE p.country_code = ?1
             ORDER BY m.date, m.symbol, v.seq",
        )?;
        let rows = stmt.query_map([&code], |row| {
            let position: String = row.get(8)?;
            let vetoed_by: String = row.get(16)?;
            Ok((
                CountryVote {
                    meeting: row.get(0)?,
                    date: row.get(1)?,
                    body: body_from_str(&row.get::<_, String>(2)?),
                    seq: row.get(3)?,
                    draft: row.get(4)?,
                    part: row.get(5)?,
                    subject: row.get(6)?,
                    method: method_from_str(&row.get::<_, String>(7)?),
                    position: match position.as_str() {
                        "against" => Position::Against,
                        "abstaining" => Position::Abstaining,
                        _ => Position::InFavour,
                    },
                    printed_as: row.get(9)?,
                    outcome: row
                        .get::<_, Option<String>>(10)?
                        .as_deref()
                        .and_then(outcome_from_str),
                    counts: if row.get::<_, bool>(14)? {
                        Some([row.get(11)?, row.get(12)?, row.get(13)?])
                    } else {
                        None
                    },
                    resolution: row.get(15)?,
                    vetoed: false,
                },
                vetoed_by,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut vote, vetoed_by) = row?;
            let vetoers: Vec<String> = serde_json::from_str(&vetoed_by)?;
            vote.vetoed = vote.position == Position::Against && vetoers.contains(&code);
            out.push(vote);
        }
        Ok(out)
    }

    /// Speeches, agenda headings, votes and meetings that cite a document, by date.
    pub fn citing(&self, document: &str) -> Result<Vec<Citation>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT m.symbol, m.date, c.seq, s.name, s.country_code
             FROM citations c
             JOIN meetings m ON m.id = c.meeting_id
             LEFT JOIN proceedings p ON p.meeting_id = c.meeting_id AND p.seq = c.seq
             LEFT JOIN speakers s ON s.meeting_id = p.meeting_id AND s.speaker_idx = p.speaker_idx
             WHERE c.document = ?1
             ORDER BY m.date, m.symbol, c.seq",
        )?;
        let rows = stmt.query_map([document.trim()], |row| {
            Ok(Citation {
                meeting: row.get(0)?,
                date: row.get(1)?,
                seq: row.get(2)?,
                speaker: row.get(3)?,
                country_code: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Speakers across meetings, most speeches first.
    pub fn speakers(
        &self,
        filter: &SpeakerFilter,
        page: Page,
    ) -> Result<Vec<SpeakerSummary>, StoreError> {
        let country = match &filter.country {
            Some(c) => Some(self.resolve_country(c)?),
            None => None,
        };
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT s.name, s.affiliation, s.country_code, s.role,
                    count(p.seq), count(DISTINCT s.meeting_id), min(m.date), max(m.date)
             FROM speakers s
             JOIN meetings m ON m.id = s.meeting_id
             JOIN proceedings p ON p.meeting_id = s.meeting_id AND p.speaker_idx = s.speaker_idx
             WHERE (?1 IS NULL OR s.country_code = ?1)
               AND (?2 IS NULL OR instr(lower(s.name), lower(?2)) > 0)
               AND (?3 IS NULL OR s.role = ?3)
             GROUP BY s.name, s.affiliation, s.country_code, s.role
             ORDER BY count(p.seq) DESC, s.name, s.affiliation, s.role
             LIMIT ?4 OFFSET ?5",
        )?;
        let rows = stmt.query_map(
            params![
                country,
                filter.name_contains,
                filter.role.map(sql::role_str),
                page.limit as i64,
                page.offset as i64
            ],
            |row| {
                Ok(SpeakerSummary {
                    name: row.get(0)?,
                    affiliation: row.get(1)?,
                    country_code: row.get(2)?,
                    role: sql::role_from_str(&row.get::<_, String>(3)?)
                        .unwrap_or(verbatim_record::Role::Other),
                    speeches: row.get::<_, i64>(4)? as u64,
                    meetings: row.get::<_, i64>(5)? as u64,
                    first_date: row.get(6)?,
                    last_date: row.get(7)?,
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Every country code seen, with its printed names and activity, by code.
    pub fn countries(&self) -> Result<Vec<CountrySummary>, StoreError> {
        let conn = self.conn();
        let mut names_stmt =
            conn.prepare("SELECT code, name FROM countries ORDER BY code, name")?;
        let mut out: Vec<CountrySummary> = Vec::new();
        let rows = names_stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (code, name) = row?;
            match out.last_mut() {
                Some(last) if last.code == code => last.names.push(name),
                _ => out.push(CountrySummary {
                    code,
                    names: vec![name],
                    speeches: 0,
                    vote_positions: 0,
                }),
            }
        }
        let mut speech_stmt = conn.prepare(
            "SELECT s.country_code, count(*) FROM proceedings p
             JOIN speakers s ON s.meeting_id = p.meeting_id AND s.speaker_idx = p.speaker_idx
             WHERE s.country_code IS NOT NULL GROUP BY s.country_code",
        )?;
        let speeches: Vec<(String, u64)> = speech_stmt
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        let mut vote_stmt = conn.prepare(
            "SELECT country_code, count(*) FROM vote_positions
             WHERE country_code IS NOT NULL GROUP BY country_code",
        )?;
        let votes: Vec<(String, u64)> = vote_stmt
            .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        for summary in &mut out {
            if let Ok(i) = speeches.binary_search_by(|(c, _)| c.as_str().cmp(&summary.code)) {
                summary.speeches = speeches[i].1;
            }
            if let Ok(i) = votes.binary_search_by(|(c, _)| c.as_str().cmp(&summary.code)) {
                summary.vote_positions = votes[i].1;
            }
        }
        Ok(out)
    }

    /// Totals over the store.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let conn = self.conn();
        let count = |sql: &str| -> Result<u64, StoreError> {
            Ok(conn.query_row(sql, [], |row| row.get::<_, i64>(0))? as u64)
        };
        let meetings = count("SELECT count(*) FROM meetings")?;
        let proceedings = count("SELECT count(*) FROM proceedings")?;
        let speeches = count("SELECT count(*) FROM proceedings WHERE kind = 'speech'")?;
        let votes = count("SELECT count(*) FROM votes")?;
        let vote_positions = count("SELECT count(*) FROM vote_positions")?;
        let citations = count("SELECT count(*) FROM citations")?;
        let speakers =
            count("SELECT count(*) FROM (SELECT DISTINCT name, affiliation, role FROM speakers)")?;
        let countries = count("SELECT count(DISTINCT code) FROM countries")?;
        let (first_date, last_date): (Option<String>, Option<String>) =
            conn.query_row("SELECT min(date), max(date) FROM meetings", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        let group = |sql: &str| -> Result<Vec<CountByKey>, StoreError> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |row| {
                Ok(CountByKey {
                    key: row
                        .get::<_, Option<rusqlite::types::Value>>(0)?
                        .map(|v| match v {
                            rusqlite::types::Value::Integer(i) => i.to_string(),
                            rusqlite::types::Value::Text(t) => t,
                            _ => "unknown".to_owned(),
                        })
                        .unwrap_or_else(|| "unknown".to_owned()),
                    count: row.get::<_, i64>(1)? as u64,
                })
            })?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        let by_body = group("SELECT body, count(*) FROM meetings GROUP BY body ORDER BY body")?;
        let by_year = group("SELECT year, count(*) FROM meetings GROUP BY year ORDER BY year")?;
        drop(conn);
        let index_documents = self.reader.searcher().num_docs();
        Ok(StoreStats {
            schema_version: SCHEMA_VERSION,
            meetings,
            proceedings,
            speeches,
            votes,
            vote_positions,
            citations,
            speakers,
            countries,
            first_date,
            last_date,
            by_body,
            by_year,
            index_documents,
            sqlite_bytes: file_size(&sqlite_path(&self.dir))
                + file_size(&self.dir.join("store.sqlite-wal")),
            index_bytes: dir_size(&index_path(&self.dir)),
        })
    }

    /// Compares, meeting by meeting, the speeches in the tables with the documents in the index.
    pub fn check_consistency(&self) -> Result<Consistency, StoreError> {
        let searcher = self.reader.searcher();
        let counts = searcher.search(&AllQuery, &StrCounts::new(vec!["meeting"]))?;
        let mut in_index = counts.into_iter().next().unwrap_or_default();
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT symbol, n_speeches FROM meetings ORDER BY symbol")?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)? as u64))
        })?;
        let mut report = Consistency::default();
        for row in rows {
            let (symbol, n_tables) = row?;
            report.meetings_checked += 1;
            let n_index = in_index.remove(&symbol).unwrap_or(0);
            if n_index != n_tables {
                report.mismatched.push((symbol, n_tables, n_index));
            }
        }
        report.only_in_index = in_index.into_keys().collect();
        Ok(report)
    }
}

fn date_bound(date: &str, end: bool) -> Result<String, StoreError> {
    let n = day_number(date, end).ok_or_else(|| StoreError::InvalidDate(date.to_owned()))?;
    Ok(format!(
        "{:04}-{:02}-{:02}",
        n / 10_000,
        (n / 100) % 100,
        n % 100
    ))
}

fn body_from_str(text: &str) -> Body {
    match text {
        "SC" => Body::SC,
        "GA" => Body::GA,
        _ => Body::Other,
    }
}

fn method_from_str(text: &str) -> VoteMethod {
    match text {
        "show_of_hands" => VoteMethod::ShowOfHands,
        "without_vote" => VoteMethod::WithoutVote,
        "consensus" => VoteMethod::Consensus,
        "secret_ballot" => VoteMethod::SecretBallot,
        _ => VoteMethod::Recorded,
    }
}

fn outcome_from_str(text: &str) -> Option<Outcome> {
    match text {
        "adopted" => Some(Outcome::Adopted),
        "not_adopted" => Some(Outcome::NotAdopted),
        "vetoed" => Some(Outcome::Vetoed),
        _ => None,
    }
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                dir_size(&p)
            } else {
                file_size(&p)
            }
        })
        .sum()
}

fn remove_dir_contents(path: &Path) -> Result<(), StoreError> {
    let entries = std::fs::read_dir(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    for entry in entries.flatten() {
        let p = entry.path();
        let result = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        result.map_err(|source| StoreError::Io { path: p, source })?;
    }
    Ok(())
}

/// Hooks for tests that need a store in states only a crash produces. Not part of the API.
#[doc(hidden)]
pub mod testing {
    use super::*;

    /// Sets a meta value directly in the store's SQLite file.
    pub fn set_meta(dir: &Path, key: &str, value: &str) -> Result<(), StoreError> {
        let conn = Connection::open(sqlite_path(dir))?;
        sql::set_meta(&conn, key, value)
    }

    /// Turns a store into what a schema-version-1 binary wrote: no parser column in `sources`.
    pub fn downgrade_to_schema_v1(dir: &Path) -> Result<(), StoreError> {
        let conn = Connection::open(sqlite_path(dir))?;
        conn.execute_batch(
            "DROP INDEX sources_sha256_parser;
             ALTER TABLE sources DROP COLUMN parser;",
        )?;
        sql::set_meta(&conn, "schema_version", "1")
    }

    /// Sets the parser fingerprint of every stored source, as if another build had parsed them.
    pub fn set_source_parser(dir: &Path, parser: &str) -> Result<(), StoreError> {
        let conn = Connection::open(sqlite_path(dir))?;
        conn.execute("UPDATE sources SET parser = ?1", [parser])?;
        Ok(())
    }

    /// Writes a meeting's rows as the first step of a put does, without touching the index: the state a
    /// crash between the two steps leaves.
    pub fn put_rows_only(dir: &Path, record: &MeetingRecord) -> Result<(), StoreError> {
        let mut conn = Connection::open(sqlite_path(dir))?;
        sql::configure(&conn)?;
        let json = serde_json::to_string(record)?;
        let tx = conn.transaction()?;
        sql::delete_rows(&tx, &record.symbol)?;
        let generation = sql::next_generation(&tx)?;
        sql::insert_meeting(&tx, record, generation, &json, None)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a meeting's rows and records its tombstone, without touching the index.
    pub fn delete_rows_only(dir: &Path, symbol: &str) -> Result<(), StoreError> {
        let mut conn = Connection::open(sqlite_path(dir))?;
        sql::configure(&conn)?;
        let tx = conn.transaction()?;
        sql::delete_rows(&tx, symbol)?;
        let generation = sql::next_generation(&tx)?;
        tx.execute(
            "INSERT INTO tombstones (symbol, generation) VALUES (?1, ?2)",
            params![symbol, generation as i64],
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// Baselines for `verbatim bench store`, measured in the same run as the store so that the figures
/// can be read as ratios on any machine. Not part of the API.
#[doc(hidden)]
pub mod bench_reference {
    use super::*;

    /// Inserts every speech text of `records` into a plain SQLite table (no other tables, no index, one
    /// transaction, WAL): the cheapest way to put the same text on disk with the same library. Returns
    /// the number of rows written.
    pub fn plain_sqlite_insert(path: &Path, records: &[MeetingRecord]) -> Result<u64, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.execute_batch("CREATE TABLE speeches (meeting TEXT, seq INTEGER, text TEXT)")?;
        let tx = conn.transaction()?;
        let mut n = 0;
        {
            let mut stmt = tx.prepare("INSERT INTO speeches VALUES (?1, ?2, ?3)")?;
            for record in records {
                for p in &record.proceedings {
                    if let verbatim_record::ProceedingKind::Speech(s) = &p.kind {
                        stmt.execute(params![
                            record.symbol,
                            p.seq,
                            sql::speech_text(&s.paragraphs)
                        ])?;
                        n += 1;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(n)
    }
}
