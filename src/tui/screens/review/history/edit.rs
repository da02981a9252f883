//! History's answer editor (`e`): one text answer of the entry at a time (Tab goes to the
//! next), including answers the entry does not have yet (the "what happened" added the next
//! day). What is typed is checked by the runner's own rule for text answers, so an answer
//! edited later is cleaned, trimmed and limited exactly as it would have been in the practice.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};
use serde_json::Value;

use super::super::Step;
use super::super::field::{self, FieldView, Typed};
use crate::journal::entry::Entry;
use crate::journal::summary::cut_at_word;
use crate::practice::model::{Practice, StepKind};
use crate::runner::typed_answer;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::widgets::{LineEditor, Theme};

/// The keys of the answers of `entry` that may be edited: the practice's text steps (given
/// or not yet) when the practice is known, otherwise every answer that is a string (except
/// the colour word).
pub fn text_keys(entry: &Entry, practice: Option<&Practice>) -> Vec<String> {
    match practice {
        Some(p) => p
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Text { .. }))
            .filter_map(|s| s.key.clone())
            .filter(|k| entry.responses.get(k).is_none_or(Value::is_string))
            .collect(),
        None => entry
            .responses
            .iter()
            .filter(|(k, v)| v.is_string() && k.as_str() != "colour")
            .map(|(k, _)| k.clone())
            .collect(),
    }
}

#[derive(Debug, Clone)]
pub struct AnswerEdit {
    keys: Vec<String>,
    at: usize,
    input: LineEditor,
    /// Why the last try was not taken.
    error: Option<String>,
}

/// The text step behind answer `key`, when the practice is known.
fn text_step<'a>(practice: Option<&'a Practice>, key: &str) -> Option<&'a StepKind> {
    practice?
        .step_by_key(key)
        .map(|s| &s.kind)
        .filter(|k| matches!(k, StepKind::Text { .. }))
}

/// An editor for answer `key` of `entry`, shaped like its step (one line or several, a
/// length limit) when the practice is known.
fn editor(entry: &Entry, practice: Option<&Practice>, key: &str) -> LineEditor {
    let text = entry.str(key).unwrap_or_default();
    let mut editor = match text_step(practice, key) {
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

impl AnswerEdit {
    /// An editor on the first text answer of `entry`; None when it has none to edit.
    pub fn open(entry: &Entry, practice: Option<&Practice>) -> Option<Self> {
        let keys = text_keys(entry, practice);
        let input = editor(entry, practice, keys.first()?);
        Some(Self {
            keys,
            at: 0,
            input,
            error: None,
        })
    }

    pub fn is_multiline(&self) -> bool {
        self.input.is_multiline()
    }

    /// `Done(None)`: nothing changed; `Done(Some(entry))`: the entry with the new answer.
    pub fn update(
        &mut self,
        action: Action,
        entry: &Entry,
        practice: Option<&Practice>,
    ) -> Step<Option<Entry>> {
        match field::type_into(&mut self.input, action) {
            Typed::Submit => match self.edited(entry, practice) {
                Ok(edited) => return Step::Done(edited),
                Err(why) => self.error = Some(why),
            },
            Typed::Cancel => return Step::Back,
            Typed::Changed => self.error = None,
            Typed::Other if action == Action::Review(ReviewAction::NextField) => {
                self.at = (self.at + 1) % self.keys.len().max(1);
                self.input = editor(entry, practice, &self.keys[self.at]);
                self.error = None;
            }
            Typed::Moved | Typed::Other => {}
        }
        Step::Stay
    }

    /// `entry` with the answer as typed, None when that changes nothing, or why the text
    /// is not an answer (one sentence).
    fn edited(&self, entry: &Entry, practice: Option<&Practice>) -> Result<Option<Entry>, String> {
        let key = &self.keys[self.at];
        let typed = self.input.text();
        let value = if let Some(kind) = text_step(practice, key) {
            typed_answer(kind, typed).map_err(|r| r.0)?
        } else {
            // A practice steady no longer knows: the rule of a required text answer.
            let text = crate::text::clean(typed, self.input.is_multiline());
            let text = text.trim();
            if text.is_empty() {
                return Err("Write a few words first, or press Esc to keep it.".into());
            }
            Some(Value::from(text))
        };
        if entry.responses.get(key) == value.as_ref() {
            return Ok(None);
        }
        let mut edited = entry.clone();
        match value {
            Some(v) => edited.responses.insert(key.clone(), v),
            None => edited.responses.remove(key),
        };
        Ok(Some(edited))
    }
}

/// The answer being edited, in a box at the bottom of the area (over the entry).
pub struct AnswerEditView<'a> {
    pub edit: &'a AnswerEdit,
    pub practice: Option<&'a Practice>,
    pub theme: Theme,
}

impl Widget for AnswerEditView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (edit, practice, theme) = (self.edit, self.practice, self.theme);
        let rows = if edit.input.is_multiline() { 6 } else { 3 };
        let rect = Rect {
            y: area.bottom().saturating_sub(rows).max(area.y),
            height: rows.min(area.height),
            ..area
        };
        let key = &edit.keys[edit.at];
        let label = text_step(practice, key).map_or(key.as_str(), |k| k.prompt().trim());
        let label = cut_at_word(label, usize::from(rect.width.saturating_sub(10)));
        let keys = match (&edit.error, edit.input.is_multiline()) {
            (Some(error), _) => format!(" {error} "),
            (None, true) => " Ctrl-D saves · Enter new line · Tab next · Esc back ".to_owned(),
            (None, false) => " Enter saves · Tab next · Esc back ".to_owned(),
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .title(format!(" Edit: {label} "))
            .title_bottom(keys);
        let inner = block.inner(rect);
        Clear.render(rect, buf);
        block.render(rect, buf);
        FieldView {
            label: "",
            editor: &edit.input,
            theme,
        }
        .render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::Library;
    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    fn micro_reach(responses: serde_json::Value) -> (Entry, std::sync::Arc<Practice>) {
        let mut entry = crate::tui::screens::review::test_entry(responses);
        entry.practice = "micro-reach".into();
        let practice = Library::builtin().get("micro-reach").unwrap();
        (entry, practice)
    }

    fn typed(edit: &mut AnswerEdit, entry: &Entry, p: &Practice, text: &str) {
        for c in text.chars() {
            let key = Action::Edit(KeyEvent::from(KeyCode::Char(c)));
            assert_eq!(edit.update(key, entry, Some(p)), Step::Stay);
        }
    }

    #[test]
    fn an_answer_not_given_yet_can_be_filled_in_the_next_day() {
        let (entry, p) = micro_reach(serde_json::json!({"reach": "text Sam"}));
        assert_eq!(text_keys(&entry, Some(&p)), ["reach", "happened"]);
        let mut edit = AnswerEdit::open(&entry, Some(&p)).unwrap();
        let next = Action::Review(ReviewAction::NextField);
        assert_eq!(edit.update(next, &entry, Some(&p)), Step::Stay);
        assert!(edit.is_multiline(), "shaped like its step");
        typed(&mut edit, &entry, &p, "  they wrote back ");
        let Step::Done(Some(edited)) = edit.update(Action::Finish, &entry, Some(&p)) else {
            panic!("a filled-in answer is saved");
        };
        // Trimmed as the practice screen stores it.
        assert_eq!(edited.str("happened"), Some("they wrote back"));
        assert_eq!(edited.str("reach"), Some("text Sam"));
    }

    #[test]
    fn the_practice_screens_rules_hold_and_nothing_changed_is_said() {
        let (entry, p) = micro_reach(serde_json::json!({"reach": "text Sam"}));
        let mut edit = AnswerEdit::open(&entry, Some(&p)).unwrap();
        assert_eq!(
            edit.update(Action::Finish, &entry, Some(&p)),
            Step::Done(None),
            "the same text changes nothing"
        );
        for _ in 0..8 {
            let back = Action::Edit(KeyEvent::from(KeyCode::Backspace));
            edit.update(back, &entry, Some(&p));
        }
        assert_eq!(edit.update(Action::Finish, &entry, Some(&p)), Step::Stay);
        assert_eq!(edit.error.as_deref(), Some("Write a few words first."));
        assert_eq!(
            edit.update(Action::Review(ReviewAction::Back), &entry, Some(&p)),
            Step::Back
        );
    }
}
