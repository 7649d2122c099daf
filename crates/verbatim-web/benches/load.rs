//! Load test of the web server on loopback (a bench, not a pass/fail test).
//!
//! Builds a store of synthetic records (`BENCH_SPEECHES`, default 20,000 speeches) in a temporary
//! folder, or uses the store in `VERBATIM_DATA` when set; starts the app on 127.0.0.1:0; then, for each
//! of four request kinds in turn, keeps `BENCH_CONNECTIONS` (default 16) keep-alive connections busy
//! for a fixed time (`BENCH_SECONDS` in all, default 20, shared between the kinds) and prints requests
//! per second and p50/p99 latency. `/healthz` (a static answer) is the reference measured in the same
//! run: the ratio to it says how much of the budget the pages themselves take.
//!
//! Before the load test it prints the store's own search cost (one query at a time on this thread,
//! wall and CPU time, then query by query with and without facets), and each load phase also reports
//! the process's CPU time per request (server and client together). CPU time is the figure to compare
//! on a machine shared with other work: wall-clock rates fall with the load of other processes.
//! Every search the bench sends is computed afresh: the store keeps no search results between
//! queries. Meeting pages are served from the web layer's page cache after their first rendering (as
//! a server does); the cold cost of a meeting page is one rendering per meeting.
//!
//! Run with `cargo bench -p verbatim-web --bench load`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use verbatim_store::{MeetingFilter, Page, SearchQuery, Store, synth};
use verbatim_web::{AppState, app};

/// The store queries timed one at a time (plain words, a phrase, a boolean, several words).
const QUERIES: [&str; 8] = [
    "humanitarian",
    "ceasefire agreement",
    "\"protection of civilians\"",
    "terrorism OR sanctions",
    "refugees",
    "peacekeeping mission mandate",
    "nuclear",
    "accountability",
];

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Sends one GET on a keep-alive connection and reads the whole answer; returns the status.
async fn get(stream: &mut BufReader<TcpStream>, path: &str) -> std::io::Result<u16> {
    let request = format!("GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
    stream.get_mut().write_all(request.as_bytes()).await?;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await?;
    Ok(status)
}

struct Outcome {
    latencies_us: Vec<u64>,
    errors: usize,
    elapsed: Duration,
}

async fn run_phase(
    addr: SocketAddr,
    paths: Arc<Vec<String>>,
    connections: usize,
    time: Duration,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let deadline = start + time;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (paths, next) = (Arc::clone(&paths), Arc::clone(&next));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut errors = 0;
            let mut stream = BufReader::new(TcpStream::connect(addr).await.expect("connect"));
            stream.get_ref().set_nodelay(true).ok();
            while Instant::now() < deadline {
                let path = &paths[next.fetch_add(1, Ordering::Relaxed) % paths.len()];
                let sent = Instant::now();
                match get(&mut stream, path).await {
                    Ok(200) => latencies.push(sent.elapsed().as_micros() as u64),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        stream = BufReader::new(TcpStream::connect(addr).await.expect("reconnect"));
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut outcome = Outcome {
        latencies_us: Vec::new(),
        errors: 0,
        elapsed: Duration::ZERO,
    };
    for task in tasks {
        let (latencies, errors) = task.await.expect("client task");
        outcome.latencies_us.extend(latencies);
        outcome.errors += errors;
    }
    outcome.elapsed = start.elapsed();
    outcome.latencies_us.sort_unstable();
    outcome
}

/// CPU time this thread has used, in nanoseconds (Linux: the first field of
/// `/proc/thread-self/schedstat`); `None` elsewhere. CPU time does not grow with the load other
/// processes put on the machine, so it is the fairer figure on a shared machine.
fn thread_cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// CPU time of the whole process (all threads: the server and the client), in milliseconds (Linux:
/// user + system time from `/proc/self/stat`, in clock ticks of 10 ms); `None` elsewhere.
fn process_cpu_ms() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it are counted from its ')'.
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) * 10.0)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i] as f64 / 1000.0
}

fn main() {
    let seconds = env_usize("BENCH_SECONDS", 20).max(4);
    let connections = env_usize("BENCH_CONNECTIONS", 16).max(1);
    let speeches = env_usize("BENCH_SPEECHES", 20_000) as u64;

    let tmp = tempfile::tempdir().expect("temp dir");
    let data = match std::env::var_os("VERBATIM_DATA") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            let started = Instant::now();
            let store = Store::open(tmp.path()).expect("open store");
            for record in synth::meetings_for_speeches(42, speeches) {
                store.stage_meeting(&record).expect("stage");
            }
            store.close().expect("close");
            eprintln!(
                "store: {speeches} synthetic speeches built in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            tmp.path().to_owned()
        }
    };
    let store = Store::open_read_only(&data).expect("open the store read-only");
    let symbols: Vec<String> = store
        .list_meetings(
            &MeetingFilter::default(),
            Page {
                offset: 0,
                limit: 100,
            },
        )
        .expect("meetings")
        .meetings
        .into_iter()
        .map(|m| m.symbol)
        .collect();
    assert!(!symbols.is_empty(), "the store holds no meeting");

    let words = [
        "humanitarian",
        "ceasefire%20agreement",
        "%22protection%20of%20civilians%22",
        "terrorism%20OR%20sanctions",
        "refugees",
        "peacekeeping%20mission%20mandate",
        "nuclear",
        "accountability",
    ];
    let search_pages: Vec<String> = words
        .iter()
        .flat_map(|w| {
            [
                format!("/search?q={w}"),
                format!("/search?q={w}&country=FRA"),
            ]
        })
        .collect();
    let search_api: Vec<String> = words
        .iter()
        .map(|w| format!("/api/v1/search?q={w}&facets=true&limit=10"))
        .collect();
    let meeting_pages: Vec<String> = symbols
        .iter()
        .map(|s| format!("/meetings/{}", s.replace(' ', "%20")))
        .collect();

    // Where the time goes: the store's own search, one query at a time on this thread, with and
    // without the facets the search page asks for.
    for facets in [false, true] {
        let texts = QUERIES;
        let started = Instant::now();
        let cpu_start = thread_cpu_ns();
        let mut n = 0u32;
        let mut matches = 0u64;
        while started.elapsed() < Duration::from_secs(1) {
            for text in texts {
                let mut query = SearchQuery::new(text);
                query.facets = facets;
                matches += store.search(&query).expect("search").total;
                n += 1;
            }
        }
        let cpu_us = match (cpu_start, thread_cpu_ns()) {
            (Some(a), Some(b)) => format!("{:.0}", (b - a) as f64 / 1000.0 / n as f64),
            _ => "?".to_owned(),
        };
        println!(
            "store search alone (facets {facets}): {:.0} µs per query ({cpu_us} µs CPU), {:.0} matches on average",
            started.elapsed().as_micros() as f64 / n as f64,
            matches as f64 / n as f64
        );
    }

    // The same, query by query, without and with facets. Each figure is the best of five short
    // rounds, so that a moment of load from other processes does not show as a cost of the query.
    println!(
        "  {:<32} {:>14} {:>14} {:>8}",
        "query", "µs CPU", "with facets", "matches"
    );
    for text in QUERIES {
        let mut figures = Vec::new();
        let mut total = 0;
        for facets in [false, true] {
            let mut query = SearchQuery::new(text);
            query.facets = facets;
            let mut best = f64::INFINITY;
            for _ in 0..5 {
                let started = Instant::now();
                let Some(cpu_start) = thread_cpu_ns() else {
                    break;
                };
                let mut n = 0u32;
                while started.elapsed() < Duration::from_millis(40) {
                    total = store.search(&query).expect("search").total;
                    n += 1;
                }
                if let Some(cpu_end) = thread_cpu_ns() {
                    best = best.min((cpu_end - cpu_start) as f64 / 1000.0 / n as f64);
                }
            }
            figures.push(best);
        }
        println!(
            "  {text:<32} {:>14.0} {:>14.0} {total:>8}",
            figures[0], figures[1]
        );
    }

    let server = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("server runtime");
    let listener = server
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = app(AppState::new(store));
    server.spawn(async move {
        axum::serve(listener, router).await.expect("serve");
    });

    // The client runs on its own single thread so that it does not take the server's workers.
    let client = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let phase_time = Duration::from_secs_f64(seconds as f64 / 4.0);
    let phases: [(&str, Vec<String>); 4] = [
        ("healthz (reference)", vec!["/healthz".to_owned()]),
        ("search page (HTML)", search_pages),
        ("search API (JSON)", search_api),
        ("meeting page (HTML)", meeting_pages),
    ];
    println!(
        "load test on {addr}: {connections} keep-alive connections, {:.1} s per kind, {} meetings in the store",
        phase_time.as_secs_f64(),
        symbols.len()
    );
    println!(
        "{:<22} {:>10} {:>9} {:>9} {:>7} {:>10} {:>12}",
        "kind", "req/s", "p50 ms", "p99 ms", "errors", "vs healthz", "CPU µs/req"
    );
    let mut reference = f64::NAN;
    for (name, paths) in phases {
        let cpu_start = process_cpu_ms();
        let outcome = client.block_on(run_phase(addr, Arc::new(paths), connections, phase_time));
        let cpu_per_request = match (cpu_start, process_cpu_ms()) {
            (Some(a), Some(b)) if !outcome.latencies_us.is_empty() => {
                format!(
                    "{:.0}",
                    (b - a) * 1000.0 / outcome.latencies_us.len() as f64
                )
            }
            _ => "?".to_owned(),
        };
        let rate = outcome.latencies_us.len() as f64 / outcome.elapsed.as_secs_f64();
        if reference.is_nan() {
            reference = rate;
        }
        println!(
            "{:<22} {:>10.0} {:>9.2} {:>9.2} {:>7} {:>9.1}% {:>12}",
            name,
            rate,
            percentile(&outcome.latencies_us, 0.50),
            percentile(&outcome.latencies_us, 0.99),
            outcome.errors,
            100.0 * rate / reference,
            cpu_per_request
        );
    }
    server.shutdown_background();
}
