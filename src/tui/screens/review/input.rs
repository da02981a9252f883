//! A one-line text field for search, dates, paths and edits: characters, Backspace,
//! Delete, arrows, Home/End.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputEvent {
    Submit,
    Cancel,
    Changed,
    Moved,
}

/// The text and a cursor (in chars).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

impl TextInput {
    pub fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in chars.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn handle(&mut self, key: KeyEvent) -> InputEvent {
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Enter => InputEvent::Submit,
            KeyCode::Esc => InputEvent::Cancel,
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                InputEvent::Moved
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(len);
                InputEvent::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                InputEvent::Moved
            }
            KeyCode::End => {
                self.cursor = len;
                InputEvent::Moved
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                InputEvent::Changed
            }
            KeyCode::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                InputEvent::Changed
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear();
                self.cursor = 0;
                InputEvent::Changed
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL)
                    && !crate::text::is_control(c) =>
            {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
                InputEvent::Changed
            }
            _ => InputEvent::Moved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_unicode_text_at_the_cursor() {
        let mut input = TextInput::new("hé");
        assert_eq!(input.handle(key(KeyCode::Left)), InputEvent::Moved);
        assert_eq!(input.handle(key(KeyCode::Char('ü'))), InputEvent::Changed);
        assert_eq!(input.text(), "hüé");
        input.handle(key(KeyCode::Backspace));
        input.handle(key(KeyCode::Delete));
        assert_eq!(input.text(), "h");
        assert_eq!(input.handle(key(KeyCode::Enter)), InputEvent::Submit);
        assert_eq!(input.handle(key(KeyCode::Esc)), InputEvent::Cancel);
    }
}
