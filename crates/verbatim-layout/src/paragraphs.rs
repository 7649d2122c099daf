//! Column edges and paragraph starts.

use crate::{Line, LineKind};

/// Sets `column_x0`/`column_x1` of every body line of one page to the edges of its column: the left and
/// right edges that most body lines of the column share (to 1.5 pt). Continuation lines of justified
/// text outnumber first lines, headings and short last lines, so the most shared edge is the column's.
/// A line that sticks out beyond an edge widens it for itself. Furniture lines keep their own extent.
pub(crate) fn set_column_edges(lines: &mut [Line]) {
    for column in 0..=2u8 {
        let body: Vec<&Line> = lines
            .iter()
            .filter(|l| l.column == column && l.kind == LineKind::Body)
            .collect();
        if body.is_empty() {
            continue;
        }
        let x0s: Vec<f32> = body.iter().map(|l| l.bbox.x0).collect();
        let x1s: Vec<f32> = body.iter().map(|l| l.bbox.x1).collect();
        let edge_x0 = most_shared(&x0s, false);
        let edge_x1 = most_shared(&x1s, true);
        for line in lines.iter_mut() {
            if line.column == column && line.kind == LineKind::Body {
                line.column_x0 = edge_x0.min(line.bbox.x0);
                line.column_x1 = edge_x1.max(line.bbox.x1);
            }
        }
    }
}

/// The value that most other values lie within 1.5 pt of; on a tie the smallest (or, with `largest`,
/// the largest), so that the outer edge wins.
fn most_shared(values: &[f32], largest: bool) -> f32 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f32::total_cmp);
    if largest {
        sorted.reverse();
    }
    let mut best = sorted[0];
    let mut best_count = 0usize;
    for v in &sorted {
        let count = sorted.iter().filter(|w| (*w - v).abs() <= 1.5).count();
        if count > best_count {
            best = *v;
            best_count = count;
        }
    }
    best
}

/// Marks `paragraph_start` on body lines. A line starts a paragraph when
/// - it is indented from its column's left edge by more than 0.8 em and further in than the line
///   before it (a first-line indent, not a uniformly indented block), or the line before ended short at
///   the end of a sentence; wrapped lines of a bold heading excepted;
/// - or the gap above it is clearly larger than the column's line spacing;
/// - or it follows a heading (a wholly bold line) without being bold itself, or is a heading itself
///   after non-heading text;
/// - or it is the first body line of the document.
pub(crate) fn mark_paragraph_starts(lines: &mut [Line]) {
    let spacing = typical_line_spacing(lines);
    let mut prev: Option<usize> = None;
    for idx in 0..lines.len() {
        if lines[idx].kind != LineKind::Body {
            continue;
        }
        let line = &lines[idx];
        let size = line
            .spans
            .iter()
            .map(|s| s.size)
            .fold(0.0f32, f32::max)
            .max(1.0);
        let indent = line.bbox.x0 - line.column_x0;
        let start = match prev {
            None => true,
            Some(p) => {
                let before = &lines[p];
                let same_column = before.page_idx == line.page_idx && before.column == line.column;
                let before_indent = before.bbox.x0 - before.column_x0;
                // The previous line's indent is measured in its own column, so the rule also holds
                // across a column or page break.
                let indented = indent > 0.8 * size
                    && (indent > before_indent + 0.8 * size || before_ended_short(before));
                let gap = line.bbox.y1 - before.bbox.y1;
                let wide_gap = same_column && gap > 1.45 * spacing.max(size);
                // A heading that wraps (often with a hanging indent) is one paragraph.
                let heading_continues = before.is_bold() && line.is_bold() && !wide_gap;
                let heading_change = before.is_bold() != line.is_bold();
                let italic_change =
                    same_column && before.is_italic() != line.is_italic() && gap > 0.0;
                (indented && !heading_continues) || wide_gap || heading_change || italic_change
            }
        };
        lines[idx].paragraph_start = start;
        prev = Some(idx);
    }
}

/// True when a line stops well short of its column's right edge at the end of a sentence, as the last
/// line of a paragraph does. (A wrapped line of an indented block, such as a stage direction, also stops
/// short, but mid-sentence.)
fn before_ended_short(line: &Line) -> bool {
    let size = line
        .spans
        .iter()
        .map(|s| s.size)
        .fold(0.0f32, f32::max)
        .max(1.0);
    let ends_sentence = line
        .text
        .trim_end()
        .ends_with(['.', ':', '?', '!', '”', '"', ';', ')']);
    line.column_x1 - line.bbox.x1 > 2.0 * size && ends_sentence
}

/// The most common distance between consecutive baselines of body lines in one column (rounded to
/// 0.5 pt), for the whole document.
fn typical_line_spacing(lines: &[Line]) -> f32 {
    let mut counts: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
    let body: Vec<&Line> = lines.iter().filter(|l| l.kind == LineKind::Body).collect();
    for pair in body.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.page_idx != b.page_idx || a.column != b.column {
            continue;
        }
        let d = b.bbox.y1 - a.bbox.y1;
        if d > 0.0 && d < 40.0 {
            *counts.entry((d * 2.0).round() as i32).or_default() += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(key, count)| (**count, -**key))
        .map_or(12.0, |(key, _)| *key as f32 / 2.0)
}
