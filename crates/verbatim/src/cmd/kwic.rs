//! `verbatim kwic TERM`: every occurrence of a word or phrase in the stored speeches, in context.

use std::process::ExitCode;

use clap::ValueEnum;
use verbatim_store::{KwicQuery, KwicSort};

use super::ingest::DataArg;
use super::search::{FilterArgs, Format};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    /// By date, meeting and position.
    Document,
    /// By the words before the keyword, nearest first.
    Left,
    /// By the words after the keyword.
    Right,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A word or a phrase ("chemical weapons"), matched on whole words, ignoring case.
    pub term: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value = "document")]
    pub sort: SortArg,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub width: usize,
    /// Maximum number of lines.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.data.open_read_only()?;
    let query = KwicQuery {
        term: args.term.clone(),
        filter: args.filter.to_filter(),
        width: args.width,
        sort: match args.sort {
            SortArg::Document => KwicSort::Document,
            SortArg::Left => KwicSort::Left,
            SortArg::Right => KwicSort::Right,
        },
        limit: args.limit,
    };
    let results = match store.kwic(&query) {
        Ok(results) => results,
        Err(e) if e.is_user_error() => {
            eprintln!("verbatim: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    if args.format == Format::Json {
        crate::outln!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    for line in &results.lines {
        let left_len = line.left.chars().count();
        let pad = " ".repeat(args.width.saturating_sub(left_len));
        // The contexts keep the space (or its absence) next to the keyword, as in the text.
        crate::outln!(
            "{pad}{}{}{:<width$}  {} #{} {}",
            line.left,
            line.keyword,
            line.right,
            line.meeting,
            line.seq,
            line.country_code.as_deref().unwrap_or("-"),
            width = args.width + 1
        );
    }
    crate::outln!(
        "{} occurrences{}",
        results.total,
        if (results.lines.len() as u64) < results.total {
            format!(" (first {} shown)", results.lines.len())
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}
