//! `verbatim votes --country X`: how a country voted, draft by draft, with the outcomes.

use std::process::ExitCode;

use verbatim_record::Outcome;
use verbatim_store::Position;

use super::ingest::DataArg;
use super::search::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The country: an ISO alpha-3 code or a name ("France", "FRA").
    #[arg(long)]
    pub country: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.data.open_read_only()?;
    let votes = match store.votes_for_country(&args.country) {
        Ok(votes) => votes,
        Err(e) if e.is_user_error() => {
            eprintln!("verbatim: {e}");
            return Ok(ExitCode::from(2));
        }
        Err(e) => return Err(e.into()),
    };
    if args.format == Format::Json {
        crate::outln!("{}", serde_json::to_string_pretty(&votes)?);
        return Ok(ExitCode::SUCCESS);
    }
    let (mut yes, mut no, mut abstain) = (0, 0, 0);
    for v in &votes {
        match v.position {
            Position::InFavour => yes += 1,
            Position::Against => no += 1,
            Position::Abstaining => abstain += 1,
        }
        let outcome = match v.outcome {
            Some(Outcome::Adopted) => "adopted",
            Some(Outcome::NotAdopted) => "not adopted",
            Some(Outcome::Vetoed) => "vetoed",
            None => "?",
        };
        let counts = v
            .counts
            .map(|c| {
                c.iter()
                    .map(|n| n.map(|n| n.to_string()).unwrap_or_else(|| "-".to_owned()))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .unwrap_or_default();
        let what = v.draft.as_deref().or(v.subject.as_deref()).unwrap_or("?");
        crate::outln!(
            "{}  {:<22} {:<24} {:<10}{} {:<11} {:<9}{}",
            v.date.as_deref().unwrap_or("----------"),
            v.meeting,
            what,
            v.position.as_str(),
            if v.vetoed { " (veto)" } else { "" },
            outcome,
            counts,
            v.resolution
                .as_deref()
                .map(|r| format!(" resolution {r}"))
                .unwrap_or_default()
        );
    }
    crate::outln!(
        "{} votes: {yes} in favour, {no} against, {abstain} abstaining",
        votes.len()
    );
    Ok(ExitCode::SUCCESS)
}
