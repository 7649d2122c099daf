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
    #[error(
        "{path}: the file is truncated: it does not end with the PDF end-of-file marker (%%EOF), so \
         pages may be missing"
    )]
    Truncated { path: PathBuf },
    #[error("{path}: {source}")]
    NotARecord { path: PathBuf, source: NotARecord },
}

/// Whether the PDF ends as every complete PDF does: with `%%EOF` on its last line. Readers, ours
/// included, rebuild a cut file's cross-reference table and read the pages that survived, so a cut
/// record would otherwise come out as a shorter record with nothing to say it is incomplete, and replace
/// the whole one in a store. Some writers append a few bytes after the marker, hence the window.
fn ends_with_eof_marker(bytes: &[u8]) -> bool {
    const WINDOW: usize = 1024;
    let tail = &bytes[bytes.len().saturating_sub(WINDOW)..];
    tail.windows(5).any(|w| w == b"%%EOF")
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

/// How a file is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Drop bold and italic before layout, so that the record is read from its words alone (as an OCR
    /// text layer must be).
    pub no_style: bool,
}

/// Reads and parses one PDF file.
pub fn parse_file(path: &Path) -> Result<ParsedFile, ParseFileError> {
    parse_file_with(path, Options::default())
}

/// Reads and parses one PDF file with `options`.
pub fn parse_file_with(path: &Path, options: Options) -> Result<ParsedFile, ParseFileError> {
    let bytes = std::fs::read(path).map_err(|source| ParseFileError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_bytes_with(path, &bytes, options)
}

/// Parses the bytes of a PDF; `path` names it in errors and in the record's source.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<ParsedFile, ParseFileError> {
    parse_bytes_with(path, bytes, Options::default())
}

/// Parses the bytes of a PDF with `options`.
pub fn parse_bytes_with(
    path: &Path,
    bytes: &[u8],
    options: Options,
) -> Result<ParsedFile, ParseFileError> {
    let mut doc = verbatim_pdf::extract(bytes).map_err(|source| ParseFileError::Pdf {
        path: path.to_owned(),
        source,
    })?;
    if options.no_style {
        doc.drop_style();
    }
    // Checked after extraction, so that a file that is not a PDF at all is reported as such.
    if !ends_with_eof_marker(bytes) {
        return Err(ParseFileError::Truncated {
            path: path.to_owned(),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eof_marker_is_found_at_the_end_only() {
        assert!(ends_with_eof_marker(b"%PDF-1.4\n...\n%%EOF\n"));
        assert!(ends_with_eof_marker(b"%PDF-1.4\n...\n%%EOF"));
        // An incremental update ends with its own marker; the first one is far from the end.
        let mut updated = b"%PDF-1.4\n%%EOF\n".to_vec();
        updated.extend(std::iter::repeat_n(b'x', 5000));
        assert!(!ends_with_eof_marker(&updated));
        updated.extend_from_slice(b"\n%%EOF\r\n");
        assert!(ends_with_eof_marker(&updated));
        assert!(!ends_with_eof_marker(b"%PDF-1.4\n1 0 obj"));
        assert!(!ends_with_eof_marker(b""));
    }
}
