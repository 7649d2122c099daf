//! The Security Council Debates corpus (Schoenfeld et al.) in and out of [`MeetingRecord`]s.
//!
//! Input: the corpus's speech files ([`SpeechFile`]: a file name and its bytes, one speech each, the
//! speaker heading at the start) and, where present, its metadata tables (`speaker.tsv` / the
//! `speaker_03_preproc.tsv` form, and `meta.tsv`), parsed by [`Table::parse`]. Output: [`Imported`], one
//! [`MeetingRecord`] per meeting symbol plus notes on what could not be used. Entry function: [`import`].
//! The naming rules of the corpus ([`parse_file_name`], [`corpus_basename`], [`speech_file_name`]) are
//! shared with the `scd` export so that the two directions agree. Out of scope: reading folders, the
//! store (the binary decides whether a meeting parsed from its PDF is already stored) and the export's
//! TSV writing (verbatim-export).
//!
//! # How a speech file becomes a speech
//! - Bytes are UTF-8 when they are valid UTF-8 (a byte-order mark is dropped), otherwise Windows-1252
//!   (part of the corpus's 2020 files are), with a diagnostic. Line ends become `\n`.
//! - The heading is read with the PDF parser's speaker-heading grammar (name, parentheses, language
//!   note, function, colon). A file that does not start with a heading (the 2020 letter-format
//!   meetings) takes its speaker from its metadata row, or stays without a speaker name.
//! - The text after the heading is split into paragraphs at blank lines and each paragraph's hard line
//!   breaks are joined with the layout stage's reflow rules (line-end hyphens resolved with the words
//!   the meeting prints hyphenated elsewhere).
//! - Stage directions and votes that the corpus keeps inside a speech stay inside it: the corpus's
//!   speech boundaries are kept as they are, so that an export gives the same files back.
//!
//! # Meetings
//! Files are grouped by the meeting symbol in their name: `UNSC_2002_SPV.4644_spch001.txt` is
//! `S/PV.4644`, `SPV.4726Resumption1` is `S/PV.4726 (Resumption 1)`, and `SPV.2020_397` (a 2020
//! letter-format meeting) is the letter's symbol `S/2020/397`. A file whose name carries no symbol and
//! whose metadata row gives none (`000_bc50d830ca4e0246.txt`) is a meeting of its own with the
//! placeholder symbol `unknown:<file stem>` ([`UNKNOWN_PREFIX`]) and no date: the meeting is recorded as
//! unknown, never guessed. `source.file` of an imported meeting is the corpus's basename of the
//! meeting (`UNSC_2002_SPV.4644`), `source.producer` names the corpus, and `source.sha256` is left
//! for the caller, which has the bytes and a hasher.

use std::collections::{BTreeMap, BTreeSet};

use verbatim_layout::text::{HyphenContext, join_lines_with};

use crate::model::*;
use crate::{countries, heading, symbols, text};

/// Symbol prefix of a meeting the corpus does not identify.
pub const UNKNOWN_PREFIX: &str = "unknown:";

/// `source.producer` of a meeting imported from the corpus.
pub const PRODUCER: &str = "UN Security Council Debates corpus (speech files)";

/// One speech file of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechFile {
    /// The file name without folders: "UNSC_2002_SPV.4644_spch001.txt".
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What a corpus file name says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    /// The year in the name ("UNSC_2002_...").
    pub year: u32,
    /// "S/PV.4644", "S/PV.4726 (Resumption 1)", "S/2020/397".
    pub symbol: String,
    /// The speech's number in its meeting, from 1.
    pub speech_number: u32,
    /// The meeting part of the name: "UNSC_2002_SPV.4644".
    pub basename: String,
}

/// Reads a corpus speech file name: `UNSC_{year}_SPV.{meeting}[Resumption{k}]_spch{n}.txt` or
/// `UNSC_{year}_SPV.{yyyy}_{serial}_spch{n}.txt`; the number widths vary between corpus versions.
pub fn parse_file_name(name: &str) -> Option<FileName> {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    let (basename, number) = stem.rsplit_once("_spch")?;
    let speech_number = number.parse().ok()?;
    let rest = basename.strip_prefix("UNSC_")?;
    let (year, spv) = rest.split_once("_SPV.")?;
    if year.len() != 4 {
        return None;
    }
    let year = year.parse().ok()?;
    let symbol = symbol_from_spv(spv)?;
    Some(FileName {
        year,
        symbol,
        speech_number,
        basename: basename.to_owned(),
    })
}

/// The corpus's `spv` value ("4644", "4726Resumption1", "2020_397") as a symbol.
pub fn symbol_from_spv(spv: &str) -> Option<String> {
    let spv = spv.trim();
    if let Some((year, serial)) = spv.split_once('_') {
        let ok = year.len() == 4
            && year.bytes().all(|b| b.is_ascii_digit())
            && !serial.is_empty()
            && serial.bytes().all(|b| b.is_ascii_digit());
        return ok.then(|| format!("S/{year}/{serial}"));
    }
    let (meeting, resumption) = match spv.split_once("Resumption") {
        Some((meeting, k)) => (meeting.trim(), Some(k.trim().parse::<u32>().ok()?)),
        None => (spv, None),
    };
    let meeting: u32 = meeting.parse().ok()?;
    Some(match resumption {
        Some(k) => format!("S/PV.{meeting} (Resumption {k})"),
        None => format!("S/PV.{meeting}"),
    })
}

/// The corpus's `spv` value for a symbol: "S/PV.4726 (Resumption 1)" -> "4726Resumption1",
/// "S/2020/397" -> "2020_397"; None for symbols the corpus has no form for.
pub fn spv_for_symbol(symbol: &str) -> Option<String> {
    if let Some(pv) = symbols::parse_pv_symbol(symbol) {
        if pv.body != Body::SC {
            return None;
        }
        return Some(match pv.resumption {
            Some(k) => format!("{}Resumption{k}", pv.meeting),
            None => pv.meeting.to_string(),
        });
    }
    let rest = symbol.strip_prefix("S/")?;
    let (year, serial) = rest.split_once('/')?;
    let ok = year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && !serial.is_empty()
        && serial.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| format!("{year}_{serial}"))
}

/// The corpus basename of a meeting ("UNSC_2002_SPV.4644"): the one it was imported under, else one
/// built from its year and symbol; None for a meeting the corpus's naming cannot express (a General
/// Assembly record, or one whose year is unknown). A meeting imported as unknown gives its original
/// file stem back.
pub fn corpus_basename(record: &MeetingRecord) -> Option<String> {
    if let Some(stem) = record.symbol.strip_prefix(UNKNOWN_PREFIX) {
        return Some(stem.to_owned());
    }
    if record.source.producer.as_deref() == Some(PRODUCER)
        && parse_file_name(&format!("{}_spch1.txt", record.source.file)).is_some()
    {
        return Some(record.source.file.clone());
    }
    let spv = spv_for_symbol(&record.symbol)?;
    let year = record.date.as_deref()?.get(..4)?;
    Some(format!("UNSC_{year}_SPV.{spv}"))
}

/// The file name of the `number`th speech (from 1) of a meeting with this basename. A meeting imported
/// as unknown had a single file with its own name, which is given back.
pub fn speech_file_name(record: &MeetingRecord, basename: &str, number: u32) -> String {
    if record.symbol.starts_with(UNKNOWN_PREFIX) && number == 1 {
        return format!("{basename}.txt");
    }
    format!("{basename}_spch{number:03}.txt")
}

/// A tab-separated table as the corpus writes it: a header line, then rows. Fields may be quoted with
/// `"` (a quote inside doubled), and a quoted field may hold tabs and line breaks. A row that an
/// unquoted line break cut short is joined with the next line when that completes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// Column names as in the header, trimmed.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("the table is empty (no header line)")]
    Empty,
    #[error("line {line}: a quoted field is never closed")]
    UnclosedQuote { line: usize },
    #[error("row at line {line} has {found} fields, more than the header's {expected}")]
    TooManyFields {
        line: usize,
        found: usize,
        expected: usize,
    },
}

impl Table {
    pub fn parse(text: &str) -> Result<Table, TableError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let records = split_records(text)?;
        let mut records = records.into_iter();
        let (_, header) = records.next().ok_or(TableError::Empty)?;
        let mut columns: Vec<String> = header.iter().map(|c| c.trim().to_owned()).collect();
        let mut records = records.peekable();
        // R's write.table writes row names without a header cell for them: the header is one field
        // short of every row, and the missing name is the row index's.
        if records
            .peek()
            .is_some_and(|(_, first)| first.len() == columns.len() + 1)
        {
            columns.insert(0, String::new());
        }
        let expected = columns.len();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut pending: Option<(usize, Vec<String>)> = None;
        for (line, mut fields) in records {
            if fields.len() == 1 && fields[0].trim().is_empty() && pending.is_none() {
                continue;
            }
            if let Some((start, mut short)) = pending.take() {
                // The previous row was cut by a line break inside a field that was not quoted: its
                // last field goes on with this line's first field.
                if short.len() + fields.len() - 1 <= expected {
                    let first = fields.remove(0);
                    if let Some(last) = short.last_mut() {
                        last.push('\n');
                        last.push_str(&first);
                    }
                    short.extend(fields);
                    fields = short;
                    if fields.len() < expected {
                        pending = Some((start, fields));
                        continue;
                    }
                } else {
                    rows.push(pad(short, expected));
                }
            }
            if fields.len() > expected {
                return Err(TableError::TooManyFields {
                    line,
                    found: fields.len(),
                    expected,
                });
            }
            if fields.len() < expected {
                pending = Some((line, fields));
                continue;
            }
            rows.push(fields);
        }
        if let Some((_, short)) = pending {
            rows.push(pad(short, expected));
        }
        Ok(Table { columns, rows })
    }

    /// Index of the first column with one of these names (case and `_`/space/`.` differences ignored).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|name| {
            let want = column_key(name);
            self.columns.iter().position(|c| column_key(c) == want)
        })
    }
}

fn column_key(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | ' ' | '.' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn pad(mut fields: Vec<String>, expected: usize) -> Vec<String> {
    fields.resize(expected, String::new());
    fields
}

/// Splits TSV text into records of fields, honouring quotes; each record with its 1-based first line.
fn split_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, TableError> {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1usize;
    let mut record_line = 1usize;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let quote_line = line;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(other) => {
                            if other == '\n' {
                                line += 1;
                            }
                            if other != '\r' {
                                field.push(other);
                            }
                        }
                        None => return Err(TableError::UnclosedQuote { line: quote_line }),
                    }
                }
                at_field_start = false;
            }
            '\t' => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                records.push((record_line, std::mem::take(&mut fields)));
                line += 1;
                record_line = line;
                at_field_start = true;
            }
            other => {
                field.push(other);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((record_line, fields));
    }
    Ok(records)
}

/// Decodes a speech file: UTF-8 when valid (without a byte-order mark), otherwise Windows-1252. Line
/// ends become `\n`. The flag tells whether Windows-1252 was used.
pub fn decode(bytes: &[u8]) -> (String, bool) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let (text, legacy) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), false),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), true),
    };
    (text.replace("\r\n", "\n").replace('\r', "\n"), legacy)
}

/// The Windows-1252 character of a byte (the five bytes it leaves undefined map to the C1 controls, as
/// the WHATWG encoding standard does).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// The corpus to import: speech files and the metadata tables found beside them.
#[derive(Debug, Clone, Copy)]
pub struct CorpusInput<'a> {
    pub files: &'a [SpeechFile],
    /// `speaker.tsv` (v6.1 columns) or `speaker_03_preproc.tsv` (older columns): one row per speech.
    pub speakers: Option<&'a Table>,
    /// `meta.tsv`: one row per meeting.
    pub meta: Option<&'a Table>,
}

/// One imported meeting and the files it was built from (in speech order).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedMeeting {
    pub record: MeetingRecord,
    pub files: Vec<String>,
}

/// What [`import`] gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    /// Sorted by symbol.
    pub meetings: Vec<ImportedMeeting>,
    /// Corpus-level notes: metadata columns the record has no place for, rows without a file.
    pub notes: Vec<String>,
}

/// Metadata columns read by the import; everything else in a table is reported as not kept.
const USED_COLUMNS: &[&str] = &[
    "",
    "filename",
    "date",
    "day",
    "month",
    "year",
    "speaker",
    "country",
    "country_org",
    "speaker_country",
    "participanttype",
    "role_in_un",
    "role",
    "spv",
    "basename",
    "meeting_symbol",
    "document_symbol",
    "topic",
    "speech",
    "speech_number",
    // Recomputed from the text on export; the corpus's own figures are not kept.
    "tokens",
    "types",
    "sentences",
    "num_speeches",
];

/// A metadata row of one speech, by column meaning.
#[derive(Debug, Clone, Default)]
struct SpeechMeta {
    date: Option<String>,
    speaker: Option<String>,
    country: Option<String>,
    participant_type: Option<String>,
    role_in_un: Option<String>,
    symbol: Option<String>,
    basename: Option<String>,
    topic: Option<String>,
    speech_number: Option<u32>,
}

fn cell<'a>(table: &'a Table, row: &'a [String], names: &[&str]) -> Option<&'a str> {
    let i = table.column(names)?;
    let value = row.get(i)?.trim();
    (!value.is_empty() && value != "NA").then_some(value)
}

fn speech_meta(table: &Table, row: &[String]) -> SpeechMeta {
    let date = cell(table, row, &["date"])
        .and_then(iso_date)
        .or_else(|| ymd_date(table, row));
    // v6.1 leaves `meeting_symbol` empty for the 2020 letter-format meetings, which only have a
    // document symbol, so each column is tried on its own.
    let symbol = cell(table, row, &["meeting_symbol"])
        .or_else(|| cell(table, row, &["document_symbol"]))
        .map(str::to_owned)
        .filter(|s| s.starts_with("S/"))
        .or_else(|| cell(table, row, &["spv"]).and_then(symbol_from_spv));
    SpeechMeta {
        date,
        speaker: cell(table, row, &["speaker"]).map(str::to_owned),
        // v6.1 puts the country in `country_org` and leaves `speaker_country` nearly empty; the older
        // tables call it `country`.
        country: cell(table, row, &["country_org", "country", "speaker_country"])
            .map(str::to_owned),
        participant_type: cell(table, row, &["participanttype"]).map(str::to_owned),
        role_in_un: cell(table, row, &["role_in_un", "role"]).map(str::to_owned),
        symbol,
        basename: cell(table, row, &["basename"]).map(str::to_owned),
        topic: cell(table, row, &["topic"]).map(str::to_owned),
        speech_number: cell(table, row, &["speech_number", "speech"]).and_then(|n| n.parse().ok()),
    }
}

/// "15 March 2014" or "2014-03-15" as ISO.
fn iso_date(value: &str) -> Option<String> {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && v.chars().filter(char::is_ascii_digit).count() == 8
    {
        return Some(v.to_owned());
    }
    text::find_date(v)
}

fn ymd_date(table: &Table, row: &[String]) -> Option<String> {
    let year: u32 = cell(table, row, &["year"])?.parse().ok()?;
    let month: u32 = cell(table, row, &["month"])?.parse().ok()?;
    let day: u32 = cell(table, row, &["day"])?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// One speech on its way into a meeting.
struct Pending {
    file: String,
    number: u32,
    text: String,
    legacy_encoding: bool,
    meta: Option<SpeechMeta>,
}

/// Imports corpus speech files into meeting records (see the module documentation).
pub fn import(input: &CorpusInput) -> Imported {
    let mut notes = Vec::new();
    let mut by_file: BTreeMap<String, SpeechMeta> = BTreeMap::new();
    if let Some(table) = input.speakers {
        report_unused(table, "speaker table", &mut notes);
        match table.column(&["filename"]) {
            Some(i) => {
                for row in &table.rows {
                    if let Some(name) = row.get(i).map(|n| n.trim()).filter(|n| !n.is_empty()) {
                        by_file.insert(name.to_owned(), speech_meta(table, row));
                    }
                }
            }
            None => notes.push(
                "the speaker table has no `filename` column: its rows cannot be matched to files"
                    .to_owned(),
            ),
        }
    }
    let mut meta_by_key: BTreeMap<String, SpeechMeta> = BTreeMap::new();
    if let Some(table) = input.meta {
        report_unused(table, "meeting table", &mut notes);
        for row in &table.rows {
            let meta = speech_meta(table, row);
            for key in [meta.basename.clone(), meta.symbol.clone()]
                .into_iter()
                .flatten()
            {
                meta_by_key.entry(key).or_insert_with(|| meta.clone());
            }
        }
    }

    // Group the files by meeting symbol (or, for a file the corpus does not place, by its own name).
    let mut groups: BTreeMap<String, (String, Vec<Pending>)> = BTreeMap::new();
    let file_names: BTreeSet<&str> = input.files.iter().map(|f| f.name.as_str()).collect();
    for file in input.files {
        let (text, legacy_encoding) = decode(&file.bytes);
        let meta = by_file.get(&file.name).cloned();
        let parsed = parse_file_name(&file.name);
        let stem = file.name.strip_suffix(".txt").unwrap_or(&file.name);
        let (symbol, basename, number) = match (&parsed, &meta) {
            (Some(p), _) => (p.symbol.clone(), p.basename.clone(), p.speech_number),
            (None, Some(m)) if m.symbol.is_some() => (
                m.symbol.clone().unwrap_or_default(),
                m.basename.clone().unwrap_or_else(|| stem.to_owned()),
                m.speech_number.unwrap_or(1),
            ),
            _ => (format!("{UNKNOWN_PREFIX}{stem}"), stem.to_owned(), 1),
        };
        let entry = groups
            .entry(symbol)
            .or_insert_with(|| (basename, Vec::new()));
        entry.1.push(Pending {
            file: file.name.clone(),
            number,
            text,
            legacy_encoding,
            meta,
        });
    }
    let orphans: Vec<&String> = by_file
        .keys()
        .filter(|name| !file_names.contains(name.as_str()))
        .collect();
    if let Some(first) = orphans.first() {
        notes.push(format!(
            "{} metadata rows have no speech file (the first: {first})",
            orphans.len()
        ));
    }

    let meetings = groups
        .into_iter()
        .map(|(symbol, (basename, mut speeches))| {
            speeches.sort_by(|a, b| a.number.cmp(&b.number).then(a.file.cmp(&b.file)));
            let meta = meta_by_key
                .get(&basename)
                .or_else(|| meta_by_key.get(&symbol));
            build_meeting(symbol, basename, speeches, meta)
        })
        .collect();
    Imported { meetings, notes }
}

fn report_unused(table: &Table, what: &str, notes: &mut Vec<String>) {
    let used: BTreeSet<String> = USED_COLUMNS.iter().map(|c| column_key(c)).collect();
    let unused: Vec<&str> = table
        .columns
        .iter()
        .filter(|c| !used.contains(&column_key(c)))
        .map(String::as_str)
        .collect();
    if !unused.is_empty() {
        notes.push(format!(
            "{what}: columns with no place in the record model, not imported: {}",
            unused.join(", ")
        ));
    }
}

fn build_meeting(
    symbol: String,
    basename: String,
    speeches: Vec<Pending>,
    meeting_meta: Option<&SpeechMeta>,
) -> ImportedMeeting {
    let mut diagnostics = Vec::new();
    let pv = symbols::parse_pv_symbol(&symbol);
    let unknown = symbol.starts_with(UNKNOWN_PREFIX);
    if unknown {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            page: None,
            bbox: None,
            message: format!(
                "{}: neither the file name nor a metadata row names the meeting; recorded as unknown",
                speeches.first().map_or("", |s| s.file.as_str())
            ),
        });
    }

    // The words the meeting prints hyphenated anywhere settle line-end hyphens ("peace-" + "building").
    let context = HyphenContext::from_lines(speeches.iter().flat_map(|s| s.text.lines()));

    let mut date = None;
    let mut topic = None;
    let mut president: Option<Person> = None;
    let mut proceedings = Vec::new();
    let mut documents_cited: Vec<String> = Vec::new();
    let mut files = Vec::new();
    let mut body_chars = 0u64;
    let mut expected_number = 1u32;
    for speech in speeches {
        if speech.number != expected_number && !unknown {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                page: None,
                bbox: None,
                message: format!(
                    "{}: speech {} follows speech {}: the corpus has no file in between",
                    speech.file,
                    speech.number,
                    expected_number.saturating_sub(1)
                ),
            });
        }
        expected_number = speech.number + 1;
        if speech.legacy_encoding {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                page: None,
                bbox: None,
                message: format!("{}: not UTF-8, read as Windows-1252", speech.file),
            });
        }
        if let Some(meta) = &speech.meta {
            date = date.or_else(|| meta.date.clone());
            topic = topic.or_else(|| meta.topic.clone());
        }
        let (built, president_here) = build_speech(&speech, &context, &mut diagnostics);
        if president.is_none() {
            president = president_here;
        }
        body_chars += speech.text.chars().filter(|c| !c.is_whitespace()).count() as u64;
        for document in &built.documents_cited {
            if !documents_cited.contains(document) {
                documents_cited.push(document.clone());
            }
        }
        proceedings.push(Proceeding {
            seq: proceedings.len() as u32,
            provenance: Provenance::default(),
            kind: ProceedingKind::Speech(built),
        });
        files.push(speech.file);
    }
    if let Some(meta) = meeting_meta {
        date = date.or_else(|| meta.date.clone());
        topic = topic.or_else(|| meta.topic.clone());
    }
    let agenda = topic
        .map(|title| AgendaItem {
            number: None,
            documents: symbols::find_symbols(&title, Body::SC),
            title,
        })
        .into_iter()
        .collect();
    let record = MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        body: Body::SC,
        meeting_number: pv.map(|p| p.meeting),
        resumption: pv.and_then(|p| p.resumption),
        session: None,
        year_label: None,
        date,
        called_to_order: None,
        adjourned: None,
        location: None,
        president,
        members: Vec::new(),
        agenda,
        proceedings,
        documents_cited,
        source: Source {
            file: basename,
            sha256: String::new(),
            pages: 0,
            producer: Some(PRODUCER.to_owned()),
            ocr: None,
        },
        diagnostics,
        // Every character of every file is placed in a speech (the heading in the speaker), so the
        // import covers its input whole.
        coverage: Coverage {
            body_chars,
            placed_chars: body_chars,
        },
        symbol,
    };
    ImportedMeeting { record, files }
}

/// One speech from its file; also the meeting's president when the metadata names the speaker as such.
fn build_speech(
    speech: &Pending,
    context: &HyphenContext,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Speech, Option<Person>) {
    let text = speech.text.trim_start();
    let name_end = text.find(['(', ',', ':']).unwrap_or(0);
    let parsed = heading::parse_heading(text, name_end);
    let rest = match &parsed {
        Some(h) => &text[h.end..],
        None => text,
    };
    let paragraphs = paragraphs(rest, context);
    let meta = speech.meta.clone().unwrap_or_default();
    if parsed.is_none() && meta.speaker.is_none() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            page: None,
            bbox: None,
            message: format!(
                "{}: no speaker heading and no metadata row: the speaker is unknown",
                speech.file
            ),
        });
    }

    let (heading_text, name, title, heading_affiliation, spoke_in, heading_function) = match parsed
    {
        Some(h) => (
            h.heading,
            h.name,
            h.title,
            h.affiliation,
            h.spoke_in,
            h.function,
        ),
        None => {
            let name = meta.speaker.clone().unwrap_or_default();
            let title = name.split_whitespace().next().and_then(|w| {
                [
                    "Mr.", "Mrs.", "Ms.", "Sir", "Dame", "Dr.", "Prince", "Sheikh",
                ]
                .contains(&w)
                .then(|| w.to_owned())
            });
            (String::new(), name, title, None, None, None)
        }
    };
    let lower = name.to_lowercase();
    let meta_country = meta.country.clone();
    let code = meta_country
        .as_deref()
        .and_then(countries::code_for)
        .or_else(|| heading_affiliation.as_deref().and_then(countries::code_for))
        .map(str::to_owned);
    let un_official = meta_country.as_deref() == Some("UN");
    let participant = meta.participant_type.as_deref().map(str::to_lowercase);
    let role = if lower == "the acting president" {
        Role::ActingPresident
    } else if lower == "the president" || participant.as_deref() == Some("the president") {
        Role::President
    } else if lower.contains("secretary-general") && !lower.contains("assistant") {
        Role::SecretaryGeneral
    } else {
        match participant.as_deref() {
            Some("mentioned") => Role::Member,
            Some("guest") if code.is_some() => Role::NonMember,
            Some("guest") if un_official || meta.role_in_un.is_some() => Role::Official,
            Some("guest") => Role::Briefer,
            // Without the metadata's participant type (or the cover's member list, which the corpus
            // files lack) membership is not known.
            _ => Role::Other,
        }
    };
    // The president's own country is the meeting president's, not an affiliation the heading printed.
    let president = (role == Role::President && !meta.speaker.as_deref().unwrap_or("").is_empty())
        .then(|| Person {
            name: meta.speaker.clone(),
            country: meta_country.clone(),
            country_code: code.clone(),
        });
    let affiliation = heading_affiliation.or_else(|| {
        if role == Role::President {
            None
        } else {
            meta_country.clone()
        }
    });
    let country_code = if role == Role::President {
        heading_code(&affiliation)
    } else {
        code
    };
    // The corpus's metadata corrects some names its text misspells ("Mr. Seek" for "Mr. Seck"): where
    // the two differ other than in letter case, the metadata's name is taken and the heading stays as
    // printed. Offices ("The President", "The Secretary-General") keep their printed name.
    let name = match &meta.speaker {
        Some(meta_name)
            if !lower.starts_with("the ")
                && !name.is_empty()
                && meta_name.to_lowercase() != lower =>
        {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                page: None,
                bbox: None,
                message: format!(
                    "{}: the heading names {name:?}, the metadata {meta_name:?}: the metadata's name is kept",
                    speech.file
                ),
            });
            meta_name.clone()
        }
        _ => name,
    };
    let function = heading_function.or(meta.role_in_un.clone());
    let on_behalf_of = function
        .as_deref()
        .and_then(|f| f.strip_prefix("on behalf of "))
        .map(str::to_owned);
    let joined = paragraphs.join("\n\n");
    let documents_cited = symbols::find_symbols(&joined, Body::SC);
    (
        Speech {
            speaker: Speaker {
                heading: heading_text,
                name,
                title,
                affiliation,
                country_code,
                role,
                function,
                on_behalf_of,
            },
            spoke_in,
            paragraphs,
            documents_cited,
            continues: false,
        },
        president,
    )
}

fn heading_code(affiliation: &Option<String>) -> Option<String> {
    affiliation
        .as_deref()
        .and_then(countries::code_for)
        .map(str::to_owned)
}

/// Paragraphs at blank lines, each reflowed from its hard line breaks.
fn paragraphs(text: &str, context: &HyphenContext) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !lines.is_empty() {
                let joined = join_lines_with(&lines, context);
                if !joined.is_empty() {
                    out.push(joined);
                }
                lines.clear();
            }
        } else {
            lines.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        let f = parse_file_name("UNSC_2003_SPV.4726Resumption1_spch012.txt").unwrap();
        assert_eq!(f.symbol, "S/PV.4726 (Resumption 1)");
        assert_eq!(f.speech_number, 12);
        assert_eq!(f.basename, "UNSC_2003_SPV.4726Resumption1");
        let f = parse_file_name("UNSC_2020_SPV.2020_397_spch1.txt").unwrap();
        assert_eq!((f.symbol.as_str(), f.year), ("S/2020/397", 2020));
        assert!(parse_file_name("000_bc50d830ca4e0246.txt").is_none());
        assert_eq!(
            spv_for_symbol("S/PV.4726 (Resumption 1)").as_deref(),
            Some("4726Resumption1")
        );
        assert_eq!(spv_for_symbol("S/2020/397").as_deref(), Some("2020_397"));
        assert_eq!(spv_for_symbol("A/64/PV.121"), None);
    }

    #[test]
    fn tsv_quotes_and_cut_rows() {
        let t = Table::parse("\ta\tb\n1\t\"x\ty\"\t\"two\nlines\"\n2\tcut\nhere\tz\n").unwrap();
        assert_eq!(t.columns, vec!["", "a", "b"]);
        assert_eq!(t.rows[0], vec!["1", "x\ty", "two\nlines"]);
        assert_eq!(t.rows[1], vec!["2", "cut\nhere", "z"]);
        assert!(Table::parse("a\tb\n\"open\tx\n").is_err());
        // R's row names: the header has no cell for them.
        let t = Table::parse("\"a\"\t\"b\"\n\"1\"\t\"x\"\t\"y\"\n").unwrap();
        assert_eq!(t.columns, vec!["", "a", "b"]);
        assert_eq!(t.rows[0], vec!["1", "x", "y"]);
    }

    #[test]
    fn windows_1252_fallback() {
        let (text, legacy) = decode(b"Council\x92s \x97 x\r\n");
        assert!(legacy);
        assert_eq!(text, "Council\u{2019}s \u{2014} x\n");
        let (text, legacy) = decode("caf\u{e9}".as_bytes());
        assert!(!legacy);
        assert_eq!(text, "caf\u{e9}");
    }
}
