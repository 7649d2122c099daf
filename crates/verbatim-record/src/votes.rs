//! Vote grammar: splitting the country lists of a vote block, reading announced counts, outcomes,
//! resolution and decision numbers, and naming the draft of an adoption line.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Outcome;
use crate::text::{number_word, push_line, squash};

/// Splits the lines of one vote list ("In favour:" ... up to the next label) into country names as
/// printed.
///
/// Names are separated by commas and by a final "and"; the printed lists also miss a comma at a line
/// break now and then ("Zambia" / "Zimbabwe"), wrap long names over lines ("Democratic Republic of the" /
/// "Congo") and hyphenate across lines ("Timor-" / "Leste"). `is_country` decides between these readings:
/// a piece that is a country as a whole stays whole, otherwise it is cut at a line break or an "and" where
/// both sides are countries.
pub(crate) fn split_country_list(lines: &[&str], is_country: &dyn Fn(&str) -> bool) -> Vec<String> {
    // Line breaks are kept as '\n' inside the joined text so that a missing comma can be found later.
    let mut joined = String::new();
    for line in lines {
        let line = squash(line);
        if line.is_empty() {
            continue;
        }
        if joined.is_empty() {
            joined = line;
            continue;
        }
        let mut probe = joined.clone();
        push_line(&mut probe, &line);
        if probe.len() == joined.len() + 1 + line.len() {
            joined.push('\n');
            joined.push_str(&line);
        } else {
            // A hyphenated break was joined without a space: keep that joining.
            joined = probe;
        }
    }
    let trimmed = joined.trim().trim_end_matches(['.', ';']).trim();
    if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("none") {
        return Vec::new();
    }
    let mut names = Vec::new();
    for piece in split_top_level_commas(trimmed) {
        let piece = piece.trim();
        let piece = piece
            .strip_prefix("and\n")
            .or_else(|| piece.strip_prefix("and "))
            .unwrap_or(piece);
        if piece.is_empty() {
            continue;
        }
        split_piece(piece, is_country, &mut names);
    }
    names
}

/// Commas outside parentheses ("Bolivia (Plurinational State of)" has none, but "Venezuela (Bolivarian
/// Republic of), Viet Nam" must split after the parenthesis).
fn split_top_level_commas(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth <= 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// Resolves one comma-separated piece into one or more names.
fn split_piece(piece: &str, is_country: &dyn Fn(&str) -> bool, out: &mut Vec<String>) {
    let flat = flatten(piece);
    if is_country(&flat) {
        out.push(flat);
        return;
    }
    // Cut points: line breaks and " and " (which may itself straddle a line break).
    let tokens: Vec<&str> = piece.split([' ', '\n']).filter(|t| !t.is_empty()).collect();
    let breaks = line_break_positions(piece);
    // Try every split into a name and the rest, left to right, preferring the shortest country prefix.
    for cut in 1..tokens.len() {
        let left = tokens[..cut].join(" ");
        let (right_start, skip_and) = if tokens[cut] == "and" {
            (cut + 1, true)
        } else {
            (cut, false)
        };
        if right_start >= tokens.len() {
            continue;
        }
        let at_break = breaks.contains(&cut) || (skip_and && breaks.contains(&(cut + 1)));
        if !skip_and && !at_break {
            continue;
        }
        if !is_country(&left) {
            continue;
        }
        let rest: String = rebuild(&tokens[right_start..], &breaks, right_start);
        let mut sub = Vec::new();
        split_piece(&rest, is_country, &mut sub);
        if sub.iter().all(|n| is_country(n)) {
            out.push(left);
            out.extend(sub);
            return;
        }
    }
    out.push(flat);
}

/// Token indices at which a line break precedes the token.
fn line_break_positions(piece: &str) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut index = 0;
    for (line_no, line) in piece.split('\n').enumerate() {
        let count = line.split(' ').filter(|t| !t.is_empty()).count();
        if line_no > 0 {
            positions.push(index);
        }
        index += count;
    }
    positions
}

fn rebuild(tokens: &[&str], breaks: &[usize], offset: usize) -> String {
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(if breaks.contains(&(offset + i)) {
                '\n'
            } else {
                ' '
            });
        }
        out.push_str(token);
    }
    out
}

fn flatten(piece: &str) -> String {
    squash(&piece.replace('\n', " "))
}

/// Counts as announced: in favour, against, abstaining; a figure not announced is None.
pub(crate) fn parse_counts(text: &str) -> Option<[Option<u32>; 3]> {
    static BY_VOTES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bby (\w+) votes? to (\w+)(?:,? with (\w+) abstentions?)?")
            .expect("valid regex")
    });
    if let Some(c) = BY_VOTES.captures(text) {
        let yes = number_word(&c[1]);
        let no = number_word(&c[2]);
        let abstain = c.get(3).and_then(|m| number_word(m.as_str()));
        if yes.is_some() && no.is_some() {
            return Some([yes, no, abstain]);
        }
    }
    static IN_FAVOUR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(\w+) (?:votes? )?in favour\b").expect("valid regex"));
    static AGAINST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(\w+) (?:votes? )?against\b").expect("valid regex"));
    static ABSTAIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(\w+) (?:abstentions?|abstaining)\b").expect("valid regex")
    });
    let yes = IN_FAVOUR.captures(text).and_then(|c| number_word(&c[1]))?;
    let no = AGAINST.captures(text).and_then(|c| number_word(&c[1]));
    let abstain = ABSTAIN.captures(text).and_then(|c| number_word(&c[1]));
    Some([Some(yes), no, abstain])
}

/// Adopted or not, as announced in a sentence.
pub(crate) fn parse_outcome(text: &str) -> Option<Outcome> {
    let lower = text.to_lowercase();
    let negative = [
        "not been adopted",
        "not adopted",
        "was rejected",
        "been rejected",
        "has failed",
        "not carried",
        "having failed",
        "not retained",
        "was deleted",
        "were deleted",
    ];
    if negative.iter().any(|p| lower.contains(p)) {
        return Some(Outcome::NotAdopted);
    }
    if lower.contains("was upheld") {
        // The 1950 challenge to a ruling: the ruling stands, so the challenge was not adopted.
        return Some(Outcome::NotAdopted);
    }
    let positive = [
        "been adopted",
        "was adopted",
        "were adopted",
        "is adopted",
        "adopted as resolution",
        // A paragraph put to a separate vote is kept ("The eighth preambular paragraph was retained").
        "was retained",
        "were retained",
    ];
    if positive.iter().any(|p| lower.contains(p)) {
        return Some(Outcome::Adopted);
    }
    None
}

/// "resolution 2448 (2018)" -> "2448 (2018)"; "(resolution 64/299)" -> "64/299".
pub(crate) fn parse_resolution(text: &str) -> Option<String> {
    static RESOLUTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\bresolution (\d+ ?\(\d{4}\)|\d+/\d+)").expect("valid regex")
    });
    RESOLUTION.captures(text).map(|c| c[1].to_owned())
}

/// "(decision 76/575)" -> "76/575".
pub(crate) fn parse_decision(text: &str) -> Option<String> {
    static DECISION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\bdecision (\d+/\d+)").expect("valid regex"));
    DECISION.captures(text).map(|c| c[1].to_owned())
}

/// What an adoption line says about its draft.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Adoption {
    /// A symbol printed in the line before "was adopted" ("A/64/L.72").
    pub symbol: Option<String>,
    /// "draft resolution I", "draft decision", "draft resolution" (lower case, roman numeral as printed).
    pub part: Option<String>,
    /// "Draft resolution I" / "draft decision" with a numeral, or "The amendment": says the draft lives in
    /// a report, not under an L-symbol.
    pub numbered: bool,
    pub is_amendment: bool,
    /// A part of a draft put to a vote of its own: a paragraph ("operative paragraph 7", `part` holds
    /// it) or the draft "as a whole" after such votes (`part` is "draft resolution as a whole").
    pub separate: bool,
}

/// Reads an adoption line: "Draft resolution A/64/L.72 was adopted (resolution 64/299).", "Draft
/// resolution III, as amended, was adopted by 122 votes to 1 ...", "The draft decision was adopted.",
/// "The amendment contained in document A/65/L.53 was adopted by ...". None when the line is not one.
pub(crate) fn parse_adoption(text: &str) -> Option<Adoption> {
    static DRAFT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:the )?(draft (?:resolution|decision)s?)\b(?: ([IVXLC]+)\b)?(?: ([AS]/[^\s,]+))?")
            .expect("valid regex")
    });
    static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b([AS]/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d)").expect("valid regex")
    });
    let lower = text.to_ascii_lowercase();
    let adopted_at = lower.find(" adopted").or_else(|| lower.find(" retained"))?;
    if !(lower[..adopted_at].ends_with(" was") || lower[..adopted_at].ends_with(" were")) {
        return None;
    }
    let head = &text[..adopted_at];
    let head_lower = &lower[..adopted_at];
    if let Some(c) = DRAFT.captures(head) {
        let kind = c[1].to_lowercase();
        let numeral = c.get(2).map(|m| m.as_str().to_owned());
        let symbol = c
            .get(3)
            .map(|m| m.as_str().trim_end_matches('.').to_owned());
        let whole = head_lower.contains("as a whole");
        let part = match &numeral {
            Some(n) => format!("{kind} {n}"),
            None => kind,
        };
        let part = if whole {
            format!("{part} as a whole")
        } else {
            part
        };
        return Some(Adoption {
            symbol,
            part: Some(part),
            numbered: numeral.is_some(),
            is_amendment: false,
            separate: whole,
        });
    }
    // "The eighth preambular paragraph was retained", "Operative paragraph 7 was adopted".
    let subject = head
        .trim()
        .trim_end_matches(" was")
        .trim_end_matches(" were")
        .trim();
    let subject = subject.strip_prefix("The ").unwrap_or(subject);
    if subject.to_lowercase().contains("paragraph") && subject.split_whitespace().count() <= 8 {
        let symbol = SYMBOL.captures(subject).map(|c| c[1].to_owned());
        let part = subject
            .split(" of ")
            .next()
            .unwrap_or(subject)
            .trim_end_matches(',')
            .to_lowercase();
        return Some(Adoption {
            symbol,
            part: Some(part),
            numbered: false,
            is_amendment: false,
            separate: true,
        });
    }
    if lower.starts_with("the amendment") || lower.starts_with("amendment") {
        let symbol = SYMBOL.captures(head).map(|c| c[1].to_owned());
        return Some(Adoption {
            symbol,
            part: None,
            numbered: false,
            is_amendment: true,
            separate: false,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const COUNTRIES: &[&str] = &[
        "Bolivia (Plurinational State of)",
        "Côte d’Ivoire",
        "Equatorial Guinea",
        "Ethiopia",
        "France",
        "United Kingdom of Great Britain and Northern Ireland",
        "United States of America",
        "China",
        "Russian Federation",
        "Zambia",
        "Zimbabwe",
        "Timor-Leste",
        "Democratic Republic of the Congo",
        "Congo",
        "Bosnia and Herzegovina",
        "Trinidad and Tobago",
        "Venezuela (Bolivarian Republic of)",
        "Viet Nam",
    ];

    fn known(name: &str) -> bool {
        COUNTRIES.contains(&name)
    }

    #[test]
    fn splits_sc_list_with_final_and() {
        let lines = [
            "Bolivia (Plurinational State of), Côte d’Ivoire,",
            "Equatorial Guinea, Ethiopia, France, United",
            "Kingdom of Great Britain and Northern Ireland",
            "and United States of America",
        ];
        assert_eq!(
            split_country_list(&lines, &known),
            vec![
                "Bolivia (Plurinational State of)",
                "Côte d’Ivoire",
                "Equatorial Guinea",
                "Ethiopia",
                "France",
                "United Kingdom of Great Britain and Northern Ireland",
                "United States of America"
            ]
        );
        assert_eq!(
            split_country_list(&["China and Russian Federation"], &known),
            vec!["China", "Russian Federation"]
        );
        assert!(split_country_list(&["None"], &known).is_empty());
    }

    #[test]
    fn repairs_line_breaks() {
        assert_eq!(
            split_country_list(&["Viet Nam, Zambia", "Zimbabwe."], &known),
            vec!["Viet Nam", "Zambia", "Zimbabwe"]
        );
        assert_eq!(
            split_country_list(
                &[
                    "Congo, Timor-",
                    "Leste, Democratic Republic of the",
                    "Congo"
                ],
                &known
            ),
            vec!["Congo", "Timor-Leste", "Democratic Republic of the Congo"]
        );
        assert_eq!(
            split_country_list(
                &[
                    "Bosnia and Herzegovina, Trinidad and",
                    "Tobago, Venezuela (Bolivarian Republic of),",
                    "Viet Nam"
                ],
                &known
            ),
            vec![
                "Bosnia and Herzegovina",
                "Trinidad and Tobago",
                "Venezuela (Bolivarian Republic of)",
                "Viet Nam"
            ]
        );
    }

    #[test]
    fn unknown_names_stay_whole() {
        assert_eq!(
            split_country_list(&["Atlantis, France"], &known),
            vec!["Atlantis", "France"]
        );
    }

    #[test]
    fn counts() {
        assert_eq!(
            parse_counts(
                "The draft resolution received 13 votes in favour, none against and two abstentions."
            ),
            Some([Some(13), Some(0), Some(2)])
        );
        assert_eq!(
            parse_counts(
                "Draft resolution was adopted by 113 votes to 10, with 30 abstentions (resolution 79/6)."
            ),
            Some([Some(113), Some(10), Some(30)])
        );
        assert_eq!(
            parse_counts("was adopted by 132 votes to 54 (resolution 65/216)."),
            Some([Some(132), Some(54), None])
        );
        assert_eq!(
            parse_counts("13 votes in favour, one against and one abstaining"),
            Some([Some(13), Some(1), Some(1)])
        );
        assert_eq!(
            parse_counts("The results of the vote was 5 in favour, 2 against and 4 abstentions."),
            Some([Some(5), Some(2), Some(4)])
        );
        assert_eq!(
            parse_counts("The proposal was rejected by 4 votes to 4, with 3 abstentions."),
            Some([Some(4), Some(4), Some(3)])
        );
        assert_eq!(parse_counts("I thank the representative."), None);
    }

    #[test]
    fn outcomes_and_numbers() {
        assert_eq!(
            parse_outcome("The draft resolution has been adopted as resolution 2448 (2018)."),
            Some(Outcome::Adopted)
        );
        assert_eq!(
            parse_outcome(
                "The draft resolution has not been adopted, owing to the negative vote of a permanent member."
            ),
            Some(Outcome::NotAdopted)
        );
        assert_eq!(
            parse_resolution("adopted as resolution 2448 (2018)."),
            Some("2448 (2018)".into())
        );
        assert_eq!(
            parse_resolution("was adopted (resolution 64/299)."),
            Some("64/299".into())
        );
        assert_eq!(
            parse_decision("was adopted (decision 76/575)."),
            Some("76/575".into())
        );
    }

    #[test]
    fn adoption_lines() {
        let a =
            parse_adoption("Draft resolution A/64/L.72 was adopted (resolution 64/299).").unwrap();
        assert_eq!(a.symbol.as_deref(), Some("A/64/L.72"));
        assert_eq!(a.part.as_deref(), Some("draft resolution"));
        let a = parse_adoption("Draft resolution III, as amended, was adopted by 122 votes to 1")
            .unwrap();
        assert_eq!(a.part.as_deref(), Some("draft resolution III"));
        assert!(a.numbered);
        let a = parse_adoption("The draft decision was adopted.").unwrap();
        assert_eq!(a.part.as_deref(), Some("draft decision"));
        assert_eq!(a.symbol, None);
        let a =
            parse_adoption("Draft decision A/64/L.71, as orally corrected, was adopted.").unwrap();
        assert_eq!(a.symbol.as_deref(), Some("A/64/L.71"));
        let a = parse_adoption(
            "The amendment contained in document A/65/L.53 was adopted by 93 votes to 55",
        )
        .unwrap();
        assert!(a.is_amendment);
        assert_eq!(a.symbol.as_deref(), Some("A/65/L.53"));
        assert!(parse_adoption("Draft resolution was adopted by 113 votes to 10").is_some());
        assert!(parse_adoption("It was so decided.").is_none());
        assert!(parse_adoption("The agenda was adopted.").is_none());
    }

    mod prop {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            // Whatever the line breaks and whether the comma at a break is printed, a list of known
            // names comes back as the same names in the same order.
            #[test]
            fn list_round_trips(picks in proptest::collection::vec(0usize..COUNTRIES.len(), 1..12),
                                width in 15usize..60, drop_comma in any::<bool>()) {
                let names: Vec<&str> = picks.iter().map(|&i| COUNTRIES[i]).collect();
                let text = names.join(", ");
                // Wrap at spaces near `width`, as a column would.
                let mut lines: Vec<String> = vec![String::new()];
                for word in text.split(' ') {
                    let current = lines.last_mut().unwrap();
                    if !current.is_empty() && current.len() + word.len() + 1 > width {
                        lines.push(word.to_owned());
                    } else {
                        if !current.is_empty() { current.push(' '); }
                        current.push_str(word);
                    }
                }
                if drop_comma && lines.len() > 1 && lines[0].ends_with(',') {
                    lines[0].pop();
                }
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                let got = split_country_list(&refs, &known);
                prop_assert_eq!(got, names.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            }
        }
    }
}
