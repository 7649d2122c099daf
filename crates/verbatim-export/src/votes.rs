//! The `votes` export: one row per country per vote, in the layout of the UN Digital Library's voting
//! data (`ms_code`, `ms_name`, `ms_vote` ...), so that code written for that data reads verbatim's.
//!
//! `ms_vote` is `Y` (in favour), `N` (against), `A` (abstaining) or `X` (a member of the body that is in
//! none of the lists: absent or not voting). `X` rows are written only where the record lists the
//! body's members (the Security Council's cover); a General Assembly record does not list the 193
//! members, so its non-voting members are not known and get no row. Only votes with country lists
//! (recorded votes, and shows of hands whose lists the record prints) give rows; adoptions without a
//! vote have no country positions. Columns the Digital Library fills from its catalogue and verbatim
//! has no source for (`undl_id`, `title`, `subjects`, `undl_link`) are empty. The column list follows
//! the Digital Library's published voting-data files as far as they could be checked from here; the
//! last four columns (`body`, `vote_seq`, `method`, `outcome`, `ms_name_printed`) are verbatim's own.

use std::collections::BTreeSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use verbatim_record::{Body, MeetingRecord, ProceedingKind, VoteMethod, countries};

use crate::tables::enum_name;
use crate::{ExportError, create, csv_field, io_error};

pub const FILE_NAME: &str = "votes.csv";

pub const COLUMNS: [&str; 24] = [
    "undl_id",
    "ms_code",
    "ms_name",
    "ms_vote",
    "date",
    "session",
    "resolution",
    "draft",
    "meeting",
    "title",
    "agenda_title",
    "subjects",
    "modality",
    "total_yes",
    "total_no",
    "total_abstentions",
    "total_non_voting",
    "total_ms",
    "undl_link",
    "body",
    "vote_seq",
    "method",
    "outcome",
    "ms_name_printed",
];

pub(crate) struct VotesWriter {
    w: BufWriter<File>,
    path: PathBuf,
    rows: u64,
}

/// The resolution's full symbol: "2448 (2018)" -> "S/RES/2448 (2018)", "64/299" -> "A/RES/64/299".
fn resolution_symbol(body: Body, resolution: &str) -> String {
    if resolution.contains('/') && resolution.contains("RES") {
        return resolution.to_owned();
    }
    match body {
        Body::SC => format!("S/RES/{resolution}"),
        Body::GA => format!("A/RES/{resolution}"),
        Body::Other => resolution.to_owned(),
    }
}

impl VotesWriter {
    pub fn new(dir: &Path) -> Result<VotesWriter, ExportError> {
        let path = dir.join(FILE_NAME);
        let mut w = create(&path)?;
        writeln!(w, "{}", COLUMNS.join(",")).map_err(io_error(&path))?;
        Ok(VotesWriter { w, path, rows: 0 })
    }

    /// Writes the rows of every vote of a record (only `country`'s rows when given: a code or a name).
    pub fn push(
        &mut self,
        record: &MeetingRecord,
        country: Option<&str>,
    ) -> Result<(), ExportError> {
        let wanted: Option<String> = country.map(|c| {
            let c = c.trim();
            if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) {
                c.to_ascii_uppercase()
            } else {
                countries::code_for(c).unwrap_or(c).to_owned()
            }
        });
        let agenda_title = record
            .agenda
            .first()
            .map(|a| a.title.as_str())
            .unwrap_or("");
        for p in &record.proceedings {
            let ProceedingKind::Vote(v) = &p.kind else {
                continue;
            };
            if v.in_favour.is_empty() && v.against.is_empty() && v.abstaining.is_empty() {
                continue;
            }
            let mut rows: Vec<(String, String, &str, String)> = Vec::new();
            let mut listed: BTreeSet<String> = BTreeSet::new();
            for (letter, list) in [("Y", &v.in_favour), ("N", &v.against), ("A", &v.abstaining)] {
                for c in list {
                    let code = c.code.clone().unwrap_or_default();
                    if !code.is_empty() {
                        listed.insert(code.clone());
                    }
                    rows.push((code, c.name.clone(), letter, c.name.clone()));
                }
            }
            for member in &record.members {
                let Some(code) = &member.country_code else {
                    continue;
                };
                if !listed.contains(code) {
                    rows.push((
                        code.clone(),
                        member.country.clone(),
                        "X",
                        member.country.clone(),
                    ));
                }
            }
            let [yes, no, abstentions] = v.counts.unwrap_or([None; 3]);
            let yes = yes.unwrap_or(v.in_favour.len() as u32);
            let no = no.unwrap_or(v.against.len() as u32);
            let abstentions = abstentions.unwrap_or(v.abstaining.len() as u32);
            let non_voting = rows.iter().filter(|r| r.2 == "X").count() as u32;
            let total = yes + no + abstentions + non_voting;
            let modality = match v.method {
                VoteMethod::Recorded => "Recorded Vote",
                VoteMethod::ShowOfHands => "Show of hands",
                VoteMethod::WithoutVote => "Without Vote",
                VoteMethod::Consensus => "Consensus",
                VoteMethod::SecretBallot => "Secret ballot",
            };
            for (code, printed, letter, _) in rows {
                if let Some(want) = &wanted
                    && *want != code
                {
                    continue;
                }
                let name = countries::canonical_name(&code)
                    .map(str::to_owned)
                    .unwrap_or_else(|| printed.clone());
                let fields = [
                    String::new(),
                    code,
                    name,
                    letter.to_owned(),
                    record.date.clone().unwrap_or_default(),
                    record.session.map(|s| s.to_string()).unwrap_or_default(),
                    v.resolution
                        .as_deref()
                        .map(|r| resolution_symbol(record.body, r))
                        .unwrap_or_default(),
                    v.draft.clone().unwrap_or_default(),
                    record.symbol.clone(),
                    String::new(),
                    agenda_title.to_owned(),
                    String::new(),
                    modality.to_owned(),
                    yes.to_string(),
                    no.to_string(),
                    abstentions.to_string(),
                    non_voting.to_string(),
                    total.to_string(),
                    String::new(),
                    record.body.as_str().to_owned(),
                    p.seq.to_string(),
                    enum_name(&v.method),
                    v.outcome.as_ref().map(enum_name).unwrap_or_default(),
                    printed,
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(self.w, "{}", line.join(",")).map_err(io_error(&self.path))?;
                self.rows += 1;
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<u64, ExportError> {
        self.w.flush().map_err(io_error(&self.path))?;
        Ok(self.rows)
    }
}
