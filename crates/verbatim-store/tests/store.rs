//! The store on real SQLite and Tantivy files in temporary folders: writes keep the tables and the index
//! in agreement, and queries filter, rank, page and highlight as documented.

use verbatim_record::{
    Body, CountryRef, Coverage, MeetingRecord, Outcome, Proceeding, ProceedingKind, Provenance,
    RECORD_SCHEMA_VERSION, Role, Source, Speaker, Speech, Vote, VoteMethod,
};
use verbatim_store::{
    KwicQuery, KwicSort, MeetingFilter, Page, Position, PutOutcome, SearchQuery, SpeakerFilter,
    SpeechFilter, Store, StoreError, synth,
};

fn speaker(name: &str, country: Option<(&str, &str)>, role: Role) -> Speaker {
    Speaker {
        heading: match country {
            Some((_, printed)) => format!("{name} ({printed})"),
            None => name.to_owned(),
        },
        name: name.to_owned(),
        title: name.split(' ').next().map(str::to_owned),
        affiliation: country.map(|(_, printed)| printed.to_owned()),
        country_code: country.map(|(code, _)| code.to_owned()),
        role,
        function: None,
        on_behalf_of: None,
    }
}

fn speech(seq: u32, speaker: Speaker, spoke_in: Option<&str>, paragraphs: &[&str]) -> Proceeding {
    Proceeding {
        seq,
        provenance: Provenance::default(),
        kind: ProceedingKind::Speech(Speech {
            speaker,
            spoke_in: spoke_in.map(str::to_owned),
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
            documents_cited: Vec::new(),
            continues: false,
        }),
    }
}

fn cref(code: &str, name: &str) -> CountryRef {
    CountryRef {
        name: name.to_owned(),
        code: Some(code.to_owned()),
    }
}

/// A small Council meeting with known words: France and the Russian Federation speak, then a vote that
/// Russia vetoes.
fn council_meeting(symbol: &str, date: &str, sha: &str) -> MeetingRecord {
    let proceedings = vec![
        speech(
            0,
            speaker("The President", None, Role::President),
            None,
            &["I now give the floor to the representative of France."],
        ),
        speech(
            1,
            speaker("Mr. Delattre", Some(("FRA", "France")), Role::Member),
            Some("French"),
            &[
                "France condemns the chemical weapons attack in the strongest terms.",
                "Accountability is essential: the perpetrators of chemical attacks must be identified.",
            ],
        ),
        speech(
            2,
            speaker(
                "Mr. Nebenzia",
                Some(("RUS", "Russian Federation")),
                Role::Member,
            ),
            Some("Russian"),
            &["The draft resolution is unbalanced and we will vote against it."],
        ),
        Proceeding {
            seq: 3,
            provenance: Provenance::default(),
            kind: ProceedingKind::Vote(Vote {
                draft: Some("S/2018/321".to_owned()),
                part: None,
                subject: None,
                method: VoteMethod::ShowOfHands,
                in_favour: vec![
                    cref("FRA", "France"),
                    cref("USA", "United States of America"),
                ],
                against: vec![cref("RUS", "Russian Federation")],
                abstaining: vec![cref("CHN", "China")],
                counts: Some([Some(12), Some(2), Some(1)]),
                outcome: Some(Outcome::Vetoed),
                vetoed_by: vec![cref("RUS", "Russian Federation")],
                resolution: None,
                decision: None,
                notes: Vec::new(),
            }),
        },
    ];
    MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        symbol: symbol.to_owned(),
        body: Body::SC,
        meeting_number: None,
        resumption: None,
        session: None,
        year_label: None,
        date: Some(date.to_owned()),
        called_to_order: None,
        adjourned: None,
        location: None,
        president: None,
        members: Vec::new(),
        agenda: Vec::new(),
        proceedings,
        documents_cited: vec!["S/2018/321".to_owned()],
        source: Source {
            file: format!("{symbol}.pdf"),
            sha256: sha.to_owned(),
            pages: 3,
            producer: None,
            ocr: None,
        },
        diagnostics: Vec::new(),
        coverage: Coverage::default(),
    }
}

fn assert_consistent(store: &Store) {
    let report = store.check_consistency().expect("consistency check");
    assert!(
        report.is_consistent(),
        "tables and index disagree: {report:?}"
    );
    let stats = store.stats().expect("stats");
    assert_eq!(stats.speeches, stats.index_documents, "{stats:?}");
}

fn open_temp() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path().join("data")).expect("open store");
    (dir, store)
}

#[test]
fn put_replace_delete_keep_tables_and_index_in_agreement() {
    let (_dir, store) = open_temp();
    let first = council_meeting("S/PV.8233", "2018-04-10", "aa");
    assert_eq!(store.put_meeting(&first).unwrap(), PutOutcome::Inserted);
    assert_eq!(store.put_meeting(&first).unwrap(), PutOutcome::Unchanged);
    assert_consistent(&store);
    assert_eq!(
        store.search(&SearchQuery::new("chemical")).unwrap().total,
        1
    );

    // A changed source replaces the meeting: the old words disappear from the index with the old rows.
    let mut second = council_meeting("S/PV.8233", "2018-04-10", "bb");
    if let ProceedingKind::Speech(s) = &mut second.proceedings[1].kind {
        s.paragraphs = vec!["France speaks about cholera vaccination instead.".to_owned()];
    }
    second.proceedings.remove(2);
    assert_eq!(store.put_meeting(&second).unwrap(), PutOutcome::Replaced);
    assert_consistent(&store);
    assert_eq!(
        store.search(&SearchQuery::new("chemical")).unwrap().total,
        0
    );
    assert_eq!(store.search(&SearchQuery::new("cholera")).unwrap().total, 1);
    assert_eq!(store.stats().unwrap().speeches, 2);
    assert_eq!(store.meeting("S/PV.8233").unwrap().unwrap(), second);

    store
        .put_meeting(&council_meeting("S/PV.9000", "2019-01-01", "cc"))
        .unwrap();
    assert!(store.delete_meeting("S/PV.8233").unwrap());
    assert!(!store.delete_meeting("S/PV.8233").unwrap());
    assert_consistent(&store);
    assert_eq!(store.search(&SearchQuery::new("cholera")).unwrap().total, 0);
    assert!(store.meeting("S/PV.8233").unwrap().is_none());
    let stats = store.stats().unwrap();
    assert_eq!((stats.meetings, stats.speeches, stats.votes), (1, 3, 1));
    assert_eq!(stats.vote_positions, 4);
}

#[test]
fn records_round_trip_losslessly_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<MeetingRecord> = synth::generate(7, 12).collect();
    {
        let store = Store::open(dir.path()).unwrap();
        for r in &records {
            assert_eq!(store.stage_meeting(r).unwrap(), PutOutcome::Inserted);
        }
        store.commit().unwrap();
        store.close().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.recovery(), &verbatim_store::Recovery::default());
    for r in &records {
        assert_eq!(store.meeting(&r.symbol).unwrap().as_ref(), Some(r));
        assert_eq!(store.put_meeting(r).unwrap(), PutOutcome::Unchanged);
    }
    assert_consistent(&store);
    let expected: usize = records.iter().map(synth::speech_count).sum();
    assert_eq!(store.stats().unwrap().speeches, expected as u64);
}

#[test]
fn rows_written_before_a_crash_are_indexed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let records: Vec<MeetingRecord> = synth::generate(3, 5).collect();
    {
        let store = Store::open(dir.path()).unwrap();
        store.put_meeting(&records[0]).unwrap();
        store.put_meeting(&records[1]).unwrap();
        store.close().unwrap();
    }
    // The state a crash between the SQLite commit and the index commit leaves: three meetings and one
    // deletion in the tables that the index does not know of.
    for r in &records[2..] {
        verbatim_store::testing::put_rows_only(dir.path(), r).unwrap();
    }
    verbatim_store::testing::delete_rows_only(dir.path(), &records[0].symbol).unwrap();
    // Deleted, then stored again before the index caught up: the re-indexed documents must survive the
    // older deletion.
    verbatim_store::testing::delete_rows_only(dir.path(), &records[1].symbol).unwrap();
    verbatim_store::testing::put_rows_only(dir.path(), &records[1]).unwrap();
    {
        let view = Store::open_read_only(dir.path()).unwrap();
        let report = view.check_consistency().unwrap();
        // Meeting 1 is in both, with the same documents, so it does not show as mismatched.
        assert_eq!(report.mismatched.len(), 3, "{report:?}");
        assert_eq!(report.only_in_index, vec![records[0].symbol.clone()]);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.recovery().reindexed, 4);
    assert_eq!(store.recovery().deleted, 1);
    assert_consistent(&store);
    store.close().unwrap();
    // A second open finds nothing to repair.
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.recovery(), &verbatim_store::Recovery::default());
}

#[test]
fn a_deleted_index_is_rebuilt_from_the_tables() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        for r in synth::generate(5, 4) {
            store.put_meeting(&r).unwrap();
        }
        store.close().unwrap();
    }
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.recovery().reindexed, 4);
    assert_consistent(&store);
}

#[test]
fn a_newer_schema_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().close().unwrap();
    verbatim_store::testing::set_meta(dir.path(), "schema_version", "99").unwrap();
    let err = Store::open(dir.path()).err().expect("must refuse");
    assert!(
        matches!(
            err,
            StoreError::NewerSchema {
                found: 99,
                supported: verbatim_store::SCHEMA_VERSION
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("newer"), "{err}");
    let err = Store::open_read_only(dir.path())
        .err()
        .expect("must refuse");
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err}"
    );
}

#[test]
fn a_version_1_store_is_migrated_on_open_for_writing_and_keeps_its_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let record = council_meeting("S/PV.8233", "2018-04-10", "aa");
    {
        let store = Store::open(dir.path()).unwrap();
        store.put_meeting(&record).unwrap();
        store.close().unwrap();
    }
    verbatim_store::testing::downgrade_to_schema_v1(dir.path()).unwrap();
    // A reader cannot migrate, and says what to do.
    let err = Store::open_read_only(dir.path())
        .err()
        .expect("a reader must refuse the old layout");
    assert!(
        matches!(err, StoreError::OlderSchema { found: 1, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("verbatim ingest"), "{err}");
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.meeting("S/PV.8233").unwrap().as_ref(), Some(&record));
    assert_consistent(&store);
    // Sources stored before the migration have no known parser.
    assert!(store.sources_parsed_by("build-a").unwrap().is_empty());
    assert_eq!(
        store
            .stage_parsed_meeting(&record, Some("build-a"))
            .unwrap(),
        PutOutcome::Unchanged
    );
    let parsed = store.sources_parsed_by("build-a").unwrap();
    assert_eq!(parsed.len(), 1);
    let source = &parsed["aa"];
    assert_eq!(source.symbol, "S/PV.8233");
    assert_eq!(source.speeches, synth::speech_count(&record) as u64);
    assert!(store.sources_parsed_by("build-b").unwrap().is_empty());
    store.close().unwrap();
    // The migration is recorded: a reader now opens the store.
    let reader = Store::open_read_only(dir.path()).unwrap();
    assert_eq!(reader.stats().unwrap().meetings, 1);
}

#[test]
fn a_replaced_source_is_no_longer_listed_under_its_parser() {
    let (_dir, store) = open_temp();
    let first = council_meeting("S/PV.8233", "2018-04-10", "aa");
    store.put_meeting(&first).unwrap();
    store.stage_parsed_meeting(&first, Some("p1")).unwrap();
    let mut second = council_meeting("S/PV.8233", "2018-04-10", "bb");
    second.location = Some("Geneva".to_owned());
    assert_eq!(
        store.stage_parsed_meeting(&second, Some("p1")).unwrap(),
        PutOutcome::Replaced
    );
    store.commit().unwrap();
    let parsed = store.sources_parsed_by("p1").unwrap();
    assert_eq!(parsed.keys().collect::<Vec<_>>(), vec!["bb"]);
    assert_consistent(&store);
}

fn corpus_store() -> (tempfile::TempDir, Store) {
    let (dir, store) = open_temp();
    store
        .put_meeting(&council_meeting("S/PV.8233", "2018-04-10", "aa"))
        .unwrap();
    let mut later = council_meeting("S/PV.8500", "2019-03-01", "bb");
    if let ProceedingKind::Speech(s) = &mut later.proceedings[1].kind {
        s.paragraphs = vec![
            "Chemical weapons have no place in the twenty-first century.".to_owned(),
            "France supports the mechanism.".to_owned(),
        ];
    }
    store.put_meeting(&later).unwrap();
    for r in synth::generate(11, 6) {
        store.put_meeting(&r).unwrap();
    }
    (dir, store)
}

#[test]
fn search_filters_phrases_booleans_and_pagination() {
    let (_dir, store) = corpus_store();
    let search = |q: SearchQuery| store.search(&q).unwrap();

    let all = search(SearchQuery::new("chemical"));
    assert_eq!(all.total, 2);
    let mut q = SearchQuery::new("chemical");
    q.filter.from = Some("2019".into());
    let r = search(q);
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].meeting, "S/PV.8500");
    assert_eq!(r.hits[0].date.as_deref(), Some("2019-03-01"));

    // Phrases need the words adjacent and in order.
    assert_eq!(
        search(SearchQuery::new("\"chemical weapons attack\"")).total,
        1
    );
    assert_eq!(search(SearchQuery::new("\"attack chemical\"")).total, 0);
    // Booleans.
    assert_eq!(search(SearchQuery::new("chemical AND mechanism")).total, 1);
    assert_eq!(search(SearchQuery::new("chemical -mechanism")).total, 1);
    assert_eq!(search(SearchQuery::new("cholera OR mechanism")).total, 1);

    // Filters by country (code or name), speaker, role, body, meeting, language.
    let mut q = SearchQuery::new("");
    q.filter.country = Some("Russian Federation".into());
    q.filter.meeting = Some("S/PV.8233".into());
    let r = search(q);
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].speaker, "Mr. Nebenzia");
    assert_eq!(r.hits[0].country_code.as_deref(), Some("RUS"));
    let mut q = SearchQuery::new("draft");
    q.filter.speaker = Some("nebenzia".into());
    q.filter.spoke_in = Some("russian".into());
    q.filter.body = Some(Body::SC);
    assert_eq!(search(q).total, 2);
    let mut q = SearchQuery::new("");
    q.filter.role = Some(Role::President);
    q.filter.meeting = Some("S/PV.8500".into());
    assert_eq!(search(q).total, 1);

    // Pagination: pages do not overlap and cover the total.
    let mut q = SearchQuery::new("representative");
    q.limit = 3;
    let first = search(q.clone());
    assert!(first.total > 6, "{}", first.total);
    q.offset = 3;
    let second = search(q);
    assert_eq!(second.hits.len(), 3);
    for hit in &second.hits {
        assert!(
            !first
                .hits
                .iter()
                .any(|h| (h.meeting.as_str(), h.seq) == (hit.meeting.as_str(), hit.seq))
        );
    }
    assert!(first.hits[0].score >= second.hits[0].score);
}

#[test]
fn snippets_highlight_the_matched_words_and_facets_count() {
    let (_dir, store) = corpus_store();
    let mut q = SearchQuery::new("perpetrators");
    q.facets = true;
    let r = store.search(&q).unwrap();
    assert_eq!(r.total, 1);
    let snippet = &r.hits[0].snippet;
    assert_eq!(snippet.highlights.len(), 1);
    let [start, end] = snippet.highlights[0];
    assert_eq!(&snippet.text[start..end], "perpetrators");
    assert!(
        snippet.marked("[", "]").contains("the [perpetrators] of"),
        "{snippet:?}"
    );
    let facets = r.facets.unwrap();
    assert_eq!(facets.country[0].value, "FRA");
    assert_eq!(facets.year[0].value, "2018");
    assert_eq!(facets.body[0].value, "SC");

    let mut q = SearchQuery::new("");
    q.facets = true;
    let r = store.search(&q).unwrap();
    let facets = r.facets.unwrap();
    let by_body: u64 = facets.body.iter().map(|f| f.count).sum();
    assert_eq!(by_body, r.total);
    assert_eq!(r.total, store.stats().unwrap().speeches);
}

#[test]
fn bad_queries_dates_and_countries_are_user_errors() {
    let (_dir, store) = corpus_store();
    let query_err = store
        .search(&SearchQuery::new("nosuchfield:peace"))
        .expect_err("unknown field");
    assert!(
        matches!(query_err, StoreError::BadQuery { .. }),
        "{query_err}"
    );
    assert!(query_err.is_user_error());
    let mut q = SearchQuery::new("x");
    q.filter.from = Some("2018-13-01".into());
    let date_err = store.search(&q).expect_err("bad month");
    assert!(date_err.is_user_error(), "{date_err}");
    let mut q = SearchQuery::new("x");
    q.filter.country = Some("Atlantis".into());
    let country_err = store.search(&q).expect_err("unknown country");
    assert!(
        matches!(country_err, StoreError::UnknownCountry(_)),
        "{country_err}"
    );
}

#[test]
fn kwic_finds_every_occurrence_and_sorts_by_context() {
    let (_dir, store) = corpus_store();
    let mut q = KwicQuery {
        term: "chemical".into(),
        filter: SpeechFilter {
            body: Some(Body::SC),
            ..SpeechFilter::default()
        },
        width: 30,
        sort: KwicSort::Document,
        limit: 100,
    };
    q.filter.country = Some("FRA".into());
    let r = store.kwic(&q).unwrap();
    assert_eq!(r.total, 3);
    assert_eq!(r.lines.len(), 3);
    assert!(
        r.lines
            .iter()
            .all(|l| l.keyword.eq_ignore_ascii_case("chemical"))
    );
    assert_eq!(r.lines[0].date.as_deref(), Some("2018-04-10"));
    assert!(
        r.lines[0].left.ends_with("France condemns the "),
        "{:?}",
        r.lines[0]
    );
    assert!(
        r.lines[0].right.starts_with(" weapons attack"),
        "{:?}",
        r.lines[0]
    );

    q.sort = KwicSort::Right;
    let right: Vec<String> = store
        .kwic(&q)
        .unwrap()
        .lines
        .into_iter()
        .map(|l| l.right)
        .collect();
    assert_eq!(right[0].trim_start().split(' ').next(), Some("attacks"));
    assert_eq!(right[2].trim_start().split(' ').next(), Some("weapons"));

    q.sort = KwicSort::Left;
    let left: Vec<String> = store
        .kwic(&q)
        .unwrap()
        .lines
        .into_iter()
        .map(|l| l.left)
        .collect();
    // Sorted by the word just before the keyword: "(start)" < "of" < "the".
    assert_eq!(left[0], "");
    assert!(left[1].ends_with("of "), "{left:?}");
    assert!(left[2].ends_with("the "), "{left:?}");

    let phrase = KwicQuery {
        term: "chemical weapons".into(),
        filter: SpeechFilter::default(),
        width: 10,
        sort: KwicSort::Document,
        limit: 1,
    };
    let r = store.kwic(&phrase).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.lines.len(), 1);
}

#[test]
fn votes_by_country_citations_speakers_countries_and_meetings() {
    let (_dir, store) = corpus_store();
    let votes = store.votes_for_country("Russian Federation").unwrap();
    let ours: Vec<_> = votes
        .iter()
        .filter(|v| v.draft.as_deref() == Some("S/2018/321"))
        .collect();
    assert_eq!(ours.len(), 2);
    assert!(
        ours.iter()
            .all(|v| v.position == Position::Against && v.vetoed)
    );
    assert_eq!(ours[0].outcome, Some(Outcome::Vetoed));
    assert_eq!(ours[0].counts, Some([Some(12), Some(2), Some(1)]));
    let china = store.votes_for_country("chn").unwrap();
    assert!(
        china
            .iter()
            .any(|v| v.meeting == "S/PV.8233" && v.position == Position::Abstaining && !v.vetoed)
    );

    let citing = store.citing("S/2018/321").unwrap();
    let meetings: Vec<&str> = citing.iter().map(|c| c.meeting.as_str()).collect();
    assert!(
        meetings.contains(&"S/PV.8233") && meetings.contains(&"S/PV.8500"),
        "{citing:?}"
    );

    let speakers = store
        .speakers(
            &SpeakerFilter {
                name_contains: Some("delattre".into()),
                ..SpeakerFilter::default()
            },
            Page::default(),
        )
        .unwrap();
    let ours: Vec<_> = speakers
        .iter()
        .filter(|s| s.country_code.as_deref() == Some("FRA"))
        .collect();
    assert!(!ours.is_empty());
    assert!(
        ours.iter()
            .any(|s| s.meetings >= 2 && s.first_date.as_deref() == Some("2018-04-10"))
    );

    let countries = store.countries().unwrap();
    let rus = countries.iter().find(|c| c.code == "RUS").unwrap();
    assert!(rus.names.contains(&"Russian Federation".to_owned()));
    assert!(rus.vote_positions >= 2);
    let mut codes: Vec<&str> = countries.iter().map(|c| c.code.as_str()).collect();
    let sorted = {
        let mut s = codes.clone();
        s.sort();
        s
    };
    assert_eq!(codes, sorted);
    codes.dedup();
    assert_eq!(codes.len(), countries.len());

    let list = store
        .list_meetings(
            &MeetingFilter {
                country: Some("France".into()),
                from: Some("2018".into()),
                to: Some("2019-12-31".into()),
                ..MeetingFilter::default()
            },
            Page {
                offset: 0,
                limit: 10,
            },
        )
        .unwrap();
    let symbols: Vec<&str> = list.meetings.iter().map(|m| m.symbol.as_str()).collect();
    assert!(symbols.starts_with(&["S/PV.8500", "S/PV.8233"]) || symbols.contains(&"S/PV.8500"));
    assert!(
        list.meetings
            .iter()
            .all(|m| m.date.as_deref() >= Some("2018-01-01"))
    );
    assert_eq!(list.total as usize, list.meetings.len());
}

#[test]
fn a_record_without_symbol_is_refused() {
    let (_dir, store) = open_temp();
    let record = council_meeting("", "2018-01-01", "x");
    assert!(matches!(
        store.put_meeting(&record),
        Err(StoreError::NoSymbol { .. })
    ));
    assert_eq!(store.stats().unwrap().meetings, 0);
}

#[test]
fn a_second_writer_is_refused_and_readers_work_beside_the_writer() {
    let (dir, store) = open_temp();
    store
        .put_meeting(&council_meeting("S/PV.1", "2001-01-01", "a"))
        .unwrap();
    let err = Store::open(dir.path().join("data")).err().expect("locked");
    assert!(matches!(err, StoreError::Locked(_)), "{err}");
    let reader = Store::open_read_only(dir.path().join("data")).unwrap();
    assert_eq!(
        reader.search(&SearchQuery::new("chemical")).unwrap().total,
        1
    );
    store
        .put_meeting(&council_meeting("S/PV.2", "2001-01-02", "b"))
        .unwrap();
    reader.refresh().unwrap();
    assert_eq!(
        reader.search(&SearchQuery::new("chemical")).unwrap().total,
        2
    );
    assert!(matches!(
        reader.delete_meeting("S/PV.1"),
        Err(StoreError::ReadOnly)
    ));
}

#[test]
fn searches_during_a_bulk_ingest_see_whole_meetings_only() {
    let (_dir, store) = open_temp();
    let store = std::sync::Arc::new(store);
    let records: Vec<MeetingRecord> = synth::generate(21, 40).collect();
    let per_meeting: std::collections::BTreeMap<String, u64> = records
        .iter()
        .map(|r| (r.symbol.clone(), synth::speech_count(r) as u64))
        .collect();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let checker = {
        let store = store.clone();
        let done = done.clone();
        let per_meeting = per_meeting.clone();
        std::thread::spawn(move || {
            let mut checks = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) || checks == 0 {
                // One query, one snapshot: every meeting in it must be there whole.
                let mut q = SearchQuery::new("");
                q.limit = 100_000;
                let r = store.search(&q).unwrap();
                let mut seen: std::collections::BTreeMap<&str, u64> = Default::default();
                for hit in &r.hits {
                    *seen.entry(hit.meeting.as_str()).or_insert(0) += 1;
                }
                for (symbol, got) in &seen {
                    let n = per_meeting[*symbol];
                    assert_eq!(*got, n, "{symbol}: {got} of {n} speeches visible");
                }
                assert_eq!(r.total, r.hits.len() as u64);
                checks += 1;
            }
            checks
        })
    };
    for chunk in records.chunks(5) {
        for r in chunk {
            store.stage_meeting(r).unwrap();
        }
        store.commit().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let checks = checker.join().expect("checker thread");
    assert!(checks > 0);
    assert_consistent(&store);
}
