//! `verbatim serve` on the real corpus: the JSON API through the router without a socket, on a store
//! that `verbatim ingest` built from ../shared/corpus/pv; and end to end, the real binary serving on
//! loopback to Debian's headless Chromium, which loads the pages a person would, follows the two links
//! from a symbol search to what a country said after voting, and saves screenshots under
//! target/e2e-screenshots/. These tests check what the web layer does with what the store holds, not
//! the parser's accuracy.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;
use verbatim_store::Store;
use verbatim_web::{AppState, app};

mod common;
use common::*;

/// One store per test binary, ingested from the corpus by the real binary.
fn corpus_store() -> Option<&'static Path> {
    static STORE: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            let corpus = corpus_dir()?;
            let tmp = tempfile::tempdir().expect("temp dir");
            let out = Command::new(env!("CARGO_BIN_EXE_verbatim"))
                .arg("ingest")
                .arg(corpus.join("pv"))
                .arg("--data")
                .arg(tmp.path())
                .output()
                .expect("run verbatim ingest");
            assert!(
                out.status.success(),
                "ingest failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(tmp)
        })
        .as_ref()
        .map(|dir| dir.path())
}

async fn get_json(app: &axum::Router, uri: &str) -> (StatusCode, serde_json::Value) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|err| {
        panic!(
            "{uri}: not JSON ({err}): {}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, json)
}

fn corpus_app() -> Option<axum::Router> {
    let dir = corpus_store()?;
    let store = Store::open_read_only(dir).expect("open the ingested store");
    Some(app(AppState::new(store)))
}

/// Three consecutive plain words (letters only, so no punctuation between them) from the middle of a
/// paragraph, as a phrase.
fn phrase_from(paragraph: &str) -> Option<String> {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() < 12 {
        return None;
    }
    let plain = |w: &str| w.chars().all(char::is_alphabetic) && w.chars().count() >= 3;
    (words.len() / 2..words.len().saturating_sub(2))
        .chain(0..words.len() / 2)
        .find(|&i| words[i..i + 3].iter().all(|w| plain(w)))
        .map(|i| words[i..i + 3].join(" "))
}

#[tokio::test]
async fn api_serves_every_ingested_meeting_whole() {
    let Some(app) = corpus_app() else {
        return;
    };
    let (status, list) = get_json(&app, "/api/v1/meetings?limit=100").await;
    assert_eq!(status, StatusCode::OK);
    let meetings = list["meetings"].as_array().expect("meetings");
    assert_eq!(list["total"].as_u64(), Some(meetings.len() as u64));
    assert!(
        meetings.len() >= 6,
        "most corpus records are stored: {}",
        meetings.len()
    );
    for m in meetings {
        let symbol = m["symbol"].as_str().expect("symbol");
        let (status, record) = get_json(&app, &format!("/api/v1/meetings/{symbol}")).await;
        assert_eq!(status, StatusCode::OK, "{symbol}");
        assert_eq!(record["symbol"], symbol);
        let proceedings = record["proceedings"].as_array().expect("proceedings");
        assert_eq!(
            proceedings.len() as u64,
            m["n_proceedings"].as_u64().expect("n"),
            "{symbol}"
        );
        let seqs: Vec<u64> = proceedings
            .iter()
            .map(|p| p["seq"].as_u64().expect("seq"))
            .collect();
        assert!(
            seqs.windows(2).all(|w| w[0] < w[1]),
            "{symbol}: proceedings out of order"
        );
    }
}

#[tokio::test]
async fn api_search_finds_a_speech_by_its_own_words_highlighted() {
    let Some(app) = corpus_app() else {
        return;
    };
    let (_, record) = get_json(&app, "/api/v1/meetings/S/PV.8422").await;
    let mut checked = 0;
    for p in record["proceedings"].as_array().expect("proceedings") {
        if p["type"] != "speech" {
            continue;
        }
        let Some(phrase) = p["paragraphs"][0].as_str().and_then(phrase_from) else {
            continue;
        };
        let seq = p["seq"].as_u64().expect("seq");
        let uri = format!(
            "/api/v1/search?q=%22{}%22&meeting=S/PV.8422&limit=50",
            phrase.replace(' ', "%20")
        );
        let (status, results) = get_json(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let hit = results["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .find(|h| h["seq"].as_u64() == Some(seq))
            .unwrap_or_else(|| panic!("speech {seq} not found by {phrase:?}"));
        let text = hit["snippet"]["text"].as_str().expect("snippet");
        let marked: Vec<String> = hit["snippet"]["highlights"]
            .as_array()
            .expect("highlights")
            .iter()
            .map(|r| {
                let (a, b) = (
                    r[0].as_u64().unwrap() as usize,
                    r[1].as_u64().unwrap() as usize,
                );
                text[a..b].to_lowercase()
            })
            .collect();
        for word in phrase.split(' ') {
            assert!(
                marked.contains(&word.to_lowercase()),
                "{word:?} not highlighted in {text:?}"
            );
        }
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} speeches checked");
}

#[tokio::test]
async fn api_answers_votes_citations_countries_facets_kwic_and_stats_from_the_corpus() {
    let Some(app) = corpus_app() else {
        return;
    };
    let (_, votes) = get_json(&app, "/api/v1/votes?document=S/2018/1016").await;
    let vote = &votes["votes"][0];
    assert_eq!(vote["meeting"], "S/PV.8422");
    let listed: usize = ["in_favour", "against", "abstaining"]
        .iter()
        .map(|k| vote[k].as_array().map_or(0, Vec::len))
        .sum();
    assert!(listed > 0, "the vote lists countries");

    // Every country listed in that vote has it in its own voting record, with the same position.
    for position in ["in_favour", "against", "abstaining"] {
        for entry in vote[position].as_array().expect("list") {
            let Some(code) = entry["code"].as_str() else {
                continue;
            };
            let (_, record) = get_json(&app, &format!("/api/v1/countries/{code}/votes")).await;
            let found = record["votes"].as_array().expect("votes").iter().any(|v| {
                v["meeting"] == "S/PV.8422" && v["seq"] == vote["seq"] && v["position"] == position
            });
            assert!(found, "{code} {position}");
        }
    }

    let (_, cites) = get_json(&app, "/api/v1/citations?document=S/2018/1016").await;
    assert!(
        cites["citations"]
            .as_array()
            .expect("citations")
            .iter()
            .any(|c| c["meeting"] == "S/PV.8422"),
        "{cites}"
    );

    let (_, countries) = get_json(&app, "/api/v1/countries").await;
    let countries = countries["countries"].as_array().expect("countries");
    assert!(
        countries
            .iter()
            .all(|c| c["code"].as_str().is_some_and(|s| s.len() == 3))
    );
    assert!(countries.iter().any(|c| c["code"] == "CHN"));

    let (_, search) = get_json(&app, "/api/v1/search?q=security&facets=true&limit=5").await;
    let total = search["total"].as_u64().expect("total");
    assert!(total > 5);
    let by_body: u64 = search["facets"]["body"]
        .as_array()
        .expect("body facet")
        .iter()
        .map(|c| c["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(by_body, total, "each matching speech has one body");
    assert_eq!(search["hits"].as_array().expect("hits").len(), 5);

    let (_, kwic) = get_json(&app, "/api/v1/kwic?term=security&width=30&limit=7").await;
    assert_eq!(kwic["lines"].as_array().expect("lines").len(), 7);

    let (_, stats) = get_json(&app, "/api/v1/stats").await;
    assert_eq!(stats["speeches"], stats["index_documents"]);
}

/// The server binary on loopback, stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(data: &Path, pdf_dir: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(["serve", "--addr", "127.0.0.1:0", "--threads", "2", "--data"])
        .arg(data)
        .arg("--pdf-dir")
        .arg(pdf_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start verbatim serve");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("read the address");
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_owned();
    Server { child, base }
}

/// Debian's Chromium, or None (with a notice) outside CI when it is not installed.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        if let Ok(out) = Command::new("which").arg(name).output()
            && out.status.success()
        {
            return Some(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!("chromium is not installed (CI is set; .ci/run installs it)");
    }
    eprintln!("skipped: chromium is not installed");
    None
}

struct Browser {
    exe: PathBuf,
    profile: tempfile::TempDir,
}

impl Browser {
    fn command(&self, width: u32, height: u32) -> Command {
        let mut cmd = Command::new(&self.exe);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", self.profile.path().display()))
        .arg(format!("--window-size={width},{height}"))
        .stdin(Stdio::null());
        cmd
    }

    /// The DOM as the browser built it.
    fn dom(&self, url: &str) -> String {
        let out = self
            .command(1280, 900)
            .arg("--dump-dom")
            .arg(url)
            .output()
            .expect("run chromium");
        assert!(out.status.success(), "chromium --dump-dom {url} failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Saves a screenshot and checks that it is a real picture.
    fn screenshot(&self, url: &str, file: &Path, width: u32, height: u32) {
        let out = self
            .command(width, height)
            .arg(format!("--screenshot={}", file.display()))
            .arg(url)
            .output()
            .expect("run chromium");
        assert!(out.status.success(), "chromium --screenshot {url} failed");
        let bytes = std::fs::read(file).expect("screenshot written");
        assert!(
            bytes.starts_with(b"\x89PNG"),
            "{} is not a PNG",
            file.display()
        );
        // A blank page compresses to a few kilobytes; a rendered page is far larger.
        assert!(
            bytes.len() > 20_000,
            "{} looks blank ({} bytes)",
            file.display(),
            bytes.len()
        );
    }
}

/// The href of the first element after `marker`, with `&amp;` unescaped.
fn href_after(html: &str, marker: &str) -> Option<String> {
    let rest = &html[html.find(marker)?..];
    let at = rest.find("href=\"")? + 6;
    let end = rest[at..].find('"')?;
    Some(rest[at..at + end].replace("&amp;", "&"))
}

/// The element with `id`, up to the end of its tag `close`.
fn element<'a>(html: &'a str, id: &str, close: &str) -> Option<&'a str> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let rest = &html[start..];
    Some(&rest[..rest.find(close)? + close.len()])
}

#[test]
fn e2e_in_chromium_two_clicks_from_a_symbol_search_to_a_statement_after_the_vote() {
    let Some(data) = corpus_store() else {
        return;
    };
    let Some(exe) = chromium() else {
        return;
    };
    let pdf_dir = corpus_dir().expect("corpus").join("pv");
    let server = start_server(data, &pdf_dir);
    let browser = Browser {
        exe,
        profile: tempfile::tempdir().expect("profile dir"),
    };
    let shots = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/e2e-screenshots"
    ));
    std::fs::create_dir_all(&shots).expect("screenshot folder");

    // The home page: a search form with a labelled field.
    let home = browser.dom(&format!("{}/", server.base));
    assert!(
        home.contains("<label for=\"q\">"),
        "the search field is labelled"
    );
    browser.screenshot(
        &format!("{}/", server.base),
        &shots.join("home.png"),
        1280,
        900,
    );

    // Search for the draft's symbol: a vote card leads to the vote.
    let search_url = format!("{}/search?q=S%2F2018%2F1016", server.base);
    let search = browser.dom(&search_url);
    browser.screenshot(&search_url, &shots.join("search-symbol.png"), 1280, 1100);
    let vote_link =
        href_after(&search, "class=\"vote-card\"").expect("a vote card on the search page");
    let (path, anchor) = vote_link
        .split_once('#')
        .expect("the card links to an anchor");
    assert!(path.starts_with("/meetings/S/PV.8422"), "{vote_link}");

    // Click 1: the meeting page, at the vote: China's row and its position.
    let meeting_url = format!("{}{path}", server.base);
    let meeting = browser.dom(&meeting_url);
    let vote = element(&meeting, anchor, "</section>").expect("the vote section");
    let china =
        element(vote, &format!("{anchor}-CHN"), "</tr>").expect("China's row in the vote table");
    let position = ["In favour", "Against", "Abstaining"]
        .into_iter()
        .find(|p| china.contains(p))
        .expect("China's position is shown");
    let api_vote: serde_json::Value = {
        let dom = browser.dom(&format!(
            "{}/api/v1/votes?document=S/2018/1016",
            server.base
        ));
        // Chromium wraps a JSON answer in a <pre> element.
        let start = dom.find('{').expect("JSON in the page");
        let end = dom.rfind('}').expect("JSON end");
        serde_json::from_str(&dom[start..=end].replace("&amp;", "&")).expect("votes JSON")
    };
    let expected_position = ["in_favour", "against", "abstaining"]
        .into_iter()
        .find(|k| {
            api_vote["votes"][0][*k]
                .as_array()
                .is_some_and(|l| l.iter().any(|e| e["code"] == "CHN"))
        })
        .expect("China is in the stored vote");
    assert_eq!(
        position.to_lowercase().replace(' ', "_"),
        expected_position,
        "the page shows the stored position"
    );

    // Click 2: China's statement after the vote, on the same page.
    let statement = href_after(china, "<td>").expect("a link to China's statement after the vote");
    let statement_id = statement.trim_start_matches('#');
    let speech = element(&meeting, statement_id, "</article>").expect("the statement");
    assert!(
        speech.contains("China"),
        "the statement is China's: {speech}"
    );
    assert!(
        speech.contains("page-ref"),
        "the statement shows its PDF page"
    );
    let after_vote = meeting
        .find(&format!("id=\"{statement_id}\""))
        .expect("statement position")
        > meeting
            .find(&format!("id=\"{anchor}\""))
            .expect("vote position");
    assert!(after_vote, "the statement comes after the vote");

    browser.screenshot(&meeting_url, &shots.join("meeting-desktop.png"), 1280, 4000);
    browser.screenshot(&meeting_url, &shots.join("meeting-phone.png"), 412, 6000);
    browser.screenshot(
        &format!("{}/countries/CHN", server.base),
        &shots.join("country-chn.png"),
        1280,
        2400,
    );
    browser.screenshot(
        &format!(
            "{}/terms?term=humanitarian&country=CHN,FRA,USA",
            server.base
        ),
        &shots.join("terms.png"),
        1280,
        1400,
    );

    // The page of the PDF behind every speech is served.
    let pdf = href_after(speech, "class=\"page-ref\"").expect("PDF page link");
    assert!(pdf.contains("/pdf#page="), "{pdf}");
}

#[test]
fn e2e_in_chromium_search_shows_highlighted_hits_and_facets_at_phone_width() {
    let Some(data) = corpus_store() else {
        return;
    };
    let Some(exe) = chromium() else {
        return;
    };
    let pdf_dir = corpus_dir().expect("corpus").join("pv");
    let server = start_server(data, &pdf_dir);
    let browser = Browser {
        exe,
        profile: tempfile::tempdir().expect("profile dir"),
    };
    let shots = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/e2e-screenshots"
    ));
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let url = format!("{}/search?q=%22international%20community%22", server.base);
    let dom = browser.dom(&url);
    assert!(
        dom.contains("<mark>international</mark> <mark>community</mark>")
            || dom.contains("<mark>International</mark> <mark>community</mark>")
    );
    let first_hit = href_after(&dom, "<li class=\"hit\">").expect("a hit");
    assert!(
        first_hit.starts_with("/meetings/") && first_hit.contains("#p-"),
        "{first_hit}"
    );
    assert!(dom.contains("id=\"facets-h\""), "facets are shown");
    // The hit's anchor exists on the meeting page.
    let (path, anchor) = first_hit.split_once('#').expect("anchor");
    let meeting = browser.dom(&format!("{}{path}", server.base));
    assert!(meeting.contains(&format!("id=\"{anchor}\"")));
    browser.screenshot(&url, &shots.join("search-phone.png"), 412, 1800);
}
