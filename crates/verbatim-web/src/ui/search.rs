//! The search page (also the home page): a query with filters, facets, and highlighted hits that link
//! to the exact speech in its meeting. A query that is a document symbol also lists the votes on that
//! document and the places that cite it, so that "how did China vote on S/2018/1016" is one click
//! from here (the vote table) and two from what China said afterwards.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html as HtmlResponse, IntoResponse, Response};
use serde::Deserialize;
use verbatim_store::web_api::{VoteDetail, VoteFilter};
use verbatim_store::{Citation, FacetCount, Page, SearchResults, StoreStats};

use crate::AppState;
use crate::api::search_query;
use crate::error::{AppError, PageError};
use crate::html::{Html, url_with_query};
use crate::params::{FilterParams, Params, looks_like_symbol};
use crate::ui::{body_name, long_date, meeting_url, page, pager, proceeding_url, search_form};

#[derive(Debug, Deserialize)]
pub struct SearchPageParams {
    pub q: Option<String>,
    pub offset: Option<usize>,
}

/// Hits per page on the search page.
const HITS_PER_PAGE: usize = 10;
/// Values shown per facet.
const FACET_VALUES: usize = 12;

/// What a symbol query finds besides speeches.
struct SymbolFinds {
    votes: Vec<VoteDetail>,
    citations: Vec<Citation>,
    /// The symbol is itself a stored meeting.
    is_meeting: bool,
}

enum Answer {
    Home(StoreStats),
    Results(SearchResults, Option<SymbolFinds>),
}

pub async fn page_handler(
    State(state): State<AppState>,
    Params(filter): Params<FilterParams>,
    Params(p): Params<SearchPageParams>,
) -> Result<Response, PageError> {
    let q = p.q.clone().unwrap_or_default();
    let no_filter = [
        &filter.country,
        &filter.speaker,
        &filter.body,
        &filter.from,
        &filter.to,
        &filter.meeting,
        &filter.role,
        &filter.spoke_in,
    ]
    .iter()
    .all(|f| f.as_deref().is_none_or(|v| v.trim().is_empty()));
    let home = q.trim().is_empty() && no_filter;
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let (country, speaker, body, from, to) = (
        value(&filter.country),
        value(&filter.speaker),
        value(&filter.body),
        value(&filter.from),
        value(&filter.to),
    );
    // A query or filter the person got wrong is answered on the search page itself, with what they
    // typed still in the form, so that they can correct it.
    let form_error = |err: AppError| -> Result<Response, PageError> {
        if err.status() != StatusCode::BAD_REQUEST {
            return Err(PageError(err));
        }
        let mut h = Html::new();
        h.elem("h1", &[], "Search");
        search_form(&mut h, &q, &country, &speaker, &body, &from, &to);
        h.open("p", &[("class", "error"), ("data-code", err.code())])
            .text(&err.public_message())
            .close("p");
        Ok((StatusCode::BAD_REQUEST, HtmlResponse(page("Search", h))).into_response())
    };
    let query = match search_query(
        &p.q,
        &filter,
        p.offset,
        Some(HITS_PER_PAGE),
        true,
        Some(260),
    ) {
        Ok(query) => query,
        Err(err) => return form_error(err),
    };
    let symbol = looks_like_symbol(&q).then(|| q.trim().to_owned());
    let answer = state
        .run(move |store| {
            if home {
                return Ok(Answer::Home(store.stats()?));
            }
            let results = store.search(&query)?;
            let finds = match symbol {
                Some(symbol) => Some(SymbolFinds {
                    votes: store.votes(
                        &VoteFilter {
                            document: Some(symbol.clone()),
                            meeting: None,
                        },
                        Page {
                            offset: 0,
                            limit: 20,
                        },
                    )?,
                    citations: store.citing(&symbol)?,
                    is_meeting: store.source_sha256(&symbol)?.is_some(),
                }),
                None => None,
            };
            Ok::<_, AppError>(Answer::Results(results, finds))
        })
        .await;
    let answer = match answer {
        Ok(answer) => answer,
        Err(err) => return form_error(err),
    };
    let mut h = Html::new();
    match answer {
        Answer::Home(stats) => {
            h.elem("h1", &[], "Search UN verbatim records");
            search_form(&mut h, "", "", "", "", "", "");
            h.open("p", &[("class", "lead")]).text(&format!(
                "{} meetings, {} speeches and {} votes",
                stats.meetings, stats.speeches, stats.votes
            ));
            if let (Some(first), Some(last)) = (&stats.first_date, &stats.last_date) {
                h.text(&format!(
                    ", from {} to {}",
                    long_date(Some(first)),
                    long_date(Some(last))
                ));
            }
            h.raw(".</p><h2>Try</h2><ul class=\"examples\">");
            for example in [
                "S/2018/1016",
                "\"peaceful settlement\"",
                "veto",
                "climate change",
            ] {
                h.open("li", &[])
                    .link(&url_with_query("/search", &[("q", example)]), example)
                    .close("li");
            }
            h.raw("</ul>");
            Ok(HtmlResponse(page("Search", h)).into_response())
        }
        Answer::Results(results, finds) => {
            let title = if q.trim().is_empty() {
                "Speeches".to_owned()
            } else {
                format!("Search: {}", q.trim())
            };
            h.elem("h1", &[], &title);
            search_form(&mut h, &q, &country, &speaker, &body, &from, &to);
            if let Some(finds) = &finds {
                symbol_section(&mut h, q.trim(), finds);
            }
            h.raw(
                "<div class=\"results-layout\"><section class=\"hits\" aria-labelledby=\"hits-h\">",
            )
            .open("h2", &[("id", "hits-h")])
            .text(&match results.total {
                0 => "No speeches found".to_owned(),
                1 => "1 speech".to_owned(),
                n => format!("{n} speeches"),
            })
            .close("h2");
            if results.total == 0 {
                h.elem(
                    "p",
                    &[],
                    "Try fewer words, remove a filter, or put a phrase in quotes.",
                );
            }
            h.raw("<ol class=\"hits\">");
            for hit in &results.hits {
                let who = match &hit.affiliation {
                    Some(a) => format!("{} ({a})", hit.speaker),
                    None => hit.speaker.clone(),
                };
                h.raw("<li class=\"hit\"><h3>")
                    .link(&proceeding_url(&hit.meeting, hit.seq), &who)
                    .raw("</h3><p class=\"where\">")
                    .text(&format!(
                        "{} · {} · {}",
                        hit.meeting,
                        long_date(hit.date.as_deref()),
                        body_name(hit.body)
                    ))
                    .raw("</p><p class=\"snippet\">");
                super::marked(&mut h, &hit.snippet.text, &hit.snippet.highlights);
                h.raw("</p></li>");
            }
            h.raw("</ol>");
            let base: Vec<(&str, &str)> = vec![
                ("q", q.as_str()),
                ("country", country.as_str()),
                ("speaker", speaker.as_str()),
                ("body", body.as_str()),
                ("from", from.as_str()),
                ("to", to.as_str()),
            ];
            pager(
                &mut h,
                "/search",
                &base,
                results.offset,
                HITS_PER_PAGE,
                results.total,
            );
            h.raw("</section>");
            if let Some(facets) = &results.facets
                && results.total > 0
            {
                h.raw("<aside class=\"facets\" aria-labelledby=\"facets-h\"><h2 id=\"facets-h\">Refine</h2>");
                facet_list(&mut h, "By country", "country", &facets.country, &base);
                facet_list(&mut h, "By year", "year", &facets.year, &base);
                facet_list(&mut h, "By body", "body", &facets.body, &base);
                h.raw("</aside>");
            }
            h.raw("</div>");
            Ok(HtmlResponse(page(&title, h)).into_response())
        }
    }
}

/// One facet as links that add its value to the current query.
fn facet_list(
    h: &mut Html,
    title: &'static str,
    key: &str,
    counts: &[FacetCount],
    base: &[(&str, &str)],
) {
    if counts.is_empty() {
        return;
    }
    h.elem("h3", &[], title).raw("<ul>");
    for count in counts.iter().take(FACET_VALUES) {
        let mut pairs: Vec<(&str, &str)> = base
            .iter()
            .filter(|(k, _)| match key {
                "year" => *k != "from" && *k != "to",
                other => *k != other,
            })
            .copied()
            .collect();
        if key == "year" {
            pairs.push(("from", &count.value));
            pairs.push(("to", &count.value));
        } else {
            pairs.push((
                if key == "country" { "country" } else { "body" },
                &count.value,
            ));
        }
        h.open("li", &[])
            .link(&url_with_query("/search", &pairs), &count.value)
            .open("span", &[("class", "count")])
            .text(&count.count.to_string())
            .close("span")
            .close("li");
    }
    h.raw("</ul>");
}

fn counts_text(counts: &Option<[Option<u32>; 3]>) -> Option<String> {
    let [a, b, c] = (*counts)?;
    let show = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "?".to_owned());
    Some(format!(
        "{} in favour, {} against, {} abstaining",
        show(a),
        show(b),
        show(c)
    ))
}

/// A vote in one line: "adopted, 15 in favour, ... (resolution 2448 (2018))".
pub fn vote_summary(vote: &VoteDetail) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(outcome) = vote.outcome {
        parts.push(
            match outcome {
                verbatim_record::Outcome::Adopted => "adopted",
                verbatim_record::Outcome::NotAdopted => "not adopted",
                verbatim_record::Outcome::Vetoed => "not adopted (veto)",
            }
            .to_owned(),
        );
    }
    if let Some(counts) = counts_text(&vote.counts) {
        parts.push(counts);
    }
    if let Some(resolution) = &vote.resolution {
        parts.push(format!("resolution {resolution}"));
    }
    if parts.is_empty() {
        "vote".to_owned()
    } else {
        parts.join(", ")
    }
}

fn symbol_section(h: &mut Html, symbol: &str, finds: &SymbolFinds) {
    h.raw("<section class=\"symbol\" aria-labelledby=\"symbol-h\">")
        .open("h2", &[("id", "symbol-h")])
        .text(symbol)
        .close("h2");
    if finds.is_meeting {
        h.raw("<p>")
            .link(
                &meeting_url(symbol),
                &format!("Open the record of meeting {symbol}"),
            )
            .raw("</p>");
    }
    if !finds.votes.is_empty() {
        h.raw("<h3>Votes</h3><ul class=\"vote-cards\">");
        for vote in &finds.votes {
            h.raw("<li class=\"vote-card\">")
                .open(
                    "a",
                    &[
                        ("href", &proceeding_url(&vote.meeting, vote.seq)),
                        ("class", "vote-link"),
                    ],
                )
                .text(&format!(
                    "Vote in {}, {}: how each member voted",
                    vote.meeting,
                    long_date(vote.date.as_deref())
                ))
                .close("a")
                .open("p", &[])
                .text(&vote_summary(vote))
                .close("p");
            if !vote.against.is_empty() || !vote.abstaining.is_empty() {
                h.open("p", &[("class", "minor")]);
                if !vote.against.is_empty() {
                    let names: Vec<&str> =
                        vote.against.iter().map(|e| e.country.as_str()).collect();
                    h.text(&format!("Against: {}. ", names.join(", ")));
                }
                if !vote.abstaining.is_empty() {
                    let names: Vec<&str> =
                        vote.abstaining.iter().map(|e| e.country.as_str()).collect();
                    h.text(&format!("Abstaining: {}.", names.join(", ")));
                }
                h.close("p");
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    if !finds.citations.is_empty() {
        h.raw("<h3>Cited in</h3><ul class=\"citations\">");
        for c in finds.citations.iter().take(50) {
            let (href, label) = match (c.seq, &c.speaker) {
                (Some(seq), Some(speaker)) => (
                    proceeding_url(&c.meeting, seq),
                    format!("{}, {}: {speaker}", c.meeting, long_date(c.date.as_deref())),
                ),
                (Some(seq), None) => (
                    proceeding_url(&c.meeting, seq),
                    format!("{}, {}", c.meeting, long_date(c.date.as_deref())),
                ),
                _ => (
                    meeting_url(&c.meeting),
                    format!(
                        "{}, {} (the meeting)",
                        c.meeting,
                        long_date(c.date.as_deref())
                    ),
                ),
            };
            h.open("li", &[]).link(&href, &label).close("li");
        }
        h.raw("</ul>");
    }
    if finds.votes.is_empty() && finds.citations.is_empty() && !finds.is_meeting {
        h.elem(
            "p",
            &[],
            "No vote on this document and no citation of it in the stored records.",
        );
    }
    h.raw("</section>");
}
