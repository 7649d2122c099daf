//! Facts about the real records that the layout must get right.

mod common;

use std::collections::BTreeMap;

use verbatim_layout::{FurnitureKind, Line, LineKind};

/// Columns (0, 1, 2) used by body lines, per page.
fn columns_per_page(lines: &[Line]) -> BTreeMap<u32, Vec<u8>> {
    let mut map: BTreeMap<u32, Vec<u8>> = BTreeMap::new();
    for line in lines.iter().filter(|l| l.kind == LineKind::Body) {
        let cols = map.entry(line.page_idx).or_default();
        if !cols.contains(&line.column) {
            cols.push(line.column);
        }
    }
    for cols in map.values_mut() {
        cols.sort();
    }
    map
}

fn find<'a>(lines: &'a [Line], page: u32, starts: &str) -> &'a Line {
    lines
        .iter()
        .find(|l| l.page_idx == page && l.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no line starting {starts:?} on page {page}"))
}

fn kind_of(lines: &[Line], page: u32, text: &str) -> LineKind {
    lines
        .iter()
        .find(|l| l.page_idx == page && l.text == text)
        .unwrap_or_else(|| panic!("no line {text:?} on page {page}"))
        .kind
}

#[test]
fn sc_2018_columns_furniture_styles() {
    let Some((doc, lines)) = common::layout_record("sc_2018_8422") else {
        return;
    };
    let cols = columns_per_page(&lines);
    assert_eq!(cols[&0], vec![0], "the cover is one column");
    for page in 1..8 {
        assert_eq!(cols[&page], vec![1, 2], "page {page} has two columns");
    }
    assert_eq!(doc.pages.len(), 9);

    let header = LineKind::Furniture(FurnitureKind::RunningHeader);
    assert_eq!(kind_of(&lines, 1, "S/PV.8422"), header);
    assert_eq!(kind_of(&lines, 1, "13/12/2018"), header);
    assert_eq!(
        kind_of(&lines, 2, "The situation in the Central African Republic"),
        header
    );
    assert_eq!(
        kind_of(&lines, 1, "2/9"),
        LineKind::Furniture(FurnitureKind::PageNumber)
    );
    assert_eq!(
        kind_of(&lines, 1, "18-43649"),
        LineKind::Furniture(FurnitureKind::JobNumber)
    );
    assert_eq!(
        kind_of(&lines, 0, "18-43649 (E)"),
        LineKind::Furniture(FurnitureKind::JobNumber)
    );
    assert_eq!(
        kind_of(&lines, 0, "*1843649*"),
        LineKind::Furniture(FurnitureKind::Barcode)
    );
    let disclaimer = find(&lines, 0, "This record contains the text of speeches");
    assert_eq!(
        disclaimer.kind,
        LineKind::Furniture(FurnitureKind::Disclaimer)
    );
    let corrections = find(&lines, 0, "of the delegation concerned to the Chief");
    assert_eq!(
        corrections.kind,
        LineKind::Furniture(FurnitureKind::Disclaimer)
    );
    // The agenda title on the cover stays body text.
    assert_eq!(
        kind_of(&lines, 0, "The situation in the Central African Republic"),
        LineKind::Body
    );

    let called = find(&lines, 1, "The meeting was called to order at 3.10 p.m.");
    assert!(called.is_italic() && called.paragraph_start);
    let delattre = find(&lines, 1, "Mr. Delattre (France)");
    assert!(!delattre.is_bold(), "the heading line mixes bold and roman");
    let bold_part: String = delattre
        .spans
        .iter()
        .filter(|s| s.bold)
        .map(|s| &delattre.text[s.start..s.end])
        .collect();
    assert_eq!(bold_part.trim(), "Mr. Delattre");
    assert!(delattre.paragraph_start);
    // The line after a heading's first line continues the paragraph.
    let idx = lines
        .iter()
        .position(|l| std::ptr::eq(l, delattre))
        .expect("index");
    assert!(!lines[idx + 1].paragraph_start, "{:?}", lines[idx + 1].text);
    assert_eq!(delattre.column, 1);
    assert!((delattre.column_x0 - 60.0).abs() < 1.0 && (delattre.column_x1 - 300.0).abs() < 1.5);
}

#[test]
fn sc_2018_reading_order_left_column_before_right() {
    let Some((_, lines)) = common::layout_record("sc_2018_8422") else {
        return;
    };
    let page1: Vec<&Line> = lines
        .iter()
        .filter(|l| l.page_idx == 1 && l.kind == LineKind::Body)
        .collect();
    let last_left = page1
        .iter()
        .rposition(|l| l.column == 1)
        .expect("left column");
    let first_right = page1
        .iter()
        .position(|l| l.column == 2)
        .expect("right column");
    assert!(last_left < first_right);
    // The sentence that runs from the bottom of the left column to the top of the right one.
    assert!(page1[last_left].text.ends_with("and with a"));
    assert!(
        page1[first_right]
            .text
            .starts_with("heavy toll paid by the civilian population")
    );
}

#[test]
fn sc_1997_headers_letter_spacing_styles() {
    let Some((_, lines)) = common::layout_record("sc_1997_3756") else {
        return;
    };
    let header = LineKind::Furniture(FurnitureKind::RunningHeader);
    for page in 1..10 {
        assert_eq!(
            kind_of(&lines, page, "Security Council"),
            header,
            "page {page}"
        );
        assert_eq!(
            kind_of(&lines, page, "Fifty-second year"),
            header,
            "page {page}"
        );
        assert_eq!(
            kind_of(&lines, page, "3756th meeting"),
            header,
            "page {page}"
        );
        assert_eq!(
            kind_of(&lines, page, "21 March 1997"),
            header,
            "page {page}"
        );
        assert_eq!(
            kind_of(&lines, page, &(page + 1).to_string()),
            LineKind::Furniture(FurnitureKind::PageNumber)
        );
    }
    let cols = columns_per_page(&lines);
    for page in 1..10 {
        assert_eq!(cols[&page], vec![1, 2], "page {page}");
    }
    let president = find(
        &lines,
        1,
        "The President: I should like to inform the Council",
    );
    assert!(
        president.spans[0].bold
            && president.text[president.spans[0].start..president.spans[0].end]
                .starts_with("The President")
    );
    let invitation = find(
        &lines,
        1,
        "At the invitation of the President, Mr. Peleg (Israel)",
    );
    assert!(invitation.is_italic() && invitation.paragraph_start);
    // Justified lines of this Distiller 2.1 record must not come out letter-spaced: no run of four or
    // more one-letter words anywhere, and the country names read whole.
    for line in &lines {
        let words: Vec<&str> = line.text.split(' ').collect();
        let spaced = words.windows(4).any(|w| {
            w.iter()
                .all(|t| t.chars().count() == 1 && t.chars().all(char::is_alphabetic))
        });
        assert!(!spaced, "letter-spaced text left: {:?}", line.text);
    }
    let all: String = lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for country in ["Qatar", "Israel", "Palestine", "Egypt"] {
        assert!(all.contains(country), "{country} missing");
    }
}

#[test]
fn ga_79_is_single_column() {
    let Some((_, lines)) = common::layout_record("ga_79_29") else {
        return;
    };
    for (page, cols) in columns_per_page(&lines) {
        assert_eq!(cols, vec![0], "page {page} of a single-column record");
    }
    assert_eq!(
        kind_of(&lines, 1, "A/79/PV.29"),
        LineKind::Furniture(FurnitureKind::RunningHeader)
    );
    assert_eq!(
        kind_of(&lines, 1, "29/10/2024"),
        LineKind::Furniture(FurnitureKind::RunningHeader)
    );
    assert_eq!(
        kind_of(&lines, 1, "2/38"),
        LineKind::Furniture(FurnitureKind::PageNumber)
    );
    let kiboino = find(&lines, 0, "Mr. Kiboino (Kenya)");
    assert!(kiboino.paragraph_start && kiboino.spans[0].bold);
    assert!(
        (kiboino.column_x0 - 123.4).abs() < 1.0,
        "{}",
        kiboino.column_x0
    );
}

#[test]
fn ga_records_have_two_columns_after_the_masthead() {
    for name in ["ga_61_107", "ga_64_121", "ga_65_71", "ga_76_102"] {
        let Some((doc, lines)) = common::layout_record(name) else {
            return;
        };
        let cols = columns_per_page(&lines);
        assert_eq!(
            cols[&0],
            vec![0, 1, 2],
            "{name}: masthead and two columns on the cover"
        );
        for page in 1..doc.pages.len() as u32 {
            assert_eq!(cols[&page], vec![1, 2], "{name}: page {page}");
        }
        // Every non-cover page has its header, page number and job number classified.
        for page in 1..doc.pages.len() as u32 {
            let kinds: Vec<FurnitureKind> = lines
                .iter()
                .filter(|l| l.page_idx == page)
                .filter_map(|l| match l.kind {
                    LineKind::Furniture(kind) => Some(kind),
                    LineKind::Body => None,
                })
                .collect();
            for wanted in [
                FurnitureKind::RunningHeader,
                FurnitureKind::PageNumber,
                FurnitureKind::JobNumber,
            ] {
                assert!(
                    kinds.contains(&wanted),
                    "{name}: page {page} lacks {wanted:?}: {kinds:?}"
                );
            }
        }
    }
}

#[test]
fn the_1950_scan_keeps_only_the_visible_page() {
    let Some((doc, lines)) = common::layout_record("sc_1950_492") else {
        return;
    };
    for line in &lines {
        let width = doc.pages[line.page_idx as usize].width;
        // Glyphs are kept by their centre, so a line's centre is on the visible page (OCR noise with
        // huge glyphs may stick out a little at the edges).
        let centre = (line.bbox.x0 + line.bbox.x1) / 2.0;
        assert!(centre >= 0.0 && centre <= width, "{line:?}");
    }
    // Bilingual pages: English left, French right.
    let page3: Vec<&Line> = lines.iter().filter(|l| l.page_idx == 3).collect();
    assert!(page3.iter().any(|l| l.column == 1) && page3.iter().any(|l| l.column == 2));
}

#[test]
fn layout_is_deterministic() {
    let Some((doc, lines)) = common::layout_record("ga_64_121") else {
        return;
    };
    assert_eq!(verbatim_layout::layout(&doc), lines);
}

#[test]
fn no_body_text_is_lost() {
    // Every character of every run reaches a line (spaces and soft hyphens aside).
    for name in common::RECORDS {
        let Some((doc, lines)) = common::layout_record(name) else {
            return;
        };
        // Soft hyphens inside a line carry no text and are removed by design.
        let count = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
                .count()
        };
        let from_runs: usize = doc
            .pages
            .iter()
            .flat_map(|p| &p.runs)
            .map(|r| count(&r.text))
            .sum();
        let from_lines: usize = lines.iter().map(|l| count(&l.text)).sum();
        assert_eq!(from_runs, from_lines, "{name}");
    }
}
