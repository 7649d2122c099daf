//! Puts the record together: cover, proceedings, agenda, citations, fates and coverage.

use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::{FurnitureKind, Line, LineKind};

use crate::cover::parse_cover;
use crate::model::*;
use crate::proceedings::{Context, parse_proceedings};
use crate::text::{squash, text_chars};
use crate::{LineFate, Parsed, symbols};

static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\d{1,3}(?:/\d{1,3})? \d{2}-\d{5}(?: \(E\))?|\d{2}-\d{5}(?: \(E\))? \d{1,3}(?:/\d{1,3})?|\d{2}-\d{5}\d{1,3}/\d{1,3})$",
    )
    .expect("valid regex")
});

pub(crate) fn parse(lines: &[Line], source: Source) -> Parsed {
    let mut fates: Vec<Option<LineFate>> = lines
        .iter()
        .map(|l| match l.kind {
            LineKind::Furniture(furniture) => Some(LineFate::Furniture { furniture }),
            LineKind::Body => None,
        })
        .collect();
    // A page footer ("6/9 18-43649": page number and job number) that reached the body is furniture all
    // the same; left in, it would end up inside a speech or a vote list.
    for (fate, line) in fates.iter_mut().zip(lines) {
        if fate.is_none() && FOOTER.is_match(&squash(&line.text)) {
            *fate = Some(LineFate::Furniture {
                furniture: FurnitureKind::PageNumber,
            });
        }
    }
    let mut cover = parse_cover(lines);
    for &(i, field) in &cover.fields {
        if fates[i].is_none() {
            fates[i] = Some(LineFate::Cover {
                field: field.to_owned(),
            });
        }
    }
    let mut diagnostics: Vec<Diagnostic> = cover
        .notes
        .iter()
        .map(|note| Diagnostic {
            severity: Severity::Info,
            page: Some(0),
            bbox: None,
            message: note.clone(),
        })
        .collect();
    // First-page lines before the proceedings that the cover did not use.
    for i in 0..cover.end.min(lines.len()) {
        if fates[i].is_none()
            && lines[i].page_idx == 0
            && !squash(&lines[i].text).is_empty()
            && (lines[i].column == 0 || cover.body != Some(Body::GA))
        {
            fates[i] = Some(LineFate::Cover {
                field: "other".to_owned(),
            });
        }
    }
    if cover.printed {
        // The printer's imprint at the foot of the last page ("Printed in the U.S.A. Price in the
        // United States: 25 cents") is not part of the proceedings.
        let last_page = lines.iter().map(|l| l.page_idx).max().unwrap_or(0);
        for (fate, line) in fates.iter_mut().zip(lines) {
            if fate.is_none()
                && line.page_idx == last_page
                && squash(&line.text).starts_with("Printed in")
            {
                *fate = Some(LineFate::Furniture {
                    furniture: FurnitureKind::Other,
                });
            }
        }
        // The French column of a bilingual printed record repeats the English one.
        for (fate, line) in fates.iter_mut().zip(lines) {
            if fate.is_none() && line.column == 2 && line.page_idx > 0 {
                *fate = Some(LineFate::Translation);
            }
        }
    }
    let body = cover.body.unwrap_or(Body::Other);
    let year = cover
        .date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    let mut member_codes: Vec<String> = cover
        .members
        .iter()
        .filter_map(|m| m.country_code.clone())
        .collect();
    if let Some(code) = cover
        .president
        .as_ref()
        .and_then(|p| p.country_code.clone())
    {
        member_codes.push(code);
    }
    // A record whose body has no bold or italic at all (an OCR text layer, or `--no-style`) is read from
    // its words and positions alone.
    let styled = lines
        .iter()
        .any(|l| l.kind == LineKind::Body && l.spans.iter().any(|s| s.bold || s.italic));
    let ctx = Context {
        styled,
        body,
        year,
        member_codes,
        printed: cover.printed,
        countries_present: cover.members.iter().map(|m| m.country.clone()).collect(),
    };
    let mut out = parse_proceedings(lines, 0, &ctx, &mut fates);
    diagnostics.extend(out.diagnostics);
    if cover.printed {
        crate::printed::rebuild_garbled_names(
            lines,
            &fates,
            &mut out.proceedings,
            &ctx.countries_present,
            &mut diagnostics,
        );
        repair_names(&mut out.proceedings, &mut diagnostics);
        repair_languages(&mut out.proceedings, &mut diagnostics);
        crate::vocab::correct_record(
            &mut out.proceedings,
            &mut cover.agenda,
            &ctx.countries_present,
            &mut diagnostics,
        );
        join_split_votes(
            &mut out.proceedings,
            &mut fates,
            cover.members.len(),
            &mut diagnostics,
        );
        // Symbols in headings and stage directions as printed (speech text is repaired as it is read).
        for p in out.proceedings.iter_mut() {
            match &mut p.kind {
                ProceedingKind::AgendaHeading(h) => {
                    h.title = crate::printed::repair_symbols(&h.title)
                }
                ProceedingKind::StageDirection(d) => {
                    d.text = crate::printed::repair_symbols(&d.text)
                }
                _ => {}
            }
        }
    }

    let agenda = match body {
        Body::GA => ga_agenda(&out.proceedings),
        _ => cover.agenda.clone(),
    };
    let documents_cited = record_citations(&out.proceedings, body, cover.symbol.as_deref());

    let fates: Vec<LineFate> = fates
        .into_iter()
        .map(|f| f.unwrap_or(LineFate::Unplaced))
        .collect();
    let mut coverage = Coverage::default();
    for (line, fate) in lines.iter().zip(&fates) {
        if line.kind != LineKind::Body
            || matches!(fate, LineFate::Furniture { .. } | LineFate::Translation)
        {
            continue;
        }
        let n = text_chars(&line.text);
        coverage.body_chars += n;
        match fate {
            LineFate::Cover { .. } | LineFate::Proceeding { .. } => coverage.placed_chars += n,
            LineFate::Unplaced if n > 0 => {
                let already = diagnostics.iter().any(|d| {
                    d.page == Some(line.page_idx)
                        && d.bbox == Some([line.bbox.x0, line.bbox.y0, line.bbox.x1, line.bbox.y1])
                });
                if !already {
                    diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        page: Some(line.page_idx),
                        bbox: Some([line.bbox.x0, line.bbox.y0, line.bbox.x1, line.bbox.y1]),
                        message: format!("line not placed: {:?}", squash(&line.text)),
                    });
                }
            }
            _ => {}
        }
    }
    if cover.symbol.is_none() {
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            page: Some(0),
            bbox: None,
            message: "no record symbol found on the cover".to_owned(),
        });
    }
    if cover.date.is_none() {
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            page: Some(0),
            bbox: None,
            message: "no meeting date found on the cover".to_owned(),
        });
    }
    let record = MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        symbol: cover.symbol.clone().unwrap_or_default(),
        body,
        meeting_number: cover.meeting_number,
        resumption: cover.resumption,
        session: cover.session,
        year_label: cover.year_label.clone(),
        date: cover.date.clone(),
        called_to_order: out.called_to_order,
        adjourned: out.adjourned,
        location: cover.location.clone(),
        president: cover.president.clone(),
        members: cover.members.clone(),
        agenda,
        proceedings: out.proceedings,
        documents_cited,
        source,
        diagnostics,
        coverage,
    };
    Parsed { record, fates }
}

/// The 1950 record calls the "In favour" of a vote, then another vote, a debate, and only later the
/// "Against" and "Abstaining" of the first. A vote block with no "In favour" list is the rest of an
/// earlier vote that has only one: of those, the one that together with it accounts for the most
/// members present (a show of hands is called on the whole Council). Its lists, result and outcome
/// move to that vote, and the split-off block is removed (sequence numbers and line fates follow).
fn join_split_votes(
    proceedings: &mut Vec<Proceeding>,
    fates: &mut [Option<LineFate>],
    n_members: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let only_in_favour =
        |v: &Vote| !v.in_favour.is_empty() && v.against.is_empty() && v.abstaining.is_empty();
    let mut j = 0;
    while j < proceedings.len() {
        let ProceedingKind::Vote(rest) = &proceedings[j].kind else {
            j += 1;
            continue;
        };
        if !rest.in_favour.is_empty() || (rest.against.is_empty() && rest.abstaining.is_empty()) {
            j += 1;
            continue;
        }
        let rest = rest.clone();
        let named = |v: &Vote| -> usize {
            let mut all: Vec<&str> = v
                .in_favour
                .iter()
                .chain(&rest.against)
                .chain(&rest.abstaining)
                .map(|c| c.name.as_str())
                .collect();
            all.sort_unstable();
            all.dedup();
            all.len()
        };
        // The earlier vote that the lists complete best; ties go to the later one.
        let target = (0..j)
            .filter_map(|w| match &proceedings[w].kind {
                ProceedingKind::Vote(v) if only_in_favour(v) && v.counts.is_none() => {
                    Some((named(v), w))
                }
                _ => None,
            })
            .filter(|(n, _)| *n <= n_members.max(1))
            .max();
        let Some((_, w)) = target else {
            j += 1;
            continue;
        };
        if let ProceedingKind::Vote(v) = &mut proceedings[w].kind {
            v.against = rest.against.clone();
            v.abstaining = rest.abstaining.clone();
            v.counts = v.counts.or(rest.counts);
            v.outcome = v.outcome.or(rest.outcome);
            v.resolution = v.resolution.take().or(rest.resolution.clone());
        }
        let page = proceedings[j].provenance.page_start;
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            page: Some(page),
            bbox: Some(proceedings[j].provenance.bbox),
            message: format!(
                "vote lists without an \"In favour\" list joined to the earlier vote #{w} whose \"In favour\" was called alone"
            ),
        });
        proceedings.remove(j);
        for (seq, p) in proceedings.iter_mut().enumerate() {
            p.seq = seq as u32;
        }
        for fate in fates.iter_mut() {
            if let Some(LineFate::Proceeding { seq }) = fate {
                let s = *seq as usize;
                if s == j {
                    *seq = w as u32;
                } else if s > j {
                    *seq -= 1;
                }
            }
        }
    }
}

/// In a scanned record, a heading whose translation note the OCR garbled past reading ("The PRES\\IlF.:\\T
/// {fnlllsiated frolll NIISSÙl1I)") takes the language of the same speaker's other headings, when at
/// least two thirds of those that can be read agree (the President of the 1950 record speaks Russian
/// throughout). A heading without any bracketed note is left alone: no note means English.
fn repair_languages(proceedings: &mut [Proceeding], diagnostics: &mut Vec<Diagnostic>) {
    use std::collections::BTreeMap;
    let mut languages: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for p in proceedings.iter() {
        if let ProceedingKind::Speech(s) = &p.kind
            && let Some(language) = &s.spoke_in
        {
            *languages
                .entry(s.speaker.name.clone())
                .or_default()
                .entry(language.clone())
                .or_default() += 1;
        }
    }
    for p in proceedings.iter_mut() {
        let page = p.provenance.page_start;
        let ProceedingKind::Speech(s) = &mut p.kind else {
            continue;
        };
        let unread_note = s.spoke_in.is_none()
            && s.speaker.affiliation.is_none()
            && s.speaker.heading.contains(['(', '{']);
        if !unread_note {
            continue;
        }
        let Some(counts) = languages.get(&s.speaker.name) else {
            continue;
        };
        let total: usize = counts.values().sum();
        // The most frequent language; ties go to the alphabetically first, so the result is stable.
        let best = counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
        if let Some((language, n)) = best
            && 3 * n >= 2 * total
        {
            diagnostics.push(Diagnostic {
                severity: Severity::Info,
                page: Some(page),
                bbox: None,
                message: format!(
                    "unreadable translation note in {:?} read as {language:?}, as in {n} of the speaker's {total} readable headings",
                    s.speaker.heading
                ),
            });
            s.spoke_in = Some(language.clone());
        }
    }
}

/// In a scanned record, a speaker's name the OCR garbled ("::\\11'. :\\l'STIX") is replaced by the name
/// that the same delegation's clean headings print ("Mr. AUSTIN"); the heading keeps the OCR text.
fn repair_names(proceedings: &mut [Proceeding], diagnostics: &mut Vec<Diagnostic>) {
    use std::collections::BTreeMap;
    let mut names: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for p in proceedings.iter() {
        if let ProceedingKind::Speech(s) = &p.kind
            && let (Some(code), true) = (
                &s.speaker.country_code,
                crate::printed::clean_name(&s.speaker.name),
            )
        {
            *names
                .entry(code.clone())
                .or_default()
                .entry(s.speaker.name.clone())
                .or_default() += 1;
        }
    }
    for p in proceedings.iter_mut() {
        let page = p.provenance.page_start;
        if let ProceedingKind::Speech(s) = &mut p.kind {
            let Some(known) = s.speaker.country_code.as_ref().and_then(|c| names.get(c)) else {
                continue;
            };
            // A clean name is kept unless it is a near miss of the delegation's usual spelling ("Sir
            // Glachvyn Jebr" for "Sir Gladwyn Jebb").
            if crate::printed::clean_name(&s.speaker.name) {
                let usual = known.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
                let near_miss = usual.is_some_and(|(name, count)| {
                    *count > known.get(&s.speaker.name).copied().unwrap_or(0)
                        && crate::printed::dice(
                            &name.to_lowercase(),
                            &s.speaker.name.to_lowercase(),
                        ) >= 0.5
                });
                if !near_miss {
                    continue;
                }
            }
            // The most frequent clean spelling; ties go to the first in order, so the result is stable.
            if let Some((name, _)) = known.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))) {
                diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    page: Some(page),
                    bbox: None,
                    message: format!(
                        "speaker name {:?} read as {name:?} (same delegation)",
                        s.speaker.name
                    ),
                });
                s.speaker.name = name.clone();
            }
        }
    }
}

/// General Assembly agenda: the numbered agenda headings in order of first appearance, each item once.
fn ga_agenda(proceedings: &[Proceeding]) -> Vec<AgendaItem> {
    let mut items: Vec<AgendaItem> = Vec::new();
    for p in proceedings {
        if let ProceedingKind::AgendaHeading(h) = &p.kind
            && let Some(number) = &h.number
        {
            if items
                .iter()
                .any(|it| it.number.as_deref() == Some(number.as_str()))
            {
                continue;
            }
            items.push(AgendaItem {
                number: Some(number.clone()),
                title: h.title.clone(),
                documents: h.documents.clone(),
            });
        }
    }
    items
}

/// Every document symbol in the proceedings' text, first-seen order, without the record's own symbol.
fn record_citations(proceedings: &[Proceeding], body: Body, own: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |found: Vec<String>| {
        for s in found {
            if Some(s.as_str()) != own && !out.contains(&s) {
                out.push(s);
            }
        }
    };
    for p in proceedings {
        match &p.kind {
            ProceedingKind::AgendaHeading(h) => add(symbols::find_symbols(&h.title, body)),
            ProceedingKind::Speech(s) => add(s.documents_cited.clone()),
            ProceedingKind::StageDirection(d) => add(symbols::find_symbols(&d.text, body)),
            ProceedingKind::Vote(_) => {}
        }
    }
    out
}
