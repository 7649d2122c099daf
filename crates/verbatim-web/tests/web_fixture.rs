//! The API and the pages on a store of hand-made records, through the router without a socket:
//! routes and their OpenAPI document, errors and limits, escaping, the pages a person sees, and the
//! two clicks from a symbol search to what a country said after voting.

mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use common::*;
use verbatim_web::openapi::openapi_path;
use verbatim_web::{AppState, api_paths, app};

#[tokio::test]
async fn openapi_document_lists_exactly_the_api_routes_and_each_answers() {
    let (_dir, app) = fixture_app();
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let documented: BTreeSet<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    let routed: BTreeSet<String> = api_paths().into_iter().map(openapi_path).collect();
    assert_eq!(documented, routed, "OpenAPI paths and router paths differ");

    for path in &documented {
        // Fill path parameters and required query parameters with values the fixture holds.
        let mut uri = path
            .replace("{symbol}", "S/PV.8422")
            .replace("{code}", "CHN");
        let required: Vec<String> = doc["paths"][path]["get"]["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .filter(|p| p["in"] == "query" && p["required"] == true)
            .map(|p| p["name"].as_str().expect("name").to_owned())
            .collect();
        if !required.is_empty() {
            let pairs: Vec<String> = required
                .iter()
                .map(|name| match name.as_str() {
                    "name" => "name=Mr.%20Delattre".to_owned(),
                    "document" => "document=S%2F2018%2F1016".to_owned(),
                    other => format!("{other}=humanitarian"),
                })
                .collect();
            uri = format!("{uri}?{}", pairs.join("&"));
        }
        let answer = get(&app, &uri).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
        assert!(answer.content_type.starts_with("application/json"), "{uri}");
        // Every documented error code is one the server can produce, and every answer is JSON.
        answer.json();
    }
}

#[tokio::test]
async fn errors_have_stable_codes_and_no_internal_detail() {
    let (_dir, app) = fixture_app();
    let cases: [(&str, StatusCode, &str); 9] = [
        (
            "/api/v1/nothing-here",
            StatusCode::NOT_FOUND,
            "route_not_found",
        ),
        (
            "/api/v1/meetings/S/PV.1",
            StatusCode::NOT_FOUND,
            "meeting_not_found",
        ),
        (
            "/api/v1/search?limit=1000",
            StatusCode::BAD_REQUEST,
            "too_large",
        ),
        (
            "/api/v1/search?offset=99999999",
            StatusCode::BAD_REQUEST,
            "too_large",
        ),
        (
            "/api/v1/search?limit=ten",
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            "/api/v1/search?q=(unbalanced",
            StatusCode::BAD_REQUEST,
            "invalid_query",
        ),
        (
            "/api/v1/search?q=x&from=2018-13-45",
            StatusCode::BAD_REQUEST,
            "invalid_date",
        ),
        (
            "/api/v1/search?q=x&country=Atlantis%27%20OR%201%3D1%20--",
            StatusCode::BAD_REQUEST,
            "unknown_country",
        ),
        (
            "/api/v1/kwic?term=peace&width=100000",
            StatusCode::BAD_REQUEST,
            "too_large",
        ),
    ];
    for (uri, status, code) in cases {
        let answer = get(&app, uri).await;
        assert_eq!(answer.status, status, "{uri}: {}", answer.body);
        let json = answer.json();
        assert_eq!(json["error"]["code"], code, "{uri}: {}", answer.body);
        let message = json["error"]["message"].as_str().expect("message");
        for leak in ["SQLite", "sqlite", "tantivy", "/tmp", "panicked", "src/"] {
            assert!(!message.contains(leak), "{uri} leaks {leak:?}: {message}");
        }
    }
    let long_query = format!("/api/v1/search?q={}", "a".repeat(400));
    let answer = get(&app, &long_query).await;
    assert_eq!(answer.json()["error"]["code"], "too_large");
    let huge = format!("/api/v1/search?q=a&x={}", "b".repeat(5000));
    assert_eq!(get(&app, &huge).await.json()["error"]["code"], "too_large");
}

#[tokio::test]
async fn the_server_is_read_only() {
    let (_dir, app) = fixture_app();
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        for uri in [
            "/api/v1/meetings",
            "/api/v1/meetings/S/PV.8422",
            "/search",
            "/meetings/S/PV.8422",
        ] {
            let answer = send(&app, method, uri).await;
            assert_eq!(
                answer.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {uri}"
            );
        }
    }
    // The meeting is still there, unchanged.
    let json = get(&app, "/api/v1/meetings/S/PV.8422").await.json();
    assert_eq!(
        json["proceedings"].as_array().expect("proceedings").len(),
        6
    );
}

#[tokio::test]
async fn api_answers_meetings_search_kwic_votes_and_citations() {
    let (_dir, app) = fixture_app();
    let list = get(&app, "/api/v1/meetings?limit=1").await.json();
    assert_eq!(list["total"], 2);
    assert_eq!(list["limit"], 1);
    assert_eq!(list["meetings"][0]["symbol"], "S/PV.8422", "newest first");

    let search = get(&app, "/api/v1/search?q=humanitarian&facets=true")
        .await
        .json();
    assert_eq!(search["total"], 2);
    let countries: Vec<&str> = search["facets"]["country"]
        .as_array()
        .expect("country facet")
        .iter()
        .map(|c| c["value"].as_str().expect("value"))
        .collect();
    assert_eq!(countries, vec!["CHN", "FRA"]);
    let years: BTreeSet<&str> = search["facets"]["year"]
        .as_array()
        .expect("year facet")
        .iter()
        .map(|c| c["value"].as_str().expect("value"))
        .collect();
    assert_eq!(years, BTreeSet::from(["2017", "2018"]));
    let filtered = get(&app, "/api/v1/search?q=humanitarian&country=China")
        .await
        .json();
    assert_eq!(filtered["total"], 1);
    assert_eq!(filtered["hits"][0]["speaker"], "Mr. Ma Zhaoxu");
    assert_eq!(filtered["hits"][0]["seq"], 5);

    let kwic = get(&app, "/api/v1/kwic?term=humanitarian&width=10")
        .await
        .json();
    assert_eq!(kwic["total"], 2);
    for line in kwic["lines"].as_array().expect("lines") {
        assert_eq!(
            line["keyword"].as_str().map(str::to_lowercase),
            Some("humanitarian".to_owned())
        );
        assert!(line["left"].as_str().expect("left").chars().count() <= 10);
    }

    let votes = get(&app, "/api/v1/votes?document=S/2018/1016").await.json();
    let vote = &votes["votes"][0];
    assert_eq!(vote["meeting"], "S/PV.8422");
    assert_eq!(vote["in_favour"][0]["code"], "CHN");
    assert_eq!(vote["abstaining"][0]["code"], "BOL");
    let by_resolution = get(&app, "/api/v1/votes?document=2448%20(2018)")
        .await
        .json();
    assert_eq!(by_resolution["votes"].as_array().expect("votes").len(), 1);

    let china = get(&app, "/api/v1/countries/CHN/votes").await.json();
    assert_eq!(china["votes"][0]["position"], "in_favour");
    assert_eq!(china["votes"][0]["draft"], "S/2018/1016");

    let cites = get(&app, "/api/v1/citations?document=S/PV.8091")
        .await
        .json();
    let citations = cites["citations"].as_array().expect("citations");
    assert!(!citations.is_empty());
    assert!(citations.iter().all(|c| c["meeting"] == "S/PV.8100"));

    let countries = get(&app, "/api/v1/countries").await.json();
    let codes: Vec<&str> = countries["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .map(|c| c["code"].as_str().expect("code"))
        .collect();
    assert!(
        codes.contains(&"CHN") && codes.contains(&"FRA"),
        "{codes:?}"
    );

    let over_time = get(
        &app,
        "/api/v1/terms/over-time?term=humanitarian&country=FRA",
    )
    .await
    .json();
    let all = &over_time["series"][0]["years"];
    // 2017: one speech, which uses it; 2018: three speeches, one of which uses it.
    assert_eq!(all[0]["year"], "2017");
    assert_eq!(all[0]["share"], 1.0);
    assert_eq!(all[1]["speeches"], 3);
    assert_eq!(all[1]["matching"], 1);
    assert_eq!(over_time["series"][1]["country"], "FRA");
    assert_eq!(over_time["series"][1]["years"][1]["share"], 0.0);

    let stats = get(&app, "/api/v1/stats").await.json();
    assert_eq!(stats["meetings"], 2);
    assert_eq!(stats["speeches"], 4);
}

#[tokio::test]
async fn speech_text_is_escaped_everywhere_it_is_shown() {
    let (_dir, app) = fixture_app();
    for uri in [
        "/meetings/S/PV.8422",
        "/search?q=alert",
        "/speakers?name=Mr.%20Delattre&affiliation=France",
    ] {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(
            !page.body.contains("<script"),
            "{uri} contains raw markup from the record"
        );
        assert!(
            page.body.contains("&lt;script&gt;") || page.body.contains("&lt;<mark>script"),
            "{uri} does not show the text as text"
        );
    }
    // A hostile query is echoed escaped too.
    let page = get(&app, "/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E").await;
    assert!(!page.body.contains("<img"), "{}", page.body);
    assert_eq!(
        page.status,
        StatusCode::BAD_REQUEST,
        "not valid query syntax"
    );
    assert!(
        page.body
            .contains("value=\"&lt;img src=x onerror=alert(1)&gt;\""),
        "kept in the form"
    );
    assert!(page.body.contains("data-code=\"invalid_query\""));
}

#[tokio::test]
async fn search_page_highlights_hits_and_links_to_the_exact_speech() {
    let (_dir, app) = fixture_app();
    let page = get(&app, "/search?q=%22peaceful%20settlement%22").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.content_type.starts_with("text/html"));
    assert!(
        page.body
            .contains("<mark>peaceful</mark> <mark>settlement</mark>"),
        "{}",
        page.body
    );
    assert_eq!(
        href_after(&page.body, "<li class=\"hit\">").as_deref(),
        Some("/meetings/S/PV.8422#p-4")
    );
    // Facets link to the same search narrowed by a value.
    assert!(
        page.body
            .contains("href=\"/search?q=%22peaceful%20settlement%22&amp;country=FRA\"")
    );
    let meeting = get(&app, "/meetings/S/PV.8422").await;
    assert!(meeting.body.contains("id=\"p-4\""));
}

#[tokio::test]
async fn two_clicks_from_a_symbol_search_to_what_china_said_after_voting() {
    let (_dir, app) = fixture_app();
    let search = get(&app, "/search?q=S%2F2018%2F1016").await;
    assert_eq!(search.status, StatusCode::OK);
    // Click 1: the vote card.
    let vote_link = href_after(&search.body, "class=\"vote-card\"").expect("a vote card");
    assert_eq!(vote_link, "/meetings/S/PV.8422#p-3");
    let (path, anchor) = vote_link.split_once('#').expect("anchor");
    let meeting = get(&app, path).await;
    let table_start = meeting
        .body
        .find(&format!("id=\"{anchor}\""))
        .expect("vote anchor");
    let vote_html = &meeting.body[table_start..];
    let china_row = &vote_html[vote_html.find("id=\"p-3-CHN\"").expect("China's row")..];
    let row = &china_row[..china_row.find("</tr>").expect("row end")];
    assert!(row.contains("In favour"), "{row}");
    // Click 2: China's statement after the vote, on the same page.
    let statement = href_after(row, "<td>").expect("link to the statement");
    assert_eq!(statement, "#p-5");
    let speech_at = meeting.body.find("id=\"p-5\"").expect("statement anchor");
    let speech = &meeting.body[speech_at..];
    let speech = &speech[..speech.find("</article>").expect("end of speech")];
    assert!(speech.contains("Mr. Ma Zhaoxu") && speech.contains("China voted in favour"));
    // The search page also shows where the document is cited.
    assert!(search.body.contains("Cited in"));
}

#[tokio::test]
async fn meeting_page_shows_cover_agenda_stage_directions_votes_and_pages() {
    let (_dir, app) = fixture_app();
    let page = get(&app, "/meetings/S/PV.8422").await;
    let body = &page.body;
    assert!(body.contains("<h1>S/PV.8422</h1>"));
    assert!(body.contains("<dt>Called to order</dt><dd>10:00</dd>"));
    assert!(body.contains("13 December 2018"));
    assert!(body.contains("<em>The meeting was called to order at 10 a.m.</em>"));
    assert!(body.contains("Mr. Ma Zhaoxu</td>") || body.contains("<td>Mr. Ma Zhaoxu</td>"));
    assert!(body.contains("The situation in the Middle East"));
    assert!(body.contains("2 in favour, 0 against, 1 abstaining"));
    assert!(body.contains("page 3"), "the PDF page of the last speech");
    // Without a PDF folder the page number is shown, not linked.
    assert!(!body.contains("/pdf#page="));
    // Proceedings appear in order.
    let positions: Vec<usize> = (0..6)
        .map(|seq| body.find(&format!("id=\"p-{seq}\"")).expect("anchor"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    let json = get(&app, "/api/v1/meetings/S/PV.8422").await.json();
    assert_eq!(json["symbol"], "S/PV.8422");
}

#[tokio::test]
async fn pdf_is_served_only_from_the_pdf_folder() {
    let (dir, store) = fixture_store();
    let pdfs = tempfile::tempdir().expect("pdf dir");
    std::fs::write(pdfs.path().join("sc_2018_8422.pdf"), b"%PDF-1.4 test bytes").expect("write");
    let served = app(AppState::new(store).with_pdf_dir(Some(pdfs.path().to_owned())));
    let answer = get(&served, "/meetings/S/PV.8422/pdf").await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "application/pdf");
    assert_eq!(answer.body, "%PDF-1.4 test bytes");
    let page = get(&served, "/meetings/S/PV.8422").await;
    assert!(
        page.body
            .contains("href=\"/meetings/S/PV.8422/pdf#page=3\"")
    );
    // The other meeting's file is not in the folder.
    let missing = get(&served, "/meetings/S/PV.8100/pdf").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    drop(dir);
}

#[tokio::test]
async fn country_speaker_and_term_pages_show_charts_and_records() {
    let (_dir, app) = fixture_app();
    let country = get(&app, "/countries/FRA").await;
    assert_eq!(country.status, StatusCode::OK);
    assert!(country.body.contains("<svg class=\"chart\""));
    assert!(
        country.body.contains("<title>2017: 1</title>")
            && country.body.contains("<title>2018: 1</title>")
    );
    assert!(country.body.contains("id=\"votes\""));
    assert!(country.body.contains("In favour"));
    assert!(
        country.body.contains("href=\"/terms?term="),
        "distinctive terms link to their chart"
    );

    let unknown = get(&app, "/countries/XYZ").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("data-code=\"unknown_country\""));

    let speaker = get(&app, "/speakers?name=Mr.%20Delattre&affiliation=France").await;
    assert!(
        speaker.body.contains("2 speeches in 2 meetings"),
        "{}",
        speaker.body
    );
    assert!(speaker.body.contains("href=\"/meetings/S/PV.8100#p-0\""));

    let terms = get(&app, "/terms?term=humanitarian&country=CHN,FRA").await;
    assert_eq!(terms.status, StatusCode::OK);
    assert_eq!(terms.body.matches("<polyline").count(), 3);
    assert!(terms.body.contains("100.0%"));

    let lists = [
        ("/meetings", "S/PV.8100"),
        ("/countries", "CHN"),
        ("/speakers", "Mr. Delattre"),
    ];
    for (uri, expected) in lists {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        assert!(page.body.contains(expected), "{uri}");
    }
    let missing = get(&app, "/no/such/page").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("text/html"));
    let css = get(&app, "/static/style.css").await;
    assert!(css.content_type.starts_with("text/css") && css.body.contains("@media"));
}

#[tokio::test]
async fn a_kept_meeting_page_is_served_until_the_meeting_is_written_again() {
    let (dir, store) = fixture_store();
    let state = AppState::new(store);
    let pages = std::sync::Arc::clone(&state.meeting_pages);
    let served = app(state);
    let first = get(&served, "/meetings/S/PV.8100").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("the humanitarian situation is grave"));
    assert_eq!(pages.len(), 1, "the rendered page is kept");
    let again = get(&served, "/meetings/S/PV.8100").await;
    assert_eq!(again.body, first.body);
    assert_eq!(again.content_type, first.content_type);

    // Another process replaces the meeting: the server's next answer shows the new record.
    let mut changed = fixture_records()
        .into_iter()
        .find(|r| r.symbol == "S/PV.8100")
        .expect("fixture meeting");
    changed.date = Some("2017-11-21".to_owned());
    {
        let writer = verbatim_store::Store::open(dir.path()).expect("open for writing");
        writer.put_meeting(&changed).expect("replace");
        writer.close().expect("close");
    }
    let after = get(&served, "/meetings/S/PV.8100").await;
    assert!(after.body.contains("21 November 2017"), "{}", after.body);
    assert!(!after.body.contains("20 November 2017"));
    // An unknown meeting is still a 404, kept or not.
    let missing = get(&served, "/meetings/S/PV.1").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(pages.len(), 1);
}
