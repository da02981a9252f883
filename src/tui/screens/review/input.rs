//! Text fields in review (search, dates, export path, edits) are the widgets' `LineEditor`,
//! the same editor the practice screen uses, with the practice screen's keys: Enter confirms
//! (in a multiline answer Enter is a new line and Ctrl-D or Alt-Enter confirms), Esc cancels.
//! A field is drawn after its label with the cursor shown as a reversed cell.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use crate::tui::widgets::{EditOutcome, LineEditor, Theme};

/// What a key did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    Submit,
    Cancel,
    Changed,
    /// The cursor moved, or the key meant nothing here.
    Moved,
}

/// A single-line editor holding `text`.
pub fn field(text: &str) -> LineEditor {
    let mut editor = LineEditor::new(false, None);
    editor.set_text(text);
    editor
}

/// Passes `key` to `editor`: Enter submits (a new line when multiline, where Ctrl-D or
/// Alt-Enter submits), Esc cancels.
pub fn edit(editor: &mut LineEditor, key: KeyEvent) -> InputEvent {
    let alt_enter = key.code == KeyCode::Enter && key.modifiers.contains(KeyModifiers::ALT);
    let ctrl_d = key.code == KeyCode::Char('d') && key.modifiers.contains(KeyModifiers::CONTROL);
    if editor.is_multiline() {
        if alt_enter || ctrl_d {
            return InputEvent::Submit;
        }
        if key.code == KeyCode::Enter {
            editor.insert_newline();
            return InputEvent::Changed;
        }
    }
    match editor.handle_key(key) {
        EditOutcome::Changed => InputEvent::Changed,
        EditOutcome::Moved | EditOutcome::Unchanged => InputEvent::Moved,
        EditOutcome::NotMine => match key.code {
            KeyCode::Enter => InputEvent::Submit,
            KeyCode::Esc => InputEvent::Cancel,
            _ => InputEvent::Moved,
        },
    }
}

/// Draws `label` then the field in the rest of `area`, with the cursor cell reversed (the
/// screens draw into a buffer, so the terminal's own cursor is not used).
pub fn render_field(label: &str, editor: &LineEditor, theme: Theme, area: Rect, buf: &mut Buffer) {
    let label_w = (label.chars().count() as u16).min(area.width / 2);
    Span::styled(label, theme.muted()).render(
        Rect {
            width: label_w,
            ..area
        },
        buf,
    );
    let rest = Rect {
        x: area.x + label_w,
        width: area.width - label_w,
        ..area
    };
    if let Some(at) = editor.render(rest, buf, theme, true)
        && let Some(cell) = buf.cell_mut(at)
    {
        cell.modifier.insert(Modifier::REVERSED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_confirms_one_line_and_makes_a_new_line_in_many() {
        let mut one = field("hé");
        assert_eq!(edit(&mut one, key(KeyCode::Char('!'))), InputEvent::Changed);
        assert_eq!(one.text(), "hé!");
        assert_eq!(edit(&mut one, key(KeyCode::Enter)), InputEvent::Submit);
        assert_eq!(edit(&mut one, key(KeyCode::Esc)), InputEvent::Cancel);
        let mut many = LineEditor::new(true, None);
        many.set_text("a");
        assert_eq!(edit(&mut many, key(KeyCode::Enter)), InputEvent::Changed);
        assert_eq!(many.text(), "a\n");
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(edit(&mut many, ctrl_d), InputEvent::Submit);
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(edit(&mut many, alt_enter), InputEvent::Submit);
    }

    #[test]
    fn the_field_follows_its_label_with_a_visible_cursor() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        render_field("Find: ", &field("ab"), Theme::PLAIN, buf.area, &mut buf);
        let text: String = (0..12).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(text.starts_with("Find: ab"), "{text}");
        assert!(buf[(8, 0)].modifier.contains(Modifier::REVERSED));
        // Too small to hold anything: nothing breaks.
        let mut tiny = Buffer::empty(Rect::new(0, 0, 1, 1));
        render_field("Find: ", &field("ab"), Theme::PLAIN, tiny.area, &mut tiny);
    }
}
