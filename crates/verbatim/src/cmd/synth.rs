//! `verbatim synth --out DIR`: write synthetic meeting records as JSON files (input for `ingest`, for
//! tests and for trying the store without PDFs).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder to write the records to (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// Number of meetings.
    #[arg(long, default_value_t = 100)]
    pub meetings: u64,
    /// Seed: the same seed gives the same records.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// A file name for a symbol: "S/PV.10001" -> "S_PV.10001.json".
pub fn file_name(symbol: &str) -> String {
    let safe: String = symbol
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.json")
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let mut speeches = 0;
    for record in verbatim_store::synth::generate(args.seed, args.meetings) {
        speeches += verbatim_store::synth::speech_count(&record);
        let path = args.out.join(file_name(&record.symbol));
        let json = serde_json::to_string(&record)?;
        std::fs::write(&path, json).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "{} meetings, {speeches} speeches written to {}",
        args.meetings,
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
