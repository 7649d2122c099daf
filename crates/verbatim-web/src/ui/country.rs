//! The country pages: the list of countries with their codes, and one country's page: its speeches
//! over time (an SVG bar chart), its voting record, its most distinctive terms and its speakers.

use axum::extract::{Path, State};
use axum::response::Html as HtmlResponse;
use verbatim_store::web_api::DistinctiveTerm;
use verbatim_store::{
    CountrySummary, CountryVote, Page, Position, SearchQuery, SpeakerFilter, SpeakerSummary,
};

use crate::AppState;
use crate::error::{AppError, PageError};
use crate::html::{Html, url_with_query};
use crate::params::{MAX_QUERY_CHARS, bounded_text};
use crate::svg::bar_chart;
use crate::ui::{country_url, long_date, page, proceeding_url, speaker_url};

pub async fn list(State(state): State<AppState>) -> Result<HtmlResponse<String>, PageError> {
    let countries = state.run(|store| Ok(store.countries()?)).await?;
    let mut h = Html::new();
    h.elem("h1", &[], "Countries");
    h.raw("<table class=\"list\"><caption>Countries in the stored records, by code</caption><thead><tr>")
        .raw("<th scope=\"col\">Code</th><th scope=\"col\">Printed as</th>")
        .raw("<th scope=\"col\" class=\"num\">Speeches</th><th scope=\"col\" class=\"num\">Vote positions</th>")
        .raw("</tr></thead><tbody>");
    for c in &countries {
        h.raw("<tr><th scope=\"row\">")
            .link(&country_url(&c.code), &c.code)
            .raw("</th><td>")
            .text(&c.names.join("; "))
            .raw("</td><td class=\"num\">")
            .text(&c.speeches.to_string())
            .raw("</td><td class=\"num\">")
            .text(&c.vote_positions.to_string())
            .raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    Ok(HtmlResponse(page("Countries", h)))
}

struct CountryData {
    code: String,
    summary: Option<CountrySummary>,
    years: Vec<(String, f64)>,
    votes: Vec<CountryVote>,
    terms: Vec<DistinctiveTerm>,
    speakers: Vec<SpeakerSummary>,
}

pub async fn page_handler(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<HtmlResponse<String>, PageError> {
    let code = bounded_text("country", &code, MAX_QUERY_CHARS)?;
    let data = state
        .run(move |store| {
            let code = store.resolve_country(&code)?;
            let summary = store.countries()?.into_iter().find(|c| c.code == code);
            if summary.is_none() {
                return Err(AppError::UnknownCountry(code));
            }
            let mut query = SearchQuery::new("");
            query.filter.country = Some(code.clone());
            query.facets = true;
            query.limit = 1;
            let mut years: Vec<(String, f64)> = store
                .search(&query)?
                .facets
                .map(|f| {
                    f.year
                        .into_iter()
                        .map(|c| (c.value, c.count as f64))
                        .collect()
                })
                .unwrap_or_default();
            years.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(CountryData {
                votes: store.votes_for_country(&code)?,
                terms: store.distinctive_terms(&code, 24)?,
                speakers: store.speakers(
                    &SpeakerFilter {
                        country: Some(code.clone()),
                        ..SpeakerFilter::default()
                    },
                    Page {
                        offset: 0,
                        limit: 30,
                    },
                )?,
                code,
                summary,
                years,
            })
        })
        .await?;
    let name = data
        .summary
        .as_ref()
        .and_then(|s| s.names.first().cloned())
        .unwrap_or_else(|| data.code.clone());
    let mut h = Html::new();
    h.elem("h1", &[], &format!("{name} ({})", data.code));
    if let Some(s) = &data.summary {
        h.open("p", &[("class", "lead")]).text(&format!(
            "{} speeches and {} vote positions in the stored records. Printed as: {}.",
            s.speeches,
            s.vote_positions,
            s.names.join("; ")
        ));
        h.close("p");
    }
    h.raw("<nav class=\"toc\" aria-label=\"On this page\"><a href=\"#speeches\">Speeches over time</a>")
        .raw("<a href=\"#votes\">Voting record</a><a href=\"#terms\">Distinctive terms</a>")
        .raw("<a href=\"#speakers\">Speakers</a></nav>");

    h.raw("<section id=\"speeches\" aria-labelledby=\"speeches-h\"><h2 id=\"speeches-h\">Speeches over time</h2>");
    if data.years.is_empty() {
        h.elem("p", &[], "No speeches by this country are stored.");
    } else {
        let total: f64 = data.years.iter().map(|(_, n)| n).sum();
        h.append(bar_chart(
            "speeches-chart",
            &format!("Speeches by {name} per year"),
            &format!(
                "{total} speeches from {} to {}",
                data.years.first().map(|y| y.0.as_str()).unwrap_or(""),
                data.years.last().map(|y| y.0.as_str()).unwrap_or("")
            ),
            &data.years,
        ));
        h.raw("<details><summary>The numbers</summary><table class=\"list\"><thead><tr>")
            .raw("<th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Speeches</th></tr></thead><tbody>");
        for (year, n) in &data.years {
            h.raw("<tr><th scope=\"row\">")
                .link(
                    &url_with_query(
                        "/search",
                        &[("country", &data.code), ("from", year), ("to", year)],
                    ),
                    year,
                )
                .raw("</th><td class=\"num\">")
                .num(*n)
                .raw("</td></tr>");
        }
        h.raw("</tbody></table></details>");
    }
    h.raw("</section>");

    h.raw(
        "<section id=\"votes\" aria-labelledby=\"votes-h\"><h2 id=\"votes-h\">Voting record</h2>",
    );
    if data.votes.is_empty() {
        h.elem("p", &[], "No recorded vote lists this country.");
    } else {
        let count = |p: Position| data.votes.iter().filter(|v| v.position == p).count();
        h.open("p", &[]).text(&format!(
            "{} votes: {} in favour, {} against, {} abstaining.",
            data.votes.len(),
            count(Position::InFavour),
            count(Position::Against),
            count(Position::Abstaining)
        ));
        h.close("p");
        h.raw("<table class=\"list\"><caption>Votes, oldest first</caption><thead><tr>")
            .raw("<th scope=\"col\">Date</th><th scope=\"col\">Meeting</th><th scope=\"col\">Draft</th>")
            .raw("<th scope=\"col\">Position</th><th scope=\"col\">Outcome</th></tr></thead><tbody>");
        for v in &data.votes {
            let (label, class) = match v.position {
                Position::InFavour => ("In favour", "pos-yes"),
                Position::Against if v.vetoed => ("Against (veto)", "pos-no"),
                Position::Against => ("Against", "pos-no"),
                Position::Abstaining => ("Abstaining", "pos-abstain"),
            };
            let draft = v
                .draft
                .clone()
                .or_else(|| v.subject.clone())
                .unwrap_or_else(|| "untitled draft".to_owned());
            h.raw("<tr><td>")
                .text(&long_date(v.date.as_deref()))
                .raw("</td><td>")
                .link(&proceeding_url(&v.meeting, v.seq), &v.meeting)
                .raw("</td><td>")
                .text(&draft)
                .raw("</td>")
                .open("td", &[("class", class)])
                .text(label)
                .close("td")
                .raw("<td>")
                .text(match v.outcome {
                    Some(verbatim_record::Outcome::Adopted) => "adopted",
                    Some(verbatim_record::Outcome::NotAdopted) => "not adopted",
                    Some(verbatim_record::Outcome::Vetoed) => "vetoed",
                    None => "",
                })
                .raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }
    h.raw("</section>");

    h.raw("<section id=\"terms\" aria-labelledby=\"terms-h\"><h2 id=\"terms-h\">Distinctive terms</h2>");
    if data.terms.is_empty() {
        h.elem("p", &[], "Too few speeches to tell.");
    } else {
        h.elem(
            "p",
            &[],
            "Words this country's speeches use more often than the stored speeches as a whole. Each \
             opens the word's use over time.",
        );
        h.raw("<ol class=\"terms\">");
        for t in &data.terms {
            h.open("li", &[])
                .link(
                    &url_with_query("/terms", &[("term", &t.term), ("country", &data.code)]),
                    &t.term,
                )
                .open("span", &[("class", "count")])
                .text(&format!(
                    "{} of its speeches, {} in all",
                    t.country_speeches, t.all_speeches
                ))
                .close("span")
                .close("li");
        }
        h.raw("</ol>");
    }
    h.raw("</section>");

    h.raw("<section id=\"speakers\" aria-labelledby=\"speakers-h\"><h2 id=\"speakers-h\">Speakers</h2><ul>");
    for s in &data.speakers {
        h.open("li", &[])
            .link(&speaker_url(&s.name, s.affiliation.as_deref()), &s.name)
            .text(&format!(
                ": {} speeches, {} to {}",
                s.speeches,
                long_date(s.first_date.as_deref()),
                long_date(s.last_date.as_deref())
            ))
            .close("li");
    }
    h.raw("</ul></section>");
    Ok(HtmlResponse(page(&name, h)))
}
