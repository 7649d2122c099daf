//! The tables of the `csv` and `parquet` exports: their columns (with the column dictionary) and the
//! rows a record gives.

use std::collections::BTreeSet;

use serde::Serialize;
use verbatim_record::{MeetingRecord, ProceedingKind};

/// The type of a column; every column may also be empty (null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    Bool,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Str => "string",
            Kind::Int => "integer",
            Kind::Bool => "boolean",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// What the column holds (the column dictionary).
    pub doc: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    pub name: &'static str,
    pub doc: &'static str,
    pub columns: &'static [Column],
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Str(String),
    Int(i64),
    Bool(bool),
}

impl Value {
    fn opt_str(value: Option<&str>) -> Value {
        value.map_or(Value::Null, |v| Value::Str(v.to_owned()))
    }
    fn opt_int(value: Option<u32>) -> Value {
        value.map_or(Value::Null, |v| Value::Int(v as i64))
    }
    fn str(value: &str) -> Value {
        Value::Str(value.to_owned())
    }
}

const fn col(name: &'static str, kind: Kind, doc: &'static str) -> Column {
    Column { name, kind, doc }
}

use Kind::{Bool, Int, Str};

pub const MEETINGS: TableDef = TableDef {
    name: "meetings",
    doc: "One row per meeting record.",
    columns: &[
        col(
            "symbol",
            Str,
            "Record symbol as printed: S/PV.8422, S/PV.4726 (Resumption 1), A/64/PV.121; `unknown:<file>` for an imported corpus speech whose meeting is not known.",
        ),
        col("body", Str, "SC, GA or Other."),
        col("meeting_number", Int, "Meeting number (8422)."),
        col(
            "resumption",
            Int,
            "Resumption number, for \"(Resumption 1)\" records.",
        ),
        col("session", Int, "General Assembly session."),
        col(
            "year_label",
            Str,
            "\"Seventy-third year\" (SC) or \"Sixty-fourth session\" (GA) as printed.",
        ),
        col("date", Str, "ISO date (2018-12-13); empty when unknown."),
        col("called_to_order", Str, "24-hour HH:MM."),
        col("adjourned", Str, "24-hour HH:MM."),
        col("location", Str, "Where the meeting was held, as printed."),
        col(
            "president_name",
            Str,
            "The meeting's president, as printed.",
        ),
        col(
            "president_country",
            Str,
            "The president's country, as printed.",
        ),
        col(
            "president_country_code",
            Str,
            "ISO 3166-1 alpha-3 of the president's country.",
        ),
        col("agenda", Str, "Agenda item titles, joined by \" | \"."),
        col(
            "n_speeches",
            Int,
            "Speeches in the record (continuations after a stage direction count too).",
        ),
        col("n_votes", Int, "Votes in the record."),
        col("n_stage_directions", Int, "Stage directions in the record."),
        col(
            "source_file",
            Str,
            "The PDF the record was parsed from; for an imported corpus meeting, its corpus basename (UNSC_2002_SPV.4644).",
        ),
        col(
            "source_sha256",
            Str,
            "SHA-256 of the source (for an import: of its files' names and bytes).",
        ),
        col(
            "source_pages",
            Int,
            "Pages of the source PDF (0 for an import).",
        ),
        col(
            "source_producer",
            Str,
            "The PDF's producer, or the corpus an import came from.",
        ),
        col(
            "coverage_body_chars",
            Int,
            "Body text characters of the source.",
        ),
        col(
            "coverage_placed_chars",
            Int,
            "Of those, the characters placed in a proceeding.",
        ),
        col("n_diagnostics", Int, "Parser diagnostics for the record."),
    ],
};

pub const SPEECHES: TableDef = TableDef {
    name: "speeches",
    doc: "One row per speech (a continuation after a stage direction is a row of its own, with continues = true).",
    columns: &[
        col("meeting", Str, "The meeting's symbol (meetings.symbol)."),
        col(
            "seq",
            Int,
            "Position of the speech among all proceedings of the meeting, from 0.",
        ),
        col(
            "speech_number",
            Int,
            "Number of the speaker's turn in the meeting, from 1 (a continuation keeps its turn's number); the spch number of the scd export.",
        ),
        col(
            "speaker_name",
            Str,
            "Name as printed without affiliation: Mr. Delattre, The President.",
        ),
        col(
            "speaker_heading",
            Str,
            "The whole heading as printed, without the colon.",
        ),
        col("title", Str, "Mr., Mrs., Ms., Sir, The ..."),
        col(
            "affiliation",
            Str,
            "Country, organization or office from the heading's parenthesis.",
        ),
        col(
            "country_code",
            Str,
            "ISO 3166-1 alpha-3 where the speaker represents a state.",
        ),
        col(
            "role",
            Str,
            "president, acting_president, secretary_general, official, briefer, member, non_member, observer or other.",
        ),
        col(
            "function",
            Str,
            "Words after the parenthesis (Rapporteur of the Third Committee).",
        ),
        col(
            "on_behalf_of",
            Str,
            "Group the speaker spoke for, from the function.",
        ),
        col(
            "spoke_in",
            Str,
            "Language of the original speech from the heading's note (French).",
        ),
        col(
            "continues",
            Bool,
            "True when the speech resumes the previous one after a stage direction.",
        ),
        col("page_start", Int, "Zero-based page where it starts."),
        col("page_end", Int, "Zero-based page where it ends."),
        col("n_paragraphs", Int, "Paragraphs of the speech."),
        col(
            "text",
            Str,
            "The reflowed text: paragraphs separated by a blank line.",
        ),
        col(
            "documents_cited",
            Str,
            "Document symbols cited in the speech, joined by \";\".",
        ),
    ],
};

pub const STAGE_DIRECTIONS: TableDef = TableDef {
    name: "stage_directions",
    doc: "One row per stage direction (the record's italic notes: called to order, suspended, rose, invitations ...).",
    columns: &[
        col("meeting", Str, "The meeting's symbol."),
        col(
            "seq",
            Int,
            "Position among the meeting's proceedings, from 0.",
        ),
        col(
            "kind",
            Str,
            "called_to_order, suspended, resumed, rose, agenda_adopted, invitation, vote_taken, chair_change, decision, silence, language_note or other.",
        ),
        col("text", Str, "The direction as printed."),
        col(
            "time",
            Str,
            "24-hour HH:MM where the direction gives a time.",
        ),
    ],
};

pub const VOTES: TableDef = TableDef {
    name: "votes",
    doc: "One row per vote or adoption.",
    columns: &[
        col("meeting", Str, "The meeting's symbol."),
        col(
            "seq",
            Int,
            "Position among the meeting's proceedings, from 0.",
        ),
        col(
            "draft",
            Str,
            "Draft symbol (S/2018/1016), or the report's when the draft has none.",
        ),
        col(
            "part",
            Str,
            "Which draft inside a report (draft resolution I).",
        ),
        col("subject", Str, "What a vote without a draft was about."),
        col(
            "method",
            Str,
            "show_of_hands, recorded, without_vote, consensus or secret_ballot.",
        ),
        col("outcome", Str, "adopted, not_adopted or vetoed."),
        col("count_in_favour", Int, "Votes in favour as announced."),
        col("count_against", Int, "Votes against as announced."),
        col("count_abstaining", Int, "Abstentions as announced."),
        col(
            "n_in_favour_listed",
            Int,
            "Countries printed in the In favour list.",
        ),
        col(
            "n_against_listed",
            Int,
            "Countries printed in the Against list.",
        ),
        col(
            "n_abstaining_listed",
            Int,
            "Countries printed in the Abstaining list.",
        ),
        col(
            "vetoed_by",
            Str,
            "Codes of permanent members whose vote against defeated the draft, joined by \";\".",
        ),
        col(
            "resolution",
            Str,
            "Resolution adopted: 2448 (2018) (SC) or 64/299 (GA).",
        ),
        col("decision", Str, "GA decision number (76/575)."),
    ],
};

pub const VOTE_POSITIONS: TableDef = TableDef {
    name: "vote_positions",
    doc: "One row per country per list of a vote (In favour, Against, Abstaining), in printed order.",
    columns: &[
        col("meeting", Str, "The meeting's symbol."),
        col("seq", Int, "The vote's seq (votes.seq)."),
        col("position", Str, "in_favour, against or abstaining."),
        col("ord", Int, "Place in the printed list, from 0."),
        col("country", Str, "The country as printed."),
        col(
            "country_code",
            Str,
            "ISO 3166-1 alpha-3 (or a historical code such as SUN, YUG).",
        ),
    ],
};

pub const CITATIONS: TableDef = TableDef {
    name: "citations",
    doc: "One row per document cited: by a proceeding (seq set) or in the meeting's own list (seq empty).",
    columns: &[
        col("meeting", Str, "The meeting's symbol."),
        col(
            "seq",
            Int,
            "The citing speech, vote or agenda heading; empty for the meeting's deduplicated list of every document cited in it.",
        ),
        col(
            "document",
            Str,
            "The cited symbol, normalised: S/2018/1016, S/RES/2448 (2018), A/RES/64/299.",
        ),
    ],
};

/// Every table, in the order they are written.
pub const TABLES: [TableDef; 6] = [
    MEETINGS,
    SPEECHES,
    STAGE_DIRECTIONS,
    VOTES,
    VOTE_POSITIONS,
    CITATIONS,
];

/// A serde unit variant's name ("show_of_hands").
pub(crate) fn enum_name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The rows of every table for one record, indexed like [`TABLES`]. With `speeches` set, only those
/// speeches (by seq) and their citations are given; meeting, vote and stage-direction rows are whole.
pub fn rows(record: &MeetingRecord, speeches: Option<&BTreeSet<u32>>) -> [Vec<Vec<Value>>; 6] {
    let mut out: [Vec<Vec<Value>>; 6] = Default::default();
    let meeting = || Value::str(&record.symbol);
    let count = |f: fn(&ProceedingKind) -> bool| {
        Value::Int(record.proceedings.iter().filter(|p| f(&p.kind)).count() as i64)
    };
    let president = record.president.as_ref();
    let agenda: Vec<&str> = record.agenda.iter().map(|a| a.title.as_str()).collect();
    out[0].push(vec![
        meeting(),
        Value::str(record.body.as_str()),
        Value::opt_int(record.meeting_number),
        Value::opt_int(record.resumption),
        Value::opt_int(record.session),
        Value::opt_str(record.year_label.as_deref()),
        Value::opt_str(record.date.as_deref()),
        Value::opt_str(record.called_to_order.as_deref()),
        Value::opt_str(record.adjourned.as_deref()),
        Value::opt_str(record.location.as_deref()),
        Value::opt_str(president.and_then(|p| p.name.as_deref())),
        Value::opt_str(president.and_then(|p| p.country.as_deref())),
        Value::opt_str(president.and_then(|p| p.country_code.as_deref())),
        if agenda.is_empty() {
            Value::Null
        } else {
            Value::Str(agenda.join(" | "))
        },
        count(|k| matches!(k, ProceedingKind::Speech(_))),
        count(|k| matches!(k, ProceedingKind::Vote(_))),
        count(|k| matches!(k, ProceedingKind::StageDirection(_))),
        Value::str(&record.source.file),
        Value::str(&record.source.sha256),
        Value::Int(record.source.pages as i64),
        Value::opt_str(record.source.producer.as_deref()),
        Value::Int(record.coverage.body_chars as i64),
        Value::Int(record.coverage.placed_chars as i64),
        Value::Int(record.diagnostics.len() as i64),
    ]);

    let mut turn = 0i64;
    for p in &record.proceedings {
        let seq = Value::Int(p.seq as i64);
        match &p.kind {
            ProceedingKind::Speech(s) => {
                if !s.continues || turn == 0 {
                    turn += 1;
                }
                if speeches.is_some_and(|set| !set.contains(&p.seq)) {
                    continue;
                }
                let sp = &s.speaker;
                out[1].push(vec![
                    meeting(),
                    seq.clone(),
                    Value::Int(turn),
                    Value::str(&sp.name),
                    Value::str(&sp.heading),
                    Value::opt_str(sp.title.as_deref()),
                    Value::opt_str(sp.affiliation.as_deref()),
                    Value::opt_str(sp.country_code.as_deref()),
                    Value::Str(enum_name(&sp.role)),
                    Value::opt_str(sp.function.as_deref()),
                    Value::opt_str(sp.on_behalf_of.as_deref()),
                    Value::opt_str(s.spoke_in.as_deref()),
                    Value::Bool(s.continues),
                    Value::Int(p.provenance.page_start as i64),
                    Value::Int(p.provenance.page_end as i64),
                    Value::Int(s.paragraphs.len() as i64),
                    Value::Str(s.paragraphs.join("\n\n")),
                    Value::Str(s.documents_cited.join(";")),
                ]);
                for document in &s.documents_cited {
                    out[5].push(vec![meeting(), seq.clone(), Value::str(document)]);
                }
            }
            ProceedingKind::StageDirection(d) => out[2].push(vec![
                meeting(),
                seq,
                Value::Str(enum_name(&d.kind)),
                Value::str(&d.text),
                Value::opt_str(d.time.as_deref()),
            ]),
            ProceedingKind::Vote(v) => {
                let counts = v.counts.unwrap_or([None; 3]);
                let vetoed: Vec<&str> = v
                    .vetoed_by
                    .iter()
                    .map(|c| c.code.as_deref().unwrap_or(c.name.as_str()))
                    .collect();
                out[3].push(vec![
                    meeting(),
                    seq.clone(),
                    Value::opt_str(v.draft.as_deref()),
                    Value::opt_str(v.part.as_deref()),
                    Value::opt_str(v.subject.as_deref()),
                    Value::Str(enum_name(&v.method)),
                    v.outcome
                        .as_ref()
                        .map_or(Value::Null, |o| Value::Str(enum_name(o))),
                    Value::opt_int(counts[0]),
                    Value::opt_int(counts[1]),
                    Value::opt_int(counts[2]),
                    Value::Int(v.in_favour.len() as i64),
                    Value::Int(v.against.len() as i64),
                    Value::Int(v.abstaining.len() as i64),
                    if vetoed.is_empty() {
                        Value::Null
                    } else {
                        Value::Str(vetoed.join(";"))
                    },
                    Value::opt_str(v.resolution.as_deref()),
                    Value::opt_str(v.decision.as_deref()),
                ]);
                for (position, list) in [
                    ("in_favour", &v.in_favour),
                    ("against", &v.against),
                    ("abstaining", &v.abstaining),
                ] {
                    for (ord, country) in list.iter().enumerate() {
                        out[4].push(vec![
                            meeting(),
                            seq.clone(),
                            Value::str(position),
                            Value::Int(ord as i64),
                            Value::str(&country.name),
                            Value::opt_str(country.code.as_deref()),
                        ]);
                    }
                }
                if let Some(draft) = &v.draft {
                    out[5].push(vec![meeting(), seq, Value::str(draft)]);
                }
            }
            ProceedingKind::AgendaHeading(h) => {
                for document in &h.documents {
                    out[5].push(vec![meeting(), seq.clone(), Value::str(document)]);
                }
            }
        }
    }
    for document in &record.documents_cited {
        out[5].push(vec![meeting(), Value::Null, Value::str(document)]);
    }
    out
}

/// The column dictionary as Markdown (written to the docs and printed by `verbatim export --columns`).
pub fn dictionary_markdown() -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Export tables (csv and parquet), export schema version {}\n\n\
         Generated from crates/verbatim-export/src/tables.rs (`verbatim export --columns`); do not edit by hand.\n\
         Every column may be empty (null). In CSV, booleans are `true`/`false` and an empty field is null.\n",
        crate::EXPORT_SCHEMA_VERSION
    ));
    for table in TABLES {
        out.push_str(&format!(
            "\n## {}\n{}\n\n| column | type | meaning |\n|---|---|---|\n",
            table.name, table.doc
        ));
        for c in table.columns {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                c.name,
                c.kind.as_str(),
                c.doc.replace('|', "\\|")
            ));
        }
    }
    out
}
