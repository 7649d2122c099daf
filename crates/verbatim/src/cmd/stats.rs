//! `verbatim stats`: what the store holds, and (with `--check`) whether its tables and index agree.

use std::process::ExitCode;

use super::ingest::DataArg;
use super::search::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Compare the tables with the index meeting by meeting; exit 1 when they disagree.
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.data.open_read_only()?;
    let stats = store.stats()?;
    let check = if args.check {
        Some(store.check_consistency()?)
    } else {
        None
    };
    if args.format == Format::Json {
        let value = serde_json::json!({ "stats": stats, "consistency": check });
        crate::outln!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        crate::outln!("store        {}", store.dir().display());
        crate::outln!("schema       {}", stats.schema_version);
        crate::outln!("meetings     {}", stats.meetings);
        crate::outln!(
            "dates        {} to {}",
            stats.first_date.as_deref().unwrap_or("-"),
            stats.last_date.as_deref().unwrap_or("-")
        );
        crate::outln!("proceedings  {}", stats.proceedings);
        crate::outln!(
            "speeches     {} (index: {})",
            stats.speeches,
            stats.index_documents
        );
        crate::outln!(
            "votes        {} ({} country positions)",
            stats.votes,
            stats.vote_positions
        );
        crate::outln!("citations    {}", stats.citations);
        crate::outln!("speakers     {}", stats.speakers);
        crate::outln!("countries    {}", stats.countries);
        let join = |v: &[verbatim_store::CountByKey]| {
            v.iter()
                .map(|c| format!("{} {}", c.key, c.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        crate::outln!("by body      {}", join(&stats.by_body));
        crate::outln!("by year      {}", join(&stats.by_year));
        crate::outln!(
            "size         {:.1} MB tables, {:.1} MB index",
            stats.sqlite_bytes as f64 / 1e6,
            stats.index_bytes as f64 / 1e6
        );
        if let Some(check) = &check {
            if check.is_consistent() {
                crate::outln!(
                    "check        tables and index agree ({} meetings)",
                    check.meetings_checked
                );
            } else {
                crate::outln!(
                    "check        DISAGREE: {} meetings differ, {} only in the index",
                    check.mismatched.len(),
                    check.only_in_index.len()
                );
                crate::outln!(
                    "             (an interrupted ingest leaves this; the next `verbatim ingest` repairs it)"
                );
                for (symbol, tables, index) in &check.mismatched {
                    crate::outln!(
                        "  {symbol}: {tables} speeches in the tables, {index} in the index"
                    );
                }
            }
        }
    }
    Ok(match check {
        Some(c) if !c.is_consistent() => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}
