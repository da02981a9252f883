//! Drawing a [`LineEditor`]: text wraps at spaces within the field's width and scrolls down
//! with the cursor, so a long sentence shows whole; a single-line field given only one row
//! scrolls sideways instead. Both are computed from the text and
//! the area alone, so a redraw never depends on the one before.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;

use super::draw::{put, visible, width};
use super::editor::LineEditor;
use super::theme::Theme;

impl LineEditor {
    /// Draws the text into `area` and returns where the terminal cursor belongs (for
    /// `frame.set_cursor_position`) when `focused` and the area has room for it. A single-line
    /// field is underlined so it reads as a field without colour.
    pub fn render(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: Theme,
        focused: bool,
    ) -> Option<Position> {
        let area = visible(area, buf);
        if area.is_empty() {
            return None;
        }
        let field = self.draw_counter(area, buf, theme);
        if field.is_empty() {
            return None;
        }
        let style = if self.is_multiline() {
            theme.text()
        } else {
            theme.text().add_modifier(Modifier::UNDERLINED)
        };
        let (rows, cursor) = if self.is_multiline() || field.height > 1 {
            self.wrapped(field)
        } else {
            self.scrolled(field)
        };
        // A single-line field takes only the rows its text needs, underlined.
        let used = if self.is_multiline() {
            field.height
        } else {
            let last = rows.iter().map(|r| r.y).chain([cursor.y]).max();
            last.map_or(1, |y| y - field.y + 1)
        };
        buf.set_style(
            Rect {
                height: used,
                ..field
            },
            style,
        );
        for row in rows {
            draw_row(buf, field, row.y, &self.text()[row.bytes], row.skip, style);
        }
        focused.then_some(cursor)
    }

    /// Draws the "312/400" counter when it shows and returns the area left for the text:
    /// the bottom row holds it in a multiline field, the right end in a single line.
    fn draw_counter(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Rect {
        let Some(counter) = self.counter() else {
            return area;
        };
        let full = self.max_chars() == Some(self.char_count());
        let style = if full { theme.caution() } else { theme.muted() };
        let w = u16::try_from(width(&counter)).unwrap_or(u16::MAX);
        if self.is_multiline() && area.height >= 2 {
            let y = area.bottom() - 1;
            put(
                buf,
                area,
                area.right().saturating_sub(w),
                y,
                &counter,
                style,
            );
            Rect {
                height: area.height - 1,
                ..area
            }
        } else if area.width > w.saturating_add(2) {
            put(buf, area, area.right() - w, area.y, &counter, style);
            Rect {
                width: area.width - w - 1,
                ..area
            }
        } else {
            area
        }
    }

    /// One row, scrolled sideways in steps of half the width so that the cursor is in sight
    /// and typing does not shift the text on every key.
    fn scrolled(&self, field: Rect) -> (Vec<Shown>, Position) {
        let w = usize::from(field.width);
        let col = width(&self.text()[..self.cursor()]);
        let step = (w / 2).max(1);
        let scroll = if col < w {
            0
        } else {
            (col + 1 - w).div_ceil(step) * step
        };
        let x = field.x + u16::try_from(col - scroll).unwrap_or(0);
        let row = Shown {
            y: field.y,
            bytes: 0..self.text().len(),
            skip: scroll,
        };
        (vec![row], Position { x, y: field.y })
    }

    /// Wrapped rows, scrolled down just enough to show the cursor's row.
    fn wrapped(&self, field: Rect) -> (Vec<Shown>, Position) {
        let w = usize::from(field.width);
        let rows = wrap(self.text(), w);
        let (mut row, mut col) = cursor_cell(&rows, self.text(), self.cursor());
        if col >= w {
            // After a full row the cursor waits at the start of the next one.
            row += 1;
            col = 0;
        }
        let h = usize::from(field.height);
        let top = (row + 1).saturating_sub(h);
        let cells = rows
            .into_iter()
            .enumerate()
            .skip(top)
            .take(h)
            .map(|(i, bytes)| Shown {
                y: field.y + u16::try_from(i - top).unwrap_or(0),
                bytes,
                skip: 0,
            })
            .collect();
        let cursor = Position {
            x: field.x + u16::try_from(col).unwrap_or(0),
            y: field.y + u16::try_from(row - top).unwrap_or(0),
        };
        (cells, cursor)
    }
}

/// One row of text as it lands on screen: which bytes, on which row, and how many columns
/// are scrolled off its left.
struct Shown {
    y: u16,
    bytes: Range<usize>,
    skip: usize,
}

/// Draws `text` on row `y` of `field`, leaving out its first `skip` columns; a wide grapheme
/// cut by the left edge shows as blanks.
fn draw_row(buf: &mut Buffer, field: Rect, y: u16, text: &str, skip: usize, style: Style) {
    let mut col = 0;
    let mut x = field.x;
    for g in text.graphemes(true) {
        let w = width(g);
        if col >= skip {
            if usize::from(x - field.x) + w > usize::from(field.width) {
                break;
            }
            x = put(buf, field, x, y, g, style);
        } else if col + w > skip {
            let blanks = col + w - skip;
            x = put(buf, field, x, y, &" ".repeat(blanks), style);
        }
        col += w;
    }
}

/// Splits `text` into rows of at most `width` cells (byte ranges), breaking after a space
/// where one is on the row and anywhere else when not; every line break starts a row.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        let (mut start, mut used) = (0, 0);
        // Byte offset just after the last space on the row, and the row's width up to it.
        let mut space: Option<(usize, usize)> = None;
        for (i, g) in line.grapheme_indices(true) {
            let w = super::draw::width(g);
            while used + w > width && i > start {
                match space.take() {
                    Some((at, upto)) if at > start => {
                        rows.push(base + start..base + at);
                        start = at;
                        used -= upto;
                    }
                    _ => {
                        rows.push(base + start..base + i);
                        start = i;
                        used = 0;
                    }
                }
            }
            used += w;
            if g.chars().all(char::is_whitespace) {
                space = Some((i + g.len(), used));
            }
        }
        rows.push(base + start..base + line.len());
        base += line.len() + 1;
    }
    rows
}

/// The row and display column of byte `cursor` among `rows`: the last row starting at or
/// before it, so a cursor at a wrap point sits at the start of the next row.
fn cursor_cell(rows: &[Range<usize>], text: &str, cursor: usize) -> (usize, usize) {
    let row = rows
        .iter()
        .rposition(|r| r.start <= cursor)
        .unwrap_or_default();
    let start = rows.get(row).map_or(0, |r| r.start);
    (row, width(text.get(start..cursor).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, sweep};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn rows(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    fn render(e: &LineEditor, w: u16, h: u16) -> (Buffer, Option<Position>) {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        let pos = e.render(buf.area, &mut buf, Theme::PLAIN, true);
        (buf, pos)
    }

    fn plain(buf: &Buffer) -> Vec<String> {
        let area = buf.area;
        (area.top()..area.bottom())
            .map(|y| {
                (area.left()..area.right())
                    .map(|x| buf[(x, y)].symbol())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn wrapping_breaks_after_spaces_and_at_line_breaks() {
        assert_eq!(rows("one two three", 8), ["one two ", "three"]);
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("a\n\nb", 4), ["a", "", "b"]);
        assert_eq!(rows("你好你好", 3), ["你", "好", "你", "好"]);
        assert_eq!(rows("", 5), [""]);
        assert_eq!(rows("abc", 0), ["a", "b", "c"]);
    }

    #[test]
    fn a_single_line_scrolls_to_keep_the_cursor_in_sight() {
        let mut e = LineEditor::new(false, None);
        e.insert_str("abcdefghijklmnop");
        let (buf, pos) = render(&e, 10, 1);
        assert_eq!(pos, Some(Position::new(6, 0)));
        assert_eq!(plain(&buf), ["klmnop    "]);
        for _ in 0..12 {
            e.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
        }
        let (buf, pos) = render(&e, 10, 1);
        assert_eq!(pos, Some(Position::new(4, 0)));
        assert_eq!(plain(&buf), ["abcdefghij"]);
        for w in 1..20 {
            for cursor in 0..=16 {
                let mut e = LineEditor::new(false, None);
                e.insert_str("abcdefghijklmnop");
                for _ in cursor..16 {
                    e.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
                }
                let pos = render(&e, w, 1).1.expect("cursor");
                assert!(pos.x < w, "cursor {cursor} width {w}: {pos:?}");
            }
        }
    }

    #[test]
    fn the_cursor_counts_display_columns() {
        let mut e = LineEditor::new(false, None);
        e.insert_str("你好👍🏽e\u{301}");
        let (buf, pos) = render(&e, 12, 1);
        assert_eq!(pos, Some(Position::new(7, 0)));
        assert_eq!(buf[(0, 0)].symbol(), "你");
        assert_eq!(buf[(4, 0)].symbol(), "👍🏽");
        // Scrolled by an odd step, the cut half of 好 shows as a blank.
        let (buf, pos) = render(&e, 6, 1);
        assert_eq!(pos, Some(Position::new(4, 0)));
        assert_eq!(plain(&buf), [" 👍🏽 e\u{301}  "]);
    }

    #[test]
    fn multiline_text_wraps_and_follows_the_cursor_down() {
        let mut e = LineEditor::new(true, None);
        e.insert_str("one two three\nfour");
        let (buf, pos) = render(&e, 8, 3);
        assert_eq!(
            buf,
            Buffer::with_lines(["one two ", "three   ", "four    "])
        );
        assert_eq!(pos, Some(Position::new(4, 2)));
        let (buf, pos) = render(&e, 8, 2);
        assert_eq!(buf, Buffer::with_lines(["three   ", "four    "]));
        assert_eq!(pos, Some(Position::new(4, 1)));
        e.insert_str("ever");
        let (_, pos) = render(&e, 8, 3);
        assert_eq!(pos, Some(Position::new(0, 2)), "past a full row");
    }

    #[test]
    fn the_counter_takes_the_last_row_or_the_right_end() {
        let mut e = LineEditor::new(true, Some(10));
        e.insert_str("abcdefghi");
        let (buf, _) = render(&e, 10, 2);
        assert_eq!(plain(&buf), ["abcdefghi ", "      9/10"]);
        let mut e = LineEditor::new(false, Some(10));
        e.insert_str("abcdefghi");
        let (buf, pos) = render(&e, 12, 1);
        assert_eq!(plain(&buf), ["defghi  9/10"]);
        assert_eq!(pos, Some(Position::new(6, 0)));
    }

    #[test]
    fn an_unfocused_editor_places_no_cursor() {
        let e = LineEditor::new(false, None);
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        assert_eq!(e.render(buf.area, &mut buf, Theme::PLAIN, false), None);
    }

    #[test]
    fn a_single_line_field_keeps_to_the_rows_its_text_needs() {
        let mut e = LineEditor::new(false, None);
        e.insert_str("calm");
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 3));
        e.render(buf.area, &mut buf, Theme::PLAIN, true);
        assert!(buf[(5, 0)].modifier.contains(Modifier::UNDERLINED));
        assert!(!buf[(0, 1)].modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn a_long_sentence_in_a_single_line_field_wraps_when_there_are_rows() {
        let mut e = LineEditor::new(false, None);
        e.insert_str("They said later and left the room");
        let (buf, pos) = render(&e, 12, 4);
        assert_eq!(
            plain(&buf),
            [
                "They said   ",
                "later and   ",
                "left the    ",
                "room        "
            ]
        );
        assert_eq!(pos, Some(Position::new(4, 3)));
        assert!(buf[(0, 3)].modifier.contains(Modifier::UNDERLINED));
    }

    #[test]
    fn no_colour_under_no_color() {
        let mut e = LineEditor::new(true, Some(10));
        e.insert_str("abcdefghij");
        let (buf, _) = render(&e, 10, 3);
        assert_no_colour(&buf);
    }

    #[test]
    fn any_area_is_safe() {
        let mut e = LineEditor::new(true, Some(20));
        e.insert_str("你好 wide\nand 👨‍👩‍👧 long words here");
        let mut s = LineEditor::new(false, Some(20));
        s.insert_str("你好 wide and 👨‍👩‍👧 long");
        for editor in [&e, &s] {
            sweep(|area, buf| {
                if let Some(p) = editor.render(area, buf, Theme::COLOR, true) {
                    assert!(area.intersection(buf.area).contains(p), "{area:?}: {p:?}");
                }
            });
        }
    }
}
