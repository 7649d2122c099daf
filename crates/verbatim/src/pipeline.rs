//! PDF file -> parsed record: the one path every command (parse, ingest, eval, bench) takes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use verbatim_ocr::{Engine, EngineError, Mode, OcrError, PageText};
use verbatim_record::{Diagnostic, LineFate, NotARecord, Parsed, Severity, Source, SourceOcr};

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
    #[error("{path}: {source}")]
    Ocr { path: PathBuf, source: OcrError },
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
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Drop bold and italic before layout, so that the record is read from its words alone (as an OCR
    /// text layer must be).
    pub no_style: bool,
    /// How pages without a usable text layer are read.
    pub ocr: OcrOptions,
}

/// Called once per page read through OCR (from worker threads) with the document's pages read so far
/// and to read: for progress bars.
pub type OcrProgress = Arc<dyn Fn(&PageText, usize, usize) + Send + Sync>;

/// How pages are read through OCR (see verbatim-ocr).
#[derive(Clone)]
pub struct OcrOptions {
    pub mode: Mode,
    /// Tesseract language codes joined by '+' ("eng", "eng+fra").
    pub languages: String,
    pub dpi: f32,
    /// Where OCR results are cached by page-image hash; `None`: no cache.
    pub cache_dir: Option<PathBuf>,
    pub progress: Option<OcrProgress>,
    /// The engine, looked for the first time a page needs it, then shared by every clone.
    engine: Arc<OnceLock<Result<Engine, EngineError>>>,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            mode: Mode::Auto,
            languages: DEFAULT_OCR_LANGUAGES.to_owned(),
            dpi: verbatim_ocr::DEFAULT_DPI,
            cache_dir: None,
            progress: None,
            engine: Arc::default(),
        }
    }
}

impl std::fmt::Debug for OcrOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OcrOptions")
            .field("mode", &self.mode)
            .field("languages", &self.languages)
            .field("dpi", &self.dpi)
            .field("cache_dir", &self.cache_dir)
            .finish_non_exhaustive()
    }
}

/// The OCR languages when none are given: English, the language of the English verbatim records.
pub const DEFAULT_OCR_LANGUAGES: &str = "eng";

impl OcrOptions {
    pub fn new(mode: Mode, languages: &str, cache_dir: Option<PathBuf>) -> OcrOptions {
        OcrOptions {
            mode,
            languages: languages.to_owned(),
            cache_dir,
            ..OcrOptions::default()
        }
    }

    /// The engine, found on first use.
    pub fn engine(&self) -> Result<&Engine, EngineError> {
        self.engine
            .get_or_init(|| Engine::find(&self.languages))
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The default OCR cache folder outside a store: `$VERBATIM_OCR_CACHE`, else the user's cache folder
/// (`$XDG_CACHE_HOME/verbatim/ocr`, `~/.cache/verbatim/ocr`); `None` when there is no home.
pub fn default_ocr_cache() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("VERBATIM_OCR_CACHE") {
        return Some(dir);
    }
    var("XDG_CACHE_HOME")
        .or_else(|| var("HOME").map(|home| home.join(".cache")))
        .map(|cache| cache.join("verbatim").join("ocr"))
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
    let ocr = read_through_ocr(path, bytes, &mut doc, &options.ocr)?;
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
        ocr: None,
    };
    let mut parsed = verbatim_record::parse(&lines, source);
    ocr.annotate(&mut parsed, &lines);
    Ok(ParsedFile { parsed, lines })
}

/// What OCR did to a document: the pages it read, with each run's confidence, and the pages it could not.
#[derive(Default)]
struct OcrOutcome {
    engine: Option<(String, String, u32)>,
    /// Per OCR'd page: (run box, confidence, characters) of every run.
    pages: BTreeMap<u32, Vec<(verbatim_pdf::BBox, f32, usize)>>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads the pages of `doc` that need it (see [`verbatim_ocr::needs_ocr`]) through OCR, replacing
/// their text runs. Without an engine, a document with text on other pages is read from those (with a
/// diagnostic per page left unread); one with no text at all is an error that says how to install it.
fn read_through_ocr(
    path: &Path,
    bytes: &[u8],
    doc: &mut verbatim_pdf::Document,
    options: &OcrOptions,
) -> Result<OcrOutcome, ParseFileError> {
    let mut outcome = OcrOutcome::default();
    let wanted: Vec<usize> = doc
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| verbatim_ocr::needs_ocr(page, options.mode))
        .map(|(index, _)| index)
        .collect();
    if wanted.is_empty() {
        return Ok(outcome);
    }
    let ocr_error = |source: OcrError| ParseFileError::Ocr {
        path: path.to_owned(),
        source,
    };
    let engine = match options.engine() {
        Ok(engine) => engine,
        Err(err) => {
            let other_text = wanted.len() < doc.pages.len() && options.mode == Mode::Auto;
            if !other_text {
                return Err(ocr_error(OcrError::Engine(err)));
            }
            for &index in &wanted {
                outcome.diagnostics.push(Diagnostic {
                    severity: Severity::Warning,
                    page: Some(index as u32),
                    bbox: None,
                    message: format!("the page has no text layer and was not read: {err}"),
                });
            }
            return Ok(outcome);
        }
    };
    let cache = options.cache_dir.as_ref().map(verbatim_ocr::Cache::new);
    let no_progress = |_: &PageText, _: usize, _: usize| {};
    let settings = verbatim_ocr::Settings {
        engine,
        dpi: options.dpi,
        cache: cache.as_ref(),
        on_page: match &options.progress {
            Some(progress) => progress.as_ref(),
            None => &no_progress,
        },
    };
    let texts = verbatim_ocr::ocr_pages(bytes, &wanted, &settings).map_err(ocr_error)?;
    let dpi = texts.first().map_or(options.dpi, |t| t.dpi).round() as u32;
    outcome.engine = Some((engine.name(), engine.languages().to_owned(), dpi));
    for text in texts {
        let Some(page) = doc.pages.get_mut(text.index) else {
            continue;
        };
        let runs = text
            .runs
            .iter()
            .zip(&text.confidences)
            .map(|(run, conf)| (run.bbox, *conf, run.text.chars().count()))
            .collect();
        outcome.pages.insert(text.index as u32, runs);
        page.runs = text.runs;
    }
    Ok(outcome)
}

impl OcrOutcome {
    /// Records in the parsed record which pages were read through OCR (its source and diagnostics) and
    /// each proceeding's OCR confidence (in its provenance).
    fn annotate(self, parsed: &mut Parsed, lines: &[verbatim_layout::Line]) {
        let record = &mut parsed.record;
        record.diagnostics.extend(self.diagnostics);
        let Some((engine, languages, dpi)) = self.engine else {
            return;
        };
        let pages: Vec<u32> = self.pages.keys().copied().collect();
        record.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            page: None,
            bbox: None,
            message: format!(
                "{} of {} pages read through OCR of the page image ({engine}, {languages}, {dpi} dpi)",
                pages.len(),
                record.source.pages
            ),
        });
        record.source.ocr = Some(SourceOcr {
            engine,
            languages,
            dpi,
            pages,
        });
        // Confidence per proceeding: over the OCR'd runs inside its lines, weighted by characters.
        let mut sums: BTreeMap<u32, (f64, usize)> = BTreeMap::new();
        for (line, fate) in lines.iter().zip(&parsed.fates) {
            let LineFate::Proceeding { seq } = fate else {
                continue;
            };
            let Some(runs) = self.pages.get(&line.page_idx) else {
                continue;
            };
            for (bbox, conf, chars) in runs {
                let cx = (bbox.x0 + bbox.x1) / 2.0;
                let cy = (bbox.y0 + bbox.y1) / 2.0;
                if cx >= line.bbox.x0 - 1.0
                    && cx <= line.bbox.x1 + 1.0
                    && cy >= line.bbox.y0 - 1.0
                    && cy <= line.bbox.y1 + 1.0
                {
                    let entry = sums.entry(*seq).or_default();
                    entry.0 += f64::from(*conf) * *chars as f64;
                    entry.1 += chars;
                }
            }
        }
        for proceeding in &mut record.proceedings {
            if let Some((sum, chars)) = sums.get(&proceeding.seq)
                && *chars > 0
            {
                // Rounded, so that the JSON does not depend on summation noise.
                let mean = (sum / *chars as f64 * 1000.0).round() / 1000.0;
                proceeding.provenance.ocr_confidence = Some(mean as f32);
            }
        }
    }
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
