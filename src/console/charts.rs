//! Server-side SVG charts for the statistics page.
//!
//! Charts are inline `<svg>` built with maud, so every label is escaped and
//! the page needs no JavaScript. The console's CSP forbids inline styles, so
//! only SVG presentation attributes and classes are used; the stylesheet may
//! restyle `.chart-bar`, `.chart-label` and `.chart-value`. Texts (titles,
//! labels) come already translated from the caller.

use std::collections::BTreeMap;

use maud::{Markup, html};

/// Width of the drawing in user units; with `width="100%"` the browser
/// scales it, so this is about proportions, not pixels.
const VIEW_W: f64 = 320.0;
/// Room kept right of the longest bar for its number.
const VALUE_ROOM: f64 = 56.0;
const BAR_H: f64 = 14.0;
/// Label line above each bar, bar, then a gap.
const ROW_H: f64 = 40.0;
const FONT: &str = "12";
const BAR_FILL: &str = "#1f6f8b";
/// Longer labels are cut so they do not run out of the viewBox; the full
/// label stays in the row's `<title>` tooltip and in the chart's `<desc>`.
const MAX_LABEL_CHARS: usize = 44;

/// Column width of the month chart; narrow enough for a year on a phone.
const COL_W: f64 = 28.0;
const PLOT_H: f64 = 120.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 30.0;
/// A corrupt month key far from the others must not produce thousands of
/// columns: only the most recent this many months are drawn.
const MAX_MONTHS: usize = 240;

/// One decimal is finer than any screen needs and keeps the markup small.
fn num(v: f64) -> String {
    format!("{v:.1}")
}

/// The largest value, or `None` when nothing is above zero, so callers never
/// divide by zero.
fn positive_max(values: impl Iterator<Item = i64>) -> Option<f64> {
    values.max().filter(|m| *m > 0).map(|m| m as f64)
}

/// Length of `value` on a scale where `max` gets `full`; negatives draw nothing.
fn scaled(value: i64, max: Option<f64>, full: f64) -> f64 {
    match max {
        Some(m) if value > 0 => value as f64 / m * full,
        _ => 0.0,
    }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
    format!("{cut}…")
}

/// A plain-text list of the figures: screen readers announce a
/// `role="img"` as a whole, so the data itself goes into `<desc>`.
fn describe(items: &[(String, i64)]) -> String {
    items
        .iter()
        .map(|(label, n)| format!("{label}: {n}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A horizontal bar chart: each row has its label above a bar scaled to the
/// largest value and the number right of the bar.
pub fn bar_chart(title: &str, bars: &[(String, i64)]) -> Markup {
    let max = positive_max(bars.iter().map(|(_, n)| *n));
    let full = VIEW_W - VALUE_ROOM;
    // An empty chart still gets one row of height so it is a valid, visible box.
    let height = ROW_H * bars.len().max(1) as f64;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars" role="img"
            aria-label=(title) width="100%" viewBox=(format!("0 0 {} {}", VIEW_W, num(height)))
            preserveAspectRatio="xMinYMin meet" {
            title { (title) }
            desc { (describe(bars)) }
            @for (i, (label, value)) in bars.iter().enumerate() {
                @let top = ROW_H * i as f64;
                @let width = scaled(*value, max, full);
                g {
                    title { (label) ": " (value) }
                    text class="chart-label" x="0" y=(num(top + 12.0)) font-size=(FONT)
                        fill="currentColor" { (shorten(label)) }
                    rect class="chart-bar" x="0" y=(num(top + 16.0)) width=(num(width))
                        height=(num(BAR_H)) fill=(BAR_FILL) {}
                    text class="chart-value" x=(num(width + 4.0)) y=(num(top + 27.0))
                        font-size=(FONT) fill="currentColor" { (value) }
                }
            }
        }
    }
}

/// Parses `YYYY-MM` into a month count since year 0, so consecutive months
/// are consecutive integers.
fn month_index(key: &str) -> Option<i64> {
    let (y, m) = key.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m): (i64, i64) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some(y * 12 + m - 1)
}

fn month_key(index: i64) -> String {
    format!("{:04}-{:02}", index / 12, index % 12 + 1)
}

/// Every month from the first to the last key, missing ones as zero, in
/// order. Keys that are not `YYYY-MM` are dropped (the store always writes
/// that form); repeated keys are added up.
pub fn fill_months(months: &[(String, i64)]) -> Vec<(String, i64)> {
    let mut known = BTreeMap::new();
    for (key, n) in months {
        if let Some(i) = month_index(key) {
            *known.entry(i).or_insert(0i64) += n;
        }
    }
    let (Some(&first), Some(&last)) = (known.keys().next(), known.keys().next_back()) else {
        return Vec::new();
    };
    let first = first.max(last - MAX_MONTHS as i64 + 1);
    (first..=last)
        .map(|i| (month_key(i), known.get(&i).copied().unwrap_or(0)))
        .collect()
}

/// Vertical columns, one per month from the first to the last, with the
/// count above each column and the month (and the year at January and at
/// the start) below it.
pub fn month_chart(title: &str, months: &[(String, i64)]) -> Markup {
    let filled = fill_months(months);
    let max = positive_max(filled.iter().map(|(_, n)| *n));
    // Wide enough that every column keeps its number and month; a long span
    // widens the drawing instead of squeezing the text.
    let width = VIEW_W.max(COL_W * filled.len() as f64);
    let base = TOP + PLOT_H;
    html! {
        svg xmlns="http://www.w3.org/2000/svg" class="chart chart-months" role="img"
            aria-label=(title) width="100%"
            viewBox=(format!("0 0 {} {}", num(width), num(base + BOTTOM)))
            preserveAspectRatio="xMinYMin meet" {
            title { (title) }
            desc { (describe(&filled)) }
            @for (i, (key, value)) in filled.iter().enumerate() {
                @let h = scaled(*value, max, PLOT_H);
                @let mid = num(COL_W * i as f64 + COL_W / 2.0);
                @let (year, month) = key.split_at(4);
                g {
                    title { (key) ": " (value) }
                    rect class="chart-bar" x=(num(COL_W * i as f64 + 3.0)) y=(num(base - h))
                        width=(num(COL_W - 6.0)) height=(num(h)) fill=(BAR_FILL) {}
                    text class="chart-value" x=(mid) y=(num(base - h - 3.0)) font-size="10"
                        text-anchor="middle" fill="currentColor" { (value) }
                    text class="chart-label" x=(mid) y=(num(base + 12.0)) font-size="10"
                        text-anchor="middle" fill="currentColor" { (&month[1..]) }
                    @if i == 0 || month == "-01" {
                        text class="chart-label" x=(mid) y=(num(base + 24.0)) font-size="10"
                            text-anchor="middle" fill="currentColor" { (year) }
                    }
                }
            }
        }
    }
}

/// The median, of a copy sorted here (input order does not matter); the
/// mean of the two middle values for an even count. `None` when empty.
pub fn median_ms(values: &[i64]) -> Option<i64> {
    let mut v = values.to_vec();
    v.sort_unstable();
    let mid = v.len() / 2;
    match v.len() {
        0 => None,
        n if n % 2 == 1 => Some(v[mid]),
        // i128 so two large durations cannot overflow when added.
        _ => Some(((i128::from(v[mid - 1]) + i128::from(v[mid])) / 2) as i64),
    }
}

/// Whole days, hours and minutes in a duration (seconds are dropped); the
/// caller words them through the locale. Negative durations, from clock
/// skew, count as zero.
pub fn duration_parts(ms: i64) -> (i64, i64, i64) {
    let minutes = ms.max(0) / 60_000;
    (minutes / 1440, minutes / 60 % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr_values(svg: &str, tag: &str, attr: &str) -> Vec<f64> {
        svg.split(&format!("<{tag} "))
            .skip(1)
            .map(|rest| {
                let start = rest.find(&format!(" {attr}=\"")).unwrap() + attr.len() + 3;
                let end = start + rest[start..].find('"').unwrap();
                rest[start..end].parse().unwrap()
            })
            .collect()
    }

    fn bars(items: &[(&str, i64)]) -> Vec<(String, i64)> {
        items.iter().map(|(l, n)| (l.to_string(), *n)).collect()
    }

    #[test]
    fn labels_and_titles_are_escaped() {
        let svg = bar_chart(
            "<b>t</b>",
            &bars(&[("<script>alert(1)</script>", 3), ("a\"b", 1)]),
        )
        .into_string();
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("aria-label=\"&lt;b&gt;t&lt;/b&gt;\""));
        assert!(!svg.contains("style"));
        let months = month_chart("<i>", &bars(&[("2024-01", 1)])).into_string();
        assert!(months.contains("<title>&lt;i&gt;</title>"));
    }

    #[test]
    fn bar_widths_are_proportional_to_the_largest_value() {
        let svg = bar_chart("t", &bars(&[("a", 10), ("b", 5), ("c", 0), ("d", 1)])).into_string();
        let widths = attr_values(&svg, "rect", "width");
        let full = VIEW_W - VALUE_ROOM;
        assert_eq!(widths, vec![full, full / 2.0, 0.0, full / 10.0]);
        assert!(svg.contains(">10</text>") && svg.contains(">5</text>"));
        assert!(svg.starts_with("<svg ") && svg.contains("role=\"img\""));
        assert!(svg.contains("width=\"100%\"") && svg.contains("viewBox=\"0 0 320 160.0\""));
    }

    #[test]
    fn empty_and_all_zero_input_draw_no_bars_without_dividing_by_zero() {
        let svg = bar_chart("Kosong", &[]).into_string();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>Kosong</title>"));
        assert!(!svg.contains("<rect"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));

        let zeros = bar_chart("t", &bars(&[("a", 0), ("b", -2)])).into_string();
        assert_eq!(attr_values(&zeros, "rect", "width"), vec![0.0, 0.0]);
        assert!(!zeros.contains("NaN"));

        let months = month_chart("t", &[]).into_string();
        assert!(months.ends_with("</svg>") && !months.contains("<rect"));
        let flat = month_chart("t", &bars(&[("2024-01", 0)])).into_string();
        assert_eq!(attr_values(&flat, "rect", "height"), vec![0.0]);
    }

    #[test]
    fn missing_months_are_filled_with_zero() {
        let filled = fill_months(&bars(&[("2024-11", 4), ("2025-02", 2), ("2024-12", 1)]));
        assert_eq!(
            filled,
            bars(&[
                ("2024-11", 4),
                ("2024-12", 1),
                ("2025-01", 0),
                ("2025-02", 2)
            ])
        );
        assert_eq!(fill_months(&bars(&[("junk", 3)])), vec![]);
        let far = fill_months(&bars(&[("0001-01", 1), ("2025-06", 1)]));
        assert_eq!(far.len(), MAX_MONTHS);
        assert_eq!(far.last().unwrap().0, "2025-06");
    }

    #[test]
    fn month_columns_scale_and_show_years() {
        let svg = month_chart("t", &bars(&[("2024-12", 8), ("2025-02", 2)])).into_string();
        let heights = attr_values(&svg, "rect", "height");
        assert_eq!(heights, vec![PLOT_H, 0.0, PLOT_H / 4.0]);
        // The year under the first column and under January.
        assert!(svg.contains(">2024</text>") && svg.contains(">2025</text>"));
        assert!(svg.contains(">12</text>") && svg.contains(">01</text>"));
    }

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median_ms(&[]), None);
        assert_eq!(median_ms(&[30, 10, 20]), Some(20));
        assert_eq!(median_ms(&[40, 10, 20, 30]), Some(25));
        assert_eq!(median_ms(&[i64::MAX, i64::MAX]), Some(i64::MAX));
    }

    #[test]
    fn duration_is_split_into_days_hours_minutes() {
        let ms = ((2 * 24 + 3) * 60 + 4) * 60_000 + 59_999;
        assert_eq!(duration_parts(ms), (2, 3, 4));
        assert_eq!(duration_parts(0), (0, 0, 0));
        assert_eq!(duration_parts(-5), (0, 0, 0));
    }
}
