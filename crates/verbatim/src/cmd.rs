//! One module per subcommand: each has an `Args` (clap) and a `run(args) -> anyhow::Result<ExitCode>`.

pub mod parse;
pub mod serve;
