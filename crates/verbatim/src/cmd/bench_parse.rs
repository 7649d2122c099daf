//! `verbatim bench parse`: pages per second of the whole parse (PDF -> MeetingRecord) on one core over a
//! folder of records, next to `pdftotext -layout` on the same files in the same run, and peak memory.
//!
//! Run it on a release build (`cargo run --release -- bench parse`): debug builds are many times slower.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;

/// Options of the parse bench (flattened into `verbatim bench`'s arguments).
#[derive(Debug, Clone, clap::Args)]
pub struct ParseBenchArgs {
    /// Folder of verbatim-record PDFs to parse.
    #[arg(long, default_value = "../shared/corpus/pv")]
    pub pv: PathBuf,
    /// Timed passes over the folder (after one warm-up pass).
    #[arg(long, default_value_t = 10)]
    pub passes: u32,
}

struct Input {
    path: PathBuf,
    bytes: Vec<u8>,
    pages: u64,
}

pub fn run(args: &ParseBenchArgs) -> anyhow::Result<()> {
    let inputs = load(&args.pv)?;
    let n_pages: u64 = inputs.iter().map(|i| i.pages).sum();
    println!(
        "parse bench: {} files, {} pages, {} timed passes, one core",
        inputs.len(),
        n_pages,
        args.passes
    );

    // Warm-up pass: page-in the code and fill caches, so that the first timed pass is not penalised.
    for input in &inputs {
        let _ = crate::pipeline::parse_bytes(&input.path, &input.bytes);
    }
    let mut per_file = vec![Duration::ZERO; inputs.len()];
    let cpu_started = cpu_seconds();
    let started = Instant::now();
    for _ in 0..args.passes {
        for (idx, input) in inputs.iter().enumerate() {
            let t = Instant::now();
            let parsed = crate::pipeline::parse_bytes(&input.path, &input.bytes);
            std::hint::black_box(&parsed);
            per_file[idx] += t.elapsed();
        }
    }
    let verbatim_secs = started.elapsed().as_secs_f64();
    let verbatim_pps = (n_pages * args.passes as u64) as f64 / verbatim_secs;
    let verbatim_cpu = cpu_seconds()
        .zip(cpu_started)
        .map(|(end, start)| end - start);

    for (input, spent) in inputs.iter().zip(&per_file) {
        let secs = spent.as_secs_f64() / args.passes as f64;
        println!(
            "  {:<20} {:>3} pages  {:>8.2} ms  {:>7.0} pages/s",
            file_name(&input.path),
            input.pages,
            secs * 1000.0,
            input.pages as f64 / secs
        );
    }
    println!("verbatim parse      {verbatim_pps:>8.0} pages/s  ({verbatim_secs:.2} s wall clock)");
    if let Some(cpu) = verbatim_cpu.filter(|c| *c > 0.0) {
        // CPU time is what the parse itself costs; wall clock also counts time lost to other processes
        // on a busy machine.
        let pps = (n_pages * args.passes as u64) as f64 / cpu;
        println!("verbatim parse      {pps:>8.0} pages per CPU-second  ({cpu:.2} s of CPU time)");
    }

    match pdftotext_pages_per_second(&inputs, args.passes) {
        Ok((reference, reference_cpu)) => {
            println!(
                "pdftotext -layout   {reference:>8.0} pages/s  (reference, same files, same run)"
            );
            println!(
                "ratio verbatim / pdftotext (wall clock): {:.2}x",
                verbatim_pps / reference
            );
            if let (Some(cpu), Some(ref_cpu)) = (verbatim_cpu.filter(|c| *c > 0.0), reference_cpu) {
                let pps = (n_pages * args.passes as u64) as f64 / cpu;
                println!("pdftotext -layout   {ref_cpu:>8.0} pages per CPU-second");
                println!(
                    "ratio verbatim / pdftotext (CPU time): {:.2}x",
                    pps / ref_cpu
                );
            }
        }
        Err(err) => println!("pdftotext -layout   not measured: {err:#}"),
    }
    match peak_rss_mib() {
        Some(mib) => println!("peak memory (VmHWM of this process): {mib:.1} MiB"),
        None => println!("peak memory: not available on this system"),
    }
    Ok(())
}

fn load(dir: &Path) -> anyhow::Result<Vec<Input>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("pdf")))
        .collect();
    paths.sort();
    anyhow::ensure!(!paths.is_empty(), "no PDF files in {}", dir.display());
    let mut inputs = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let parsed = crate::pipeline::parse_bytes(&path, &bytes)?;
        let pages = u64::from(parsed.parsed.record.source.pages);
        inputs.push(Input { path, bytes, pages });
    }
    Ok(inputs)
}

/// Pages per second of `pdftotext -layout` over the same files: wall clock, and per CPU-second of the
/// pdftotext processes where /proc tells it.
fn pdftotext_pages_per_second(inputs: &[Input], passes: u32) -> anyhow::Result<(f64, Option<f64>)> {
    let run_once = |path: &Path| -> anyhow::Result<()> {
        let status = Command::new("pdftotext")
            .arg("-layout")
            .arg(path)
            .arg("-")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .context("pdftotext is not installed (Debian: poppler-utils)")?;
        anyhow::ensure!(status.success(), "pdftotext failed on {}", path.display());
        Ok(())
    };
    for input in inputs {
        run_once(&input.path)?;
    }
    let n_pages: u64 = inputs.iter().map(|i| i.pages).sum();
    let total_pages = (n_pages * passes as u64) as f64;
    let cpu_started = children_cpu_seconds();
    let started = Instant::now();
    for _ in 0..passes {
        for input in inputs {
            run_once(&input.path)?;
        }
    }
    let wall = total_pages / started.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds()
        .zip(cpu_started)
        .map(|(end, start)| end - start)
        .filter(|c| *c > 0.0)
        .map(|c| total_pages / c);
    Ok((wall, cpu))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// User + system CPU time of this process so far, from /proc (Linux; 10 ms resolution).
fn cpu_seconds() -> Option<f64> {
    proc_stat_seconds(11)
}

/// User + system CPU time of this process's finished children (the pdftotext runs), from /proc.
fn children_cpu_seconds() -> Option<f64> {
    proc_stat_seconds(13)
}

/// The sum of two adjacent tick counters of /proc/self/stat, starting at `idx` (counted after the
/// command name), in seconds.
fn proc_stat_seconds(idx: usize) -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime, stime, cutime, cstime are fields 14 to 17 of the whole line, so 11 to 14 (from 0) after
    // the command name. Ticks are 1/100 s on Linux.
    let user: f64 = fields.get(idx)?.parse().ok()?;
    let system: f64 = fields.get(idx + 1)?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}
