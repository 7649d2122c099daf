//! `verbatim serve`: the JSON API and the web UI over a store, read-only.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use verbatim_store::Store;
use verbatim_web::{AppState, app};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The store folder (made by `verbatim ingest`).
    #[arg(long, env = "VERBATIM_DATA", default_value = "verbatim-data")]
    pub data: PathBuf,
    /// A folder holding the source PDFs under their original file names: each meeting page then links
    /// every proceeding to its page in the PDF.
    #[arg(long)]
    pub pdf_dir: Option<PathBuf>,
    /// Worker threads for the server (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = Store::open_read_only(&args.data)
        .with_context(|| format!("opening the store at {}", args.data.display()))?;
    let state = AppState::new(store).with_pdf_dir(args.pdf_dir.clone());
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder.enable_all();
    if let Some(n) = args.threads {
        builder.worker_threads(n.max(1));
    }
    let runtime = builder.build().context("starting the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr()?;
        // The first line of output is the address, so that scripts and tests that ask for port 0 can
        // read where the server is.
        println!(
            "verbatim: serving http://{local}/ (store {})",
            args.data.display()
        );
        use std::io::Write;
        std::io::stdout().flush().ok();
        axum::serve(listener, app(state))
            .with_graceful_shutdown(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .await
            .context("serving")?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
