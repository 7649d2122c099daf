//! `verbatim search QUERY`: ranked full-text search over the stored speeches.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::ValueEnum;
use verbatim_record::{Body, Role};
use verbatim_store::{SearchQuery, SpeechFilter};

use super::ingest::DataArg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BodyArg {
    /// Security Council.
    Sc,
    /// General Assembly.
    Ga,
    Other,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    President,
    ActingPresident,
    SecretaryGeneral,
    Official,
    Briefer,
    Member,
    NonMember,
    Observer,
    Other,
}

/// Filters shared by `search` and `kwic`.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Speeches by this country: an ISO alpha-3 code or a name ("France", "FRA").
    #[arg(long)]
    pub country: Option<String>,
    /// Speeches by a speaker whose printed name has these words ("Delattre").
    #[arg(long)]
    pub speaker: Option<String>,
    #[arg(long, value_enum)]
    pub body: Option<BodyArg>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<String>,
    /// Only this meeting ("S/PV.8422").
    #[arg(long)]
    pub meeting: Option<String>,
    #[arg(long, value_enum)]
    pub role: Option<RoleArg>,
    /// Speeches given in this language ("French").
    #[arg(long)]
    pub spoke_in: Option<String>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> SpeechFilter {
        SpeechFilter {
            country: self.country.clone(),
            speaker: self.speaker.clone(),
            body: self.body.map(|b| match b {
                BodyArg::Sc => Body::SC,
                BodyArg::Ga => Body::GA,
                BodyArg::Other => Body::Other,
            }),
            from: self.from.clone(),
            to: self.to.clone(),
            meeting: self.meeting.clone(),
            role: self.role.map(|r| match r {
                RoleArg::President => Role::President,
                RoleArg::ActingPresident => Role::ActingPresident,
                RoleArg::SecretaryGeneral => Role::SecretaryGeneral,
                RoleArg::Official => Role::Official,
                RoleArg::Briefer => Role::Briefer,
                RoleArg::Member => Role::Member,
                RoleArg::NonMember => Role::NonMember,
                RoleArg::Observer => Role::Observer,
                RoleArg::Other => Role::Other,
            }),
            spoke_in: self.spoke_in.clone(),
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words (all must occur), "a phrase", AND / OR / NOT, -excluded, speaker:name, agenda:word.
    /// An empty query ("") lists the speeches that pass the filters.
    pub query: String,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Hits per page.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Page number, from 1.
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Also count the matches by country, year and body.
    #[arg(long)]
    pub facets: bool,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArg,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = args.data.open_read_only()?;
    let limit = args.limit.max(1);
    let query = SearchQuery {
        text: args.query.clone(),
        filter: args.filter.to_filter(),
        offset: (args.page.max(1) - 1) * limit,
        limit,
        facets: args.facets,
        snippet_chars: 200,
    };
    let results = match store.search(&query) {
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
    let (open, close) = if std::io::stdout().is_terminal() {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let shown_from = if results.hits.is_empty() {
        0
    } else {
        query.offset + 1
    };
    crate::outln!(
        "{} speeches match (showing {}-{})",
        results.total,
        shown_from,
        query.offset + results.hits.len()
    );
    for (i, hit) in results.hits.iter().enumerate() {
        let who = match (&hit.affiliation, &hit.country_code) {
            (Some(a), Some(c)) => format!("{} ({a}, {c})", hit.speaker),
            (Some(a), None) => format!("{} ({a})", hit.speaker),
            (None, Some(c)) => format!("{} ({c})", hit.speaker),
            (None, None) => hit.speaker.clone(),
        };
        crate::outln!();
        crate::outln!(
            "{:>3}. {}  {}  #{}  {}  score {:.2}",
            query.offset + i + 1,
            hit.meeting,
            hit.date.as_deref().unwrap_or("date unknown"),
            hit.seq,
            who,
            hit.score
        );
        let snippet = hit.snippet.marked(open, close).replace('\n', " ");
        crate::outln!("     {snippet}");
    }
    if let Some(facets) = &results.facets {
        crate::outln!();
        for (name, counts) in [
            ("country", &facets.country),
            ("year", &facets.year),
            ("body", &facets.body),
        ] {
            let top: Vec<String> = counts
                .iter()
                .take(12)
                .map(|f| format!("{} {}", f.value, f.count))
                .collect();
            crate::outln!("{name}: {}", top.join(", "));
        }
    }
    Ok(ExitCode::SUCCESS)
}
