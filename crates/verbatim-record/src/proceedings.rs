//! The proceedings after the cover: speeches, stage directions, votes and agenda headings, in order.
//!
//! One pass over the body lines. Each line is first tested for what can only be recognized at its start
//! (a vote-list label, a bold speaker heading, a bold agenda heading, an italic stage direction); anything
//! else is text of whatever is open (a speech, a vote list). Multi-line constructs (a heading wrapped over
//! two lines, a stage direction over three) are read ahead and their lines marked consumed.

use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::{Line, LineKind};

use crate::heading::{Heading, language_note, parse_heading};
use crate::model::*;
use crate::printed::parse_printed_heading;
use crate::stage::{self, VoteLabel};
use verbatim_layout::text::HyphenContext;

use crate::text::{push_line_with, squash};
use crate::votes::{self, Adoption};
use crate::{LineFate, countries, symbols};

/// Facts from the cover that the proceedings need.
pub(crate) struct Context {
    /// The record carries bold and italic. Without them (an OCR text layer) headings, stage directions
    /// and vote labels are recognised from their wording and place alone.
    pub styled: bool,
    pub body: Body,
    pub year: Option<i32>,
    /// Codes of the Security Council's members at this meeting (the cover list and the President's
    /// country), to tell members from invited non-members.
    pub member_codes: Vec<String>,
    /// The printed Official Records series (scanned, bilingual, headings in capitals, not bold).
    pub printed: bool,
    /// Country names of the cover's member list, for repairing OCR-garbled affiliations.
    pub countries_present: Vec<String>,
}

/// What the proceedings pass produced.
pub(crate) struct Output {
    pub proceedings: Vec<Proceeding>,
    pub diagnostics: Vec<Diagnostic>,
    pub called_to_order: Option<String>,
    pub adjourned: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Speech(usize),
    Heading(usize),
}

struct VoteBlock {
    method: VoteMethod,
    label: Option<VoteLabel>,
    lists: [Vec<String>; 3],
    lines: Vec<usize>,
    /// The labels speak of overruling the President ("In favour of overruling the President's
    /// decision:"): a challenge to a ruling, not a vote on a draft.
    challenge: bool,
}

impl VoteBlock {
    /// An empty block, before any list label has been read.
    fn new(method: VoteMethod) -> VoteBlock {
        VoteBlock {
            method,
            label: None,
            lists: Default::default(),
            lines: Vec::new(),
            challenge: false,
        }
    }
}

struct Builder<'a> {
    lines: &'a [Line],
    /// Words the document prints with an inner hyphen, for reflowing line-end hyphens.
    hyphens: HyphenContext,
    ctx: &'a Context,
    fates: &'a mut [Option<LineFate>],
    proceedings: Vec<Proceeding>,
    diagnostics: Vec<Diagnostic>,
    open: Open,
    paragraph: String,
    /// The speaker of the last speech, for a speech resumed after a stage direction.
    last_speech: Option<usize>,
    can_continue: bool,
    /// A numbered agenda heading still waiting for its title paragraph.
    heading_wants_title: Option<usize>,
    vote_block: Option<VoteBlock>,
    /// A vote whose result is announced later (Security Council: in the President's next words).
    pending_vote: Option<usize>,
    /// The last vote, for the bracketed notes printed after it.
    last_vote: Option<usize>,
    /// A bracketed note after a vote that is still open (its closing bracket not yet read).
    vote_note: Option<usize>,
    /// Text since the last vote, to find the draft that the next vote is about.
    recent_text: String,
    /// Text since the last numbered agenda heading.
    context_text: String,
    /// Document symbols of the headings since the last numbered agenda heading ("Report of the Third
    /// Committee (A/65/448)").
    heading_docs: Vec<String>,
    called_to_order: Option<String>,
    adjourned: Option<String>,
    /// OCR tokens read as the pronoun "I" (reported once, in a diagnostic).
    pronouns_repaired: usize,
}

pub(crate) fn parse_proceedings(
    lines: &[Line],
    start: usize,
    ctx: &Context,
    fates: &mut [Option<LineFate>],
) -> Output {
    let hyphens = HyphenContext::from_lines(
        lines
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .map(|l| l.text.as_str()),
    );
    let mut b = Builder {
        lines,
        hyphens,
        ctx,
        fates,
        proceedings: Vec::new(),
        diagnostics: Vec::new(),
        open: Open::Nothing,
        paragraph: String::new(),
        last_speech: None,
        can_continue: false,
        heading_wants_title: None,
        vote_block: None,
        pending_vote: None,
        last_vote: None,
        vote_note: None,
        recent_text: String::new(),
        context_text: String::new(),
        heading_docs: Vec::new(),
        called_to_order: None,
        adjourned: None,
        pronouns_repaired: 0,
    };
    let mut i = start;
    while i < lines.len() {
        if b.fates[i].is_some() || lines[i].kind != LineKind::Body {
            i += 1;
            continue;
        }
        i = b.line(i);
    }
    b.close_open();
    b.close_vote_block(None);
    if b.pronouns_repaired > 0 {
        let n = b.pronouns_repaired;
        b.diag(
            Severity::Info,
            None,
            format!("OCR: {n} sentence-initial \"1\", \"|\" or \"I]\" read as the pronoun \"I\""),
        );
    }
    if let Some(idx) = b.pending_vote.take() {
        b.warn_unfinished_vote(idx);
    }
    Output {
        proceedings: b.proceedings,
        diagnostics: b.diagnostics,
        called_to_order: b.called_to_order,
        adjourned: b.adjourned,
    }
}

/// Byte offset where the bold prefix of a line ends (0 when the line does not start bold). Whitespace
/// between bold spans does not break it.
fn bold_end(line: &Line) -> usize {
    let mut end = 0;
    for span in &line.spans {
        let t = line.text.get(span.start..span.end).unwrap_or("");
        if span.bold {
            end = span.end;
        } else if t.trim().is_empty() {
            continue;
        } else {
            break;
        }
    }
    end
}

fn first_span(line: &Line) -> Option<&verbatim_layout::Span> {
    line.spans.iter().find(|s| {
        line.text
            .get(s.start..s.end)
            .is_some_and(|t| !t.trim().is_empty())
    })
}

fn starts_bold(line: &Line) -> bool {
    first_span(line).is_some_and(|s| s.bold)
}

fn starts_italic(line: &Line) -> bool {
    first_span(line).is_some_and(|s| s.italic && !s.bold)
}

/// Italic at the start, upright or bold: records of the early 1990s set stage directions and vote-list
/// labels in bold italic.
fn starts_italic_any(line: &Line) -> bool {
    first_span(line).is_some_and(|s| s.italic)
}

/// True when a text ends a sentence (so that the next line cannot continue a stage direction).
fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['”', '’', '"', ' ']);
    t.ends_with('.') || t.ends_with(':') || t.ends_with(".)") || t.ends_with('?')
}

static AGENDA_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    // Records of the early 1990s set the heading in capitals: "AGENDA ITEM 14 (continued)".
    Regex::new(r"^(?i:agenda items?) (\d.*?)(?: \(((?i:continued))\))?$").expect("valid regex")
});
/// A section heading of the printed series: "2. Adoption of the agenda".
static PRINTED_SECTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}\. [A-Z]").expect("valid regex"));
static AMENDMENT_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bamendments? to (draft (?:resolution|decision)(?: [IVXLC]+\b)?)")
        .expect("valid regex")
});
/// The start of what looks like a speaker heading ("Mr. X", "The President").
static SPEAKER_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:Mr\.|Mrs\.|Ms\.|Sir|Dame|The (?:Acting )?President\b)").expect("valid regex")
});
static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([a-z]{1,4}\) ").expect("valid regex"));
static L_SYMBOL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[AS]/(?:ES-\d+/)?\d+/L\.\d+").expect("valid regex"));
static REPORT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^A/\d+/\d+(?:/Add\.\d+)?(?: \(Part [IVX]+\))?$").expect("valid regex")
});
static SC_DRAFT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^S/(?:\d{4}/)?\d+$").expect("valid regex"));

impl Builder<'_> {
    fn next_body(&self, after: usize) -> Option<usize> {
        (after + 1..self.lines.len())
            .find(|&k| self.lines[k].kind == LineKind::Body && self.fates[k].is_none())
    }

    /// True when a numbered line of the printed series ("2. Complaint of aggression upon the Republic
    /// of" / "Korea.") is an item of a list read out in a speech (the adopted agenda) rather than a
    /// section heading: the item ends with a full stop, on its own line or on the lines that wrap it,
    /// while a section heading has none ("2. Adoption of the agenda"). Outside a speech only the first
    /// line is looked at.
    fn printed_list_item(&self, i: usize, text: &str) -> bool {
        if text.ends_with('.') {
            return true;
        }
        if !matches!(self.open, Open::Speech(_)) {
            return false;
        }
        let mut last = text.to_owned();
        let mut k = i;
        // A list item wraps over a few lines at most.
        for _ in 0..4 {
            let Some(n) = self.next_body(k) else { break };
            if self.lines[n].paragraph_start {
                break;
            }
            last = squash(&self.lines[n].text);
            k = n;
        }
        last.ends_with(['.', ';'])
    }

    fn seq(&self) -> u32 {
        self.proceedings.len() as u32
    }

    fn provenance(&self, i: usize) -> Provenance {
        let l = &self.lines[i];
        Provenance {
            page_start: l.page_idx,
            page_end: l.page_idx,
            bbox: [l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1],
            ocr_confidence: None,
        }
    }

    fn mark(&mut self, i: usize, idx: usize) {
        self.fates[i] = Some(LineFate::Proceeding { seq: idx as u32 });
        let page = self.lines[i].page_idx;
        let p = &mut self.proceedings[idx].provenance;
        p.page_end = p.page_end.max(page);
    }

    fn push(&mut self, i: usize, kind: ProceedingKind) -> usize {
        let idx = self.proceedings.len();
        self.proceedings.push(Proceeding {
            seq: self.seq(),
            provenance: self.provenance(i),
            kind,
        });
        idx
    }

    fn diag(&mut self, severity: Severity, i: Option<usize>, message: String) {
        let (page, bbox) = match i {
            Some(i) => {
                let l = &self.lines[i];
                (
                    Some(l.page_idx),
                    Some([l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1]),
                )
            }
            None => (None, None),
        };
        self.diagnostics.push(Diagnostic {
            severity,
            page,
            bbox,
            message,
        });
    }

    /// Handles the line at `i` and returns the index of the next line to look at.
    fn line(&mut self, i: usize) -> usize {
        let line = &self.lines[i];
        let text = squash(&line.text);
        if text.is_empty() {
            // Nothing to place; it belongs to whatever is open.
            self.fates[i] = Some(match self.open {
                Open::Speech(idx) | Open::Heading(idx) => LineFate::Proceeding { seq: idx as u32 },
                Open::Nothing => LineFate::Unplaced,
            });
            return i + 1;
        }
        if let Some(next) = self.try_vote_label(i, &text) {
            return next;
        }
        if self.ctx.printed && line.paragraph_start && !starts_bold(line) {
            if let Some(next) = self.try_printed_heading(i) {
                return next;
            }
            if PRINTED_SECTION.is_match(&text) && !self.printed_list_item(i, &text) {
                return self.agenda_heading(i);
            }
        }
        if !self.ctx.styled
            && !self.ctx.printed
            && let Some(next) = self.try_unstyled(i, &text)
        {
            return next;
        }
        if starts_bold(line) {
            if let Some(next) = self.try_speaker_heading(i) {
                return next;
            }
            // A bold italic sentence is a stage direction in the records that set them so; agenda
            // headings are bold upright.
            if starts_italic_any(line)
                && let Some(next) = self.try_stage_direction(i)
            {
                return next;
            }
            if is_heading_line(line) {
                return self.agenda_heading(i);
            }
        }
        if starts_italic(line)
            && let Some(next) = self.try_stage_direction(i)
        {
            return next;
        }
        self.roman_text(i, &text);
        i + 1
    }

    /// True while a numbered agenda heading has no title yet (its title is the next paragraph).
    fn title_wanted(&self) -> bool {
        self.heading_wants_title.is_some_and(|idx| {
            matches!(&self.proceedings[idx].kind, ProceedingKind::AgendaHeading(h) if h.title.is_empty())
        })
    }

    /// A paragraph of a record without style: a speaker heading, a stage direction or language note, or
    /// an agenda heading, each told by its wording and by what follows it.
    fn try_unstyled(&mut self, i: usize, text: &str) -> Option<usize> {
        let line = &self.lines[i];
        if self
            .vote_block
            .as_ref()
            .is_some_and(|block| block.label.is_some())
            && !line.paragraph_start
        {
            return None;
        }
        if AGENDA_ITEM.is_match(text)
            && (line.paragraph_start || !matches!(self.open, Open::Speech(_)))
        {
            return Some(self.agenda_heading(i));
        }
        if !line.paragraph_start {
            return None;
        }
        if let Some(next) = self.try_speaker_heading(i) {
            return Some(next);
        }
        if (is_language_note(text) || stage::is_formula(&self.paragraph_text(i)))
            && let Some(next) = self.try_stage_direction(i)
        {
            return Some(next);
        }
        let in_list = self
            .vote_block
            .as_ref()
            .is_some_and(|block| block.label.is_some());
        if !in_list && self.unstyled_heading(i, 0) {
            return Some(self.agenda_heading(i));
        }
        None
    }

    /// The paragraph that starts at line `i`: its lines up to the next paragraph start (eight at most).
    fn paragraph_lines(&self, i: usize) -> Vec<usize> {
        let mut used = vec![i];
        let mut k = i;
        while used.len() < 8 {
            match self.next_body(k) {
                Some(n) if !self.lines[n].paragraph_start => {
                    used.push(n);
                    k = n;
                }
                _ => break,
            }
        }
        used
    }

    fn paragraph_text(&self, i: usize) -> String {
        let mut text = String::new();
        for k in self.paragraph_lines(i) {
            push_line_with(&mut text, &self.lines[k].text, &self.hyphens);
        }
        text
    }

    /// Without style, a heading is a short paragraph that ends without punctuation and is followed by
    /// structure: a speaker heading, a stage direction, a numbered agenda item or another such heading
    /// ("Report of the Third Committee (A/65/448)", "(a) Note by the Secretary-General", "Organization
    /// of work"). A speech's sentence ends with punctuation; a vote list is read before this.
    fn unstyled_heading(&self, i: usize, depth: usize) -> bool {
        let used = self.paragraph_lines(i);
        let text = self.paragraph_text(i);
        let last = text.trim_end();
        let starts_well = text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c == '(');
        if depth > 6
            || used.len() > 5
            || !starts_well
            || last.len() > 250
            || last.ends_with(['.', ':', ';', '?', '!', ',', '-', '—'])
        {
            return false;
        }
        let Some(next) = used.last().and_then(|&k| self.next_body(k)) else {
            return false;
        };
        let next_text = squash(&self.lines[next].text);
        self.lines[next].paragraph_start
            && (self.is_heading_start(next)
                || AGENDA_ITEM.is_match(&next_text)
                || stage::is_formula(&self.paragraph_text(next))
                || self.unstyled_heading(next, depth + 1))
    }

    fn try_vote_label(&mut self, i: usize, text: &str) -> Option<usize> {
        let line = &self.lines[i];
        let colon = text.find(':')?;
        if colon > 80 {
            return None;
        }
        let label = match stage::vote_label(&text[..colon]) {
            Some(label) => label,
            None if self.ctx.printed => self.garbled_vote_label(i, text, colon)?,
            None => return None,
        };
        // A label is a short italic (or, in older records, roman) phrase at the start of a line inside a
        // vote block, or an italic one anywhere.
        let in_block = self.vote_block.is_some();
        let unstyled_label = !self.ctx.styled && line.paragraph_start;
        if !(in_block || starts_italic_any(line) || unstyled_label)
            || text[..colon].split_whitespace().count() > 8
        {
            return None;
        }
        if !in_block {
            self.close_open();
            let method = if self.ctx.body == Body::GA {
                VoteMethod::Recorded
            } else {
                VoteMethod::ShowOfHands
            };
            self.vote_block = Some(VoteBlock::new(method));
        }
        let rest = text[colon + 1..].trim().to_owned();
        let block = self.vote_block.as_mut().expect("a vote block is open");
        block.label = Some(label);
        block.lines.push(i);
        // The OCR garbles the long label ("In favour of overrttling the President's decision"), so any
        // label that names the President or overruling marks the challenge.
        let label_words = text[..colon].to_lowercase();
        if ["overr", "presid"].iter().any(|w| label_words.contains(w)) {
            block.challenge = true;
        }
        if !rest.is_empty() {
            block.lists[label as usize].push(rest);
        }
        self.fates[i] = Some(LineFate::Unplaced);
        Some(i + 1)
    }

    fn try_speaker_heading(&mut self, i: usize) -> Option<usize> {
        // The heading may wrap over up to three lines ("(spoke in" / "Russian):"); a wrapped line never
        // starts a paragraph.
        let mut text = String::new();
        let mut bold = 0;
        let mut used = Vec::new();
        let mut k = i;
        for _ in 0..3 {
            let line = &self.lines[k];
            if !used.is_empty() {
                if line.paragraph_start {
                    return None;
                }
                text.push(' ');
            }
            let offset = text.len();
            let line_bold = if self.ctx.styled {
                bold_end(line)
            } else if used.is_empty() {
                // Without style the name runs to the first parenthesis, comma or colon.
                line.text.find(['(', ',', ':']).unwrap_or(0)
            } else {
                0
            };
            // The bold name goes on into this line only when the previous line was bold to its end.
            if (used.is_empty() || bold >= offset.saturating_sub(2))
                && (line_bold > 0 || used.is_empty())
            {
                bold = offset + line_bold;
            }
            text.push_str(line.text.trim_end());
            used.push((k, offset));
            if let Some(h) = parse_heading(&text, bold)
                && (self.ctx.styled || unstyled_name(&h.name))
            {
                return Some(self.start_speech(h, &text, &used));
            }
            // Read on only while the heading can still be open: an unclosed parenthesis or no colon yet.
            let opens = text.matches('(').count();
            let closes = text.matches(')').count();
            let still_open = opens > closes || (!text.contains(':') && text.len() < 200);
            if !still_open {
                return None;
            }
            k = self.next_body(k)?;
        }
        None
    }

    /// A vote-list label of the printed series that the OCR garbled ("/11 fll','our:", ".-/ bstail/i1l!l:"):
    /// a short italic phrase opening a paragraph, whose list starts with a country present. The label is
    /// the one its letters are closest to; failing any likeness, the list after the block's last one.
    fn garbled_vote_label(&self, i: usize, text: &str, colon: usize) -> Option<VoteLabel> {
        let line = &self.lines[i];
        let label_text = &text[..colon];
        // OCR specks before the label (".-/ bstail/i1l!l:") are set in roman: the first letter counts.
        let first_letter_italic = line
            .text
            .char_indices()
            .find(|(_, c)| c.is_alphabetic())
            .is_some_and(|(at, _)| {
                line.spans
                    .iter()
                    .any(|s| s.start <= at && at < s.end && s.italic && !s.bold)
            });
        if !line.paragraph_start
            || !(starts_italic(line) || first_letter_italic)
            || label_text.split_whitespace().count() > 3
            || label_text.chars().count() > 20
        {
            return None;
        }
        let first_item =
            crate::printed::split_garbled_list(&text[colon + 1..], &self.ctx.countries_present)
                .into_iter()
                .next();
        let country_follows =
            first_item.is_some_and(|first| self.ctx.countries_present.contains(&first));
        if !country_follows {
            return None;
        }
        let letters: String = label_text
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        let best = [
            (VoteLabel::InFavour, "infavour"),
            (VoteLabel::Against, "against"),
            (VoteLabel::Abstaining, "abstaining"),
        ]
        .into_iter()
        .map(|(label, word)| (crate::printed::dice(&letters, word), label))
        .max_by(|a, b| a.0.total_cmp(&b.0));
        match best {
            Some((score, label)) if score >= 0.1 => Some(label),
            _ => Some(match self.vote_block.as_ref().and_then(|b| b.label) {
                None => VoteLabel::InFavour,
                Some(VoteLabel::InFavour) => VoteLabel::Against,
                Some(_) => VoteLabel::Abstaining,
            }),
        }
    }

    /// A heading of the printed series (not bold; see [`crate::printed`]), on one line or two.
    fn try_printed_heading(&mut self, i: usize) -> Option<usize> {
        let mut text = self.lines[i].text.trim_end().to_owned();
        let mut used = vec![(i, 0)];
        if let Some(h) = parse_printed_heading(&text, &self.ctx.countries_present) {
            return Some(self.start_speech(h, &text, &used));
        }
        let next = self.next_body(i)?;
        if self.lines[next].paragraph_start || text.contains(':') {
            return None;
        }
        text.push(' ');
        used.push((next, text.len()));
        text.push_str(self.lines[next].text.trim_end());
        let h = parse_printed_heading(&text, &self.ctx.countries_present)?;
        Some(self.start_speech(h, &text, &used))
    }

    fn start_speech(&mut self, h: Heading, text: &str, used: &[(usize, usize)]) -> usize {
        self.close_open();
        self.close_vote_block(None);
        let first = used[0].0;
        let speaker = self.speaker(&h);
        let idx = self.push(
            first,
            ProceedingKind::Speech(Speech {
                speaker,
                spoke_in: h.spoke_in.clone(),
                paragraphs: Vec::new(),
                documents_cited: Vec::new(),
                continues: false,
            }),
        );
        for &(k, _) in used {
            self.mark(k, idx);
        }
        self.open = Open::Speech(idx);
        self.last_speech = Some(idx);
        self.can_continue = true;
        self.heading_wants_title = None;
        // Text after the colon, from the heading's last line on, starts the first paragraph.
        let rest = text[h.end..].trim();
        self.paragraph = squash(rest);
        used.last().map_or(first, |&(k, _)| k) + 1
    }

    fn speaker(&self, h: &Heading) -> Speaker {
        let lower = h.name.to_lowercase();
        let code = h
            .affiliation
            .as_deref()
            .and_then(countries::code_for)
            .map(str::to_owned);
        let role = if lower == "the president" {
            Role::President
        } else if lower == "the acting president" {
            Role::ActingPresident
        } else if lower.contains("secretary-general") {
            Role::SecretaryGeneral
        } else if let Some(code) = &code {
            let observer = matches!(code.as_str(), "VAT" | "PSE");
            match self.ctx.body {
                Body::SC if self.ctx.member_codes.contains(code) => Role::Member,
                _ if observer => Role::Observer,
                Body::SC => Role::NonMember,
                _ => Role::Member,
            }
        } else if let Some(a) = &h.affiliation {
            let office = [
                "Department",
                "Office",
                "Secretariat",
                "Division",
                "Secretary",
                "United Nations",
            ];
            if office.iter().any(|w| a.contains(w)) {
                Role::Official
            } else if self.ctx.body == Body::SC {
                Role::Briefer
            } else {
                Role::Observer
            }
        } else {
            Role::Other
        };
        let on_behalf_of = h
            .function
            .as_deref()
            .and_then(|f| f.strip_prefix("on behalf of "))
            .map(str::to_owned);
        Speaker {
            heading: h.heading.clone(),
            name: h.name.clone(),
            title: h.title.clone(),
            affiliation: h.affiliation.clone(),
            country_code: code,
            role,
            function: h.function.clone(),
            on_behalf_of,
        }
    }

    /// Bold lines that are not a speaker heading: agenda headings and sub-headings.
    fn agenda_heading(&mut self, i: usize) -> usize {
        self.close_open();
        self.close_vote_block(None);
        self.can_continue = false;
        // Gather this bold paragraph: the line and its wrapped continuation lines.
        let mut text = squash(&self.lines[i].text);
        let mut used = vec![i];
        let mut k = i;
        while let Some(n) = self.next_body(k) {
            let line = &self.lines[n];
            // "Agenda item 14" is a line of its own; its title is the next paragraph.
            let printed_wrap = self.ctx.printed && !line.paragraph_start && !text.ends_with('.');
            let unstyled_wrap = !self.ctx.styled && !line.paragraph_start;
            if !(is_heading_line(line) || printed_wrap || unstyled_wrap)
                || self.is_heading_start(n)
                || AGENDA_ITEM.is_match(&text)
            {
                break;
            }
            let t = squash(&line.text);
            let new_paragraph = line.paragraph_start || self.gap_above(k, n);
            let continues = !new_paragraph
                || t.chars().next().is_some_and(|c| c.is_lowercase())
                || (text.ends_with(" of") || text.ends_with(" the") || text.ends_with(" and"));
            // "(b) Strengthening the role of mediation ..." is a sub-item of its own.
            let sub_item = SUB_ITEM.is_match(&t);
            if !continues || sub_item || AGENDA_ITEM.is_match(&t) {
                break;
            }
            push_line_with(&mut text, &t, &self.hyphens);
            used.push(n);
            k = n;
        }
        let documents = symbols::find_symbols(&text, self.ctx.body);
        if SPEAKER_LIKE.is_match(&text) && text.len() < 200 {
            // Bold, at a paragraph start and shaped like a speaker's name, but not a heading the grammar
            // reads: kept as a heading, and reported.
            self.diag(
                Severity::Warning,
                Some(i),
                format!("bold line read as a heading, not as a speaker heading: {text:?}"),
            );
        }
        if !AGENDA_ITEM.is_match(&text) {
            self.heading_docs.extend(documents.iter().cloned());
        }
        self.context_text.push(' ');
        self.context_text.push_str(&text);
        self.recent_text.push(' ');
        self.recent_text.push_str(&text);
        let idx = if let Some(c) = AGENDA_ITEM.captures(&text) {
            // A new numbered item: reports named under earlier items no longer apply.
            self.context_text = text.clone();
            self.heading_docs.clear();
            let number = c[1].to_owned();
            let continued = c.get(2).is_some();
            let idx = self.push(
                i,
                ProceedingKind::AgendaHeading(AgendaHeading {
                    number: Some(number),
                    title: String::new(),
                    continued,
                    documents,
                }),
            );
            self.heading_wants_title = Some(idx);
            idx
        } else if let Some(idx) = self.heading_wants_title.take().filter(|&idx| {
            // A title already read (as roman text under the numbered heading) is not replaced by the
            // sub-heading that follows it.
            matches!(&self.proceedings[idx].kind, ProceedingKind::AgendaHeading(h) if h.title.is_empty())
        }) {
            if let ProceedingKind::AgendaHeading(h) = &mut self.proceedings[idx].kind {
                h.title = text;
                h.documents.extend(documents);
            }
            idx
        } else {
            self.push(
                i,
                ProceedingKind::AgendaHeading(AgendaHeading {
                    number: None,
                    title: text,
                    continued: false,
                    documents,
                }),
            )
        };
        for &k in &used {
            self.mark(k, idx);
        }
        self.open = Open::Heading(idx);
        used.last().copied().unwrap_or(i) + 1
    }

    /// True when a blank line's worth of space separates the line at `n` from the line at `prev` above it
    /// in the same column (separate headings in a block of bold headings are set apart only by space).
    fn gap_above(&self, prev: usize, n: usize) -> bool {
        let (a, b) = (&self.lines[prev], &self.lines[n]);
        if a.page_idx != b.page_idx || a.column != b.column {
            return false;
        }
        let height = (a.bbox.y1 - a.bbox.y0).max(1.0);
        b.bbox.y0 - a.bbox.y0 > 1.35 * height
    }

    /// True when the line at `n` starts a speaker heading (so a bold paragraph must stop before it).
    fn is_heading_start(&self, n: usize) -> bool {
        let line = &self.lines[n];
        parse_heading(&line.text, bold_end(line)).is_some()
            || (line.paragraph_start && {
                let t = line.text.trim_start();
                [
                    "Mr.",
                    "Mrs.",
                    "Ms.",
                    "The President",
                    "The Acting President",
                    "Sir ",
                    "Dame ",
                ]
                .iter()
                .any(|p| t.starts_with(p))
            })
    }

    /// An italic line: a stage direction, a mid-speech language note, or italic words of a speech.
    fn try_stage_direction(&mut self, i: usize) -> Option<usize> {
        let mut text = squash(&self.lines[i].text);
        // An italic line that closes a parenthesis it did not open continues a citation of the speech
        // ("(Official" / "Records of the General Assembly, ..., p. 10)"), whatever its layout.
        if text.matches(')').count() > text.matches('(').count()
            && matches!(self.open, Open::Speech(_))
        {
            return None;
        }
        // A stage direction set in bold italic wraps onto bold lines; one set in italic does not.
        let bold_direction = starts_bold(&self.lines[i]);
        let mut used = vec![i];
        let mut k = i;
        while !ends_sentence(&text) && used.len() < 8 {
            let Some(n) = self.next_body(k) else { break };
            let line = &self.lines[n];
            // An adoption line's roman tail ("64/299).") may be set as a line of its own.
            let unclosed = text.matches('(').count() > text.matches(')').count();
            let carries_on = line
                .text
                .trim_start()
                .chars()
                .next()
                .is_some_and(|c| c == '(' || c.is_lowercase() || c.is_ascii_digit());
            let continues =
                (starts_italic_any(line) || !line.paragraph_start || unclosed || carries_on)
                    && (bold_direction || !starts_bold(line))
                    && (self.ctx.styled || !line.paragraph_start || carries_on || unclosed);
            if !continues {
                break;
            }
            push_line_with(&mut text, &line.text, &self.hyphens);
            used.push(n);
            k = n;
        }
        if is_language_note(&text)
            && let Open::Speech(idx) = self.open
        {
            // A language switch inside a speech: kept as its own paragraph of the speech.
            self.flush_paragraph();
            self.paragraph = text;
            self.flush_paragraph();
            for &k in &used {
                self.mark(k, idx);
            }
            return Some(k + 1);
        }
        let in_speech = matches!(self.open, Open::Speech(_));
        // In the printed series a whole italic paragraph that is one sentence is a stage direction even
        // when the OCR garbled its procedural words ("The aycllda, as amclldcd, \"ms adoptcd.").
        let printed_italic_paragraph = self.ctx.printed
            && self.lines[i].paragraph_start
            && used.iter().all(|&k| italic_share(&self.lines[k]) >= 0.8)
            && ends_sentence(&text)
            && text.chars().next().is_some_and(char::is_uppercase);
        if !stage::is_procedural(&text) && in_speech && !printed_italic_paragraph {
            return None;
        }
        if !self.ctx.styled && !self.ctx.printed {
            let read = stage::read_ocr_direction(&text);
            if read != text {
                self.diag(
                    Severity::Info,
                    Some(i),
                    format!("OCR: stage direction {text:?} read as {read:?}"),
                );
                text = read;
            }
        }
        self.stage_direction(&used, text);
        Some(k + 1)
    }

    fn stage_direction(&mut self, used: &[usize], text: String) {
        let first = used[0];
        self.close_open();
        let (kind, time) = stage::classify(&text);
        let lower = text.to_lowercase();
        match kind {
            StageKind::CalledToOrder if self.called_to_order.is_none() => {
                self.called_to_order = time.clone();
            }
            StageKind::Rose => self.adjourned = time.clone(),
            _ => {}
        }
        let vote_taken = kind == StageKind::VoteTaken;
        if vote_taken {
            // A new vote: whatever was still open is finished.
            self.close_vote_block(None);
            if let Some(idx) = self.pending_vote.take() {
                self.warn_unfinished_vote(idx);
            }
        }
        let adoption = votes::parse_adoption(&text);
        let is_result = kind == StageKind::Decision
            && (adoption.is_some()
                || votes::parse_counts(&text).is_some()
                || votes::parse_outcome(&text).is_some());
        // Adoption or result lines close an open vote block: the vote comes before its result line.
        let closing_vote = if is_result && self.vote_block.is_some() {
            self.close_vote_block(None)
        } else {
            None
        };
        let idx = self.push(
            first,
            ProceedingKind::StageDirection(StageDirection {
                kind,
                text: text.clone(),
                time,
            }),
        );
        for &k in used {
            self.mark(k, idx);
        }
        if vote_taken {
            let method = if lower.contains("recorded") {
                VoteMethod::Recorded
            } else if lower.contains("ballot") {
                VoteMethod::SecretBallot
            } else {
                VoteMethod::ShowOfHands
            };
            self.vote_block = Some(VoteBlock::new(method));
        } else if is_result {
            // Closing a vote block leaves it pending, so the pending vote is the one this line completes.
            let _ = closing_vote;
            match self.pending_vote.take() {
                Some(vote_idx) => {
                    self.fill_vote(vote_idx, &text, adoption.as_ref());
                    self.finish_vote(vote_idx);
                }
                None if adoption.is_some() => {
                    let vote = Vote {
                        draft: None,
                        part: None,
                        subject: None,
                        method: VoteMethod::WithoutVote,
                        in_favour: Vec::new(),
                        against: Vec::new(),
                        abstaining: Vec::new(),
                        counts: None,
                        outcome: None,
                        vetoed_by: Vec::new(),
                        resolution: None,
                        decision: None,
                        notes: Vec::new(),
                    };
                    let vote_idx = self.push(first, ProceedingKind::Vote(vote));
                    self.fill_vote(vote_idx, &text, adoption.as_ref());
                    self.finish_vote(vote_idx);
                }
                None => {}
            }
        }
        if !is_result {
            // A result line ends the text that leads to the next vote; it is not part of it.
            self.recent_text.push(' ');
            self.recent_text.push_str(&text);
        }
        self.open = Open::Nothing;
    }

    /// Text of no special form: a speech's text, a vote list, a note after a vote, or nothing.
    fn roman_text(&mut self, i: usize, text: &str) {
        let line = &self.lines[i];
        if let Some(block) = self.vote_block.as_mut()
            && let Some(label) = block.label
        {
            block.lists[label as usize].push(text.to_owned());
            block.lines.push(i);
            self.fates[i] = Some(LineFate::Unplaced);
            return;
        }
        if let Some(vote_idx) = self.vote_note {
            self.mark(i, vote_idx);
            if let ProceedingKind::Vote(vote) = &mut self.proceedings[vote_idx].kind
                && let Some(note) = vote.notes.last_mut()
            {
                push_line_with(note, text, &self.hyphens);
            }
            if let Some(note) = self.diagnostics.last_mut() {
                note.message.push(' ');
                note.message.push_str(text);
            }
            if text.contains(']') {
                self.vote_note = None;
            }
            return;
        }
        if matches!(self.open, Open::Nothing) {
            if text.starts_with('[')
                && let Some(vote_idx) = self.last_vote
            {
                // "[Subsequently the delegation of ... advised the Secretariat ...]": a note on the
                // vote printed after it; not a stage direction and not anyone's speech.
                self.mark(i, vote_idx);
                if let ProceedingKind::Vote(vote) = &mut self.proceedings[vote_idx].kind {
                    vote.notes.push(text.to_owned());
                }
                self.diag(
                    Severity::Info,
                    Some(i),
                    format!("note after a vote: {text}"),
                );
                if !text.contains(']') {
                    self.vote_note = Some(vote_idx);
                }
                return;
            }
            if self.can_continue
                && let Some(prev) = self.last_speech
            {
                self.resume_speech(i, prev);
            }
        }
        match self.open {
            Open::Speech(idx) => {
                if line.paragraph_start
                    && !self.paragraph.is_empty()
                    && !self.starts_mid_sentence(i)
                {
                    self.flush_paragraph();
                }
                push_line_with(&mut self.paragraph, text, &self.hyphens);
                self.mark(i, idx);
            }
            Open::Heading(idx) if !line.paragraph_start || self.title_wanted() => {
                // Roman words inside a bold heading block (a document symbol set in roman).
                if let ProceedingKind::AgendaHeading(h) = &mut self.proceedings[idx].kind {
                    if h.title.is_empty() {
                        h.title = text.to_owned();
                    } else {
                        push_line_with(&mut h.title, text, &self.hyphens);
                    }
                }
                self.mark(i, idx);
            }
            _ => {
                self.fates[i] = Some(LineFate::Unplaced);
                self.diag(
                    Severity::Warning,
                    Some(i),
                    format!("text outside any speech: {text:?}"),
                );
            }
        }
    }

    /// True when the line at `i` continues a sentence broken at a column or page boundary: the layout
    /// may mark the first line of a column as a paragraph start, but a paragraph that did not end with
    /// sentence punctuation and a line that starts in lower case belong together.
    fn starts_mid_sentence(&self, i: usize) -> bool {
        let line = &self.lines[i];
        let prev_other_column = (0..i)
            .rev()
            .find(|&k| self.lines[k].kind == LineKind::Body)
            .is_some_and(|k| {
                self.lines[k].column != line.column || self.lines[k].page_idx != line.page_idx
            });
        let lower = line
            .text
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase());
        prev_other_column && lower && !ends_sentence(&self.paragraph)
    }

    fn resume_speech(&mut self, i: usize, prev: usize) {
        let ProceedingKind::Speech(previous) = &self.proceedings[prev].kind else {
            return;
        };
        let speech = Speech {
            speaker: previous.speaker.clone(),
            spoke_in: previous.spoke_in.clone(),
            paragraphs: Vec::new(),
            documents_cited: Vec::new(),
            continues: true,
        };
        let idx = self.push(i, ProceedingKind::Speech(speech));
        self.open = Open::Speech(idx);
        self.last_speech = Some(idx);
    }

    fn flush_paragraph(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let mut paragraph = std::mem::take(&mut self.paragraph);
        // A hyphenation point left at the very end has no second half to join.
        if paragraph.ends_with('\u{00AD}') {
            paragraph.pop();
        }
        if self.ctx.printed {
            paragraph = crate::printed::repair_ocr(&paragraph);
        }
        if !self.ctx.styled && !self.ctx.printed {
            let (repaired, n) = crate::text::repair_ocr_pronoun(&paragraph);
            if n > 0 {
                self.pronouns_repaired += n;
                paragraph = repaired;
            }
        }
        if let Open::Speech(idx) = self.open
            && let ProceedingKind::Speech(s) = &mut self.proceedings[idx].kind
        {
            s.paragraphs.push(paragraph);
        }
    }

    /// Ends the open speech or heading.
    fn close_open(&mut self) {
        if let Open::Speech(idx) = self.open {
            self.flush_paragraph();
            let text = match &self.proceedings[idx].kind {
                ProceedingKind::Speech(s) => s.paragraphs.join("\n"),
                _ => String::new(),
            };
            let cited = symbols::find_symbols(&text, self.ctx.body);
            if let ProceedingKind::Speech(s) = &mut self.proceedings[idx].kind {
                s.documents_cited = cited;
            }
            if let Some(vote_idx) = self.pending_vote {
                // The President announces the result of a show of hands in the next speech.
                let head: String = text.split('\n').take(3).collect::<Vec<_>>().join(" ");
                if votes::parse_counts(&head).is_some() || votes::parse_outcome(&head).is_some() {
                    self.pending_vote = None;
                    self.fill_vote(vote_idx, &head, None);
                    self.finish_vote(vote_idx);
                }
            }
            self.recent_text.push(' ');
            self.recent_text.push_str(&text);
            self.context_text.push(' ');
            self.context_text.push_str(&text);
        }
        self.paragraph.clear();
        self.open = Open::Nothing;
        self.vote_note = None;
    }

    /// Turns an open vote block into a vote proceeding; returns its index.
    fn close_vote_block(&mut self, _reason: Option<usize>) -> Option<usize> {
        let block = self.vote_block.take()?;
        let Some(&first) = block.lines.first() else {
            // "A vote was taken" with no lists: the vote is made when its result is read.
            let vote = empty_vote(block.method);
            let idx = self.proceedings.len();
            let at = self
                .proceedings
                .last()
                .map(|p| p.provenance)
                .unwrap_or_default();
            self.proceedings.push(Proceeding {
                seq: idx as u32,
                provenance: at,
                kind: ProceedingKind::Vote(vote),
            });
            self.pending_vote = Some(idx);
            return Some(idx);
        };
        let mut vote = empty_vote(block.method);
        if block.challenge {
            vote.subject = Some("challenge of the President's ruling".to_owned());
        }
        let mut unknown = Vec::new();
        for (slot, list) in block.lists.iter().enumerate() {
            let refs: Vec<&str> = list.iter().map(String::as_str).collect();
            let names = if self.ctx.printed {
                crate::printed::split_garbled_list(&list.join(" "), &self.ctx.countries_present)
            } else {
                votes::split_country_list(&refs, &countries::is_country)
            };
            let refs: Vec<CountryRef> = names
                .into_iter()
                .map(|name| {
                    // A scan's garbled name ("Union of So~iet Socialist Rcpl1blics", "Y ugoslavia") is
                    // the closest of the members present.
                    let letters = |s: &str| -> String {
                        s.chars()
                            .filter(|c| c.is_alphabetic())
                            .flat_map(char::to_lowercase)
                            .collect()
                    };
                    let split_word = self
                        .ctx
                        .countries_present
                        .iter()
                        .find(|c| **c != name && letters(c) == letters(&name));
                    let name = match split_word {
                        // "Y ugoslavia", "N orthern Ireland": a word the OCR split.
                        Some(present) if self.ctx.printed => present.clone(),
                        _ if self.ctx.printed && countries::code_for(&name).is_none() => {
                            crate::printed::repair_country(&name, &self.ctx.countries_present)
                        }
                        // An OCR misreading ("Cosia Rica") of one state's name.
                        _ => match countries::closest_by_ocr(&name)
                            .and_then(countries::canonical_name)
                        {
                            Some(canonical) => canonical.to_owned(),
                            None => name,
                        },
                    };
                    let code = countries::code_for(&name).map(str::to_owned);
                    if code.is_none() {
                        unknown.push(name.clone());
                    }
                    CountryRef { name, code }
                })
                .collect();
            match slot {
                0 => vote.in_favour = refs,
                1 => vote.against = refs,
                _ => vote.abstaining = refs,
            }
        }
        let idx = self.push(first, ProceedingKind::Vote(vote));
        for &k in &block.lines {
            self.mark(k, idx);
        }
        for name in unknown {
            self.diag(
                Severity::Warning,
                Some(first),
                format!("unknown country in a vote list: {name:?}"),
            );
        }
        self.pending_vote = Some(idx);
        Some(idx)
    }

    /// Fills a vote from the sentence that announces its result (an adoption line or the President's).
    fn fill_vote(&mut self, idx: usize, text: &str, adoption: Option<&Adoption>) {
        let counts = votes::parse_counts(text);
        let outcome = votes::parse_outcome(text);
        let resolution = votes::parse_resolution(text);
        let decision = votes::parse_decision(text);
        let (draft, part) = self.name_draft(text, adoption);
        let body = self.ctx.body;
        let year = self.ctx.year;
        let lower = text.to_lowercase();
        let ProceedingKind::Vote(vote) = &mut self.proceedings[idx].kind else {
            return;
        };
        if counts.is_some() {
            vote.counts = counts;
        }
        if outcome.is_some() {
            vote.outcome = outcome;
        }
        if vote.outcome.is_none() && resolution.is_some() {
            vote.outcome = Some(Outcome::Adopted);
        }
        vote.resolution = vote.resolution.take().or(resolution);
        vote.decision = vote.decision.take().or(decision);
        // A vote with a subject of its own (a challenge to a ruling) is about no draft.
        if vote.draft.is_none() && vote.subject.is_none() {
            vote.draft = draft;
            vote.part = part;
        }
        if body == Body::SC && vote.outcome == Some(Outcome::NotAdopted) {
            // A veto: the draft had the affirmative votes it needed (nine since 1966, seven before) and a
            // permanent member voted against.
            let needed = if year.is_some_and(|y| y < 1966) { 7 } else { 9 };
            let yes = vote
                .counts
                .and_then(|c| c[0])
                .unwrap_or(vote.in_favour.len() as u32);
            let vetoes: Vec<CountryRef> = vote
                .against
                .iter()
                .filter(|c| {
                    c.code
                        .as_deref()
                        .is_some_and(|code| countries::is_permanent_member(code, year))
                })
                .cloned()
                .collect();
            if yes >= needed && (!vetoes.is_empty() || lower.contains("permanent member")) {
                vote.outcome = Some(Outcome::Vetoed);
                vote.vetoed_by = vetoes;
            }
        }
    }

    /// Checks a finished vote and forgets the text that led to it.
    fn finish_vote(&mut self, idx: usize) {
        self.recent_text.clear();
        self.last_vote = Some(idx);
        let ProceedingKind::Vote(vote) = &self.proceedings[idx].kind else {
            return;
        };
        let lens = [
            vote.in_favour.len(),
            vote.against.len(),
            vote.abstaining.len(),
        ];
        let has_lists = lens.iter().any(|&n| n > 0);
        if let (Some(counts), true) = (vote.counts, has_lists) {
            for (slot, (count, len)) in counts.iter().zip(lens).enumerate() {
                if let Some(count) = count
                    && *count as usize != len
                    && !(slot > 0 && len == 0 && *count == 0)
                {
                    let page = self.proceedings[idx].provenance.page_start;
                    let bbox = self.proceedings[idx].provenance.bbox;
                    self.diagnostics.push(Diagnostic {
                        severity: Severity::Warning,
                        page: Some(page),
                        bbox: Some(bbox),
                        message: format!(
                            "vote list {} has {len} names but {count} were announced",
                            ["in favour", "against", "abstaining"][slot]
                        ),
                    });
                }
            }
        }
    }

    fn warn_unfinished_vote(&mut self, idx: usize) {
        let p = self.proceedings[idx].provenance;
        self.diagnostics.push(Diagnostic {
            severity: Severity::Info,
            page: Some(p.page_start),
            bbox: Some(p.bbox),
            message: "a vote without an announced result".to_owned(),
        });
        self.last_vote = Some(idx);
    }

    /// Which draft a vote was about: the symbol printed in the adoption line; else the draft named in the
    /// text since the previous vote; else (General Assembly committee reports, which print no L-symbol)
    /// the report under consideration, with the draft's name inside it as `part`.
    fn name_draft(
        &self,
        text: &str,
        adoption: Option<&Adoption>,
    ) -> (Option<String>, Option<String>) {
        if let Some(a) = adoption.filter(|a| a.separate) {
            // A part voted on apart: the draft is the one printed with it, else the one named last
            // before this vote, else the one the previous vote was about.
            let draft = a.symbol.clone().or_else(|| {
                let recent = symbols::find_symbols(&self.recent_text, self.ctx.body);
                recent
                    .iter()
                    .filter(|s| L_SYMBOL.is_match(s) || SC_DRAFT.is_match(s))
                    .filter_map(|s| self.recent_text.rfind(s.as_str()).map(|at| (at, s)))
                    .max_by_key(|(at, _)| *at)
                    .map(|(_, s)| s.clone())
                    .or_else(|| {
                        let ProceedingKind::Vote(v) = &self.proceedings[self.last_vote?].kind
                        else {
                            return None;
                        };
                        v.draft.clone()
                    })
            });
            return (draft, a.part.clone());
        }
        if let Some(symbol) = adoption.and_then(|a| a.symbol.clone()) {
            // An amendment is named by what it amends, as the text introducing it says ("an amendment
            // to draft resolution III, contained in document A/65/L.53").
            let part = adoption.filter(|a| a.is_amendment).and_then(|_| {
                let text = format!("{} {}", self.context_text, self.recent_text);
                AMENDMENT_TO
                    .captures_iter(&text)
                    .last()
                    .map(|c| format!("amendment to {}", c[1].to_lowercase()))
            });
            return (Some(symbol), part);
        }
        let numbered = adoption.is_some_and(|a| a.numbered);
        if !numbered {
            let recent = symbols::find_symbols(&self.recent_text, self.ctx.body);
            let drafts: Vec<&String> = recent
                .iter()
                .filter(|s| match self.ctx.body {
                    Body::SC => SC_DRAFT.is_match(s),
                    _ => L_SYMBOL.is_match(s),
                })
                .collect();
            if self.ctx.body == Body::SC
                && let Some(s) = near_draft(&self.recent_text, &drafts)
            {
                return (Some(s), None);
            }
            if let Some(s) = drafts.last() {
                return (Some((*s).clone()), None);
            }
            // The printed series reads out a draft long after naming it (the 1950 record cites
            // "[S/1732]" when the draft is introduced, then debates a challenge to the President's
            // ruling, then votes): the draft named under the current agenda item is the one voted on.
            if self.ctx.printed && self.ctx.body == Body::SC {
                // The symbol mentioned last (by its last mention) is the one under discussion.
                let earlier = symbols::find_symbols(&self.context_text, self.ctx.body);
                let last = earlier
                    .iter()
                    .filter(|s| SC_DRAFT.is_match(s))
                    .filter_map(|s| self.context_text.rfind(s.as_str()).map(|at| (at, s)))
                    .max_by_key(|(at, _)| *at);
                if let Some((_, s)) = last {
                    return (Some(s.clone()), None);
                }
            }
        }
        // The report named since the last vote wins; otherwise the last one named under this agenda item
        // (find_symbols lists each symbol once, at its first mention, so the texts are searched apart).
        let last_report = |text: &str| {
            symbols::find_symbols(text, self.ctx.body)
                .into_iter()
                .rev()
                .find(|s| REPORT_SYMBOL.is_match(s))
        };
        let from_heading = self
            .heading_docs
            .iter()
            .rev()
            .find(|s| REPORT_SYMBOL.is_match(s))
            .cloned();
        let report = from_heading
            .or_else(|| last_report(&self.recent_text))
            .or_else(|| last_report(&self.context_text));
        let part = report
            .as_ref()
            .and(adoption)
            .map(|_| adoption_subject(text));
        (report, part.flatten())
    }
}

/// The symbol printed closest before the words "draft resolution" ("document S/1997/241, which contains
/// the text of a draft resolution"), among `drafts`.
fn near_draft(text: &str, drafts: &[&String]) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for d in drafts {
        let mut from = 0;
        while let Some(pos) = text[from..].find(d.as_str()) {
            let at = from + pos;
            let window_end = (at + d.len() + 80).min(text.len());
            let mut end = window_end;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let after = &text[at..end];
            if after.contains("draft resolution") && best.as_ref().is_none_or(|(p, _)| at >= *p) {
                best = Some((at, (*d).clone()));
            }
            from = at + d.len();
        }
    }
    best.map(|(_, s)| s)
}

/// "Draft resolution III, as amended, was adopted by ..." -> "draft resolution III, as amended".
fn adoption_subject(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let at = lower
        .find(" was adopted")
        .or_else(|| lower.find(" were adopted"))?;
    let subject = text[..at].trim();
    let subject = subject.strip_prefix("The ").unwrap_or(subject);
    let mut chars = subject.chars();
    let first = chars.next()?;
    Some(first.to_lowercase().chain(chars).collect())
}

fn empty_vote(method: VoteMethod) -> Vote {
    Vote {
        draft: None,
        part: None,
        subject: None,
        method,
        in_favour: Vec::new(),
        against: Vec::new(),
        abstaining: Vec::new(),
        counts: None,
        outcome: None,
        vetoed_by: Vec::new(),
        resolution: None,
        decision: None,
        notes: Vec::new(),
    }
}

fn is_language_note(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('(') && t.ends_with(')') && language_note(&t[1..t.len() - 1]).is_some()
}

/// A speaker's name read without style: a title and a name ("Mr. Ma Zhaoxu", "The Acting President"),
/// or a name in capitals followed by its parenthesis; never a phrase of a sentence ("The representative
/// of France said").
fn unstyled_name(name: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "della", "der", "des", "di", "do", "dos", "du", "la", "le", "van",
        "von", "al", "el", "bin", "ben", "y", "e", "of",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 {
        return false;
    }
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(|c| c.is_uppercase())
            || PARTICLES.contains(w)
            || w.starts_with("al-")
            || w.starts_with("el-")
    };
    if words[0] == "The" {
        return words.len() <= 4
            && words[1..]
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    }
    words.iter().all(capitalised)
}

/// A line of a bold heading: bold throughout or nearly, or "Agenda item 66 (continued)" with a roman or
/// italic "(continued)".
fn is_heading_line(line: &Line) -> bool {
    bold_share(line) > 0.6 || (starts_bold(line) && AGENDA_ITEM.is_match(&squash(&line.text)))
}

fn bold_share(line: &Line) -> f32 {
    style_share(line, |s| s.bold)
}

/// Share of a line's text set in italic: a scan's italic sentence has roman specks in it.
fn italic_share(line: &Line) -> f32 {
    style_share(line, |s| s.italic && !s.bold)
}

fn style_share(line: &Line, styled: impl Fn(&verbatim_layout::Span) -> bool) -> f32 {
    let mut bold = 0usize;
    let mut all = 0usize;
    for s in &line.spans {
        let n = line
            .text
            .get(s.start..s.end)
            .map_or(0, |t| t.chars().filter(|c| !c.is_whitespace()).count());
        all += n;
        if styled(s) {
            bold += n;
        }
    }
    if all == 0 {
        0.0
    } else {
        bold as f32 / all as f32
    }
}
