//! The store commands end to end: the real binary on real SQLite and Tantivy files in temporary
//! folders, fed with synthetic records it writes itself (`verbatim synth`), and with the real corpus
//! when it is present.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use verbatim_record::MeetingRecord;
use verbatim_store::{SearchQuery, Store, synth};

mod common;
use common::*;

fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_verbatim"));
    command.env_remove("VERBATIM_DATA");
    command
}

/// Starts `verbatim ingest RECS --data DATA --commit-every N` in the background, output discarded.
fn spawn_ingest(recs: &Path, data: &Path, commit_every: u32) -> std::process::Child {
    bin()
        .args([
            "ingest",
            s(recs),
            "--data",
            s(data),
            "--commit-every",
            &commit_every.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start verbatim ingest")
}

/// Writes `n` synthetic records (seed `seed`) as JSON into `dir` with the binary itself.
fn synth_corpus(dir: &Path, n: u64, seed: u64) {
    let out = verbatim(&[
        "synth",
        "--out",
        s(dir),
        "--meetings",
        &n.to_string(),
        "--seed",
        &seed.to_string(),
    ]);
    assert!(out.status.success(), "synth failed: {}", stderr(&out));
}

#[test]
fn ingest_search_show_votes_stats_and_reingest() {
    let tmp = tempfile::tempdir().unwrap();
    let recs = tmp.path().join("records");
    let data = tmp.path().join("data");
    synth_corpus(&recs, 20, 5);
    // A folder inside the folder: ingest walks recursively.
    std::fs::create_dir_all(recs.join("more")).unwrap();
    std::fs::write(recs.join("more/notes.txt"), "not a record").unwrap();

    let out = verbatim(&["ingest", s(&recs), "--data", s(&data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected: usize = synth::generate(5, 20)
        .map(|r| synth::speech_count(&r))
        .sum();
    let summary = stdout(&out);
    assert!(
        summary.contains("20 files, ")
            && summary.contains(&format!(
                "{expected} speeches: 20 stored, 0 replaced, 0 unchanged, 0 failed"
            )),
        "{summary}"
    );

    // Unchanged files are a no-op.
    let out = verbatim(&["ingest", s(&recs), "--data", s(&data)]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("0 stored, 0 replaced, 20 unchanged, 0 failed"),
        "{}",
        stdout(&out)
    );

    // A changed file replaces its meeting.
    let first = synth::meeting(5, 0);
    let file = recs.join(format!("{}.json", first.symbol.replace('/', "_")));
    let mut changed: MeetingRecord =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    changed.source.sha256 = "0".repeat(64);
    for p in &mut changed.proceedings {
        if let verbatim_record::ProceedingKind::Speech(s) = &mut p.kind {
            s.paragraphs
                .push("Xylophonic quintessence appears once.".to_owned());
            break;
        }
    }
    std::fs::write(&file, serde_json::to_string(&changed).unwrap()).unwrap();
    let out = verbatim(&["ingest", s(&file), "--data", s(&data)]);
    assert!(
        stdout(&out).contains("0 stored, 1 replaced, 0 unchanged"),
        "{}",
        stdout(&out)
    );

    let out = verbatim(&[
        "search",
        "xylophonic quintessence",
        "--format",
        "json",
        "--data",
        s(&data),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results["total"], 1);
    assert_eq!(results["hits"][0]["meeting"], first.symbol.as_str());

    // Text output with filters and pagination; the environment variable names the data folder.
    let out = bin()
        .args([
            "search",
            "ceasefire",
            "--body",
            "sc",
            "--limit",
            "2",
            "--page",
            "2",
        ])
        .env("VERBATIM_DATA", &data)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("speeches match (showing 3-4)"), "{text}");
    assert!(text.contains("[ceasefire]"), "{text}");

    let out = verbatim(&["search", "x", "--from", "2020-02-30x", "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid date"), "{}", stderr(&out));

    let out = verbatim(&["show", &first.symbol, "--data", s(&data)]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with(&first.symbol), "{text}");
    assert!(text.contains("Xylophonic quintessence appears once."));
    let out = verbatim(&["show", "S/PV.0", "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(1));

    // Votes of one country, checked against the generated records.
    let mut expected_votes = 0;
    for r in synth::generate(5, 20) {
        for p in &r.proceedings {
            if let verbatim_record::ProceedingKind::Vote(v) = &p.kind {
                expected_votes += [&v.in_favour, &v.against, &v.abstaining]
                    .iter()
                    .flat_map(|l| l.iter())
                    .filter(|c| c.code.as_deref() == Some("FRA"))
                    .count();
            }
        }
    }
    assert!(expected_votes > 0);
    let out = verbatim(&[
        "votes",
        "--country",
        "France",
        "--format",
        "json",
        "--data",
        s(&data),
    ]);
    let votes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(votes.len(), expected_votes);

    let out = verbatim(&[
        "kwic",
        "ceasefire agreement",
        "--sort",
        "right",
        "--limit",
        "3",
        "--data",
        s(&data),
    ]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].contains("ceasefire agreement"));

    let out = verbatim(&["stats", "--check", "--data", s(&data)]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("tables and index agree (20 meetings)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn failing_files_are_reported_skipped_and_set_the_exit_code() {
    let tmp = tempfile::tempdir().unwrap();
    let recs = tmp.path().join("records");
    let data = tmp.path().join("data");
    synth_corpus(&recs, 3, 9);
    std::fs::write(
        recs.join("broken.pdf"),
        b"%PDF-1.4 this is not really a PDF",
    )
    .unwrap();
    std::fs::write(recs.join("other.json"), b"{\"hello\": 1}").unwrap();
    let out = verbatim(&["ingest", s(&recs), "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("5 files, ")
            && stdout(&out).contains("3 stored, 0 replaced, 0 unchanged, 2 failed"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(err.contains("broken.pdf: "), "{err}");
    assert!(
        err.contains("other.json: not a meeting record JSON"),
        "{err}"
    );
    let store = Store::open_read_only(&data).unwrap();
    assert_eq!(store.stats().unwrap().meetings, 3);
}

#[test]
fn a_store_from_a_newer_verbatim_is_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    Store::open(&data).unwrap().close().unwrap();
    verbatim_store::testing::set_meta(&data, "schema_version", "7").unwrap();
    let out = verbatim(&["stats", "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("schema version 7, newer than"),
        "{}",
        stderr(&out)
    );
    let out = verbatim(&["search", "x", "--data", s(&tmp.path().join("nothing"))]);
    assert!(stderr(&out).contains("no store at"), "{}", stderr(&out));
}

/// Reads the number of meetings from a store another process is writing; None while it is not there yet.
fn meetings_now(data: &Path) -> Option<u64> {
    let store = Store::open_read_only(data).ok()?;
    store.stats().ok().map(|s| s.meetings)
}

#[test]
fn an_ingest_killed_mid_run_leaves_whole_meetings_and_a_rerun_completes() {
    const N: u64 = 400;
    let tmp = tempfile::tempdir().unwrap();
    let recs = tmp.path().join("records");
    let data: PathBuf = tmp.path().join("data");
    synth_corpus(&recs, N, 42);
    let mut child = spawn_ingest(&recs, &data, 7);
    let started = Instant::now();
    loop {
        if meetings_now(&data).is_some_and(|n| n >= 40) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "ingest made no progress"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // `Child::kill` sends SIGKILL on Unix: no destructor, no flush, no commit runs.
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = meetings_now(&data).unwrap();
    assert!(
        at_kill < N,
        "the ingest finished before the kill ({at_kill} meetings); use a larger corpus"
    );

    // Reopening for writing repairs the index; every stored meeting is whole and equal to its source.
    let store = Store::open(&data).unwrap();
    let consistency = store.check_consistency().unwrap();
    assert!(consistency.is_consistent(), "{consistency:?}");
    let mut stored = 0;
    let mut speeches = 0;
    for record in synth::generate(42, N) {
        if let Some(back) = store.meeting(&record.symbol).unwrap() {
            assert_eq!(back, record, "{} is not whole", record.symbol);
            stored += 1;
            speeches += synth::speech_count(&record) as u64;
        }
    }
    let stats = store.stats().unwrap();
    assert_eq!(stats.meetings, stored);
    assert_eq!(
        (stats.speeches, stats.index_documents),
        (speeches, speeches)
    );
    store.close().unwrap();

    let out = verbatim(&["ingest", s(&recs), "--data", s(&data)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!(
            "{} stored, 0 replaced, {stored} unchanged, 0 failed",
            N - stored
        )),
        "{}",
        stdout(&out)
    );
    let out = verbatim(&["stats", "--check", "--data", s(&data)]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(&format!("meetings     {N}")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn searches_in_another_process_during_an_ingest_see_whole_meetings() {
    const N: u64 = 150;
    let tmp = tempfile::tempdir().unwrap();
    let recs = tmp.path().join("records");
    let data = tmp.path().join("data");
    synth_corpus(&recs, N, 77);
    let per_meeting: std::collections::BTreeMap<String, u64> = synth::generate(77, N)
        .map(|r| (r.symbol.clone(), synth::speech_count(&r) as u64))
        .collect();
    // Create the store first so that the reader can open it while the ingest runs.
    Store::open(&data).unwrap().close().unwrap();
    let mut child = spawn_ingest(&recs, &data, 3);
    let reader = Store::open_read_only(&data).unwrap();
    let mut snapshots_with_meetings = 0;
    let started = Instant::now();
    loop {
        let finished = child.try_wait().unwrap().is_some();
        reader.refresh().unwrap();
        let mut q = SearchQuery::new("");
        q.limit = 100_000;
        let r = reader.search(&q).unwrap();
        let mut seen: std::collections::BTreeMap<&str, u64> = Default::default();
        for hit in &r.hits {
            *seen.entry(hit.meeting.as_str()).or_insert(0) += 1;
        }
        for (symbol, got) in &seen {
            assert_eq!(*got, per_meeting[*symbol], "{symbol} partly visible");
        }
        if !seen.is_empty() && (seen.len() as u64) < N {
            snapshots_with_meetings += 1;
        }
        if finished {
            assert_eq!(seen.len() as u64, N);
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "ingest too slow"
        );
    }
    assert!(child.wait().unwrap().success());
    // At least one snapshot was taken mid-ingest, or the test proved nothing.
    assert!(
        snapshots_with_meetings > 0,
        "no snapshot was taken during the ingest"
    );
}

/// Every real record that parses is stored whole, and each of its speeches is found by a phrase taken
/// from its own text, within its meeting. This checks the store on real text, not the parser's accuracy.
#[test]
fn real_records_are_stored_and_every_speech_is_found_by_its_own_words() {
    let Some(corpus) = corpus_dir() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = verbatim(&["ingest", s(&corpus.join("pv")), "--data", s(&data)]);
    let summary = stdout(&out);
    let n_pdfs = std::fs::read_dir(corpus.join("pv"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        })
        .count();
    assert!(
        summary.contains(&format!("{n_pdfs} files, ")),
        "{summary}\n{}",
        stderr(&out)
    );
    // Failures are allowed while the parser grows, but each must name its file and reason.
    for line in stderr(&out)
        .lines()
        .filter(|l| l.starts_with("verbatim: failed: "))
    {
        assert!(line.contains(".pdf: "), "{line}");
    }
    let store = Store::open_read_only(&data).unwrap();
    let list = store
        .list_meetings(
            &Default::default(),
            verbatim_store::Page {
                offset: 0,
                limit: 100,
            },
        )
        .unwrap();
    let mut checked = 0;
    for summary in &list.meetings {
        let record = store.meeting(&summary.symbol).unwrap().unwrap();
        for p in &record.proceedings {
            let verbatim_record::ProceedingKind::Speech(s) = &p.kind else {
                continue;
            };
            let text = s.paragraphs.join(" ");
            let words: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() < 3 {
                continue;
            }
            let mid = words.len() / 2 - 1;
            let phrase = format!("\"{} {} {}\"", words[mid], words[mid + 1], words[mid + 2]);
            let mut q = SearchQuery::new(phrase.clone());
            q.filter.meeting = Some(record.symbol.clone());
            q.limit = 1000;
            let r = store.search(&q).unwrap();
            assert!(
                r.hits.iter().any(|h| h.seq == p.seq),
                "{} #{}: {phrase} not found",
                record.symbol,
                p.seq
            );
            checked += 1;
        }
    }
    let consistency = store.check_consistency().unwrap();
    assert!(consistency.is_consistent(), "{consistency:?}");
    eprintln!(
        "{} real meetings stored, {checked} speeches found by their own words",
        list.total
    );
}

#[test]
fn a_second_ingest_skips_pdfs_this_build_has_parsed_and_reparse_forces_them() {
    let Some(corpus) = corpus_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let pdfs = tmp.path().join("pdfs");
    let data = tmp.path().join("data");
    std::fs::create_dir_all(&pdfs).unwrap();
    // Copies in a temporary folder, so that the test can change one of them.
    for name in ["sc_2018_8422.pdf", "sc_1997_3756.pdf"] {
        std::fs::copy(corpus.join("pv").join(name), pdfs.join(name)).unwrap();
    }
    let first = ok(&verbatim(&["ingest", s(&pdfs), "--data", s(&data)]));
    assert!(
        first.contains("2 stored, 0 replaced, 0 unchanged, 0 failed"),
        "{first}"
    );
    let totals = first.split(':').next().unwrap().to_owned();

    // Same build, same files: nothing is parsed, and the summary still counts what is stored.
    let second = ok(&verbatim(&["ingest", s(&pdfs), "--data", s(&data)]));
    assert!(
        second.contains("0 stored, 0 replaced, 2 unchanged (2 already parsed by this build"),
        "{second}"
    );
    assert_eq!(second.split(':').next().unwrap(), totals, "{second}");

    // --reparse parses them again; the records come out the same.
    let forced = ok(&verbatim(&[
        "ingest",
        s(&pdfs),
        "--data",
        s(&data),
        "--reparse",
    ]));
    assert!(forced.contains("2 unchanged, 0 failed"), "{forced}");
    assert!(!forced.contains("already parsed"), "{forced}");

    // Sources parsed by another build are parsed again, and then noted as parsed by this one.
    verbatim_store::testing::set_source_parser(&data, "an older build").unwrap();
    let upgraded = ok(&verbatim(&["ingest", s(&pdfs), "--data", s(&data)]));
    assert!(upgraded.contains("2 unchanged, 0 failed"), "{upgraded}");
    let again = ok(&verbatim(&["ingest", s(&pdfs), "--data", s(&data)]));
    assert!(again.contains("(2 already parsed by this build"), "{again}");

    // A changed file (another hash) is parsed; a truncated copy fails and the stored meeting stays.
    let bytes = std::fs::read(pdfs.join("sc_1997_3756.pdf")).unwrap();
    std::fs::write(pdfs.join("sc_1997_3756.pdf"), &bytes[..bytes.len() / 3]).unwrap();
    let out = verbatim(&["ingest", s(&pdfs), "--data", s(&data)]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 unchanged (1 already parsed by this build"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("sc_1997_3756.pdf"),
        "{}",
        stderr(&out)
    );
    let store = Store::open_read_only(&data).unwrap();
    assert_eq!(store.stats().unwrap().meetings, 2);
}

/// A reader that stops after one line (`verbatim search ... | head -1`) closes the pipe; each reading
/// command then ends quietly (exit 0), without a panic message.
#[test]
fn a_closed_pipe_ends_reading_commands_quietly() {
    use std::io::{BufRead, BufReader};
    let tmp = tempfile::tempdir().unwrap();
    let recs = tmp.path().join("records");
    let data = tmp.path().join("data");
    synth_corpus(&recs, 30, 9);
    ok(&verbatim(&["ingest", s(&recs), "--data", s(&data)]));
    let first_record = std::fs::read_dir(&recs)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .min()
        .expect("a synthetic record");
    let record: MeetingRecord =
        serde_json::from_str(&std::fs::read_to_string(first_record).unwrap()).unwrap();
    let symbol = record.symbol.clone();
    // KWIC of a common word prints far more than a pipe holds, so the pipe is closed mid-output.
    let full = ok(&verbatim(&[
        "kwic",
        "the",
        "--limit",
        "2000",
        "--data",
        s(&data),
    ]));
    assert!(full.len() > 128 * 1024, "{} bytes", full.len());
    let commands: Vec<Vec<&str>> = vec![
        vec!["stats"],
        vec!["show", &symbol],
        vec!["search", "the", "--limit", "200"],
        vec!["kwic", "the", "--limit", "2000"],
    ];
    for args in commands {
        let mut child = bin()
            .args(&args)
            .args(["--data", s(&data)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start verbatim");
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        reader.read_line(&mut first).unwrap();
        assert!(!first.is_empty(), "{args:?} printed nothing");
        drop(reader);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
