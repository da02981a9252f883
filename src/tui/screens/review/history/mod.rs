//! History: every entry, newest first, in a table that fits the width, with combined
//! filters (practice, date range, text), the entry in full on Enter, delete and edit
//! through the store with undo, and export of what the filters show.
//!
//! Only the rows on screen are built each frame, and the filtered list is recomputed only
//! when a filter or the journal changes, so a key costs the same at 100 entries or 100,000.

use std::cell::Cell;
use std::collections::HashSet;
use std::path::PathBuf;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

mod view;

use super::Outcome;
use super::data::ReviewData;
use super::entry_detail;
use super::export_dialog::{self, ExportDialog, ExportStep};
use super::input::{self, InputEvent};
use crate::journal::entry::Entry;
use crate::journal::export::Format;
use crate::journal::query::{DATE_FORMS, DateSpec, Filter};
use crate::practice::model::StepKind;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::LineEditor;

/// What History is doing with the keys.
#[derive(Debug, Clone)]
enum Mode {
    Browse,
    /// The selected entry in full.
    Detail,
    /// Typing a search; `before` is the search to go back to on Esc.
    Search {
        input: LineEditor,
        before: String,
    },
    /// Typing the first (`until` false) or last day of the range.
    Date {
        until: bool,
        input: LineEditor,
        error: Option<String>,
    },
    /// Choosing practices to show.
    Practices {
        cursor: usize,
        chosen: Vec<String>,
    },
    ConfirmDelete,
    /// Editing the text answer `keys[at]` of the selected entry.
    Edit {
        keys: Vec<String>,
        at: usize,
        input: LineEditor,
    },
    Export(ExportDialog),
}

/// A change to the journal or an export that a key asked for; `perform` carries it out
/// after the key, the one place review writes files.
#[derive(Debug, Clone)]
enum Pending {
    /// Entry `.0` of `ReviewData::entries` (the line it was read from).
    Delete(usize),
    Save(usize, Box<Entry>),
    Undo,
    Export {
        format: Format,
        path: PathBuf,
    },
}

/// The History screen's state.
#[derive(Debug, Clone)]
pub struct History {
    /// Practice and date filters (the search is kept apart, in `search`).
    filter: Filter,
    /// The text search as typed.
    search: String,
    /// Indices into `ReviewData::entries` that pass the filter, newest first.
    visible: Vec<usize>,
    /// The data generation `visible` was computed from.
    generation: u64,
    selected: usize,
    /// The first row drawn, and how many rows fit: only the drawing knows the height, so
    /// render keeps these two view facts (the scroll stays put until the selection leaves
    /// the page, and PgUp/PgDn move by a page). Nothing else in render changes state.
    offset: Cell<usize>,
    page: Cell<usize>,
    mode: Mode,
    message: Option<String>,
    /// Where exports go unless another path is typed.
    home: PathBuf,
    /// What `perform` is to do next.
    pending: Option<Pending>,
}

impl History {
    pub fn new(data: &ReviewData, home: PathBuf) -> Self {
        let mut h = Self {
            filter: Filter::default(),
            search: String::new(),
            visible: Vec::new(),
            generation: 0,
            selected: 0,
            offset: Cell::new(0),
            page: Cell::new(10),
            mode: Mode::Browse,
            message: None,
            home,
            pending: None,
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

    /// The entries the filters show, newest first.
    pub fn shown<'a>(&self, data: &'a ReviewData) -> impl Iterator<Item = &'a Entry> {
        self.visible.iter().filter_map(|&i| data.entries().get(i))
    }

    /// The selected entry, if any.
    pub fn selected<'a>(&self, data: &'a ReviewData) -> Option<&'a Entry> {
        self.visible
            .get(self.selected)
            .and_then(|&i| data.entries().get(i))
    }

    /// Recomputes the filtered list, keeping the same entry selected when it is still shown.
    fn refilter(&mut self, data: &ReviewData) {
        let keep = self.selected(data).map(|e| e.id.clone());
        self.select_after_refilter(data, keep.as_deref());
    }

    fn select_after_refilter(&mut self, data: &ReviewData, id: Option<&str>) {
        let all = 0..data.entries().len();
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
        let entries = data.entries();
        self.visible = candidates
            .filter(|&i| {
                (needle.is_empty() || data.search_text(i).contains(&needle))
                    && entries
                        .get(i)
                        .is_some_and(|e| others.matches(e, day_starts_at))
            })
            .collect();
        self.generation = data.generation();
        let found = id.and_then(|id| {
            self.visible
                .iter()
                .position(|&i| data.entries().get(i).is_some_and(|e| e.id == id))
        });
        self.selected = found
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn handle(&mut self, key: KeyEvent, data: &ReviewData) -> Outcome {
        if self.generation != data.generation() {
            self.refilter(data);
        }
        self.handle_key(key, data)
    }

    /// Carries out what the last key asked of the journal or the file system, and says how
    /// it went.
    /// Whether a write is waiting for `perform`.
    pub fn has_pending(&self) -> bool {
        self.pending.is_some()
    }

    pub fn perform(&mut self, data: &mut ReviewData) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match pending {
            Pending::Delete(at) => {
                self.message = Some(match data.delete(at) {
                    Ok(()) => "Deleted. Press u to bring it back.".into(),
                    Err(e) => e,
                });
                self.refilter(data);
            }
            Pending::Save(at, entry) => match data.replace(at, *entry) {
                Ok(()) => {
                    self.mode = Mode::Browse;
                    self.message = Some("Saved. Press u to undo.".into());
                    self.refilter(data);
                }
                // The edit stays open, so nothing typed is lost.
                Err(e) => self.message = Some(e),
            },
            Pending::Undo => {
                let mut keep = self.selected(data).map(|e| e.id.clone());
                self.message = Some(match data.undo() {
                    Ok(Some((what, id))) => {
                        keep = Some(id);
                        format!("Undid the {what}.")
                    }
                    Ok(None) => "Nothing to undo.".into(),
                    Err(e) => e,
                });
                self.select_after_refilter(data, keep.as_deref());
            }
            Pending::Export { format, path } => {
                let shown: HashSet<&str> = self.shown(data).map(|e| e.id.as_str()).collect();
                match export_dialog::write_file(format, data, &shown, &path) {
                    Ok(n) => {
                        self.mode = Mode::Browse;
                        self.message = Some(format!(
                            "Exported {n} entr{} to {}.",
                            if n == 1 { "y" } else { "ies" },
                            path.display()
                        ));
                    }
                    Err(e) => {
                        if let Mode::Export(dialog) = &mut self.mode {
                            dialog.fail(e);
                        }
                    }
                }
            }
        }
        // A write that had to set aside a cut-off line says so, once.
        if let Some(notice) = data.take_notice() {
            self.message = Some(match self.message.take() {
                Some(m) => format!("{m} {notice}"),
                None => notice,
            });
        }
    }

    fn handle_key(&mut self, key: KeyEvent, data: &ReviewData) -> Outcome {
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        self.mode = match mode {
            Mode::Browse => return self.browse(key, data),
            Mode::Detail => match key.code {
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Backspace => {
                    Mode::Browse
                }
                _ => {
                    self.mode = Mode::Detail;
                    let outcome = self.browse(key, data);
                    // Keys that open nothing else keep the entry open (j/k walk through).
                    if matches!(self.mode, Mode::Browse) && self.selected(data).is_some() {
                        self.mode = Mode::Detail;
                    }
                    return outcome;
                }
            },
            Mode::Search { mut input, before } => match input::edit(&mut input, key) {
                InputEvent::Submit => Mode::Browse,
                InputEvent::Cancel => {
                    self.search = before;
                    self.refilter(data);
                    Mode::Browse
                }
                InputEvent::Changed => {
                    let old = self.search.trim().to_lowercase();
                    self.search = input.text().to_owned();
                    let new = self.search.trim().to_lowercase();
                    if !old.is_empty() && new.contains(&old) && self.generation == data.generation()
                    {
                        let keep = self.selected(data).map(|e| e.id.clone());
                        let shown = std::mem::take(&mut self.visible);
                        self.filter_from(data, shown.into_iter(), keep.as_deref());
                    } else {
                        self.refilter(data);
                    }
                    Mode::Search { input, before }
                }
                InputEvent::Moved => Mode::Search { input, before },
            },
            Mode::Date {
                until,
                mut input,
                error,
            } => match input::edit(&mut input, key) {
                InputEvent::Submit if input.text().trim().is_empty() => {
                    self.set_bound(until, None, data);
                    Mode::Browse
                }
                InputEvent::Submit => match DateSpec::parse(input.text()) {
                    Ok(spec) => {
                        let day = spec.resolve(data.today());
                        self.set_bound(until, Some(day), data);
                        Mode::Browse
                    }
                    Err(e) => Mode::Date {
                        until,
                        input,
                        error: Some(format!("{e}; type {DATE_FORMS}.")),
                    },
                },
                InputEvent::Cancel => Mode::Browse,
                InputEvent::Changed => Mode::Date {
                    until,
                    input,
                    error: None,
                },
                InputEvent::Moved => Mode::Date {
                    until,
                    input,
                    error,
                },
            },
            Mode::Practices { cursor, mut chosen } => {
                let ids = &data.aggregates().per_practice;
                match key.code {
                    KeyCode::Up | KeyCode::Char('k') => Mode::Practices {
                        cursor: cursor.saturating_sub(1),
                        chosen,
                    },
                    KeyCode::Down | KeyCode::Char('j') => Mode::Practices {
                        cursor: (cursor + 1).min(ids.len().saturating_sub(1)),
                        chosen,
                    },
                    KeyCode::Char(' ') => {
                        if let Some((id, _)) = ids.get(cursor) {
                            match chosen.iter().position(|c| c == id) {
                                Some(i) => {
                                    chosen.remove(i);
                                }
                                None => chosen.push(id.clone()),
                            }
                        }
                        Mode::Practices { cursor, chosen }
                    }
                    KeyCode::Enter => {
                        // Enter with nothing ticked takes the practice under the cursor.
                        if chosen.is_empty() {
                            chosen.extend(ids.get(cursor).map(|(id, _)| id.clone()));
                        }
                        self.filter.practices = chosen;
                        self.refilter(data);
                        Mode::Browse
                    }
                    KeyCode::Esc => Mode::Browse,
                    _ => Mode::Practices { cursor, chosen },
                }
            }
            Mode::ConfirmDelete => {
                if let (KeyCode::Char('y' | 'Y'), Some(&at)) =
                    (key.code, self.visible.get(self.selected))
                {
                    self.pending = Some(Pending::Delete(at));
                } else {
                    self.message = Some("Kept.".into());
                }
                Mode::Browse
            }
            Mode::Edit {
                keys,
                at,
                mut input,
            } => {
                if matches!(key.code, KeyCode::Tab) && keys.len() > 1 {
                    let at = (at + 1) % keys.len();
                    let text = self.answer(data, &keys[at]);
                    Mode::Edit {
                        input: answer_editor(data, self.selected(data), &keys[at], &text),
                        keys,
                        at,
                    }
                } else {
                    match input::edit(&mut input, key) {
                        InputEvent::Submit => match self.edited(data, &keys[at], input.text()) {
                            Ok(None) => {
                                self.message = Some("Nothing changed.".into());
                                Mode::Browse
                            }
                            Ok(Some((chosen, entry))) => {
                                self.pending = Some(Pending::Save(chosen, Box::new(entry)));
                                Mode::Edit { keys, at, input }
                            }
                            Err(e) => {
                                self.message = Some(e);
                                Mode::Edit { keys, at, input }
                            }
                        },
                        InputEvent::Cancel => Mode::Browse,
                        InputEvent::Changed | InputEvent::Moved => Mode::Edit { keys, at, input },
                    }
                }
            }
            Mode::Export(mut dialog) => match dialog.handle(key) {
                ExportStep::Stay => Mode::Export(dialog),
                ExportStep::Cancel => Mode::Browse,
                ExportStep::Write { format, path } => {
                    self.pending = Some(Pending::Export { format, path });
                    Mode::Export(dialog)
                }
            },
        };
        Outcome::Handled
    }

    fn set_bound(&mut self, until: bool, day: Option<chrono::NaiveDate>, data: &ReviewData) {
        if until {
            self.filter.until = day;
        } else {
            self.filter.since = day;
        }
        self.refilter(data);
    }

    fn answer(&self, data: &ReviewData, key: &str) -> String {
        self.selected(data)
            .and_then(|e| e.str(key))
            .unwrap_or_default()
            .to_owned()
    }

    /// Writes the edited answer through the store; the message says what happened.
    /// The selected entry with answer `key` set to `text`: None when that changes nothing,
    /// an error (one sentence) when the practice does not allow it.
    fn edited(
        &self,
        data: &ReviewData,
        key: &str,
        text: &str,
    ) -> Result<Option<(usize, Entry)>, String> {
        let Some((&at, entry)) = self
            .visible
            .get(self.selected)
            .and_then(|i| Some((i, data.entries().get(*i)?)))
        else {
            return Ok(None);
        };
        let step = data
            .practice(&entry.practice)
            .and_then(|p| p.step_by_key(key))
            .map(|s| &s.kind);
        let multiline = match step {
            Some(StepKind::Text { multiline, .. }) => *multiline,
            _ => text.contains('\n'),
        };
        let text = crate::text::clean(text, multiline);
        if entry.str(key) == Some(text.as_str()) {
            return Ok(None);
        }
        if let Some(StepKind::Text {
            optional,
            max_chars,
            ..
        }) = step
        {
            if !optional && text.trim().is_empty() {
                return Err("This answer cannot be empty; type something or press Esc.".into());
            }
            if let Some(max) = max_chars.filter(|&m| text.chars().count() > m) {
                return Err(format!("This answer holds at most {max} characters."));
            }
        }
        let mut edited = entry.clone();
        edited.responses.insert(key.to_owned(), text.into());
        Ok(Some((at, edited)))
    }

    fn browse(&mut self, key: KeyEvent, data: &ReviewData) -> Outcome {
        self.message = None;
        let page = self.page.get().max(1) as isize;
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.move_by(-1),
            KeyCode::Down | KeyCode::Char('j') => self.move_by(1),
            KeyCode::PageUp => self.move_by(-page),
            KeyCode::PageDown => self.move_by(page),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.move_by(isize::MAX),
            KeyCode::Enter if self.selected(data).is_some() => self.mode = Mode::Detail,
            KeyCode::Char('/') => {
                self.mode = Mode::Search {
                    input: input::field(&self.search),
                    before: self.search.clone(),
                }
            }
            KeyCode::Char(c @ ('f' | 't')) => {
                let until = c == 't';
                let current = if until {
                    self.filter.until
                } else {
                    self.filter.since
                };
                self.mode = Mode::Date {
                    until,
                    input: input::field(&current.map(|d| d.to_string()).unwrap_or_default()),
                    error: None,
                }
            }
            KeyCode::Char('p') if !data.aggregates().per_practice.is_empty() => {
                self.mode = Mode::Practices {
                    cursor: 0,
                    chosen: self.filter.practices.clone(),
                }
            }
            KeyCode::Esc if self.filtered() => {
                self.filter = Filter::default();
                self.search.clear();
                self.refilter(data);
                self.message = Some("Filters cleared.".into());
            }
            KeyCode::Char('d') if self.selected(data).is_some() => self.mode = Mode::ConfirmDelete,
            KeyCode::Char('e') => {
                if let Some(entry) = self.selected(data) {
                    let keys = entry_detail::text_keys(entry, data.practice(&entry.practice));
                    match keys.first() {
                        Some(first) => {
                            let text = entry.str(first).unwrap_or_default();
                            let input = answer_editor(data, Some(entry), first, text);
                            self.mode = Mode::Edit { keys, at: 0, input }
                        }
                        None => {
                            self.message = Some("This entry has no text answer to edit.".into())
                        }
                    }
                }
            }
            KeyCode::Char('u') => self.pending = Some(Pending::Undo),
            KeyCode::Char('x') => {
                self.mode = Mode::Export(ExportDialog::new(
                    self.home.clone(),
                    data.journal_path(),
                    data.today(),
                    self.visible.len(),
                ))
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Handled
    }

    /// The keys that work now (they feed the footer and `?`).
    pub fn keymap(&self) -> Keymap {
        match &self.mode {
            Mode::Browse => Keymap::ReviewHistory,
            Mode::Detail => Keymap::ReviewDetail,
            Mode::Search { .. } | Mode::Date { .. } => Keymap::ReviewSearch,
            Mode::Practices { .. } => Keymap::ReviewPicker,
            Mode::ConfirmDelete => Keymap::ReviewConfirm,
            Mode::Edit { input, .. } if input.is_multiline() => Keymap::ReviewEditMulti,
            Mode::Edit { .. } => Keymap::ReviewEdit,
            Mode::Export(dialog) if dialog.confirming() => Keymap::ReviewConfirm,
            Mode::Export(_) => Keymap::ReviewExport,
        }
    }
}

/// An editor for the answer `key` of `entry`, shaped like its step (one line or several, a
/// length limit) when the practice is known.
fn answer_editor(data: &ReviewData, entry: Option<&Entry>, key: &str, text: &str) -> LineEditor {
    let step = entry.and_then(|e| data.practice(&e.practice)?.step_by_key(key));
    let mut editor = match step.map(|s| &s.kind) {
        Some(StepKind::Text {
            multiline,
            max_chars,
            ..
        }) => LineEditor::new(*multiline, *max_chars),
        _ => LineEditor::new(text.contains('\n'), None),
    };
    editor.set_text(text);
    editor
}
