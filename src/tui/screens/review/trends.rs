//! Trends: the daily mean check-in level, the stay-present window (seconds until the urge
//! to leave), breath-reset settledness before and after, and counts per practice and per
//! colour. `r` cycles the range. A chart with too little data says so in words instead.

use chrono::{Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

use super::Outcome;
use super::data::ReviewData;
use super::swatch;
use crate::journal::series::Aggregates;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// How far back the charts theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    Days30,
    Days90,
    Year,
    All,
}

impl Range {
    fn next(self) -> Self {
        match self {
            Range::Days30 => Range::Days90,
            Range::Days90 => Range::Year,
            Range::Year => Range::All,
            Range::All => Range::Days30,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Range::Days30 => "the last 30 days",
            Range::Days90 => "the last 90 days",
            Range::Year => "the last year",
            Range::All => "all time",
        }
    }

    /// The first day shown, given today and the journal's first day.
    fn since(self, today: NaiveDate, first: Option<NaiveDate>) -> NaiveDate {
        let back = |n| today.checked_sub_days(Days::new(n)).unwrap_or(today);
        match self {
            Range::Days30 => back(29),
            Range::Days90 => back(89),
            Range::Year => back(364),
            Range::All => first.unwrap_or(today).min(today),
        }
    }
}

/// The Trends screen's state: just the range.
#[derive(Debug, Clone)]
pub struct Trends {
    range: Range,
}

impl Default for Trends {
    fn default() -> Self {
        Self {
            range: Range::Days30,
        }
    }
}

/// The x axis of every chart: days from `since` to `until`.
struct Window {
    since: NaiveDate,
    until: NaiveDate,
}

impl Window {
    fn x(&self, day: NaiveDate) -> f64 {
        (day - self.since).num_days() as f64
    }

    fn axis<'a>(&self, theme: Theme) -> Axis<'a> {
        let width = self.x(self.until).max(1.0);
        let fmt = if width > 120.0 { "%b %Y" } else { "%-d %b" };
        let mid = self
            .since
            .checked_add_days(Days::new((width / 2.0) as u64))
            .unwrap_or(self.since);
        Axis::default()
            .bounds([0.0, width])
            .style(theme.muted())
            .labels([
                self.since.format(fmt).to_string(),
                mid.format(fmt).to_string(),
                self.until.format(fmt).to_string(),
            ])
    }
}

impl Trends {
    pub fn update(&mut self, action: Action) -> Outcome {
        if action == Action::Review(ReviewAction::Range) {
            self.range = self.range.next();
            Outcome::Handled
        } else {
            Outcome::Ignored
        }
    }

    /// The keys that work here (they feed the footer and `?`).
    pub fn keymap(&self) -> Keymap {
        Keymap::ReviewTrends
    }

    pub fn render(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        Paragraph::new(Line::from(vec![
            Span::styled("Showing ", theme.muted()),
            Span::styled(self.range.words(), theme.strong()),
            Span::styled("  (r changes the range)", theme.muted()),
        ]))
        .render(top, buf);
        let agg = data.aggregates();
        let today = data.today();
        let since = self.range.since(today, agg.first_day());
        let span = Window {
            since,
            until: today,
        };
        let cells: [Rect; 4] = if body.width >= 80 {
            let [upper, lower] = Layout::vertical([Constraint::Fill(1); 2]).areas(body);
            let [a, b] = Layout::horizontal([Constraint::Fill(1); 2]).areas(upper);
            let [c, d] = Layout::horizontal([Constraint::Fill(1); 2]).areas(lower);
            [a, b, c, d]
        } else {
            Layout::vertical([Constraint::Fill(1); 4]).areas(body)
        };
        self.level_chart(agg, &span, theme, cells[0], buf);
        self.stay_chart(agg, &span, theme, cells[1], buf);
        self.breath_chart(agg, &span, theme, cells[2], buf);
        self.counts(agg, since, theme, cells[3], buf);
    }

    fn level_chart(
        &self,
        agg: &Aggregates,
        span: &Window,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let points: Vec<(f64, f64)> = agg
            .daily_means(Some(span.since))
            .into_iter()
            .map(|(d, m)| (span.x(d), m))
            .collect();
        Plot {
            title: " Check-in level, mean per day ",
            points: points.len(),
            too_few: format!(
                "Not enough check-ins in {} to draw a line yet ({} day{} with a level). A line appears after check-ins on two days.",
                self.range.words(),
                points.len(),
                plural(points.len())
            ),
            datasets: vec![line(&points, theme)],
            y_axis: level_axis(theme),
        }
        .render(span, theme, area, buf);
    }

    fn stay_chart(
        &self,
        agg: &Aggregates,
        span: &Window,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let points: Vec<(f64, f64)> = agg
            .stay_since(Some(span.since))
            .iter()
            .filter_map(|&(d, urge)| Some((span.x(d), urge.seconds()?)))
            .collect();
        let top = points.iter().map(|p| p.1).fold(1.0_f64, f64::max).ceil();
        Plot {
            title: " Staying present: seconds until the urge to leave ",
            points: points.len(),
            too_few: format!(
                "Not enough stay-present practices in {} to show the window widening ({} so far). It shows from the second one.",
                self.range.words(),
                points.len()
            ),
            datasets: vec![line(&points, theme)],
            y_axis: Axis::default()
                .bounds([0.0, top])
                .style(theme.muted())
                .labels([
                    "0 s".to_owned(),
                    format!("{:.0} s", top / 2.0),
                    format!("{top:.0} s"),
                ]),
        }
        .render(span, theme, area, buf);
    }

    fn breath_chart(
        &self,
        agg: &Aggregates,
        span: &Window,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let points = agg.breath_since(Some(span.since));
        let before: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (span.x(p.day), p.before as f64))
            .collect();
        let after: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (span.x(p.day), p.after as f64))
            .collect();
        Plot {
            title: " Breath reset: settled before and after (1-5) ",
            points: points.len(),
            too_few: format!(
                "Not enough breath resets in {} to compare before and after ({} so far). It shows from the second one.",
                self.range.words(),
                points.len()
            ),
            // Two different marks, so the series stay apart without colour.
            datasets: vec![
                Dataset::default()
                    .name("• before")
                    .marker(Marker::Dot)
                    .graph_type(GraphType::Scatter)
                    .style(theme.shape())
                    .data(&before),
                line(&after, theme).name("⣿ after").style(theme.text()),
            ],
            y_axis: level_axis(theme),
        }
        .render(span, theme, area, buf);
    }
}

/// One trend chart: its title, its series over the window, its y axis, and the sentence it
/// shows instead when it has fewer than two points (too few for a line).
struct Plot<'a> {
    title: &'a str,
    points: usize,
    too_few: String,
    datasets: Vec<Dataset<'a>>,
    y_axis: Axis<'a>,
}

impl Plot<'_> {
    fn render(self, span: &Window, theme: Theme, area: Rect, buf: &mut Buffer) {
        let block = titled(self.title);
        if self.points < 2 {
            return words(self.too_few, block, theme, area, buf);
        }
        // Only named series get a legend; it may take up to half the chart each way.
        Chart::new(self.datasets)
            .block(block)
            .x_axis(span.axis(theme))
            .y_axis(self.y_axis)
            .hidden_legend_constraints((Constraint::Percentage(50), Constraint::Percentage(50)))
            .render(area, buf);
    }
}

/// A series drawn as a braille line in the shape colour.
fn line(points: &[(f64, f64)], theme: Theme) -> Dataset<'_> {
    Dataset::default()
        .marker(Marker::Braille)
        .graph_type(GraphType::Line)
        .style(theme.shape())
        .data(points)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn titled(title: &str) -> Block<'_> {
    Block::default().borders(Borders::ALL).title(title)
}

fn level_axis<'a>(theme: Theme) -> Axis<'a> {
    Axis::default()
        .bounds([1.0, 5.0])
        .style(theme.muted())
        .labels(["1", "3", "5"])
}

/// A chart's place filled with a sentence instead.
fn words(text: String, block: Block<'_>, theme: Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Span::styled(text, theme.muted()))
        .wrap(Wrap { trim: true })
        .block(block)
        .render(area, buf);
}

impl Trends {
    /// Entries per practice and check-in colours in the range, as bars with their numbers.
    fn counts(
        &self,
        agg: &Aggregates,
        since: NaiveDate,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let block = titled(" Entries per practice · colours chosen ");
        let inner = block.inner(area);
        block.render(area, buf);
        let counts = agg.counts_since(Some(since));
        if counts.per_practice.is_empty() {
            let text = format!("No entries in {}, so nothing to count.", self.range.words());
            return words(text, Block::default(), theme, inner, buf);
        }
        let [left, right] = Layout::horizontal([Constraint::Fill(1); 2]).areas(inner);
        bars(&counts.per_practice, |_| theme.shape(), left, buf);
        if counts.colours.is_empty() {
            let text = format!("No check-in colours in {}.", self.range.words());
            words(text, Block::default(), theme, right, buf);
        } else {
            bars(
                &counts.colours,
                |name| swatch(theme, name).map_or(theme.text(), |c| Style::default().fg(c)),
                right,
                buf,
            );
        }
    }
}

/// Horizontal bars: name, a bar scaled to the largest count, and the count itself.
fn bars(items: &[(String, usize)], style: impl Fn(&str) -> Style, area: Rect, buf: &mut Buffer) {
    let name_w = items
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width.saturating_sub(8)));
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let lines: Vec<Line> = items
        .iter()
        .take(usize::from(area.height))
        .map(|(name, n)| {
            let room = usize::from(area.width).saturating_sub(name_w + 2 + n.to_string().len() + 1);
            let len = (n * room).div_ceil(max).min(room);
            let name: String = name.chars().take(name_w).collect();
            Line::from(vec![
                Span::raw(format!("{name:<name_w$} ")),
                Span::styled("█".repeat(len), style(&name)),
                Span::raw(format!(" {n}")),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}
