//! `verbatim parse FILE.pdf`: print one record as JSON, a readable transcript, the gold form, or the
//! fate of every line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// The MeetingRecord as JSON.
    Json,
    /// A readable transcript.
    Text,
    /// The form of the hand-checked gold files.
    Gold,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The verbatim record (PDF) to parse.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Print every line with its page, column and fate instead of the record.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let parsed = crate::pipeline::parse_file(&args.file)?;
    let record = &parsed.parsed.record;
    let out = match args.format {
        Format::Json => serde_json::to_string_pretty(record)?,
        Format::Text | Format::Gold => anyhow::bail!("format not implemented yet"),
    };
    println!("{out}");
    Ok(ExitCode::SUCCESS)
}
