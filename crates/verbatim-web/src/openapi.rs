//! The OpenAPI 3.1 document of the JSON API, served at `/api/v1/openapi.json`.
//!
//! Written by hand (no derive crate, to keep the build lean); a test checks that its paths are exactly
//! the router's API routes, and that each of them answers.

use serde_json::{Value, json};

use crate::error::ERROR_CODES;
use crate::params::{
    DEFAULT_LIMIT, MAX_KWIC_LINES, MAX_KWIC_WIDTH, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS,
};

/// The OpenAPI form of a router path: `{*symbol}` becomes `{symbol}`.
pub fn openapi_path(router_path: &str) -> String {
    router_path.replace("{*", "{")
}

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn required_query(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "query", "required": true, "description": description,
           "schema": {"type": "string", "maxLength": MAX_QUERY_CHARS}})
}

fn path_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description,
           "schema": {"type": "string"}})
}

fn text(name: &str, description: &str) -> Value {
    query(
        name,
        description,
        json!({"type": "string", "maxLength": MAX_QUERY_CHARS}),
    )
}

fn paging() -> Vec<Value> {
    vec![
        query(
            "offset",
            "Results to skip.",
            json!({"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}),
        ),
        query(
            "limit",
            "Results per page.",
            json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}),
        ),
    ]
}

fn speech_filters() -> Vec<Value> {
    vec![
        text(
            "country",
            "ISO 3166-1 alpha-3 code, or a name as printed in a stored record.",
        ),
        text(
            "speaker",
            "Words of the speaker's printed name; all must occur.",
        ),
        query(
            "body",
            "The organ.",
            json!({"type": "string", "enum": ["SC", "GA", "Other"]}),
        ),
        text(
            "from",
            "First date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.",
        ),
        text("to", "Last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD."),
        text("meeting", "A meeting symbol exactly as stored (S/PV.8422)."),
        query(
            "role",
            "The speaker's role.",
            json!({"type": "string", "enum": ["president", "acting_president", "secretary_general", "official", "briefer", "member", "non_member", "observer", "other"]}),
        ),
        text("spoke_in", "Language of the original speech (French)."),
    ]
}

fn ok(description: &str, schema: &str) -> Value {
    json!({
        "200": {"description": description,
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "500": {"$ref": "#/components/responses/Internal"}
    })
}

fn get(summary: &str, parameters: Vec<Value>, responses: Value) -> Value {
    json!({"get": {"summary": summary, "parameters": parameters, "responses": responses}})
}

fn concat(parts: Vec<Vec<Value>>) -> Vec<Value> {
    parts.into_iter().flatten().collect()
}

/// The document.
pub fn document() -> Value {
    let object = json!({"type": "object"});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "verbatim API",
            "version": "1",
            "description": "Read-only access to UN meeting records: meetings, speeches, votes and citations. \
                Errors are {\"error\": {\"code\", \"message\"}} with a stable code. Every list is paged and \
                bounded."
        },
        "paths": {
            "/api/v1/openapi.json": get("This document.", vec![], json!({"200": {"description": "The OpenAPI document."}})),
            "/api/v1/meetings": get("Meetings, newest first.", concat(vec![vec![
                query("body", "The organ.", json!({"type": "string", "enum": ["SC", "GA", "Other"]})),
                text("from", "First date, inclusive."),
                text("to", "Last date, inclusive."),
                text("country", "Meetings in which this country spoke."),
                text("symbol", "Meetings whose symbol contains this text."),
            ], paging()]), ok("A page of meetings.", "MeetingList")),
            "/api/v1/meetings/{symbol}": get("One meeting: the whole record (cover, agenda, proceedings in order with provenance).",
                vec![path_param("symbol", "The meeting symbol, slashes as they are: S/PV.8422.")],
                ok("The meeting record.", "MeetingRecord")),
            "/api/v1/search": get("Full-text search over speeches, ranked by BM25, with highlighted snippets and facets.",
                concat(vec![vec![
                    text("q", "Words (all must occur), \"phrases\", OR, NOT, -word, speaker:word, agenda:word. A document symbol is searched as a phrase."),
                    query("facets", "Count matches by country, year and body.", json!({"type": "boolean", "default": false})),
                    query("snippet", "Snippet length in characters.", json!({"type": "integer", "minimum": 20, "maximum": 1000, "default": 240})),
                ], speech_filters(), paging()]),
                ok("Hits and, when asked, facets.", "SearchResults")),
            "/api/v1/kwic": get("Keyword in context: every occurrence of a word or phrase with its context.",
                concat(vec![vec![
                    required_query("term", "A word or phrase."),
                    query("width", "Characters of context on each side.", json!({"type": "integer", "minimum": 1, "maximum": MAX_KWIC_WIDTH, "default": 60})),
                    query("sort", "Order of lines.", json!({"type": "string", "enum": ["document", "left", "right"]})),
                    query("limit", "Most lines returned.", json!({"type": "integer", "minimum": 1, "maximum": MAX_KWIC_LINES, "default": 100})),
                ], speech_filters()]),
                ok("Lines of context.", "KwicResults")),
            "/api/v1/speakers": get("Speakers across meetings, most speeches first.", concat(vec![vec![
                text("country", "Speakers of this country."),
                text("name", "Case-insensitive part of the printed name."),
                query("role", "The speaker's role.", json!({"type": "string"})),
            ], paging()]), ok("Speakers.", "Speakers")),
            "/api/v1/speakers/speeches": get("The speeches given under one printed name, newest first.", concat(vec![vec![
                required_query("name", "The printed name exactly (Mr. Delattre)."),
                text("affiliation", "The affiliation exactly (France)."),
            ], paging()]), ok("Speeches.", "SpeakerSpeeches")),
            "/api/v1/countries": get("Every country seen, with its ISO alpha-3 code and the names it was printed under.",
                vec![], ok("Countries.", "Countries")),
            "/api/v1/countries/{code}/votes": get("A country's voting record, vote by vote, oldest first.",
                vec![path_param("code", "ISO alpha-3 code or printed name.")], ok("Votes.", "CountryVotes")),
            "/api/v1/countries/{code}/terms": get("Words a country's speeches use more than all speeches do.",
                vec![path_param("code", "ISO alpha-3 code or printed name."),
                     query("limit", "Most terms.", json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 30}))],
                ok("Terms with scores.", "CountryTerms")),
            "/api/v1/votes": get("Votes with every country's position.", concat(vec![vec![
                text("document", "A draft symbol (S/2018/1016) or a resolution as stored (2448 (2018))."),
                text("meeting", "A meeting symbol."),
            ], paging()]), ok("Votes.", "Votes")),
            "/api/v1/citations": get("Where a document is cited: speeches, agenda headings, votes and meetings.",
                vec![required_query("document", "A document symbol (S/PV.8091, S/2018/1016).")],
                ok("Citations, by date.", "Citations")),
            "/api/v1/terms/over-time": get("Share of speeches per year that use a term, over all speeches and per country.",
                vec![required_query("term", "A word or phrase."),
                     text("country", "Comma-separated countries (at most 6).")],
                ok("One series for all speeches, then one per country.", "TermOverTime")),
            "/api/v1/stats": get("Totals over the store.", vec![], ok("Totals.", "StoreStats")),
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                        "code": {"type": "string", "enum": ERROR_CODES},
                        "message": {"type": "string"}
                    }}}
                },
                "MeetingList": object, "MeetingRecord": object, "SearchResults": object,
                "KwicResults": object, "Speakers": object, "SpeakerSpeeches": object,
                "Countries": object, "CountryVotes": object, "CountryTerms": object, "Votes": object,
                "Citations": object, "TermOverTime": object, "StoreStats": object
            },
            "responses": {
                "BadRequest": {"description": "A parameter is invalid or too large.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such meeting or route.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "Internal": {"description": "The server failed; the cause is logged, not returned.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        }
    })
}
