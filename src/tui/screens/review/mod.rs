//! The review screens: History, Trends and Calendar over the journal, switched with Tab or
//! 1 2 3. They share one [`ReviewData`] (entries, search text, aggregates, the store and
//! undo); each screen keeps its own state and acts on `Action`s from its keymap line
//! (`update`), asks for journal changes and exports as [`Effect`]s that the app carries out
//! in one place (`apply`), and renders by reading state only. A change to the journal
//! becomes a [`Rewrite`], and an export an [`export_dialog::ToExport`], that the app hands
//! to its worker thread ([`Work`]), so review stays live while it waits for another
//! steady's lock; how it went comes back through `rewritten` and `exported`. Review may
//! open on the journal's newest entries only (`is_partial`) until the whole journal is
//! read beside it and `fill`s it in: meanwhile Trends and the Calendar say they are
//! reading, and History's keys that need every entry say they wait for it.

pub mod calendar;
pub mod data;
pub mod entry_detail;
pub mod export_dialog;
pub mod field;
pub mod history;
pub mod locale;
pub mod rewrite;
mod search;
pub mod trends;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Weekday;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, StatefulWidget, Tabs, Widget};

pub use data::ReviewData;
use ratatui::style::Color;
pub use rewrite::{Rewrite, Rewrote};

use crate::clock::Clock;
use crate::config::Config;
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::export::Format;
use crate::journal::lock::Waiting;
use crate::journal::vault::Vault;
use crate::practice::Practice;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{Theme, colour_rgb};

/// The swatch colour for a colour word, or None when colour is off or the word unknown.
fn swatch(theme: Theme, name: &str) -> Option<Color> {
    if theme.color { colour_rgb(name) } else { None }
}

/// The first of `texts` (longest first) that fits in `room` columns; the last one when
/// none does.
fn longest_fitting<'a>(texts: &[&'a str], room: usize) -> &'a str {
    texts
        .iter()
        .find(|t| t.chars().count() <= room)
        .or(texts.last())
        .copied()
        .unwrap_or_default()
}

/// What an action did to a screen: nothing it uses (the review frame may: tabs, leaving),
/// or something it used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Handled,
    Ignored,
}

/// What an action did to a small dialog (a field, a chooser, a question).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step<T> {
    /// Still open.
    Stay,
    /// Closed without a result (Esc, n).
    Back,
    /// Closed with this result.
    Done(T),
}

/// A journal change or an export asked for by a key, carried out by `Review::apply` in the
/// app's one place for side effects.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Delete entry `.0` of `ReviewData::entries` (the very line it was read from).
    Delete(usize),
    /// Put this edit of entry `.0` in its place (an edited answer).
    Save(usize, Box<Entry>),
    Undo,
    /// Write what History shows; `replace` once the person said yes to replacing a file.
    Export {
        format: Format,
        path: PathBuf,
        replace: bool,
    },
}

/// What review hands the app to carry out beside the screen (on its worker), because it
/// reads or writes the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Work {
    /// A delete, edit or undo.
    Rewrite(Rewrite),
    /// An export of what History shows.
    Export(Box<export_dialog::ToExport>),
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
    /// The folder exports go to unless another path is typed: the person's home folder
    /// (where they will look for it), not wherever steady happened to be started.
    pub folder: PathBuf,
    /// What `~` stands for in a typed export path.
    pub home: PathBuf,
}

impl ReviewOptions {
    /// `NO_COLOR`, the time locale's first weekday, and the home folder (where exports
    /// start, and what `~` stands for).
    pub fn from_env() -> Self {
        let home = directories::BaseDirs::new()
            .map_or_else(|| PathBuf::from("."), |b| b.home_dir().to_owned());
        Self {
            theme: Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
            first_weekday: locale::first_weekday(locale::time_locale().as_deref()),
            folder: home.clone(),
            home,
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
    /// Shown while the journal is read (on the app's worker), to be replaced once it is.
    reading: bool,
}

impl Review {
    pub fn new(data: ReviewData, options: ReviewOptions) -> Self {
        let mut review = Self {
            history: history::History::new(&data, options.folder, options.home),
            trends: trends::Trends::default(),
            calendar: calendar::Calendar::new(data.today(), options.first_weekday),
            theme: options.theme,
            tab: Tab::History,
            data,
            reading: false,
        };
        review.fetch();
        review
    }

    /// Fetches the entries the next drawing shows whole, so drawing only reads.
    fn fetch(&mut self) {
        let calendar = (self.tab == Tab::Calendar).then(|| self.calendar.on_screen());
        let wanted: Vec<usize> = self
            .history
            .on_screen()
            .chain(calendar.into_iter().flatten())
            .collect();
        self.data.fetch(wanted);
    }

    /// Review over the journal `vault`, reading it once; the error says why the journal
    /// could not be read.
    pub fn open(
        vault: Arc<dyn Vault>,
        config: &Config,
        practices: impl IntoIterator<Item = Arc<Practice>>,
        clock: Arc<dyn Clock>,
        options: ReviewOptions,
    ) -> Result<Review, VaultError> {
        let read = ReviewData::read(vault.as_ref(), config.day_starts_at)?;
        Ok(Self::over(read, vault, config, practices, clock, options))
    }

    /// Review over what was `read` (on the app's worker) of the journal `vault`.
    pub fn over(
        read: data::Read,
        vault: Arc<dyn Vault>,
        config: &Config,
        practices: impl IntoIterator<Item = Arc<Practice>>,
        clock: Arc<dyn Clock>,
        options: ReviewOptions,
    ) -> Review {
        Review::new(
            ReviewData::over(read, vault, clock, practices)
                .with_placements(config.feelings.clone()),
            options,
        )
    }

    /// Review with nothing to show because the journal could not be read: `why` is said on
    /// the History screen.
    pub fn unavailable(why: String, clock: Arc<dyn Clock>, options: ReviewOptions) -> Review {
        Review::new(ReviewData::failed(why, clock), options)
    }

    /// Review saying `said` (that the journal is being read, and any wait for another
    /// steady's lock) until the app replaces it with the journal read.
    pub fn reading(said: String, clock: Arc<dyn Clock>, options: ReviewOptions) -> Review {
        Review {
            reading: true,
            ..Review::unavailable(said, clock, options)
        }
    }

    /// Whether this review only says the journal is being read.
    pub fn is_reading(&self) -> bool {
        self.reading
    }

    /// Whether it shows only the newest entries while the whole journal is read.
    pub fn is_partial(&self) -> bool {
        self.data.is_partial()
    }

    /// The whole journal, `read` while the newest entries were shown: every screen now
    /// has all of it, with the same entry selected and what was open still open.
    pub fn fill(&mut self, read: data::Read) {
        let kept = self.history.selected_place(&self.data);
        self.data.fill(read);
        self.history.filled(&self.data, kept);
        self.fetch();
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

    /// Acts on one action of the keymap line that matched; journal changes and exports it
    /// asks for are added to `effects`, for `apply`.
    pub fn update(&mut self, action: Action, effects: &mut Vec<Effect>) -> ReviewOutcome {
        let outcome = match self.tab {
            // Trends and the Calendar wait for the whole journal: only the keys that switch
            // screens or leave work there meanwhile.
            Tab::Trends | Tab::Calendar if self.data.is_partial() => Outcome::Ignored,
            Tab::History => self.history.update(action, &self.data, effects),
            Tab::Trends => self.trends.update(action),
            Tab::Calendar => match self.calendar.update(action, &self.data) {
                calendar::Picked::Entry(id) => {
                    // An entry chosen in a day's list opens in History, in full.
                    self.history.open_entry(&id, &self.data);
                    self.tab = Tab::History;
                    Outcome::Handled
                }
                calendar::Picked::Nothing(outcome) => outcome,
            },
        };
        if outcome == Outcome::Handled {
            self.fetch();
            return ReviewOutcome::Continue;
        }
        let at = self.tab.index();
        match action {
            Action::Review(ReviewAction::NextScreen) => self.tab = TABS[(at + 1) % TABS.len()],
            Action::Review(ReviewAction::PreviousScreen) => {
                self.tab = TABS[(at + TABS.len() - 1) % TABS.len()];
            }
            Action::Number(n @ 1..=3) => self.tab = TABS[usize::from(n - 1)],
            // Esc on Trends or Calendar with nothing open goes back to History.
            Action::Review(ReviewAction::Back) => self.tab = Tab::History,
            // Leaving while a change is under way would hide how it ends.
            Action::Review(ReviewAction::Leave) if self.history.is_busy() => {
                self.history.refuse_while_busy();
                self.tab = Tab::History;
            }
            Action::Review(ReviewAction::Leave) => return ReviewOutcome::Exit,
            _ => {}
        }
        self.fetch();
        ReviewOutcome::Continue
    }

    /// Hands back the work one effect `update` asked for (a rewrite of the journal or an
    /// export), for the app to carry out (on its worker, or with `rewrite_here` and
    /// `export_here`) and tell `rewritten` or `exported`.
    #[must_use]
    pub fn apply(&mut self, effect: Effect) -> Option<Work> {
        self.history.apply(effect, &mut self.data)
    }

    /// Carries `work` out on the port the journal was read through, and applies it.
    pub fn work_here(&mut self, work: Work) {
        match work {
            Work::Rewrite(rewrite) => self.rewrite_here(rewrite),
            Work::Export(export) => self.export_here(*export),
        }
    }

    /// Writes `export`, reading the journal through the port it was read through.
    pub fn export_here(&mut self, export: export_dialog::ToExport) {
        let exported = self.data.export_here(export);
        self.exported(exported);
    }

    /// An export ended: History says how.
    pub fn exported(&mut self, exported: export_dialog::Exported) {
        self.history.exported(exported);
    }

    /// Carries `rewrite` out on the port the journal was read through, and applies it.
    pub fn rewrite_here(&mut self, rewrite: Rewrite) {
        let done = self.data.rewrite_here(rewrite);
        self.rewritten(done);
    }

    /// The rewrite or export asked for waits for another steady's lock.
    pub fn waiting(&mut self, waiting: &Waiting) {
        self.history.waiting(waiting);
    }

    /// A rewrite ended: the screens change only when it was carried out.
    pub fn rewritten(&mut self, rewrote: Rewrote) {
        self.history.rewritten(rewrote, &mut self.data);
        self.fetch();
    }

    /// A key as the app would take it: through the keymap of what is on screen, then
    /// `update`, then each effect at once (rewrites and exports here, as with a journal in
    /// memory). For tests and benches that drive review alone.
    pub fn handle(&mut self, key: KeyEvent) -> ReviewOutcome {
        let Some(action) = self.keymap().action(key) else {
            return ReviewOutcome::Continue;
        };
        let mut effects = Vec::new();
        let outcome = self.update(action, &mut effects);
        for effect in effects {
            if let Some(work) = self.apply(effect) {
                self.work_here(work);
            }
        }
        outcome
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
}

/// Review drawn: the tabs and the screen chosen. It reads nothing beside review's own state
/// (its data and theme), so it is made as it is: `frame.render_stateful_widget(ReviewView,
/// area, &mut review)`.
pub struct ReviewView;

impl StatefulWidget for ReviewView {
    type State = Review;

    fn render(self, area: Rect, buf: &mut Buffer, review: &mut Review) {
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
            .select(review.tab.index())
            .style(review.theme.muted())
            .highlight_style(review.theme.selected())
            .render(tabs, buf);
        let (data, theme) = (&review.data, review.theme);
        if data.is_partial() && review.tab != Tab::History {
            let what = if review.tab == Tab::Trends {
                "Trends are drawn"
            } else {
                "The calendar is drawn"
            };
            let said = format!(
                "Reading the rest of the journal… {what} once every entry is read; History shows the newest meanwhile."
            );
            let lines = crate::tui::screens::lines::wrap_lines(
                &said,
                usize::from(body.width),
                theme.muted(),
            );
            Paragraph::new(lines).render(body, buf);
            return;
        }
        match review.tab {
            Tab::History => {
                history::HistoryView { data, theme }.render(body, buf, &mut review.history);
            }
            Tab::Trends => trends::TrendsView {
                trends: &review.trends,
                data,
                theme,
            }
            .render(body, buf),
            Tab::Calendar => calendar::CalendarView {
                calendar: &review.calendar,
                data,
                theme,
            }
            .render(body, buf),
        }
    }
}

/// A completed entry of practice "p" (08:00:00 to 08:01:05) with these responses, for the
/// review screens' unit tests.
#[cfg(test)]
fn test_entry(responses: serde_json::Value) -> crate::journal::entry::Entry {
    let mut entry = serde_json::json!({
        "v": 1, "id": "X", "practice": "p", "title": "P",
        "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:01:05+01:00",
        "completed": true, "via": "tui",
    });
    entry["responses"] = responses;
    serde_json::from_value(entry).unwrap()
}
