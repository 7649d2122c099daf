//! A store built from hand-made meeting records, so that these tests run anywhere, and helpers to
//! send requests to the app without a socket.

#![allow(dead_code)]

use axum::body::Body as HttpBody;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;
use verbatim_record::*;
use verbatim_store::Store;
use verbatim_web::{AppState, app};

pub const HOSTILE: &str = "<script>alert('x')</script>";

fn provenance(page: u32) -> Provenance {
    Provenance {
        page_start: page,
        page_end: page,
        bbox: [0.0, 0.0, 10.0, 10.0],
        ocr_confidence: None,
    }
}

fn speaker(name: &str, affiliation: Option<(&str, &str)>, role: Role) -> Speaker {
    Speaker {
        heading: match affiliation {
            Some((a, _)) => format!("{name} ({a})"),
            None => name.to_owned(),
        },
        name: name.to_owned(),
        title: name.split_whitespace().next().map(str::to_owned),
        affiliation: affiliation.map(|(a, _)| a.to_owned()),
        country_code: affiliation.map(|(_, c)| c.to_owned()),
        role,
        function: None,
        on_behalf_of: None,
    }
}

fn speech(seq: u32, page: u32, who: Speaker, paragraphs: &[&str]) -> Proceeding {
    Proceeding {
        seq,
        provenance: provenance(page),
        kind: ProceedingKind::Speech(Speech {
            speaker: who,
            spoke_in: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            documents_cited: Vec::new(),
            continues: false,
        }),
    }
}

fn country(name: &str, code: &str) -> CountryRef {
    CountryRef {
        name: name.to_owned(),
        code: Some(code.to_owned()),
    }
}

fn record(
    symbol: &str,
    date: &str,
    file: &str,
    proceedings: Vec<Proceeding>,
    cited: &[&str],
) -> MeetingRecord {
    MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        symbol: symbol.to_owned(),
        body: Body::SC,
        meeting_number: symbol.rsplit('.').next().and_then(|n| n.parse().ok()),
        resumption: None,
        session: None,
        year_label: None,
        date: Some(date.to_owned()),
        called_to_order: Some("10:00".to_owned()),
        adjourned: Some("11:00".to_owned()),
        location: Some("New York".to_owned()),
        president: Some(Person {
            name: Some("Mr. Llorentty Solíz".to_owned()),
            country: Some("Bolivia".to_owned()),
            country_code: Some("BOL".to_owned()),
        }),
        members: vec![
            Member {
                country: "China".to_owned(),
                country_code: Some("CHN".to_owned()),
                representative: Some("Mr. Ma Zhaoxu".to_owned()),
            },
            Member {
                country: "France".to_owned(),
                country_code: Some("FRA".to_owned()),
                representative: Some("Mr. Delattre".to_owned()),
            },
        ],
        agenda: vec![AgendaItem {
            number: None,
            title: "The situation in the Middle East".to_owned(),
            documents: vec!["S/2018/1016".to_owned()],
        }],
        proceedings,
        documents_cited: cited.iter().map(|s| s.to_string()).collect(),
        source: Source {
            file: file.to_owned(),
            sha256: format!("{:0>64}", symbol.len()),
            pages: 3,
            producer: None,
            ocr: None,
        },
        diagnostics: Vec::new(),
        coverage: Coverage::default(),
    }
}

/// Two Security Council meetings: one with a vote on S/2018/1016 followed by statements (China's
/// among them) and a speech whose text is hostile markup; an older one that cites S/PV.8091.
pub fn fixture_records() -> Vec<MeetingRecord> {
    let china = ("China", "CHN");
    let france = ("France", "FRA");
    let vote = Proceeding {
        seq: 3,
        provenance: provenance(1),
        kind: ProceedingKind::Vote(Vote {
            draft: Some("S/2018/1016".to_owned()),
            part: None,
            subject: None,
            method: VoteMethod::ShowOfHands,
            in_favour: vec![country("China", "CHN"), country("France", "FRA")],
            against: Vec::new(),
            abstaining: vec![country("Bolivia (Plurinational State of)", "BOL")],
            counts: Some([Some(2), Some(0), Some(1)]),
            outcome: Some(Outcome::Adopted),
            vetoed_by: Vec::new(),
            resolution: Some("2448 (2018)".to_owned()),
            decision: None,
            notes: Vec::new(),
        }),
    };
    let first = record(
        "S/PV.8422",
        "2018-12-13",
        "sc_2018_8422.pdf",
        vec![
            Proceeding {
                seq: 0,
                provenance: provenance(0),
                kind: ProceedingKind::StageDirection(StageDirection {
                    kind: StageKind::CalledToOrder,
                    text: "The meeting was called to order at 10 a.m.".to_owned(),
                    time: Some("10:00".to_owned()),
                }),
            },
            Proceeding {
                seq: 1,
                provenance: provenance(0),
                kind: ProceedingKind::AgendaHeading(AgendaHeading {
                    number: None,
                    title: "The situation in the Middle East".to_owned(),
                    continued: false,
                    documents: Vec::new(),
                }),
            },
            speech(
                2,
                0,
                speaker("The President", None, Role::President),
                &[
                    "The Council will now vote on the draft resolution contained in document S/2018/1016.",
                ],
            ),
            vote,
            speech(
                4,
                1,
                speaker("Mr. Delattre", Some(france), Role::Member),
                &[
                    "France welcomes the renewal of the mandate and the peaceful settlement of disputes.",
                    HOSTILE,
                ],
            ),
            speech(
                5,
                2,
                speaker("Mr. Ma Zhaoxu", Some(china), Role::Member),
                &["China voted in favour because the humanitarian corridor must stay open."],
            ),
        ],
        &["S/2018/1016"],
    );
    let second = record(
        "S/PV.8100",
        "2017-11-20",
        "sc_2017_8100.pdf",
        vec![speech(
            0,
            0,
            speaker("Mr. Delattre", Some(france), Role::Member),
            &[
                "As we said at the meeting recorded in S/PV.8091, the humanitarian situation is grave.",
            ],
        )],
        &["S/PV.8091"],
    );
    vec![first, second]
}

/// A store holding the fixture records in a temporary folder (kept alive by the returned guard),
/// reopened read-only as the server opens it.
pub fn fixture_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let store = Store::open(dir.path()).expect("open store");
        for record in fixture_records() {
            store.put_meeting(&record).expect("put meeting");
        }
        store.close().expect("close store");
    }
    let store = Store::open_read_only(dir.path()).expect("reopen read-only");
    (dir, store)
}

pub fn fixture_app() -> (tempfile::TempDir, axum::Router) {
    let (dir, store) = fixture_store();
    (dir, app(AppState::new(store)))
}

/// A response's status, content type and body as text.
pub struct Answer {
    pub status: StatusCode,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.body))
    }
}

pub async fn send(app: &axum::Router, method: &str, uri: &str) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(HttpBody::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    Answer {
        status,
        content_type,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

pub async fn get(app: &axum::Router, uri: &str) -> Answer {
    send(app, "GET", uri).await
}

/// The value of the first `href` attribute that follows `marker` in `html`, unescaped.
pub fn href_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)?;
    let rest = &html[start..];
    let at = rest.find("href=\"")? + 6;
    let end = rest[at..].find('"')?;
    Some(rest[at..at + end].replace("&amp;", "&"))
}
