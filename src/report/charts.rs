//! The report's charts as inline SVG, drawn with `plotters` on its SVG backend. Each reads in
//! black and white: bars carry their label and number in words, and series differ by marker
//! shape (filled square, open circle), never by colour alone. A chart that cannot be drawn
//! gives `None`, and the page shows its table alone. A chart is an `Svg`, which only
//! plotters' backend makes (it escapes every label it draws), so the page can put it in
//! as markup.

use chrono::NaiveDate;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dates;
use crate::journal::signals::Urge;

/// A chart drawn by plotters' SVG backend, ready to be put into the page as it is.
pub struct Svg(String);

impl maud::Render for Svg {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&self.0);
    }
}

/// Ink for text, outlines and markers: near black, so it prints.
const INK: RGBColor = RGBColor(34, 34, 34);
/// The fill of a plain bar: a mid grey that prints as grey.
const BAR: RGBColor = RGBColor(150, 160, 170);
/// Grid lines.
const GRID: RGBColor = RGBColor(220, 220, 220);
/// Width of every chart, in SVG units (it scales with the page).
const WIDTH: u32 = 640;
/// Height of each bar's row.
const ROW: u32 = 28;
/// Room for the labels left of the bars.
const LABEL_W: i32 = 230;
const FONT: &str = "sans-serif";
/// Labels on the axes and beside the bars, large enough to read when the chart is printed
/// at half a page wide.
const LABEL: u32 = 17;
/// Room left of a chart's plot for the numbers on its axis and what they measure.
const Y_LABELS: i32 = 72;
/// What an axis measures, beside it.
const DESC: u32 = 15;

/// One bar: its label, its number, and its fill when it has one of its own (a colour word).
pub struct Bar<'a> {
    pub label: &'a str,
    pub value: usize,
    pub fill: Option<RGBColor>,
}

/// A horizontal bar chart with each bar's label and number beside it.
pub fn bars(items: &[Bar]) -> Option<Svg> {
    let height = ROW * items.len() as u32 + 8;
    draw(height, |root| {
        let most = items.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
        let room = f64::from(WIDTH) - f64::from(LABEL_W) - 60.0;
        let text = |pos| {
            TextStyle::from((FONT, LABEL).into_font())
                .color(&INK)
                .pos(pos)
        };
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

/// Lines of weekly means on a scale from `min` to `max`, each week named on the axis by the
/// day it starts, and the scale described beside its axis by `scale`.
pub fn weekly(
    weeks: &[NaiveDate],
    lines: &[Line],
    (min, max): (i64, i64),
    scale: &str,
) -> Option<Svg> {
    draw(260, |root| {
        let n = weeks.len();
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(Y_LABELS)
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
                    .then(|| weeks.get(i as usize).copied().map(dates::day_month))
                    .flatten()
                    .unwrap_or_default()
            })
            .x_desc("weeks, by the Monday they start")
            .y_desc(scale)
            .y_labels((max - min + 1) as usize)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style((FONT, LABEL).into_font().color(&INK))
            .axis_desc_style((FONT, DESC).into_font().color(&INK))
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

/// Each hold over the days of the range: an open circle at the seconds until the urge to
/// leave came, and a filled triangle along a band at the top (named "no urge" beside the
/// axis) where the moment ended with no urge at all.
pub fn over_days(holds: &[(NaiveDate, Urge)], since: NaiveDate, until: NaiveDate) -> Option<Svg> {
    draw(280, |root| {
        let days = (until - since).num_days().max(1) as f64;
        // At least ten seconds high, so the whole-second labels never repeat.
        let most = holds
            .iter()
            .filter_map(|h| h.1.seconds())
            .fold(0.0, f64::max)
            .max(10.0)
            * 1.1;
        let band = most * 1.1;
        let mut chart = ChartBuilder::on(root)
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(Y_LABELS)
            .build_cartesian_2d(-0.5f64..days + 0.5, 0f64..most * 1.18)?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(6)
            .x_label_formatter(&|x| {
                since
                    .checked_add_signed(chrono::Duration::days(x.round() as i64))
                    .map(dates::day_month)
                    .unwrap_or_default()
            })
            .x_desc("day")
            .y_desc("seconds until the urge")
            .y_labels(6)
            .y_label_formatter(&|y| {
                if *y <= most {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .label_style((FONT, LABEL).into_font().color(&INK))
            .axis_desc_style((FONT, DESC).into_font().color(&INK))
            .axis_style(INK)
            .draw()?;
        let x = |day: &NaiveDate| (*day - since).num_days() as f64;
        chart.draw_series(holds.iter().filter_map(|(day, urge)| {
            urge.seconds()
                .map(|secs| Circle::new((x(day), secs), 4, INK.stroke_width(1)))
        }))?;
        chart.draw_series(
            holds
                .iter()
                .filter(|h| h.1 == Urge::NoneCame)
                .map(|(day, _)| TriangleMarker::new((x(day), band), 6, INK.filled())),
        )?;
        let (_, y) = chart.backend_coord(&(0.0, band));
        let text = TextStyle::from((FONT, DESC).into_font())
            .color(&INK)
            .pos(Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new("no urge", (Y_LABELS - 4, y), text))?;
        Ok(())
    })
}

/// `label` cut to `max` characters with an ellipsis.
fn clip(label: &str, max: usize) -> String {
    crate::text::cut(label, max)
}

/// Draws into an SVG `height` units high; the chart, or None if drawing failed.
fn draw(
    height: u32,
    paint: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), Box<dyn std::error::Error>>,
) -> Option<Svg> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        paint(&root).ok()?;
        root.present().ok()?;
    }
    Some(Svg(svg))
}

/// The fill for a colour word steady knows; others have none of their own.
pub fn colour_fill(word: &str) -> Option<RGBColor> {
    crate::colours::rgb(word).map(|(r, g, b)| RGBColor(r, g, b))
}
