use std::process::ExitCode;

use clap::{Parser, Subcommand};
use verbatim::cmd;

/// verbatim: UN verbatim records as structured, searchable data.
#[derive(Debug, Parser)]
#[command(name = "verbatim", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse one verbatim record (PDF) and print it.
    Parse(cmd::parse::Args),
    /// Compare parsed records with the hand-checked gold files and print the scoreboard.
    Eval(cmd::eval::Args),
    /// Parse records (PDFs or record JSON; files or folders) and store them.
    Ingest(cmd::ingest::Args),
    /// Full-text search over the stored speeches.
    Search(cmd::search::Args),
    /// Every occurrence of a word or phrase, in context.
    Kwic(cmd::kwic::Args),
    /// A stored meeting as a readable transcript with its votes.
    Show(cmd::show::Args),
    /// How a country voted, draft by draft.
    Votes(cmd::votes::Args),
    /// What the store holds.
    Stats(cmd::stats::Args),
    /// Write synthetic meeting records (JSON) for trying and testing the store.
    Synth(cmd::synth::Args),
    /// Measure speed: the parser (pages/s, memory) or the store (ingest, size, search latency).
    Bench(cmd::bench::Args),
    /// Serve the JSON API and the web UI over a store (read-only).
    Serve(cmd::serve::Args),
    /// Bring researchers' data in: a Security Council Debates corpus folder, or JSONL records.
    Import(cmd::import::Args),
    /// Write stored meetings out: jsonl, csv, parquet, the scd corpus layout, or votes.
    Export(cmd::export::Args),
    /// Download records by symbol from the UN's document system, cache and store them.
    Fetch(cmd::fetch::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Kwic(args) => cmd::kwic::run(args),
        Command::Show(args) => cmd::show::run(args),
        Command::Votes(args) => cmd::votes::run(args),
        Command::Stats(args) => cmd::stats::run(args),
        Command::Synth(args) => cmd::synth::run(args),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Export(args) => cmd::export::run(args),
        Command::Fetch(args) => cmd::fetch::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("verbatim: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
