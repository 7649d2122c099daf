//! Page geometry: runs -> rows (one baseline) -> column assignment -> lines in reading order.

use verbatim_pdf::{BBox, Page, TextRun};

use crate::furniture::{MarginContext, margin_furniture, strong_furniture};
use crate::{FurnitureKind, Line, LineKind, Span};

/// Rows whose baseline lies above this fraction of the page height are in the top margin band (running
/// headers on every page but the cover).
pub(crate) const TOP_BAND: f32 = 0.092;
/// Rows whose baseline lies below this fraction of the page height are in the bottom margin band (page
/// numbers, job numbers, barcodes).
pub(crate) const BOTTOM_BAND: f32 = 0.895;
/// A gap between two runs on one baseline wider than this many em becomes a space.
const JOIN_SPACE_EM: f32 = 0.12;

/// Runs sharing a baseline, sorted by x.
pub(crate) struct Row<'a> {
    pub baseline: f32,
    pub runs: Vec<&'a TextRun>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    Full,
    Left,
    Right,
}

/// A line before classification: which runs, where.
pub(crate) struct RawLine<'a> {
    pub baseline: f32,
    pub column: u8,
    pub runs: Vec<&'a TextRun>,
    /// Set for margin furniture recognised while splitting the page.
    pub furniture: Option<FurnitureKind>,
}

/// The x-range of the gutter between two columns, when the page has two.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gutter {
    pub x0: f32,
    pub x1: f32,
}

pub(crate) fn group_rows<'a>(runs: impl Iterator<Item = &'a TextRun>) -> Vec<Row<'a>> {
    let mut sorted: Vec<&TextRun> = runs.collect();
    sorted.sort_by(|a, b| {
        a.baseline()
            .total_cmp(&b.baseline())
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
    let mut rows: Vec<Row<'a>> = Vec::new();
    for run in sorted {
        let baseline = run.baseline();
        if let Some(row) = rows.last_mut() {
            let max_size = row.runs.iter().map(|r| r.size).fold(run.size, f32::max);
            // Superscripts (footnote marks, "8422nd") sit up to a third of an em above the baseline;
            // the next line sits more than one em below.
            if (baseline - row.baseline).abs() <= 0.4 * max_size {
                row.runs.push(run);
                continue;
            }
        }
        rows.push(Row {
            baseline,
            runs: vec![run],
        });
    }
    for row in &mut rows {
        // The row's baseline is that of its largest text, not of a superscript.
        if let Some(main) = row.runs.iter().max_by(|a, b| a.size.total_cmp(&b.size)) {
            row.baseline = main.baseline();
        }
        row.runs.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
    }
    rows
}

/// Looks for a vertical strip near the middle of the page that body rows leave empty.
fn find_gutter(rows: &[Row<'_>], width: f32) -> Option<Gutter> {
    if rows.len() < 6 || width < 100.0 {
        return None;
    }
    let lo = (0.42 * width) as usize;
    let hi = (0.58 * width) as usize;
    let mut coverage = vec![0u32; hi - lo + 1];
    for row in rows {
        let mut covered = vec![false; coverage.len()];
        for run in &row.runs {
            let a = (run.bbox.x0.max(lo as f32) as usize).saturating_sub(lo);
            let b = (run.bbox.x1.ceil().min(hi as f32) as usize).saturating_sub(lo);
            if run.bbox.x1 < lo as f32 || run.bbox.x0 > hi as f32 {
                continue;
            }
            for c in covered.iter_mut().take(b + 1).skip(a) {
                *c = true;
            }
        }
        for (count, c) in coverage.iter_mut().zip(covered) {
            *count += u32::from(c);
        }
    }
    let min = *coverage.iter().min()?;
    if min as f32 > 0.2 * rows.len() as f32 {
        return None;
    }
    // The widest stretch at the minimum coverage. On a scan one stray row (an OCR-garbled page number
    // such as "1J" set in the gutter) can narrow that stretch to a sliver; then a stretch that at most
    // one more row crosses is taken instead, and that row is read as full width.
    let (mut best_start, mut best_len) = widest_stretch(&coverage, min);
    if best_len < 5 {
        (best_start, best_len) = widest_stretch(&coverage, min + 1);
    }
    if best_len < 5 {
        return None;
    }
    let gutter = Gutter {
        x0: (lo + best_start) as f32,
        x1: (lo + best_start + best_len) as f32,
    };
    // Both sides must carry text: rows with something left of the gutter and rows whose right part
    // starts near it (a masthead's far-right label does not make a column).
    let left_rows = rows
        .iter()
        .filter(|r| r.runs.iter().any(|run| run.bbox.x1 <= gutter.x0 + 1.0))
        .count();
    let right_rows = rows
        .iter()
        .filter(|r| {
            r.runs
                .iter()
                .find(|run| run.bbox.x0 >= gutter.x1 - 1.0)
                .is_some_and(|run| run.bbox.x0 < gutter.x1 + 0.12 * width)
        })
        .count();
    if left_rows < 3 || right_rows < 3 {
        return None;
    }
    Some(gutter)
}

/// Start and length of the widest stretch of `coverage` at or below `limit`.
fn widest_stretch(coverage: &[u32], limit: u32) -> (usize, usize) {
    let (mut best_start, mut best_len, mut start) = (0usize, 0usize, None);
    for (i, count) in coverage.iter().enumerate() {
        if *count <= limit {
            let s = *start.get_or_insert(i);
            if i + 1 - s > best_len {
                best_len = i + 1 - s;
                best_start = s;
            }
        } else {
            start = None;
        }
    }
    (best_start, best_len)
}

fn place_of(run: &TextRun, gutter: Gutter) -> Place {
    if run.bbox.x1 <= gutter.x0 + 1.0 {
        Place::Left
    } else if run.bbox.x0 >= gutter.x1 - 1.0 {
        Place::Right
    } else {
        Place::Full
    }
}

/// A gap wider than this many em separates two pieces of furniture on one margin row (the page number
/// and the job number of a footer).
const MARGIN_SEGMENT_GAP_EM: f32 = 2.5;

/// Splits a row into segments at wide gaps.
fn segments<'a>(row: &Row<'a>) -> Vec<Vec<&'a TextRun>> {
    let mut out: Vec<Vec<&'a TextRun>> = Vec::new();
    for run in &row.runs {
        match out.last_mut() {
            Some(seg)
                if seg.last().is_some_and(|prev| {
                    run.bbox.x0 - prev.bbox.x1 <= MARGIN_SEGMENT_GAP_EM * prev.size.min(run.size)
                }) =>
            {
                seg.push(run)
            }
            _ => out.push(vec![run]),
        }
    }
    out
}

/// The text of a few runs joined with single spaces, for pattern matching.
pub(crate) fn plain_text(runs: &[&TextRun]) -> String {
    let mut text = String::new();
    for run in runs {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&run.text);
    }
    text
}

/// True when a row's baseline lies in the top band (on pages after the cover) or the bottom band.
pub(crate) fn band_of(baseline: f32, page: &Page, page_idx: usize) -> Option<Band> {
    if page_idx > 0 && baseline < TOP_BAND * page.height {
        Some(Band::Top)
    } else if baseline > BOTTOM_BAND * page.height {
        Some(Band::Bottom)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Band {
    Top,
    Bottom,
}

/// The top-band segments of a page, as margin candidates (used to find running headers that repeat).
pub(crate) fn top_band_texts(page: &Page, page_idx: usize) -> Vec<String> {
    group_rows(page.runs.iter())
        .iter()
        .filter(|row| band_of(row.baseline, page, page_idx) == Some(Band::Top))
        .flat_map(|row| segments(row).into_iter().map(|seg| plain_text(&seg)))
        .collect()
}

/// Splits a page into raw lines in reading order.
pub(crate) fn page_lines<'a>(
    page: &'a Page,
    page_idx: usize,
    margin: &MarginContext,
) -> (Vec<RawLine<'a>>, Option<Gutter>) {
    // Margin rows are cut into segments; a segment is furniture only when its form says so (a page
    // number, a job number, a running header seen on other pages...). Everything else is body text, so
    // text that a scan prints low on the page is never lost to a margin band.
    let mut full: Vec<RawLine<'a>> = Vec::new();
    let mut body_runs: Vec<&'a TextRun> = Vec::new();
    for row in group_rows(page.runs.iter()) {
        let Some(band) = band_of(row.baseline, page, page_idx) else {
            // Outside the margin bands only the unmistakable forms (a job number, a barcode) are split
            // off a row: the 1997 cover prints its job number on the disclaimer's first line.
            for seg in segments(&row) {
                match strong_furniture(&seg) {
                    Some(kind) => full.push(RawLine {
                        baseline: row.baseline,
                        column: 0,
                        runs: seg,
                        furniture: Some(kind),
                    }),
                    None => body_runs.extend(seg),
                }
            }
            continue;
        };
        for seg in segments(&row) {
            match margin_furniture(&seg, band, margin) {
                Some(kind) => full.push(RawLine {
                    baseline: row.baseline,
                    column: 0,
                    runs: seg,
                    furniture: Some(kind),
                }),
                None => body_runs.extend(seg),
            }
        }
    }
    let body_rows = group_rows(body_runs.into_iter());
    let gutter = find_gutter(&body_rows, page.width);

    let mut left = Vec::new();
    let mut right = Vec::new();

    match gutter {
        None => full.extend(body_rows.into_iter().map(|row| RawLine {
            baseline: row.baseline,
            column: 0,
            runs: row.runs,
            furniture: None,
        })),
        Some(gutter) => {
            // Rows that cross the gutter separate stretches of two-column text. A stretch only counts as
            // two columns when both sides have several rows; otherwise (a masthead) its rows are full width.
            let crosses: Vec<bool> = body_rows
                .iter()
                .map(|row| row.runs.iter().any(|r| place_of(r, gutter) == Place::Full))
                .collect();
            let mut idx = 0;
            while idx < body_rows.len() {
                if crosses[idx] {
                    idx += 1;
                    continue;
                }
                let start = idx;
                while idx < body_rows.len() && !crosses[idx] {
                    idx += 1;
                }
                let stretch = &body_rows[start..idx];
                let lefts = stretch
                    .iter()
                    .filter(|r| {
                        r.runs
                            .iter()
                            .any(|run| place_of(run, gutter) == Place::Left)
                    })
                    .count();
                let rights = stretch
                    .iter()
                    .filter(|r| {
                        r.runs.iter().any(|run| {
                            place_of(run, gutter) == Place::Right
                                && run.bbox.x0 < gutter.x1 + 0.12 * page.width
                        })
                    })
                    .count();
                let two_columns = lefts >= 2 && rights >= 2;
                if !two_columns {
                    for row in stretch {
                        full.push(RawLine {
                            baseline: row.baseline,
                            column: 0,
                            runs: row.runs.clone(),
                            furniture: None,
                        });
                    }
                } else {
                    for row in stretch {
                        let (l, r): (Vec<&TextRun>, Vec<&TextRun>) = row
                            .runs
                            .iter()
                            .partition(|run| place_of(run, gutter) == Place::Left);
                        if !l.is_empty() {
                            left.push(RawLine {
                                baseline: row.baseline,
                                column: 1,
                                runs: l,
                                furniture: None,
                            });
                        }
                        if !r.is_empty() {
                            right.push(RawLine {
                                baseline: row.baseline,
                                column: 2,
                                runs: r,
                                furniture: None,
                            });
                        }
                    }
                }
            }
            for (row, crossing) in body_rows.iter().zip(&crosses) {
                if *crossing {
                    full.push(RawLine {
                        baseline: row.baseline,
                        column: 0,
                        runs: row.runs.clone(),
                        furniture: None,
                    });
                }
            }
        }
    }

    // Reading order: full-width lines cut the page into bands; within a band the left column comes
    // before the right one.
    full.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    left.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    right.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut ordered = Vec::with_capacity(full.len() + left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    for line in full {
        while let Some(l) = left.next_if(|l| l.baseline < line.baseline) {
            ordered.push(l);
        }
        while let Some(r) = right.next_if(|r| r.baseline < line.baseline) {
            ordered.push(r);
        }
        ordered.push(line);
    }
    ordered.extend(left);
    ordered.extend(right);
    (ordered, gutter)
}

/// Joins a raw line's runs into text and spans, with a space where the runs leave a gap and neither
/// side already has one.
pub(crate) fn assemble(raw: &RawLine<'_>, page_idx: usize) -> Line {
    let mut text = String::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut bbox = BBox {
        x0: f32::MAX,
        y0: f32::MAX,
        x1: f32::MIN,
        y1: f32::MIN,
    };
    let mut prev: Option<&TextRun> = None;
    let n_runs = raw.runs.len();
    let letter_spaced = raw
        .runs
        .iter()
        .any(|run| crate::text::is_letter_spaced_word(&run.text) && run.text.chars().count() >= 7);
    for (run_idx, run) in raw.runs.iter().enumerate() {
        let mut run_text = crate::text::repair_run_letter_spacing(&run.text, letter_spaced);
        // A soft hyphen is kept only at the very end of the line, where it marks a hyphenation point
        // for `text::join_lines`; anywhere else it carries no text.
        if run_text.contains('\u{00AD}') {
            let keep_last = run_idx + 1 == n_runs && run_text.ends_with('\u{00AD}');
            run_text = run_text.replace('\u{00AD}', "");
            if keep_last {
                run_text.push('\u{00AD}');
            }
        }
        if let Some(p) = prev {
            let gap = run.bbox.x0 - p.bbox.x1;
            if gap > JOIN_SPACE_EM * p.size.min(run.size)
                && !text.ends_with(' ')
                && !run_text.starts_with(' ')
            {
                text.push(' ');
                if let Some(last) = spans.last_mut() {
                    last.end = text.len();
                }
            }
        }
        let start = text.len();
        text.push_str(&run_text);
        let end = text.len();
        match spans.last_mut() {
            Some(last)
                if last.bold == run.bold
                    && last.italic == run.italic
                    && (last.size - run.size).abs() < 0.01
                    && last.end == start =>
            {
                last.end = end;
            }
            _ => spans.push(Span {
                start,
                end,
                bold: run.bold,
                italic: run.italic,
                size: run.size,
            }),
        }
        bbox.x0 = bbox.x0.min(run.bbox.x0);
        bbox.y0 = bbox.y0.min(run.bbox.y0);
        bbox.x1 = bbox.x1.max(run.bbox.x1);
        bbox.y1 = bbox.y1.max(run.bbox.y1);
        prev = Some(run);
    }
    Line {
        page_idx: page_idx as u32,
        column: raw.column,
        bbox,
        column_x0: bbox.x0,
        column_x1: bbox.x1,
        text,
        spans,
        kind: raw.furniture.map_or(LineKind::Body, LineKind::Furniture),
        paragraph_start: false,
    }
}
