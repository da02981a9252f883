//! Drawing History: the filters line, the table (only the rows on screen), the entry in
//! full, the field or question at the bottom, and the practice and tag chooser. Only reads
//! state; the table's window the drawing found is handed back to keep.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell as TableCell, Paragraph, Row, StatefulWidget, Table, Widget};

use super::date::DateView;
use super::edit::AnswerEditView;
use super::picker::PickerView;
use super::search::SearchView;
use super::{History, Mode};
use crate::journal::entry::Entry;
use crate::journal::query::Filter;
use crate::tui::screens::lines::{cut_line, wrap_lines};
use chrono::NaiveTime;

use crate::journal::query::day_of;
use crate::journal::signals::CHECK_IN;
use crate::journal::summary::{SCALE_MAX, Summary, cut_at_word, summarise};
use crate::tui::screens::review::data::ReviewData;
use crate::tui::screens::review::entry_detail::EntryDetailView;
use crate::tui::screens::review::export_dialog::ExportView;
use crate::tui::screens::review::swatch;
use crate::tui::widgets::Theme;

/// The width of the wide table's feeling column.
const FEELING_W: u16 = 10;

/// How many rows are fetched whole at least, whatever the last drawing's height: the
/// first frame's table, and a window made taller since, show entries in full.
pub(super) const FETCH_LEAST: usize = 64;

/// History over review's `data`.
pub struct HistoryView<'a> {
    pub data: &'a ReviewData,
    pub theme: Theme,
}

impl StatefulWidget for HistoryView<'_> {
    type State = History;

    fn render(self, area: Rect, buf: &mut Buffer, history: &mut History) {
        if let Some(window) = history.draw(self.data, self.theme, area, buf) {
            history.window = window;
        }
    }
}

/// The table's window: the first row drawn, and how many rows fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Window {
    pub offset: usize,
    pub page: usize,
}

impl History {
    /// Draws History; hands back the table's window when the table was drawn.
    fn draw(
        &self,
        data: &ReviewData,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) -> Option<Window> {
        // The status line grows (up to 4 rows) to show a long sentence whole: the wait for
        // another steady, or why a change was not made.
        let status = self.status(theme);
        let rows = status.as_ref().map_or(1, |(text, style)| {
            wrap_lines(text, usize::from(area.width), *style)
                .len()
                .clamp(1, 4)
        });
        let [top, body, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(u16::try_from(rows).unwrap_or(1)),
        ])
        .areas(area);
        self.render_filters(data, theme, top, buf);
        let over_entry = matches!(
            self.mode,
            Mode::Detail | Mode::Edit(_) | Mode::ConfirmDelete { detail: true }
        );
        let mut window = None;
        if over_entry {
            if let Some(entry) = self.selected(data) {
                let practice = data.practice(&entry.practice);
                EntryDetailView {
                    entry: &entry,
                    practice,
                    day_starts_at: data.day_starts_at(),
                    theme,
                }
                .render(body, buf);
                if let Mode::Edit(edit) = &self.mode {
                    AnswerEditView {
                        edit,
                        practice,
                        theme,
                    }
                    .render(body, buf);
                }
            }
        } else {
            window = self.render_table(data, theme, body, buf);
        }
        self.render_bottom(data, status, theme, bottom, buf);
        match &self.mode {
            Mode::Practices(picker) => PickerView {
                picker,
                ids: &data.aggregates().per_practice,
                theme,
            }
            .render(body, buf),
            Mode::Export(dialog) => ExportView {
                dialog,
                exporting: self.busy_line().as_deref(),
                theme,
            }
            .render(body, buf),
            _ => {}
        }
        window
    }

    /// "12 of 300 · practice: … · text: …  (Esc clears)".
    fn filter_spans(&self, total: usize, theme: Theme) -> Vec<Span<'static>> {
        let mut spans = vec![Span::styled(
            format!("{} of {total}", self.visible.len()),
            theme.muted(),
        )];
        for part in describe(&self.filter, &self.search) {
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(part, theme.strong()));
        }
        spans.push(Span::styled("  (Esc clears)", theme.muted()));
        spans
    }

    fn render_filters(&self, data: &ReviewData, theme: Theme, area: Rect, buf: &mut Buffer) {
        let total = data.rows().len();
        if data.is_partial() {
            // Only the newest are held: no count of the whole journal yet, and no count of
            // its unreadable lines.
            let line = Span::styled(
                format!(
                    "Newest {total} entr{} · Reading the rest of the journal…",
                    if total == 1 { "y" } else { "ies" }
                ),
                theme.muted(),
            );
            Paragraph::new(cut_line(vec![line], usize::from(area.width))).render(area, buf);
            return;
        }
        let mut spans = if self.filtered() {
            self.filter_spans(total, theme)
        } else {
            vec![Span::styled(
                format!("All {total} entr{}", if total == 1 { "y" } else { "ies" }),
                theme.muted(),
            )]
        };
        if data.unreadable() > 0 {
            spans.push(Span::styled(
                format!(
                    " · {} unreadable line{} left as they are (steady doctor explains)",
                    data.unreadable(),
                    if data.unreadable() == 1 { "" } else { "s" }
                ),
                theme.muted(),
            ));
        }
        if data.problem().is_some() {
            // Said in full where the table would be.
            spans = Vec::new();
        } else if total == 0 && data.unreadable() == 0 {
            spans = vec![Span::styled(
                "No entries yet. Practices you finish will appear here.",
                theme.muted(),
            )];
        }
        Paragraph::new(cut_line(spans, usize::from(area.width))).render(area, buf);
    }

    /// The window when `rows_fit` rows fit: the selected row stays in view, moving the
    /// window as little as it can. Kept for the next frame and for PgUp/PgDn.
    pub(super) fn scroll_to_selected(&self, rows_fit: usize) -> Window {
        let mut offset = self.window.offset;
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + rows_fit {
            offset = self.selected + 1 - rows_fit;
        }
        offset = offset.min(self.visible.len().saturating_sub(rows_fit));
        Window {
            offset,
            page: rows_fit,
        }
    }

    /// Draws the table; hands back its window when it has rows.
    fn render_table(
        &self,
        data: &ReviewData,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) -> Option<Window> {
        if area.height == 0 {
            return None;
        }
        if self.visible.is_empty() {
            // Why the journal could not be read (or that it is being read), wrapped whole.
            if let Some(problem) = data.problem() {
                let lines = wrap_lines(problem, usize::from(area.width), theme.strong());
                Paragraph::new(lines).render(area, buf);
                return None;
            }
            let text = if data.rows().is_empty() {
                ""
            } else {
                "No entries match these filters. Esc clears them."
            };
            Paragraph::new(Span::styled(text, theme.muted())).render(area, buf);
            return None;
        }
        let rows_fit = usize::from(area.height.saturating_sub(1)).max(1);
        let window = self.scroll_to_selected(rows_fit);
        let offset = window.offset;

        let wide = area.width >= 72;
        // Narrow windows drop the year and shorten the practice, so answers still show.
        let narrow = area.width < 60;
        let (when_w, when_fmt) = if narrow {
            (11, "%m-%d %H:%M")
        } else {
            (16, "%Y-%m-%d %H:%M")
        };
        let practice_w = match area.width {
            110.. => 28,
            60.. => 18,
            _ => 12,
        };
        // The check-in's level is how strong the feeling is, on a scale of 5.
        let (strength_w, strength_header) = if narrow { (3, "Str") } else { (8, "Strength") };
        let mut widths = vec![
            Constraint::Length(when_w),
            Constraint::Length(practice_w),
            Constraint::Length(strength_w),
        ];
        let mut header = vec!["When", "Practice", strength_header];
        if wide {
            widths.extend([Constraint::Length(10), Constraint::Length(FEELING_W)]);
            header.extend(["Colour", "Feeling"]);
        }
        // What is left for the last column, so its text can end at a word.
        let fixed: u16 = widths
            .iter()
            .map(|c| match c {
                Constraint::Length(n) => n + 1,
                _ => 0,
            })
            .sum();
        let answers_w = usize::from(area.width.saturating_sub(fixed));
        widths.push(Constraint::Fill(1));
        header.push("Answers");
        // The answers with columns of their own are left out of the last one.
        let shown: &[&str] = if wide {
            &["level", "colour", "feeling"]
        } else {
            &["level"]
        };
        let layout = Columns {
            when_fmt,
            practice_w,
            narrow,
            wide,
            answers_w,
        };

        let rows = self
            .visible
            .iter()
            .skip(offset)
            .take(rows_fit)
            .enumerate()
            .map(|(i, index)| {
                // A row not fetched yet (a window made taller since the last key) shows
                // what the row itself knows.
                let cells = data.entry(index).map_or_else(
                    || {
                        let row = &data.rows()[index];
                        let id = data.practice_of(row);
                        let title = data.practice(id).map_or(id, |p| &p.title);
                        vec![
                            TableCell::from(row.started_at.format(when_fmt).to_string()),
                            TableCell::from(cut_at_word(title, usize::from(practice_w))),
                        ]
                    },
                    |entry| entry_cells(entry, data, theme, shown, layout),
                );
                let row = Row::new(cells);
                if offset + i == self.selected {
                    row.style(theme.selected())
                } else {
                    row
                }
            });
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.strong()))
            .column_spacing(1);
        Widget::render(table, area, buf);
        Some(window)
    }

    /// What the status line says when no field or question is there: "Saving…" or
    /// "Exporting…" (and whom it waits for) while a change or an export is under way (the
    /// export dialog says it itself), else the last message; and its style.
    fn status(&self, theme: Theme) -> Option<(String, Style)> {
        let busy = self.busy_line();
        match (&self.mode, busy) {
            (Mode::Search(_) | Mode::Date(_) | Mode::ConfirmDelete { .. }, _) => None,
            // Drawn before a write that may take a moment on a large journal, after what a
            // key pressed meanwhile said (a change refused until this one is through).
            (mode, Some(saving)) if !matches!(mode, Mode::Export(_)) => Some(match &self.message {
                Some(said) => (format!("{said} {saving}"), theme.strong()),
                None => (saving, theme.muted()),
            }),
            _ => Some((self.message.clone().unwrap_or_default(), theme.strong())),
        }
    }

    fn render_bottom(
        &self,
        data: &ReviewData,
        status: Option<(String, Style)>,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let line = match &self.mode {
            Mode::Search(field) => return SearchView { field, theme }.render(area, buf),
            Mode::Date(field) => return DateView { field, theme }.render(area, buf),
            Mode::ConfirmDelete { .. } => {
                let what = self
                    .selected(data)
                    .map(|e| format!("{} from {}", e.title, e.started_at.format("%Y-%m-%d %H:%M")))
                    .unwrap_or_default();
                Line::from(Span::styled(
                    format!("Delete {what}? y deletes (u brings it back), n keeps it."),
                    theme.strong(),
                ))
            }
            _ => {
                let (text, style) = status.unwrap_or_default();
                let lines = wrap_lines(&text, usize::from(area.width), style);
                return Paragraph::new(lines).render(area, buf);
            }
        };
        Paragraph::new(line).render(area, buf);
    }
}

/// How the table's columns are laid out at this width.
#[derive(Clone, Copy)]
struct Columns {
    when_fmt: &'static str,
    practice_w: u16,
    narrow: bool,
    wide: bool,
    answers_w: usize,
}

/// One entry's cells in the table.
fn entry_cells(
    entry: &Entry,
    data: &ReviewData,
    theme: Theme,
    shown: &[&str],
    layout: Columns,
) -> Vec<TableCell<'static>> {
    let mut cells = vec![
        TableCell::from(entry.started_at.format(layout.when_fmt).to_string()),
        TableCell::from(cut_at_word(&entry.title, usize::from(layout.practice_w))),
        TableCell::from(strength(entry, layout.narrow)),
    ];
    if layout.wide {
        cells.push(colour_cell(entry.str("colour"), theme));
        // A word longer than its column ends with `…`, never clipped mid-word.
        cells.push(TableCell::from(cut_at_word(
            entry.str("feeling").unwrap_or_default(),
            usize::from(FEELING_W),
        )));
    }
    // Another practice's `level` is its own scale: it stays with the answers.
    let own: Vec<&str>;
    let shown = if entry.practice == CHECK_IN {
        shown
    } else {
        own = shown.iter().copied().filter(|k| *k != "level").collect();
        &own
    };
    let text = answers_and_note(entry, shown, data.day_starts_at());
    cells.push(TableCell::from(cut_at_word(&text, layout.answers_w)));
    cells
}

/// The filters in words, for the line above the table.
fn describe(filter: &Filter, search: &str) -> Vec<String> {
    let mut parts = Vec::new();
    if !filter.practices.is_empty() {
        parts.push(format!("practice: {}", filter.practices.join(", ")));
    }
    if !filter.tags.is_empty() {
        parts.push(format!("tag: {}", filter.tags.join(", ")));
    }
    match (filter.since, filter.until) {
        (Some(s), Some(u)) => parts.push(format!("days: {s} to {u}")),
        (Some(s), None) => parts.push(format!("from {s}")),
        (None, Some(u)) => parts.push(format!("until {u}")),
        (None, None) => {}
    }
    if !search.trim().is_empty() {
        parts.push(format!("text: \"{}\"", search.trim()));
    }
    parts
}

/// The last column: for an entry after midnight the day it counts for, then the tags, the
/// answers without a column of their own in a few words (the same words as `steady log`),
/// then the start of the note.
fn answers_and_note(entry: &Entry, shown: &[&str], day_starts_at: NaiveTime) -> String {
    let Summary {
        mut answers,
        tags,
        note,
    } = summarise(entry, shown);
    // Tags first: they are short, and what the chooser filters by.
    if !tags.is_empty() {
        let gap = if answers.is_empty() { "" } else { " · " };
        answers = format!("tags: {tags}{gap}{answers}");
    }
    let note = note.lines().next().unwrap_or_default();
    let text = match (answers.is_empty(), note.is_empty()) {
        (false, false) => format!("{answers} — {note}"),
        (false, true) => answers,
        _ => note.to_owned(),
    };
    let day = day_of(entry.started_at, day_starts_at);
    if day == entry.started_at.date_naive() {
        text
    } else {
        format!("(for {}) {text}", day.format("%-d %b"))
    }
}

/// The check-in's level, how strong the feeling is, on its scale ("3 of 5"; just "3" where
/// the window is narrow and the header says "Str").
fn strength(entry: &Entry, narrow: bool) -> String {
    if entry.practice != CHECK_IN {
        return String::new();
    }
    match entry.int("level") {
        Some(level) if narrow => level.to_string(),
        Some(level) => format!("{level} of {SCALE_MAX}"),
        None => String::new(),
    }
}

/// A colour answer as a small swatch and its name (just the name without colour).
fn colour_cell(colour: Option<&str>, theme: Theme) -> TableCell<'static> {
    let Some(name) = colour else {
        return TableCell::from("");
    };
    let swatch = match swatch(theme, name) {
        Some(c) => Span::styled("██", Style::default().fg(c)),
        None => Span::raw(""),
    };
    let gap = if swatch.content.is_empty() { "" } else { " " };
    TableCell::from(Line::from(vec![swatch, Span::raw(format!("{gap}{name}"))]))
}
