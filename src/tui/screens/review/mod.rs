//! The review screens: History, Trends and Calendar over the journal, switched with Tab or
//! 1 2 3. They share one [`ReviewData`] (entries, search text, aggregates, the store and
//! undo); each screen keeps its own state, handles keys, and renders by reading state only.

pub mod calendar;
pub mod data;
pub mod entry_detail;
pub mod export_dialog;
pub mod history;
pub mod input;
pub mod locale;
mod search;
pub mod store;
pub mod trends;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Weekday;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Tabs, Widget};

pub use data::ReviewData;
use ratatui::style::Color;
pub use store::{FileStore, JournalStore, MemoryStore};

use crate::clock::Clock;
use crate::config::Config;
use crate::journal::Store;
use crate::practice::Practice;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{Theme, colour_rgb};

/// The swatch colour for a colour word, or None when colour is off or the word unknown.
fn swatch(theme: Theme, name: &str) -> Option<Color> {
    if theme.color { colour_rgb(name) } else { None }
}

/// Whether a screen used a key, or leaves it to the review frame (tabs, leaving).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Handled,
    Ignored,
}

/// What review asks of whoever opened it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewOutcome {
    Continue,
    /// Leave review (back to home, or out when opened by `steady review`).
    Exit,
}

/// The three screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    History,
    Trends,
    Calendar,
}

const TABS: [Tab; 3] = [Tab::History, Tab::Trends, Tab::Calendar];

impl Tab {
    fn title(self) -> &'static str {
        match self {
            Tab::History => "1 History",
            Tab::Trends => "2 Trends",
            Tab::Calendar => "3 Calendar",
        }
    }

    fn index(self) -> usize {
        TABS.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// How review looks and where it puts exports; from the environment in the app.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    pub theme: Theme,
    pub first_weekday: Weekday,
    /// The folder exports go to unless another path is typed.
    pub home: PathBuf,
}

impl ReviewOptions {
    /// `NO_COLOR`, the time locale's first weekday, and the home folder.
    pub fn from_env() -> Self {
        Self {
            theme: Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
            first_weekday: locale::first_weekday(locale::time_locale().as_deref()),
            home: directories::BaseDirs::new()
                .map(|b| b.home_dir().to_owned())
                .unwrap_or_else(|| PathBuf::from(".")),
        }
    }
}

/// The review screens and their shared data.
pub struct Review {
    data: ReviewData,
    tab: Tab,
    theme: Theme,
    history: history::History,
    trends: trends::Trends,
    calendar: calendar::Calendar,
}

impl Review {
    pub fn new(data: ReviewData, options: ReviewOptions) -> Self {
        Self {
            history: history::History::new(&data, options.home),
            trends: trends::Trends::default(),
            calendar: calendar::Calendar::new(data.today(), options.first_weekday),
            theme: options.theme,
            tab: Tab::History,
            data,
        }
    }

    /// Review over the journal file at `journal`, reading it once; the error is one sentence
    /// for the person (the journal could not be read).
    pub fn open(
        journal: &Path,
        config: &Config,
        practices: impl IntoIterator<Item = Arc<Practice>>,
        clock: Arc<dyn Clock>,
        options: ReviewOptions,
    ) -> Result<Review, String> {
        let store = FileStore::new(Store::new(journal).with_clock(clock.clone()));
        let data = ReviewData::load(Box::new(store), clock, config.day_starts_at, practices)?;
        Ok(Review::new(data, options))
    }

    /// Review with nothing to show because the journal could not be read: `why` is said on
    /// the History screen.
    pub fn unavailable(why: String, clock: Arc<dyn Clock>, options: ReviewOptions) -> Review {
        Review::new(ReviewData::failed(why, clock), options)
    }

    pub fn data(&self) -> &ReviewData {
        &self.data
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn history(&self) -> &history::History {
        &self.history
    }

    pub fn calendar(&self) -> &calendar::Calendar {
        &self.calendar
    }

    pub fn handle(&mut self, key: KeyEvent) -> ReviewOutcome {
        if key.kind == KeyEventKind::Release {
            return ReviewOutcome::Continue;
        }
        let outcome = match self.tab {
            Tab::History => self.history.handle(key, &self.data),
            Tab::Trends => self.trends.handle(key),
            Tab::Calendar => self.calendar.handle(key, &self.data),
        };
        if outcome == Outcome::Handled {
            return ReviewOutcome::Continue;
        }
        let at = self.tab.index();
        match key.code {
            KeyCode::Tab => self.tab = TABS[(at + 1) % TABS.len()],
            KeyCode::BackTab => self.tab = TABS[(at + TABS.len() - 1) % TABS.len()],
            KeyCode::Char(c @ '1'..='3') => self.tab = TABS[usize::from(c as u8 - b'1')],
            KeyCode::Char('q') | KeyCode::Esc => return ReviewOutcome::Exit,
            _ => {}
        }
        ReviewOutcome::Continue
    }

    /// Carries out the journal change or export the last key asked for (the app calls this
    /// after every update, its one place for side effects).
    /// Whether a write (delete, edit, undo, export) is waiting for `perform`.
    pub fn has_pending(&self) -> bool {
        self.history.has_pending()
    }

    pub fn perform(&mut self) {
        self.history.perform(&mut self.data);
    }

    /// The keys that work now: they decide which keys the app passes on, and feed the
    /// footer and `?`.
    pub fn keymap(&self) -> Keymap {
        match self.tab {
            Tab::History => self.history.keymap(),
            Tab::Trends => self.trends.keymap(),
            Tab::Calendar => self.calendar.keymap(),
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) {
        if area.width < 20 || area.height < 5 {
            Paragraph::new("Make the window larger to review.")
                .wrap(ratatui::widgets::Wrap { trim: true })
                .render(area, buf);
            return;
        }
        // The key hints below are the app's one footer, drawn from `keymap()`.
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        Tabs::new(TABS.iter().map(|t| t.title()))
            .select(self.tab.index())
            .style(self.theme.muted())
            .highlight_style(self.theme.selected())
            .render(tabs, buf);
        match self.tab {
            Tab::History => self.history.render(&self.data, self.theme, body, buf),
            Tab::Trends => self.trends.render(&self.data, self.theme, body, buf),
            Tab::Calendar => self.calendar.render(&self.data, self.theme, body, buf),
        }
    }
}

/// A completed entry of practice "p" (08:00:00 to 08:01:05) with these responses, for the
/// review screens' unit tests.
#[cfg(test)]
fn test_entry(responses: serde_json::Value) -> crate::journal::entry::Entry {
    serde_json::from_value(serde_json::json!({
        "v": 1, "id": "X", "practice": "p", "title": "P",
        "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:01:05+01:00",
        "completed": true, "via": "tui", "responses": responses,
    }))
    .unwrap()
}
