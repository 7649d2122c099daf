//! `verbatim export --format jsonl|csv|parquet|scd|votes --out DIR [filters]`: the store's meetings in
//! the shapes researchers' tools read (see verbatim-export for each layout).
//!
//! The search filters choose what is written. `--body`, `--from`, `--to` and `--meeting` choose
//! meetings. `--country`, `--speaker`, `--role` and `--spoke-in` choose speeches, with the same meaning
//! as in `verbatim search`: only meetings with a matching speech are written; the speech rows (csv,
//! parquet) and speech files (scd) are those speeches; a jsonl line is always a whole record; and the
//! `votes` format keeps only the `--country`'s rows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::ValueEnum;
use verbatim_export::{Exporter, Format};
use verbatim_store::{MeetingFilter, Page, SearchQuery};

use super::ingest::DataArg;
use super::search::FilterArgs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One meeting record (JSON) per line: meetings.jsonl.
    Jsonl,
    /// Tables as CSV: meetings, speeches, stage_directions, votes, vote_positions, citations.
    Csv,
    /// The same tables as Parquet files.
    Parquet,
    /// The Security Council Debates corpus layout: speech .txt files, speaker.tsv, meta.tsv.
    Scd,
    /// One row per country per vote, UN Digital Library voting-data layout: votes.csv.
    Votes,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, required_unless_present = "columns")]
    pub format: Option<FormatArg>,
    /// Output folder (created if needed; files of the same names are overwritten).
    #[arg(long, required_unless_present = "columns")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print the column dictionary of the csv/parquet tables (Markdown) and exit.
    #[arg(long)]
    pub columns: bool,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.columns {
        print!("{}", verbatim_export::tables::dictionary_markdown());
        return Ok(ExitCode::SUCCESS);
    }
    let (Some(format), Some(out)) = (args.format, args.out.clone()) else {
        anyhow::bail!("--format and --out are required");
    };
    let format = match format {
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Csv => Format::Csv,
        FormatArg::Parquet => Format::Parquet,
        FormatArg::Scd => Format::Scd,
        FormatArg::Votes => Format::Votes,
    };
    let store = args.data.open_read_only()?;
    let filter = args.filter.to_filter();

    // Meetings by the meeting-level filters.
    let mut symbols: Vec<(Option<String>, String)> = Vec::new();
    if let Some(symbol) = &filter.meeting {
        if let Some(record) = store.meeting(symbol)? {
            symbols.push((record.date.clone(), record.symbol));
        }
    } else {
        let meeting_filter = MeetingFilter {
            body: filter.body,
            from: filter.from.clone(),
            to: filter.to.clone(),
            country: None,
            symbol_contains: None,
        };
        let mut offset = 0;
        loop {
            let page = match store.list_meetings(
                &meeting_filter,
                Page {
                    offset,
                    limit: 1000,
                },
            ) {
                Ok(page) => page,
                Err(e) if e.is_user_error() => {
                    eprintln!("verbatim: {e}");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            };
            let n = page.meetings.len();
            symbols.extend(page.meetings.into_iter().map(|m| (m.date, m.symbol)));
            offset += n;
            if n == 0 || offset as u64 >= page.total {
                break;
            }
        }
    }
    // Oldest first, then by symbol; meetings without a date last.
    symbols.sort_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });

    // Speeches by the speech-level filters, through the search index so that they mean what they
    // mean in `verbatim search`.
    let speech_level = filter.country.is_some()
        || filter.speaker.is_some()
        || filter.role.is_some()
        || filter.spoke_in.is_some();
    let mut selected: Option<BTreeMap<String, BTreeSet<u32>>> = None;
    if speech_level {
        let mut query = SearchQuery::new("");
        query.filter = filter.clone();
        query.limit = 1;
        query.snippet_chars = 1;
        let total = match store.search(&query) {
            Ok(r) => r.total,
            Err(e) if e.is_user_error() => {
                eprintln!("verbatim: {e}");
                return Ok(ExitCode::from(2));
            }
            Err(e) => return Err(e.into()),
        };
        query.limit = total.max(1) as usize;
        let results = store.search(&query)?;
        let mut map: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
        for hit in results.hits {
            map.entry(hit.meeting).or_default().insert(hit.seq);
        }
        symbols.retain(|(_, s)| map.contains_key(s));
        selected = Some(map);
    }

    let country_code = match &filter.country {
        Some(c) => Some(store.resolve_country(c)?),
        None => None,
    };
    let description = describe(&args.filter);
    let mut exporter = Exporter::new(format, &out, &description)
        .with_context(|| format!("cannot write to {}", out.display()))?;
    for (_, symbol) in &symbols {
        let Some(record) = store.meeting(symbol)? else {
            continue;
        };
        let speeches = selected.as_ref().and_then(|m| m.get(symbol));
        exporter.push(&record, speeches, country_code.as_deref())?;
    }
    let summary = exporter.finish()?;
    for skipped in &summary.skipped {
        eprintln!("verbatim: skipped {skipped}");
    }
    let rows: Vec<String> = summary
        .rows
        .iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect();
    println!(
        "{} meetings exported to {} ({} files): {}",
        summary.meetings - summary.skipped.len() as u64,
        out.display(),
        summary.files.len(),
        rows.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn describe(f: &FilterArgs) -> String {
    let mut parts = Vec::new();
    for (name, value) in [
        ("country", &f.country),
        ("speaker", &f.speaker),
        ("from", &f.from),
        ("to", &f.to),
        ("meeting", &f.meeting),
        ("spoke_in", &f.spoke_in),
    ] {
        if let Some(v) = value {
            parts.push(format!("{name}={v}"));
        }
    }
    if let Some(b) = f.body {
        parts.push(format!("body={b:?}"));
    }
    if let Some(r) = f.role {
        parts.push(format!("role={r:?}"));
    }
    if parts.is_empty() {
        "all".to_owned()
    } else {
        parts.join(" ")
    }
}
