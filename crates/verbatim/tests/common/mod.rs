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

/// Runs the built binary to completion. `VERBATIM_DATA` and the OCR settings are removed so that a
/// developer's own settings never point a test at a real store or cache.
pub fn verbatim(args: &[&str]) -> Output {
    verbatim_command(args)
        .output()
        .expect("run the verbatim binary")
}

/// The command [`verbatim`] runs, for tests that set more of its environment.
pub fn verbatim_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verbatim"));
    command
        .args(args)
        .env_remove("VERBATIM_DATA")
        .env_remove("VERBATIM_OCR_CACHE")
        .env_remove("VERBATIM_TESSERACT");
    command
}

/// Whether Tesseract can be run. Missing, it is a failure under CI (`.ci/run` installs it) and a printed
/// skip otherwise.
pub fn tesseract_installed() -> bool {
    let found = Command::new("tesseract")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if found {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("tesseract is not installed (.ci/run installs tesseract-ocr and its language data)");
    }
    eprintln!("skipping: tesseract is not installed (set CI to make this a failure)");
    false
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
