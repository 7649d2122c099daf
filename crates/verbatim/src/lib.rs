//! The `verbatim` binary's glue: the command-line interface over the pipeline stages and the store.
//! Each subcommand lives in its own module under `cmd`; `pipeline` turns a file into a parsed record.

pub mod cmd;
pub mod out;
pub mod pipeline;
