//! verbatim-web: the HTTP JSON API and the server-rendered web UI over a verbatim store.
//!
//! Input: a read-only [`verbatim_store::Store`] (in an [`AppState`]). Output: an axum [`Router`] that
//! answers the JSON API under `/api/v1` (documented by the OpenAPI document at `/api/v1/openapi.json`)
//! and the HTML pages (search, meetings, countries, speakers, terms over time). Entry function: [`app`].
//! Out of scope: binding a socket and running the server (the `verbatim serve` command does that),
//! writing to the store, and parsing.
//!
//! How a request flows: the [`params::Params`] extractor reads and bounds the query string; the
//! handler runs the store query on the blocking pool (SQLite and Tantivy calls block); the result is
//! serialised as JSON (`api`) or written through the escaping [`html::Html`] writer (`ui`). Every
//! failure is an [`error::AppError`], which maps to a status and a stable error code and never shows an
//! internal cause. A meeting page, the largest page, is rendered once per store generation of its
//! meeting and then served from [`page_cache::PageCache`] until the meeting is written again.
//!
//! Architecture invariant: the server is read-only. Every route is a GET; the store is opened
//! read-only by the caller; every value from a request reaches SQL only as a bound parameter (inside
//! the store) and HTML only through the escaping writer.

pub mod api;
pub mod error;
pub mod html;
pub mod openapi;
pub mod page_cache;
pub mod params;
pub mod svg;
pub mod ui;

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::handler::Handler;
use axum::routing::get;
use verbatim_store::Store;

use crate::error::AppError;
use crate::page_cache::PageCache;

/// What every handler shares: the store, and where source PDFs may be found.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<Store>,
    /// A folder holding the source PDFs under their stored file names; `None` when PDFs are not served.
    pub pdf_dir: Option<PathBuf>,
    /// Rendered meeting pages, kept until their meeting is written again.
    pub meeting_pages: Arc<PageCache>,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState {
            store: Arc::new(store),
            pdf_dir: None,
            meeting_pages: Arc::new(PageCache::default()),
        }
    }

    pub fn with_pdf_dir(mut self, dir: Option<PathBuf>) -> AppState {
        self.pdf_dir = dir;
        self
    }

    /// Runs a store query on the blocking thread pool, so that SQLite and Tantivy calls never hold up
    /// the async workers.
    pub async fn run<T, F>(&self, query: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, AppError> + Send + 'static,
    {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || query(&store))
            .await
            .map_err(|err| AppError::Internal(format!("query task failed: {err}")))?
    }
}

/// A router under construction that remembers the paths of the API routes it was given, so that the
/// OpenAPI document can be checked against the routes that really exist.
struct ApiRoutes {
    router: Router<AppState>,
    paths: Vec<&'static str>,
}

impl ApiRoutes {
    fn get<H, T>(mut self, path: &'static str, handler: H) -> ApiRoutes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, get(handler));
        self.paths.push(path);
        self
    }
}

fn api_routes() -> ApiRoutes {
    ApiRoutes {
        router: Router::new(),
        paths: Vec::new(),
    }
    .get("/api/v1/openapi.json", api::openapi_json)
    .get("/api/v1/meetings", api::meetings)
    .get("/api/v1/meetings/{*symbol}", api::meeting)
    .get("/api/v1/search", api::search)
    .get("/api/v1/kwic", api::kwic)
    .get("/api/v1/speakers", api::speakers)
    .get("/api/v1/speakers/speeches", api::speaker_speeches)
    .get("/api/v1/countries", api::countries)
    .get("/api/v1/countries/{code}/votes", api::country_votes)
    .get("/api/v1/countries/{code}/terms", api::country_terms)
    .get("/api/v1/votes", api::votes)
    .get("/api/v1/citations", api::citations)
    .get("/api/v1/terms/over-time", api::term_over_time)
    .get("/api/v1/stats", api::stats)
}

/// The paths of the API routes, as given to the router (`{name}` parameters, `{*name}` for the rest of
/// the path).
pub fn api_paths() -> Vec<&'static str> {
    api_routes().paths
}

/// The whole application: the JSON API, the HTML pages, the stylesheet and a health check.
pub fn app(state: AppState) -> Router {
    // Unknown paths under /api answer in JSON with the `route_not_found` code; the more specific API
    // routes take precedence over this catch-all.
    let api = api_routes()
        .router
        .route("/api/{*rest}", get(api::not_found));
    Router::new()
        .merge(api)
        .route("/", get(ui::search::page_handler))
        .route("/search", get(ui::search::page_handler))
        .route("/meetings", get(ui::meeting::list))
        .route("/meetings/{*symbol}", get(ui::meeting::page_or_pdf))
        .route("/countries", get(ui::country::list))
        .route("/countries/{code}", get(ui::country::page_handler))
        .route("/speakers", get(ui::speaker::page_handler))
        .route("/terms", get(ui::terms::page_handler))
        .route("/static/style.css", get(ui::stylesheet))
        .route("/healthz", get(|| async { "ok" }))
        .fallback(ui::not_found)
        .with_state(state)
}
