//! One module per subcommand: each has an `Args` (clap) and a `run(args) -> anyhow::Result<ExitCode>`.

pub mod bench;
pub mod bench_parse;
pub mod eval;
pub mod export;
pub mod fetch;
pub mod import;
pub mod ingest;
pub mod kwic;
pub mod ocr;
pub mod parse;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod synth;
pub mod votes;
