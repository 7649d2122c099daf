//! Reading request parameters: the query-string extractor and the limits every request is held to.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use verbatim_record::{Body, Role};
use verbatim_store::{KwicSort, SpeechFilter};

use crate::error::AppError;

/// Longest query string accepted, in bytes.
pub const MAX_QUERY_STRING: usize = 2_048;
/// Longest text query or term, in characters.
pub const MAX_QUERY_CHARS: usize = 300;
/// Most results in one page.
pub const MAX_LIMIT: usize = 100;
/// Furthest a page may start: deep pages cost the index as much as all the pages before them.
pub const MAX_OFFSET: usize = 10_000;
/// Widest KWIC context on each side, in characters.
pub const MAX_KWIC_WIDTH: usize = 200;
/// Most KWIC lines in one answer.
pub const MAX_KWIC_LINES: usize = 500;
/// Default page size.
pub const DEFAULT_LIMIT: usize = 20;

/// The query string, deserialised into `T`; a malformed or oversized query string is an
/// [`AppError`] with a stable code, not axum's plain-text rejection.
#[derive(Debug)]
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Params<T>, AppError> {
        let query = parts.uri.query().unwrap_or("");
        if query.len() > MAX_QUERY_STRING {
            return Err(AppError::TooLarge {
                what: "the query string",
                max: MAX_QUERY_STRING,
            });
        }
        serde_urlencoded::from_str(query)
            .map(Params)
            .map_err(|err| AppError::InvalidParameter(err.to_string()))
    }
}

/// A value that must not exceed `max` characters.
pub fn bounded_text(what: &'static str, text: &str, max: usize) -> Result<String, AppError> {
    if text.chars().count() > max {
        return Err(AppError::TooLarge { what, max });
    }
    Ok(text.trim().to_owned())
}

/// An optional text parameter: empty means absent.
pub fn opt_text(what: &'static str, text: &Option<String>) -> Result<Option<String>, AppError> {
    match text {
        Some(t) if !t.trim().is_empty() => Ok(Some(bounded_text(what, t, MAX_QUERY_CHARS)?)),
        _ => Ok(None),
    }
}

/// Offset and limit, checked against the server's bounds.
pub fn page(offset: Option<usize>, limit: Option<usize>) -> Result<(usize, usize), AppError> {
    let offset = offset.unwrap_or(0);
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit > MAX_LIMIT {
        return Err(AppError::TooLarge {
            what: "limit",
            max: MAX_LIMIT,
        });
    }
    if offset > MAX_OFFSET {
        return Err(AppError::TooLarge {
            what: "offset",
            max: MAX_OFFSET,
        });
    }
    Ok((offset, limit.max(1)))
}

pub fn parse_body(text: &Option<String>) -> Result<Option<Body>, AppError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) if t.eq_ignore_ascii_case("sc") => Ok(Some(Body::SC)),
        Some(t) if t.eq_ignore_ascii_case("ga") => Ok(Some(Body::GA)),
        Some(t) if t.eq_ignore_ascii_case("other") => Ok(Some(Body::Other)),
        Some(_) => Err(AppError::InvalidParameter(
            "body must be SC, GA or Other".to_owned(),
        )),
    }
}

pub fn parse_role(text: &Option<String>) -> Result<Option<Role>, AppError> {
    match text.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => serde_json::from_value(serde_json::Value::String(t.to_ascii_lowercase()))
            .map(Some)
            .map_err(|_| {
                AppError::InvalidParameter(
                    "role must be one of president, acting_president, secretary_general, official, \
                     briefer, member, non_member, observer, other"
                        .to_owned(),
                )
            }),
    }
}

pub fn parse_sort(text: &Option<String>) -> Result<KwicSort, AppError> {
    match text.as_deref().map(str::trim) {
        None | Some("") | Some("document") => Ok(KwicSort::Document),
        Some("left") => Ok(KwicSort::Left),
        Some("right") => Ok(KwicSort::Right),
        Some(_) => Err(AppError::InvalidParameter(
            "sort must be document, left or right".to_owned(),
        )),
    }
}

/// The speech filters shared by search, kwic and the search page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilterParams {
    pub country: Option<String>,
    pub speaker: Option<String>,
    pub body: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub meeting: Option<String>,
    pub role: Option<String>,
    pub spoke_in: Option<String>,
}

impl FilterParams {
    pub fn to_filter(&self) -> Result<SpeechFilter, AppError> {
        Ok(SpeechFilter {
            country: opt_text("country", &self.country)?,
            speaker: opt_text("speaker", &self.speaker)?,
            body: parse_body(&self.body)?,
            from: opt_text("from", &self.from)?,
            to: opt_text("to", &self.to)?,
            meeting: opt_text("meeting", &self.meeting)?,
            role: parse_role(&self.role)?,
            spoke_in: opt_text("spoke_in", &self.spoke_in)?,
        })
    }
}

/// True when a query is a document or meeting symbol ("S/2018/1016", "S/PV.8422", "A/RES/64/299",
/// "S/RES/2448 (2018)"), which the search page answers with the votes on it and the places citing it.
pub fn looks_like_symbol(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 60
        && t.contains('/')
        && t.starts_with(|c: char| c.is_ascii_uppercase())
        && t.split('/').next().is_some_and(|first| {
            !first.is_empty() && first.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        })
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/.()- ".contains(c))
}

/// The symbol as a phrase query over the speech text ("S/2018/1016" is the phrase "s 2018 1016" to the
/// index's tokenizer), so that a slash is never read as query syntax.
pub fn symbol_phrase(symbol: &str) -> String {
    let cleaned: String = symbol
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    format!(
        "\"{}\"",
        cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// A term as a phrase query: quotes removed, words kept.
pub fn term_phrase(term: &str) -> String {
    let cleaned: String = term
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    format!("\"{}\"", words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_recognised_and_words_are_not() {
        for s in [
            "S/2018/1016",
            "S/PV.8422",
            "A/RES/64/299",
            "S/RES/2448 (2018)",
            "A/C.3/65/L.23/Rev.1",
        ] {
            assert!(looks_like_symbol(s), "{s}");
        }
        for s in [
            "veto",
            "peace and security",
            "and/or",
            "S/ <b>",
            "\"S/2018/1016\"",
        ] {
            assert!(!looks_like_symbol(s), "{s}");
        }
        assert_eq!(symbol_phrase("S/2018/1016"), "\"S 2018 1016\"");
        assert_eq!(term_phrase("  \"climate\" change) "), "\"climate change\"");
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(page(None, None).unwrap(), (0, DEFAULT_LIMIT));
        assert!(matches!(
            page(None, Some(MAX_LIMIT + 1)),
            Err(AppError::TooLarge { .. })
        ));
        assert!(matches!(
            page(Some(MAX_OFFSET + 1), None),
            Err(AppError::TooLarge { .. })
        ));
    }
}
