//! The README's main command works on a fresh clone: the repository is cloned into a temporary
//! folder that has no `../shared` beside it, and the command the README gives a new user is run
//! there (with the built binary standing in for `cargo run --release --`). It must store the shipped
//! samples and find speeches with its search.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the repository that is cloned).
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The README's main command: the line after "# The main job" (and its comment continuation) in
/// the block under "## The two commands", split at `&&` into commands that each start with
/// `cargo run --release --`; returns the arguments of each, quotes removed.
fn readme_main_command(readme: &str) -> Vec<Vec<String>> {
    let section = readme
        .split("## The two commands")
        .nth(1)
        .expect("README has a '## The two commands' section");
    let line = section
        .lines()
        .skip_while(|l| !l.starts_with("# The main job"))
        .find(|l| !l.starts_with('#'))
        .expect("a command line after '# The main job'");
    line.split("&&")
        .map(|part| {
            let words = shell_words(part.trim());
            let prefix = ["cargo", "run", "--release", "--"];
            assert!(
                words.len() > prefix.len() && words[..prefix.len()] == prefix,
                "README's main command should run `cargo run --release -- ...`: {part}"
            );
            words[prefix.len()..].to_vec()
        })
        .collect()
}

/// Splits a command line at spaces outside double quotes (all the README's command uses).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    assert!(!quoted, "unbalanced quote in {line}");
    if any {
        words.push(word);
    }
    words
}

#[test]
fn shell_words_keep_quoted_spaces() {
    assert_eq!(
        shell_words(r#"search "Middle East" --country "United States""#),
        ["search", "Middle East", "--country", "United States"]
    );
}

#[test]
fn readme_main_command_runs_on_a_fresh_clone() {
    let root = workspace_root();
    let tmp = tempfile::tempdir().expect("temp dir");
    // The clone sits in its own folder, so `../shared` does not exist beside it.
    let clone = tmp.path().join("verbatim");
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(&root)
        .arg(&clone)
        .status()
        .expect("run git (the fresh-clone test needs git)");
    assert!(status.success(), "git clone {} failed", root.display());
    assert!(!tmp.path().join("shared").exists());

    let readme = std::fs::read_to_string(clone.join("README.md")).expect("README.md in the clone");
    let commands = readme_main_command(&readme);
    assert!(
        commands.len() >= 2,
        "the main command ingests and then searches: {commands:?}"
    );
    let mut last = String::new();
    let mut ingest_summary = None;
    for args in &commands {
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = common::verbatim_command(&argv)
            .current_dir(&clone)
            .output()
            .expect("run verbatim");
        last = common::ok(&out);
        if args[0] == "ingest" {
            ingest_summary = Some(format!("{last}{}", common::stderr(&out)));
        }
    }
    // Every shipped sample is read and stored, none refused.
    let samples = std::fs::read_dir(clone.join("samples"))
        .expect("samples/ in the clone")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();
    assert!(samples >= 1, "samples/ ships records");
    let summary = ingest_summary.expect("the main command ingests");
    assert!(
        summary.contains(&format!("{samples} stored")) && summary.contains("0 failed"),
        "all {samples} samples should be stored: {summary}"
    );
    assert!(
        clone.join("verbatim-data").is_dir(),
        "the store goes to ./verbatim-data"
    );
    // The search printed at least one speech of the shipped samples.
    let first = last.lines().next().unwrap_or_default();
    let n: usize = first
        .split_whitespace()
        .next()
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("search should report its matches, printed: {last}"));
    assert!(
        n >= 1,
        "the README's search finds nothing in samples/: {last}"
    );
    assert!(last.contains("S/PV."), "a match names its meeting: {last}");
}
