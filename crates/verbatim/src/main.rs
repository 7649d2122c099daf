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
    /// Serve the JSON API and the web UI over a store (read-only).
    Serve(cmd::serve::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("verbatim: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
