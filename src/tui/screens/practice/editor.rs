//! A stand-in for the widgets' line editor with the same calls, used until it lands.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    multiline: bool,
}

impl LineEditor {
    pub fn new(multiline: bool, _max_chars: Option<usize>) -> LineEditor {
        LineEditor {
            text: String::new(),
            multiline,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    pub fn set_text(&mut self, text: &str) {
        self.text = crate::text::clean(text, self.multiline);
    }

    pub fn insert_newline(&mut self) {
        if self.multiline {
            self.text.push('\n');
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.text.push(c)
            }
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => {}
        }
    }
}
