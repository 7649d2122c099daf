//! One module per subcommand: each has an `Args` (clap) and a `run(args) -> anyhow::Result<ExitCode>`.

pub mod eval;
pub mod parse;
