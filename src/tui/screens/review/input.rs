//! Text fields in review (search, dates, export path, edits) are the widgets' `LineEditor`,
//! the same editor the practice screen uses; this adds what review needs around it: Enter
//! and Esc as submit and cancel, a newline key for multiline answers, and drawing a field
//! after its label with the cursor shown as a reversed cell.

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

/// Passes `key` to `editor`: Enter submits, Esc cancels, and in a multiline editor
/// Alt-Enter or Ctrl-J starts a new line.
pub fn edit(editor: &mut LineEditor, key: KeyEvent) -> InputEvent {
    let newline = (key.code == KeyCode::Enter && key.modifiers.contains(KeyModifiers::ALT))
        || (key.code == KeyCode::Char('j') && key.modifiers.contains(KeyModifiers::CONTROL));
    if newline && editor.is_multiline() {
        editor.insert_newline();
        return InputEvent::Changed;
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
    fn enter_and_esc_belong_to_review_and_newlines_to_multiline_answers() {
        let mut one = field("hé");
        assert_eq!(edit(&mut one, key(KeyCode::Char('!'))), InputEvent::Changed);
        assert_eq!(one.text(), "hé!");
        assert_eq!(edit(&mut one, key(KeyCode::Enter)), InputEvent::Submit);
        assert_eq!(edit(&mut one, key(KeyCode::Esc)), InputEvent::Cancel);
        let ctrl_j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        assert_eq!(edit(&mut one, ctrl_j), InputEvent::Moved);
        let mut many = LineEditor::new(true, None);
        many.set_text("a");
        assert_eq!(edit(&mut many, ctrl_j), InputEvent::Changed);
        assert_eq!(many.text(), "a\n");
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
