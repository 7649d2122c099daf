//! The OCR cache: what the engine read from a page image, kept on disk under the image's hash, so that
//! parsing or ingesting the same pages again does not run the engine again.
//!
//! A key is the SHA-256 of the engine's name and version, the languages and the image itself (size,
//! resolution and pixels); an entry is the page's lines as JSON, written to a temporary file and renamed
//! into place so that a reader never sees half an entry. An unreadable entry is a miss.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Engine;
use crate::hocr::OcrLine;
use crate::render::GreyImage;

/// Bumped when the cached form or the way pages are read changes, so that old entries are not used.
const FORMAT: &str = "verbatim-ocr cache 1";

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// A cache in `dir` (created on the first write).
    pub fn new(dir: impl Into<PathBuf>) -> Cache {
        Cache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The key of `image` read by `engine`: hex SHA-256.
    pub fn key(engine: &Engine, image: &GreyImage) -> String {
        let mut hasher = Sha256::new();
        hasher.update(FORMAT.as_bytes());
        hasher.update([0]);
        hasher.update(engine.name().as_bytes());
        hasher.update([0]);
        hasher.update(engine.languages().as_bytes());
        hasher.update([0]);
        hasher.update(image.width.to_le_bytes());
        hasher.update(image.height.to_le_bytes());
        hasher.update(image.scale.to_le_bytes());
        hasher.update(&image.pixels);
        hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The lines stored under `key`, if any.
    pub fn get(&self, key: &str) -> Option<Vec<OcrLine>> {
        if key.len() < 3 {
            return None;
        }
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Stores `lines` under `key`. A cache that cannot be written only costs time later, so the error
    /// is returned for the caller to report, never to fail on.
    pub fn put(&self, key: &str, lines: &[OcrLine]) -> std::io::Result<()> {
        if key.len() < 3 {
            return Ok(());
        }
        let path = self.path(key);
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        std::fs::create_dir_all(parent)?;
        let json = serde_json::to_vec(lines).map_err(std::io::Error::other)?;
        let tmp = tempfile_in(parent, key)?;
        std::fs::write(&tmp, json)?;
        std::fs::rename(&tmp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// A temporary file name beside the entry, unique to this process and thread.
fn tempfile_in(dir: &Path, key: &str) -> std::io::Result<PathBuf> {
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    Ok(dir.join(format!(".{key}.{}.{thread}.tmp", std::process::id())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hocr::OcrWord;

    #[test]
    fn entries_round_trip_and_damaged_ones_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("ocr"));
        let key = "ab".repeat(32);
        assert_eq!(cache.get(&key), None);
        let lines = vec![OcrLine {
            bbox: [1.0, 2.0, 30.0, 12.0],
            baseline: [0.0, -2.0],
            size: 10.0,
            words: vec![OcrWord {
                text: "Mr.".into(),
                bbox: [1.0, 2.0, 30.0, 12.0],
                confidence: 93.0,
            }],
        }];
        cache.put(&key, &lines).unwrap();
        assert_eq!(cache.get(&key), Some(lines));
        std::fs::write(cache.path(&key), b"{not json").unwrap();
        assert_eq!(cache.get(&key), None);
        // No temporary file is left behind.
        let left: Vec<_> = std::fs::read_dir(cache.path(&key).parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, vec![format!("{key}.json")]);
    }
}
