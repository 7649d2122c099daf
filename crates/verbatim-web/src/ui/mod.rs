//! The web UI: server-rendered HTML pages written through the escaping [`Html`] writer, one small
//! stylesheet, and no JavaScript. Each page module has one handler; this module holds the page frame,
//! the links every page makes, and the error and not-found pages.

pub mod country;
pub mod meeting;
pub mod search;
pub mod speaker;
pub mod terms;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use verbatim_record::Body;

use crate::error::AppError;
use crate::html::{Html, path_encode, url_with_query};

/// The one stylesheet, compiled into the binary.
pub const STYLESHEET: &str = include_str!("style.css");

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// A whole page: the frame (head, skip link, navigation, footer) around `main`.
pub fn page(title: &str, main: Html) -> String {
    let mut h = Html::new();
    h.raw("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .raw("<title>")
        .text(title)
        .raw(" · verbatim</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>")
        .raw("<a class=\"skip\" href=\"#main\">Skip to content</a>")
        .raw("<header class=\"site\"><nav aria-label=\"Main\"><a class=\"brand\" href=\"/\">verbatim</a>")
        .raw("<a href=\"/meetings\">Meetings</a><a href=\"/countries\">Countries</a>")
        .raw("<a href=\"/speakers\">Speakers</a><a href=\"/terms\">Terms over time</a></nav></header>")
        .raw("<main id=\"main\">")
        .append(main)
        .raw("</main><footer class=\"site\"><p>UN verbatim records as structured data. ")
        .raw("<a href=\"/api/v1/openapi.json\">JSON API</a></p></footer></body></html>\n");
    h.into_string()
}

/// Link to a meeting page.
pub fn meeting_url(symbol: &str) -> String {
    format!("/meetings/{}", path_encode(symbol))
}

/// Link to one proceeding of a meeting (its anchor is `p-{seq}`).
pub fn proceeding_url(symbol: &str, seq: u32) -> String {
    format!("{}#p-{seq}", meeting_url(symbol))
}

pub fn country_url(code: &str) -> String {
    format!("/countries/{}", path_encode(code))
}

pub fn speaker_url(name: &str, affiliation: Option<&str>) -> String {
    url_with_query(
        "/speakers",
        &[("name", name), ("affiliation", affiliation.unwrap_or(""))],
    )
}

pub fn body_name(body: Body) -> &'static str {
    match body {
        Body::SC => "Security Council",
        Body::GA => "General Assembly",
        Body::Other => "Other body",
    }
}

/// The search form, filled with the current values.
pub fn search_form(
    h: &mut Html,
    q: &str,
    country: &str,
    speaker: &str,
    body: &str,
    from: &str,
    to: &str,
) {
    h.raw("<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">")
        .raw("<div class=\"q\"><label for=\"q\">Search the records</label>")
        .open(
            "input",
            &[
                ("id", "q"),
                ("name", "q"),
                ("type", "search"),
                ("value", q),
                ("maxlength", "300"),
                (
                    "placeholder",
                    "words, \"a phrase\", or a symbol such as S/2018/1016",
                ),
            ],
        )
        .raw("<button type=\"submit\">Search</button></div>")
        .raw("<details class=\"filters\"")
        .raw(
            if country.is_empty()
                && speaker.is_empty()
                && body.is_empty()
                && from.is_empty()
                && to.is_empty()
            {
                ">"
            } else {
                " open>"
            },
        )
        .raw("<summary>Filters</summary><div class=\"grid\">");
    for (id, label, value, hint) in [
        ("country", "Country", country, "code or name: CHN, France"),
        ("speaker", "Speaker", speaker, "Delattre"),
        ("from", "From", from, "YYYY or YYYY-MM-DD"),
        ("to", "To", to, "YYYY or YYYY-MM-DD"),
    ] {
        h.open("div", &[])
            .elem("label", &[("for", id)], label)
            .open(
                "input",
                &[
                    ("id", id),
                    ("name", id),
                    ("value", value),
                    ("placeholder", hint),
                    ("maxlength", "300"),
                ],
            )
            .close("div");
    }
    h.raw("<div><label for=\"body\">Body</label><select id=\"body\" name=\"body\">");
    for (value, label) in [
        ("", "Any"),
        ("SC", "Security Council"),
        ("GA", "General Assembly"),
    ] {
        if value.eq_ignore_ascii_case(body) {
            h.open("option", &[("value", value), ("selected", "selected")]);
        } else {
            h.open("option", &[("value", value)]);
        }
        h.text(label).close("option");
    }
    h.raw("</select></div></div></details></form>");
}

/// The page for an error: what went wrong (never an internal cause) and a way back.
pub fn error_page(err: &AppError) -> String {
    let mut h = Html::new();
    let title = match err.status() {
        StatusCode::NOT_FOUND => "Not found",
        StatusCode::BAD_REQUEST => "That request could not be answered",
        _ => "Something went wrong",
    };
    h.elem("h1", &[], title)
        .open("p", &[("class", "error"), ("data-code", err.code())])
        .text(&err.public_message())
        .close("p");
    search_form(&mut h, "", "", "", "", "", "");
    page(title, h)
}

pub async fn not_found() -> Response {
    AppError::RouteNotFound.into_flavored_response(crate::error::Flavor::Html)
}

/// Writes `text` with the byte ranges in `highlights` wrapped in `<mark>`; ranges that are out of
/// order or not on character boundaries are ignored rather than trusted.
pub fn marked(h: &mut Html, text: &str, highlights: &[[usize; 2]]) {
    let mut at = 0;
    for &[start, end] in highlights {
        if start < at || end <= start {
            continue;
        }
        let (Some(before), Some(hit)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        h.text(before).raw("<mark>").text(hit).raw("</mark>");
        at = end;
    }
    h.text(text.get(at..).unwrap_or(""));
}

/// "2018-12-13" as "13 December 2018"; other forms as they are.
pub fn long_date(date: Option<&str>) -> String {
    let Some(date) = date else {
        return "date unknown".to_owned();
    };
    let parts: Vec<&str> = date.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(m), Ok(d)) if (1..=12).contains(&m) => {
                format!("{d} {} {y}", verbatim_record::MONTH_NAMES[m - 1])
            }
            _ => date.to_owned(),
        },
        _ => date.to_owned(),
    }
}

/// Previous / next links for a paged list.
pub fn pager(
    h: &mut Html,
    base: &str,
    pairs: &[(&str, &str)],
    offset: usize,
    limit: usize,
    total: u64,
) {
    if total <= limit as u64 && offset == 0 {
        return;
    }
    h.raw("<nav class=\"pager\" aria-label=\"Pages\">");
    if offset > 0 {
        let prev = offset.saturating_sub(limit).to_string();
        let mut all: Vec<(&str, &str)> = pairs.to_vec();
        all.push(("offset", &prev));
        h.open(
            "a",
            &[("href", &url_with_query(base, &all)), ("rel", "prev")],
        )
        .text("Previous")
        .close("a");
    }
    let last = (offset + limit).min(total as usize);
    h.open("span", &[])
        .text(&format!("{}–{} of {}", offset + 1, last, total))
        .close("span");
    if ((offset + limit) as u64) < total && offset + limit <= crate::params::MAX_OFFSET {
        let next = (offset + limit).to_string();
        let mut all: Vec<(&str, &str)> = pairs.to_vec();
        all.push(("offset", &next));
        h.open(
            "a",
            &[("href", &url_with_query(base, &all)), ("rel", "next")],
        )
        .text("Next")
        .close("a");
    }
    h.raw("</nav>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_wraps_ranges_and_escapes_everything_else() {
        let mut h = Html::new();
        marked(
            &mut h,
            "a <veto> by Russia",
            &[[3, 7], [12, 18], [2, 4], [17, 99]],
        );
        assert_eq!(
            h.into_string(),
            "a &lt;<mark>veto</mark>&gt; by <mark>Russia</mark>"
        );
    }

    #[test]
    fn dates_read_as_words() {
        assert_eq!(long_date(Some("2018-12-13")), "13 December 2018");
        assert_eq!(long_date(Some("1950")), "1950");
        assert_eq!(long_date(None), "date unknown");
    }
}
