//! The speaker pages: with `name` (and `affiliation`), one speaker's speeches, newest first, each
//! linking to its place in its meeting; without, a list of speakers to choose from.

use axum::extract::State;
use axum::response::Html as HtmlResponse;
use serde::Deserialize;
use verbatim_store::web_api::SpeechRef;
use verbatim_store::{Page, SpeakerFilter, SpeakerSummary};

use crate::AppState;
use crate::error::PageError;
use crate::html::Html;
use crate::params::{Params, opt_text, page as page_bounds};
use crate::ui::{country_url, long_date, page, pager, proceeding_url, speaker_url};

#[derive(Debug, Deserialize)]
pub struct SpeakerParams {
    /// The printed name exactly: shows that speaker.
    pub name: Option<String>,
    pub affiliation: Option<String>,
    /// Part of a name: lists matching speakers.
    pub find: Option<String>,
    pub country: Option<String>,
    pub offset: Option<usize>,
}

const PER_PAGE: usize = 50;

enum Answer {
    One(Vec<SpeechRef>, Option<SpeakerSummary>),
    List(Vec<SpeakerSummary>),
}

pub async fn page_handler(
    State(state): State<AppState>,
    Params(p): Params<SpeakerParams>,
) -> Result<HtmlResponse<String>, PageError> {
    let (offset, limit) = page_bounds(p.offset, Some(PER_PAGE))?;
    let name = opt_text("name", &p.name)?;
    let affiliation = opt_text("affiliation", &p.affiliation)?;
    let find = opt_text("find", &p.find)?;
    let country = opt_text("country", &p.country)?;
    let (n, a) = (name.clone(), affiliation.clone());
    let (f, c) = (find.clone(), country.clone());
    let answer = state
        .run(move |store| match n {
            Some(name) => {
                let speeches = store.speeches_of(&name, a.as_deref(), Page { offset, limit })?;
                let summary = store
                    .speakers(
                        &SpeakerFilter {
                            name_contains: Some(name.clone()),
                            ..SpeakerFilter::default()
                        },
                        Page {
                            offset: 0,
                            limit: 100,
                        },
                    )?
                    .into_iter()
                    .find(|s| s.name == name && (a.is_none() || s.affiliation == a));
                Ok(Answer::One(speeches, summary))
            }
            None => Ok(Answer::List(store.speakers(
                &SpeakerFilter {
                    country: c,
                    name_contains: f,
                    role: None,
                },
                Page { offset, limit },
            )?)),
        })
        .await?;
    let mut h = Html::new();
    match answer {
        Answer::One(speeches, summary) => {
            let name = name.unwrap_or_default();
            let title = match &affiliation {
                Some(a) => format!("{name} ({a})"),
                None => name.clone(),
            };
            h.elem("h1", &[], &title);
            if let Some(s) = &summary {
                h.open("p", &[("class", "lead")]).text(&format!(
                    "{} speeches in {} meetings, {} to {}.",
                    s.speeches,
                    s.meetings,
                    long_date(s.first_date.as_deref()),
                    long_date(s.last_date.as_deref())
                ));
                if let Some(code) = &s.country_code {
                    h.text(" ")
                        .link(&country_url(code), &format!("Country page ({code})"));
                }
                h.close("p");
            }
            if speeches.is_empty() {
                h.elem("p", &[], "No speeches under this name.");
            }
            h.raw("<ol class=\"hits\">");
            for s in &speeches {
                h.raw("<li class=\"hit\"><h2 class=\"h3\">")
                    .link(
                        &proceeding_url(&s.meeting, s.seq),
                        &format!("{}, {}", s.meeting, long_date(s.date.as_deref())),
                    )
                    .raw("</h2><p class=\"where\">")
                    .text(&format!("page {}", s.page_start + 1))
                    .raw("</p><p class=\"snippet\">")
                    .text(&s.excerpt)
                    .raw("</p></li>");
            }
            h.raw("</ol>");
            if let Some(s) = &summary {
                pager(
                    &mut h,
                    "/speakers",
                    &[
                        ("name", &name),
                        ("affiliation", affiliation.as_deref().unwrap_or("")),
                    ],
                    offset,
                    limit,
                    s.speeches,
                );
            }
            Ok(HtmlResponse(page(&title, h)))
        }
        Answer::List(speakers) => {
            h.elem("h1", &[], "Speakers");
            h.raw("<form class=\"inline\" action=\"/speakers\" method=\"get\">")
                .raw("<label for=\"find\">Name contains</label>")
                .open(
                    "input",
                    &[
                        ("id", "find"),
                        ("name", "find"),
                        ("value", find.as_deref().unwrap_or("")),
                        ("maxlength", "300"),
                    ],
                )
                .raw("<label for=\"country\">Country</label>")
                .open(
                    "input",
                    &[
                        ("id", "country"),
                        ("name", "country"),
                        ("value", country.as_deref().unwrap_or("")),
                        ("maxlength", "300"),
                    ],
                )
                .raw("<button type=\"submit\">Find</button></form>");
            h.raw("<table class=\"list\"><caption>Speakers, most speeches first</caption><thead><tr>")
                .raw("<th scope=\"col\">Name</th><th scope=\"col\">Affiliation</th>")
                .raw("<th scope=\"col\" class=\"num\">Speeches</th><th scope=\"col\">Last seen</th></tr></thead><tbody>");
            for s in &speakers {
                h.raw("<tr><th scope=\"row\">")
                    .link(&speaker_url(&s.name, s.affiliation.as_deref()), &s.name)
                    .raw("</th><td>")
                    .text(s.affiliation.as_deref().unwrap_or(""))
                    .raw("</td><td class=\"num\">")
                    .text(&s.speeches.to_string())
                    .raw("</td><td>")
                    .text(&long_date(s.last_date.as_deref()))
                    .raw("</td></tr>");
            }
            h.raw("</tbody></table>");
            let more = if speakers.len() == limit {
                (offset + 2 * limit) as u64
            } else {
                (offset + speakers.len()) as u64
            };
            pager(
                &mut h,
                "/speakers",
                &[
                    ("find", find.as_deref().unwrap_or("")),
                    ("country", country.as_deref().unwrap_or("")),
                ],
                offset,
                limit,
                more,
            );
            Ok(HtmlResponse(page("Speakers", h)))
        }
    }
}
