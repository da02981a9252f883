//! A list question: N numbered lines to fill in, each its own line editor, with one focused.
//! Up and Down move between the lines; every other key goes to the focused editor, and what
//! neither wants (Enter, Tab, Esc) is left to the app.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Position, Rect};

use super::draw::{put, visible};
use super::editor::{EditOutcome, LineEditor};
use super::editor_view::wrap;
use super::theme::Theme;

/// The answers of a list step being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAnswers {
    editors: Vec<LineEditor>,
    focus: usize,
}

impl ListAnswers {
    /// `count` empty single-line answers (at least one), each up to `max_chars`.
    pub fn new(count: usize, max_chars: Option<usize>) -> ListAnswers {
        ListAnswers {
            editors: vec![LineEditor::new(false, max_chars); count.max(1)],
            focus: 0,
        }
    }

    /// Fills the lines from answers given before (going back to the step), in order.
    pub fn set_answers(&mut self, answers: &[String]) {
        for (editor, answer) in self.editors.iter_mut().zip(answers) {
            editor.set_text(answer);
        }
    }

    /// The non-empty answers, trimmed, in order.
    pub fn answers(&self) -> Vec<String> {
        self.editors
            .iter()
            .map(|e| e.text().trim())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// 0-based index of the focused line.
    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn focused(&mut self) -> &mut LineEditor {
        &mut self.editors[self.focus]
    }

    /// Moves to the next line; false on the last one (so Enter there can confirm the step).
    pub fn focus_next(&mut self) -> bool {
        let moved = self.focus + 1 < self.editors.len();
        self.focus += usize::from(moved);
        moved
    }

    /// Moves to the previous line; false on the first one.
    pub fn focus_prev(&mut self) -> bool {
        let moved = self.focus > 0;
        self.focus -= usize::from(moved);
        moved
    }

    /// Editing keys go to the focused line; Up and Down move between lines.
    pub fn handle_key(&mut self, key: KeyEvent) -> EditOutcome {
        match self.focused().handle_key(key) {
            EditOutcome::NotMine => {
                let moved = match key.code {
                    KeyCode::Up => self.focus_prev(),
                    KeyCode::Down => self.focus_next(),
                    _ => return EditOutcome::NotMine,
                };
                if moved {
                    EditOutcome::Moved
                } else {
                    EditOutcome::Unchanged
                }
            }
            outcome => outcome,
        }
    }

    /// Pastes into the focused line.
    pub fn insert_str(&mut self, s: &str) -> EditOutcome {
        self.focused().insert_str(s)
    }

    /// Draws "1. answer" lines, each answer wrapped within its field so a long one shows
    /// whole, scrolled to keep the focused one in sight; returns where the terminal cursor
    /// belongs.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        let area = visible(area, buf);
        if area.is_empty() {
            return None;
        }
        let total = self.editors.len();
        let number_w = total.to_string().len();
        // "▸ 12. " before each answer.
        let field_w = usize::from(area.width).saturating_sub(number_w + 4).max(1);
        let height = usize::from(area.height);
        let rows: Vec<usize> = self
            .editors
            .iter()
            .map(|e| wrap(e.text(), field_w).len().clamp(1, height))
            .collect();
        let first = if rows.iter().sum::<usize>() <= height {
            0
        } else {
            let mut first = self.focus;
            while first > 0 && rows[first - 1..=self.focus].iter().sum::<usize>() <= height {
                first -= 1;
            }
            first
        };
        let mut cursor = None;
        let mut y = area.top();
        for (i, (editor, &need)) in self.editors.iter().zip(&rows).enumerate().skip(first) {
            let room = area.bottom().saturating_sub(y);
            let h = u16::try_from(need).unwrap_or(room).min(room);
            if h == 0 {
                break;
            }
            let on = i == self.focus;
            let (pointer, style) = if on {
                ("▸", theme.strong())
            } else {
                (" ", theme.muted())
            };
            let label = format!("{pointer} {:>number_w$}. ", i + 1);
            let x = put(buf, area, area.x, y, &label, style);
            let field = Rect::new(x, y, area.right().saturating_sub(x), h);
            let position = editor.render(field, buf, theme, on);
            if on {
                cursor = position;
            }
            y += h;
        }
        cursor
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_fills_the_focused_line_and_arrows_move_between_lines() {
        let mut list = ListAnswers::new(3, None);
        list.insert_str("slept well");
        assert_eq!(list.handle_key(key(KeyCode::Down)), EditOutcome::Moved);
        assert_eq!(
            list.handle_key(key(KeyCode::Char('a'))),
            EditOutcome::Changed
        );
        assert_eq!(list.handle_key(key(KeyCode::Down)), EditOutcome::Moved);
        assert_eq!(list.handle_key(key(KeyCode::Down)), EditOutcome::Unchanged);
        assert_eq!(list.handle_key(key(KeyCode::Enter)), EditOutcome::NotMine);
        list.insert_str("   ");
        assert_eq!(list.answers(), ["slept well", "a"]);
        assert!(list.focus_prev());
        assert_eq!(list.focus(), 1);
    }

    #[test]
    fn lines_are_numbered_and_the_cursor_follows_the_focus() {
        let mut list = ListAnswers::new(3, None);
        list.set_answers(&["a walk".to_owned(), "tea".to_owned()]);
        list.focus_next();
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        let cursor = list.render(buf.area, &mut buf, Theme::PLAIN);
        assert_no_colour(&buf);
        assert_eq!(
            screen(&buf),
            "  1. a walk         \n▸ 2. tea            \n  3.                \n"
        );
        assert_eq!(cursor, Some(Position::new(8, 1)));
    }

    #[test]
    fn a_long_answer_wraps_under_its_number() {
        let mut list = ListAnswers::new(2, None);
        list.set_answers(&["the rent and the car".to_owned(), "tea".to_owned()]);
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 4));
        list.render(buf.area, &mut buf, Theme::PLAIN);
        assert_eq!(
            screen(&buf),
            "▸ 1. the rent \n     and the  \n     car      \n  2. tea      \n"
        );
    }

    #[test]
    fn any_area_is_safe() {
        let mut list = ListAnswers::new(12, Some(10));
        list.set_answers(&["你好 there".to_owned()]);
        for _ in 0..11 {
            list.focus_next();
        }
        sweep(|area, buf| {
            if let Some(p) = list.render(area, buf, Theme::COLOR) {
                assert!(area.contains(p));
            }
        });
        let empty = ListAnswers::new(0, None);
        sweep(|area, buf| {
            empty.render(area, buf, Theme::COLOR);
        });
    }
}
