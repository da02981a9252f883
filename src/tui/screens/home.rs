//! The home screen: the practices grouped by their first tag, each with its title and
//! summary, and one gentle line about lately. With a guide under way, its current step is
//! named at the top and the step's practices come first.

use std::path::Path;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

use super::scroll::Scroll;
use crate::journal::summary::cut_at_word;
use crate::practice::model::Practice;
use crate::text::clean;
use crate::tui::action::Action;
use crate::tui::care::Care;
use crate::tui::widgets::{Theme, wrap};

/// Which practice the cursor is on, as an index into `Home::order`.
#[derive(Debug, Clone, Default)]
pub struct Home {
    selected: usize,
    /// Practice indices in the order they are listed (grouped by tag).
    order: Vec<usize>,
    /// The tag heading before each listed practice, where a new group starts.
    headings: Vec<Option<String>>,
    /// How many practices the last drawing had room for: what `PgUp` and `PgDn` move by.
    page: usize,
}

impl Home {
    /// The list of `practices`; `first` (indices into them) are listed first, as the
    /// practices of the guide step under way.
    pub fn new(practices: &[Arc<Practice>], first: &[usize]) -> Home {
        let mut order: Vec<usize> = Vec::new();
        let mut headings = Vec::new();
        for (n, &i) in first.iter().filter(|&&i| i < practices.len()).enumerate() {
            order.push(i);
            headings.push((n == 0).then(|| "this step".to_owned()));
        }
        let mut tags: Vec<&str> = Vec::new();
        for p in practices {
            let tag = first_tag(p);
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        for tag in tags {
            let mut first = true;
            for (i, _) in practices
                .iter()
                .enumerate()
                .filter(|(_, p)| first_tag(p) == tag)
            {
                order.push(i);
                headings.push(first.then(|| clean(tag, false)));
                first = false;
            }
        }
        Home {
            selected: 0,
            order,
            headings,
            page: 1,
        }
    }

    /// Puts the cursor on the practice with `id`, when it is listed.
    pub fn choose(&mut self, practices: &[Arc<Practice>], id: &str) {
        if let Some(at) = self
            .order
            .iter()
            .position(|&i| practices.get(i).is_some_and(|p| p.id == id))
        {
            self.selected = at;
        }
    }

    /// The index (into the library's practices) of the practice under the cursor.
    pub fn selected(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    /// Moves the cursor; Enter is the App's business (it starts the practice).
    pub fn update(&mut self, action: Action) {
        let last = self.order.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::PageUp => self.selected = self.selected.saturating_sub(self.page),
            Action::PageDown => self.selected = (self.selected + self.page).min(last),
            Action::First => self.selected = 0,
            Action::Last => self.selected = last,
            _ => {}
        }
    }
}

/// The home screen over the library's `practices`; `lately` is the line about recent
/// practice, `problems` how many practice files in `practice_folder` could not be used, and
/// `care` says which guide step is under way.
pub struct HomeView<'a> {
    pub practices: &'a [Arc<Practice>],
    pub theme: Theme,
    pub practice_folder: &'a Path,
    pub problems: usize,
    pub care: &'a Care,
    pub lately: &'a str,
}

impl StatefulWidget for HomeView<'_> {
    type State = Home;

    fn render(self, area: Rect, buf: &mut Buffer, home: &mut Home) {
        home.page = self.draw(home, area, buf);
    }
}

impl HomeView<'_> {
    /// Draws `home` and hands back how many practices fit, for the page keys.
    fn draw(&self, home: &Home, area: Rect, buf: &mut Buffer) -> usize {
        let (practices, theme, lately) = (self.practices, self.theme, self.lately);
        let area = area.inner(ratatui::layout::Margin::new(1, 0));
        let folder = clean(&self.practice_folder.display().to_string(), false);
        let note = match self.problems {
            0 => None,
            1 => Some(format!(
                "1 practice file could not be used; `steady practices validate {folder}` says why."
            )),
            n => Some(format!(
                "{n} practice files could not be used; `steady practices validate {folder}` says why."
            )),
        };
        // Wrapped here, so the header is exactly as tall as its rows and the blank row
        // before the first group is never eaten by a long line.
        let mut top: Vec<Line> = Vec::new();
        let mut add = |text: &str, style| {
            for row in wrap(text, usize::from(area.width)) {
                top.push(Line::styled(text[row].trim_end().to_owned(), style));
            }
        };
        add("steady", theme.strong());
        add(lately, theme.text());
        match self.care.guide_under_way() {
            Some((guide, n)) => {
                let title = guide.step(n).map_or("", |s| s.title.as_str());
                add(
                    &format!(
                        "{}, step {n} of {}: {}. g shows the step in full.",
                        clean(&guide.title, false),
                        guide.steps.len(),
                        clean(title, false)
                    ),
                    theme.text(),
                );
            }
            None => add("g guides · p your plans", theme.muted()),
        }
        if let Some(note) = &note {
            add(note, theme.text());
        }
        let rows = u16::try_from(top.len() + 1).unwrap_or(u16::MAX);
        let [head, list] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(1)]).areas(area);
        Paragraph::new(top).render(head, buf);

        let mut lines = Vec::new();
        let mut cursor_line = 0;
        let mut heading_above = false;
        for (row, (&i, heading)) in home.order.iter().zip(&home.headings).enumerate() {
            let Some(p) = practices.get(i) else { continue };
            if let Some(tag) = heading {
                if !lines.is_empty() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(tag.to_uppercase(), theme.muted()));
            }
            let chosen = row == home.selected;
            if chosen {
                cursor_line = lines.len();
                // The first of a group keeps its heading in view, when there is room.
                heading_above = heading.is_some();
            }
            let title = format!(
                "{} {}",
                if chosen { "›" } else { " " },
                clean(&p.title, false)
            );
            let style = if chosen {
                theme.selected()
            } else {
                theme.text()
            };
            lines.push(Line::styled(title, style));
            lines.push(Line::styled(
                format!(
                    "    {}",
                    cut_at_word(
                        &clean(&p.summary, false),
                        usize::from(list.width).saturating_sub(4)
                    )
                ),
                theme.muted(),
            ));
        }
        if lines.is_empty() {
            lines.push(Line::raw(
                "No practices to show. `steady practices` says where they are looked for.",
            ));
        }
        // Keep the chosen practice and its summary in view; the last row says when more
        // practices lie below (or above) the window.
        let height = usize::from(list.height);
        let focus = if heading_above && height >= 3 {
            (cursor_line - 1, 3)
        } else {
            (cursor_line, 2)
        };
        // The window follows the cursor, never the scroll keys.
        let (visible, _) = Scroll::default().window(lines, height, theme, Some(focus));
        Paragraph::new(visible).render(list, buf);
        // Each practice takes two rows (title and summary).
        (height / 2).max(1)
    }
}

fn first_tag(p: &Practice) -> &str {
    p.tags.first().map_or("other", String::as_str)
}
