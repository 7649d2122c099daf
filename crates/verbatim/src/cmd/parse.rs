//! `verbatim parse FILE.pdf`: print one record as JSON, a readable transcript, the gold form, or the
//! fate of every line.
//!
//! A file that gives no record (not a PDF, damaged, not a verbatim record, unreadable text) is reported
//! on stderr, naming the file, with exit code 1; clap uses 2 for usage errors.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use verbatim_layout::LineKind;
use verbatim_record::gold::{method_str, outcome_str, to_gold};
use verbatim_record::{
    CountryRef, LineFate, MeetingRecord, Proceeding, ProceedingKind, Speech, StageDirection, Vote,
};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// The MeetingRecord as JSON.
    Json,
    /// A readable transcript.
    Text,
    /// The form of the hand-checked gold files.
    Gold,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The verbatim record (PDF) to parse.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// Print every line with its page, column and fate instead of the record.
    #[arg(long)]
    pub explain: bool,
    /// Ignore bold and italic: read the record from its words and their positions alone, as an OCR text
    /// layer must be read.
    #[arg(long)]
    pub no_style: bool,
    #[command(flatten)]
    pub ocr: super::ocr::OcrArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut options = crate::pipeline::Options {
        no_style: args.no_style,
        ocr: args.ocr.options(None),
    };
    let bar = super::ocr::progress_bar(None).map(|(progress, bar)| {
        options.ocr.progress = Some(progress);
        bar
    });
    let result = crate::pipeline::parse_file_with(&args.file, options);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let parsed = match result {
        Ok(parsed) => parsed,
        Err(err) => {
            // The error names the file and the cause; it is the user's input, not a program failure.
            eprintln!("verbatim: {err}");
            return Ok(ExitCode::from(1));
        }
    };
    let record = &parsed.parsed.record;
    let out = if args.explain {
        explain(&parsed.lines, &parsed.parsed.fates, record)
    } else {
        match args.format {
            Format::Json => serde_json::to_string_pretty(record)?,
            Format::Text => transcript(record),
            Format::Gold => gold_json(&to_gold(record))?,
        }
    };
    write_stdout(&format!("{}\n", out.trim_end_matches('\n')))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that stops early (`verbatim parse ... | head`) is not an error.
pub(crate) fn write_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// The gold form as the gold files are written (one-space indent), so the two can be diffed.
fn gold_json(gold: &verbatim_record::gold::GoldRecord) -> serde_json::Result<String> {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b" ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(gold, &mut serializer)?;
    // serde_json writes valid UTF-8.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// One line per input line: `page col fate text`, page counted from 1, column 0 = full width,
/// 1 = left, 2 = right.
fn explain(lines: &[verbatim_layout::Line], fates: &[LineFate], record: &MeetingRecord) -> String {
    let mut out = String::new();
    for (idx, line) in lines.iter().enumerate() {
        let fate = match fates.get(idx) {
            Some(fate) => fate_label(fate, record),
            // The record stage promises one fate per line; say so rather than hide a gap.
            None => match line.kind {
                LineKind::Furniture(kind) => format!("furniture:{}", snake(&kind)),
                LineKind::Body => "no-fate".to_owned(),
            },
        };
        let _ = writeln!(
            out,
            "{:>3} {} {:<20} {}",
            line.page_idx + 1,
            line.column,
            fate,
            line.text
        );
    }
    out
}

fn fate_label(fate: &LineFate, record: &MeetingRecord) -> String {
    match fate {
        LineFate::Furniture { furniture } => format!("furniture:{}", snake(furniture)),
        LineFate::Cover { field } => format!("cover:{field}"),
        LineFate::Proceeding { seq } => {
            let kind = record
                .proceedings
                .iter()
                .find(|p| p.seq == *seq)
                .map(|p| match &p.kind {
                    ProceedingKind::Speech(_) => "speech",
                    ProceedingKind::StageDirection(_) => "stage",
                    ProceedingKind::Vote(_) => "vote",
                    ProceedingKind::AgendaHeading(_) => "agenda",
                })
                .unwrap_or("proceeding");
            format!("{kind}#{seq}")
        }
        LineFate::Unplaced => "UNPLACED".to_owned(),
        LineFate::Translation => "translation".to_owned(),
    }
}

/// The serde (snake_case) name of a unit enum value, e.g. `running_header`.
fn snake<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".to_owned(),
    }
}

const WIDTH: usize = 92;

/// A readable transcript: the cover block, then every proceeding in order.
pub fn transcript(record: &MeetingRecord) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", record.symbol);
    let mut line = record.body.as_str().to_owned();
    if let Some(session) = record.session {
        let _ = write!(line, ", session {session}");
    }
    if let Some(number) = record.meeting_number {
        let _ = write!(line, ", meeting {number}");
    }
    if let Some(resumption) = record.resumption {
        let _ = write!(line, " (resumption {resumption})");
    }
    let _ = writeln!(out, "{line}");
    if let Some(label) = &record.year_label {
        let _ = writeln!(out, "{label}");
    }
    let when_where = [record.date.as_deref(), record.location.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    if !when_where.is_empty() {
        let _ = writeln!(out, "{when_where}");
    }
    let _ = writeln!(
        out,
        "Called to order: {}   Rose: {}",
        record.called_to_order.as_deref().unwrap_or("-"),
        record.adjourned.as_deref().unwrap_or("-")
    );
    if let Some(president) = &record.president {
        let _ = writeln!(
            out,
            "President: {}{}",
            president.name.as_deref().unwrap_or("?"),
            president
                .country
                .as_deref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        );
    }
    if !record.members.is_empty() {
        let _ = writeln!(out, "Members:");
        let width = record
            .members
            .iter()
            .map(|m| m.country.chars().count())
            .max()
            .unwrap_or(0);
        for member in &record.members {
            let pad = width - member.country.chars().count();
            let _ = writeln!(
                out,
                "  {}{}  {}",
                member.country,
                " ".repeat(pad),
                member.representative.as_deref().unwrap_or("")
            );
        }
    }
    if !record.agenda.is_empty() {
        let _ = writeln!(out, "Agenda:");
        for item in &record.agenda {
            let number = item
                .number
                .as_deref()
                .map(|n| format!("{n}. "))
                .unwrap_or_default();
            let docs = if item.documents.is_empty() {
                String::new()
            } else {
                format!(" [{}]", item.documents.join(", "))
            };
            let _ = writeln!(out, "  {number}{}{docs}", item.title);
        }
    }
    for proceeding in &record.proceedings {
        out.push('\n');
        write_proceeding(&mut out, proceeding);
    }
    let _ = writeln!(
        out,
        "\n-- {} proceedings; coverage {:.1}% ({} of {} body characters placed); {} diagnostics",
        record.proceedings.len(),
        record.coverage.ratio() * 100.0,
        record.coverage.placed_chars,
        record.coverage.body_chars,
        record.diagnostics.len()
    );
    for diagnostic in &record.diagnostics {
        let page = diagnostic
            .page
            .map(|p| format!("page {}", p + 1))
            .unwrap_or_else(|| "-".to_owned());
        let _ = writeln!(
            out,
            "   {} {page}: {}",
            snake(&diagnostic.severity),
            diagnostic.message
        );
    }
    out
}

fn write_proceeding(out: &mut String, proceeding: &Proceeding) {
    match &proceeding.kind {
        ProceedingKind::Speech(speech) => write_speech(out, speech),
        ProceedingKind::StageDirection(direction) => write_stage(out, direction),
        ProceedingKind::Vote(vote) => write_vote(out, vote),
        ProceedingKind::AgendaHeading(heading) => {
            let number = heading
                .number
                .as_deref()
                .map(|n| format!("Agenda item {n}"))
                .unwrap_or_default();
            let continued = if heading.continued {
                " (continued)"
            } else {
                ""
            };
            let sep = if number.is_empty() { "" } else { ": " };
            let _ = writeln!(out, "== {number}{continued}{sep}{} ==", heading.title);
            if !heading.documents.is_empty() {
                let _ = writeln!(out, "   ({})", heading.documents.join(", "));
            }
        }
    }
}

fn write_speech(out: &mut String, speech: &Speech) {
    if speech.continues {
        let _ = writeln!(out, "{} (continuing):", speech.speaker.name);
    } else {
        let _ = writeln!(out, "{}:", speech.speaker.heading.trim_end_matches(':'));
    }
    for (i, paragraph) in speech.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        wrap_into(out, paragraph, "    ", WIDTH);
    }
}

fn write_stage(out: &mut String, direction: &StageDirection) {
    // Stage directions are italic in the record: shown in brackets, with underscores as the italic mark.
    wrap_into(out, &format!("[_{}_]", direction.text), "      ", WIDTH);
}

fn write_vote(out: &mut String, vote: &Vote) {
    let mut title = String::from("VOTE");
    if let Some(draft) = &vote.draft {
        let _ = write!(title, " on {draft}");
    }
    if let Some(part) = &vote.part {
        let _ = write!(title, ", {part}");
    }
    if let Some(subject) = &vote.subject {
        let _ = write!(title, " ({subject})");
    }
    let _ = write!(title, " - {}", method_str(vote.method));
    let _ = writeln!(out, "    {title}");
    let lists: [(&str, &Vec<CountryRef>); 3] = [
        ("In favour", &vote.in_favour),
        ("Against", &vote.against),
        ("Abstaining", &vote.abstaining),
    ];
    if lists.iter().any(|(_, list)| !list.is_empty()) {
        for (label, list) in lists {
            let names = if list.is_empty() {
                "none".to_owned()
            } else {
                list.iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            wrap_into(
                out,
                &format!("{label} ({}): {names}", list.len()),
                "      ",
                WIDTH,
            );
        }
    }
    if let Some(counts) = vote.counts {
        let show = |n: Option<u32>| n.map_or_else(|| "-".to_owned(), |n| n.to_string());
        let _ = writeln!(
            out,
            "      Announced  {} in favour, {} against, {} abstaining",
            show(counts[0]),
            show(counts[1]),
            show(counts[2])
        );
    }
    let mut result = String::from("      Outcome    ");
    result.push_str(vote.outcome.map(outcome_str).unwrap_or("not stated"));
    if !vote.vetoed_by.is_empty() {
        let names: Vec<&str> = vote.vetoed_by.iter().map(|c| c.name.as_str()).collect();
        let _ = write!(result, " (vetoed by {})", names.join(", "));
    }
    if let Some(resolution) = &vote.resolution {
        let _ = write!(result, "; resolution {resolution}");
    }
    if let Some(decision) = &vote.decision {
        let _ = write!(result, "; decision {decision}");
    }
    let _ = writeln!(out, "{result}");
}

/// Appends `text` wrapped at `width` characters, every line starting with `indent`.
fn wrap_into(out: &mut String, text: &str, indent: &str, width: usize) {
    let mut line = String::from(indent);
    let mut line_len = indent.chars().count();
    let mut empty = true;
    for word in text.split_whitespace() {
        let word_len = word.chars().count();
        if !empty && line_len + 1 + word_len > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
            line_len = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += word_len;
        empty = false;
    }
    if !empty {
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_into;

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let mut out = String::new();
        wrap_into(&mut out, text, "  ", 16);
        for line in out.lines() {
            assert!(line.chars().count() <= 16, "{line:?}");
            assert!(line.starts_with("  "));
        }
        let words: Vec<&str> = out.split_whitespace().collect();
        assert_eq!(words.join(" "), text);
    }
}
