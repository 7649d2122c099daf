//! Image-only records through the CLI: a synthetic record is written as a PDF with a text layer and as
//! an image-only copy of the same pages (as a scanner writes them); the copy must read as the original,
//! through Tesseract, with its OCR provenance, its cache and clear errors when the engine is missing.

mod common;

use std::path::{Path, PathBuf};

use common::{ok, s, stderr, tesseract_installed, verbatim, verbatim_command};
use verbatim_pdf::fixture::{FixtureFont, PdfBuilder};

/// A two-page Security Council record in one column: a cover, then speeches and stage directions.
fn text_record() -> Vec<u8> {
    let roman = FixtureFont::TimesRoman;
    let bold = FixtureFont::TimesBold;
    let italic = FixtureFont::TimesItalic;
    let mut pdf = PdfBuilder::new()
        .page()
        .text(72.0, 60.0, roman, 14.0, "United Nations")
        .text(430.0, 60.0, bold, 16.0, "S/PV.9901")
        .text(72.0, 100.0, bold, 18.0, "Security Council")
        .text(72.0, 124.0, roman, 12.0, "Eightieth year")
        .text(72.0, 160.0, bold, 14.0, "9901st meeting")
        .text(72.0, 180.0, roman, 12.0, "Tuesday, 4 March 2025, 10 a.m.")
        .text(72.0, 198.0, roman, 12.0, "New York")
        .text(
            72.0,
            240.0,
            roman,
            12.0,
            "President: Mr. Halvorsen (Norway)",
        )
        .text(72.0, 290.0, bold, 12.0, "Agenda")
        .text(
            72.0,
            310.0,
            roman,
            12.0,
            "Maintenance of international peace and security",
        )
        .page()
        .text(
            72.0,
            72.0,
            italic,
            12.0,
            "The meeting was called to order at 10.05 a.m.",
        );
    let body: [(&str, [&str; 3]); 3] = [
        (
            "The President:",
            [
                "I welcome the members of the Council to this meeting on",
                "the maintenance of international peace and security. I now",
                "give the floor to the representative of Kazakhstan.",
            ],
        ),
        (
            "Mr. Umarov (Kazakhstan):",
            [
                "I thank you, Mr. President, for convening this meeting. My",
                "delegation supports the efforts of the Secretary-General and",
                "calls on all parties to return to the negotiating table.",
            ],
        ),
        (
            "Ms. Lindqvist (Sweden):",
            [
                "Sweden shares the concerns expressed by previous speakers",
                "about the humanitarian situation and the safety of civilians",
                "in the region, and we will continue to support the mission.",
            ],
        ),
    ];
    let mut y = 110.0;
    for (heading, lines) in body {
        let first = format!("{heading} {}", lines[0]);
        // Headings in roman, as a typed record prints them: the grammar alone must find them.
        pdf = pdf.text(90.0, y, roman, 12.0, &first);
        for line in &lines[1..] {
            y += 16.0;
            pdf = pdf.text(72.0, y, roman, 12.0, line);
        }
        y += 28.0;
    }
    pdf = pdf.text(72.0, y, italic, 12.0, "The meeting rose at 11.20 a.m.");
    pdf.build()
}

struct Fixture {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    text: PathBuf,
    scan: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().to_owned();
    let text_pdf = text_record();
    let scan_pdf = verbatim_ocr::fixture::image_only_pdf(&text_pdf, 150.0).expect("renders");
    let text = path.join("s_pv_9901.pdf");
    let scan = path.join("s_pv_9901_scan.pdf");
    std::fs::write(&text, &text_pdf).unwrap();
    std::fs::write(&scan, &scan_pdf).unwrap();
    Fixture {
        _dir: dir,
        dir: path,
        text,
        scan,
    }
}

fn gold(path: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["parse", s(path), "--format", "gold"];
    args.extend_from_slice(extra);
    serde_json::from_str(&ok(&verbatim(&args))).expect("gold JSON")
}

fn turns(gold: &serde_json::Value) -> Vec<(String, String)> {
    gold["turns"]
        .as_array()
        .expect("turns")
        .iter()
        .map(|t| {
            (
                t["speaker"].as_str().unwrap_or_default().to_owned(),
                t["affiliation"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_image_only_record_reads_as_its_text_original() {
    if !tesseract_installed() {
        return;
    }
    let f = fixture();
    let original = gold(&f.text, &["--no-style"]);
    let scanned = gold(&f.scan, &["--no-ocr-cache"]);
    assert_eq!(turns(&original).len(), 3, "{original:#}");
    assert_eq!(turns(&scanned), turns(&original));
    for key in [
        "symbol",
        "meeting_number",
        "date",
        "called_to_order",
        "adjourned",
    ] {
        assert_eq!(scanned[key], original[key], "{key}");
    }
    // The words of the speeches come through as well: where each turn starts and ends.
    let edges = |g: &serde_json::Value| -> Vec<String> {
        g["turns"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| [t["starts"].to_string(), t["ends"].to_string()])
            .collect()
    };
    assert_eq!(edges(&scanned), edges(&original));
}

#[test]
fn ocr_is_stated_in_the_source_provenance_and_diagnostics() {
    if !tesseract_installed() {
        return;
    }
    let f = fixture();
    let json: serde_json::Value =
        serde_json::from_str(&ok(&verbatim(&["parse", s(&f.scan), "--no-ocr-cache"]))).unwrap();
    let ocr = &json["source"]["ocr"];
    assert!(
        ocr["engine"].as_str().unwrap().starts_with("tesseract "),
        "{ocr}"
    );
    assert_eq!(ocr["languages"], "eng");
    assert_eq!(ocr["dpi"], 300);
    assert_eq!(ocr["pages"], serde_json::json!([0, 1]));
    let confidences: Vec<f64> = json["proceedings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["provenance"]["ocr_confidence"].as_f64())
        .collect();
    assert!(!confidences.is_empty());
    assert_eq!(
        confidences.len(),
        json["proceedings"].as_array().unwrap().len()
    );
    assert!(
        confidences.iter().all(|c| (0.5..=1.0).contains(c)),
        "{confidences:?}"
    );
    let diagnostics = json["diagnostics"].to_string();
    assert!(
        diagnostics.contains("2 of 2 pages read through OCR"),
        "{diagnostics}"
    );

    // The text original says nothing of OCR, and `--ocr never` refuses the scan by name.
    let text: serde_json::Value =
        serde_json::from_str(&ok(&verbatim(&["parse", s(&f.text)]))).unwrap();
    assert!(text["source"].get("ocr").is_none());
    assert!(!text.to_string().contains("ocr_confidence"));
    let out = verbatim(&["parse", s(&f.scan), "--ocr", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(s(&f.scan)), "{}", stderr(&out));
    assert!(stderr(&out).contains("no text layer"), "{}", stderr(&out));
}

#[test]
fn without_tesseract_the_error_names_the_file_and_how_to_install_it() {
    let f = fixture();
    let out = verbatim_command(&["parse", s(&f.scan), "--no-ocr-cache"])
        .env("VERBATIM_TESSERACT", "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(s(&f.scan)), "{err}");
    assert!(err.contains("apt-get install tesseract-ocr"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // A language without data is named as such.
    if tesseract_installed() {
        let out = verbatim(&["parse", s(&f.scan), "--no-ocr-cache", "--ocr-lang", "xyz"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains("no data for the language(s) xyz"),
            "{}",
            stderr(&out)
        );
    }
    // The text original needs no engine at all.
    let out = verbatim_command(&["parse", s(&f.text)])
        .env("VERBATIM_TESSERACT", "/nonexistent/tesseract")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A wrapper around tesseract that logs each recognition it runs, to count them.
fn counting_tesseract(dir: &Path) -> (PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let log = dir.join("tesseract.log");
    let script = dir.join("tesseract-counting");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncase \"$1\" in stdin) echo page >> '{}';; esac\nexec tesseract \"$@\"\n",
            log.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, log)
}

fn recognitions(log: &Path) -> usize {
    std::fs::read_to_string(log).map_or(0, |t| t.lines().count())
}

#[test]
fn a_second_ingest_reads_the_pages_from_the_cache() {
    if !tesseract_installed() {
        return;
    }
    let f = fixture();
    let data = f.dir.join("data");
    let (program, log) = counting_tesseract(&f.dir);
    let ingest = |extra: &[&str]| {
        let mut args = vec!["ingest", s(&f.scan), "--data", s(&data)];
        args.extend_from_slice(extra);
        let out = verbatim_command(&args)
            .env("VERBATIM_TESSERACT", &program)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    };
    ingest(&[]);
    assert_eq!(recognitions(&log), 2, "both pages read by the engine");
    assert!(data.join("cache").join("ocr").is_dir());
    let first = ok(&verbatim(&["show", "S/PV.9901", "--data", s(&data)]));
    // Parsed again on purpose: every page comes from the cache, and the stored meeting is the same.
    ingest(&["--reparse"]);
    assert_eq!(recognitions(&log), 2, "no page read again");
    assert_eq!(
        ok(&verbatim(&["show", "S/PV.9901", "--data", s(&data)])),
        first
    );
    // Without the cache the engine runs again.
    ingest(&["--reparse", "--no-ocr-cache"]);
    assert_eq!(recognitions(&log), 4);
    assert!(first.contains("Umarov"), "{first}");
}
