//! The cover of a record: symbol, body, year or session, meeting number, date, place, President,
//! members and (Security Council) agenda.
//!
//! Covers are read from the first page's lines. The cover of a Security Council record fills its whole
//! first page; a General Assembly cover ends with the "President:" line and the proceedings start on the
//! same page below it. The 1950 printed record has a title page and then a heading block on the next
//! page ("Held at Lake Success, New York ..."; "Present: ...").

use std::sync::LazyLock;

use regex::Regex;
use verbatim_layout::{Line, LineKind};

use crate::model::{AgendaItem, Body, Member, Person};
use crate::text::{find_date, join_lines, squash};
use crate::{countries, symbols};

/// Everything the cover says.
#[derive(Debug, Default)]
pub(crate) struct Cover {
    pub symbol: Option<String>,
    pub body: Option<Body>,
    pub meeting_number: Option<u32>,
    pub resumption: Option<u32>,
    pub session: Option<u32>,
    pub year_label: Option<String>,
    pub date: Option<String>,
    pub location: Option<String>,
    pub president: Option<Person>,
    pub members: Vec<Member>,
    pub agenda: Vec<AgendaItem>,
    /// Cover field of each line used, by line index.
    pub fields: Vec<(usize, &'static str)>,
    /// Index of the first line after the cover (where the proceedings begin).
    pub end: usize,
    /// The printed Official Records series (1940s-50s scans).
    pub printed: bool,
    /// How a field was read when the cover's own print of it was unreadable (for an info diagnostic).
    pub notes: Vec<String>,
}

static PV_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([AS])/(?:(\d{1,3})/)?PV\.\s?(\d{1,6})(\s*\(Resumption\s*\d+\))?")
        .expect("valid regex")
});
static YEAR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z]+-)?[A-Za-z]+ (?:[Yy]ear|[Ss]ession|YEAR|SESSION)$")
        .expect("valid regex")
});
static TIME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^at \d{1,2}(?:[.:]\d{2})? ?[ap]\.? ?m\.?$").expect("valid regex")
});
static MEETING_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(\d+)\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b").expect("valid regex")
});

/// Splits "China. . . . . . Mr. Ma Zhaoxu" at its dot leaders; None when the line has none.
pub(crate) fn split_leaders(text: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].1 == '.' {
            let mut j = i;
            let mut dots = 0;
            while j < chars.len()
                && (chars[j].1 == '.' || chars[j].1 == ' ' || chars[j].1 == '\u{a0}')
            {
                if chars[j].1 == '.' {
                    dots += 1;
                }
                j += 1;
            }
            if dots >= 2 {
                // Keep a dot that closes an abbreviation ("Mr." before leaders never occurs, but "St."
                // could): the leader is the run of dots, so the left part loses only the leader.
                let left = text[..chars[i].0].trim();
                let right = if j < chars.len() {
                    text[chars[j].0..].trim()
                } else {
                    ""
                };
                return Some((squash(left), squash(right)));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

fn is_body(line: &Line) -> bool {
    line.kind == LineKind::Body
}

/// Reads the cover from the first page (or the first two for the 1950 printed record).
pub(crate) fn parse_cover(lines: &[Line]) -> Cover {
    let mut cover = Cover::default();
    let first_page: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].page_idx == 0 && is_body(&lines[i]))
        .collect();
    // Symbol, body and session from the first symbol printed on the first page.
    for &i in &first_page {
        if let Some(c) = PV_IN_TEXT.captures(&lines[i].text) {
            let printed = squash(&c[0]).replace("PV. ", "PV.");
            if let Some(pv) = symbols::parse_pv_symbol(&printed) {
                cover.symbol = Some(symbols::format_pv_symbol(&pv));
                cover.body = Some(pv.body);
                cover.meeting_number = Some(pv.meeting);
                cover.session = pv.session;
                cover.resumption = pv.resumption;
                cover.fields.push((i, "symbol"));
                break;
            }
        }
    }
    let is_sc = cover.body == Some(Body::SC)
        || first_page
            .iter()
            .any(|&i| lines[i].text.to_uppercase().contains("SECURITY COUNCIL"));
    if cover.body.is_none() {
        let text: String = first_page
            .iter()
            .map(|&i| lines[i].text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if text.to_uppercase().contains("SECURITY COUNCIL") {
            cover.body = Some(Body::SC);
        } else if text.contains("General Assembly") {
            cover.body = Some(Body::GA);
        }
    }
    if first_page
        .iter()
        .any(|&i| lines[i].text.contains("OFFICIAL RECORDS"))
        && is_sc
    {
        parse_printed_1950(lines, &mut cover);
        return cover;
    }

    #[derive(PartialEq)]
    enum Part {
        Header,
        Members,
        Agenda,
        Disclaimer,
    }
    let mut part = Part::Header;
    let mut end = first_page.last().map_or(0, |&i| i + 1);
    let mut agenda_lines: Vec<usize> = Vec::new();
    let mut after_date = false;
    for &i in &first_page {
        let line = &lines[i];
        let text = squash(&line.text);
        if text.starts_with("This record contains") {
            part = Part::Disclaimer;
        }
        match part {
            Part::Disclaimer => {
                let field = if is_job_number(&text) {
                    "job_number"
                } else {
                    "disclaimer"
                };
                // On a General Assembly first page, the disclaimer sits below the proceedings' columns;
                // only full-width lines belong to it.
                if line.column == 0 || cover.body != Some(Body::GA) {
                    cover.fields.push((i, field));
                }
                continue;
            }
            _ if is_job_number(&text) => {
                cover.fields.push((i, "job_number"));
                continue;
            }
            _ => {}
        }
        if let Some(rest) = text.strip_prefix("President:") {
            let (name, country) = match split_leaders(rest) {
                // OCR debris of the leaders may precede the country: its parenthesis is the last one.
                Some((left, right)) => match right.rfind('(') {
                    Some(open) => (left, right[open..].to_owned()),
                    None => (left, right),
                },
                None => match rest.rfind('(') {
                    // "Mr. Adom (Côte d'Ivoire)" with the leaders lost: name, then the parenthesis.
                    Some(open) if rest.trim_end().ends_with(')') && open > 0 => {
                        (squash(&rest[..open]), rest[open..].trim().to_owned())
                    }
                    _ => (rest.trim().to_owned(), String::new()),
                },
            };
            let country = country
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_owned();
            let country = (!country.is_empty()).then_some(country);
            cover.president = Some(Person {
                name: Some(name),
                country_code: country
                    .as_deref()
                    .and_then(countries::code_for)
                    .map(str::to_owned),
                country,
            });
            cover.fields.push((i, "president"));
            if cover.body == Some(Body::GA) {
                end = i + 1;
                banner_cover(lines, &first_page, i, &mut cover, &mut after_date);
                // The rest of a GA first page is proceedings, except the disclaimer lines.
                for &j in first_page.iter().filter(|&&j| j > i) {
                    let t = squash(&lines[j].text);
                    if t.starts_with("This record contains") {
                        for &k in first_page
                            .iter()
                            .filter(|&&k| k >= j && lines[k].column == 0)
                        {
                            let tk = squash(&lines[k].text);
                            let field = if is_job_number(&tk) {
                                "job_number"
                            } else {
                                "disclaimer"
                            };
                            cover.fields.push((k, field));
                        }
                        break;
                    }
                }
                break;
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix("Members:") {
            part = Part::Members;
            push_member(rest, &mut cover.members);
            cover.fields.push((i, "members"));
            continue;
        }
        if text == "Agenda" {
            part = Part::Agenda;
            cover.fields.push((i, "agenda"));
            continue;
        }
        match part {
            Part::Members => {
                push_member(&text, &mut cover.members);
                cover.fields.push((i, "members"));
            }
            Part::Agenda => agenda_lines.push(i),
            Part::Header => {
                let field = header_field(&text, &mut cover, &mut after_date);
                cover.fields.push((i, field));
            }
            Part::Disclaimer => {}
        }
    }
    cover.agenda = sc_agenda(lines, &agenda_lines);
    for &i in &agenda_lines {
        cover.fields.push((i, "agenda"));
    }
    cover.end = end;
    if cover.symbol.is_none() {
        symbol_from_ocr(lines, &first_page, &mut cover);
    }
    cover
}

/// The symbol of a record whose cover print of it the OCR garbled ("Avewpv.107", "A/48/PVAB"): read
/// with the OCR's digit confusions from the running headers of the next pages and the cover, and checked
/// against what the cover spells out (body, "Sixty-fifth session", "71st plenary meeting"). A symbol that
/// the running headers repeat wins; failing any reading, the symbol is built from the cover's fields.
fn symbol_from_ocr(lines: &[Line], first_page: &[usize], cover: &mut Cover) {
    let mut seen: Vec<(symbols::PvSymbol, usize)> = Vec::new();
    for line in lines.iter().filter(|l| {
        l.page_idx == 0
            || (l.page_idx <= 3
                && l.kind == LineKind::Furniture(verbatim_layout::FurnitureKind::RunningHeader))
    }) {
        let text = squash(&line.text);
        // On the cover only a symbol that ends its line is the record's own (a cited one sits inside a
        // sentence).
        let on_cover = line.kind == LineKind::Body;
        for pv in symbols::ocr_pv_symbols(&text) {
            if on_cover
                && !text.ends_with(&symbols::format_pv_symbol(&pv))
                && text.split_whitespace().count() > 3
            {
                continue;
            }
            match seen.iter_mut().find(|(s, _)| *s == pv) {
                Some((_, n)) => *n += 1,
                None => seen.push((pv, 1)),
            }
        }
    }
    let page_text: String = first_page
        .iter()
        .map(|&i| lines[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let upper = page_text.to_uppercase();
    let body = cover.body.or_else(|| {
        if upper.contains("SECURITY COUNCIL") {
            Some(Body::SC)
        } else if upper.contains("GENERAL") && upper.contains("ASSEMBLY") {
            Some(Body::GA)
        } else {
            None
        }
    });
    let session = cover
        .session
        .or_else(|| crate::text::session_in_words(&page_text));
    let meeting = cover
        .meeting_number
        .or_else(|| meeting_in_words(&page_text));
    let derived = match (body, session, meeting) {
        (Some(Body::GA), Some(session), Some(meeting)) => Some(symbols::PvSymbol {
            body: Body::GA,
            session: Some(session),
            meeting,
            resumption: None,
        }),
        (Some(Body::SC), _, Some(meeting)) => Some(symbols::PvSymbol {
            body: Body::SC,
            session: None,
            meeting,
            resumption: None,
        }),
        _ => None,
    };
    // The most repeated reading; among equals, the first seen.
    let best = seen
        .iter()
        .enumerate()
        .max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)))
        .map(|(_, (s, n))| (*s, *n));
    let chosen = match (best, derived) {
        (Some((read, _)), Some(derived)) if read == derived => {
            Some((read, "the running headers and the cover's fields"))
        }
        (Some((read, n)), _) if n >= 2 => Some((read, "the running headers")),
        (_, Some(derived)) => Some((derived, "the cover's session and meeting number")),
        (Some((read, _)), None) => Some((read, "an OCR reading of the cover")),
        (None, None) => None,
    };
    if let Some((pv, from)) = chosen {
        let symbol = symbols::format_pv_symbol(&pv);
        cover.notes.push(format!(
            "the cover's symbol is unreadable; {symbol} read from {from}"
        ));
        cover.symbol = Some(symbol);
        cover.body = Some(pv.body);
        cover.session = pv.session;
        cover.meeting_number = Some(pv.meeting);
    }
}

/// The meeting number a cover prints as an ordinal, as OCR reads it: "121st plenary meeting" and its
/// misreadings "1 2 1 st plenary meeting", "102n4 plenary meeting", "3 756: Meeting", or "46th" above
/// "PLENARY MEETING".
pub(crate) fn meeting_in_words(text: &str) -> Option<u32> {
    static ORDINAL_MEETING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(\d(?:[\d ]{0,6}\d)?)\s?(?:st|nd|rd|th|n4|na|d)?:?\s+(?:plenary\s+)?meeting\b",
        )
        .expect("valid regex")
    });
    static ORDINAL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(\d{1,4})(?:st|nd|rd|th)\b").expect("valid regex"));
    if let Some(c) = ORDINAL_MEETING.captures(text) {
        return c[1].replace(' ', "").parse().ok();
    }
    if text.to_uppercase().contains("MEETING") {
        return ORDINAL.captures(text).and_then(|c| c[1].parse().ok());
    }
    None
}

/// The rest of a General Assembly cover printed as a banner across both columns (records of the early
/// 1990s): the fields of the right-hand column above the "President:" line ("46th", "PLENARY MEETING",
/// the date, "at 3 p.m.", "NEW YORK"), the President's country on the line below his name, the rule under
/// it, and the "Distr." block at the foot of the page, which carries the record's symbol. Lines of the
/// proceedings' columns are never taken: only lines above the President's line, the two lines right below
/// it in its own column, and the block that starts with "Distr.".
fn banner_cover(
    lines: &[Line],
    first_page: &[usize],
    president_line: usize,
    cover: &mut Cover,
    after_date: &mut bool,
) {
    let president_top = lines[president_line].bbox.y0;
    for &j in first_page.iter().filter(|&&j| j > president_line) {
        let text = squash(&lines[j].text);
        if lines[j].bbox.y0 < president_top - 1.0 {
            let field = header_field(&text, cover, after_date);
            cover.fields.push((j, field));
        } else if (lines[j].bbox.y0 - president_top).abs() <= 3.0
            && lines[j].column != lines[president_line].column
            && text.starts_with('(')
            && text.ends_with(')')
            && let Some(president) = cover.president.as_mut()
            && president.country.is_none()
        {
            // The country set at the right margin on the President's line, read as a column of its own
            // when the leaders between them are lost (an OCR text layer).
            set_country(president, &text);
            cover.fields.push((j, "president"));
        }
    }
    // "President: Mr. INSANALLY" / "(Guyana)" / "__________".
    let below: Vec<usize> = first_page
        .iter()
        .copied()
        .filter(|&j| j > president_line && lines[j].column == lines[president_line].column)
        .take(2)
        .collect();
    for j in below {
        let text = squash(&lines[j].text);
        let parenthesis = text.starts_with('(') && text.ends_with(')') && text.len() < 60;
        let rule = !text.is_empty() && text.chars().all(|c| matches!(c, '_' | '-' | '—' | ' '));
        if parenthesis
            && let Some(president) = cover.president.as_mut()
            && president.country.is_none()
        {
            set_country(president, &text);
            cover.fields.push((j, "president"));
        } else if rule {
            cover.fields.push((j, "rule"));
        } else {
            break;
        }
    }
    // "Distr. GENERAL" / "A/48/PV.46" / "22 November 1993" / "ENGLISH", set at one left edge.
    if let Some(distr) = first_page
        .iter()
        .copied()
        .find(|&j| j > president_line && squash(&lines[j].text).starts_with("Distr."))
    {
        let x0 = lines[distr].bbox.x0;
        let top = lines[distr].bbox.y0;
        for &j in first_page
            .iter()
            .filter(|&&j| j >= distr || lines[j].bbox.y0 > top)
        {
            if (lines[j].bbox.x0 - x0).abs() < 2.0 && lines[j].bbox.y0 >= top - 1.0 {
                let field = if PV_IN_TEXT.is_match(&lines[j].text) {
                    "symbol"
                } else {
                    "distribution"
                };
                cover.fields.push((j, field));
            }
        }
    }
}

/// The President's country from its parenthesis "(Guyana)".
fn set_country(president: &mut Person, parenthesis: &str) {
    let country = parenthesis
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim()
        .to_owned();
    president.country_code = countries::code_for(&country).map(str::to_owned);
    president.country = Some(country);
}

fn is_job_number(text: &str) -> bool {
    static JOB: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{2}-\d{5} \(E\)|\*\d{7,}\*)").expect("valid regex"));
    JOB.is_match(text)
}

fn header_field(text: &str, cover: &mut Cover, after_date: &mut bool) -> &'static str {
    if PV_IN_TEXT.is_match(text) {
        return "symbol";
    }
    if YEAR_LABEL.is_match(text) && cover.year_label.is_none() {
        cover.year_label = Some(text.to_owned());
        return "year_label";
    }
    if let Some(c) = MEETING_LINE.captures(text) {
        if cover.meeting_number.is_none() {
            cover.meeting_number = c[1].parse().ok();
        }
        return "meeting_number";
    }
    if cover.date.is_none()
        && let Some(date) = find_date(text)
    {
        cover.date = Some(date);
        *after_date = true;
        return "date";
    }
    if *after_date && cover.location.is_none() && TIME_LINE.is_match(text) {
        // "at 3 p.m." under the date: the place follows it.
        return "time";
    }
    if *after_date && cover.location.is_none() {
        // The line after the date names the place ("New York").
        *after_date = false;
        let plausible =
            !text.is_empty() && !text.chars().any(|c| c.is_ascii_digit()) && text.len() < 40;
        if plausible {
            cover.location = Some(text.to_owned());
            return "location";
        }
    }
    if text.contains("General Assembly")
        || text.contains("Security Council")
        || text.contains("United Nations")
    {
        return "body";
    }
    "header"
}

/// Words that open a representative's name in a member list.
const NAME_TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Miss", "Sir", "Dame", "Dr.", "Lord", "Lady", "Baroness", "Prince",
    "Princess", "Sheikh", "Sheikha",
];

/// A token of an OCR'd dot leader ("2.6...", "eee", "«2.0...", "pees", "0......008"): no letters, or
/// the few letters an OCR engine makes of dots, or dots inside.
fn leader_debris(token: &str) -> bool {
    let letters: Vec<char> = token.chars().filter(|c| c.is_alphabetic()).collect();
    letters.is_empty()
        || token.contains("..")
        || (letters.len() <= 5
            && letters
                .iter()
                .all(|c| matches!(c, 'e' | 'c' | 'o' | 'p' | 's' | 'b' | 'a'))
            && token
                .chars()
                .all(|c| c.is_lowercase() || !c.is_alphanumeric()))
}

/// Splits a member-list line into the country and its representative: at the dot leaders, or (an OCR
/// text layer reads the leaders as specks or loses them) before the representative's title. OCR debris of
/// the leaders is dropped from both sides.
fn split_member(text: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    // The representative starts at the last title word that has a name after it.
    let title_at = (1..tokens.len().saturating_sub(1))
        .rev()
        .find(|&k| NAME_TITLES.contains(&tokens[k]));
    let (left, right): (Vec<&str>, Vec<&str>) = match title_at {
        Some(k) => (tokens[..k].to_vec(), tokens[k..].to_vec()),
        None => match split_leaders(text) {
            Some((left, right)) => {
                let l: Vec<&str> =
                    tokens[..left.split_whitespace().count().min(tokens.len())].to_vec();
                let r: Vec<&str> = tokens
                    [tokens.len() - right.split_whitespace().count().min(tokens.len())..]
                    .to_vec();
                (l, r)
            }
            // "France : : . Ladsous", "Japan . Owada": leaders the OCR kept as a few specks.
            None => match tokens.iter().position(|t| {
                t.chars()
                    .all(|c| matches!(c, '.' | ':' | ';' | ',' | '·' | '…'))
            }) {
                Some(k) if k > 0 && k + 1 < tokens.len() => {
                    (tokens[..k].to_vec(), tokens[k + 1..].to_vec())
                }
                _ => (tokens.clone(), Vec::new()),
            },
        },
    };
    let mut left = left;
    while left.len() > 1 && left.last().is_some_and(|t| leader_debris(t)) {
        left.pop();
    }
    let country = squash(&left.join(" "));
    let country = match split_leaders(&country) {
        Some((l, _)) => l,
        None => country,
    };
    let country = country.trim_end_matches(['.', ' ', ':', ',']).to_owned();
    let right: Vec<&str> = right.into_iter().skip_while(|t| leader_debris(t)).collect();
    let representative = squash(&right.join(" "));
    (
        country,
        (!representative.is_empty()).then_some(representative),
    )
}

fn push_member(text: &str, members: &mut Vec<Member>) {
    let text = squash(text);
    if text.is_empty() {
        return;
    }
    let (country, representative) = split_member(&text);
    members.push(Member {
        country_code: countries::code_for(&country).map(str::to_owned),
        country,
        representative,
    });
}

/// Security Council agenda items: the least indented lines after "Agenda" are items (wrapped lines of
/// one item joined); deeper lines are its sub-items, whose symbols become the item's documents.
fn sc_agenda(lines: &[Line], agenda_lines: &[usize]) -> Vec<AgendaItem> {
    let Some(min_x) = agenda_lines
        .iter()
        .map(|&i| lines[i].bbox.x0)
        .reduce(f32::min)
    else {
        return Vec::new();
    };
    let mut items: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for &i in agenda_lines {
        let line = &lines[i];
        let text = squash(&line.text);
        if text.is_empty() || text == "." {
            continue;
        }
        let top = line.bbox.x0 <= min_x + 4.0;
        match items.last_mut() {
            Some((title, sub)) if !top || (!line.paragraph_start && sub.is_empty()) => {
                if top && sub.is_empty() {
                    title.push(text);
                } else {
                    sub.push(text);
                }
            }
            _ => items.push((vec![text], Vec::new())),
        }
    }
    items
        .into_iter()
        .map(|(title, sub)| {
            let title = join_lines(title.iter().map(String::as_str));
            let sub_text = join_lines(sub.iter().map(String::as_str));
            AgendaItem {
                number: None,
                documents: symbols::find_symbols(&format!("{title} {sub_text}"), Body::SC),
                title,
            }
        })
        .collect()
}

/// The 1950 printed Official Record: a title page ("FIFTH YEAR", "492nd MEETING: 29 AUGUST 1950") and a
/// heading block on the first printed page ("Held at Lake Success, New York ...", "President: ...",
/// "Present: ...", "1. Provisional agenda ..." and its items). Only the English (left or full-width)
/// lines are read; the French column is the caller's to set aside.
fn parse_printed_1950(lines: &[Line], cover: &mut Cover) {
    cover.printed = true;
    let english: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].page_idx <= 1 && is_body(&lines[i]) && lines[i].column != 2)
        .collect();
    let mut k = 0;
    while k < english.len() {
        let i = english[k];
        let line = &lines[i];
        let text = squash(&line.text);
        k += 1;
        if line.page_idx == 0 {
            let upper = text.to_uppercase();
            if cover.year_label.is_none() && YEAR_LABEL.is_match(&text) && upper == text {
                cover.year_label = Some(text.clone());
                cover.fields.push((i, "year_label"));
            } else if upper.contains("MEETING")
                && cover.date.is_none()
                && find_date(&text).is_some()
            {
                cover.date = find_date(&text);
                cover.fields.push((i, "date"));
            } else if !cover.fields.iter().any(|(j, _)| *j == i) {
                cover.fields.push((i, "title_page"));
            }
            continue;
        }
        // Lines that continue a field: up to the end of a parenthesis or a sentence.
        let take_until = |k: &mut usize, mut text: String, done: &dyn Fn(&str) -> bool| {
            let mut used = vec![i];
            while !done(&text) && *k < english.len() && used.len() < 8 {
                let j = english[*k];
                crate::text::push_line(&mut text, &lines[j].text);
                used.push(j);
                *k += 1;
            }
            (text, used)
        };
        if let Some(pos) = text.find("Held at ") {
            let rest = &text[pos + "Held at ".len()..];
            let place = rest
                .split(" on ")
                .next()
                .unwrap_or(rest)
                .trim()
                .trim_end_matches(',');
            cover.location = Some(place.to_owned());
            cover.fields.push((i, "location"));
            if cover.date.is_none() {
                cover.date = find_date(rest);
            }
        } else if text.starts_with("Presid") && cover.president.is_none() {
            let unclosed =
                |t: &str| t.contains('(') && t.matches('(').count() <= t.matches(')').count();
            let (text, used) = take_until(&mut k, text, &unclosed);
            let rest = text
                .split_once(':')
                .map_or("", |(_, r)| r)
                .trim()
                .trim_end_matches(['.', ' ']);
            let (name, country) = match rest.rfind('(') {
                Some(p) => (
                    rest[..p].trim().to_owned(),
                    Some(
                        rest[p + 1..]
                            .trim_end_matches([')', ' ', '.'])
                            .trim()
                            .to_owned(),
                    ),
                ),
                None => (rest.to_owned(), None),
            };
            cover.president = Some(Person {
                name: Some(crate::printed::small_caps_to_normal(&name)),
                country_code: country
                    .as_deref()
                    .and_then(countries::code_for)
                    .map(str::to_owned),
                country,
            });
            for j in used {
                cover.fields.push((j, "president"));
            }
        } else if text.starts_with("Present") && cover.members.is_empty() {
            let (text, used) = take_until(&mut k, text, &|t: &str| t.ends_with('.'));
            let list = text.rsplit_once(':').map_or(text.as_str(), |(_, r)| r);
            let names = crate::votes::split_country_list(&[list], &countries::is_country);
            cover.members = names
                .into_iter()
                .map(|country| Member {
                    country_code: countries::code_for(&country).map(str::to_owned),
                    country,
                    representative: None,
                })
                .collect();
            for j in used {
                cover.fields.push((j, "members"));
            }
        } else if text.contains("Provisional agenda") {
            // The heading itself stays in the proceedings (it cites "S/Agenda 492"); its items are the
            // agenda: "1. Adoption of the agenda." ... up to the next section heading.
            let mut last_number = 0;
            while k < english.len() {
                let j = english[k];
                let t = squash(&lines[j].text);
                let number = t
                    .split_once(". ")
                    .and_then(|(n, _)| n.parse::<u32>().ok())
                    .filter(|n| *n < 30);
                match number {
                    Some(n) if n <= last_number => break,
                    Some(n) => {
                        last_number = n;
                        let title = t.split_once(". ").map_or("", |(_, r)| r).to_owned();
                        cover.agenda.push(AgendaItem {
                            number: None,
                            title,
                            documents: Vec::new(),
                        });
                    }
                    None if t.starts_with('(') || t.starts_with("S/") => {
                        if let Some(item) = cover.agenda.last_mut() {
                            item.documents.extend(symbols::find_symbols(&t, Body::SC));
                        }
                        // Sub-items (a), (b) are not part of the item's title.
                        last_number = last_number.max(1);
                        cover.fields.push((j, "agenda"));
                        k += 1;
                        while k < english.len() {
                            let t2 = squash(&lines[english[k]].text);
                            if t2.starts_with('(')
                                || t2
                                    .split_once(". ")
                                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
                            {
                                break;
                            }
                            cover.fields.push((english[k], "agenda"));
                            k += 1;
                        }
                        continue;
                    }
                    None => {
                        if let Some(item) = cover.agenda.last_mut()
                            && !item.title.ends_with(':')
                        {
                            crate::text::push_line(&mut item.title, &t);
                        }
                    }
                }
                cover.fields.push((j, "agenda"));
                k += 1;
            }
            for item in &mut cover.agenda {
                item.title = item.title.trim_end_matches(['.', ':', ';', ' ']).to_owned();
            }
            break;
        } else if line.column == 0 {
            cover.fields.push((i, "header"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaders_split_name_and_value() {
        assert_eq!(
            split_leaders("Mr. Adom . . . . . . . . . . (Côte d’Ivoire)"),
            Some(("Mr. Adom".into(), "(Côte d’Ivoire)".into()))
        );
        assert_eq!(
            split_leaders("Bolivia (Plurinational State of). . . . . . . . Mr.  Llorentty Solíz"),
            Some((
                "Bolivia (Plurinational State of)".into(),
                "Mr. Llorentty Solíz".into()
            ))
        );
        assert_eq!(
            split_leaders("Mr. Yang ......................... (Cameroon)"),
            Some(("Mr. Yang".into(), "(Cameroon)".into()))
        );
        assert_eq!(split_leaders("Mr. Ma Zhaoxu"), None);
    }
}

#[cfg(test)]
mod member_tests {
    use super::*;

    #[test]
    fn members_with_ocr_leader_debris() {
        let split = |t: &str| split_member(t);
        assert_eq!(
            split("China... 2.6... eee eee Mr. Ma Zhaoxu"),
            ("China".into(), Some("Mr. Ma Zhaoxu".into()))
        );
        assert_eq!(
            split("Equatorial Guinea . Mr. Ndong Mba"),
            ("Equatorial Guinea".into(), Some("Mr. Ndong Mba".into()))
        );
        assert_eq!(
            split("Poland . pees bees : bees oe Ms. Wronecka"),
            ("Poland".into(), Some("Ms. Wronecka".into()))
        );
        assert_eq!(
            split("Bolivia (Plurinational State of). . . . . . . . Mr.  Llorentty Solíz"),
            (
                "Bolivia (Plurinational State of)".into(),
                Some("Mr. Llorentty Solíz".into())
            )
        );
        assert_eq!(
            split("United Kingdom of Great Britain and Northern Ireland .. Ms. Pierce"),
            (
                "United Kingdom of Great Britain and Northern Ireland".into(),
                Some("Ms. Pierce".into())
            )
        );
        assert_eq!(split("France"), ("France".into(), None));
        assert_eq!(
            split("France : : . Ladsous"),
            ("France".into(), Some("Ladsous".into()))
        );
        assert_eq!(
            split("Japan . Owada"),
            ("Japan".into(), Some("Owada".into()))
        );
    }
}
