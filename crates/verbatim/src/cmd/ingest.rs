//! `verbatim ingest PATH...`: parse verbatim records (PDFs, or record JSON as written by `verbatim parse`
//! and `verbatim synth`) on all cores and store them, one meeting per transaction.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use verbatim_record::MeetingRecord;
use verbatim_store::{PutOutcome, Store};

/// Where the store lives; shared by every store command.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArg {
    /// The data folder of the store.
    #[arg(long = "data", env = "VERBATIM_DATA", default_value = "verbatim-data")]
    pub dir: PathBuf,
}

impl DataArg {
    /// Opens the store for queries, alongside any ingest that may be running.
    pub fn open_read_only(&self) -> anyhow::Result<Store> {
        Store::open_read_only(&self.dir)
            .with_context(|| format!("cannot open the store at {}", self.dir.display()))
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders (searched recursively for *.pdf and *.json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArg,
    /// Meetings per index commit (0: commit about every two seconds). Each meeting is committed to the
    /// tables on its own either way; this only batches the full-text index.
    #[arg(long, default_value_t = 0, hide = true)]
    pub commit_every: usize,
    /// Parse every PDF again, even one this build of verbatim has already parsed and stored unchanged
    /// (by default such a file is recognised by its SHA-256 and skipped).
    #[arg(long)]
    pub reparse: bool,
    #[command(flatten)]
    pub ocr: super::ocr::OcrArgs,
}

/// The fingerprint of this build's parser (see build.rs): stored with each parsed source, so that a
/// later ingest by the same build can skip the files it has already parsed.
pub const PARSER_ID: &str = env!("VERBATIM_PARSER_ID");

/// What one input gave.
struct Parsed {
    path: PathBuf,
    result: Result<Loaded, String>,
}

/// A loaded input: a record to store, or a PDF this build has already parsed into the stored record.
enum Loaded {
    /// `parser` is this build's fingerprint for a parsed PDF, `None` for a record read from JSON.
    Record {
        record: Box<MeetingRecord>,
        parser: Option<&'static str>,
    },
    AlreadyStored(verbatim_store::ParsedSource),
}

/// Input files under `paths`, sorted, without duplicates: folders are walked recursively for records
/// (`.pdf`, `.json`); files named explicitly are taken whatever their extension.
pub fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            walk(path, &mut out).with_context(|| format!("cannot walk {}", path.display()))?;
        } else {
            out.push(path.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_record_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_record_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("pdf") | Some("json")
    )
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Reads one input into a record, or the reason it gives none. A PDF whose SHA-256 is in `parsed` (files
/// this build has parsed and stored before) is not parsed again.
fn load(
    path: &Path,
    parsed: &BTreeMap<String, verbatim_store::ParsedSource>,
    options: &crate::pipeline::Options,
) -> Result<Loaded, String> {
    if is_json(path) {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
        serde_json::from_str::<MeetingRecord>(&text)
            .map(|record| Loaded::Record {
                record: Box::new(record),
                parser: None,
            })
            .map_err(|e| format!("not a meeting record JSON: {e}"))
    } else {
        let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
        if !parsed.is_empty()
            && let Some(source) = parsed.get(&crate::pipeline::sha256_hex(&bytes))
        {
            return Ok(Loaded::AlreadyStored(source.clone()));
        }
        // The pipeline's errors already name the file; the caller prints the path once, so only the
        // cause is kept here.
        crate::pipeline::parse_bytes_with(path, &bytes, options.clone())
            .map(|parsed| Loaded::Record {
                record: Box::new(parsed.parsed.record),
                parser: Some(PARSER_ID),
            })
            .map_err(|e| {
                let text = e.to_string();
                let prefix = format!("{}: ", path.display());
                text.strip_prefix(&prefix)
                    .map(str::to_owned)
                    .unwrap_or(text)
            })
    }
}

#[derive(Debug, Default)]
struct Tally {
    files: u64,
    pages: u64,
    speeches: u64,
    inserted: u64,
    replaced: u64,
    unchanged: u64,
    /// Of the unchanged: PDFs not parsed at all, because this build had already parsed and stored them.
    skipped: u64,
    failed: Vec<(PathBuf, String)>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let inputs = collect_inputs(&args.paths)?;
    let store = Store::open(&args.data.dir)
        .with_context(|| format!("cannot open the store at {}", args.data.dir.display()))?;
    let recovery = store.recovery().clone();
    if recovery != verbatim_store::Recovery::default() {
        eprintln!(
            "verbatim: repaired the index after an interrupted run: {} meetings re-indexed, {} removed{}",
            recovery.reindexed,
            recovery.deleted,
            if recovery.rebuilt {
                " (index rebuilt)"
            } else {
                ""
            }
        );
    }

    let multi = std::io::stderr()
        .is_terminal()
        .then(indicatif::MultiProgress::new);
    let progress = if let Some(multi) = &multi {
        let bar = multi.add(indicatif::ProgressBar::new(inputs.len() as u64));
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {msg}  [{elapsed_precise}, eta {eta}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };

    // Parsing runs on rayon's threads; this thread writes, so the store sees one writer. The bounded
    // channel keeps parsed records from piling up in memory when writing is the slower side.
    let (sender, receiver) = mpsc::sync_channel::<Parsed>(2 * rayon::current_num_threads().max(1));
    let already_parsed = if args.reparse {
        BTreeMap::new()
    } else {
        store
            .sources_parsed_by(PARSER_ID)
            .context("reading the stored sources failed")?
    };
    let mut options = crate::pipeline::Options {
        no_style: false,
        ocr: args.ocr.options(Some(&args.data.dir)),
    };
    let ocr_bar = super::ocr::progress_bar(multi.as_ref()).map(|(progress, bar)| {
        options.ocr.progress = Some(progress);
        bar
    });
    let parse_inputs = inputs.clone();
    let parser = std::thread::spawn(move || {
        parse_inputs
            .par_iter()
            .for_each_with(sender, |sender, path| {
                let result = load(path, &already_parsed, &options);
                // The receiver only goes away when writing failed; the error is reported from there.
                let _ = sender.send(Parsed {
                    path: path.clone(),
                    result,
                });
            });
    });

    let mut tally = Tally::default();
    let mut staged = 0usize;
    let mut last_commit = Instant::now();
    let write_result: anyhow::Result<()> = (|| {
        for parsed in receiver {
            tally.files += 1;
            match parsed.result {
                Ok(Loaded::AlreadyStored(source)) => {
                    tally.pages += u64::from(source.pages);
                    tally.speeches += source.speeches;
                    tally.unchanged += 1;
                    tally.skipped += 1;
                }
                Ok(Loaded::Record { record, parser }) => {
                    let speeches = verbatim_store::synth::speech_count(&record) as u64;
                    match store.stage_parsed_meeting(&record, parser) {
                        Ok(outcome) => {
                            tally.pages += record.source.pages as u64;
                            tally.speeches += speeches;
                            match outcome {
                                PutOutcome::Inserted => tally.inserted += 1,
                                PutOutcome::Replaced => tally.replaced += 1,
                                PutOutcome::Unchanged => tally.unchanged += 1,
                            }
                            if outcome != PutOutcome::Unchanged {
                                staged += 1;
                            }
                        }
                        // A record the store refuses (no symbol) is that file's failure; a store
                        // failure (disk, SQLite) ends the run.
                        Err(verbatim_store::StoreError::NoSymbol { .. }) => tally.failed.push((
                            parsed.path,
                            "no meeting symbol found in the record".to_owned(),
                        )),
                        Err(e) => return Err(e).context("writing to the store failed"),
                    }
                }
                Err(reason) => tally.failed.push((parsed.path, reason)),
            }
            let due = if args.commit_every > 0 {
                staged >= args.commit_every
            } else {
                staged > 0 && last_commit.elapsed() >= Duration::from_secs(2)
            };
            if due {
                store.commit().context("committing the index failed")?;
                staged = 0;
                last_commit = Instant::now();
            }
            if let Some(bar) = &progress {
                bar.inc(1);
                bar.set_message(format!(
                    "{} pages, {} speeches, {} failed",
                    tally.pages,
                    tally.speeches,
                    tally.failed.len()
                ));
            }
        }
        Ok(())
    })();
    if parser.join().is_err() {
        anyhow::bail!("the parsing threads panicked");
    }
    write_result?;
    store.close().context("closing the store failed")?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let Some(bar) = ocr_bar {
        bar.finish_and_clear();
    }

    tally.failed.sort();
    for (path, reason) in &tally.failed {
        eprintln!("verbatim: failed: {}: {reason}", path.display());
    }
    let skipped = if tally.skipped > 0 {
        format!(
            " ({} already parsed by this build, not read again)",
            tally.skipped
        )
    } else {
        String::new()
    };
    println!(
        "{} files, {} pages, {} speeches: {} stored, {} replaced, {} unchanged{skipped}, {} failed",
        tally.files,
        tally.pages,
        tally.speeches,
        tally.inserted,
        tally.replaced,
        tally.unchanged,
        tally.failed.len()
    );
    Ok(if tally.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
