//! The `scd` export: the Security Council Debates corpus layout, so that code written for that corpus
//! runs on verbatim's output.
//!
//! Each speaker's turn becomes `UNSC_{year}_SPV.{n}_spch{NNN}.txt` (names from
//! `verbatim_record::scd`, the same rules the import reads), holding the heading as printed, a colon,
//! and the paragraphs separated by blank lines; a continuation after a stage direction is appended to
//! its turn's file. `speaker.tsv` has one row per file with the corpus's v6.1 columns ([`COLUMNS`]), and
//! `meta.tsv` one row per meeting. A meeting the corpus's naming cannot express (a General Assembly
//! record, or one without a date) is skipped and reported.
//!
//! Column by column: `filename`, `speech_number`, `date` ("15 March 2014"), `day`, `month`, `year`,
//! `topic` (the first agenda item), `document_symbol` and `meeting_symbol` (the record's symbol; the
//! meeting symbol is left empty for a 2020 letter-format record such as S/2020/397, which is a letter,
//! not a meeting record), `speaker` (the name as printed; for the president, the meeting president's
//! name where known, as the corpus does), `country_org` (the UN's name for the speaker's state, "UN" for
//! officials of the Secretariat, otherwise the affiliation as printed), `role` (the speaker's function,
//! or the office for an official), `participanttype` ("The President", "Mentioned" for members of the
//! body, "Guest" for everyone else; empty where membership is unknown). `tokens`, `types` and
//! `sentences` are recomputed by verbatim's simple tokenizer ([`text_counts`]) and will differ somewhat
//! from the corpus's own figures. Left empty because verbatim has no source for them: `speaker_undl`,
//! `speaker_country` (nearly empty in v6.1 too), `record_speech`, `agenda_item1`..`agenda_item4`,
//! `agenda_item_manual` and `speech_format`.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use verbatim_record::countries;
use verbatim_record::scd::{corpus_basename, speech_file_name, spv_for_symbol};
use verbatim_record::{MeetingRecord, ProceedingKind, Role};

use crate::{ExportError, create, io_error};

/// The columns of the corpus's `speaker.tsv`, version 6.1 (the first, unnamed, is the row index).
pub const COLUMNS: [&str; 26] = [
    "",
    "filename",
    "date",
    "day",
    "month",
    "year",
    "speaker",
    "speaker_undl",
    "speaker_country",
    "country_org",
    "role",
    "participanttype",
    "speech_number",
    "record_speech",
    "tokens",
    "types",
    "sentences",
    "topic",
    "agenda_item1",
    "agenda_item2",
    "agenda_item3",
    "agenda_item4",
    "agenda_item_manual",
    "document_symbol",
    "meeting_symbol",
    "speech_format",
];

/// The columns of the `meta.tsv` written beside it (one row per meeting).
pub const META_COLUMNS: [&str; 10] = [
    "basename",
    "spv",
    "date",
    "day",
    "month",
    "year",
    "topic",
    "num_speeches",
    "document_symbol",
    "meeting_symbol",
];

pub(crate) struct ScdWriter {
    dir: PathBuf,
    speakers: BufWriter<File>,
    speakers_path: PathBuf,
    meta: BufWriter<File>,
    meta_path: PathBuf,
    rows: u64,
    files: Vec<String>,
}

/// A TSV field: quoted (with doubled quotes) when it holds a tab, a line break or a quote, as the
/// corpus's own tables are read by R and pandas.
fn tsv_field(text: &str) -> String {
    if text.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn write_row(w: &mut impl Write, fields: &[String]) -> std::io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| tsv_field(f)).collect();
    writeln!(w, "{}", line.join("\t"))
}

/// Words, distinct lower-cased words and sentences of a text, counted simply: a word is a run of
/// letters or digits (with inner apostrophes, hyphens and periods), a sentence ends with `.`, `!` or
/// `?` before whitespace or the end.
pub fn text_counts(text: &str) -> (u64, u64, u64) {
    let mut types = BTreeSet::new();
    let mut tokens = 0u64;
    for word in text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.')))
    {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        tokens += 1;
        types.insert(word.to_lowercase());
    }
    let chars: Vec<char> = text.chars().collect();
    let sentences = chars
        .iter()
        .enumerate()
        .filter(|&(i, c)| {
            matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace())
        })
        .count() as u64;
    (tokens, types.len() as u64, sentences)
}

/// "2014-03-15" -> ("15 March 2014", "15", "3", "2014").
fn date_parts(date: Option<&str>) -> [String; 4] {
    let Some(date) = date else {
        return Default::default();
    };
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Default::default();
    };
    let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>())
    else {
        return Default::default();
    };
    let Some(month_name) = month
        .checked_sub(1)
        .and_then(|i| verbatim_record::MONTH_NAMES.get(i))
    else {
        return Default::default();
    };
    [
        format!("{day} {month_name} {year}"),
        day.to_string(),
        month.to_string(),
        year.to_string(),
    ]
}

/// One speaker's turn: the speech that opens it and the continuations after stage directions.
struct Turn<'a> {
    number: u32,
    first_seq: u32,
    speaker: &'a verbatim_record::Speaker,
    paragraphs: Vec<&'a str>,
}

fn turns(record: &MeetingRecord) -> Vec<Turn<'_>> {
    let mut out: Vec<Turn> = Vec::new();
    for p in &record.proceedings {
        let ProceedingKind::Speech(s) = &p.kind else {
            continue;
        };
        if s.continues
            && let Some(last) = out.last_mut()
        {
            last.paragraphs
                .extend(s.paragraphs.iter().map(String::as_str));
            continue;
        }
        out.push(Turn {
            number: out.len() as u32 + 1,
            first_seq: p.seq,
            speaker: &s.speaker,
            paragraphs: s.paragraphs.iter().map(String::as_str).collect(),
        });
    }
    out
}

fn participant_type(role: Role) -> &'static str {
    match role {
        Role::President | Role::ActingPresident => "The President",
        Role::Member => "Mentioned",
        Role::NonMember
        | Role::Briefer
        | Role::Official
        | Role::SecretaryGeneral
        | Role::Observer => "Guest",
        Role::Other => "",
    }
}

impl ScdWriter {
    pub fn new(dir: &Path) -> Result<ScdWriter, ExportError> {
        let speakers_path = dir.join("speaker.tsv");
        let mut speakers = create(&speakers_path)?;
        write_row(
            &mut speakers,
            &COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
        )
        .map_err(io_error(&speakers_path))?;
        let meta_path = dir.join("meta.tsv");
        let mut meta = create(&meta_path)?;
        write_row(
            &mut meta,
            &META_COLUMNS
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>(),
        )
        .map_err(io_error(&meta_path))?;
        Ok(ScdWriter {
            dir: dir.to_path_buf(),
            speakers,
            speakers_path,
            meta,
            meta_path,
            rows: 0,
            files: Vec::new(),
        })
    }

    /// Writes a meeting's turns (only those whose first speech is selected, when `speeches` is set).
    /// The inner `Err` is the reason a meeting cannot be written in this layout.
    pub fn push(
        &mut self,
        record: &MeetingRecord,
        speeches: Option<&BTreeSet<u32>>,
    ) -> Result<Result<(), String>, ExportError> {
        let Some(basename) = corpus_basename(record) else {
            return Ok(Err(if spv_for_symbol(&record.symbol).is_none() {
                "the corpus layout has names only for Security Council records".to_owned()
            } else {
                "no date, so no year for the corpus file name".to_owned()
            }));
        };
        let [date, day, month, year] = date_parts(record.date.as_deref());
        let year = if year.is_empty() {
            // An imported meeting keeps the year of its corpus name even when its date is unknown.
            basename
                .strip_prefix("UNSC_")
                .and_then(|r| r.get(..4))
                .unwrap_or("")
                .to_owned()
        } else {
            year
        };
        let topic = record
            .agenda
            .first()
            .map(|a| a.title.clone())
            .unwrap_or_default();
        let unknown = record
            .symbol
            .starts_with(verbatim_record::scd::UNKNOWN_PREFIX);
        let document_symbol = if unknown {
            String::new()
        } else {
            record.symbol.clone()
        };
        let meeting_symbol = if record.symbol.starts_with("S/PV.") {
            record.symbol.clone()
        } else {
            String::new()
        };
        let turns = turns(record);
        let president = record.president.as_ref();
        for turn in &turns {
            if speeches.is_some_and(|set| !set.contains(&turn.first_seq)) {
                continue;
            }
            let file_name = speech_file_name(record, &basename, turn.number);
            let body = turn.paragraphs.join("\n\n");
            let content = if turn.speaker.heading.is_empty() {
                format!("{body}\n")
            } else {
                format!("{}: {body}\n", turn.speaker.heading)
            };
            let path = self.dir.join(&file_name);
            std::fs::write(&path, content.as_bytes()).map_err(io_error(&path))?;
            self.files.push(file_name.clone());

            let sp = turn.speaker;
            let is_president = matches!(sp.role, Role::President | Role::ActingPresident);
            let speaker = match president.and_then(|p| p.name.clone()) {
                Some(name) if is_president => name,
                _ => sp.name.clone(),
            };
            let code = sp.country_code.clone().or_else(|| {
                if is_president {
                    president.and_then(|p| p.country_code.clone())
                } else {
                    None
                }
            });
            let official = matches!(sp.role, Role::Official | Role::SecretaryGeneral);
            let country_org = match code.as_deref().and_then(countries::canonical_name) {
                Some(name) => name.to_owned(),
                None if official => "UN".to_owned(),
                None if is_president => president
                    .and_then(|p| p.country.clone())
                    .unwrap_or_default(),
                None => sp.affiliation.clone().unwrap_or_default(),
            };
            let role = sp
                .function
                .clone()
                .or_else(|| {
                    (sp.role == Role::Official)
                        .then(|| sp.affiliation.clone())
                        .flatten()
                })
                .unwrap_or_default();
            let (tokens, types, sentences) = text_counts(&body);
            self.rows += 1;
            let row = [
                self.rows.to_string(),
                file_name,
                date.clone(),
                day.clone(),
                month.clone(),
                year.clone(),
                speaker,
                String::new(),
                String::new(),
                country_org,
                role,
                participant_type(sp.role).to_owned(),
                turn.number.to_string(),
                String::new(),
                tokens.to_string(),
                types.to_string(),
                sentences.to_string(),
                topic.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                document_symbol.clone(),
                meeting_symbol.clone(),
                String::new(),
            ];
            write_row(&mut self.speakers, &row).map_err(io_error(&self.speakers_path))?;
        }
        let spv = spv_for_symbol(&record.symbol).unwrap_or_default();
        let meta_row = [
            basename,
            spv,
            date,
            day,
            month,
            year,
            topic,
            turns.len().to_string(),
            document_symbol,
            meeting_symbol,
        ];
        write_row(&mut self.meta, &meta_row).map_err(io_error(&self.meta_path))?;
        Ok(Ok(()))
    }

    /// Flushes the tables; returns the files written and the number of speech rows.
    pub fn finish(mut self) -> Result<(Vec<String>, u64), ExportError> {
        self.speakers
            .flush()
            .map_err(io_error(&self.speakers_path))?;
        self.meta.flush().map_err(io_error(&self.meta_path))?;
        let mut files = self.files;
        files.push("speaker.tsv".into());
        files.push("meta.tsv".into());
        Ok((files, self.rows))
    }
}
