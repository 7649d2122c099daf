//! The export tables on synthetic records: every row fits its table's columns (count and type), and
//! the column dictionary in COLUMNS.md is the one the code describes (regenerate it with
//! `UPDATE_EXPECT=1 cargo test -p verbatim-export`).

use verbatim_export::tables::{self, Kind, TABLES, Value};

#[test]
fn every_row_fits_its_table() {
    let mut counts = [0usize; 6];
    for record in verbatim_store::synth::generate(11, 40) {
        for (i, rows) in tables::rows(&record, None).iter().enumerate() {
            let table = &TABLES[i];
            for row in rows {
                assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                for (cell, column) in row.iter().zip(table.columns) {
                    let fits = matches!(
                        (cell, column.kind),
                        (Value::Null, _)
                            | (Value::Str(_), Kind::Str)
                            | (Value::Int(_), Kind::Int)
                            | (Value::Bool(_), Kind::Bool)
                    );
                    assert!(fits, "{}.{}: {cell:?}", table.name, column.name);
                }
                counts[i] += 1;
            }
        }
    }
    // The synthetic meetings have speeches, votes with lists, and citations.
    assert_eq!(counts[0], 40);
    assert!(
        counts[1] > 100 && counts[3] > 0 && counts[4] > 0 && counts[5] > 0,
        "{counts:?}"
    );
}

#[test]
fn a_speech_selection_keeps_only_those_speeches() {
    let record = verbatim_store::synth::meeting(3, 0);
    let all = tables::rows(&record, None);
    let first_seq = match &all[1][0][1] {
        Value::Int(n) => *n as u32,
        other => panic!("seq is {other:?}"),
    };
    let only = std::collections::BTreeSet::from([first_seq]);
    let some = tables::rows(&record, Some(&only));
    assert_eq!(some[1].len(), 1);
    assert_eq!(some[1][0], all[1][0]);
    // Meeting and vote rows are whole.
    assert_eq!(some[0], all[0]);
    assert_eq!(some[3], all[3]);
}

#[test]
fn column_dictionary_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/COLUMNS.md");
    let expected = tables::dictionary_markdown();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let found = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        found == expected,
        "COLUMNS.md is out of date: run UPDATE_EXPECT=1 cargo test -p verbatim-export"
    );
}

#[test]
fn text_counts_are_simple_and_stable() {
    let (tokens, types, sentences) =
        verbatim_export::scd::text_counts("The Council met. The Council's vote, 13-1-1, failed!");
    assert_eq!((tokens, types, sentences), (8, 7, 2));
}
