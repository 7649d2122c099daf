//! PDF file -> parsed record: the one path every command (parse, ingest, eval, bench) takes.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use verbatim_record::{NotARecord, Parsed, Source};

/// Why a file gave no record. Always names the file.
#[derive(Debug, thiserror::Error)]
pub enum ParseFileError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Pdf {
        path: PathBuf,
        source: verbatim_pdf::PdfError,
    },
    #[error("{path}: {source}")]
    NotARecord { path: PathBuf, source: NotARecord },
}

/// Everything known about one parsed file.
pub struct ParsedFile {
    pub parsed: Parsed,
    pub lines: Vec<verbatim_layout::Line>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Reads and parses one PDF file.
pub fn parse_file(path: &Path) -> Result<ParsedFile, ParseFileError> {
    let bytes = std::fs::read(path).map_err(|source| ParseFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_bytes(path, &bytes)
}

/// Parses the bytes of a PDF; `path` names it in errors and in the record's source.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<ParsedFile, ParseFileError> {
    let doc = verbatim_pdf::extract(bytes).map_err(|source| ParseFileError::Pdf {
        path: path.to_owned(),
        source,
    })?;
    let lines = verbatim_layout::layout(&doc);
    verbatim_record::check_is_record(&lines).map_err(|source| ParseFileError::NotARecord {
        path: path.to_owned(),
        source,
    })?;
    let source = Source {
        file: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: sha256_hex(bytes),
        pages: doc.pages.len() as u32,
        producer: doc.producer.clone(),
    };
    let parsed = verbatim_record::parse(&lines, source);
    Ok(ParsedFile { parsed, lines })
}
