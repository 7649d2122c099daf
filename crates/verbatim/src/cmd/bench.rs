//! `verbatim bench parse`: pages per second of the whole parse next to `pdftotext -layout` (see
//! `bench_parse`).
//!
//! `verbatim bench store`: generate a synthetic corpus, ingest it, and report ingest throughput, store
//! and index size, and search latency (p50/p99) over a fixed set of filtered queries, in one run.
//!
//! Figures are printed next to baselines measured in the same run (a plain SQLite insert of the same
//! texts; a linear scan of the texts in memory), so that they can be compared across machines.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::ValueEnum;
use verbatim_record::{Body, MeetingRecord, ProceedingKind, Role};
use verbatim_store::{KwicQuery, KwicSort, SearchQuery, SpeechFilter, Store, synth};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Target {
    /// The parser: pages per second over a folder of records, next to pdftotext, and peak memory.
    Parse,
    /// The SQLite + Tantivy store.
    Store,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    pub target: Target,
    #[command(flatten)]
    pub parse: super::bench_parse::ParseBenchArgs,
    /// Speeches in the synthetic corpus.
    #[arg(long, default_value_t = 100_000)]
    pub speeches: u64,
    /// Meetings per index commit during the ingest.
    #[arg(long, default_value_t = 500)]
    pub commit_every: usize,
    /// Rounds over the query set (after one warm-up round).
    #[arg(long, default_value_t = 5)]
    pub rounds: usize,
    /// Folder for the store (default: a temporary folder, removed afterwards).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// Keep the store afterwards (with --dir).
    #[arg(long)]
    pub keep: bool,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// The fixed query set: words, phrases and booleans, each alone and with filters.
fn query_set() -> Vec<SearchQuery> {
    let texts = [
        "humanitarian",
        "ceasefire agreement",
        "\"protection of civilians\"",
        "\"rule of law\" AND elections",
        "terrorism OR sanctions",
        "climate -development",
        "reconciliation dialogue",
        "\"two-State solution\"",
        "refugees",
        "peacekeeping mission mandate",
        "nuclear",
        "accountability",
    ];
    let filters = [
        SpeechFilter::default(),
        SpeechFilter {
            country: Some("FRA".into()),
            ..Default::default()
        },
        SpeechFilter {
            body: Some(Body::SC),
            from: Some("2010".into()),
            to: Some("2018".into()),
            ..Default::default()
        },
        SpeechFilter {
            role: Some(Role::Member),
            spoke_in: Some("French".into()),
            ..Default::default()
        },
        SpeechFilter {
            speaker: Some("Delattre".into()),
            ..Default::default()
        },
    ];
    let mut out = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        for filter in &filters {
            let mut q = SearchQuery::new(*text);
            q.filter = filter.clone();
            // Every third query also asks for facets, as the web UI does.
            q.facets = i % 3 == 0;
            out.push(q);
        }
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Target::Parse = args.target {
        super::bench_parse::run(&args.parse)?;
        return Ok(ExitCode::SUCCESS);
    }
    let temp;
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => {
            temp = tempfile::tempdir().context("cannot create a temporary folder")?;
            temp.path().to_path_buf()
        }
    };
    if dir.join("store.sqlite").exists() {
        anyhow::bail!(
            "{} already holds a store: give an empty folder",
            dir.display()
        );
    }
    std::fs::create_dir_all(&dir)?;

    let started = Instant::now();
    let records: Vec<MeetingRecord> =
        synth::meetings_for_speeches(args.seed, args.speeches).collect();
    let generate_time = started.elapsed();
    let n_speeches: usize = records.iter().map(synth::speech_count).sum();
    let texts: Vec<String> = records
        .iter()
        .flat_map(|r| r.proceedings.iter())
        .filter_map(|p| match &p.kind {
            ProceedingKind::Speech(s) => Some(s.paragraphs.join("\n\n")),
            _ => None,
        })
        .collect();
    let text_bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    println!(
        "corpus: {} meetings, {n_speeches} speeches, {words} words, {:.1} MB of speech text (generated in {:.1} s)",
        records.len(),
        text_bytes as f64 / 1e6,
        generate_time.as_secs_f64()
    );

    // Baseline: the same texts into one plain SQLite table.
    let reference_path = dir.join("reference.sqlite");
    let started = Instant::now();
    verbatim_store::bench_reference::plain_sqlite_insert(&reference_path, &records)?;
    let reference_time = started.elapsed();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("reference.sqlite{suffix}")));
    }

    let store_dir = dir.join("store");
    let started = Instant::now();
    let store = Store::open(&store_dir)?;
    let mut staged = 0;
    for record in &records {
        store.stage_meeting(record)?;
        staged += 1;
        if staged >= args.commit_every.max(1) {
            store.commit()?;
            staged = 0;
        }
    }
    let before_merge = started.elapsed();
    store.close()?;
    let ingest_time = started.elapsed();
    println!(
        "ingest: {:.1} s ({:.0} speeches/s, {:.1} MB/s of text; {:.1} s before the final merge); \
         plain SQLite insert of the texts alone: {:.1} s (ingest is {:.1}x that)",
        ingest_time.as_secs_f64(),
        n_speeches as f64 / ingest_time.as_secs_f64(),
        text_bytes as f64 / 1e6 / ingest_time.as_secs_f64(),
        before_merge.as_secs_f64(),
        reference_time.as_secs_f64(),
        ingest_time.as_secs_f64() / reference_time.as_secs_f64().max(1e-9)
    );

    let store = Store::open(&store_dir)?;
    let stats = store.stats()?;
    println!(
        "size: tables {:.1} MB, index {:.1} MB ({:.2}x the speech text); {} index documents",
        stats.sqlite_bytes as f64 / 1e6,
        stats.index_bytes as f64 / 1e6,
        (stats.sqlite_bytes + stats.index_bytes) as f64 / text_bytes as f64,
        stats.index_documents
    );
    let consistency = store.check_consistency()?;
    anyhow::ensure!(
        consistency.is_consistent(),
        "tables and index disagree: {consistency:?}"
    );

    let queries = query_set();
    let mut latencies = Vec::with_capacity(queries.len() * args.rounds);
    let mut total_hits = 0u64;
    for round in 0..=args.rounds {
        for q in &queries {
            let started = Instant::now();
            let results = store.search(q)?;
            let elapsed = started.elapsed();
            // Round 0 warms the page cache and is not counted.
            if round > 0 {
                latencies.push(elapsed);
                total_hits += results.total;
            }
        }
    }
    latencies.sort();
    let mut kwic_latencies = Vec::new();
    for term in ["ceasefire", "rule of law", "refugees"] {
        let q = KwicQuery {
            term: term.into(),
            filter: SpeechFilter {
                country: Some("FRA".into()),
                ..Default::default()
            },
            width: 40,
            sort: KwicSort::Left,
            limit: 100,
        };
        let started = Instant::now();
        store.kwic(&q)?;
        kwic_latencies.push(started.elapsed());
    }
    kwic_latencies.sort();

    // Baseline: finding one word by scanning every text in memory (no index at all).
    let started = Instant::now();
    let scan_hits = texts.iter().filter(|t| t.contains("humanitarian")).count();
    let scan_time = started.elapsed();

    println!(
        "search: {} queries x {} rounds: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms (mean {:.0} matches per query)",
        queries.len(),
        args.rounds,
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default()),
        total_hits as f64 / latencies.len().max(1) as f64
    );
    println!(
        "kwic (country filter, sorted by left context): median {:.2} ms over {} terms",
        ms(percentile(&kwic_latencies, 50.0)),
        kwic_latencies.len()
    );
    println!(
        "baseline: scanning all texts in memory for one word: {:.2} ms ({scan_hits} matches); p50 search is {:.0}x faster",
        ms(scan_time),
        scan_time.as_secs_f64() / percentile(&latencies, 50.0).as_secs_f64().max(1e-9)
    );
    drop(store);
    if args.dir.is_some() && !args.keep {
        std::fs::remove_dir_all(&store_dir)
            .with_context(|| format!("cannot remove {}", store_dir.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
