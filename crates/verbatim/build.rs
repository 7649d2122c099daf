//! Computes the parser fingerprint, `VERBATIM_PARSER_ID`: a hash of every source file that decides what
//! a PDF parses to (the pdf, layout and record crates, the glue in this crate's `pipeline.rs`) and of
//! `Cargo.lock` (the PDF crate's version matters as much as our own code).
//!
//! `verbatim ingest` stores the fingerprint next to each source file's hash and skips a file whose hash
//! was already parsed by the same fingerprint: the stored record is then what a new parse would give.
//! Any change to the parser's sources gives another fingerprint, so an upgraded binary re-parses
//! everything once. Outside this workspace (the sibling crates absent) the package version stands in.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let workspace = manifest.join("../..");
    let roots = [
        workspace.join("crates/verbatim-pdf/src"),
        workspace.join("crates/verbatim-layout/src"),
        workspace.join("crates/verbatim-record/src"),
        workspace.join("crates/verbatim-record/data"),
        manifest.join("src/pipeline.rs"),
        workspace.join("Cargo.lock"),
    ];
    let mut files = Vec::new();
    for root in &roots {
        println!("cargo:rerun-if-changed={}", root.display());
        collect(root, &mut files);
    }
    files.sort();
    let id = if files.is_empty() {
        format!(
            "v{}",
            std::env::var("CARGO_PKG_VERSION").unwrap_or_default()
        )
    } else {
        // SipHash with fixed keys (DefaultHasher::new) is deterministic for a given toolchain, which is
        // all a fingerprint needs: the same sources built by the same compiler give the same value.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for path in &files {
            let relative = path.strip_prefix(&workspace).unwrap_or(path);
            hasher.write(relative.to_string_lossy().as_bytes());
            hasher.write_u8(0);
            hasher.write(&std::fs::read(path).unwrap_or_default());
            hasher.write_u8(0);
        }
        format!(
            "v{}-{:016x}",
            std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
            hasher.finish()
        )
    };
    println!("cargo:rustc-env=VERBATIM_PARSER_ID={id}");
}

/// Every file under `path` (or `path` itself when it is a file); missing paths add nothing.
fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
    } else if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            collect(&entry.path(), out);
        }
    }
}
