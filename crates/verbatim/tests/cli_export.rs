//! `verbatim export` on records parsed from real PDFs: the JSONL round trip through `import jsonl`,
//! the CSV and Parquet tables read back by independent readers (the parquet crate's row reader, and
//! pyarrow where Python has it), the corpus layout and the voting-data layout, and the filters.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use verbatim_record::{MeetingRecord, ProceedingKind};
use verbatim_store::Store;

mod common;
use common::*;

const PDFS: [&str; 3] = ["sc_2018_8422.pdf", "sc_1997_3756.pdf", "ga_64_121.pdf"];

/// A store holding the three records parsed from their PDFs.
fn store_of_pdfs(corpus: &Path, data: &Path) {
    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(
        PDFS.iter()
            .map(|f| corpus.join("pv").join(f).to_string_lossy().into_owned()),
    );
    args.extend(["--data".into(), s(data).into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&verbatim(&args));
}

fn export(data: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "export",
        "--format",
        format,
        "--out",
        s(out),
        "--data",
        s(data),
    ];
    args.extend_from_slice(extra);
    ok(&verbatim(&args))
}

/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks); an empty field is None.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                other => field.push(other),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            other => field.push(other),
        }
    }
    let header = records.remove(0);
    let rows = records
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|f| (!f.is_empty()).then_some(f))
                .collect()
        })
        .collect();
    (header, rows)
}

/// Reads a Parquet file with the parquet crate's row reader (not the writer's code path); cells as
/// text, null and empty as None.
fn read_parquet(path: &Path) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;
    let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
    let header: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).unwrap() {
        let row = row.unwrap();
        let cells = row
            .get_column_iter()
            .map(|(_, field)| match field {
                Field::Null => None,
                Field::Str(v) if v.is_empty() => None,
                Field::Str(v) => Some(v.clone()),
                Field::Long(n) => Some(n.to_string()),
                Field::Bool(b) => Some(b.to_string()),
                other => panic!("unexpected Parquet field {other:?}"),
            })
            .collect();
        rows.push(cells);
    }
    (header, rows)
}

fn records(store: &Store) -> Vec<MeetingRecord> {
    let list = store
        .list_meetings(
            &Default::default(),
            verbatim_store::Page {
                offset: 0,
                limit: 100,
            },
        )
        .unwrap();
    let mut out: Vec<MeetingRecord> = list
        .meetings
        .iter()
        .map(|m| store.meeting(&m.symbol).unwrap().unwrap())
        .collect();
    out.sort_by(|a, b| a.symbol.cmp(&b.symbol));
    out
}

#[test]
fn pdf_records_survive_export_and_import_as_jsonl() {
    let Some(corpus) = corpus_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    store_of_pdfs(&corpus, &a);
    let out_a = tmp.path().join("out_a");
    let summary = export(&a, "jsonl", &out_a, &[]);
    assert!(summary.contains("3 meetings exported"), "{summary}");
    let jsonl = out_a.join("meetings.jsonl");
    let imported = ok(&verbatim(&["import", "jsonl", s(&jsonl), "--data", s(&b)]));
    assert!(imported.contains("3 records: 3 stored"), "{imported}");

    let (ra, rb) = (
        records(&Store::open_read_only(&a).unwrap()),
        records(&Store::open_read_only(&b).unwrap()),
    );
    assert_eq!(ra.len(), 3);
    assert_eq!(ra, rb, "the same records after the round trip");
    // The line is the record with its schema version, and the manifest names the versions.
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(&jsonl)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        first["schema_version"],
        verbatim_record::RECORD_SCHEMA_VERSION
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_a.join("manifest.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["format"], "jsonl");
    assert_eq!(
        manifest["export_schema_version"],
        verbatim_export::EXPORT_SCHEMA_VERSION
    );

    // Exporting the imported store gives the same bytes.
    let out_b = tmp.path().join("out_b");
    export(&b, "jsonl", &out_b, &[]);
    assert_eq!(
        std::fs::read(&jsonl).unwrap(),
        std::fs::read(out_b.join("meetings.jsonl")).unwrap()
    );

    // A record of a newer schema is refused, line by line.
    let newer = tmp.path().join("newer.jsonl");
    let mut record = ra[0].clone();
    record.schema_version = verbatim_record::RECORD_SCHEMA_VERSION + 1;
    std::fs::write(&newer, serde_json::to_string(&record).unwrap() + "\n").unwrap();
    let out = verbatim(&["import", "jsonl", s(&newer), "--data", s(&b)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer"));
}

#[test]
fn csv_and_parquet_tables_hold_the_same_rows_as_the_records() {
    let Some(corpus) = corpus_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    store_of_pdfs(&corpus, &data);
    let (csv_dir, pq_dir) = (tmp.path().join("csv"), tmp.path().join("parquet"));
    export(&data, "csv", &csv_dir, &[]);
    export(&data, "parquet", &pq_dir, &[]);
    let recs = records(&Store::open_read_only(&data).unwrap());

    let mut tables: BTreeMap<&str, Vec<Vec<Option<String>>>> = BTreeMap::new();
    for table in verbatim_export::TABLES {
        let (csv_header, csv_rows) = read_csv(&csv_dir.join(format!("{}.csv", table.name)));
        let (pq_header, pq_rows) = read_parquet(&pq_dir.join(format!("{}.parquet", table.name)));
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(csv_header, names, "{} CSV header", table.name);
        assert_eq!(pq_header, names, "{} Parquet columns", table.name);
        assert_eq!(csv_rows, pq_rows, "{}: CSV and Parquet rows", table.name);
        tables.insert(table.name, pq_rows);
    }

    // The rows say what the records say.
    assert_eq!(tables["meetings"].len(), 3);
    let mut speeches = Vec::new();
    let mut positions = Vec::new();
    for r in &recs {
        for p in &r.proceedings {
            match &p.kind {
                ProceedingKind::Speech(sp) => speeches.push((
                    r.symbol.clone(),
                    p.seq,
                    sp.speaker.name.clone(),
                    sp.paragraphs.join("\n\n"),
                )),
                ProceedingKind::Vote(v) => {
                    for (position, list) in [
                        ("in_favour", &v.in_favour),
                        ("against", &v.against),
                        ("abstaining", &v.abstaining),
                    ] {
                        for c in list {
                            positions.push((
                                r.symbol.clone(),
                                p.seq,
                                position,
                                c.name.clone(),
                                c.code.clone(),
                            ));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut speech_rows: Vec<(String, u32, String, String)> = tables["speeches"]
        .iter()
        .map(|row| {
            (
                row[0].clone().unwrap(),
                row[1].as_deref().unwrap().parse().unwrap(),
                row[3].clone().unwrap_or_default(),
                row[16].clone().unwrap_or_default(),
            )
        })
        .collect();
    speech_rows.sort();
    speeches.sort();
    assert_eq!(speech_rows, speeches);
    assert!(speeches.len() > 50);
    let mut position_rows: Vec<(String, u32, &str, String, Option<String>)> =
        tables["vote_positions"]
            .iter()
            .map(|row| {
                (
                    row[0].clone().unwrap(),
                    row[1].as_deref().unwrap().parse().unwrap(),
                    match row[2].as_deref().unwrap() {
                        "in_favour" => "in_favour",
                        "against" => "against",
                        _ => "abstaining",
                    },
                    row[4].clone().unwrap(),
                    row[5].clone(),
                )
            })
            .collect();
    position_rows.sort();
    positions.sort();
    assert_eq!(position_rows, positions);
    assert!(
        positions.len() >= 30,
        "S/PV.8422 and S/PV.3756 list 15 each"
    );

    // pyarrow, where Python has it, reads the same row counts and texts.
    let has_pyarrow = Command::new("python3")
        .args(["-c", "import pyarrow"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_pyarrow {
        eprintln!(
            "note: pyarrow is not installed: the Parquet files were read by the parquet crate only"
        );
        return;
    }
    let script = r#"
import json, sys, pyarrow.parquet as pq
out = {}
for name in sys.argv[2:]:
    t = pq.read_table(sys.argv[1] + "/" + name + ".parquet")
    out[name] = {"rows": t.num_rows, "columns": t.column_names, "first": t.column(0).to_pylist()}
    if name == "speeches":
        out[name]["text"] = t.column("text").to_pylist()
print(json.dumps(out))
"#;
    let mut args = vec!["-c".to_owned(), script.to_owned(), s(&pq_dir).to_owned()];
    args.extend(verbatim_export::TABLES.iter().map(|t| t.name.to_owned()));
    let out = Command::new("python3").args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for table in verbatim_export::TABLES {
        let rows = &tables[table.name];
        assert_eq!(seen[table.name]["rows"], rows.len(), "{}", table.name);
        let first: Vec<Option<String>> = rows.iter().map(|r| r[0].clone()).collect();
        assert_eq!(
            seen[table.name]["first"],
            serde_json::to_value(&first).unwrap()
        );
    }
    let texts: Vec<Option<String>> = tables["speeches"].iter().map(|r| r[16].clone()).collect();
    assert_eq!(
        seen["speeches"]["text"],
        serde_json::to_value(&texts).unwrap()
    );
}

#[test]
fn corpus_layout_votes_layout_and_filters() {
    let Some(corpus) = corpus_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    store_of_pdfs(&corpus, &data);
    let recs = records(&Store::open_read_only(&data).unwrap());

    // The corpus layout: Security Council records only; the General Assembly record is reported.
    let scd = tmp.path().join("scd");
    let out = verbatim(&[
        "export",
        "--format",
        "scd",
        "--out",
        s(&scd),
        "--data",
        s(&data),
    ]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped A/64/PV.121"));
    let first = std::fs::read_to_string(scd.join("UNSC_2018_SPV.8422_spch001.txt")).unwrap();
    let r8422 = recs.iter().find(|r| r.symbol == "S/PV.8422").unwrap();
    let ProceedingKind::Speech(sp) = &r8422
        .proceedings
        .iter()
        .find(|p| matches!(p.kind, ProceedingKind::Speech(_)))
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    assert_eq!(
        first,
        format!("{}: {}\n", sp.speaker.heading, sp.paragraphs.join("\n\n"))
    );
    let table = std::fs::read_to_string(scd.join("speaker.tsv")).unwrap();
    let row = table
        .lines()
        .find(|l| l.contains("UNSC_2018_SPV.8422_spch001.txt"))
        .unwrap();
    let cells: Vec<&str> = row.split('\t').collect();
    assert_eq!(cells.len(), 26);
    assert_eq!(cells[2], "13 December 2018");
    assert_eq!(cells[23], "S/PV.8422");

    // The voting-data layout: one row per country per vote; the veto of S/1997/241 is an N.
    let votes = tmp.path().join("votes");
    export(&data, "votes", &votes, &[]);
    let (header, rows) = read_csv(&votes.join("votes.csv"));
    assert_eq!(&header[..4], ["undl_id", "ms_code", "ms_name", "ms_vote"]);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let listed: usize = recs
        .iter()
        .flat_map(|r| &r.proceedings)
        .map(|p| match &p.kind {
            ProceedingKind::Vote(v) => v.in_favour.len() + v.against.len() + v.abstaining.len(),
            _ => 0,
        })
        .sum();
    let non_voting = rows
        .iter()
        .filter(|r| r[col("ms_vote")].as_deref() == Some("X"))
        .count();
    assert_eq!(rows.len(), listed + non_voting);
    let usa_veto = rows
        .iter()
        .find(|r| {
            r[col("draft")].as_deref() == Some("S/1997/241")
                && r[col("ms_code")].as_deref() == Some("USA")
        })
        .expect("the United States' vote on S/1997/241");
    assert_eq!(usa_veto[col("ms_vote")].as_deref(), Some("N"));
    assert_eq!(usa_veto[col("meeting")].as_deref(), Some("S/PV.3756"));

    // Filters: a country keeps its own speeches; a meeting keeps one meeting.
    let fra = tmp.path().join("fra");
    export(&data, "csv", &fra, &["--country", "FRA"]);
    let (h, speeches) = read_csv(&fra.join("speeches.csv"));
    let code = h.iter().position(|c| c == "country_code").unwrap();
    assert!(!speeches.is_empty());
    assert!(speeches.iter().all(|r| r[code].as_deref() == Some("FRA")));
    let one = tmp.path().join("one");
    let summary = export(&data, "jsonl", &one, &["--meeting", "S/PV.3756"]);
    assert!(summary.contains("1 meetings exported"), "{summary}");
    let text = std::fs::read_to_string(one.join("meetings.jsonl")).unwrap();
    let only: MeetingRecord = serde_json::from_str(text.trim()).unwrap();
    assert_eq!(only.symbol, "S/PV.3756");
    let fra_votes = tmp.path().join("fra_votes");
    export(&data, "votes", &fra_votes, &["--country", "France"]);
    let (_, rows) = read_csv(&fra_votes.join("votes.csv"));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[1].as_deref() == Some("FRA")));
}
