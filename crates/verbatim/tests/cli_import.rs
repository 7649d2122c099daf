//! `verbatim import scd` as a researcher runs it: the real Security Council Debates sample in
//! ../shared/corpus/speeches, imported, exported back in the corpus layout and compared with the
//! original files; a corpus table in the v6.1 layout the test writes itself; and the rule that a
//! meeting parsed from its PDF is not replaced by the corpus's text.

use std::collections::BTreeMap;
use std::path::Path;

use verbatim_record::{MeetingRecord, ProceedingKind, Role, Speech};
use verbatim_store::Store;

mod common;
use common::*;

fn speeches(record: &MeetingRecord) -> Vec<&Speech> {
    record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Speech(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Decodes a corpus file the way a reader of the corpus would: UTF-8, or else the Windows-1252
/// characters that occur in the sample (any other byte fails the test, so that a new one is noticed).
fn decode_original(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    bytes
        .iter()
        .map(|&b| match b {
            0x00..=0x7f | 0xa0..=0xff => b as char,
            0x85 => '…',
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x96 => '–',
            0x97 => '—',
            other => panic!("unexpected Windows-1252 byte {other:#x} in the sample"),
        })
        .collect()
}

/// The text without whitespace and hyphens: reflowing joins hard line breaks and resolves line-end
/// hyphens, and nothing else may change.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}'))
        .collect()
}

/// Reads a TSV table written by Python's or R's csv writers (quoted fields may hold line breaks).
fn read_tsv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let table = verbatim_record::scd::Table::parse(&text).unwrap();
    table
        .rows
        .iter()
        .map(|row| {
            table
                .columns
                .iter()
                .cloned()
                .zip(row.iter().cloned())
                .collect()
        })
        .collect()
}

#[test]
fn scd_sample_imports_and_exports_back_to_the_same_texts_and_metadata() {
    let Some(corpus) = corpus_dir_with(&["speeches", "pv"]) else {
        return;
    };
    let speeches_dir = corpus.join("speeches");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = ok(&verbatim(&[
        "import",
        "scd",
        s(&speeches_dir),
        "--data",
        s(&data),
    ]));
    assert!(
        out.contains("163 speech files: 163 speeches in 9 meetings stored (9 new, 0 replaced"),
        "{out}"
    );

    {
        let store = Store::open_read_only(&data).unwrap();
        // The file without a symbol: its meeting is unknown, never invented.
        let unknown = store
            .meeting("unknown:000_bc50d830ca4e0246")
            .unwrap()
            .expect("the file without a symbol is imported");
        assert_eq!(unknown.date, None);
        let sp = &speeches(&unknown)[0].speaker;
        assert_eq!(sp.name, "Mr. Umarov");
        assert_eq!(sp.affiliation.as_deref(), Some("Kazakhstan"));
        assert_eq!(sp.country_code.as_deref(), Some("KAZ"));

        // A resumption, from "SPV.4726Resumption1" in the file names.
        let r = store.meeting("S/PV.4726 (Resumption 1)").unwrap().unwrap();
        assert_eq!((r.meeting_number, r.resumption), (Some(4726), Some(1)));
        assert_eq!(speeches(&r).len(), 65);
        // No metadata row for 2003: the date stays unknown; headings still give speaker and language.
        assert_eq!(r.date, None);
        let canada = &speeches(&r)[3];
        assert_eq!(canada.speaker.name, "Mr. Heinbecker");
        assert_eq!(canada.speaker.country_code.as_deref(), Some("CAN"));
        assert_eq!(canada.spoke_in.as_deref(), Some("French"));
        // Hard line breaks are reflowed into paragraphs.
        assert!(canada.paragraphs.len() > 3);
        assert!(canada.paragraphs.iter().all(|p| !p.contains('\n')));

        // Metadata from the table: date, topic, participant types.
        let m = store.meeting("S/PV.7138").unwrap().unwrap();
        assert_eq!(m.date.as_deref(), Some("2014-03-15"));
        assert!(
            m.agenda[0]
                .title
                .starts_with("Letter dated 28 February 2014")
        );
        assert_eq!(
            m.president.as_ref().and_then(|p| p.name.as_deref()),
            Some("Ms. Lucas")
        );
        let list = speeches(&m);
        assert_eq!(list[1].speaker.role, Role::Member); // Mr. Churkin, "Mentioned"
        assert_eq!(list[1].spoke_in.as_deref(), Some("Russian"));
        assert_eq!(list[17].speaker.role, Role::NonMember); // Mr. Sergeyev (Ukraine), "Guest"
        assert_eq!(list[0].speaker.role, Role::President);

        // The 2020 letter-format meeting is filed under its letter's symbol.
        let letter = store.meeting("S/2020/397").unwrap().unwrap();
        assert_eq!(speeches(&letter).len(), 16);
        // Windows-1252 files are decoded (the apostrophe of "Council's").
        let vtc = store.meeting("S/PV.8698").unwrap().unwrap();
        assert!(speeches(&vtc)[2].paragraphs[0].contains("Council\u{2019}s"));
    }

    // Export in the corpus layout and compare with the original files.
    let exported = tmp.path().join("scd");
    ok(&verbatim(&[
        "export",
        "--format",
        "scd",
        "--out",
        s(&exported),
        "--data",
        s(&data),
    ]));
    let mut originals: Vec<String> = std::fs::read_dir(&speeches_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    originals.sort();
    let mut written: Vec<String> = std::fs::read_dir(&exported)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    written.sort();
    assert_eq!(originals, written, "the same file names come back");
    for name in &originals {
        let original = decode_original(&std::fs::read(speeches_dir.join(name)).unwrap());
        let back = std::fs::read_to_string(exported.join(name)).unwrap();
        assert_eq!(letters(&original), letters(&back), "text of {name}");
    }

    // The metadata of every row of the original table comes back. Names and countries are compared
    // without letter case: the corpus title-cases them ("United States Of America"), the export
    // writes the UN's spelling ("United States of America").
    let original_rows = read_tsv(&speeches_dir.join("speaker_03_preproc.tsv"));
    let back_rows: BTreeMap<String, BTreeMap<String, String>> =
        read_tsv(&exported.join("speaker.tsv"))
            .into_iter()
            .map(|row| (row["filename"].clone(), row))
            .collect();
    let mut compared = 0;
    for row in &original_rows {
        let Some(back) = back_rows.get(&row["filename"]) else {
            continue;
        };
        compared += 1;
        for (from, to) in [
            ("speaker", "speaker"),
            ("country", "country_org"),
            ("participanttype", "participanttype"),
            ("role_in_un", "role"),
            ("date", "date"),
            ("year", "year"),
            ("month", "month"),
            ("day", "day"),
            ("topic", "topic"),
            ("speech", "speech_number"),
        ] {
            assert_eq!(
                row[from].to_lowercase(),
                back[to].to_lowercase(),
                "{} {from}",
                row["filename"]
            );
        }
    }
    assert_eq!(
        compared, 33,
        "rows of the table that have a file in the sample"
    );
    let header = std::fs::read_to_string(exported.join("speaker.tsv")).unwrap();
    assert!(header.starts_with(
        "\tfilename\tdate\tday\tmonth\tyear\tspeaker\tspeaker_undl\tspeaker_country\tcountry_org\trole\t\
         participanttype\tspeech_number\trecord_speech\ttokens\ttypes\tsentences\ttopic\tagenda_item1\t\
         agenda_item2\tagenda_item3\tagenda_item4\tagenda_item_manual\tdocument_symbol\tmeeting_symbol\t\
         speech_format\n"
    ));

    // The exported folder is a corpus in the v6.1 layout: importing it gives the same speeches.
    let data2 = tmp.path().join("data2");
    ok(&verbatim(&[
        "import",
        "scd",
        s(&exported),
        "--data",
        s(&data2),
    ]));
    let a = Store::open_read_only(&data).unwrap();
    let b = Store::open_read_only(&data2).unwrap();
    let list = a
        .list_meetings(
            &Default::default(),
            verbatim_store::Page {
                offset: 0,
                limit: 100,
            },
        )
        .unwrap();
    assert_eq!(list.total, 9);
    for summary in list.meetings {
        let ra = a.meeting(&summary.symbol).unwrap().unwrap();
        let rb = b.meeting(&summary.symbol).unwrap().unwrap();
        assert_eq!(ra.date, rb.date, "{}", ra.symbol);
        let (sa, sb) = (speeches(&ra), speeches(&rb));
        assert_eq!(sa.len(), sb.len());
        for (x, y) in sa.iter().zip(&sb) {
            assert_eq!(x.paragraphs, y.paragraphs, "{}", ra.symbol);
            assert_eq!(x.spoke_in, y.spoke_in);
            assert_eq!(x.speaker.role, y.speaker.role, "{}", ra.symbol);
            assert_eq!(x.speaker.country_code, y.speaker.country_code);
        }
    }
}

/// A corpus folder in the v6.1 layout, written here: `country_org` beside an empty `speaker_country`,
/// a quoted field with a line break, a resumption, a letter-format meeting, two-digit speech numbers
/// and a file without a row.
#[test]
fn v61_table_with_embedded_newline_and_files_without_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (
            "UNSC_2005_SPV.5100Resumption2_spch01.txt",
            "Mr. Dupont (France) (spoke in French): Nous\nsommes recon-\nnaissants.\n\nDeuxième paragraphe.\n",
        ),
        (
            "UNSC_2005_SPV.5100Resumption2_spch02.txt",
            "The President: I thank the representative\nof France.\n",
        ),
        (
            "UNSC_2020_SPV.2020_250_spch01.txt",
            "We thank the Special Representative for her briefing.\n",
        ),
        (
            "UNSC_2005_SPV.5101_spch01.txt",
            "Sir Emyr Jones Parry (United Kingdom): The United Kingdom\nwelcomes the report.\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let header = "\tfilename\tdate\tday\tmonth\tyear\tspeaker\tspeaker_undl\tspeaker_country\tcountry_org\trole\tparticipanttype\tspeech_number\trecord_speech\ttokens\ttypes\tsentences\ttopic\tagenda_item1\tagenda_item2\tagenda_item3\tagenda_item4\tagenda_item_manual\tdocument_symbol\tmeeting_symbol\tspeech_format";
    let row = |i: u32,
               file: &str,
               speaker: &str,
               country: &str,
               ptype: &str,
               n: u32,
               topic: &str,
               doc: &str,
               meeting: &str,
               format: &str| {
        format!(
            "{i}\t{file}\t3 May 2005\t3\t5\t2005\t{speaker}\t\t\t{country}\t\t{ptype}\t{n}\t\t10\t9\t1\t{topic}\tEurope\t\t\t\t\t{doc}\t{meeting}\t{format}"
        )
    };
    let table = [
        header.to_owned(),
        row(
            1,
            "UNSC_2005_SPV.5100Resumption2_spch01.txt",
            "Mr. Dupont",
            "France",
            "Mentioned",
            1,
            "\"The situation in\nthe Middle East\"",
            "S/PV.5100(Resumption2)",
            "S/PV.5100 (Resumption 2)",
            "in person",
        ),
        row(
            2,
            "UNSC_2005_SPV.5100Resumption2_spch02.txt",
            "Mr. Rowe",
            "Jamaica",
            "The President",
            2,
            "\"The situation in\nthe Middle East\"",
            "",
            "S/PV.5100 (Resumption 2)",
            "in person",
        ),
        row(
            3,
            "UNSC_2020_SPV.2020_250_spch01.txt",
            "Mr. Abarry",
            "Niger",
            "Mentioned",
            1,
            "Iraq",
            "S/2020/250",
            "",
            "VTC",
        ),
    ]
    .join("\n");
    std::fs::write(dir.join("speaker.tsv"), format!("{table}\n")).unwrap();

    let data = tmp.path().join("data");
    let out = verbatim(&["import", "scd", s(&dir), "--data", s(&data)]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("4 speech files: 4 speeches in 3 meetings stored (3 new"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Columns the record model has no place for are named, not silently dropped.
    assert!(stderr.contains("agenda_item1"), "{stderr}");

    let store = Store::open_read_only(&data).unwrap();
    let r = store.meeting("S/PV.5100 (Resumption 2)").unwrap().unwrap();
    assert_eq!(r.date.as_deref(), Some("2005-05-03"));
    assert_eq!(r.agenda[0].title, "The situation in\nthe Middle East");
    let list = speeches(&r);
    assert_eq!(list[0].speaker.country_code.as_deref(), Some("FRA"));
    assert_eq!(list[0].speaker.role, Role::Member);
    assert_eq!(list[0].spoke_in.as_deref(), Some("French"));
    assert_eq!(
        list[0].paragraphs,
        vec!["Nous sommes reconnaissants.", "Deuxième paragraphe."]
    );
    assert_eq!(list[1].speaker.role, Role::President);
    assert_eq!(
        r.president.as_ref().and_then(|p| p.country_code.as_deref()),
        Some("JAM")
    );

    // The letter-format meeting: no heading, so the speaker comes from the row.
    let letter = store.meeting("S/2020/250").unwrap().unwrap();
    let sp = &speeches(&letter)[0].speaker;
    assert_eq!(sp.name, "Mr. Abarry");
    assert_eq!(sp.heading, "");
    assert_eq!(sp.country_code.as_deref(), Some("NER"));

    // No row: speaker from the heading alone, membership unknown, date unknown.
    let alone = store.meeting("S/PV.5101").unwrap().unwrap();
    assert_eq!(alone.date, None);
    let sp = &speeches(&alone)[0].speaker;
    assert_eq!(sp.name, "Sir Emyr Jones Parry");
    assert_eq!(sp.country_code.as_deref(), Some("GBR"));
    assert_eq!(sp.role, Role::Other);
}

#[test]
fn a_meeting_stored_from_its_pdf_is_not_replaced_by_the_corpus() {
    let Some(corpus) = corpus_dir_with(&["speeches", "pv"]) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let pdf = corpus.join("pv/sc_2018_8422.pdf");
    ok(&verbatim(&["ingest", s(&pdf), "--data", s(&data)]));

    let dir = tmp.path().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("UNSC_2018_SPV.8422_spch001.txt"),
        "The President: The corpus's copy of this speech.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("UNSC_2018_SPV.8423_spch001.txt"),
        "The President: A meeting only the corpus has.\n",
    )
    .unwrap();
    let out = ok(&verbatim(&["import", "scd", s(&dir), "--data", s(&data)]));
    assert!(
        out.contains("S/PV.8422: already stored from sc_2018_8422.pdf"),
        "{out}"
    );
    assert!(
        out.contains("1 meetings already stored from their PDF"),
        "{out}"
    );

    let store = Store::open_read_only(&data).unwrap();
    let kept = store.meeting("S/PV.8422").unwrap().unwrap();
    assert_eq!(kept.source.file, "sc_2018_8422.pdf");
    assert!(
        speeches(&kept)
            .iter()
            .all(|s| !s.paragraphs.concat().contains("corpus's copy"))
    );
    assert!(store.meeting("S/PV.8423").unwrap().is_some());
}
