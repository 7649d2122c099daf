//! `verbatim eval`: parse every record that has a gold file, compare it with the gold, print the
//! scoreboard, and optionally check it against recorded floors.
//!
//! Totals are micro-averaged over records (counts summed, then divided). There are two: one over the
//! born-digital records (every record but the scanned ones, because the project's targets are stated for
//! those) and one over all records. A record that fails to parse scores zero; it is never skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::ValueEnum;
use rayon::prelude::*;
use serde::Serialize;
use verbatim_eval::{RecordScore, Scores, evaluate, evaluate_failure};
use verbatim_record::gold::{GoldRecord, to_gold};

/// Records that are scans with an OCR text layer: left out of the born-digital total.
pub const SCANNED: [&str; 1] = ["sc_1950_492"];

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// A table: one row per record, then the totals.
    Text,
    /// The same as JSON, with the raw counts.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of the verbatim records (PDF).
    #[arg(long, default_value = "../shared/corpus/pv")]
    pub pv: PathBuf,
    /// Directory of the gold files (JSON), one per PDF with the same base name.
    #[arg(long, default_value = "../shared/corpus/gold")]
    pub gold: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// A floor file (eval-floor.json): exit non-zero when a total falls below a recorded floor.
    #[arg(long, conflicts_with = "file")]
    pub floor: Option<PathBuf>,
    /// Evaluate only this record ("sc_2018_8422", with or without .pdf/.json).
    #[arg(long)]
    pub file: Option<String>,
    /// Also print every mismatch of every record (missing and extra turns, wrong ends, positions...).
    #[arg(long, short)]
    pub verbose: bool,
    /// Parse without bold and italic (the records' words and positions alone), as OCR text is read.
    #[arg(long)]
    pub no_style: bool,
    #[command(flatten)]
    pub ocr: super::ocr::OcrArgs,
}

/// One evaluated record.
struct Evaluated {
    /// Base name: "sc_2018_8422".
    name: String,
    score: RecordScore,
    parse_seconds: f64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold_files = list_gold_files(&args.gold, args.file.as_deref())?;
    if !args.pv.is_dir() {
        bail!(
            "the PDF directory {} does not exist (run from the workspace root, or pass --pv DIR)",
            args.pv.display()
        );
    }
    let mut jobs = Vec::new();
    for (name, path) in gold_files {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read gold file {}", path.display()))?;
        let gold: GoldRecord = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a valid gold file", path.display()))?;
        let pdf = args.pv.join(format!("{name}.pdf"));
        if !pdf.is_file() {
            eprintln!(
                "verbatim eval: no PDF {} for gold file {}: skipped",
                pdf.display(),
                path.display()
            );
            continue;
        }
        jobs.push((name, gold, pdf));
    }
    if jobs.is_empty() {
        bail!(
            "no gold file in {} has a matching PDF in {}",
            args.gold.display(),
            args.pv.display()
        );
    }

    let mut options = crate::pipeline::Options {
        no_style: args.no_style,
        ocr: args.ocr.options(None),
    };
    let bar = super::ocr::progress_bar(None).map(|(progress, bar)| {
        options.ocr.progress = Some(progress);
        bar
    });
    // Records are parsed in parallel; the results are collected in the jobs' (sorted) order.
    let evaluated: Vec<Evaluated> = jobs
        .into_par_iter()
        .map(|(name, gold, pdf)| evaluate_one(name, &gold, &pdf, &options))
        .collect();
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let mut born_digital = Scores::default();
    let mut all = Scores::default();
    for e in &evaluated {
        all.add(&e.score.scores);
        if !SCANNED.contains(&e.name.as_str()) {
            born_digital.add(&e.score.scores);
        }
    }

    let report = match args.format {
        Format::Text => text_report(&evaluated, &born_digital, &all, args.verbose),
        Format::Json => {
            let json = json_report(&evaluated, &born_digital, &all, args.verbose);
            serde_json::to_string_pretty(&json)? + "\n"
        }
    };
    super::parse::write_stdout(&report)?;

    if let Some(floor_path) = &args.floor {
        let failures = check_floor(floor_path, &evaluated, &born_digital)?;
        if !failures.is_empty() {
            for failure in &failures {
                eprintln!("verbatim eval: below floor: {failure}");
            }
            return Ok(ExitCode::from(1));
        }
        eprintln!(
            "verbatim eval: every metric is at or above its floor in {}",
            floor_path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The gold files to evaluate, sorted by name: (base name, path).
fn list_gold_files(dir: &Path, only: Option<&str>) -> anyhow::Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        bail!(
            "the gold directory {} does not exist (run from the workspace root, or pass --gold DIR)",
            dir.display()
        );
    }
    let only = only.map(|name| {
        name.trim_end_matches(".json")
            .trim_end_matches(".pdf")
            .to_owned()
    });
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Some(name) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        if only.as_ref().is_none_or(|o| *o == name) {
            files.push((name, path));
        }
    }
    files.sort();
    if files.is_empty() {
        match only {
            Some(name) => bail!("no gold file {name}.json in {}", dir.display()),
            None => bail!("no gold files (*.json) in {}", dir.display()),
        }
    }
    Ok(files)
}

fn evaluate_one(
    name: String,
    gold: &GoldRecord,
    pdf: &Path,
    options: &crate::pipeline::Options,
) -> Evaluated {
    let start = Instant::now();
    // A panic inside the parser must not take the scoreboard down: the record scores zero instead.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crate::pipeline::parse_file_with(pdf, options.clone())
    }));
    let parse_seconds = start.elapsed().as_secs_f64();
    let score = match result {
        Ok(Ok(parsed)) => {
            let record = &parsed.parsed.record;
            evaluate(gold, &to_gold(record), record.coverage.ratio())
        }
        Ok(Err(err)) => evaluate_failure(gold, &err.to_string()),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".to_owned());
            evaluate_failure(
                gold,
                &format!("{}: the parser panicked: {message}", pdf.display()),
            )
        }
    };
    Evaluated {
        name,
        score,
        parse_seconds,
    }
}

/// Short column headers for the table, one per metric of [`Scores::metrics`].
fn column_header(metric: &str) -> &str {
    match metric {
        "metadata" => "meta",
        "members_f1" => "membF",
        "agenda_f1" => "agndF",
        "turn_p" => "turnP",
        "turn_r" => "turnR",
        "turn_f1" => "turnF",
        "turn_ends" => "ends",
        "affiliation" => "affil",
        "spoke_in" => "lang",
        "stage_p" => "stgP",
        "stage_r" => "stgR",
        "stage_f1" => "stgF",
        "vote_p" => "voteP",
        "vote_r" => "voteR",
        "vote_f1" => "voteF",
        "vote_method" => "meth",
        "vote_counts" => "cnts",
        "position_p" => "posP",
        "position_r" => "posR",
        "position_f1" => "posF",
        "outcome" => "outc",
        "resolution" => "resol",
        "citation_p" => "citP",
        "citation_r" => "citR",
        "citation_f1" => "citF",
        "coverage" => "cover",
        other => other,
    }
}

fn format_value(value: Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:.2}"),
        None => "-".to_owned(),
    }
}

fn text_report(
    evaluated: &[Evaluated],
    born_digital: &Scores,
    all: &Scores,
    verbose: bool,
) -> String {
    let metric_names: Vec<&str> = Scores::default()
        .metrics()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let name_width = evaluated
        .iter()
        .map(|e| e.name.len())
        .chain(["born-digital".len(), "all".len(), "record".len()])
        .max()
        .unwrap_or(6);
    let mut out = String::new();
    let mut header = format!("{:<name_width$}", "record");
    for name in &metric_names {
        header.push_str(&format!(" {:>5}", column_header(name)));
    }
    header.push_str("  parse_s");
    out.push_str(&header);
    out.push('\n');
    let row = |label: &str, scores: &Scores, seconds: Option<f64>| {
        let mut line = format!("{label:<name_width$}");
        for (_, value) in scores.metrics() {
            line.push_str(&format!(" {:>5}", format_value(value)));
        }
        match seconds {
            Some(s) => line.push_str(&format!("  {s:>7.2}")),
            None => line.push_str(&format!("  {:>7}", "")),
        }
        line.push('\n');
        line
    };
    for e in evaluated {
        out.push_str(&row(&e.name, &e.score.scores, Some(e.parse_seconds)));
    }
    out.push_str(&"-".repeat(header.len()));
    out.push('\n');
    out.push_str(&row("born-digital", born_digital, None));
    out.push_str(&row("all", all, None));
    out.push_str(
        "\nTotals are micro-averaged over records (coverage is the mean); born-digital excludes \
         the scanned records (",
    );
    out.push_str(&SCANNED.join(", "));
    out.push_str("). \"-\" = nothing to compare.\n");
    out.push_str(
        "Columns: meta = metadata fields right; membF/agndF = members/agenda F1; turn P/R/F1; \
         ends, affil, lang = among matched turns; stg = stage directions; vote P/R/F1; meth, cnts, \
         outc, resol = among matched votes; pos = per-country positions; cit = citations; cover = \
         coverage.\n",
    );
    for e in evaluated {
        if let Some(error) = &e.score.error {
            out.push_str(&format!(
                "\n{}: FAILED TO PARSE (scored 0): {error}\n",
                e.name
            ));
        }
    }
    if verbose {
        for e in evaluated {
            out.push_str(&format!(
                "\n== {} ({} mismatches)\n",
                e.name,
                e.score.mismatches.len()
            ));
            for mismatch in &e.score.mismatches {
                out.push_str(&format!("  {mismatch}\n"));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonRecord<'a> {
    record: &'a str,
    file: &'a str,
    parse_seconds: f64,
    error: Option<&'a str>,
    metrics: BTreeMap<&'static str, Option<f64>>,
    counts: &'a Scores,
    #[serde(skip_serializing_if = "Option::is_none")]
    mismatches: Option<&'a [verbatim_eval::Mismatch]>,
}

#[derive(Serialize)]
struct JsonTotal<'a> {
    metrics: BTreeMap<&'static str, Option<f64>>,
    counts: &'a Scores,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    records: Vec<JsonRecord<'a>>,
    born_digital: JsonTotal<'a>,
    all: JsonTotal<'a>,
    scanned: &'static [&'static str],
}

fn json_report<'a>(
    evaluated: &'a [Evaluated],
    born_digital: &'a Scores,
    all: &'a Scores,
    verbose: bool,
) -> JsonReport<'a> {
    let metrics = |s: &Scores| s.metrics().into_iter().collect::<BTreeMap<_, _>>();
    JsonReport {
        records: evaluated
            .iter()
            .map(|e| JsonRecord {
                record: &e.name,
                file: &e.score.file,
                parse_seconds: e.parse_seconds,
                error: e.score.error.as_deref(),
                metrics: metrics(&e.score.scores),
                counts: &e.score.scores,
                mismatches: verbose.then_some(e.score.mismatches.as_slice()),
            })
            .collect(),
        born_digital: JsonTotal {
            metrics: metrics(born_digital),
            counts: born_digital,
        },
        all: JsonTotal {
            metrics: metrics(all),
            counts: all,
        },
        scanned: &SCANNED,
    }
}

/// The floor file: minimum values for the born-digital totals and for single records' metrics.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Floor {
    /// Metric name (as in `Scores::metrics`) -> minimum of the born-digital total.
    born_digital: BTreeMap<String, f64>,
    /// Record base name -> metric name -> minimum.
    #[serde(default)]
    records: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The floors that were not met, each naming the metric, its value and its floor.
fn check_floor(
    path: &Path,
    evaluated: &[Evaluated],
    born_digital: &Scores,
) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read floor file {}", path.display()))?;
    let floor: Floor = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a valid floor file", path.display()))?;
    let check =
        |label: &str, scores: &Scores, metric: &str, min: f64| -> anyhow::Result<Option<String>> {
            let Some(value) = scores.metric(metric) else {
                bail!("{}: unknown metric {metric:?}", path.display());
            };
            // A metric with nothing to compare has no value; it meets only a zero floor.
            let value = value.unwrap_or(0.0);
            Ok((value + 1e-9 < min).then(|| format!("{label}.{metric} = {value:.4} < {min:.2}")))
        };
    let mut failures = Vec::new();
    for (metric, min) in &floor.born_digital {
        failures.extend(check("born_digital", born_digital, metric, *min)?);
    }
    for (record, metrics) in &floor.records {
        let Some(e) = evaluated.iter().find(|e| e.name == *record) else {
            failures.push(format!("{record}: not evaluated (no gold file or no PDF)"));
            continue;
        };
        for (metric, min) in metrics {
            failures.extend(check(record, &e.score.scores, metric, *min)?);
        }
    }
    Ok(failures)
}
