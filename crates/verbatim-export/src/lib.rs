//! verbatim-export: [`MeetingRecord`]s out, in the shapes researchers' code already reads.
//!
//! Input: meeting records, one at a time, each with an optional set of selected speeches
//! ([`Exporter::push`]). Output: files in a folder, in one [`Format`]: `jsonl` (one record per line),
//! `csv` and `parquet` (the tables of [`tables::TABLES`], documented in `COLUMNS.md`), `scd` (the
//! Security Council Debates corpus layout: speech text files and `speaker.tsv` with the v6.1 columns)
//! and `votes` (one row per country per vote, in the UN Digital Library's voting-data layout). Every
//! export also writes `manifest.json` (format, versions, row counts). Entry function: [`Exporter::new`],
//! then [`Exporter::push`] per record and [`Exporter::finish`]. Out of scope: choosing the records (the
//! binary queries the store with the search filters) and reading any of these formats back (the import
//! lives in verbatim-record's `scd` module and the binary's `import` command).
//!
//! Output is deterministic: records are written in the order pushed, tables in a fixed order, and no
//! hash map is iterated into output.

pub mod scd;
pub mod tables;
pub mod votes;

mod parquet_out;

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use verbatim_record::MeetingRecord;

pub use tables::{TABLES, Value};

/// Version of the export layouts (table columns, file names, manifest). Bump when a column changes
/// meaning or is removed; adding a column at the end does not bump it.
pub const EXPORT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Jsonl,
    Csv,
    Parquet,
    Scd,
    Votes,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: Parquet: {source}")]
    Parquet {
        path: PathBuf,
        source: parquet::errors::ParquetError,
    },
    #[error("record JSON: {0}")]
    Json(#[from] serde_json::Error),
}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

pub(crate) fn create(path: &Path) -> Result<BufWriter<File>, ExportError> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(io_error(path))
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Summary {
    pub meetings: u64,
    /// Files written (besides the manifest), sorted.
    pub files: Vec<String>,
    /// Rows per table or file, in write order.
    pub rows: Vec<(String, u64)>,
    /// Records or parts that the format cannot express, with the reason.
    pub skipped: Vec<String>,
}

enum Sink {
    Jsonl(BufWriter<File>, PathBuf),
    Csv(Vec<(BufWriter<File>, PathBuf)>),
    Parquet(Vec<parquet_out::TableWriter>),
    Scd(scd::ScdWriter),
    Votes(votes::VotesWriter),
}

/// Writes records into a folder in one format.
pub struct Exporter {
    format: Format,
    dir: PathBuf,
    sink: Sink,
    summary: Summary,
    row_counts: Vec<u64>,
    /// Free-form description of the selection, recorded in the manifest.
    selection: String,
}

impl Exporter {
    /// Creates `dir` (if needed) and the format's files. `selection` describes the filters used.
    pub fn new(format: Format, dir: &Path, selection: &str) -> Result<Exporter, ExportError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let sink = match format {
            Format::Jsonl => {
                let path = dir.join("meetings.jsonl");
                Sink::Jsonl(create(&path)?, path)
            }
            Format::Csv => {
                let mut writers = Vec::new();
                for table in TABLES {
                    let path = dir.join(format!("{}.csv", table.name));
                    let mut w = create(&path)?;
                    let header: Vec<String> =
                        table.columns.iter().map(|c| csv_field(c.name)).collect();
                    writeln!(w, "{}", header.join(",")).map_err(io_error(&path))?;
                    writers.push((w, path));
                }
                Sink::Csv(writers)
            }
            Format::Parquet => Sink::Parquet(
                TABLES
                    .iter()
                    .map(|t| parquet_out::TableWriter::create(dir, t))
                    .collect::<Result<_, _>>()?,
            ),
            Format::Scd => Sink::Scd(scd::ScdWriter::new(dir)?),
            Format::Votes => Sink::Votes(votes::VotesWriter::new(dir)?),
        };
        Ok(Exporter {
            format,
            dir: dir.to_path_buf(),
            sink,
            summary: Summary::default(),
            row_counts: vec![0; TABLES.len()],
            selection: selection.to_owned(),
        })
    }

    /// Writes one record. `speeches`: only these speeches (by seq), for the formats that have speech
    /// rows (csv, parquet, scd); None for all. `country`: for `votes`, only this country's rows.
    pub fn push(
        &mut self,
        record: &MeetingRecord,
        speeches: Option<&BTreeSet<u32>>,
        country: Option<&str>,
    ) -> Result<(), ExportError> {
        self.summary.meetings += 1;
        match &mut self.sink {
            Sink::Jsonl(w, path) => {
                serde_json::to_writer(&mut *w, record)?;
                w.write_all(b"\n").map_err(io_error(path))?;
                self.row_counts[0] += 1;
            }
            Sink::Csv(writers) => {
                for (i, rows) in tables::rows(record, speeches).into_iter().enumerate() {
                    let (w, path) = &mut writers[i];
                    for row in rows {
                        let line: Vec<String> = row.iter().map(csv_value).collect();
                        writeln!(w, "{}", line.join(",")).map_err(io_error(path))?;
                        self.row_counts[i] += 1;
                    }
                }
            }
            Sink::Parquet(writers) => {
                for (i, rows) in tables::rows(record, speeches).into_iter().enumerate() {
                    self.row_counts[i] += rows.len() as u64;
                    writers[i].push(rows)?;
                }
            }
            Sink::Scd(w) => {
                if let Err(reason) = w.push(record, speeches)? {
                    self.summary
                        .skipped
                        .push(format!("{}: {reason}", record.symbol));
                }
            }
            Sink::Votes(w) => w.push(record, country)?,
        }
        Ok(())
    }

    /// Closes every file and writes `manifest.json`.
    pub fn finish(mut self) -> Result<Summary, ExportError> {
        let mut files: Vec<String> = Vec::new();
        match self.sink {
            Sink::Jsonl(mut w, path) => {
                w.flush().map_err(io_error(&path))?;
                files.push("meetings.jsonl".into());
                self.summary
                    .rows
                    .push(("meetings.jsonl".into(), self.row_counts[0]));
            }
            Sink::Csv(writers) => {
                for (i, (mut w, path)) in writers.into_iter().enumerate() {
                    w.flush().map_err(io_error(&path))?;
                    files.push(format!("{}.csv", TABLES[i].name));
                    self.summary
                        .rows
                        .push((TABLES[i].name.to_owned(), self.row_counts[i]));
                }
            }
            Sink::Parquet(writers) => {
                for (i, w) in writers.into_iter().enumerate() {
                    w.finish()?;
                    files.push(format!("{}.parquet", TABLES[i].name));
                    self.summary
                        .rows
                        .push((TABLES[i].name.to_owned(), self.row_counts[i]));
                }
            }
            Sink::Scd(w) => {
                let (written, rows) = w.finish()?;
                files.extend(written);
                self.summary.rows.push(("speaker.tsv".into(), rows));
            }
            Sink::Votes(w) => {
                let rows = w.finish()?;
                files.push(votes::FILE_NAME.into());
                self.summary.rows.push((votes::FILE_NAME.into(), rows));
            }
        }
        files.sort();
        self.summary.files = files;
        let manifest = serde_json::json!({
            "format": self.format,
            "export_schema_version": EXPORT_SCHEMA_VERSION,
            "record_schema_version": verbatim_record::RECORD_SCHEMA_VERSION,
            "producer": concat!("verbatim ", env!("CARGO_PKG_VERSION")),
            "selection": self.selection,
            "meetings": self.summary.meetings,
            "rows": self.summary.rows.iter().map(|(k, v)| serde_json::json!({"name": k, "rows": v})).collect::<Vec<_>>(),
            "skipped": self.summary.skipped,
        });
        let path = self.dir.join("manifest.json");
        let mut w = create(&path)?;
        serde_json::to_writer_pretty(&mut w, &manifest)?;
        w.write_all(b"\n").map_err(io_error(&path))?;
        w.flush().map_err(io_error(&path))?;
        Ok(self.summary)
    }
}

/// A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
pub(crate) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv_value(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Str(s) => csv_field(s),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
    }
}
