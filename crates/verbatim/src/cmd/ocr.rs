//! The OCR options that `parse`, `ingest` and `eval` share, and their progress display.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::ValueEnum;

use crate::pipeline::{OcrOptions, OcrProgress, default_ocr_cache};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OcrMode {
    /// Pages without a usable text layer (image-only scans).
    Auto,
    /// Every page, from its image, even where a text layer exists.
    Always,
    /// No page: read the text layer only.
    Never,
}

#[derive(Debug, Clone, clap::Args)]
pub struct OcrArgs {
    /// Which pages are read through OCR of their image (Tesseract must be installed).
    #[arg(long, value_enum, default_value = "auto")]
    pub ocr: OcrMode,
    /// OCR languages: Tesseract codes joined by '+' (eng, fra, spa, rus, ara, chi_sim).
    #[arg(long, default_value = crate::pipeline::DEFAULT_OCR_LANGUAGES)]
    pub ocr_lang: String,
    /// Where OCR results are kept by page-image hash, so pages are not read twice (default: the
    /// store's cache/ocr for ingest, else $XDG_CACHE_HOME/verbatim/ocr or ~/.cache/verbatim/ocr).
    #[arg(long, env = "VERBATIM_OCR_CACHE")]
    pub ocr_cache: Option<PathBuf>,
    /// Neither read nor write the OCR cache.
    #[arg(long)]
    pub no_ocr_cache: bool,
}

impl OcrArgs {
    /// The options, with the cache in `store_dir`'s cache/ocr when there is a store.
    pub fn options(&self, store_dir: Option<&Path>) -> OcrOptions {
        let mode = match self.ocr {
            OcrMode::Auto => verbatim_ocr::Mode::Auto,
            OcrMode::Always => verbatim_ocr::Mode::Always,
            OcrMode::Never => verbatim_ocr::Mode::Never,
        };
        let cache = if self.no_ocr_cache {
            None
        } else {
            self.ocr_cache
                .clone()
                .or_else(|| store_dir.map(|dir| dir.join("cache").join("ocr")))
                .or_else(default_ocr_cache)
        };
        OcrOptions::new(mode, &self.ocr_lang, cache)
    }
}

/// A progress bar of the pages read through OCR, on a terminal only: `total` pages of one document
/// (parse), or a running count over many (ingest, eval).
/// The caller clears the bar when its work is done.
pub fn progress_bar(
    multi: Option<&indicatif::MultiProgress>,
) -> Option<(OcrProgress, indicatif::ProgressBar)> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:30} {pos}/{len} pages read through OCR  {msg}  [{elapsed_precise}, eta {eta}]",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let bar = match multi {
        Some(multi) => multi.add(bar),
        None => bar,
    };
    let cached = std::sync::atomic::AtomicU64::new(0);
    let shown = bar.clone();
    let progress: OcrProgress = Arc::new(move |page: &verbatim_ocr::PageText, done, total| {
        // Each document announces its own total the first time one of its pages is read.
        if done == 1 {
            bar.inc_length(total as u64);
        }
        if page.cached {
            let n = cached.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            bar.set_message(format!("({n} from the cache)"));
        }
        bar.inc(1);
    });
    Some((progress, shown))
}
