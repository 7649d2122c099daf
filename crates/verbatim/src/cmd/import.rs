//! `verbatim import scd DIR` and `verbatim import jsonl FILE`: bring researchers' data into the store.
//!
//! `scd` reads a Security Council Debates corpus folder (speech `.txt` files, with `speaker.tsv` or
//! `speaker_*.tsv` and `meta.tsv` where present; see `verbatim_record::scd`). A meeting that is already
//! stored from another source (its PDF, or a JSON record) is left as it is: the parsed record wins over
//! the corpus's text, and the import names each such meeting. `jsonl` reads one meeting record per line
//! as written by `verbatim export --format jsonl`.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use sha2::{Digest, Sha256};
use verbatim_record::scd::{self, CorpusInput, SpeechFile, Table};
use verbatim_record::{MeetingRecord, RECORD_SCHEMA_VERSION};
use verbatim_store::{PutOutcome, Store};

use super::ingest::DataArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(Debug, clap::Subcommand)]
pub enum Source {
    /// A Security Council Debates corpus folder: speech .txt files plus speaker.tsv / meta.tsv.
    Scd {
        /// The corpus folder (searched recursively).
        folder: PathBuf,
        #[command(flatten)]
        data: DataArg,
    },
    /// Meeting records, one JSON object per line (`verbatim export --format jsonl`).
    Jsonl {
        /// A .jsonl file.
        file: PathBuf,
        #[command(flatten)]
        data: DataArg,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.source {
        Source::Scd { folder, data } => run_scd(&folder, &data),
        Source::Jsonl { file, data } => run_jsonl(&file, &data),
    }
}

fn open_store(data: &DataArg) -> anyhow::Result<Store> {
    Store::open(&data.dir)
        .with_context(|| format!("cannot open the store at {}", data.dir.display()))
}

/// Text files and tables under `dir` (recursively), sorted by path.
fn walk(dir: &Path, txt: &mut Vec<PathBuf>, tsv: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, txt, tsv)?;
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("txt") => txt.push(path),
            Some(e) if e.eq_ignore_ascii_case("tsv") => tsv.push(path),
            _ => {}
        }
    }
    Ok(())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_table(path: &Path) -> anyhow::Result<Table> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let (text, _) = scd::decode(&bytes);
    Table::parse(&text).with_context(|| format!("{}: not a readable table", path.display()))
}

fn run_scd(dir: &Path, data: &DataArg) -> anyhow::Result<ExitCode> {
    let mut txt = Vec::new();
    let mut tsv = Vec::new();
    walk(dir, &mut txt, &mut tsv).with_context(|| format!("cannot walk {}", dir.display()))?;
    txt.sort();
    tsv.sort();
    if txt.is_empty() {
        anyhow::bail!("{}: no speech files (*.txt) found", dir.display());
    }
    // The full corpus's table is speaker.tsv; older releases and samples name it speaker_*.tsv.
    let speaker_path = tsv
        .iter()
        .find(|p| file_name(p).eq_ignore_ascii_case("speaker.tsv"))
        .or_else(|| {
            tsv.iter()
                .find(|p| file_name(p).to_lowercase().starts_with("speaker"))
        })
        .cloned();
    let meta_path = tsv
        .iter()
        .find(|p| file_name(p).eq_ignore_ascii_case("meta.tsv"))
        .cloned();
    let speakers = speaker_path.as_deref().map(read_table).transpose()?;
    let meta = meta_path.as_deref().map(read_table).transpose()?;
    let mut files = Vec::with_capacity(txt.len());
    for path in &txt {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        files.push(SpeechFile {
            name: file_name(path),
            bytes,
        });
    }
    let imported = scd::import(&CorpusInput {
        files: &files,
        speakers: speakers.as_ref(),
        meta: meta.as_ref(),
    });
    for note in &imported.notes {
        eprintln!("verbatim: note: {note}");
    }
    match (&speaker_path, &meta_path) {
        (None, None) => {
            eprintln!(
                "verbatim: note: no speaker.tsv or meta.tsv: speeches are read from their headings alone"
            )
        }
        _ => {
            for p in [&speaker_path, &meta_path].into_iter().flatten() {
                eprintln!("verbatim: metadata from {}", p.display());
            }
        }
    }

    let bytes_by_name: std::collections::BTreeMap<&str, &[u8]> = files
        .iter()
        .map(|f| (f.name.as_str(), f.bytes.as_slice()))
        .collect();
    let store = open_store(data)?;
    let (mut inserted, mut replaced, mut unchanged, mut kept) = (0u64, 0u64, 0u64, 0u64);
    let mut speeches = 0u64;
    let mut warnings = 0usize;
    for meeting in imported.meetings {
        let mut record = meeting.record;
        // The hash covers each file's name and bytes, in speech order, so that a changed or
        // renumbered file changes the meeting's source hash.
        let mut hasher = Sha256::new();
        for name in &meeting.files {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(bytes_by_name.get(name.as_str()).copied().unwrap_or(&[]));
        }
        record.source.sha256 = format!("{:x}", hasher.finalize());
        if let Some(existing) = store
            .meeting(&record.symbol)
            .context("reading the store failed")?
            && existing.source.producer.as_deref() != Some(scd::PRODUCER)
        {
            println!(
                "{}: already stored from {} — the parsed record wins; the corpus's {} speech files were not imported",
                record.symbol,
                existing.source.file,
                meeting.files.len()
            );
            kept += 1;
            continue;
        }
        warnings += record
            .diagnostics
            .iter()
            .filter(|d| d.severity != verbatim_record::Severity::Info)
            .inspect(|d| eprintln!("verbatim: {}: {}", record.symbol, d.message))
            .count();
        speeches += meeting.files.len() as u64;
        match store
            .stage_meeting(&record)
            .context("writing to the store failed")?
        {
            PutOutcome::Inserted => inserted += 1,
            PutOutcome::Replaced => replaced += 1,
            PutOutcome::Unchanged => unchanged += 1,
        }
    }
    store.close().context("closing the store failed")?;
    println!(
        "{} speech files: {speeches} speeches in {} meetings stored ({inserted} new, {replaced} replaced, {unchanged} unchanged), {kept} meetings already stored from their PDF, {warnings} warnings",
        files.len(),
        inserted + replaced + unchanged,
    );
    Ok(ExitCode::SUCCESS)
}

fn run_jsonl(path: &Path, data: &DataArg) -> anyhow::Result<ExitCode> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let store = open_store(data)?;
    let (mut inserted, mut replaced, mut unchanged) = (0u64, 0u64, 0u64);
    let mut failed = 0u64;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: MeetingRecord = match serde_json::from_str(&line) {
            Ok(record) => record,
            Err(e) => {
                eprintln!(
                    "verbatim: {}:{}: not a meeting record: {e}",
                    path.display(),
                    i + 1
                );
                failed += 1;
                continue;
            }
        };
        if record.schema_version > RECORD_SCHEMA_VERSION {
            eprintln!(
                "verbatim: {}:{}: record schema version {} is newer than the {} this verbatim reads",
                path.display(),
                i + 1,
                record.schema_version,
                RECORD_SCHEMA_VERSION
            );
            failed += 1;
            continue;
        }
        match store.stage_meeting(&record) {
            Ok(PutOutcome::Inserted) => inserted += 1,
            Ok(PutOutcome::Replaced) => replaced += 1,
            Ok(PutOutcome::Unchanged) => unchanged += 1,
            Err(verbatim_store::StoreError::NoSymbol { .. }) => {
                eprintln!(
                    "verbatim: {}:{}: record without a symbol",
                    path.display(),
                    i + 1
                );
                failed += 1;
            }
            Err(e) => return Err(e).context("writing to the store failed"),
        }
    }
    store.close().context("closing the store failed")?;
    println!(
        "{} records: {inserted} stored, {replaced} replaced, {unchanged} unchanged, {failed} failed",
        inserted + replaced + unchanged + failed
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
