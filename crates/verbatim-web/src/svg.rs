//! Charts as inline SVG that read without JavaScript: each has a title and a description for screen
//! readers, every mark carries its value in a `<title>` (shown as a tooltip), and the page prints the
//! same numbers in a table beside the chart.

use crate::html::Html;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 36.0;

/// Line colours, dark enough for a 3:1 contrast against the white background.
const COLORS: [&str; 7] = [
    "#1f4e79", "#b03a2e", "#1e7145", "#7d3c98", "#9a5b00", "#2e4053", "#a93226",
];

fn fmt(n: f64) -> String {
    format!("{n:.1}")
}

/// The colour of the n-th series (also used by the legend).
pub fn color(n: usize) -> &'static str {
    COLORS[n % COLORS.len()]
}

fn open_svg(h: &mut Html, id: &str, title: &str, description: &str) {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled = format!("{title_id} {desc_id}");
    h.open(
        "svg",
        &[
            ("class", "chart"),
            ("viewBox", "0 0 640 240"),
            ("role", "img"),
            ("aria-labelledby", &labelled),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
    );
    h.elem("title", &[("id", &title_id)], title);
    h.elem("desc", &[("id", &desc_id)], description);
}

fn axis(h: &mut Html, max: f64, as_percent: bool) {
    let bottom = HEIGHT - BOTTOM;
    h.open(
        "line",
        &[
            ("x1", &fmt(LEFT)),
            ("y1", &fmt(bottom)),
            ("x2", &fmt(WIDTH - RIGHT)),
            ("y2", &fmt(bottom)),
            ("class", "axis"),
        ],
    )
    .close("line");
    for i in 0..=4 {
        let value = max * i as f64 / 4.0;
        let y = bottom - (bottom - TOP) * i as f64 / 4.0;
        let label = if as_percent {
            format!("{:.0}%", value * 100.0)
        } else if max < 4.0 {
            format!("{value:.1}")
        } else {
            format!("{value:.0}")
        };
        h.open(
            "line",
            &[
                ("x1", &fmt(LEFT)),
                ("y1", &fmt(y)),
                ("x2", &fmt(WIDTH - RIGHT)),
                ("y2", &fmt(y)),
                ("class", "grid"),
            ],
        )
        .close("line");
        h.elem(
            "text",
            &[
                ("x", &fmt(LEFT - 6.0)),
                ("y", &fmt(y + 4.0)),
                ("class", "tick-y"),
            ],
            &label,
        );
    }
}

/// Which x labels to print so that they do not overlap: about twelve at most.
fn label_every(n: usize) -> usize {
    n.div_ceil(12).max(1)
}

/// A bar chart of `(label, value)` pairs, in the given order.
pub fn bar_chart(id: &str, title: &str, description: &str, data: &[(String, f64)]) -> Html {
    let mut h = Html::new();
    open_svg(&mut h, id, title, description);
    let max = data.iter().map(|(_, v)| *v).fold(0.0, f64::max).max(1.0);
    axis(&mut h, max, false);
    let n = data.len().max(1) as f64;
    let slot = (WIDTH - LEFT - RIGHT) / n;
    let bar = (slot * 0.7).max(1.0);
    let bottom = HEIGHT - BOTTOM;
    let every = label_every(data.len());
    for (i, (label, value)) in data.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let height = (bottom - TOP) * value / max;
        h.open(
            "rect",
            &[
                ("x", &fmt(x)),
                ("y", &fmt(bottom - height)),
                ("width", &fmt(bar)),
                ("height", &fmt(height)),
                ("class", "bar"),
            ],
        );
        h.elem("title", &[], &format!("{label}: {value}"));
        h.close("rect");
        if i % every == 0 {
            h.elem(
                "text",
                &[
                    ("x", &fmt(x + bar / 2.0)),
                    ("y", &fmt(bottom + 16.0)),
                    ("class", "tick-x"),
                ],
                label,
            );
        }
    }
    h.raw("</svg>");
    h
}

/// One line of a line chart.
pub struct Series {
    pub name: String,
    /// `(x label, value)`; every series is drawn against the union of the labels, sorted.
    pub points: Vec<(String, f64)>,
}

/// A line chart of shares (0..1, shown as percentages), one line per series, with a legend.
pub fn line_chart(id: &str, title: &str, description: &str, series: &[Series]) -> Html {
    let mut h = Html::new();
    open_svg(&mut h, id, title, description);
    let mut labels: Vec<&str> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(l, _)| l.as_str()))
        .collect();
    labels.sort_unstable();
    labels.dedup();
    let max = series
        .iter()
        .flat_map(|s| s.points.iter().map(|(_, v)| *v))
        .fold(0.0, f64::max);
    let max = if max <= 0.0 {
        0.1
    } else {
        (max * 1.1).min(1.0)
    };
    axis(&mut h, max, true);
    let bottom = HEIGHT - BOTTOM;
    let span = (labels.len().max(2) - 1) as f64;
    let x_of = |i: usize| LEFT + 10.0 + (WIDTH - LEFT - RIGHT - 20.0) * i as f64 / span;
    let every = label_every(labels.len());
    for (i, label) in labels.iter().enumerate() {
        if i % every == 0 {
            h.elem(
                "text",
                &[
                    ("x", &fmt(x_of(i))),
                    ("y", &fmt(bottom + 16.0)),
                    ("class", "tick-x"),
                ],
                label,
            );
        }
    }
    for (n, s) in series.iter().enumerate() {
        let points: Vec<(f64, f64, &str, f64)> = s
            .points
            .iter()
            .filter_map(|(label, value)| {
                let i = labels.binary_search(&label.as_str()).ok()?;
                Some((
                    x_of(i),
                    bottom - (bottom - TOP) * value / max,
                    label.as_str(),
                    *value,
                ))
            })
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(x, y, _, _)| format!("{},{}", fmt(*x), fmt(*y)))
            .collect();
        let style = format!("stroke:{}", color(n));
        h.open(
            "polyline",
            &[
                ("points", &path.join(" ")),
                ("class", "series"),
                ("style", &style),
            ],
        )
        .close("polyline");
        let fill = format!("fill:{}", color(n));
        for (x, y, label, value) in &points {
            h.open(
                "circle",
                &[
                    ("cx", &fmt(*x)),
                    ("cy", &fmt(*y)),
                    ("r", "3.5"),
                    ("style", &fill),
                ],
            );
            h.elem(
                "title",
                &[],
                &format!("{}, {label}: {:.1}%", s.name, value * 100.0),
            );
            h.close("circle");
        }
    }
    h.raw("</svg>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_chart_scales_bars_and_escapes_labels() {
        let data = vec![("2017".to_owned(), 2.0), ("<2018>".to_owned(), 4.0)];
        let svg = bar_chart("c", "Speeches", "per year", &data).into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        // The larger value spans the whole plot height (240 - 36 - 12 = 192).
        assert!(svg.contains("height=\"192.0\""), "{svg}");
        assert!(svg.contains("&lt;2018&gt;: 4"));
        assert!(!svg.contains("<2018>"));
    }

    #[test]
    fn line_chart_draws_one_line_per_series_on_shared_years() {
        let series = vec![
            Series {
                name: "All".to_owned(),
                points: vec![("2010".to_owned(), 0.5), ("2018".to_owned(), 0.25)],
            },
            Series {
                name: "China".to_owned(),
                points: vec![("2018".to_owned(), 1.0)],
            },
        ];
        let svg = line_chart("t", "Term", "share", &series).into_string();
        assert_eq!(svg.matches("<polyline").count(), 2);
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("China, 2018: 100.0%"));
    }
}
