//! The JSON API under `/api/v1`: thin handlers that bound their parameters, run one store query and
//! return its result as JSON. The shapes are the store's serde types (and the record model for a
//! meeting), so the API says exactly what the store holds.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::Uri;
use serde::{Deserialize, Serialize};
use verbatim_record::MeetingRecord;
use verbatim_store::web_api::{DistinctiveTerm, SpeechRef, VoteDetail, VoteFilter};
use verbatim_store::{
    Citation, CountrySummary, CountryVote, KwicQuery, KwicResults, MeetingFilter, MeetingList,
    Page, SearchQuery, SearchResults, SpeakerFilter, SpeakerSummary, Store, StoreStats,
};

use crate::AppState;
use crate::error::AppError;
use crate::params::{
    FilterParams, MAX_KWIC_LINES, MAX_KWIC_WIDTH, MAX_QUERY_CHARS, Params, bounded_text,
    looks_like_symbol, opt_text, page, parse_body, parse_role, parse_sort, symbol_phrase,
    term_phrase,
};

/// Answer for any path under `/api` that is not a route.
pub async fn not_found(_uri: Uri) -> AppError {
    AppError::RouteNotFound
}

pub async fn openapi_json() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}

#[derive(Debug, Deserialize)]
pub struct MeetingsParams {
    pub body: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub country: Option<String>,
    pub symbol: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct Paged<T: Serialize> {
    pub offset: usize,
    pub limit: usize,
    #[serde(flatten)]
    pub inner: T,
}

pub async fn meetings(
    State(state): State<AppState>,
    Params(p): Params<MeetingsParams>,
) -> Result<Json<Paged<MeetingList>>, AppError> {
    let (offset, limit) = page(p.offset, p.limit)?;
    let filter = MeetingFilter {
        body: parse_body(&p.body)?,
        from: opt_text("from", &p.from)?,
        to: opt_text("to", &p.to)?,
        country: opt_text("country", &p.country)?,
        symbol_contains: opt_text("symbol", &p.symbol)?,
    };
    let list = state
        .run(move |store| Ok(store.list_meetings(&filter, Page { offset, limit })?))
        .await?;
    Ok(Json(Paged {
        offset,
        limit,
        inner: list,
    }))
}

/// Reads a stored meeting by symbol; `meeting_not_found` when there is none.
pub async fn load_meeting(state: &AppState, symbol: String) -> Result<MeetingRecord, AppError> {
    let symbol = bounded_text("symbol", &symbol, MAX_QUERY_CHARS)?;
    state
        .run(move |store| {
            store
                .meeting(&symbol)?
                .ok_or(AppError::MeetingNotFound(symbol))
        })
        .await
}

pub async fn meeting(
    State(state): State<AppState>,
    Path(symbol): Path<String>,
) -> Result<Json<MeetingRecord>, AppError> {
    Ok(Json(load_meeting(&state, symbol).await?))
}

#[derive(Debug, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
    pub facets: Option<bool>,
    pub snippet: Option<usize>,
}

/// Longest snippet the API returns, in characters.
const MAX_SNIPPET_CHARS: usize = 1_000;

#[derive(Debug, Serialize)]
pub struct SearchResponse {
    pub query: String,
    pub limit: usize,
    #[serde(flatten)]
    pub results: SearchResults,
}

/// Builds the store query for a search request; a document symbol is searched as a phrase.
pub fn search_query(
    q: &Option<String>,
    filter: &FilterParams,
    offset: Option<usize>,
    limit: Option<usize>,
    facets: bool,
    snippet: Option<usize>,
) -> Result<SearchQuery, AppError> {
    let text = bounded_text("q", q.as_deref().unwrap_or(""), MAX_QUERY_CHARS)?;
    let (offset, limit) = page(offset, limit)?;
    let snippet_chars = snippet.unwrap_or(240);
    if snippet_chars > MAX_SNIPPET_CHARS {
        return Err(AppError::TooLarge {
            what: "snippet",
            max: MAX_SNIPPET_CHARS,
        });
    }
    let text = if looks_like_symbol(&text) {
        symbol_phrase(&text)
    } else {
        text
    };
    Ok(SearchQuery {
        text,
        filter: filter.to_filter()?,
        offset,
        limit,
        facets,
        snippet_chars,
    })
}

pub async fn search(
    State(state): State<AppState>,
    Params(filter): Params<FilterParams>,
    Params(p): Params<SearchParams>,
) -> Result<Json<SearchResponse>, AppError> {
    let query = search_query(
        &p.q,
        &filter,
        p.offset,
        p.limit,
        p.facets.unwrap_or(false),
        p.snippet,
    )?;
    let limit = query.limit;
    let text = query.text.clone();
    let results = state.run(move |store| Ok(store.search(&query)?)).await?;
    Ok(Json(SearchResponse {
        query: text,
        limit,
        results,
    }))
}

#[derive(Debug, Deserialize)]
pub struct KwicParams {
    pub term: String,
    pub width: Option<usize>,
    pub sort: Option<String>,
    pub limit: Option<usize>,
}

pub async fn kwic(
    State(state): State<AppState>,
    Params(filter): Params<FilterParams>,
    Params(p): Params<KwicParams>,
) -> Result<Json<KwicResults>, AppError> {
    let term = bounded_text("term", &p.term, MAX_QUERY_CHARS)?;
    if term.is_empty() {
        return Err(AppError::InvalidParameter(
            "term must not be empty".to_owned(),
        ));
    }
    let width = p.width.unwrap_or(60);
    if width > MAX_KWIC_WIDTH {
        return Err(AppError::TooLarge {
            what: "width",
            max: MAX_KWIC_WIDTH,
        });
    }
    let limit = p.limit.unwrap_or(100);
    if limit > MAX_KWIC_LINES {
        return Err(AppError::TooLarge {
            what: "limit",
            max: MAX_KWIC_LINES,
        });
    }
    let query = KwicQuery {
        term,
        filter: filter.to_filter()?,
        width,
        sort: parse_sort(&p.sort)?,
        limit: limit.max(1),
    };
    Ok(Json(state.run(move |store| Ok(store.kwic(&query)?)).await?))
}

#[derive(Debug, Deserialize)]
pub struct SpeakersParams {
    pub country: Option<String>,
    pub name: Option<String>,
    pub role: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct SpeakersResponse {
    pub offset: usize,
    pub limit: usize,
    pub speakers: Vec<SpeakerSummary>,
}

pub async fn speakers(
    State(state): State<AppState>,
    Params(p): Params<SpeakersParams>,
) -> Result<Json<SpeakersResponse>, AppError> {
    let (offset, limit) = page(p.offset, p.limit)?;
    let filter = SpeakerFilter {
        country: opt_text("country", &p.country)?,
        name_contains: opt_text("name", &p.name)?,
        role: parse_role(&p.role)?,
    };
    let speakers = state
        .run(move |store| Ok(store.speakers(&filter, Page { offset, limit })?))
        .await?;
    Ok(Json(SpeakersResponse {
        offset,
        limit,
        speakers,
    }))
}

#[derive(Debug, Deserialize)]
pub struct SpeakerSpeechesParams {
    pub name: String,
    pub affiliation: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct SpeakerSpeechesResponse {
    pub name: String,
    pub affiliation: Option<String>,
    pub offset: usize,
    pub limit: usize,
    pub speeches: Vec<SpeechRef>,
}

pub async fn speaker_speeches(
    State(state): State<AppState>,
    Params(p): Params<SpeakerSpeechesParams>,
) -> Result<Json<SpeakerSpeechesResponse>, AppError> {
    let (offset, limit) = page(p.offset, p.limit)?;
    let name = bounded_text("name", &p.name, MAX_QUERY_CHARS)?;
    let affiliation = opt_text("affiliation", &p.affiliation)?;
    let (n, a) = (name.clone(), affiliation.clone());
    let speeches = state
        .run(move |store| Ok(store.speeches_of(&n, a.as_deref(), Page { offset, limit })?))
        .await?;
    Ok(Json(SpeakerSpeechesResponse {
        name,
        affiliation,
        offset,
        limit,
        speeches,
    }))
}

#[derive(Debug, Serialize)]
pub struct CountriesResponse {
    pub countries: Vec<CountrySummary>,
}

pub async fn countries(State(state): State<AppState>) -> Result<Json<CountriesResponse>, AppError> {
    let countries = state.run(|store| Ok(store.countries()?)).await?;
    Ok(Json(CountriesResponse { countries }))
}

#[derive(Debug, Serialize)]
pub struct CountryVotesResponse {
    pub country: String,
    pub votes: Vec<CountryVote>,
}

pub async fn country_votes(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<CountryVotesResponse>, AppError> {
    let code = bounded_text("country", &code, MAX_QUERY_CHARS)?;
    let (country, votes) = state
        .run(move |store| {
            let resolved = store.resolve_country(&code)?;
            let votes = store.votes_for_country(&resolved)?;
            Ok((resolved, votes))
        })
        .await?;
    Ok(Json(CountryVotesResponse { country, votes }))
}

#[derive(Debug, Deserialize)]
pub struct TermsParams {
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct CountryTermsResponse {
    pub country: String,
    pub terms: Vec<DistinctiveTerm>,
}

pub async fn country_terms(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Params(p): Params<TermsParams>,
) -> Result<Json<CountryTermsResponse>, AppError> {
    let code = bounded_text("country", &code, MAX_QUERY_CHARS)?;
    let (_, limit) = page(None, Some(p.limit.unwrap_or(30)))?;
    let (country, terms) = state
        .run(move |store| {
            let resolved = store.resolve_country(&code)?;
            let terms = store.distinctive_terms(&resolved, limit)?;
            Ok((resolved, terms))
        })
        .await?;
    Ok(Json(CountryTermsResponse { country, terms }))
}

#[derive(Debug, Deserialize)]
pub struct VotesParams {
    pub document: Option<String>,
    pub meeting: Option<String>,
    pub offset: Option<usize>,
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct VotesResponse {
    pub offset: usize,
    pub limit: usize,
    pub votes: Vec<VoteDetail>,
}

pub async fn votes(
    State(state): State<AppState>,
    Params(p): Params<VotesParams>,
) -> Result<Json<VotesResponse>, AppError> {
    let (offset, limit) = page(p.offset, p.limit)?;
    let filter = VoteFilter {
        document: opt_text("document", &p.document)?,
        meeting: opt_text("meeting", &p.meeting)?,
    };
    let votes = state
        .run(move |store| Ok(store.votes(&filter, Page { offset, limit })?))
        .await?;
    Ok(Json(VotesResponse {
        offset,
        limit,
        votes,
    }))
}

#[derive(Debug, Deserialize)]
pub struct CitationsParams {
    pub document: String,
}

#[derive(Debug, Serialize)]
pub struct CitationsResponse {
    pub document: String,
    pub citations: Vec<Citation>,
}

pub async fn citations(
    State(state): State<AppState>,
    Params(p): Params<CitationsParams>,
) -> Result<Json<CitationsResponse>, AppError> {
    let document = bounded_text("document", &p.document, MAX_QUERY_CHARS)?;
    if document.is_empty() {
        return Err(AppError::InvalidParameter(
            "document must not be empty".to_owned(),
        ));
    }
    let doc = document.clone();
    let citations = state.run(move |store| Ok(store.citing(&doc)?)).await?;
    Ok(Json(CitationsResponse {
        document,
        citations,
    }))
}

/// Speeches in one year, and how many of them use a term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearShare {
    pub year: String,
    pub speeches: u64,
    pub matching: u64,
    /// `matching / speeches`.
    pub share: f64,
}

/// One line of a term-over-time chart: all speeches (`country` None) or one country's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermSeries {
    pub country: Option<String>,
    pub years: Vec<YearShare>,
}

#[derive(Debug, Serialize)]
pub struct TermOverTime {
    pub term: String,
    pub series: Vec<TermSeries>,
}

/// Most countries compared in one term chart.
pub const MAX_TERM_COUNTRIES: usize = 6;

/// The share of speeches per year that use `term` (a word or phrase), over all speeches or one
/// country's. Years come from the index's year facet, sorted by year.
pub fn term_series(
    store: &Store,
    term: &str,
    country: Option<&str>,
) -> Result<TermSeries, AppError> {
    let counts = |text: String| -> Result<Vec<(String, u64)>, AppError> {
        let mut query = SearchQuery::new(text);
        query.filter.country = country.map(str::to_owned);
        query.facets = true;
        query.limit = 1;
        query.snippet_chars = 20;
        let results = store.search(&query)?;
        let mut years: Vec<(String, u64)> = results
            .facets
            .map(|f| f.year.into_iter().map(|c| (c.value, c.count)).collect())
            .unwrap_or_default();
        years.sort();
        Ok(years)
    };
    let all = counts(String::new())?;
    let matching = counts(term_phrase(term))?;
    let years = all
        .into_iter()
        .map(|(year, speeches)| {
            let hits = matching
                .iter()
                .find(|(y, _)| *y == year)
                .map(|(_, c)| *c)
                .unwrap_or(0);
            YearShare {
                share: if speeches == 0 {
                    0.0
                } else {
                    hits as f64 / speeches as f64
                },
                year,
                speeches,
                matching: hits,
            }
        })
        .collect();
    Ok(TermSeries {
        country: country.map(str::to_owned),
        years,
    })
}

#[derive(Debug, Deserialize)]
pub struct TermOverTimeParams {
    pub term: String,
    /// Comma-separated country codes or names; absent for all speeches.
    pub country: Option<String>,
}

/// Splits a comma-separated list of countries, bounded.
pub fn country_list(text: &Option<String>) -> Result<Vec<String>, AppError> {
    let list: Vec<String> = text
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    if list.len() > MAX_TERM_COUNTRIES {
        return Err(AppError::TooLarge {
            what: "the country list",
            max: MAX_TERM_COUNTRIES,
        });
    }
    Ok(list)
}

/// All the series of a term chart: all speeches first, then each country in the order given.
pub fn compute_term_over_time(
    store: &Store,
    term: &str,
    countries: &[String],
) -> Result<TermOverTime, AppError> {
    let mut series = vec![term_series(store, term, None)?];
    for country in countries {
        let code = store.resolve_country(country)?;
        series.push(term_series(store, term, Some(&code))?);
    }
    Ok(TermOverTime {
        term: term.to_owned(),
        series,
    })
}

pub async fn load_term_over_time(
    state: &AppState,
    term: String,
    countries: Vec<String>,
) -> Result<TermOverTime, AppError> {
    let term = bounded_text("term", &term, MAX_QUERY_CHARS)?;
    if term_phrase(&term) == "\"\"" {
        return Err(AppError::InvalidParameter(
            "term must contain a word".to_owned(),
        ));
    }
    state
        .run(move |store| compute_term_over_time(store, &term, &countries))
        .await
}

pub async fn term_over_time(
    State(state): State<AppState>,
    Params(p): Params<TermOverTimeParams>,
) -> Result<Json<TermOverTime>, AppError> {
    let countries = country_list(&p.country)?;
    Ok(Json(load_term_over_time(&state, p.term, countries).await?))
}

pub async fn stats(State(state): State<AppState>) -> Result<Json<StoreStats>, AppError> {
    Ok(Json(state.run(|store| Ok(store.stats()?)).await?))
}
