//! The meeting pages: the list of meetings, and one meeting's record in full (cover data, agenda, the
//! proceedings in order with speaker headings, stage directions in italics, each vote as a table of
//! country positions, and the PDF page of every proceeding). Every proceeding has the anchor `p-{seq}`
//! that search hits link to. The source PDF is streamed from the server's PDF folder when it has one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html as HtmlResponse, IntoResponse, Response};
use serde::Deserialize;
use verbatim_record::{
    CountryRef, MeetingRecord, Outcome, Proceeding, ProceedingKind, Speech, Vote, VoteMethod,
};
use verbatim_store::{MeetingFilter, Page};

use crate::AppState;
use crate::api::load_meeting;
use crate::error::{AppError, PageError};
use crate::html::{Html, path_encode};
use crate::page_cache::CachedPage;
use crate::params::{
    MAX_QUERY_CHARS, Params, bounded_text, opt_text, page as page_bounds, parse_body,
};
use crate::ui::{body_name, country_url, long_date, meeting_url, page, pager, speaker_url};

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub body: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: Option<usize>,
}

const MEETINGS_PER_PAGE: usize = 50;

pub async fn list(
    State(state): State<AppState>,
    Params(p): Params<ListParams>,
) -> Result<HtmlResponse<String>, PageError> {
    let (offset, limit) = page_bounds(p.offset, Some(MEETINGS_PER_PAGE))?;
    let filter = MeetingFilter {
        body: parse_body(&p.body)?,
        from: opt_text("from", &p.from)?,
        to: opt_text("to", &p.to)?,
        country: None,
        symbol_contains: None,
    };
    let list = state
        .run(move |store| Ok(store.list_meetings(&filter, Page { offset, limit })?))
        .await?;
    let mut h = Html::new();
    h.elem("h1", &[], "Meetings");
    h.raw("<table class=\"list\"><caption>Stored meetings, newest first</caption><thead><tr>")
        .raw("<th scope=\"col\">Meeting</th><th scope=\"col\">Date</th><th scope=\"col\">Agenda</th>")
        .raw("<th scope=\"col\" class=\"num\">Speeches</th><th scope=\"col\" class=\"num\">Votes</th>")
        .raw("</tr></thead><tbody>");
    for m in &list.meetings {
        h.raw("<tr><th scope=\"row\">")
            .link(&meeting_url(&m.symbol), &m.symbol)
            .raw("</th><td>")
            .text(&long_date(m.date.as_deref()))
            .raw("</td><td>")
            .text(m.agenda.as_deref().unwrap_or(""))
            .raw("</td><td class=\"num\">")
            .text(&m.n_speeches.to_string())
            .raw("</td><td class=\"num\">")
            .text(&m.n_votes.to_string())
            .raw("</td></tr>");
    }
    h.raw("</tbody></table>");
    let (body, from, to) = (
        p.body.unwrap_or_default(),
        p.from.unwrap_or_default(),
        p.to.unwrap_or_default(),
    );
    pager(
        &mut h,
        "/meetings",
        &[("body", &body), ("from", &from), ("to", &to)],
        offset,
        limit,
        list.total,
    );
    Ok(HtmlResponse(page("Meetings", h)))
}

/// `/meetings/{symbol}` (the page) and `/meetings/{symbol}/pdf` (the source file).
pub async fn page_or_pdf(
    State(state): State<AppState>,
    Path(symbol): Path<String>,
) -> Result<Response, PageError> {
    if let Some(meeting) = symbol.strip_suffix("/pdf") {
        return Ok(pdf(&state, meeting.to_owned()).await?);
    }
    let symbol = bounded_text("symbol", &symbol, MAX_QUERY_CHARS)?;
    // The page rendered last time is served when the meeting has not been written since (same
    // generation) and the PDF folder still agrees about its source file; otherwise the record is
    // read and the page rendered and kept.
    let cache = Arc::clone(&state.meeting_pages);
    let pdf_dir = state.pdf_dir.clone();
    let loaded = state
        .run(move |store| {
            let generation = store
                .meeting_generation(&symbol)?
                .ok_or_else(|| AppError::MeetingNotFound(symbol.clone()))?;
            if let Some(page) = cache.get(&symbol, generation)
                && pdf_path(pdf_dir.as_deref(), &page.source_file).is_some() == page.pdf_available
            {
                return Ok(Loaded::Kept(page.html));
            }
            let record = store
                .meeting(&symbol)?
                .ok_or(AppError::MeetingNotFound(symbol))?;
            Ok(Loaded::Read(generation, Box::new(record)))
        })
        .await?;
    let html = match loaded {
        Loaded::Kept(html) => html,
        Loaded::Read(generation, record) => {
            let pdf_available = pdf_path(state.pdf_dir.as_deref(), &record.source.file).is_some();
            let html = Bytes::from(page(&record.symbol, render(&record, pdf_available)));
            state.meeting_pages.insert(
                &record.symbol,
                CachedPage {
                    generation,
                    source_file: record.source.file.clone(),
                    pdf_available,
                    html: html.clone(),
                },
            );
            html
        }
    };
    Ok(HtmlResponse(html).into_response())
}

/// What the meeting page found in the store: a page kept from before, or the record to render.
enum Loaded {
    Kept(Bytes),
    Read(u64, Box<MeetingRecord>),
}

/// The stored source file of a meeting, when the server has a PDF folder and the file is in it. The
/// stored file name is used only when it is a plain name (no folder part), so that a record cannot
/// point the server at another file.
fn pdf_path(pdf_dir: Option<&std::path::Path>, name: &str) -> Option<PathBuf> {
    let dir = pdf_dir?;
    let plain = !name.is_empty()
        && !name.contains(['/', '\\'])
        && name != "."
        && name != ".."
        && name.to_ascii_lowercase().ends_with(".pdf");
    if !plain {
        return None;
    }
    let path = dir.join(name);
    path.is_file().then_some(path)
}

async fn pdf(state: &AppState, symbol: String) -> Result<Response, AppError> {
    let record = load_meeting(state, symbol.clone()).await?;
    let path = pdf_path(state.pdf_dir.as_deref(), &record.source.file)
        .ok_or(AppError::PdfNotAvailable(symbol.clone()))?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|err| AppError::Internal(format!("{}: {err}", path.display())))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "inline; filename=\"{}\"",
                    record.source.file.replace('"', "")
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// For each vote (by seq), the first speech after it by each country: the link from a country's row in
/// the vote table to what its representative said after voting.
fn statements_after_votes(record: &MeetingRecord) -> BTreeMap<u32, BTreeMap<String, u32>> {
    let mut out: BTreeMap<u32, BTreeMap<String, u32>> = BTreeMap::new();
    for (i, p) in record.proceedings.iter().enumerate() {
        let ProceedingKind::Vote(_) = &p.kind else {
            continue;
        };
        let mut after: BTreeMap<String, u32> = BTreeMap::new();
        for later in &record.proceedings[i + 1..] {
            if let ProceedingKind::Speech(speech) = &later.kind
                && !speech.continues
                && let Some(code) = &speech.speaker.country_code
            {
                after.entry(code.clone()).or_insert(later.seq);
            }
        }
        out.insert(p.seq, after);
    }
    out
}

fn speaker_names(record: &MeetingRecord) -> BTreeMap<u32, String> {
    record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Speech(s) => Some((p.seq, s.speaker.name.clone())),
            _ => None,
        })
        .collect()
}

/// The meeting page's main content.
pub fn render(record: &MeetingRecord, pdf_available: bool) -> Html {
    let mut h = Html::new();
    let pdf_url = format!("/meetings/{}/pdf", path_encode(&record.symbol));
    h.elem("h1", &[], &record.symbol);
    h.open("p", &[("class", "lead")]).text(&format!(
        "{}{} · {}",
        body_name(record.body),
        record
            .meeting_number
            .map(|n| format!(", meeting {n}"))
            .unwrap_or_default(),
        long_date(record.date.as_deref())
    ));
    h.close("p");

    h.raw("<nav class=\"toc\" aria-label=\"On this page\"><a href=\"#cover\">Cover</a>")
        .raw("<a href=\"#agenda\">Agenda</a><a href=\"#proceedings\">Proceedings</a>");
    let votes: Vec<&Proceeding> = record
        .proceedings
        .iter()
        .filter(|p| matches!(p.kind, ProceedingKind::Vote(_)))
        .collect();
    for p in votes.iter().take(20) {
        if let ProceedingKind::Vote(v) = &p.kind {
            h.link(
                &format!("#p-{}", p.seq),
                &format!("Vote: {}", vote_title(v)),
            );
        }
    }
    h.raw("</nav>");

    cover(&mut h, record, pdf_available, &pdf_url);

    h.raw("<section id=\"agenda\" aria-labelledby=\"agenda-h\"><h2 id=\"agenda-h\">Agenda</h2>");
    if record.agenda.is_empty() {
        h.elem("p", &[], "No agenda was found on the cover.");
    } else {
        h.raw("<ol class=\"agenda\">");
        for item in &record.agenda {
            h.open("li", &[]);
            if let Some(n) = &item.number {
                h.open("span", &[("class", "item-number")])
                    .text(&format!("Item {n}. "))
                    .close("span");
            }
            h.text(&item.title);
            if !item.documents.is_empty() {
                h.open("span", &[("class", "minor")])
                    .text(&format!(" ({})", item.documents.join(", ")))
                    .close("span");
            }
            h.close("li");
        }
        h.raw("</ol>");
    }
    h.raw("</section>");

    let after = statements_after_votes(record);
    let names = speaker_names(record);
    h.raw("<section id=\"proceedings\" aria-labelledby=\"proceedings-h\"><h2 id=\"proceedings-h\">Proceedings</h2>");
    for p in &record.proceedings {
        proceeding(&mut h, p, pdf_available, &pdf_url, &after, &names);
    }
    h.raw("</section>");
    h
}

fn cover(h: &mut Html, record: &MeetingRecord, pdf_available: bool, pdf_url: &str) {
    h.raw("<section id=\"cover\" aria-labelledby=\"cover-h\"><h2 id=\"cover-h\">Cover</h2><dl class=\"cover\">");
    let row = |h: &mut Html, label: &'static str, value: Option<String>| {
        if let Some(v) = value {
            h.elem("dt", &[], label).elem("dd", &[], &v);
        }
    };
    row(h, "Symbol", Some(record.symbol.clone()));
    row(h, "Body", Some(body_name(record.body).to_owned()));
    row(h, "Meeting", record.meeting_number.map(|n| n.to_string()));
    row(h, "Session", record.session.map(|n| n.to_string()));
    row(h, "Year", record.year_label.clone());
    row(h, "Date", Some(long_date(record.date.as_deref())));
    row(h, "Called to order", record.called_to_order.clone());
    row(h, "Adjourned", record.adjourned.clone());
    row(h, "Place", record.location.clone());
    if let Some(president) = &record.president {
        let mut text = president.name.clone().unwrap_or_default();
        if let Some(c) = &president.country {
            text.push_str(&format!(" ({c})"));
        }
        row(h, "President", Some(text));
    }
    h.elem("dt", &[], "Source");
    h.open("dd", &[]);
    if pdf_available {
        h.link(pdf_url, &record.source.file);
    } else {
        h.text(&record.source.file);
    }
    h.text(&format!(", {} pages", record.source.pages));
    h.close("dd");
    h.raw("</dl>");
    if !record.members.is_empty() {
        h.raw("<table class=\"members\"><caption>Members present</caption><thead><tr>")
            .raw("<th scope=\"col\">Country</th><th scope=\"col\">Representative</th></tr></thead><tbody>");
        for m in &record.members {
            h.raw("<tr><th scope=\"row\">");
            match &m.country_code {
                Some(code) => h.link(&country_url(code), &m.country),
                None => h.text(&m.country),
            };
            h.raw("</th><td>")
                .text(m.representative.as_deref().unwrap_or(""))
                .raw("</td></tr>");
        }
        h.raw("</tbody></table>");
    }
    h.raw("</section>");
}

/// "page 3" (one-based, as printed) linked to the PDF page when the PDF is served.
fn page_ref(h: &mut Html, p: &Proceeding, pdf_available: bool, pdf_url: &str) {
    let first = p.provenance.page_start + 1;
    let last = p.provenance.page_end + 1;
    let label = if last > first {
        format!("pages {first}–{last}")
    } else {
        format!("page {first}")
    };
    h.open("span", &[("class", "page-ref")]);
    if pdf_available {
        h.link(&format!("{pdf_url}#page={first}"), &label);
    } else {
        h.text(&label);
    }
    h.close("span");
}

fn vote_title(v: &Vote) -> String {
    let mut title = v
        .draft
        .clone()
        .or_else(|| v.subject.clone())
        .unwrap_or_else(|| "untitled draft".to_owned());
    if let Some(part) = &v.part {
        title = format!("{title}, {part}");
    }
    title
}

#[allow(clippy::too_many_arguments)]
fn proceeding(
    h: &mut Html,
    p: &Proceeding,
    pdf_available: bool,
    pdf_url: &str,
    after: &BTreeMap<u32, BTreeMap<String, u32>>,
    names: &BTreeMap<u32, String>,
) {
    let id = format!("p-{}", p.seq);
    match &p.kind {
        ProceedingKind::Speech(speech) => {
            h.open("article", &[("class", "speech"), ("id", &id)]);
            speech_heading(h, speech);
            h.open("p", &[("class", "meta")]);
            if let Some(lang) = &speech.spoke_in {
                h.text(&format!("Spoke in {lang} · "));
            }
            page_ref(h, p, pdf_available, pdf_url);
            h.close("p");
            for para in &speech.paragraphs {
                h.elem("p", &[], para);
            }
            h.close("article");
        }
        ProceedingKind::StageDirection(stage) => {
            h.open("p", &[("class", "stage"), ("id", &id)])
                .raw("<em>")
                .text(&stage.text)
                .raw("</em> ");
            page_ref(h, p, pdf_available, pdf_url);
            h.close("p");
        }
        ProceedingKind::AgendaHeading(heading) => {
            h.open("h3", &[("class", "agenda-heading"), ("id", &id)]);
            if let Some(n) = &heading.number {
                h.text(&format!("Agenda item {n}: "));
            }
            h.text(&heading.title);
            if heading.continued {
                h.text(" (continued)");
            }
            h.close("h3");
        }
        ProceedingKind::Vote(vote) => {
            h.open(
                "section",
                &[
                    ("class", "vote"),
                    ("id", &id),
                    ("aria-labelledby", &format!("{id}-h")),
                ],
            );
            h.open("h3", &[("id", &format!("{id}-h"))])
                .text(&format!("Vote on {}", vote_title(vote)))
                .close("h3");
            h.open("p", &[("class", "meta")]);
            h.text(&format!("{} · ", method_name(vote.method)));
            page_ref(h, p, pdf_available, pdf_url);
            h.close("p");
            h.open("p", &[("class", "outcome")])
                .text(&vote_outcome(vote))
                .close("p");
            let no_next = BTreeMap::new();
            let next = after.get(&p.seq).unwrap_or(&no_next);
            vote_table(h, vote, &id, next, names);
            h.close("section");
        }
    }
}

fn speech_heading(h: &mut Html, speech: &Speech) {
    let s = &speech.speaker;
    h.open("h3", &[("class", "speaker")]);
    h.link(&speaker_url(&s.name, s.affiliation.as_deref()), &s.name);
    if let Some(aff) = &s.affiliation {
        h.text(" (");
        match &s.country_code {
            Some(code) => h.link(&country_url(code), aff),
            None => h.text(aff),
        };
        h.text(")");
    }
    if let Some(function) = &s.function {
        h.text(&format!(", {function}"));
    }
    if let Some(behalf) = &s.on_behalf_of {
        h.text(&format!(", on behalf of {behalf}"));
    }
    if speech.continues {
        h.open("span", &[("class", "minor")])
            .text(" (continued)")
            .close("span");
    }
    h.close("h3");
}

fn method_name(method: VoteMethod) -> &'static str {
    match method {
        VoteMethod::ShowOfHands => "Vote by show of hands",
        VoteMethod::Recorded => "Recorded vote",
        VoteMethod::WithoutVote => "Adopted without a vote",
        VoteMethod::Consensus => "Adopted by consensus",
        VoteMethod::SecretBallot => "Secret ballot",
    }
}

fn vote_outcome(vote: &Vote) -> String {
    let mut parts = Vec::new();
    match vote.outcome {
        Some(Outcome::Adopted) => parts.push("Adopted".to_owned()),
        Some(Outcome::NotAdopted) => parts.push("Not adopted".to_owned()),
        Some(Outcome::Vetoed) => parts.push("Not adopted: vetoed".to_owned()),
        None => parts.push("Outcome not recorded".to_owned()),
    }
    if let Some([a, b, c]) = vote.counts {
        let show = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "?".to_owned());
        parts.push(format!(
            "{} in favour, {} against, {} abstaining",
            show(a),
            show(b),
            show(c)
        ));
    }
    if !vote.vetoed_by.is_empty() {
        let names: Vec<&str> = vote.vetoed_by.iter().map(|c| c.name.as_str()).collect();
        parts.push(format!("vetoed by {}", names.join(", ")));
    }
    if let Some(r) = &vote.resolution {
        parts.push(format!("resolution {r}"));
    }
    if let Some(d) = &vote.decision {
        parts.push(format!("decision {d}"));
    }
    parts.join(" · ")
}

fn vote_table(
    h: &mut Html,
    vote: &Vote,
    id: &str,
    next: &BTreeMap<String, u32>,
    names: &BTreeMap<u32, String>,
) {
    let groups: [(&str, &Vec<CountryRef>); 3] = [
        ("In favour", &vote.in_favour),
        ("Against", &vote.against),
        ("Abstaining", &vote.abstaining),
    ];
    if groups.iter().all(|(_, list)| list.is_empty()) {
        return;
    }
    h.raw("<table class=\"positions\"><caption>How each country voted</caption><thead><tr>")
        .raw("<th scope=\"col\">Country</th><th scope=\"col\">Position</th>")
        .raw("<th scope=\"col\">Statement after the vote</th></tr></thead><tbody>");
    for (label, list) in groups {
        let class = match label {
            "In favour" => "pos-yes",
            "Against" => "pos-no",
            _ => "pos-abstain",
        };
        for country in list.iter() {
            let row_id = format!("{id}-{}", country.code.as_deref().unwrap_or(&country.name));
            h.open("tr", &[("id", &row_id)]).raw("<th scope=\"row\">");
            match &country.code {
                Some(code) => h.link(&country_url(code), &country.name),
                None => h.text(&country.name),
            };
            h.raw("</th>")
                .open("td", &[("class", class)])
                .text(label)
                .close("td")
                .raw("<td>");
            match country.code.as_ref().and_then(|c| next.get(c)) {
                Some(seq) => {
                    let who = names.get(seq).cloned().unwrap_or_default();
                    h.open(
                        "a",
                        &[
                            ("href", &format!("#p-{seq}")),
                            (
                                "aria-label",
                                &format!("Statement by {who} ({}) after the vote", country.name),
                            ),
                        ],
                    )
                    .text(&format!("{who} spoke"))
                    .close("a");
                }
                None => {
                    h.raw("<span class=\"minor\">none in this meeting</span>");
                }
            }
            h.raw("</td></tr>");
        }
    }
    h.raw("</tbody></table>");
}
