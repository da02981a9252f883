//! Calendar: a month grid (weeks in rows, the first weekday from the locale) with each day
//! showing how strong the feeling of its last check-in was (its level, 1 barely there … 5
//! filling everything: not how good it felt) and the colour's name (shaded in that colour
//! when colour is on), or a year with one cell per day by that strength, each month's
//! weekdays named.
//! A legend says what the marks mean; days to come (◦) look different from days with
//! nothing (·), and a day's number and its level always have a space between them.
//! Arrows move between days; Enter lists the day's entries, and Enter on one of them opens
//! it in History.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::Outcome;
use super::data::ReviewData;
use super::{longest_fitting, swatch};
use crate::journal::series::Day;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// The Calendar screen's state.
#[derive(Debug, Clone)]
pub struct Calendar {
    selected: NaiveDate,
    year_view: bool,
    first_weekday: Weekday,
    /// The day's entries, while Enter has them open.
    listed: Option<DayList>,
}

/// One day's entries, listed under the grid.
#[derive(Debug, Clone)]
struct DayList {
    day: NaiveDate,
    /// The data generation the list was made from.
    generation: u64,
    /// Indices into the entries, oldest first (the order of the day).
    indices: Vec<usize>,
    cursor: usize,
}

/// What an action on the Calendar comes to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    /// The entry with this id was chosen from a day's list: open it.
    Entry(String),
    Nothing(Outcome),
}

/// The calendar over review's `data`.
pub struct CalendarView<'a> {
    pub calendar: &'a Calendar,
    pub data: &'a ReviewData,
    pub theme: Theme,
}

impl Widget for CalendarView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.calendar.draw(self.data, self.theme, area, buf);
    }
}

impl Calendar {
    pub fn new(today: NaiveDate, first_weekday: Weekday) -> Self {
        Self {
            selected: today,
            year_view: false,
            first_weekday,
            listed: None,
        }
    }

    pub fn selected(&self) -> NaiveDate {
        self.selected
    }

    fn shift_days(&mut self, n: i64) {
        let days = Days::new(n.unsigned_abs());
        let moved = if n < 0 {
            self.selected.checked_sub_days(days)
        } else {
            self.selected.checked_add_days(days)
        };
        self.selected = moved.unwrap_or(self.selected);
    }

    fn shift_months(&mut self, n: i32) {
        let months = Months::new(n.unsigned_abs());
        let moved = if n < 0 {
            self.selected.checked_sub_months(months)
        } else {
            self.selected.checked_add_months(months)
        };
        self.selected = moved.unwrap_or(self.selected);
    }

    pub fn update(&mut self, action: Action, data: &ReviewData) -> Picked {
        if let Some(list) = &mut self.listed {
            match action {
                Action::Up => list.cursor = list.cursor.saturating_sub(1),
                Action::Down => {
                    list.cursor = (list.cursor + 1).min(list.indices.len().saturating_sub(1));
                }
                Action::Confirm => {
                    let chosen = list.indices.get(list.cursor);
                    if let Some(row) = chosen.and_then(|&i| data.rows().get(i)) {
                        self.listed = None;
                        return Picked::Entry(row.id.to_string());
                    }
                }
                Action::Review(ReviewAction::Back) => self.listed = None,
                _ => return Picked::Nothing(Outcome::Ignored),
            }
            return Picked::Nothing(Outcome::Handled);
        }
        let year = if self.year_view { 12 } else { 1 };
        match action {
            Action::Left => self.shift_days(-1),
            Action::Right => self.shift_days(1),
            Action::Up => self.shift_days(-7),
            Action::Down => self.shift_days(7),
            Action::PageUp => self.shift_months(-year),
            Action::PageDown => self.shift_months(year),
            Action::Review(ReviewAction::Today) => self.selected = data.today(),
            Action::Review(ReviewAction::View) => self.year_view = !self.year_view,
            Action::Confirm => self.listed = Some(self.day_entries(data)),
            _ => return Picked::Nothing(Outcome::Ignored),
        }
        Picked::Nothing(Outcome::Handled)
    }

    /// The entries of the day listed, near its cursor, as indices into
    /// `ReviewData::rows`: what is fetched whole before it is drawn.
    pub fn on_screen(&self) -> impl Iterator<Item = usize> + '_ {
        let list = self.listed.as_ref();
        let (indices, cursor) = list.map_or((&[][..], 0), |l| (l.indices.as_slice(), l.cursor));
        indices
            .iter()
            .skip(cursor.saturating_sub(64))
            .take(128)
            .copied()
    }

    fn day_entries(&self, data: &ReviewData) -> DayList {
        let mut indices: Vec<usize> = data
            .rows()
            .iter()
            .enumerate()
            .filter(|(_, r)| data.day_of(r) == self.selected)
            .map(|(i, _)| i)
            .collect();
        indices.reverse();
        DayList {
            day: self.selected,
            generation: data.generation(),
            indices,
            cursor: 0,
        }
    }

    /// The keys that work here (they feed the footer and `?`).
    pub fn keymap(&self) -> Keymap {
        if self.listed.is_some() {
            Keymap::ReviewDay
        } else {
            Keymap::ReviewCalendar
        }
    }

    fn draw(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let listed = self
            .listed
            .as_ref()
            .filter(|list| list.generation == data.generation());
        let (grid, list) = match listed {
            Some(_) if area.width >= 90 => {
                let [g, l] =
                    Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(area);
                (g, Some(l))
            }
            Some(_) => {
                let [g, l] =
                    Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(area);
                (g, Some(l))
            }
            None => (area, None),
        };
        if self.year_view {
            self.render_year(data, theme, grid, buf);
        } else {
            self.render_month(data, theme, grid, buf);
        }
        if let (Some(listed), Some(area)) = (listed, list) {
            render_day_list(data, theme, listed, area, buf);
        }
    }

    /// The weeks (rows of seven days, `first_weekday` first) covering `month_start`'s month.
    fn weeks(&self, month_start: NaiveDate) -> Vec<[NaiveDate; 7]> {
        let back = (7 + month_start.weekday().num_days_from_monday()
            - self.first_weekday.num_days_from_monday())
            % 7;
        let mut day = month_start - Days::new(u64::from(back));
        let mut weeks = Vec::new();
        while weeks.is_empty()
            || (day.month() == month_start.month() && day.year() == month_start.year())
        {
            let mut week = [day; 7];
            for (i, slot) in week.iter_mut().enumerate() {
                *slot = day + Days::new(i as u64);
            }
            weeks.push(week);
            day = day + Days::new(7);
        }
        weeks
    }

    fn render_month(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let start = self.selected.with_day(1).unwrap_or(self.selected);
        let today = data.today();
        let weeks = self.weeks(start);
        let cell_w = (area.width / 7).clamp(3, 12);
        // Title, weekdays, legend and the day's line take four rows.
        let rows_room = area.height.saturating_sub(4);
        let cell_h = (rows_room / u16::try_from(weeks.len()).unwrap_or(6)).clamp(1, 3);
        let w = usize::from(cell_w) - 1;
        let mut lines = vec![
            Line::from(Span::styled(
                start.format("%B %Y").to_string(),
                theme.strong(),
            )),
            Line::from(
                (0..7)
                    .map(|i| {
                        let name = weekday_after(self.first_weekday, i).to_string();
                        let name: String = name.chars().take(w).collect();
                        Span::styled(format!("{name:<w$} "), theme.muted())
                    })
                    .collect::<Vec<_>>(),
            ),
        ];
        for week in &weeks {
            for row in 0..cell_h {
                let spans = week
                    .iter()
                    .flat_map(|&day| {
                        if day.month() != start.month() {
                            return [Span::raw(" ".repeat(w)), Span::raw(" ")];
                        }
                        let shown = Shown::of(day, today, data.aggregates().days.get(&day));
                        let text = match (cell_h, row) {
                            (1, _) => format!("{:>2} {}", day.day(), shown.glyph()),
                            (_, 0) => format!("{:>2}", day.day()),
                            (_, 1) => format!(" {}", shown.words()),
                            _ => String::new(),
                        };
                        let text = crate::text::cut(&text, w);
                        let mut style = shown.style(theme);
                        if day == today {
                            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                        }
                        if day == self.selected {
                            style = style.add_modifier(Modifier::REVERSED);
                        }
                        [Span::styled(format!("{text:<w$}"), style), Span::raw(" ")]
                    })
                    .collect::<Vec<_>>();
                lines.push(Line::from(spans));
            }
        }
        let [grid, legend, summary] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(lines).render(grid, buf);
        fitting(MONTH_LEGEND, theme, legend, buf);
        self.render_summary(data, theme, summary, buf);
    }

    /// The selected day in words, on the last row.
    fn render_summary(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let text = day_summary(
            self.selected,
            data.today(),
            data.aggregates().days.get(&self.selected),
        );
        Paragraph::new(Span::styled(text, theme.muted())).render(area, buf);
    }

    /// A year in small cells, one per day, by the level of the day's last check-in, with
    /// each month's weekdays named.
    fn render_year(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        /// The rows a month takes.
        const MONTH_H: u16 = 8;
        let year = self.selected.year();
        let [title, grid, legend, summary] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(Span::styled(year.to_string(), theme.strong())).render(title, buf);
        fitting(YEAR_LEGEND, theme, legend, buf);
        self.render_summary(data, theme, summary, buf);
        // Each month: its name, the weekdays, and up to six week rows. Cells get a space
        // between them when six months fit across that way; otherwise they sit side by
        // side, so that the whole year fits in two rows of months on an 80-column terminal.
        let gap = grid.width >= 6 * 16;
        let month_w: u16 = if gap { 16 } else { 8 };
        let columns = (grid.width / month_w).clamp(1, 12);
        // When not every row of months fits, the rows shown end with the selected month's.
        let rows_fit = (grid.height / MONTH_H).max(1);
        let selected_row = u16::try_from(self.selected.month0()).unwrap_or(0) / columns;
        let first_row = selected_row.saturating_sub(rows_fit - 1);
        let today = data.today();
        let sep = if gap { " " } else { "" };
        for month in first_row * columns..12u16 {
            let shown = month - first_row * columns;
            let x = grid.x + (shown % columns) * month_w;
            let y = grid.y + (shown / columns) * MONTH_H;
            if x + month_w > grid.right() || y + 1 > grid.bottom() {
                continue;
            }
            let Some(start) = NaiveDate::from_ymd_opt(year, u32::from(month) + 1, 1) else {
                continue;
            };
            let rect = Rect::new(x, y, month_w, MONTH_H.min(grid.bottom() - y));
            let weekdays: String = (0..7).fold(String::new(), |mut row, i| {
                let name = weekday_after(self.first_weekday, i).to_string();
                row.push(name.chars().next().unwrap_or(' '));
                row.push_str(sep);
                row
            });
            let mut lines = vec![
                Line::from(Span::styled(start.format("%b").to_string(), theme.strong())),
                Line::from(Span::styled(weekdays, theme.muted())),
            ];
            for week in self.weeks(start) {
                let spans = week
                    .iter()
                    .flat_map(|&day| {
                        if day.month() != start.month() {
                            return [Span::raw(" "), Span::raw(sep)];
                        }
                        let shown = Shown::of(day, today, data.aggregates().days.get(&day));
                        let mut style = shown.level_style(theme);
                        if day == today {
                            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
                        }
                        if day == self.selected {
                            style = style.add_modifier(Modifier::REVERSED);
                        }
                        [Span::styled(shown.glyph(), style), Span::raw(sep)]
                    })
                    .collect::<Vec<_>>();
                lines.push(Line::from(spans));
            }
            Paragraph::new(lines).render(rect, buf);
        }
    }
}

fn weekday_after(first: Weekday, n: u32) -> Weekday {
    (0..n).fold(first, |d, _| d.succ())
}

/// What the month legend says, longest first: the first that fits is drawn.
const MONTH_LEGEND: &[&str] = &[
    "3 blue: the day's last check-in, how strong the feeling was (1 barely there – 5 filling everything) and its colour · • practised, no check-in · ◦ to come · today underlined",
    "3 blue: last check-in, how strong (1 barely there – 5 filling everything) and its colour · • practised · ◦ to come",
    "3 blue: last check-in, how strong (1–5) and its colour · • practised · ◦ to come",
    "3 strength · • other · · none · ◦ to come",
    "3 strength · • other · · none · ◦ ahead",
];
/// What the year legend says, longest first.
const YEAR_LEGEND: &[&str] = &[
    "3: how strong the day's last check-in feeling was (1 barely there – 5 filling everything; darker is stronger) · • practised, no check-in · · nothing · ◦ to come",
    "3: how strong the last check-in was (1 barely there – 5 filling everything) · • practised · · nothing · ◦ to come",
    "3: how strong (1–5) · • practised · · nothing · ◦ to come",
    "3 strength · • other · · none · ◦ to come",
    "3 strength · • other · · none · ◦ ahead",
];

/// The first of `texts` that fits in `area`'s width (the last one, cut, when none does).
fn fitting(texts: &[&str], theme: Theme, area: Rect, buf: &mut Buffer) {
    let text = longest_fitting(texts, usize::from(area.width));
    Paragraph::new(Span::styled(text, theme.muted())).render(area, buf);
}

/// What a day cell shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown<'a> {
    /// A day still to come.
    ToCome,
    Nothing,
    /// Practice, but no check-in with a level or colour.
    Practised,
    /// The day's last check-in.
    CheckIn {
        level: Option<i64>,
        colour: Option<&'a str>,
    },
}

impl<'a> Shown<'a> {
    fn of(day: NaiveDate, today: NaiveDate, held: Option<&'a Day>) -> Self {
        match held {
            _ if day > today => Shown::ToCome,
            None => Shown::Nothing,
            Some(d) => match &d.check_in {
                Some(c) if c.level.is_some() || c.colour.is_some() => Shown::CheckIn {
                    level: c.level,
                    colour: c.colour.as_deref(),
                },
                _ => Shown::Practised,
            },
        }
    }

    /// One character: the level, or a mark.
    fn glyph(&self) -> &'static str {
        const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        match self {
            Shown::ToCome => "◦",
            Shown::Nothing => "·",
            Shown::CheckIn {
                level: Some(l @ 0..=9),
                ..
            } => DIGITS[usize::try_from(*l).unwrap_or(0)],
            Shown::CheckIn { .. } | Shown::Practised => "•",
        }
    }

    /// The level and the colour's name, for a cell with room for words.
    fn words(&self) -> String {
        match self {
            Shown::CheckIn {
                level,
                colour: Some(colour),
            } => match level {
                Some(l) => format!("{l} {colour}"),
                None => (*colour).to_owned(),
            },
            Shown::Nothing => String::new(),
            other => other.glyph().to_owned(),
        }
    }

    /// A month cell: the check-in's colour as its background, with readable ink.
    fn style(&self, theme: Theme) -> Style {
        match self {
            Shown::CheckIn {
                colour: Some(c), ..
            } => swatch(theme, c).map_or(Style::default(), |bg| {
                Style::default().bg(bg).fg(ink_on(bg))
            }),
            Shown::ToCome => theme.muted(),
            _ => Style::default(),
        }
    }

    /// A year cell: shaded by level, stronger levels darker.
    fn level_style(&self, theme: Theme) -> Style {
        match self {
            Shown::CheckIn { level: Some(l), .. } if theme.color => {
                let bg = level_shade(*l);
                Style::default().bg(bg).fg(ink_on(bg))
            }
            Shown::CheckIn { .. } | Shown::Practised => Style::default(),
            Shown::ToCome | Shown::Nothing => theme.muted(),
        }
    }
}

/// A shade for a level of 1 to 5: light for barely there, deep for filling everything.
fn level_shade(level: i64) -> Color {
    const SHADES: [(u8, u8, u8); 5] = [
        (222, 235, 247),
        (173, 205, 230),
        (107, 174, 214),
        (49, 130, 189),
        (8, 81, 156),
    ];
    let (r, g, b) = SHADES[usize::try_from(level.clamp(1, 5) - 1).unwrap_or(0)];
    Color::Rgb(r, g, b)
}

/// A text colour that reads on top of `bg`.
fn ink_on(bg: Color) -> Color {
    match bg {
        Color::Rgb(r, g, b) if u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b) > 1400 => {
            Color::Black
        }
        _ => Color::White,
    }
}

/// The selected day in words, under the grid.
fn day_summary(date: NaiveDate, today: NaiveDate, day: Option<&Day>) -> String {
    let when = date.format("%A %-d %B %Y");
    match day {
        None if date > today => format!("{when}: still to come."),
        None => format!("{when}: no entries."),
        Some(d) => {
            let check = match &d.check_in {
                Some(c) => format!(
                    "; last check-in {}{}",
                    c.colour.as_deref().unwrap_or("(no colour)"),
                    c.level
                        .map(|l| format!(", how strong {l} of 5"))
                        .unwrap_or_default()
                ),
                None => String::new(),
            };
            format!(
                "{when}: {} entr{}{check}.",
                d.entries,
                if d.entries == 1 { "y" } else { "ies" }
            )
        }
    }
}

fn render_day_list(data: &ReviewData, theme: Theme, list: &DayList, area: Rect, buf: &mut Buffer) {
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let start = list.cursor.saturating_sub(rows - 1);
    let mut lines: Vec<Line> = list
        .indices
        .iter()
        .enumerate()
        .skip(start)
        .take(rows)
        .filter_map(|(n, &i)| Some((n, data.entry(i)?)))
        .map(|(n, e)| {
            let mut parts = vec![e.title.clone()];
            parts.extend(e.int("level").map(crate::journal::summary::strength_words));
            parts.extend(
                e.responses
                    .get("mood")
                    .and_then(crate::journal::summary::mood_words),
            );
            parts.extend(e.str("colour").map(str::to_owned));
            parts.extend(e.str("feeling").map(str::to_owned));
            let line = Line::from(vec![
                Span::styled(e.started_at.format("%H:%M ").to_string(), theme.muted()),
                // Inside the border, after "HH:MM ": ends at a word with … when too long.
                Span::raw(crate::journal::summary::cut_at_word(
                    &parts.join(" · "),
                    usize::from(area.width.saturating_sub(8)),
                )),
            ]);
            if n == list.cursor {
                line.style(theme.selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing on this day.",
            theme.muted(),
        )));
    }
    Paragraph::new(lines)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", list.day.format("%a %-d %b %Y"))),
        )
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_cover_the_month_from_the_first_weekday() {
        let nov: NaiveDate = "2026-11-01".parse().unwrap(); // a Sunday
        let monday = Calendar::new(nov, Weekday::Mon).weeks(nov);
        assert_eq!(monday[0][0].to_string(), "2026-10-26");
        assert_eq!(monday.len(), 6);
        let sunday = Calendar::new(nov, Weekday::Sun).weeks(nov);
        assert_eq!(sunday[0][0], nov);
        assert_eq!(sunday.len(), 5);
        assert!(
            sunday
                .last()
                .unwrap()
                .contains(&"2026-11-30".parse().unwrap())
        );
    }
}
