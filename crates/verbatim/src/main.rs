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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
        Command::Eval(args) => cmd::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("verbatim: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
