//! `verbatim fetch` against a local HTTP server (a plain `std::net` thread written here) that plays the
//! UN's document system: it serves a real record's PDF by symbol, fails the first request with a 503
//! to exercise the retry, answers an unknown symbol with 404 and another with an HTML page, and logs
//! every request so that the test can check the address, the user agent and the cache.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};

use verbatim_store::Store;

mod common;
use common::*;

/// One request as the server saw it: the request target and the User-Agent header.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    user_agent: String,
}

/// Starts the server on a free port; returns its base URL and the request log.
fn serve(pdf: Vec<u8>) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let seen = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut user_agent = String::new();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
                    break;
                }
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("user-agent")
                {
                    user_agent = value.trim().to_owned();
                }
            }
            let target = request_line
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .to_owned();
            let first = {
                let mut log = seen.lock().unwrap();
                log.push(Seen {
                    target: target.clone(),
                    user_agent,
                });
                log.len() == 1
            };
            let (status, content_type, body): (&str, &str, Vec<u8>) = if first {
                ("503 Service Unavailable", "text/plain", b"busy".to_vec())
            } else if target == "/api/symbol/access?s=S/PV.8422&l=en&t=pdf" {
                ("200 OK", "application/pdf", pdf.clone())
            } else if target.contains("s=S/PV.1&") {
                (
                    "200 OK",
                    "text/html",
                    b"<html>Document not found</html>".to_vec(),
                )
            } else {
                ("404 Not Found", "text/plain", b"no such document".to_vec())
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (base, log)
}

fn fetch(base: &str, data: &Path, symbols: &[&str]) -> Output {
    let mut args = vec![
        "fetch",
        "--base-url",
        base,
        "--delay-ms",
        "10",
        "--backoff-ms",
        "10",
        "--retries",
        "2",
        "--data",
        data.to_str().unwrap(),
    ];
    args.extend_from_slice(symbols);
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(&args)
        .env_remove("VERBATIM_DATA")
        .env_remove("VERBATIM_ODS_URL")
        .output()
        .expect("run verbatim")
}

#[test]
fn fetches_retries_caches_and_stores() {
    let Some(corpus) = corpus_dir() else { return };
    let pdf = std::fs::read(corpus.join("pv/sc_2018_8422.pdf")).unwrap();
    let (base, log) = serve(pdf);
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");

    let out = fetch(&base, &data, &["S/PV.8422", "S/PV.404", "S/PV.1"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "two symbols fail: {stdout}{stderr}"
    );
    assert!(stdout.contains("S/PV.8422: stored (9 pages)"), "{stdout}");
    assert!(
        stderr.contains("503") && stderr.contains("retrying"),
        "{stderr}"
    );
    assert!(
        stderr.contains("failed: S/PV.404: the server answered 404"),
        "{stderr}"
    );
    assert!(
        stderr.contains("failed: S/PV.1:") && stderr.contains("not a PDF"),
        "{stderr}"
    );

    let seen = log.lock().unwrap().clone();
    // 8422 twice (the 503, then the PDF), 404 once (a client error is not retried), the HTML once.
    assert_eq!(seen.len(), 4, "{seen:?}");
    assert_eq!(seen[0].target, seen[1].target);
    assert_eq!(seen[0].target, "/api/symbol/access?s=S/PV.8422&l=en&t=pdf");
    for request in &seen {
        assert_eq!(
            request.user_agent,
            concat!("verbatim/", env!("CARGO_PKG_VERSION"))
        );
    }

    let store = Store::open_read_only(&data).unwrap();
    let record = store.meeting("S/PV.8422").unwrap().expect("stored");
    assert_eq!(record.date.as_deref(), Some("2018-12-13"));
    assert_eq!(record.source.pages, 9);
    drop(store);
    assert!(data.join("cache/ods/S_PV.8422.en.pdf").is_file());

    // A second fetch is served from the cache: no request reaches the server.
    let out = fetch(&base, &data, &["S/PV.8422"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("S/PV.8422: unchanged (9 pages, from the cache)"),
        "{stdout}"
    );
    assert_eq!(log.lock().unwrap().len(), 4);
}
