//! The OCR engine: Tesseract's command-line program, one process per page.
//!
//! The page image goes in as a PGM on standard input, hOCR comes out on standard output. Each process
//! runs on one thread (`OMP_THREAD_LIMIT=1`): verbatim runs pages in parallel itself, and one thread
//! per process keeps the engine's output the same from run to run.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::hocr::{self, OcrLine};
use crate::render::GreyImage;

/// The environment variable that names the `tesseract` program (default: `tesseract` on the PATH).
pub const PROGRAM_ENV: &str = "VERBATIM_TESSERACT";
/// How long one page may take before the engine is stopped.
pub const PAGE_TIMEOUT: Duration = Duration::from_secs(300);

/// How to install what is missing, for the error messages.
pub const INSTALL_HINT: &str = "install Tesseract with the data of the languages you read (Debian and \
     Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng; the other UN languages are tesseract-ocr-fra \
     -spa -rus -ara -chi-sim), or set VERBATIM_TESSERACT to the program's path; --ocr never reads the \
     text layer alone";

/// Why OCR could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EngineError {
    #[error(
        "pages need OCR, but the OCR engine `{program}` could not be run ({reason}): {INSTALL_HINT}"
    )]
    NotInstalled { program: String, reason: String },
    #[error(
        "the OCR engine has no data for the language(s) {missing} (installed: {installed}): {INSTALL_HINT}"
    )]
    MissingLanguage { missing: String, installed: String },
    #[error(
        "invalid OCR language list {0:?}: use Tesseract codes joined by '+', e.g. eng or eng+fra"
    )]
    BadLanguages(String),
    #[error("the OCR engine failed: {0}")]
    Failed(String),
    #[error("the OCR engine took more than {} s on one page and was stopped", PAGE_TIMEOUT.as_secs())]
    Timeout,
}

/// A Tesseract installation with the languages to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Engine {
    program: PathBuf,
    /// "5.3.0": the first line of `tesseract --version`, without the name.
    version: String,
    /// Tesseract language codes joined by '+': "eng", "eng+fra".
    languages: String,
}

impl Engine {
    /// Finds the engine (`$VERBATIM_TESSERACT` or `tesseract` on the PATH) and checks that it has the data
    /// of every language in `languages` ("eng", "eng+fra").
    pub fn find(languages: &str) -> Result<Engine, EngineError> {
        let program = std::env::var_os(PROGRAM_ENV)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("tesseract"));
        Engine::with_program(program, languages)
    }

    pub fn with_program(program: PathBuf, languages: &str) -> Result<Engine, EngineError> {
        let wanted: Vec<&str> = languages.split('+').map(str::trim).collect();
        if wanted.iter().any(|l| {
            l.is_empty()
                || !l
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }) {
            return Err(EngineError::BadLanguages(languages.to_owned()));
        }
        let not_installed = |reason: String| EngineError::NotInstalled {
            program: program.display().to_string(),
            reason,
        };
        let version = Command::new(&program)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| not_installed(e.to_string()))?;
        if !version.status.success() {
            return Err(not_installed(format!(
                "`--version` exited with {}",
                version.status
            )));
        }
        // Tesseract 4 printed its version on stderr, 5 prints it on stdout.
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&version.stdout),
            String::from_utf8_lossy(&version.stderr)
        );
        let version = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("tesseract "))
            .map(|v| v.trim().to_owned())
            .ok_or_else(|| not_installed("it does not say it is Tesseract".to_owned()))?;
        let listed = Command::new(&program)
            .arg("--list-langs")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| not_installed(e.to_string()))?;
        let listed = format!(
            "{}{}",
            String::from_utf8_lossy(&listed.stdout),
            String::from_utf8_lossy(&listed.stderr)
        );
        let installed: Vec<&str> = listed
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains(' ') && !l.ends_with(':'))
            .collect();
        let missing: Vec<&str> = wanted
            .iter()
            .copied()
            .filter(|l| !installed.contains(l))
            .collect();
        if !missing.is_empty() {
            return Err(EngineError::MissingLanguage {
                missing: missing.join(", "),
                installed: if installed.is_empty() {
                    "none".to_owned()
                } else {
                    installed.join(", ")
                },
            });
        }
        Ok(Engine {
            program,
            version,
            languages: wanted.join("+"),
        })
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn languages(&self) -> &str {
        &self.languages
    }

    /// "tesseract 5.3.0": what the provenance of OCR'd text names.
    pub fn name(&self) -> String {
        format!("tesseract {}", self.version)
    }

    /// Recognises one page image.
    pub fn recognize(&self, image: &GreyImage) -> Result<Vec<OcrLine>, EngineError> {
        let hocr = self.run(image)?;
        Ok(hocr::parse(&hocr))
    }

    /// Runs the engine on one image and returns its hOCR.
    fn run(&self, image: &GreyImage) -> Result<String, EngineError> {
        let dpi = format!("{}", image.dpi().round().max(1.0) as u32);
        let mut child = Command::new(&self.program)
            .args(["stdin", "stdout", "-l", &self.languages, "--dpi", &dpi])
            .arg("hocr")
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| EngineError::NotInstalled {
                program: self.program.display().to_string(),
                reason: e.to_string(),
            })?;
        // Writing, reading and waiting run side by side, so that neither pipe can fill and block.
        let pgm = image.to_pgm();
        let mut stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(stdin) = stdin.as_mut() {
                // A write error means the engine stopped reading; its exit status says why.
                let _ = stdin.write_all(&pgm);
            }
        });
        let mut stdout = child.stdout.take();
        let reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(stdout) = stdout.as_mut() {
                let _ = stdout.read_to_end(&mut out);
            }
            out
        });
        let mut stderr = child.stderr.take();
        let err_reader = std::thread::spawn(move || {
            let mut out = Vec::new();
            if let Some(stderr) = stderr.as_mut() {
                let _ = stderr.take(64 * 1024).read_to_end(&mut out);
            }
            out
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if started.elapsed() > PAGE_TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    let _ = writer.join();
                    let _ = reader.join();
                    let _ = err_reader.join();
                    return Err(EngineError::Timeout);
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => return Err(EngineError::Failed(e.to_string())),
            }
        };
        let _ = writer.join();
        let out = reader.join().unwrap_or_default();
        let err = err_reader.join().unwrap_or_default();
        if !status.success() {
            let message = String::from_utf8_lossy(&err);
            let message = message.trim();
            return Err(EngineError::Failed(format!(
                "exited with {status}{}{}",
                if message.is_empty() { "" } else { ": " },
                message.lines().last().unwrap_or("")
            )));
        }
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_reported_with_how_to_install() {
        let err = Engine::with_program(PathBuf::from("/nonexistent/tesseract"), "eng").unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, EngineError::NotInstalled { .. }), "{err:?}");
        assert!(text.contains("/nonexistent/tesseract"), "{text}");
        assert!(text.contains("apt-get install tesseract-ocr"), "{text}");
    }

    #[test]
    fn a_program_that_is_not_tesseract_is_refused() {
        // `true` runs and exits 0 but prints no version.
        let err = Engine::with_program(PathBuf::from("true"), "eng").unwrap_err();
        assert!(
            err.to_string().contains("does not say it is Tesseract"),
            "{err}"
        );
    }

    #[test]
    fn language_lists_are_checked_before_anything_runs() {
        for bad in ["", "eng+", "eng;rm", "../eng"] {
            let err = Engine::with_program(PathBuf::from("/nonexistent"), bad).unwrap_err();
            assert!(
                matches!(err, EngineError::BadLanguages(_)),
                "{bad:?}: {err:?}"
            );
        }
    }
}
