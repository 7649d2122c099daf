//! `verbatim show SYMBOL`: a stored meeting as a readable transcript, with its votes.

use std::fmt::Write as _;
use std::process::ExitCode;

use verbatim_record::{MeetingRecord, Outcome, ProceedingKind, VoteMethod};

use super::ingest::DataArg;
use super::search::Format;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting's symbol as stored ("S/PV.8422").
    pub symbol: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.data.open_read_only()?;
    let Some(record) = store.meeting(args.symbol.trim())? else {
        let similar = store.list_meetings(
            &verbatim_store::MeetingFilter {
                symbol_contains: Some(args.symbol.trim().to_owned()),
                ..Default::default()
            },
            verbatim_store::Page {
                offset: 0,
                limit: 5,
            },
        )?;
        eprintln!("verbatim: no meeting {:?} in the store", args.symbol);
        if !similar.meetings.is_empty() {
            let names: Vec<&str> = similar.meetings.iter().map(|m| m.symbol.as_str()).collect();
            eprintln!("did you mean: {}", names.join(", "));
        }
        return Ok(ExitCode::from(1));
    };
    match args.format {
        Format::Json => crate::outln!("{}", serde_json::to_string_pretty(&record)?),
        Format::Text => crate::out!("{}", transcript(&record)),
    }
    Ok(ExitCode::SUCCESS)
}

fn names(list: &[verbatim_record::CountryRef]) -> String {
    list.iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The record as plain text: cover, agenda, then every proceeding in order.
pub fn transcript(record: &MeetingRecord) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored for that reason.
    let _ = writeln!(
        out,
        "{}  ({}, {})",
        record.symbol,
        record.body.as_str(),
        record.date.as_deref().unwrap_or("date unknown")
    );
    if let Some(p) = &record.president {
        let _ = writeln!(
            out,
            "President: {}{}",
            p.name.as_deref().unwrap_or("?"),
            p.country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        );
    }
    if !record.members.is_empty() {
        let members: Vec<String> = record
            .members
            .iter()
            .map(|m| match &m.representative {
                Some(r) => format!("{} ({r})", m.country),
                None => m.country.clone(),
            })
            .collect();
        let _ = writeln!(out, "Members: {}", members.join("; "));
    }
    if !record.agenda.is_empty() {
        let _ = writeln!(out, "Agenda:");
        for item in &record.agenda {
            let _ = writeln!(
                out,
                "  {}{}",
                item.number
                    .as_deref()
                    .map(|n| format!("{n}. "))
                    .unwrap_or_default(),
                item.title
            );
        }
    }
    for proceeding in &record.proceedings {
        out.push('\n');
        match &proceeding.kind {
            ProceedingKind::Speech(speech) => {
                let heading = if speech.continues {
                    format!("{} (continuing)", speech.speaker.heading)
                } else {
                    speech.speaker.heading.clone()
                };
                let _ = writeln!(out, "{heading}:");
                for paragraph in &speech.paragraphs {
                    let _ = writeln!(out, "  {paragraph}");
                }
            }
            ProceedingKind::StageDirection(stage) => {
                let _ = writeln!(out, "[{}]", stage.text);
            }
            ProceedingKind::AgendaHeading(heading) => {
                let _ = writeln!(
                    out,
                    "== {}{}{}",
                    heading
                        .number
                        .as_deref()
                        .map(|n| format!("Agenda item {n}: "))
                        .unwrap_or_default(),
                    heading.title,
                    if heading.continued {
                        " (continued)"
                    } else {
                        ""
                    }
                );
            }
            ProceedingKind::Vote(vote) => {
                let method = match vote.method {
                    VoteMethod::ShowOfHands => "show of hands",
                    VoteMethod::Recorded => "recorded vote",
                    VoteMethod::WithoutVote => "without a vote",
                    VoteMethod::Consensus => "by consensus",
                    VoteMethod::SecretBallot => "secret ballot",
                };
                let what = [
                    vote.part.as_deref(),
                    vote.draft.as_deref(),
                    vote.subject.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
                let _ = writeln!(
                    out,
                    "VOTE on {} ({method})",
                    if what.is_empty() { "?" } else { &what }
                );
                if let Some([yes, no, abstain]) = vote.counts {
                    let n =
                        |c: Option<u32>| c.map(|c| c.to_string()).unwrap_or_else(|| "-".to_owned());
                    let _ = writeln!(
                        out,
                        "  {} in favour, {} against, {} abstaining",
                        n(yes),
                        n(no),
                        n(abstain)
                    );
                }
                for (label, list) in [
                    ("In favour", &vote.in_favour),
                    ("Against", &vote.against),
                    ("Abstaining", &vote.abstaining),
                ] {
                    if !list.is_empty() {
                        let _ = writeln!(out, "  {label}: {}", names(list));
                    }
                }
                let outcome = match vote.outcome {
                    Some(Outcome::Adopted) => "adopted",
                    Some(Outcome::NotAdopted) => "not adopted",
                    Some(Outcome::Vetoed) => "not adopted (veto)",
                    None => "outcome not recorded",
                };
                let mut line = format!("  Outcome: {outcome}");
                if !vote.vetoed_by.is_empty() {
                    let _ = write!(line, "; vetoed by {}", names(&vote.vetoed_by));
                }
                if let Some(res) = &vote.resolution {
                    let _ = write!(line, "; resolution {res}");
                }
                if let Some(dec) = &vote.decision {
                    let _ = write!(line, "; decision {dec}");
                }
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}
