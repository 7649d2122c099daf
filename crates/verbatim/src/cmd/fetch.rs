//! `verbatim fetch SYMBOL...`: download verbatim records by symbol from the UN's Official Document
//! System (ODS), keep them in a local cache, parse them and store them.
//!
//! The request is `{base}/api/symbol/access?s={symbol}&l={lang}&t=pdf` by default (`--url-template`
//! changes it; `{base}`, `{symbol}` and `{lang}` are filled in, the symbol percent-encoded). That is the
//! document system's access-by-symbol address as this project understands it; it could not be checked
//! against the live service from the development machine (no network), so the template is configurable.
//! Requests are polite: one at a time, `--delay-ms` apart, with the user agent `verbatim/VERSION`.
//! A server error (5xx), a 429 or a network failure is retried up to `--retries` times with a doubling
//! back-off from `--backoff-ms`; a 404 or another client error is final. A downloaded file must be a
//! PDF (the service answers some unknown symbols with an HTML page). Files are cached in
//! `DATA/cache/ods/` and not downloaded again unless `--refresh` is given.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::thread::sleep;
use std::time::Duration;

use anyhow::Context;
use verbatim_store::{PutOutcome, Store};

use super::ingest::DataArg;

/// The Official Document System, the default `--base-url`.
pub const DEFAULT_BASE_URL: &str = "https://documents.un.org";
pub const DEFAULT_TEMPLATE: &str = "{base}/api/symbol/access?s={symbol}&l={lang}&t=pdf";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Record symbols: S/PV.8422, "S/PV.4726 (Resumption 1)", A/64/PV.121.
    #[arg(required = true)]
    pub symbols: Vec<String>,
    /// Where the document system is.
    #[arg(long, env = "VERBATIM_ODS_URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The request for one document; {base}, {symbol} (percent-encoded) and {lang} are filled in.
    #[arg(long, default_value = DEFAULT_TEMPLATE)]
    pub url_template: String,
    /// Language version to download.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// Pause between two requests, in milliseconds.
    #[arg(long, default_value_t = 2000)]
    pub delay_ms: u64,
    /// Retries of a request that failed with a server error, a 429 or a network error.
    #[arg(long, default_value_t = 4)]
    pub retries: u32,
    /// First back-off before a retry, in milliseconds (doubled at each retry).
    #[arg(long, default_value_t = 2000)]
    pub backoff_ms: u64,
    /// Timeout of one request, in seconds.
    #[arg(long, default_value_t = 120)]
    pub timeout_secs: u64,
    /// Download again even when the cache has the file.
    #[arg(long)]
    pub refresh: bool,
    /// Only download into the cache; do not parse and store.
    #[arg(long)]
    pub no_ingest: bool,
    #[command(flatten)]
    pub data: DataArg,
}

/// Percent-encodes a symbol for a query string (letters, digits, `-._~/` stay).
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The cache file of a symbol: "S/PV.4726 (Resumption 1)" -> "S_PV.4726_(Resumption_1).en.pdf".
fn cache_name(symbol: &str, lang: &str) -> String {
    let safe: String = symbol
        .chars()
        .map(|c| match c {
            '/' | '\\' | ' ' | ':' => '_',
            c => c,
        })
        .collect();
    format!("{safe}.{lang}.pdf")
}

#[derive(Debug, thiserror::Error)]
enum FetchError {
    #[error("the server answered {status} for {url}")]
    Status { status: u16, url: String },
    #[error("{url}: {source}")]
    Network { url: String, source: ureq::Error },
    #[error("{url}: the answer is not a PDF (it starts with {start:?})")]
    NotPdf { url: String, start: String },
}

impl FetchError {
    fn retryable(&self) -> bool {
        match self {
            FetchError::Status { status, .. } => *status >= 500 || *status == 429,
            FetchError::Network { .. } => true,
            FetchError::NotPdf { .. } => false,
        }
    }
}

fn get(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, FetchError> {
    let network = |source| FetchError::Network {
        url: url.to_owned(),
        source,
    };
    let mut response = agent.get(url).call().map_err(network)?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status {
            status,
            url: url.to_owned(),
        });
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(512 * 1024 * 1024)
        .read_to_vec()
        .map_err(network)?;
    if !bytes.starts_with(b"%PDF-") {
        let start = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        return Err(FetchError::NotPdf {
            url: url.to_owned(),
            start,
        });
    }
    Ok(bytes)
}

/// Downloads one document with retries; prints each retry.
fn download(agent: &ureq::Agent, url: &str, args: &Args) -> Result<Vec<u8>, FetchError> {
    let mut attempt = 0;
    loop {
        match get(agent, url) {
            Ok(bytes) => return Ok(bytes),
            Err(e) if e.retryable() && attempt < args.retries => {
                let wait = args.backoff_ms.saturating_mul(1 << attempt.min(16));
                eprintln!("verbatim: {e}; retrying in {wait} ms");
                sleep(Duration::from_millis(wait));
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

fn cache_dir(data: &Path) -> PathBuf {
    data.join("cache").join("ods")
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .user_agent(concat!("verbatim/", env!("CARGO_PKG_VERSION")))
        .timeout_global(Some(Duration::from_secs(args.timeout_secs)))
        .http_status_as_error(false)
        .build()
        .into();
    let cache = cache_dir(&args.data.dir);
    std::fs::create_dir_all(&cache)
        .with_context(|| format!("cannot create the cache folder {}", cache.display()))?;
    let store = if args.no_ingest {
        None
    } else {
        Some(
            Store::open(&args.data.dir)
                .with_context(|| format!("cannot open the store at {}", args.data.dir.display()))?,
        )
    };

    let mut failed = 0usize;
    let mut requested = false;
    for symbol in &args.symbols {
        let symbol = symbol.trim();
        let path = cache.join(cache_name(symbol, &args.lang));
        let from_cache = path.exists() && !args.refresh;
        if !from_cache {
            if requested {
                sleep(Duration::from_millis(args.delay_ms));
            }
            requested = true;
            let url = args
                .url_template
                .replace("{base}", args.base_url.trim_end_matches('/'))
                .replace("{symbol}", &encode(symbol))
                .replace("{lang}", &encode(&args.lang));
            match download(&agent, &url, &args) {
                Ok(bytes) => {
                    // Written beside and renamed, so that an interrupted download never leaves a
                    // truncated file in the cache.
                    let partial = path.with_extension("part");
                    std::fs::write(&partial, &bytes)
                        .and_then(|()| std::fs::rename(&partial, &path))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                Err(e) => {
                    eprintln!("verbatim: failed: {symbol}: {e}");
                    failed += 1;
                    continue;
                }
            }
        }
        let Some(store) = &store else {
            println!("{symbol}: {}", path.display());
            continue;
        };
        let parsed = match crate::pipeline::parse_file(&path) {
            Ok(parsed) => parsed,
            Err(e) => {
                eprintln!("verbatim: failed: {symbol}: {e}");
                failed += 1;
                continue;
            }
        };
        let record = parsed.parsed.record;
        if record.symbol != symbol {
            eprintln!(
                "verbatim: note: {symbol}: the document's own symbol is {:?}",
                record.symbol
            );
        }
        let outcome = match store.put_meeting(&record) {
            Ok(outcome) => outcome,
            Err(verbatim_store::StoreError::NoSymbol { .. }) => {
                eprintln!("verbatim: failed: {symbol}: no meeting symbol found in the document");
                failed += 1;
                continue;
            }
            Err(e) => return Err(e).context("writing to the store failed"),
        };
        let what = match outcome {
            PutOutcome::Inserted => "stored",
            PutOutcome::Replaced => "replaced",
            PutOutcome::Unchanged => "unchanged",
        };
        println!(
            "{symbol}: {what} ({} pages{})",
            record.source.pages,
            if from_cache { ", from the cache" } else { "" }
        );
    }
    if let Some(store) = store {
        store.close().context("closing the store failed")?;
    }
    println!(
        "{} symbols: {} fetched, {failed} failed",
        args.symbols.len(),
        args.symbols.len() - failed
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_in_urls_and_cache_names() {
        assert_eq!(
            encode("S/PV.4726 (Resumption 1)"),
            "S/PV.4726%20%28Resumption%201%29"
        );
        assert_eq!(
            cache_name("S/PV.4726 (Resumption 1)", "en"),
            "S_PV.4726_(Resumption_1).en.pdf"
        );
    }
}
