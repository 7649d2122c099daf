//! One error type for every handler: it maps to an HTTP status and a stable error code, and carries a
//! message fit for the person who made the request. Internal causes (SQLite, the index, I/O) are written
//! to the server's log and answered with a generic message, never with their details.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use verbatim_store::StoreError;

/// Whether an error is answered as JSON (the API) or as an HTML page (the web UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Json,
    Html,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A query parameter could not be read (wrong type, unknown value).
    #[error("invalid parameter: {0}")]
    InvalidParameter(String),
    /// A parameter is longer or larger than the server accepts.
    #[error("{what} is too large (at most {max})")]
    TooLarge { what: &'static str, max: usize },
    /// The text query does not parse.
    #[error("the query could not be understood: {0}")]
    InvalidQuery(String),
    #[error("invalid date {0:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
    InvalidDate(String),
    #[error("unknown country {0:?} (give an ISO alpha-3 code or a name as printed in a record)")]
    UnknownCountry(String),
    #[error("the {0} filter has no words")]
    EmptyFilter(&'static str),
    #[error("no meeting {0:?} in this store")]
    MeetingNotFound(String),
    #[error("the source PDF of {0:?} is not available on this server")]
    PdfNotAvailable(String),
    #[error("no such page")]
    RouteNotFound,
    /// Something failed inside the server; the cause is logged, not shown.
    #[error("internal error")]
    Internal(String),
}

/// The JSON body of every API error: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize)]
pub struct ErrorDetail {
    pub code: &'static str,
    pub message: String,
}

/// Every error code the API can return; the OpenAPI document lists them.
pub const ERROR_CODES: &[&str] = &[
    "invalid_parameter",
    "too_large",
    "invalid_query",
    "invalid_date",
    "unknown_country",
    "empty_filter",
    "meeting_not_found",
    "pdf_not_available",
    "route_not_found",
    "internal_error",
];

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::InvalidParameter(_)
            | AppError::TooLarge { .. }
            | AppError::InvalidQuery(_)
            | AppError::InvalidDate(_)
            | AppError::UnknownCountry(_)
            | AppError::EmptyFilter(_) => StatusCode::BAD_REQUEST,
            AppError::MeetingNotFound(_)
            | AppError::PdfNotAvailable(_)
            | AppError::RouteNotFound => StatusCode::NOT_FOUND,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable, machine-readable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::InvalidParameter(_) => "invalid_parameter",
            AppError::TooLarge { .. } => "too_large",
            AppError::InvalidQuery(_) => "invalid_query",
            AppError::InvalidDate(_) => "invalid_date",
            AppError::UnknownCountry(_) => "unknown_country",
            AppError::EmptyFilter(_) => "empty_filter",
            AppError::MeetingNotFound(_) => "meeting_not_found",
            AppError::PdfNotAvailable(_) => "pdf_not_available",
            AppError::RouteNotFound => "route_not_found",
            AppError::Internal(_) => "internal_error",
        }
    }

    /// The message shown to the requester (never an internal cause).
    pub fn public_message(&self) -> String {
        match self {
            AppError::Internal(_) => "the server could not answer this request".to_owned(),
            other => other.to_string(),
        }
    }

    /// The response for this error in the given flavor; internal causes are logged here.
    pub fn into_flavored_response(self, flavor: Flavor) -> Response {
        if let AppError::Internal(cause) = &self {
            eprintln!("verbatim-web: internal error: {cause}");
        }
        let status = self.status();
        match flavor {
            Flavor::Json => (
                status,
                Json(ErrorBody {
                    error: ErrorDetail {
                        code: self.code(),
                        message: self.public_message(),
                    },
                }),
            )
                .into_response(),
            Flavor::Html => (status, Html(crate::ui::error_page(&self))).into_response(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.into_flavored_response(Flavor::Json)
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> AppError {
        match err {
            StoreError::BadQuery { source, .. } => AppError::InvalidQuery(source.to_string()),
            StoreError::InvalidDate(date) => AppError::InvalidDate(date),
            StoreError::UnknownCountry(country) => AppError::UnknownCountry(country),
            StoreError::EmptyFilter(which) => AppError::EmptyFilter(which),
            other => AppError::Internal(other.to_string()),
        }
    }
}

/// An HTML page's error: the same error, answered as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(err: E) -> PageError {
        PageError(err.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        self.0.into_flavored_response(Flavor::Html)
    }
}
