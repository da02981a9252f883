//! A choice question: one option (radio marks `(•)`) or several (checkboxes `[x]`), with an
//! "other…" line for a typed answer when the step allows it. The line under the cursor has a
//! pointer and is bold and reversed; what is chosen shows in its marks (for one option, the
//! line Enter would take), never in colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::draw::{fit, put, put_more, visible, window};
use super::editor::LineEditor;
use super::other::other_line;
use super::theme::Theme;

/// A choice question at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceList<'a> {
    pub options: &'a [String],
    pub multiple: bool,
    /// Which options are ticked, by index (missing entries count as not ticked); only for
    /// `multiple`, as one option's mark follows the cursor.
    pub checked: &'a [bool],
    /// The line under the cursor: an index into `options`, or `options.len()` for "other…";
    /// None before the person has moved to any (nothing is chosen for them).
    pub cursor: Option<usize>,
    pub other_allowed: bool,
    /// The editor for the typed answer; a non-empty one marks "other…" as chosen.
    pub other_text: Option<&'a LineEditor>,
}

impl ChoiceList<'_> {
    fn marks(&self, chosen: bool) -> &'static str {
        match (self.multiple, chosen) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, true) => "(•) ",
            (false, false) => "( ) ",
        }
    }

    /// Draws one line per option (scrolled so the cursor's line is in sight) and the
    /// "other…" line; returns the cursor position when the cursor is on "other…".
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        let area = visible(area, buf);
        if area.is_empty() {
            return None;
        }
        let total = self.options.len() + usize::from(self.other_allowed);
        let cursor = self.cursor.map(|c| c.min(total.saturating_sub(1)));
        let win = window(cursor.unwrap_or(0), total, usize::from(area.height));
        let top = area.y + u16::from(win.above > 0);
        put_more(buf, area, area.y, true, win.above, theme.muted());
        put_more(
            buf,
            area,
            area.bottom() - 1,
            false,
            win.below,
            theme.muted(),
        );
        let mut position = None;
        for (y, i) in (top..area.bottom()).zip(win.shown) {
            let row = Rect {
                y,
                height: 1,
                ..area
            };
            let on = Some(i) == cursor;
            let Some(option) = self.options.get(i) else {
                let typed = self.other_text.is_some_and(|e| !e.is_empty());
                let marks = self.marks(typed && (self.multiple || on));
                position = other_line(buf, row, theme, on, marks, self.other_text);
                continue;
            };
            // One option: Enter takes the line under the cursor, so the mark is there.
            let chosen = if self.multiple {
                self.checked.get(i).copied().unwrap_or(false)
            } else {
                on
            };
            let (pointer, style) = if on {
                ("▸ ", theme.selected())
            } else {
                ("  ", theme.text())
            };
            let x = put(buf, row, row.x, y, pointer, style);
            let x = put(buf, row, x, y, self.marks(chosen), style);
            let room = usize::from(row.right().saturating_sub(x));
            put(buf, row, x, y, &fit(option, room), style);
        }
        position
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn options() -> Vec<String> {
        ["to leave", "to fix it", "to check my phone"]
            .iter()
            .map(std::string::ToString::to_string)
            .collect()
    }

    #[test]
    fn multiple_choice_shows_checkboxes_and_the_cursor() {
        let options = options();
        let list = ChoiceList {
            options: &options,
            multiple: true,
            checked: &[true, false, true],
            cursor: Some(1),
            other_allowed: false,
            other_text: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 26, 4));
        assert_eq!(list.render(buf.area, &mut buf, Theme::PLAIN), None);
        assert_no_colour(&buf);
        assert_eq!(
            screen(&buf),
            concat!(
                "  [x] to leave            \n",
                "▸ [ ] to fix it           \n",
                "  [x] to check my phone   \n",
                "                          \n",
            )
        );
    }

    #[test]
    fn single_choice_shows_radio_marks_and_other() {
        let options = options();
        let mut editor = LineEditor::new(false, None);
        editor.insert_str("to go quiet");
        let list = ChoiceList {
            options: &options,
            multiple: false,
            checked: &[false, true],
            cursor: Some(3),
            other_allowed: true,
            other_text: Some(&editor),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        let cursor = list.render(buf.area, &mut buf, Theme::PLAIN);
        let text = screen(&buf);
        assert!(text.contains("  ( ) to leave"), "{text}");
        assert!(text.contains("  ( ) to fix it"), "{text}");
        assert!(text.contains("▸ (•) other… to go quiet"), "{text}");
        assert_eq!(cursor, Some(Position::new(24, 3)));
    }

    #[test]
    fn long_lists_scroll_and_long_options_are_shortened() {
        let options: Vec<String> = (1..=9).map(|i| format!("option number {i}")).collect();
        let list = ChoiceList {
            options: &options,
            multiple: true,
            checked: &[],
            cursor: Some(8),
            other_allowed: false,
            other_text: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 2));
        list.render(buf.area, &mut buf, Theme::PLAIN);
        assert_eq!(screen(&buf), "  [ ] option… \n▸ [ ] option… \n");
    }

    #[test]
    fn a_list_taller_than_its_room_says_how_many_are_out_of_sight() {
        let options: Vec<String> = (1..=9).map(|i| format!("option {i}")).collect();
        let list = ChoiceList {
            options: &options,
            multiple: false,
            checked: &[],
            cursor: Some(4),
            other_allowed: true,
            other_text: None,
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 16, 5));
        list.render(buf.area, &mut buf, Theme::PLAIN);
        assert_eq!(
            screen(&buf),
            concat!(
                "  ↑ 3 more      \n",
                "  ( ) option 4  \n",
                "▸ (•) option 5  \n",
                "  ( ) option 6  \n",
                "  ↓ 4 more      \n",
            )
        );
    }

    #[test]
    fn any_area_is_safe() {
        let options = options();
        let editor = LineEditor::new(false, None);
        for (cursor, other_allowed, multiple) in
            [(0, false, true), (3, true, false), (7, true, true)]
        {
            let list = ChoiceList {
                options: &options,
                multiple,
                checked: &[true],
                cursor: Some(cursor),
                other_allowed,
                other_text: Some(&editor),
            };
            sweep(|area, buf| {
                if let Some(p) = list.render(area, buf, Theme::COLOR) {
                    assert!(area.contains(p));
                }
            });
        }
        let none = ChoiceList {
            options: &[],
            multiple: false,
            checked: &[],
            cursor: Some(0),
            other_allowed: false,
            other_text: None,
        };
        sweep(|area, buf| {
            none.render(area, buf, Theme::COLOR);
        });
    }
}
