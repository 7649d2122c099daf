//! A small Security Council record built line by line in the test (no corpus needed): the record stage's
//! behaviour at its boundary, from lines to a record, and its determinism.

use verbatim_layout::{BBox, Line, LineKind, Span};
use verbatim_record::{
    LineFate, Outcome, ProceedingKind, Role, Source, StageKind, VoteMethod, gold,
};

/// One styled piece of a line.
#[derive(Clone, Copy)]
enum Style {
    Roman,
    Bold,
    Italic,
}

struct Builder {
    lines: Vec<Line>,
    y: f32,
    page: u32,
}

impl Builder {
    fn new() -> Self {
        Builder {
            lines: Vec::new(),
            y: 60.0,
            page: 0,
        }
    }

    fn page(&mut self, page: u32) {
        self.page = page;
        self.y = 60.0;
    }

    fn push(&mut self, column: u8, paragraph_start: bool, pieces: &[(&str, Style)]) {
        self.push_kind(column, paragraph_start, pieces, LineKind::Body);
    }

    fn push_kind(
        &mut self,
        column: u8,
        paragraph_start: bool,
        pieces: &[(&str, Style)],
        kind: LineKind,
    ) {
        let mut text = String::new();
        let mut spans = Vec::new();
        for (piece, style) in pieces {
            let start = text.len();
            text.push_str(piece);
            spans.push(Span {
                start,
                end: text.len(),
                bold: matches!(style, Style::Bold),
                italic: matches!(style, Style::Italic),
                size: 10.0,
            });
        }
        let x0 = if column == 2 { 320.0 } else { 60.0 };
        let indent = if paragraph_start { 18.0 } else { 0.0 };
        self.lines.push(Line {
            page_idx: self.page,
            column,
            bbox: BBox {
                x0: x0 + indent,
                y0: self.y,
                x1: x0 + 240.0,
                y1: self.y + 10.0,
            },
            column_x0: x0,
            column_x1: x0 + 240.0,
            text,
            spans,
            kind,
            paragraph_start,
        });
        self.y += if paragraph_start { 18.0 } else { 12.0 };
    }

    fn roman(&mut self, column: u8, paragraph_start: bool, text: &str) {
        self.push(column, paragraph_start, &[(text, Style::Roman)]);
    }
}

use Style::*;

fn fixture() -> Vec<Line> {
    let mut b = Builder::new();
    // Cover.
    b.roman(0, true, "United Nations S/PV.9999");
    b.push(0, true, &[("Security Council", Bold)]);
    b.roman(0, true, "Eightieth year");
    b.push(0, true, &[("9999th meeting", Bold)]);
    b.roman(0, true, "Monday, 3 March 2025, 10 a.m.");
    b.roman(0, true, "New York");
    b.push(
        0,
        true,
        &[
            ("President: ", Italic),
            ("Mr. Alpha . . . . . . . . . . (France)", Roman),
        ],
    );
    b.push(
        0,
        true,
        &[
            ("Members: ", Italic),
            ("China . . . . . . . . . . Mr. Beta", Roman),
        ],
    );
    b.roman(0, false, "Russian Federation . . . . . . . . Mr. Gamma");
    b.roman(0, false, "United States of America . . . . . . Ms. Delta");
    b.push(0, true, &[("Agenda", Bold)]);
    b.roman(0, true, "The situation in the Middle East");
    // Proceedings, two columns.
    b.page(1);
    b.push_kind(
        0,
        false,
        &[(
            "S/PV.9999 The situation in the Middle East 03/03/2025",
            Roman,
        )],
        LineKind::Furniture(verbatim_layout::FurnitureKind::RunningHeader),
    );
    b.push(
        1,
        true,
        &[("The meeting was called to order at 10.05 a.m.", Italic)],
    );
    b.push(1, true, &[("Adoption of the agenda", Bold)]);
    b.push(1, true, &[("The agenda was adopted.", Italic)]);
    b.push(
        1,
        true,
        &[
            ("The President", Bold),
            (" (", Roman),
            ("spoke in French", Italic),
            ("): Members of", Roman),
        ],
    );
    b.roman(
        1,
        false,
        "the Council have before them document S/2025/100,",
    );
    b.roman(1, false, "which contains the text of a draft resolution.");
    b.push(1, true, &[("A vote was taken by show of hands.", Italic)]);
    b.push(1, false, &[("In favour:", Italic)]);
    b.roman(1, true, "China, France, Russian Federation");
    b.push(1, false, &[("Against:", Italic)]);
    b.roman(1, true, "United States of America");
    b.push(1, false, &[("Abstaining:", Italic)]);
    b.roman(1, true, "None");
    b.push(
        1,
        true,
        &[
            ("The President", Bold),
            (" (", Roman),
            ("spoke in French", Italic),
            ("): The draft", Roman),
        ],
    );
    b.roman(
        1,
        false,
        "resolution received 3 votes in favour, 1 against and",
    );
    b.roman(
        1,
        false,
        "no abstentions. The draft resolution has not been",
    );
    b.roman(
        1,
        false,
        "adopted, owing to the negative vote of a permanent member.",
    );
    b.push(
        1,
        true,
        &[
            ("Mr. Epsilon", Bold),
            (" (Egypt) (", Roman),
            ("spoke", Italic),
        ],
    );
    b.push(
        1,
        false,
        &[("in Arabic", Italic), ("): We regret the recon-", Roman)],
    );
    b.roman(
        2,
        false,
        "ciliation effort failed, as resolution 242 (1967)",
    );
    b.roman(2, false, "requires.");
    b.push(
        2,
        true,
        &[(
            "Mr. Zeta (Lebanon), Vice-President, took the Chair.",
            Italic,
        )],
    );
    b.roman(2, true, "We shall continue our work.");
    b.push(2, true, &[("The meeting rose at 11.40 a.m.", Italic)]);
    b.lines
}

fn parse() -> verbatim_record::Parsed {
    verbatim_record::parse(
        &fixture(),
        Source {
            file: "synthetic.pdf".into(),
            ..Default::default()
        },
    )
}

#[test]
fn cover_fields() {
    let record = parse().record;
    assert_eq!(record.symbol, "S/PV.9999");
    assert_eq!(record.body.as_str(), "SC");
    assert_eq!(record.meeting_number, Some(9999));
    assert_eq!(record.year_label.as_deref(), Some("Eightieth year"));
    assert_eq!(record.date.as_deref(), Some("2025-03-03"));
    assert_eq!(record.location.as_deref(), Some("New York"));
    assert_eq!(record.called_to_order.as_deref(), Some("10:05"));
    assert_eq!(record.adjourned.as_deref(), Some("11:40"));
    let president = record.president.unwrap();
    assert_eq!(president.name.as_deref(), Some("Mr. Alpha"));
    assert_eq!(president.country.as_deref(), Some("France"));
    let members: Vec<(String, Option<String>)> = record
        .members
        .iter()
        .map(|m| (m.country.clone(), m.representative.clone()))
        .collect();
    assert_eq!(
        members,
        [
            ("China".to_owned(), Some("Mr. Beta".to_owned())),
            (
                "Russian Federation".to_owned(),
                Some("Mr. Gamma".to_owned())
            ),
            (
                "United States of America".to_owned(),
                Some("Ms. Delta".to_owned())
            ),
        ]
    );
    let agenda: Vec<&str> = record.agenda.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(agenda, ["The situation in the Middle East"]);
}

#[test]
fn turns_stage_directions_and_continuation() {
    let record = parse().record;
    let g = gold::to_gold(&record);
    let speakers: Vec<(&str, Option<&str>, Option<&str>)> = g
        .turns
        .iter()
        .map(|t| {
            (
                t.speaker.as_str(),
                t.affiliation.as_deref(),
                t.spoke_in.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        speakers,
        [
            ("The President", None, Some("French")),
            ("The President", None, Some("French")),
            ("Mr. Epsilon", Some("Egypt"), Some("Arabic")),
        ]
    );
    // A heading wrapped over two lines; a word hyphenated across the column break is rejoined; the
    // speech goes on after the chair change without a new heading.
    assert_eq!(
        g.turns[2].starts,
        "We regret the reconciliation effort failed, as resolution"
    );
    // The turn ends where its continuation ends.
    assert_eq!(g.turns[2].ends, "We shall continue our work.");
    let parts: Vec<bool> = record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Speech(s) if s.speaker.name == "Mr. Epsilon" => Some(s.continues),
            _ => None,
        })
        .collect();
    assert_eq!(parts, [false, true]);
    assert_eq!(g.turns[2].continues_after_stage_direction, Some(true));
    assert_eq!(
        g.stage_directions,
        [
            "The meeting was called to order at 10.05 a.m.",
            "The agenda was adopted.",
            "A vote was taken by show of hands.",
            "Mr. Zeta (Lebanon), Vice-President, took the Chair.",
            "The meeting rose at 11.40 a.m."
        ]
    );
    let kinds: Vec<StageKind> = record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::StageDirection(d) => Some(d.kind),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            StageKind::CalledToOrder,
            StageKind::AgendaAdopted,
            StageKind::VoteTaken,
            StageKind::ChairChange,
            StageKind::Rose
        ]
    );
    let egypt = record
        .proceedings
        .iter()
        .find_map(|p| match &p.kind {
            ProceedingKind::Speech(s) if s.speaker.name == "Mr. Epsilon" => Some(s),
            _ => None,
        })
        .unwrap();
    assert_eq!(egypt.speaker.role, Role::NonMember);
    assert_eq!(egypt.speaker.country_code.as_deref(), Some("EGY"));
    assert_eq!(egypt.documents_cited, ["S/RES/242 (1967)"]);
    assert_eq!(record.documents_cited, ["S/2025/100", "S/RES/242 (1967)"]);
}

#[test]
fn vetoed_vote() {
    let record = parse().record;
    let votes: Vec<&verbatim_record::Vote> = record
        .proceedings
        .iter()
        .filter_map(|p| match &p.kind {
            ProceedingKind::Vote(v) => Some(v),
            _ => None,
        })
        .collect();
    assert_eq!(votes.len(), 1);
    let v = votes[0];
    assert_eq!(v.method, VoteMethod::ShowOfHands);
    assert_eq!(v.draft.as_deref(), Some("S/2025/100"));
    let names = |list: &[verbatim_record::CountryRef]| {
        list.iter().map(|c| c.name.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        names(&v.in_favour),
        ["China", "France", "Russian Federation"]
    );
    assert_eq!(names(&v.against), ["United States of America"]);
    assert!(v.abstaining.is_empty());
    assert_eq!(v.counts, Some([Some(3), Some(1), Some(0)]));
    // Three votes in favour are far from the nine needed: a failed draft, not a veto.
    assert_eq!(v.outcome, Some(Outcome::NotAdopted));
    assert!(v.vetoed_by.is_empty());
}

#[test]
fn every_line_has_a_fate_and_all_text_is_placed() {
    let lines = fixture();
    let parsed = parse();
    assert_eq!(parsed.fates.len(), lines.len());
    assert!(
        !parsed.fates.contains(&LineFate::Unplaced),
        "{:?}",
        parsed.fates
    );
    assert!(matches!(parsed.fates[12], LineFate::Furniture { .. }));
    assert_eq!(parsed.record.coverage.ratio(), 1.0);
    assert!(
        parsed.record.diagnostics.is_empty(),
        "{:?}",
        parsed.record.diagnostics
    );
}

#[test]
fn same_input_same_json() {
    let a = serde_json::to_string(&parse().record).unwrap();
    let b = serde_json::to_string(&parse().record).unwrap();
    assert_eq!(a, b);
    let fates_a = serde_json::to_string(&parse().fates).unwrap();
    let fates_b = serde_json::to_string(&parse().fates).unwrap();
    assert_eq!(fates_a, fates_b);
}

#[test]
fn unreadable_input_gives_diagnostics_not_panics() {
    let mut lines = fixture();
    // Shuffle the structure: drop the cover and cut the vote block short.
    lines.drain(..12);
    lines.truncate(8);
    // With the cover gone, the running header still names the record: it is read from there, and
    // the record says so.
    let parsed = verbatim_record::parse(&lines, Source::default());
    assert_eq!(parsed.record.symbol, "S/PV.9999");
    assert!(
        parsed
            .record
            .diagnostics
            .iter()
            .any(|d| d.message.contains("symbol is unreadable")),
        "{:?}",
        parsed.record.diagnostics
    );
    // Without the headers too, nothing names it.
    lines.retain(|l| l.kind == LineKind::Body);
    let parsed = verbatim_record::parse(&lines, Source::default());
    assert_eq!(parsed.record.symbol, "");
    assert!(
        parsed
            .record
            .diagnostics
            .iter()
            .any(|d| d.message.contains("no record symbol"))
    );
    assert!(
        verbatim_record::parse(&[], Source::default())
            .record
            .proceedings
            .is_empty()
    );
}

/// Text with characters whose lower case is longer than themselves ("İ"), odd punctuation and stray
/// styles must not make the parser panic.
#[test]
fn odd_text_does_not_panic() {
    let mut b = Builder::new();
    b.roman(0, true, "United Nations S/PV.1");
    b.page(1);
    b.push(1, true, &[("İİİ (spoke in İİ): x", Bold)]);
    b.push(
        1,
        true,
        &[("DRAFT RESOLUTİON İ WAS ADOPTED (resolution 1/1).", Italic)],
    );
    b.push(
        1,
        true,
        &[("The amendment İ was adopted by 3 votes to 2.", Italic)],
    );
    b.push(1, true, &[("In favour:", Italic)]);
    b.roman(1, true, "(((, , ,))) and and ,");
    b.push(1, true, &[("Mr. (", Bold), (":", Roman)]);
    b.push(1, true, &[("", Bold)]);
    let parsed = verbatim_record::parse(&b.lines, Source::default());
    assert_eq!(parsed.fates.len(), b.lines.len());
}
