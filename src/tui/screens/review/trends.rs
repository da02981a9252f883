//! Trends: which side of pleasant ↔ unpleasant the check-ins' feelings fell on, how strong
//! the unpleasant ones were beside how the moments felt (mood, a scale of its own), the
//! seconds until the urge to leave, settledness before and after a breath reset, and counts
//! per practice and per colour. `r` cycles the range, and each range is drawn in the step
//! that makes its change visible: days for 30 days, weeks for 90 days and a year, months
//! for everything. A step with nothing in it is a gap, not a line drawn across it. Each
//! chart says in plain sentences what changed over two windows that never overlap (the
//! same sentences `steady stats` prints), its legend names each series' scale and which way
//! it runs, beside those sentences and never on the data, and a chart with too little data
//! says so in words instead. A window too small for every chart shows as many as stay
//! readable, and `←`/`→` move through the others.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

use super::Outcome;
use super::data::ReviewData;
use super::{longest_fitting, swatch};
use crate::journal::change::{CheckInChange, UrgeChange, breath_sentence, urge_sentence};
use crate::journal::feelings::{Tones, by_month};
use crate::journal::series::Aggregates;
use crate::journal::signals::Urge;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// How far back the charts look.
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

    /// The step each point stands for.
    fn unit(self) -> Unit {
        match self {
            Range::Days30 => Unit::Day,
            Range::Days90 | Range::Year => Unit::Week,
            Range::All => Unit::Month,
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

/// The step of a chart's time axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
}

impl Unit {
    fn words(self) -> &'static str {
        match self {
            Unit::Day => "by day",
            Unit::Week => "by week",
            Unit::Month => "by month",
        }
    }

    /// How many steps `day` is after the step `since` is in.
    fn index(self, since: NaiveDate, day: NaiveDate) -> usize {
        let steps = match self {
            Unit::Day => (day - since).num_days(),
            Unit::Week => {
                let monday = |d: NaiveDate| {
                    i64::from(d.num_days_from_ce()) - i64::from(d.weekday().num_days_from_monday())
                };
                (monday(day) - monday(since)) / 7
            }
            Unit::Month => {
                let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
                months(day) - months(since)
            }
        };
        usize::try_from(steps).unwrap_or(0)
    }
}

/// The charts, in the order `→` moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    Feelings,
    Strength,
    Stay,
    Breath,
    Counts,
}

const CHARTS: [Panel; 5] = [
    Panel::Feelings,
    Panel::Strength,
    Panel::Stay,
    Panel::Breath,
    Panel::Counts,
];

/// The smallest a chart is drawn: narrower or lower windows show fewer charts at a time.
const CHART_WIDTH: u16 = 50;
const CHART_HEIGHT: u16 = 17;

/// The Trends screen's state: the range and the first chart shown.
#[derive(Debug, Clone)]
pub struct Trends {
    range: Range,
    first: usize,
}

impl Default for Trends {
    fn default() -> Self {
        Self {
            range: Range::Days30,
            first: 0,
        }
    }
}

/// The time axis every chart shares: from `since` to `until` in steps of `unit`.
struct Window {
    since: NaiveDate,
    until: NaiveDate,
    unit: Unit,
}

impl Window {
    /// Where `day` falls on the x axis (its step).
    fn x(&self, day: NaiveDate) -> f64 {
        self.unit.index(self.since, day) as f64
    }

    /// The x axis with the first, middle and last day named. Markers of other kinds on
    /// the time axis (a guide's steps, say) would be one more dataset placed with `x`.
    fn axis<'a>(&self, theme: Theme) -> Axis<'a> {
        let width = self.x(self.until).max(1.0);
        let fmt = if (self.until - self.since).num_days() > 120 {
            "%b %Y"
        } else {
            "%-d %b"
        };
        let days = (self.until - self.since).num_days().max(0).unsigned_abs() / 2;
        let mid = self
            .since
            .checked_add_days(Days::new(days))
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

/// Values summed per step of the axis, in order: the mean of each step with a value.
#[derive(Debug, Default)]
struct Steps(Vec<(usize, f64, usize)>);

impl Steps {
    fn add(&mut self, step: usize, total: f64, count: usize) {
        if count == 0 {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.0 == step => {
                last.1 += total;
                last.2 += count;
            }
            _ => self.0.push((step, total, count)),
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// Every step's mean, as points (step, mean), for a series of marks.
    fn points(&self) -> Vec<(f64, f64)> {
        self.0
            .iter()
            .map(|&(step, total, count)| (step as f64, total / count as f64))
            .collect()
    }

    /// The runs of steps next to each other, as points (step, mean): a gap in the steps
    /// starts a new run, so nothing is drawn across it. A step alone is drawn as a short
    /// dash across its step.
    fn runs(&self) -> Vec<Vec<(f64, f64)>> {
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut last: Option<usize> = None;
        for &(step, total, count) in &self.0 {
            let point = (step as f64, total / count as f64);
            match runs.last_mut() {
                Some(run) if last.is_some_and(|l| l + 1 == step) => run.push(point),
                _ => runs.push(vec![point]),
            }
            last = Some(step);
        }
        for run in &mut runs {
            if let [(x, y)] = run[..] {
                *run = vec![(x - 0.3, y), (x + 0.3, y)];
            }
        }
        runs
    }
}

/// Trends over review's `data`.
pub struct TrendsView<'a> {
    pub trends: &'a Trends,
    pub data: &'a ReviewData,
    pub theme: Theme,
}

impl Widget for TrendsView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.trends.draw(self.data, self.theme, area, buf);
    }
}

impl Trends {
    pub fn update(&mut self, action: Action) -> Outcome {
        match action {
            Action::Review(ReviewAction::Range) => self.range = self.range.next(),
            Action::Right => self.first = (self.first + 1) % CHARTS.len(),
            Action::Left => self.first = (self.first + CHARTS.len() - 1) % CHARTS.len(),
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    /// The keys that work here (they feed the footer and `?`).
    pub fn keymap(&self) -> Keymap {
        Keymap::ReviewTrends
    }

    fn draw(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let cols: usize = if body.width >= 2 * CHART_WIDTH { 2 } else { 1 };
        let rows: usize = if body.height >= 2 * CHART_HEIGHT {
            2
        } else {
            1
        };
        let shown = (cols * rows).min(CHARTS.len());
        let charts: Vec<usize> = (0..shown)
            .map(|i| (self.first + i) % CHARTS.len())
            .collect();
        let (range, unit) = (self.range.words(), self.range.unit().words());
        let place = if shown < CHARTS.len() {
            format!(" · {} of {}", which(&charts), CHARTS.len())
        } else {
            String::new()
        };
        let full = format!("Showing {range}, {unit}{place} · ←→ more");
        let header = if shown == CHARTS.len() || full.chars().count() <= usize::from(top.width) {
            Line::from(vec![
                Span::styled("Showing ", theme.muted()),
                Span::styled(range, theme.strong()),
                Span::styled(format!(", {unit}{place}"), theme.muted()),
                Span::styled(
                    if place.is_empty() {
                        ""
                    } else {
                        " · ←→ more"
                    },
                    theme.muted(),
                ),
            ])
        } else {
            Line::from(Span::styled(
                format!("{range}, {unit}{place}"),
                theme.muted(),
            ))
        };
        Paragraph::new(header).render(top, buf);
        let agg = data.aggregates();
        let today = data.today();
        let span = Window {
            since: self.range.since(today, agg.first_day()),
            until: today,
            unit: self.range.unit(),
        };
        let check_ins = agg.check_ins_since(Some(span.since), data.placements());
        let change = CheckInChange::of(&check_ins);
        let lines = Layout::vertical(vec![Constraint::Fill(1); rows]).split(body);
        let cells = lines.iter().flat_map(|line| {
            Layout::horizontal(vec![Constraint::Fill(1); cols])
                .split(*line)
                .to_vec()
        });
        for (chart, cell) in charts.iter().zip(cells) {
            match CHARTS[*chart] {
                Panel::Feelings => {
                    self.feelings_chart(agg, &check_ins, change.as_ref(), &span, theme, cell, buf);
                }
                Panel::Strength => {
                    self.strength_chart(&check_ins, change.as_ref(), &span, theme, cell, buf);
                }
                Panel::Stay => self.stay_chart(agg, &span, theme, cell, buf),
                Panel::Breath => self.breath_chart(agg, &span, theme, cell, buf),
                Panel::Counts => self.counts(agg, &check_ins, span.since, theme, cell, buf),
            }
        }
    }

    /// The share of each step's check-ins that named a pleasant feeling, and an unpleasant
    /// one, with the days a guide was started or one of its steps begun along the top.
    #[expect(
        clippy::too_many_arguments,
        reason = "one chart's inputs, each used once"
    )]
    fn feelings_chart(
        &self,
        agg: &Aggregates,
        check_ins: &BTreeMap<NaiveDate, Tones>,
        change: Option<&CheckInChange>,
        span: &Window,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let (pleasant, unpleasant) = two_series(check_ins, span, |t| {
            let n = t.check_ins();
            (
                (f64::from(t.pleasant) * 100.0, n),
                (f64::from(t.unpleasant) * 100.0, n),
            )
        });
        // Where a guide was started or one of its steps begun: a mark along the top.
        let guide_steps: Vec<(f64, f64)> = agg
            .days
            .range(span.since..)
            .filter(|(_, d)| d.guide_steps > 0)
            .map(|(day, _)| (span.x(*day), 100.0))
            .collect();
        // By day most steps hold one check-in, all on one side: marks, not a line that
        // would jump from top to bottom and back.
        let (runs, (mark, line)) = if span.unit == Unit::Day {
            (vec![pleasant.points()], (Marker::Dot, "•"))
        } else {
            (pleasant.runs(), (Marker::Braille, "⣿"))
        };
        let marks = [unpleasant.points()];
        let mut datasets = series(&marks, Marker::Block, theme.muted());
        datasets.extend(series(&runs, mark, theme.shape()));
        let per = unit_noun(span.unit);
        let mut legend = vec![fitting_line(
            &[
                &format!("{line} pleasant   █ unpleasant   (% of each {per}'s check-ins)"),
                &format!("{line} pleasant   █ unpleasant   (%)"),
            ],
            area.width.saturating_sub(2),
            theme,
        )];
        if !guide_steps.is_empty() {
            legend.push(Line::from(vec![
                Span::styled("▄ ", theme.strong()),
                Span::styled("a guide started or a step begun", theme.muted()),
            ]));
            datasets.push(
                Dataset::default()
                    .marker(Marker::Bar)
                    .graph_type(GraphType::Scatter)
                    .style(theme.strong())
                    .data(&guide_steps),
            );
        }
        let sentences = match change {
            None => Vec::new(),
            Some(CheckInChange::TooShort(said)) => vec![said.clone()],
            Some(CheckInChange::Compared { tones, words, .. }) => {
                std::iter::once(tones).chain(words).cloned().collect()
            }
        };
        Plot {
            titles: &[
                "Check-ins: a pleasant or an unpleasant feeling",
                "Pleasant or unpleasant feelings",
                "Pleasant or not",
            ],
            sentences,
            legend,
            points: pleasant.len(),
            too_few: format!(
                "Not enough check-ins in {} to draw a line yet. A line appears once two {per}s have one.",
                self.range.words(),
            ),
            datasets,
            y_axis: Axis::default()
                .bounds([0.0, 100.0])
                .style(theme.muted())
                .labels(["0%", "50%", "100%"]),
        }
        .render(span, theme, area, buf);
    }

    /// How strong the unpleasant feelings were, and beside it, as its own series, how the
    /// moments felt overall (mood): two scales, never merged.
    fn strength_chart(
        &self,
        check_ins: &BTreeMap<NaiveDate, Tones>,
        change: Option<&CheckInChange>,
        span: &Window,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let (strength, mood) = two_series(check_ins, span, |t| {
            let s = t.unpleasant_strength;
            ((s.sum as f64, s.count), (t.mood.sum as f64, t.mood.count))
        });
        let (runs, marks) = (strength.runs(), [mood.points()]);
        // Mood last, so a mood on the strength line still shows.
        let mut datasets = series(&runs, Marker::Braille, theme.shape());
        datasets.extend(series(&marks, Marker::Dot, theme.strong()));
        let room = area.width.saturating_sub(2);
        let mut legend = vec![fitting_line(
            &[
                "⣿ how strong the unpleasant feelings were: 1 barely there – 5 filling everything",
                "⣿ strength of the unpleasant ones: 1 barely there – 5 filling everything",
                "⣿ unpleasant, how strong: 1 barely there – 5 filling everything",
                "⣿ unpleasant: 1 barely there – 5 filling everything",
                "⣿ unpleasant, how strong: 1 barely – 5 filling",
                "⣿ unpleasant: 1 barely – 5 filling",
            ],
            room,
            theme,
        )];
        if mood.len() > 0 {
            legend.push(fitting_line(
                &[
                    "• mood, how the moment felt overall: 1 very unpleasant – 5 very pleasant",
                    "• mood: 1 very unpleasant – 5 very pleasant",
                    "• mood: 1 unpleasant – 5 pleasant",
                ],
                room,
                theme,
            ));
        }
        let sentences = match change {
            None => Vec::new(),
            Some(CheckInChange::TooShort(said)) => vec![said.clone()],
            Some(CheckInChange::Compared { strength, mood, .. }) => {
                strength.iter().chain(mood).cloned().collect()
            }
        };
        Plot {
            titles: &[
                "Unpleasant feelings: how strong · mood beside",
                "Unpleasant, how strong · mood",
                "Strength · mood",
            ],
            sentences,
            legend,
            points: strength.len().max(mood.len()),
            too_few: format!(
                "Not enough unpleasant feelings or moods in {} to draw a line. One appears once two {}s have one.",
                self.range.words(),
                unit_noun(span.unit)
            ),
            datasets,
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
        let mut steps = Steps::default();
        let mut days: BTreeMap<NaiveDate, (f64, usize)> = BTreeMap::new();
        let mut no_urge = 0;
        for &(day, urge) in agg.stay_since(Some(span.since)) {
            let held = days.entry(day).or_default();
            match urge {
                Urge::After(s) => {
                    steps.add(span.unit.index(span.since, day), s, 1);
                    *held = (held.0 + s, held.1 + 1);
                }
                Urge::NoneCame => no_urge += 1,
            }
        }
        let top = steps
            .0
            .iter()
            .map(|s| s.1 / s.2 as f64)
            .fold(1.0_f64, f64::max)
            .ceil();
        let change = UrgeChange::of(&days);
        let sentences: Vec<String> = change
            .is_some()
            .then(|| urge_sentence(change.as_ref(), no_urge))
            .into_iter()
            .collect();
        let runs = steps.runs();
        Plot {
            titles: &[
                "Seconds until the urge to leave (more: staying longer)",
                "Seconds until the urge to leave",
                "Until the urge to leave",
                "Urge to leave",
            ],
            sentences,
            legend: Vec::new(),
            points: steps.len(),
            too_few: format!(
                "Not enough stay-present practices in {} to show the window widening. It shows once two {}s have one.",
                self.range.words(),
                unit_noun(span.unit)
            ),
            datasets: series(&runs, Marker::Braille, theme.shape()),
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
        let mut before = Steps::default();
        let mut after = Steps::default();
        for p in points {
            let step = span.unit.index(span.since, p.day);
            before.add(step, p.before as f64, 1);
            after.add(step, p.after as f64, 1);
        }
        let n = points.len();
        let sentences: Vec<String> = (n > 0)
            .then(|| {
                let mean = |f: fn(&crate::journal::series::BreathPoint) -> i64| {
                    points.iter().map(|p| f(p) as f64).sum::<f64>() / n as f64
                };
                breath_sentence(mean(|p| p.before), mean(|p| p.after), n)
            })
            .into_iter()
            .collect();
        let (before_marks, after_runs) = ([before.points()], after.runs());
        // Two different marks, so the series stay apart without colour.
        let mut datasets = series(&before_marks, Marker::Dot, theme.muted());
        datasets.extend(series(&after_runs, Marker::Braille, theme.shape()));
        Plot {
            titles: &["Breath reset: how settled, before and after", "Settled, before and after", "Breath reset"],
            sentences,
            legend: vec![Line::from(vec![
                Span::styled("• before", theme.muted()),
                Span::raw("   "),
                Span::styled("⣿ after", theme.shape()),
                Span::styled("   1 not at all – 5 very settled", theme.muted()),
            ])],
            points: before.len(),
            too_few: format!(
                "Not enough breath resets in {} to compare before and after. It shows once two {}s have one.",
                self.range.words(),
                unit_noun(span.unit)
            ),
            datasets,
            y_axis: level_axis(theme),
        }
        .render(span, theme, area, buf);
    }

    /// Entries per practice and colours chosen in the range, as bars to scale, and under
    /// them how many different feeling words were named each month.
    fn counts(
        &self,
        agg: &Aggregates,
        check_ins: &BTreeMap<NaiveDate, Tones>,
        since: NaiveDate,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let block = titled(
            &[
                "Entries per practice · colours chosen",
                "Entries · colours",
                "Entries",
            ],
            area.width,
        );
        let inner = block.inner(area);
        block.render(area, buf);
        let counts = agg.counts_since(Some(since));
        if counts.per_practice.is_empty() {
            let text = format!("No entries in {}, so nothing to count.", self.range.words());
            return words(text, theme, inner, buf);
        }
        let months: Vec<String> = by_month(check_ins)
            .iter()
            .filter(|(_, t)| !t.words.is_empty())
            .map(|((year, month), t)| {
                let name = NaiveDate::from_ymd_opt(*year, *month, 1)
                    .map_or_else(String::new, |d| d.format("%b %Y").to_string());
                format!("{name}: {}", t.words.len())
            })
            .collect();
        let said = format!(
            "Different feeling words named each month: {}.",
            months.join(" · ")
        );
        let said_rows = if months.is_empty() {
            0
        } else {
            rows_for(&said, inner.width)
        };
        let [bars_area, words_area] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(said_rows.min(inner.height / 2)),
        ])
        .areas(inner);
        words(said, theme, words_area, buf);
        let [left, right] = Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)])
            .spacing(2)
            .areas(bars_area);
        bars(&counts.per_practice, |_| theme.shape(), left, buf);
        if counts.colours.is_empty() {
            let text = format!("No colours chosen in {}.", self.range.words());
            words(text, theme, right, buf);
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

/// Two series from each day's check-ins: `pick` gives a day's (total, count) for each.
fn two_series(
    check_ins: &BTreeMap<NaiveDate, Tones>,
    span: &Window,
    pick: impl Fn(&Tones) -> ((f64, u32), (f64, u32)),
) -> (Steps, Steps) {
    let (mut first, mut second) = (Steps::default(), Steps::default());
    for (day, t) in check_ins {
        let step = span.unit.index(span.since, *day);
        let ((a, n), (b, m)) = pick(t);
        first.add(step, a, n as usize);
        second.add(step, b, m as usize);
    }
    (first, second)
}

/// "chart 2", "charts 2–5", "charts 5, 1–3": which charts are shown.
fn which(charts: &[usize]) -> String {
    match charts {
        [one] => format!("chart {}", one + 1),
        [first, .., last] if first < last => format!("charts {}–{}", first + 1, last + 1),
        _ => {
            let names: Vec<String> = charts.iter().map(|c| (c + 1).to_string()).collect();
            format!("charts {}", names.join(", "))
        }
    }
}

/// A legend line: the longest of `texts` that fits in `width`.
fn fitting_line(texts: &[&str], width: u16, theme: Theme) -> Line<'static> {
    let text = longest_fitting(texts, usize::from(width));
    Line::from(Span::styled(text.to_owned(), theme.muted()))
}

/// "day", "week" or "month".
fn unit_noun(unit: Unit) -> &'static str {
    match unit {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
    }
}

/// Rows a plot needs to be read: three rows of data and the two of its time axis.
const MIN_PLOT_ROWS: u16 = 5;

/// One trend chart: its title (the longest of `titles` that fits), the sentences of what
/// changed and the legend above the plot, its series, its y axis, and the sentence it shows
/// instead when it has fewer than two steps with a value (too few for a line). When the
/// box is too small for the sentences, the legend and a readable plot, it shows the
/// sentences alone (whole ones only), never a plot too small to read.
struct Plot<'a> {
    titles: &'a [&'a str],
    sentences: Vec<String>,
    legend: Vec<Line<'a>>,
    points: usize,
    too_few: String,
    datasets: Vec<Dataset<'a>>,
    y_axis: Axis<'a>,
}

impl Plot<'_> {
    fn render(mut self, span: &Window, theme: Theme, area: Rect, buf: &mut Buffer) {
        let block = titled(self.titles, area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        if self.points < 2 {
            self.sentences.push(self.too_few);
            return words(fitting_sentences(&self.sentences, inner), theme, inner, buf);
        }
        let all = self.sentences.join(" ");
        let said_rows = if all.is_empty() {
            0
        } else {
            rows_for(&all, inner.width)
        };
        let legend_rows = self.legend.len() as u16;
        if said_rows + legend_rows + MIN_PLOT_ROWS > inner.height {
            self.sentences
                .push("A larger window shows the chart.".to_owned());
            return words(fitting_sentences(&self.sentences, inner), theme, inner, buf);
        }
        let [said_area, legend_area, plot] = Layout::vertical([
            Constraint::Length(said_rows),
            Constraint::Length(legend_rows),
            Constraint::Min(0),
        ])
        .areas(inner);
        Paragraph::new(Span::styled(all, theme.text()))
            .wrap(Wrap { trim: true })
            .render(said_area, buf);
        Paragraph::new(self.legend).render(legend_area, buf);
        Chart::new(self.datasets)
            .x_axis(span.axis(theme))
            .y_axis(self.y_axis)
            .render(plot, buf);
    }
}

/// The first of `sentences` that fit in `area` together, whole; when not even the first
/// fits, a sentence saying the window is too small.
fn fitting_sentences(sentences: &[String], area: Rect) -> String {
    let mut said = String::new();
    for sentence in sentences {
        let more = if said.is_empty() {
            sentence.clone()
        } else {
            format!("{said} {sentence}")
        };
        if rows_for(&more, area.width) > area.height {
            break;
        }
        said = more;
    }
    if said.is_empty() {
        "Too small a window for this chart's words; a larger one shows them.".to_owned()
    } else {
        said
    }
}

/// How many rows `text` takes wrapped at words in `width` columns.
fn rows_for(text: &str, width: u16) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(width.max(1));
    let (mut rows, mut used) = (1u16, 0usize);
    for word in text.split_whitespace() {
        let w = word.width();
        if used > 0 && used + 1 + w > width {
            rows = rows.saturating_add(1);
            used = w;
        } else {
            used += w + usize::from(used > 0);
        }
    }
    rows
}

/// Runs of points as datasets: with the braille marker, a line through each run (a step
/// alone is a short dash across its step, so it shows as well as a line does); with any
/// other marker, the points themselves.
fn series(runs: &[Vec<(f64, f64)>], marker: Marker, style: Style) -> Vec<Dataset<'_>> {
    runs.iter()
        .map(|run| {
            let kind = if marker == Marker::Braille {
                GraphType::Line
            } else {
                GraphType::Scatter
            };
            Dataset::default()
                .marker(marker)
                .graph_type(kind)
                .style(style)
                .data(run)
        })
        .collect()
}

/// A bordered box titled with the longest of `titles` that fits in `width`.
fn titled(titles: &[&str], width: u16) -> Block<'static> {
    let title = longest_fitting(titles, usize::from(width.saturating_sub(4)));
    Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
}

fn level_axis<'a>(theme: Theme) -> Axis<'a> {
    Axis::default()
        .bounds([1.0, 5.0])
        .style(theme.muted())
        .labels(["1", "3", "5"])
}

/// A place filled with a sentence.
fn words(text: String, theme: Theme, area: Rect, buf: &mut Buffer) {
    Paragraph::new(Span::styled(text, theme.muted()))
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Eighths of a cell, for bars that end where their value does.
const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/// A bar `n / max` of `room` cells long, to the eighth of a cell; never empty for n > 0.
fn bar(n: usize, max: usize, room: usize) -> String {
    let eighths = (n * room * 8 + max / 2) / max.max(1);
    let eighths = if n > 0 { eighths.max(1) } else { 0 };
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

/// Horizontal bars: name, a bar to scale (the same scale for every row), and the count.
fn bars(items: &[(String, usize)], style: impl Fn(&str) -> Style, area: Rect, buf: &mut Buffer) {
    let count_w = items
        .iter()
        .map(|i| i.1.to_string().len())
        .max()
        .unwrap_or(1);
    let name_w = items
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(usize::from(area.width).saturating_sub(count_w + 4) * 3 / 5);
    let room = usize::from(area.width).saturating_sub(name_w + count_w + 2);
    let max = items.iter().map(|i| i.1).max().unwrap_or(1).max(1);
    let lines: Vec<Line> = items
        .iter()
        .take(usize::from(area.height))
        .map(|(name, n)| {
            let short = crate::text::cut(name, name_w);
            let bar = bar(*n, max, room);
            let pad = room.saturating_sub(bar.chars().count());
            Line::from(vec![
                Span::raw(format!("{short:<name_w$} ")),
                Span::styled(bar, style(name)),
                Span::raw(format!("{} {n:>count_w$}", " ".repeat(pad))),
            ])
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_to_scale_whatever_the_numbers() {
        assert_eq!(bar(150, 150, 10), "██████████");
        assert_eq!(bar(100, 150, 10), "██████▋");
        assert_eq!(bar(1, 1000, 10), "▏", "a count is never drawn as nothing");
        assert_eq!(bar(0, 10, 10), "");
    }

    #[test]
    fn gaps_split_the_line() {
        let mut steps = Steps::default();
        steps.add(0, 2.0, 1);
        steps.add(1, 3.0, 1);
        steps.add(1, 5.0, 1);
        steps.add(4, 1.0, 1);
        assert_eq!(
            steps.runs(),
            vec![vec![(0.0, 2.0), (1.0, 4.0)], vec![(3.7, 1.0), (4.3, 1.0)]]
        );
    }

    #[test]
    fn steps_are_days_weeks_or_months() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let since = d("2026-11-01"); // a Sunday
        assert_eq!(Unit::Day.index(since, d("2026-11-03")), 2);
        assert_eq!(
            Unit::Week.index(since, d("2026-11-02")),
            1,
            "Monday starts a week"
        );
        assert_eq!(Unit::Month.index(d("2025-12-31"), d("2026-02-01")), 2);
    }

    #[test]
    fn sentences_take_the_rows_they_wrap_to() {
        assert_eq!(rows_for("one two three", 13), 1);
        assert_eq!(rows_for("one two three", 12), 2);
        assert_eq!(rows_for("", 5), 1);
    }

    #[test]
    fn titles_fit() {
        let title = |w| {
            let block = titled(&["A long title here", "Short"], w);
            let mut buf = Buffer::empty(Rect::new(0, 0, w, 1));
            block.render(buf.area, &mut buf);
            (0..w)
                .map(|x| buf[(x, 0)].symbol().to_owned())
                .collect::<String>()
        };
        assert_eq!(title(30), "┌ A long title here ─────────┐");
        assert_eq!(title(12), "┌ Short ───┐");
    }
}
