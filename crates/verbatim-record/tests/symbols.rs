//! Document-symbol rules: one hand-written sentence per rule (the sentences are taken from the gold
//! files' notes and the records they describe), property tests, and the record-symbol parser.

use proptest::prelude::*;
use verbatim_record::Body;
use verbatim_record::symbols::{PvSymbol, find_symbols, format_pv_symbol, parse_pv_symbol};

/// Runs `find_symbols` on `text` for both bodies (the result must not depend on the body) and compares
/// with `expected`.
fn check(text: &str, expected: &[&str]) {
    let for_sc = find_symbols(text, Body::SC);
    let for_ga = find_symbols(text, Body::GA);
    assert_eq!(for_sc, expected, "in {text:?}");
    assert_eq!(for_ga, for_sc, "the body changed the result for {text:?}");
}

#[test]
fn printed_symbols_are_kept_as_printed() {
    check(
        "We have before us draft resolution S/2018/1016, submitted by France.",
        &["S/2018/1016"],
    );
    check(
        "statement by its President (S/PRST/2017/12) of 13 July",
        &["S/PRST/2017/12"],
    );
    check("draft resolution A/64/L.72.", &["A/64/L.72"]);
    check(
        "as contained in document A/64/L.72/Rev.1",
        &["A/64/L.72/Rev.1"],
    );
    check(
        "draft resolution A/C.3/65/L.23/Rev.1 was adopted",
        &["A/C.3/65/L.23/Rev.1"],
    );
    check(
        "the Secretariat has issued document A/C.3/65/INF/1, which",
        &["A/C.3/65/INF/1"],
    );
    check(
        "the letter contained in document S/1997/241.",
        &["S/1997/241"],
    );
    check(
        "Human Rights Council (A/HRC/15/21, para. 264)",
        &["A/HRC/15/21"],
    );
    check(
        "the corrigendum A/65/282/Corr.1 to the report",
        &["A/65/282/Corr.1"],
    );
    check("report A/65/53/Add.1, as we did", &["A/65/53/Add.1"]);
    check(
        "(resolution ES-10/24) and A/RES/ES-11/1",
        &["A/RES/ES-10/24", "A/RES/ES-11/1"],
    );
}

#[test]
fn meeting_records_are_symbols() {
    check("at large.” (A/PV.1753, para. 54)", &["A/PV.1753"]);
    check("(see S/PV.8378)", &["S/PV.8378"]);
    check(
        "see A/76/PV.58 and S/PV.9127.",
        &["A/76/PV.58", "S/PV.9127"],
    );
    // A text layer with a space after the dot, as in the running headers of S/PV.8422.
    check("as recorded in S/PV. 8422", &["S/PV.8422"]);
    check(
        "in S/PV.4726 (Resumption 1) the Council",
        &["S/PV.4726 (Resumption 1)"],
    );
}

#[test]
fn a_report_part_stays_with_its_symbol() {
    check(
        "in paragraph 16 of its report contained in document A/65/456/Add.2 (Part II), the adoption",
        &["A/65/456/Add.2 (Part II)"],
    );
    // The part is printed on the next line; the reflowed text has a space there.
    check(
        "in document A/65/456/Add.2 (Part I).",
        &["A/65/456/Add.2 (Part I)"],
    );
    check(
        "Report of the Third Committee (A/65/456/Add.2 (Part II))",
        &["A/65/456/Add.2 (Part II)"],
    );
    // A parenthesis that is not a part does not belong to the symbol.
    check("draft resolution A/64/L.72 (2010) was", &["A/64/L.72"]);
}

#[test]
fn addenda_and_annexes_after_and_are_not_separate_symbols() {
    check(
        "the report of the Secretary-General (A/60/253 and Add.1)",
        &["A/60/253"],
    );
    check(
        "the explanatory memorandum submitted by Ukraine (A/73/193, annex) that",
        &["A/73/193"],
    );
}

#[test]
fn bracketed_and_agenda_symbols() {
    check(
        "the cablegram [S/1703] from the Foreign Minister",
        &["S/1703"],
    );
    check("1. Provisional agenda (S/Agenda 492)", &["S/Agenda 492"]);
    check(
        "Ordre du jour provisoire (S/ Agenda 492)",
        &["S/Agenda 492"],
    );
    check("items [S/1715] and [S/1716]", &["S/1715", "S/1716"]);
}

#[test]
fn a_printed_range_gives_both_endpoints() {
    check(
        "The reports of the Third Committee on those items are contained in documents A/65/448 to A/65/460.",
        &["A/65/448", "A/65/460"],
    );
    check(
        "resolutions 65/182 to 65/194",
        &["A/RES/65/182", "A/RES/65/194"],
    );
}

#[test]
fn security_council_resolutions_are_number_and_year() {
    check(
        "The draft resolution has been adopted as resolution 2448 (2018).",
        &["S/RES/2448 (2018)"],
    );
    check(
        "the Committee established pursuant to resolution 2127 (2013)",
        &["S/RES/2127 (2013)"],
    );
    check(
        "resolutions 2127 (2013) and 2448 (2018)",
        &["S/RES/2127 (2013)", "S/RES/2448 (2018)"],
    );
    check(
        "Security Council resolutions 47 (1948), 91 (1951) and 122 (1957)",
        &["S/RES/47 (1948)", "S/RES/91 (1951)", "S/RES/122 (1957)"],
    );
    check("Resolution 1325(2000) on women", &["S/RES/1325 (2000)"]);
    check("RESOLUTION 1325 (2000)", &["S/RES/1325 (2000)"]);
    check(
        "the text of S/RES/2448 (2018) reads",
        &["S/RES/2448 (2018)"],
    );
}

#[test]
fn general_assembly_resolutions_are_session_and_number() {
    check(
        "Draft resolution A/64/L.72 was adopted (resolution 64/299).",
        &["A/64/L.72", "A/RES/64/299"],
    );
    check(
        "we also voted in favour of General Assembly resolution 51/223 on 13 March 1997.",
        &["A/RES/51/223"],
    );
    check(
        "resolutions 48/218 B, 54/244 and 59/272",
        &["A/RES/48/218 B", "A/RES/54/244", "A/RES/59/272"],
    );
    check("resolution 48/218 B of 29 July 1994", &["A/RES/48/218 B"]);
    check("(resolution 48/141, para. 4)", &["A/RES/48/141"]);
    check(
        "General Assembly resolutions 70/262, 72/276 and 75/201 and Security Council resolutions 2282 (2016), 2413 (2018) and 2558 (2020))",
        &[
            "A/RES/70/262",
            "A/RES/72/276",
            "A/RES/75/201",
            "S/RES/2282 (2016)",
            "S/RES/2413 (2018)",
            "S/RES/2558 (2020)",
        ],
    );
    // A capital letter that starts the next word is not a resolution part.
    check("resolution 64/299 Also, the", &["A/RES/64/299"]);
    check("in resolution 64/299 I see hope", &["A/RES/64/299"]);
}

#[test]
fn emergency_special_session_resolutions() {
    check(
        "resolution ES-11/1, entitled “Aggression against Ukraine”",
        &["A/RES/ES-11/1"],
    );
    // "ES-" / "11/1" across a line break, joined with a space by the reflow.
    check(
        "failure to implement General Assembly resolutions ES- 11/1 and ES-11/2 of 2 and 24 March",
        &["A/RES/ES-11/1", "A/RES/ES-11/2"],
    );
    check("resolution S-26/2", &["A/RES/S-26/2"]);
}

#[test]
fn old_general_assembly_resolutions_carry_a_roman_session() {
    check(
        "the Declaration on Principles of International Law, adopted by resolution 2625 (XXV) of 24 October 1970",
        &["A/RES/2625 (XXV)"],
    );
}

#[test]
fn council_resolutions_have_their_own_series() {
    check(
        "Human Rights Council resolution 15/1 on the follow-up to the report",
        &["A/HRC/RES/15/1"],
    );
    check(
        "Economic and Social Council resolution 2008/4",
        &["E/RES/2008/4"],
    );
    check(
        "Commission on Human Rights resolution 2005/69",
        &["E/CN.4/RES/2005/69"],
    );
    // Without the council's name a year-numbered resolution's series is unknown: nothing is cited.
    check("resolution 1996/31", &[]);
}

#[test]
fn decisions_and_other_numbers_are_not_symbols() {
    check("It was so decided (decision 76/423).", &[]);
    check(
        "decision 64/555, decision 63/565 B and decisions 76/576 to 76/583",
        &[],
    );
    check(
        "in the [490th] meeting and at the 490th meeting, ILO Convention No. 169",
        &[],
    );
    check(
        "adopted by 13 votes to 0, with 2 abstentions, on 13/12/2018 at 3.10 p.m.",
        &[],
    );
    check("HIV/AIDS and COVID-19 and the AU/PSC communiqué", &[]);
    check("draft resolution III was adopted (resolution", &[]);
    check("the resolution 13/12/2018 is a date", &[]);
    check("the resolution 12/2018 is a month", &[]);
}

#[test]
fn a_trailing_full_stop_is_not_part_of_a_symbol() {
    check("S/2018/1016.", &["S/2018/1016"]);
    check("A/64/L.72/Rev.1.", &["A/64/L.72/Rev.1"]);
    check("(A/65/456/Add.4.)", &["A/65/456/Add.4"]);
    check("S/2018/1016.The next", &["S/2018/1016"]);
}

#[test]
fn ocr_misreadings_of_digits_are_repaired() {
    // Forms of the 1950 record's OCR layer.
    check(
        "documents S/l716 and S/17l5, and S/I722, received today",
        &["S/1716", "S/1715", "S/1722"],
    );
    check("Minister and S/1727-a reply", &["S/1727"]);
    // Letters that are not look-alikes, or too few digits, are not repaired.
    check(
        "A/C.3/65/INF/1 and A/65/L.1",
        &["A/C.3/65/INF/1", "A/65/L.1"],
    );
}

#[test]
fn line_break_joins_inside_symbols() {
    check("draft resolution A/C.3/65/ L.23", &["A/C.3/65/L.23"]);
}

#[test]
fn symbols_are_deduplicated_in_first_seen_order() {
    check(
        "S/2018/1016 and resolution 2448 (2018); again S/2018/1016 and resolution 2448 (2018), then S/PV.8378.",
        &["S/2018/1016", "S/RES/2448 (2018)", "S/PV.8378"],
    );
    check("", &[]);
}

/// Words for filler text: no digits, no slashes, no one-letter capitals, and not "resolution", so that
/// filler alone can never form a citation and never extend one next to it.
const FILLER_WORDS: &[&str] = &[
    "the",
    "Council",
    "draft",
    "has",
    "been",
    "adopted",
    "General",
    "Assembly",
    "Member",
    "States",
    "we",
    "welcome",
    "report",
    "of",
    "Secretary-General",
    "and",
    "in",
    "paragraph",
    "President",
    "Mr.",
    "Ms.",
    "votes",
    "in favour",
    "against",
    "abstaining",
    "para.",
    "annex",
    "see",
    "“quoted”",
    "peace",
    "security",
    "—",
    "Add",
    "Rev",
    "Corr",
    "Part",
    "decision",
    "Security",
    "United Nations",
];

fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FILLER_WORDS), 0..8)
        .prop_map(|words| words.join(" "))
}

/// A well-formed citation as printed and the symbol `find_symbols` must return for it.
fn citation() -> impl Strategy<Value = (String, String)> {
    let year = 1946u32..2030;
    let session = 1u32..90;
    let number = 1u32..3000;
    let small = 1u32..9;
    // Resolutions of one session never run past three digits (and the finder relies on that).
    let serial = 1u32..1000;
    let same = |s: String| (s.clone(), s);
    prop_oneof![
        (year.clone(), number.clone()).prop_map(move |(y, n)| same(format!("S/{y}/{n}"))),
        number.clone().prop_map(move |n| same(format!("S/PV.{n}"))),
        (year.clone(), number.clone()).prop_map(move |(y, n)| same(format!("S/PRST/{y}/{n}"))),
        (session.clone(), number.clone()).prop_map(move |(s, n)| same(format!("A/{s}/L.{n}"))),
        (session.clone(), number.clone(), small.clone())
            .prop_map(move |(s, n, r)| same(format!("A/{s}/L.{n}/Rev.{r}"))),
        (
            small.clone(),
            session.clone(),
            number.clone(),
            small.clone()
        )
            .prop_map(move |(c, s, n, r)| same(format!("A/C.{c}/{s}/L.{n}/Rev.{r}"))),
        (session.clone(), number.clone(), small.clone())
            .prop_map(move |(s, n, a)| same(format!("A/{s}/{n}/Add.{a}"))),
        (session.clone(), number.clone()).prop_map(move |(s, n)| same(format!("A/HRC/{s}/{n}"))),
        (session.clone(), number.clone()).prop_map(move |(s, n)| same(format!("A/{s}/PV.{n}"))),
        (number.clone(), year.clone()).prop_map(move |(n, y)| same(format!("S/RES/{n} ({y})"))),
        (session.clone(), number.clone(), small.clone()).prop_map(move |(s, n, a)| same(format!(
            "A/{s}/{n}/Add.{a} (Part {})",
            ["I", "II", "III", "IV"][(a % 4) as usize]
        ))),
        (number.clone(), year.clone())
            .prop_map(move |(n, y)| (format!("resolution {n} ({y})"), format!("S/RES/{n} ({y})"))),
        (session.clone(), serial.clone())
            .prop_map(move |(s, n)| (format!("resolution {s}/{n}"), format!("A/RES/{s}/{n}"))),
        (small.clone(), serial.clone()).prop_map(move |(s, n)| (
            format!("General Assembly resolution ES-{s}/{n}"),
            format!("A/RES/ES-{s}/{n}")
        )),
        (session, serial).prop_map(move |(s, n)| (
            format!("Human Rights Council resolution {s}/{n}"),
            format!("A/HRC/RES/{s}/{n}")
        )),
    ]
}

/// Text with no citation: filler words plus the numbers and slashed forms that speeches are full of.
fn text_without_symbols() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        prop::sample::select(FILLER_WORDS).prop_map(str::to_string),
        (1u32..10_000).prop_map(|n| n.to_string()),
        (1u32..90, 1u32..1000).prop_map(|(s, n)| format!("decision {s}/{n}")),
        (1u32..29, 1u32..13, 1946u32..2030).prop_map(|(d, m, y)| format!("{d}/{m}/{y}")),
        (1u32..1000).prop_map(|n| format!("the {n}th meeting")),
        Just("resolution".to_string()),
        Just("HIV/AIDS".to_string()),
        Just("and/or".to_string()),
        Just("A".to_string()),
        Just("S.".to_string()),
        (1u32..200).prop_map(|n| format!("para. {n}")),
        (1u32..200, 1u32..200).prop_map(|(a, b)| format!("by {a} votes to {b}")),
    ];
    prop::collection::vec(token, 0..20).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #[test]
    fn a_citation_in_filler_is_found_exactly(
        (printed, expected) in citation(),
        before in filler(),
        after in filler(),
        wrapping in 0usize..3,
        punctuation in prop::sample::select(&["", ".", ",", ";", ":"][..]),
    ) {
        let (open, close) = [("", ""), ("(", ")"), ("[", "]")][wrapping];
        let text = format!("{before} {open}{printed}{close}{punctuation} {after}");
        prop_assert_eq!(find_symbols(&text, Body::GA), vec![expected.clone()], "in {:?}", text);
        prop_assert_eq!(find_symbols(&text, Body::SC), vec![expected], "in {:?}", text);
    }

    #[test]
    fn two_citations_are_found_in_order(
        (printed_1, expected_1) in citation(),
        (printed_2, expected_2) in citation(),
        middle in filler(),
    ) {
        let text = format!("{printed_1}, {middle} {printed_2}.");
        let found = find_symbols(&text, Body::GA);
        let mut expected = vec![expected_1.clone()];
        if expected_2 != expected_1 {
            expected.push(expected_2);
        }
        prop_assert_eq!(found, expected, "in {:?}", text);
    }

    #[test]
    fn text_without_symbols_yields_nothing(text in text_without_symbols()) {
        prop_assert_eq!(find_symbols(&text, Body::GA), Vec::<String>::new(), "in {:?}", text);
    }

    #[test]
    fn record_symbols_round_trip(
        is_ga in any::<bool>(),
        session in prop::option::of(1u32..90),
        meeting in 1u32..20_000,
        resumption in prop::option::of(1u32..10),
    ) {
        let symbol = PvSymbol {
            body: if is_ga { Body::GA } else { Body::SC },
            session: if is_ga { session } else { None },
            meeting,
            resumption,
        };
        let printed = format_pv_symbol(&symbol);
        prop_assert_eq!(parse_pv_symbol(&printed), Some(symbol), "{}", printed);
        // A printed record symbol cited in text is found as printed.
        let cited = format!("see {printed}.");
        prop_assert_eq!(find_symbols(&cited, Body::GA), vec![printed]);
    }
}

#[test]
fn record_symbols_in_their_printed_forms() {
    let sc = |meeting, resumption| PvSymbol {
        body: Body::SC,
        session: None,
        meeting,
        resumption,
    };
    assert_eq!(parse_pv_symbol("S/PV.8422"), Some(sc(8422, None)));
    assert_eq!(parse_pv_symbol("S/PV. 8422"), Some(sc(8422, None)));
    assert_eq!(parse_pv_symbol("SPV.4644"), Some(sc(4644, None)));
    assert_eq!(
        parse_pv_symbol("S/PV.4726 (Resumption 1)"),
        Some(sc(4726, Some(1)))
    );
    assert_eq!(
        parse_pv_symbol("S/PV.4726(Resumption1)"),
        Some(sc(4726, Some(1)))
    );
    assert_eq!(
        parse_pv_symbol("A/64/PV.121"),
        Some(PvSymbol {
            body: Body::GA,
            session: Some(64),
            meeting: 121,
            resumption: None
        })
    );
    assert_eq!(
        parse_pv_symbol("A/PV.1753"),
        Some(PvSymbol {
            body: Body::GA,
            session: None,
            meeting: 1753,
            resumption: None
        })
    );
    assert_eq!(
        format_pv_symbol(&sc(4726, Some(1))),
        "S/PV.4726 (Resumption 1)"
    );
    assert_eq!(format_pv_symbol(&sc(8422, None)), "S/PV.8422");
    for not_a_record in [
        "",
        "S/2018/1016",
        "S/PV.",
        "A64/PV.121",
        "APV.121",
        "S/64/PV.1",
        "A/ES-11/PV.1",
        "S/PV.8422 extra",
        "X/PV.1",
    ] {
        assert_eq!(parse_pv_symbol(not_a_record), None, "{not_a_record:?}");
    }
}
