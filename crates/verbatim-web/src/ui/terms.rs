//! The term-over-time page: the share of speeches per year that use a word or phrase, over all
//! speeches and for each chosen country, as an SVG line chart with the numbers in a table.

use axum::extract::State;
use axum::response::Html as HtmlResponse;
use serde::Deserialize;

use crate::AppState;
use crate::api::{country_list, load_term_over_time};
use crate::error::PageError;
use crate::html::{Html, url_with_query};
use crate::params::Params;
use crate::svg::{Series, color, line_chart};
use crate::ui::page;

#[derive(Debug, Deserialize)]
pub struct TermsParams {
    pub term: Option<String>,
    pub country: Option<String>,
}

pub async fn page_handler(
    State(state): State<AppState>,
    Params(p): Params<TermsParams>,
) -> Result<HtmlResponse<String>, PageError> {
    let term = p.term.clone().unwrap_or_default();
    let countries_text = p.country.clone().unwrap_or_default();
    let mut h = Html::new();
    h.elem("h1", &[], "Terms over time");
    h.raw("<form class=\"inline\" action=\"/terms\" method=\"get\">")
        .raw("<label for=\"term\">Word or phrase</label>")
        .open(
            "input",
            &[
                ("id", "term"),
                ("name", "term"),
                ("value", &term),
                ("maxlength", "300"),
                ("required", "required"),
            ],
        )
        .raw("<label for=\"country\">Countries</label>")
        .open(
            "input",
            &[
                ("id", "country"),
                ("name", "country"),
                ("value", &countries_text),
                ("placeholder", "CHN, USA"),
                ("maxlength", "300"),
            ],
        )
        .raw("<button type=\"submit\">Show</button></form>");
    if term.trim().is_empty() {
        h.elem(
            "p",
            &[],
            "Shows, for each year, the share of speeches that use a word or phrase: over all speeches, and \
             for up to six countries (codes or names, separated by commas).",
        );
        return Ok(HtmlResponse(page("Terms over time", h)));
    }
    let countries = country_list(&p.country)?;
    let data = load_term_over_time(&state, term.clone(), countries).await?;
    let series: Vec<Series> = data
        .series
        .iter()
        .map(|s| Series {
            name: s
                .country
                .clone()
                .unwrap_or_else(|| "All speeches".to_owned()),
            points: s.years.iter().map(|y| (y.year.clone(), y.share)).collect(),
        })
        .collect();
    let title = format!(
        "Share of speeches using \u{201c}{}\u{201d}, per year",
        data.term
    );
    h.append(line_chart(
        "term-chart",
        &title,
        "One line for all speeches and one per chosen country; each point is the share of that year's speeches that use the term.",
        &series,
    ));
    h.raw("<ul class=\"legend\">");
    for (n, s) in series.iter().enumerate() {
        let style = format!("border-color:{}", color(n));
        h.open("li", &[])
            .open("span", &[("class", "swatch"), ("style", &style)])
            .close("span");
        h.text(&s.name).close("li");
    }
    h.raw("</ul>");
    h.raw("<table class=\"list\"><caption>The numbers</caption><thead><tr><th scope=\"col\">Series</th>")
        .raw("<th scope=\"col\">Year</th><th scope=\"col\" class=\"num\">Speeches</th>")
        .raw("<th scope=\"col\" class=\"num\">Using the term</th><th scope=\"col\" class=\"num\">Share</th></tr></thead><tbody>");
    for s in &data.series {
        let name = s
            .country
            .clone()
            .unwrap_or_else(|| "All speeches".to_owned());
        for y in &s.years {
            let search = url_with_query(
                "/search",
                &[
                    ("q", &format!("\"{}\"", data.term.replace('"', ""))),
                    ("country", s.country.as_deref().unwrap_or("")),
                    ("from", &y.year),
                    ("to", &y.year),
                ],
            );
            h.raw("<tr><th scope=\"row\">")
                .text(&name)
                .raw("</th><td>")
                .text(&y.year)
                .raw("</td><td class=\"num\">")
                .text(&y.speeches.to_string())
                .raw("</td><td class=\"num\">")
                .link(&search, &y.matching.to_string())
                .raw("</td><td class=\"num\">")
                .text(&format!("{:.1}%", y.share * 100.0))
                .raw("</td></tr>");
        }
    }
    h.raw("</tbody></table>");
    Ok(HtmlResponse(page(&format!("Terms over time: {term}"), h)))
}
