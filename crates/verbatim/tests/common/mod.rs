//! Helpers shared by the binary's integration tests: where the real corpus is, and running the built
//! `verbatim` binary. Each test file uses only some of them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The corpus at `../shared/corpus` beside the workspace, when it holds every one of `subdirs`. Missing,
/// it is a failure under CI (`CI` set) and a printed skip otherwise.
pub fn corpus_dir_with(subdirs: &[&str]) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    if subdirs.iter().all(|sub| dir.join(sub).is_dir()) {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the corpus is missing at {} (expected ../shared/corpus beside the workspace, with {})",
            dir.display(),
            subdirs.join(", ")
        );
    }
    eprintln!(
        "skipping: the corpus is missing at {} (set CI to make this a failure)",
        dir.display()
    );
    None
}

/// The corpus with its verbatim records (`pv/`).
pub fn corpus_dir() -> Option<PathBuf> {
    corpus_dir_with(&["pv"])
}

/// Runs the built binary to completion. `VERBATIM_DATA` is removed so that a developer's own setting
/// never points a test at a real store.
pub fn verbatim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_verbatim"))
        .args(args)
        .env_remove("VERBATIM_DATA")
        .output()
        .expect("run the verbatim binary")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The stdout of a run that must have succeeded (its stderr in the failure message otherwise).
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "verbatim failed ({}): {}",
        out.status,
        stderr(out)
    );
    stdout(out)
}

/// A path as a command-line argument (test paths are UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}
