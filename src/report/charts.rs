//! The report's charts as inline SVG, drawn with `plotters` on its SVG backend. Each reads in
//! black and white: bars carry their label and number in words, and series differ by marker
//! shape (filled square, open circle), never by colour alone. A chart that cannot be drawn
//! gives `None`, and the page shows its table alone.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Ink for text, outlines and markers: near black, so it prints.
const INK: RGBColor = RGBColor(34, 34, 34);
/// The fill of a plain bar: a mid grey that prints as grey.
const BAR: RGBColor = RGBColor(150, 160, 170);
/// Grid lines.
const GRID: RGBColor = RGBColor(220, 220, 220);
/// Width of every chart, in SVG units (it scales with the page).
const WIDTH: u32 = 640;
/// Height of each bar's row.
const ROW: u32 = 26;
/// Room for the labels left of the bars.
const LABEL_W: i32 = 230;
const FONT: &str = "sans-serif";

/// One bar: its label, its number, and its fill when it has one of its own (a colour word).
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub fill: Option<RGBColor>,
}

/// A horizontal bar chart with each bar's label and number beside it.
pub fn bars(items: &[Bar]) -> Option<String> {
    let height = ROW * items.len() as u32 + 8;
    draw(height, |root| {
        let most = items.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
        let room = f64::from(WIDTH) - f64::from(LABEL_W) - 60.0;
        let text = |pos| TextStyle::from((FONT, 14).into_font()).color(&INK).pos(pos);
        for (i, bar) in items.iter().enumerate() {
            let top = 4 + (ROW * i as u32) as i32;
            let mid = top + ROW as i32 / 2;
            let left = Pos::new(HPos::Left, VPos::Center);
            let right = Pos::new(HPos::Right, VPos::Center);
            root.draw(&Text::new(
                clip(bar.label, 30),
                (LABEL_W - 8, mid),
                text(right),
            ))?;
            let len = ((bar.value as f64 / most) * room).round().max(2.0) as i32;
            let span = [(LABEL_W, top + 4), (LABEL_W + len, top + ROW as i32 - 4)];
            root.draw(&Rectangle::new(span, bar.fill.unwrap_or(BAR).filled()))?;
            root.draw(&Rectangle::new(span, INK.stroke_width(1)))?;
            let value = bar.value.to_string();
            root.draw(&Text::new(value, (LABEL_W + len + 6, mid), text(left)))?;
        }
        Ok(())
    })
}

/// How a series marks its points, so series differ without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    FilledSquare,
    OpenCircle,
}

/// One series over the weeks: a value per week (None where it has none). The text around
/// the chart says which marker is which.
pub struct Line {
    pub values: Vec<Option<f64>>,
    pub marker: Marker,
}

/// Lines of weekly means on a scale from `min` to `max`.
pub fn weekly(weeks: &[String], lines: &[Line], min: i64, max: i64) -> Option<String> {
    draw(260, |root| {
        let n = weeks.len();
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(36)
            .build_cartesian_2d(
                -0.5f64..(n as f64 - 0.5),
                (min as f64 - 0.3)..(max as f64 + 0.3),
            )?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(n.min(8))
            .x_label_formatter(&|x| {
                let i = x.round();
                (i >= 0.0 && (i - x).abs() < 0.01)
                    .then(|| weeks.get(i as usize).cloned())
                    .flatten()
                    .unwrap_or_default()
            })
            .y_labels((max - min + 1) as usize)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, 12).into_font().color(&INK))
            .axis_style(INK)
            .draw()?;
        for line in lines {
            let points: Vec<(f64, f64)> = line
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(2)))?;
            match line.marker {
                Marker::FilledSquare => {
                    chart.draw_series(points.into_iter().map(|p| {
                        EmptyElement::at(p) + Rectangle::new([(-5, -5), (5, 5)], INK.filled())
                    }))?;
                }
                Marker::OpenCircle => {
                    // White inside, so the line does not show through the open circle.
                    chart.draw_series(points.into_iter().map(|p| {
                        EmptyElement::at(p)
                            + Circle::new((0, 0), 5, WHITE.filled())
                            + Circle::new((0, 0), 5, INK.stroke_width(2))
                    }))?;
                }
            }
        }
        Ok(())
    })
}

/// Seconds per hold over the days of the range, as open circles.
pub fn over_days(
    points: &[(NaiveDate, f64)],
    since: NaiveDate,
    until: NaiveDate,
) -> Option<String> {
    draw(260, |root| {
        let days = (until - since).num_days().max(1) as f64;
        // At least ten seconds high, so the whole-second labels never repeat.
        let top = points.iter().map(|p| p.1).fold(0.0, f64::max).max(10.0) * 1.1;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(34)
            .y_label_area_size(48)
            .build_cartesian_2d(-0.5f64..days + 0.5, 0f64..top)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&|x| {
                since
                    .checked_add_signed(chrono::Duration::days(x.round() as i64))
                    .map(|d| d.format("%-d %b").to_string())
                    .unwrap_or_default()
            })
            .y_desc("seconds")
            .y_labels(6)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, 12).into_font().color(&INK))
            .axis_style(INK)
            .draw()?;
        chart.draw_series(points.iter().map(|(day, secs)| {
            let x = (*day - since).num_days() as f64;
            Circle::new((x, *secs), 4, INK.stroke_width(1))
        }))?;
        Ok(())
    })
}

/// `label` cut to `max` characters with an ellipsis.
fn clip(label: &str, max: usize) -> String {
    crate::text::cut(label, max)
}

/// Draws into an SVG `height` units high; the SVG text, or None if drawing failed.
fn draw(
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), Box<dyn std::error::Error>>,
) -> Option<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        paint(&root).ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// The fill for a colour word steady knows; others have none of their own.
pub fn colour_fill(word: &str) -> Option<RGBColor> {
    crate::colours::rgb(word).map(|(r, g, b)| RGBColor(r, g, b))
}
