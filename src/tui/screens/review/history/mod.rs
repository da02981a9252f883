//! History: every entry, newest first, in a table that fits the width, with combined
//! filters (practice, tag, date range, text), the entry in full on Enter, delete and edit
//! through the store with undo, and export of what the filters show.
//!
//! The table's own keys are handled here; each thing opened over it (the search field, a
//! day field, the practice chooser, the delete question, the answer editor, the export
//! dialog) is a small handler in a file of its own, reporting back as a `Step`.
//!
//! Only the rows on screen are built each frame, and the filtered list is recomputed only
//! when a filter or the journal changes, so a key costs the same at 100 entries or 100,000.

use std::path::PathBuf;

mod confirm;
mod date;
mod edit;
mod picker;
mod search;
mod view;

pub use view::HistoryView;
use view::Window;

use super::data::{ReviewData, Row};
use super::export_dialog::{self, Export, ExportDialog, Exported, ToExport};
use super::search::tags as entry_tags;
use super::{Effect, Outcome, Step, Work};
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::export::target::Existing;
use crate::journal::lock::Waiting;
use crate::journal::query::Filter;
use crate::journal::vault::EntryRef;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::keymap::Keymap;
use crate::tui::screens::practice::recorded;
use crate::tui::screens::review::rewrite::{Rewrite, Rewrote};
use date::DateField;
use edit::AnswerEdit;
use picker::{Chosen, Picker};
use search::SearchField;

/// The rows the filters show, as indices into `ReviewData::rows`, newest first: 4 bytes
/// each (rows past the four billionth are never shown), so a million shown cost 4 MB.
#[derive(Debug, Clone, Default)]
struct Shown(Vec<u32>);

impl Shown {
    fn get(&self, at: usize) -> Option<usize> {
        self.0.get(at).map(|&i| i as usize)
    }

    fn iter(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.0.iter().map(|&i| i as usize)
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What History is doing with the keys: the table, or one small handler on top of it.
#[derive(Debug, Clone)]
enum Mode {
    Browse,
    /// The selected entry in full.
    Detail,
    Search(SearchField),
    Date(DateField),
    Practices(Picker),
    /// Delete the selected entry? `detail`: asked from the entry in full.
    ConfirmDelete {
        detail: bool,
    },
    /// Editing the selected entry's text answers, over the entry in full.
    Edit(AnswerEdit),
    Export(ExportDialog),
}

/// What History asked for that is not through yet: one at a time, so nothing is done
/// twice or lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Busy {
    /// A delete, edit or undo.
    Change,
    Export,
}

impl Busy {
    /// What is said while it is under way.
    fn doing(self) -> &'static str {
        match self {
            Busy::Change => "Saving…",
            Busy::Export => "Exporting…",
        }
    }
}

/// The History screen's state.
#[derive(Debug, Clone)]
pub struct History {
    /// Practice, tag and date filters (the search is kept apart, in `search`).
    filter: Filter,
    /// The text search as typed.
    search: String,
    /// Indices into `ReviewData::entries` that pass the filter, newest first.
    visible: Shown,
    /// The data generation `visible` was computed from.
    generation: u64,
    selected: usize,
    /// The table's window as the last drawing left it: only the drawing knows the height,
    /// so the view keeps what it found (the scroll stays put until the selection leaves the
    /// page, and PgUp/PgDn move by a page).
    window: Window,
    mode: Mode,
    message: Option<String>,
    /// The folder exports start in, and what `~` stands for.
    folder: PathBuf,
    home: PathBuf,
    /// An effect was asked for and is not through yet ("Saving…" or "Exporting…" is drawn
    /// meanwhile).
    busy: Option<Busy>,
    /// The rewrite or export under way waits for another steady's lock.
    waiting: Option<Waiting>,
}

impl History {
    pub fn new(data: &ReviewData, folder: PathBuf, home: PathBuf) -> Self {
        let mut h = Self {
            filter: Filter::default(),
            search: String::new(),
            visible: Shown::default(),
            generation: 0,
            selected: 0,
            window: Window {
                offset: 0,
                page: 10,
            },
            mode: Mode::Browse,
            message: None,
            folder,
            home,
            busy: None,
            waiting: None,
        };
        h.refilter(data);
        h
    }

    /// The filters in force.
    pub fn filter(&self) -> Filter {
        let search = self.search.trim();
        Filter {
            search: (!search.is_empty()).then(|| search.to_owned()),
            ..self.filter.clone()
        }
    }

    /// Whether any filter is set.
    fn filtered(&self) -> bool {
        self.filter != Filter::default() || !self.search.trim().is_empty()
    }

    /// The rows the filters show, newest first.
    pub fn shown<'a>(&self, data: &'a ReviewData) -> impl Iterator<Item = &'a Row> {
        self.visible.iter().filter_map(|i| data.rows().get(i))
    }

    /// The selected row, if any.
    fn selected_row<'a>(&self, data: &'a ReviewData) -> Option<&'a Row> {
        self.visible
            .get(self.selected)
            .and_then(|i| data.rows().get(i))
    }

    /// The selected entry in full, if any (it is fetched once on screen).
    pub fn selected(&self, data: &ReviewData) -> Option<Entry> {
        self.selected_entry(data).cloned()
    }

    fn selected_entry<'a>(&self, data: &'a ReviewData) -> Option<&'a Entry> {
        data.entry(self.visible.get(self.selected)?)
    }

    /// The rows the next drawing shows (and a page more, for a taller window), as indices
    /// into `ReviewData::rows`: what is fetched whole before it is drawn.
    pub fn on_screen(&self) -> impl Iterator<Item = usize> + '_ {
        let page = self.window.page.max(view::FETCH_LEAST);
        let offset = self.scroll_to_selected(self.window.page.max(1)).offset;
        self.visible.iter().skip(offset).take(page)
    }

    /// Recomputes the filtered list, keeping the same entry selected when it is still shown.
    fn refilter(&mut self, data: &ReviewData) {
        let keep = self.selected_row(data).map(|r| r.id.to_string());
        self.select_after_refilter(data, keep.as_deref());
    }

    fn select_after_refilter(&mut self, data: &ReviewData, id: Option<&str>) {
        let all = 0..data.rows().len();
        self.filter_from(data, all, id);
    }

    /// Applies the filters to `candidates` (indices, newest first) only; a search that grew
    /// by a character can only narrow what is shown, so it need not theme at the rest.
    fn filter_from(
        &mut self,
        data: &ReviewData,
        candidates: impl Iterator<Item = usize>,
        id: Option<&str>,
    ) {
        let day_starts_at = data.day_starts_at();
        let needle = self.search.trim().to_lowercase();
        let others = &self.filter;
        let rows = data.rows();
        // Made at the most it can hold, so a million rows are not copied as it grows (the
        // room a filter leaves unused is never written, so never held in memory).
        let mut visible = Vec::with_capacity(candidates.size_hint().1.unwrap_or_default());
        let shown = candidates.filter(|&i| {
            let text = data.search_text(i);
            (needle.is_empty() || text.contains(&needle))
                && others.matches_tags(entry_tags(text))
                && rows.get(i).is_some_and(|r| {
                    others.matches_place(data.practice_of(r), r.started_at, day_starts_at)
                })
        });
        visible.extend(shown.filter_map(|i| u32::try_from(i).ok()));
        self.visible = Shown(visible);
        self.generation = data.generation();
        let found = id.and_then(|id| {
            self.visible
                .iter()
                .position(|i| rows.get(i).is_some_and(|r| r.id == *id))
        });
        self.selected = found
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Opens entry `id` in full, clearing filters that hide it (from the Calendar).
    pub fn open_entry(&mut self, id: &str, data: &ReviewData) {
        if self.generation != data.generation() {
            self.refilter(data);
        }
        let shown = |h: &Self| {
            h.visible
                .iter()
                .any(|i| data.rows().get(i).is_some_and(|r| r.id == *id))
        };
        if !shown(self) {
            self.filter = Filter::default();
            self.search.clear();
        }
        self.select_after_refilter(data, Some(id));
        self.mode = Mode::Detail;
    }

    pub fn update(
        &mut self,
        action: Action,
        data: &ReviewData,
        effects: &mut Vec<Effect>,
    ) -> Outcome {
        if self.generation != data.generation() {
            self.refilter(data);
        }
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        self.mode = match mode {
            Mode::Browse => return self.browse(action, data, effects),
            Mode::Detail => return self.detail(action, data, effects),
            Mode::Search(mut field) => match field.update(action) {
                Step::Stay => {
                    self.search_typed(field.text().to_owned(), data);
                    Mode::Search(field)
                }
                Step::Done(_) => Mode::Browse,
                Step::Back => {
                    field.before().clone_into(&mut self.search);
                    self.refilter(data);
                    Mode::Browse
                }
            },
            Mode::Date(field) => self.dating(field, action, data),
            Mode::Practices(mut picker) => {
                match picker.update(action, &data.aggregates().per_practice) {
                    Step::Stay => Mode::Practices(picker),
                    Step::Done(Chosen { practices, tags }) => {
                        self.filter.practices = practices;
                        self.filter.tags = tags;
                        self.refilter(data);
                        Mode::Browse
                    }
                    Step::Back => Mode::Browse,
                }
            }
            Mode::ConfirmDelete { detail } => match confirm::answer(action) {
                Step::Stay => Mode::ConfirmDelete { detail },
                Step::Done(()) => {
                    if let Some(at) = self.visible.get(self.selected) {
                        self.ask(effects, Effect::Delete(at));
                    }
                    Mode::Browse
                }
                Step::Back => {
                    self.message = Some("Kept.".into());
                    if detail { Mode::Detail } else { Mode::Browse }
                }
            },
            Mode::Edit(mut edit) => {
                let (Some(at), Some(entry)) =
                    (self.visible.get(self.selected), self.selected(data))
                else {
                    return Outcome::Handled;
                };
                match edit.update(action, &entry, data.practice(&entry.practice)) {
                    Step::Stay => Mode::Edit(edit),
                    Step::Done(None) => {
                        self.message = Some("Nothing changed.".into());
                        Mode::Detail
                    }
                    Step::Done(Some(_)) if self.busy.is_some() => {
                        self.refuse_while_busy();
                        Mode::Edit(edit)
                    }
                    Step::Done(Some(edited)) => {
                        // The editor stays open until the save is through, so nothing
                        // typed is lost if it fails.
                        self.ask(effects, Effect::Save(at, Box::new(edited)));
                        Mode::Edit(edit)
                    }
                    Step::Back => Mode::Detail,
                }
            }
            Mode::Export(dialog) => self.export_dialog(dialog, action, effects),
        };
        Outcome::Handled
    }

    /// The export dialog's answer to `action`: an export asked for keeps the dialog open
    /// until it is written, so a failure can be said there (Esc closes it meanwhile, and
    /// how it went is said below the table).
    fn export_dialog(
        &mut self,
        mut dialog: ExportDialog,
        action: Action,
        effects: &mut Vec<Effect>,
    ) -> Mode {
        match dialog.update(action) {
            Step::Stay => Mode::Export(dialog),
            Step::Back => Mode::Browse,
            Step::Done(_) if self.busy.is_some() => {
                self.refuse_while_busy();
                Mode::Export(dialog)
            }
            Step::Done(Export {
                format,
                path,
                replace,
            }) => {
                self.ask(
                    effects,
                    Effect::Export {
                        format,
                        path,
                        replace,
                    },
                );
                Mode::Export(dialog)
            }
        }
    }

    /// Asks for `effect`, drawing "Saving…" (or "Exporting…") until it is through. Entries
    /// are named by their place in the data, so nothing else that changes the journal is
    /// taken until then (a burst of keys arrives before the app carries anything out).
    fn ask(&mut self, effects: &mut Vec<Effect>, effect: Effect) {
        self.busy = Some(match effect {
            Effect::Export { .. } => Busy::Export,
            Effect::Delete(_) | Effect::Save(..) | Effect::Undo => Busy::Change,
        });
        self.message = None;
        effects.push(effect);
    }

    /// Whether a change or an export asked for is not through yet.
    pub fn is_busy(&self) -> bool {
        self.busy.is_some()
    }

    /// A key that would change the journal, export again, or leave review while a change
    /// or an export is under way: one at a time, so nothing is done twice or lost.
    pub fn refuse_while_busy(&mut self) {
        self.message = Some(match self.busy {
            Some(Busy::Export) => "Still exporting; try again once it is through.".into(),
            _ => "Still saving the last change; try again once it is through.".into(),
        });
    }

    /// What is under way, and whom it waits for, as said on screen.
    fn busy_line(&self) -> Option<String> {
        let doing = self.busy?.doing();
        Some(self.waiting.as_ref().map_or_else(
            || doing.to_owned(),
            |waiting| recorded::waiting_line(doing, waiting),
        ))
    }

    /// The search changed as it was typed: a search that grew can only narrow what is
    /// shown, so only the rows shown now are looked at again.
    /// A key in the date field: a day chosen becomes the filter's first or last day.
    fn dating(&mut self, mut field: DateField, action: Action, data: &ReviewData) -> Mode {
        match field.update(action, data.today()) {
            Step::Stay => Mode::Date(field),
            Step::Done(day) => {
                if field.until {
                    self.filter.until = day;
                } else {
                    self.filter.since = day;
                }
                self.refilter(data);
                Mode::Browse
            }
            Step::Back => Mode::Browse,
        }
    }

    fn search_typed(&mut self, typed: String, data: &ReviewData) {
        if typed == self.search {
            return;
        }
        let old = self.search.trim().to_lowercase();
        self.search = typed;
        let new = self.search.trim().to_lowercase();
        if !old.is_empty() && new.contains(&old) && self.generation == data.generation() {
            let keep = self.selected_row(data).map(|r| r.id.to_string());
            let shown = std::mem::take(&mut self.visible);
            self.filter_from(data, shown.iter(), keep.as_deref());
        } else {
            self.refilter(data);
        }
    }

    /// Hands back the rewrite of the journal or the export an action asked for, to be
    /// carried out wherever the app reads and writes the journal; "Saving…" (or
    /// "Exporting…") shows until `rewritten` (or `exported`) says how it went.
    pub fn apply(&mut self, effect: Effect, data: &mut ReviewData) -> Option<Work> {
        let work = match effect {
            Effect::Delete(at) => data.to_delete(at).map(Work::Rewrite),
            Effect::Save(at, entry) => data.to_replace(at, &entry).map(Work::Rewrite),
            Effect::Undo => {
                let undo = data.to_undo();
                if undo.is_none() {
                    self.message = Some("Nothing to undo.".into());
                }
                undo.map(Work::Rewrite)
            }
            Effect::Export {
                format,
                path,
                replace,
            } => self
                .export_asked(format, path, replace, data)
                .map(Work::Export),
        };
        if work.is_none() {
            self.busy = None;
        }
        work
    }

    /// The rewrite or export asked for waits for another steady's lock: said in the status
    /// line (or the export dialog).
    pub fn waiting(&mut self, waiting: &Waiting) {
        if self.busy.is_some() {
            self.waiting = Some(waiting.clone());
        }
    }

    /// A rewrite ended: the table, undo list and aggregates change only when it was
    /// carried out; otherwise the entry stays as it was, with a sentence and the key that
    /// tries again.
    pub fn rewritten(&mut self, rewrote: Rewrote, data: &mut ReviewData) {
        self.busy = None;
        self.waiting = None;
        let Rewrote {
            asked,
            result,
            notice,
        } = rewrote;
        let (done, not_yet, again) = match &asked {
            Rewrite::Delete(_) => (
                "Deleted. Press u to bring it back.",
                "Not deleted yet",
                "d tries again",
            ),
            Rewrite::Replace(..) => (
                "Saved. Press u to undo.",
                "Not saved yet",
                "your edit is still open, and saving it again tries again",
            ),
            Rewrite::Restore(_) => ("", "Not undone yet", "u tries again"),
        };
        let mut keep = self.selected_row(data).map(|r| r.id.to_string());
        let said = match data.rewritten(asked, result) {
            Ok(Some((what, id))) => {
                keep = Some(id);
                format!("Undid the {what}.")
            }
            Ok(None) => {
                if let Mode::Edit(_) = self.mode {
                    self.mode = Mode::Detail;
                }
                done.to_owned()
            }
            Err(e @ VaultError::Store(_)) => format!("{not_yet}: {e}; {again}."),
            Err(e) => e.to_string(),
        };
        // A write that had to set aside a cut-off line says so, once.
        self.message = Some(match notice {
            Some(notice) => format!("{said} {notice}"),
            None => said,
        });
        self.select_after_refilter(data, keep.as_deref());
    }

    /// The export asked for, once the path is one an export may be written to and the
    /// person has said yes to replacing a file there; otherwise the dialog says why, or asks.
    fn export_asked(
        &mut self,
        format: crate::journal::export::Format,
        path: PathBuf,
        replace: bool,
        data: &ReviewData,
    ) -> Option<Box<ToExport>> {
        let shown = self.shown(data).map(|r| r.id.to_string()).collect();
        let Mode::Export(dialog) = &mut self.mode else {
            return None;
        };
        match export_dialog::may_write(&path, data) {
            Err(refused) => {
                dialog.fail(&refused);
                return None;
            }
            Ok(Existing::File) if !replace => {
                dialog.ask_replace(path);
                return None;
            }
            Ok(_) => {}
        }
        Some(Box::new(ToExport {
            format,
            path,
            shown,
            day_starts_at: data.day_starts_at(),
        }))
    }

    /// An export ended: the dialog closes and says how many entries went where, or stays
    /// open saying why not (below the table when it was closed meanwhile).
    pub fn exported(&mut self, exported: Exported) {
        self.busy = None;
        self.waiting = None;
        let Exported { path, result } = exported;
        match (result, &mut self.mode) {
            (Ok(n), mode) => {
                if let Mode::Export(_) = mode {
                    *mode = Mode::Browse;
                }
                self.message = Some(format!(
                    "Exported {n} entr{} to {}.",
                    if n == 1 { "y" } else { "ies" },
                    path.display()
                ));
            }
            (Err(failed), Mode::Export(dialog)) => dialog.fail(&failed),
            (Err(failed), _) => self.message = Some(failed.to_string()),
        }
    }

    /// While only the newest entries are held, a key that needs every entry (a search, a
    /// filter, an export, a change) says that it waits for the whole journal, and does
    /// nothing to the few rows held.
    fn waits_for_whole(&mut self, action: Action, data: &ReviewData) -> bool {
        if !data.is_partial() {
            return false;
        }
        let what = match action {
            Action::Review(ReviewAction::Search) => "Search opens",
            Action::Review(ReviewAction::From | ReviewAction::Until) => "The day filters open",
            Action::Review(ReviewAction::Practices) => "The practice and tag chooser opens",
            Action::Review(ReviewAction::Export) => "Export opens",
            Action::Review(ReviewAction::Delete) => "Deleting works",
            Action::Review(ReviewAction::EditAnswer) => "Editing works",
            _ => return false,
        };
        self.message = Some(format!(
            "{what} once the whole journal is read; reading it now…"
        ));
        true
    }

    /// The whole journal was read after the newest entries were shown (`data` now holds
    /// it): the same entry stays selected (the one at `kept`), and what is open stays open.
    pub fn filled(&mut self, data: &ReviewData, kept: Option<EntryRef>) {
        // Only a key that waited for this can have spoken meanwhile (changes waited too).
        self.message = None;
        self.refilter(data);
        let at = kept.and_then(|kept| {
            self.visible
                .iter()
                .position(|i| data.place(i) == Some(kept))
        });
        if let Some(at) = at {
            self.selected = at;
        }
    }

    /// Where the selected entry is.
    pub fn selected_place(&self, data: &ReviewData) -> Option<EntryRef> {
        data.place(self.visible.get(self.selected)?)
    }

    /// The table's keys.
    fn browse(&mut self, action: Action, data: &ReviewData, effects: &mut Vec<Effect>) -> Outcome {
        self.message = None;
        if self.waits_for_whole(action, data) {
            return Outcome::Handled;
        }
        let page = isize::try_from(self.window.page.max(1)).unwrap_or(1);
        match action {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.selected = 0,
            Action::Last => self.move_by(isize::MAX),
            Action::Confirm if self.selected_entry(data).is_some() => self.mode = Mode::Detail,
            Action::Review(ReviewAction::Search) => {
                self.mode = Mode::Search(SearchField::new(&self.search));
            }
            Action::Review(ReviewAction::From) => {
                self.mode = Mode::Date(DateField::new(false, self.filter.since));
            }
            Action::Review(ReviewAction::Until) => {
                self.mode = Mode::Date(DateField::new(true, self.filter.until));
            }
            Action::Review(ReviewAction::Practices) => {
                if data.aggregates().per_practice.is_empty() {
                    self.message = Some("There are no practices to choose from yet.".into());
                } else {
                    let chosen = Chosen {
                        practices: self.filter.practices.clone(),
                        tags: self.filter.tags.clone(),
                    };
                    self.mode = Mode::Practices(Picker::new(chosen, tags_in(data)));
                }
            }
            Action::Review(ReviewAction::Back) if self.filtered() => {
                self.filter = Filter::default();
                self.search.clear();
                self.refilter(data);
                self.message = Some("Filters cleared.".into());
            }
            Action::Review(ReviewAction::Export) if self.busy.is_some() => {
                self.refuse_while_busy();
            }
            Action::Review(ReviewAction::Export) => {
                self.mode = Mode::Export(ExportDialog::new(
                    self.folder.clone(),
                    self.home.clone(),
                    data.today(),
                    self.visible.len(),
                ));
            }
            _ => return self.entry_action(action, data, false, effects),
        }
        Outcome::Handled
    }

    /// The entry in full: Esc steps back to the table; the arrows walk through entries.
    fn detail(&mut self, action: Action, data: &ReviewData, effects: &mut Vec<Effect>) -> Outcome {
        self.message = None;
        self.mode = Mode::Detail;
        if self.waits_for_whole(action, data) {
            return Outcome::Handled;
        }
        match action {
            Action::Review(ReviewAction::Back) => self.mode = Mode::Browse,
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            _ => return self.entry_action(action, data, true, effects),
        }
        Outcome::Handled
    }

    /// Delete, edit and undo: the same from the table and from the entry in full.
    fn entry_action(
        &mut self,
        action: Action,
        data: &ReviewData,
        detail: bool,
        effects: &mut Vec<Effect>,
    ) -> Outcome {
        let entry = self.selected(data);
        let changes = matches!(
            action,
            Action::Review(ReviewAction::Delete | ReviewAction::EditAnswer | ReviewAction::Undo)
        );
        if changes && self.busy.is_some() {
            self.refuse_while_busy();
            return Outcome::Handled;
        }
        match (action, entry) {
            (Action::Review(ReviewAction::Delete), Some(_)) => {
                self.mode = Mode::ConfirmDelete { detail };
            }
            (Action::Review(ReviewAction::EditAnswer), Some(entry)) => {
                match AnswerEdit::open(&entry, data.practice(&entry.practice)) {
                    Some(edit) => self.mode = Mode::Edit(edit),
                    None => self.message = Some("This entry has no text answer to edit.".into()),
                }
            }
            (Action::Review(ReviewAction::Undo), _) => self.ask(effects, Effect::Undo),
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    /// The keys that work now (they feed the footer and `?`).
    pub fn keymap(&self) -> Keymap {
        match &self.mode {
            Mode::Browse => Keymap::ReviewHistory,
            Mode::Detail => Keymap::ReviewDetail,
            Mode::Search(_) | Mode::Date(_) => Keymap::ReviewField,
            Mode::Practices(_) => Keymap::ReviewPicker,
            Mode::ConfirmDelete { .. } => Keymap::ReviewConfirm,
            Mode::Edit(edit) if edit.is_multiline() => Keymap::ReviewEditMulti,
            Mode::Edit(_) => Keymap::ReviewEdit,
            Mode::Export(dialog) if dialog.confirming() => Keymap::ReviewConfirm,
            Mode::Export(_) => Keymap::ReviewExport,
        }
    }
}

/// The tags of the journal's entries (lower case, as the search text holds them) with how
/// many entries carry each, most used first, then by name.
fn tags_in(data: &ReviewData) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for i in 0..data.rows().len() {
        for tag in entry_tags(data.search_text(i)) {
            *counts.entry(tag).or_default() += 1;
        }
    }
    let mut tags: Vec<(String, usize)> =
        counts.into_iter().map(|(t, n)| (t.to_owned(), n)).collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    tags
}
