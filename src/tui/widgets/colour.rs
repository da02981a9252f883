//! The colour check-in: a grid of swatches with their names, from the palette or the step's
//! own choices, and an "other…" line for a typed word when the step allows one. Under
//! `NO_COLOR` the names stand alone; the entry under the cursor is marked with a pointer and
//! drawn bold and reversed, never by colour alone.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Color;

use super::draw::{fit, put, put_more, visible, width, window};
use super::editor::LineEditor;
use super::other::other_line;
use super::theme::Theme;

/// The swatch for a colour name, if steady knows it (`colours::rgb`).
pub fn colour_rgb(name: &str) -> Option<Color> {
    crate::colours::rgb(name).map(|(r, g, b)| Color::Rgb(r, g, b))
}

/// A colour question at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ColourPicker<'a> {
    pub names: &'a [String],
    /// The entry under the cursor: an index into `names`, or `names.len()` for "other…";
    /// None before the person has moved to any (nothing is chosen for them).
    pub selected: Option<usize>,
    pub other_allowed: bool,
    /// The editor for the typed word, drawn on the "other…" line.
    pub other_text: Option<&'a LineEditor>,
}

impl ColourPicker<'_> {
    /// Draws the grid and the "other…" line; returns the cursor position when "other…" is
    /// selected and its editor is shown.
    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        let area = visible(area, buf);
        if area.is_empty() {
            return None;
        }
        let on_other = self.other_allowed && self.selected.is_some_and(|s| s >= self.names.len());
        // The "other…" line goes a blank row below the grid, or takes the last row when the
        // grid fills the room (the only one when the cursor is on it).
        let other_rows = u16::from(self.other_allowed && (area.height > 1 || on_other));
        let cols = self.columns(area.width, theme);
        let grid_rows = u16::try_from(self.names.len().div_ceil(cols)).unwrap_or(u16::MAX);
        let grid = Rect {
            height: (area.height - other_rows).min(grid_rows),
            ..area
        };
        self.draw_grid(grid, cols, buf, theme);
        if other_rows == 0 {
            return None;
        }
        let gap = u16::from(grid.height > 0 && grid.bottom() + 1 < area.bottom());
        let row = Rect {
            y: (grid.bottom() + gap).min(area.bottom() - 1),
            height: 1,
            ..area
        };
        other_line(buf, row, theme, on_other, "", self.other_text)
    }

    /// The width of one "▸ ██ name" entry, gaps included.
    fn entry_width(&self, theme_colour: bool) -> usize {
        let swatch_w = if theme_colour { 3 } else { 0 };
        let name_w = self.names.iter().map(|n| width(n)).max().unwrap_or(0);
        2 + swatch_w + name_w + 2
    }

    /// How many entries fit side by side in `width`.
    fn columns(&self, width: u16, theme: Theme) -> usize {
        (usize::from(width) / self.entry_width(theme.color)).max(1)
    }

    /// Columns of "▸ ██ name" entries, scrolled by rows to keep the selected one in sight,
    /// with "↑ n more" / "↓ n more" rows when some are out of sight.
    fn draw_grid(&self, area: Rect, cols: usize, buf: &mut Buffer, theme: Theme) {
        if area.is_empty() || self.names.is_empty() {
            return;
        }
        let rows = self.names.len().div_ceil(cols);
        let selected_row = self.selected.unwrap_or(0).min(self.names.len() - 1) / cols;
        let win = window(selected_row, rows, usize::from(area.height));
        let top = area.y + u16::from(win.above > 0);
        put_more(buf, area, area.y, true, win.above * cols, theme.muted());
        let hidden_below = self.names.len().saturating_sub(win.shown.end * cols);
        let more = if win.below > 0 { hidden_below } else { 0 };
        put_more(buf, area, area.bottom() - 1, false, more, theme.muted());
        let col_w = u16::try_from(self.entry_width(theme.color)).unwrap_or(u16::MAX);
        for (y, row) in (top..area.bottom()).zip(win.shown) {
            for (col, i) in (row * cols..(row + 1) * cols).enumerate() {
                let Some(name) = self.names.get(i) else { break };
                let x0 = area
                    .x
                    .saturating_add(u16::try_from(col).unwrap_or(u16::MAX).saturating_mul(col_w));
                let cell = Rect::new(x0, y, col_w.min(area.right().saturating_sub(x0)), 1);
                Self::draw_entry(cell, buf, theme, name, Some(i) == self.selected);
            }
        }
    }

    fn draw_entry(cell: Rect, buf: &mut Buffer, theme: Theme, name: &str, chosen: bool) {
        let (pointer, style) = if chosen {
            ("▸ ", theme.selected())
        } else {
            ("  ", theme.text())
        };
        let mut x = put(buf, cell, cell.x, cell.y, pointer, style);
        if theme.color {
            if let Some(swatch) = colour_rgb(name).and_then(|c| theme.swatch(c)) {
                put(buf, cell, x, cell.y, "██", swatch);
            }
            x = x.saturating_add(3);
        }
        let room = usize::from(cell.right().saturating_sub(x));
        put(buf, cell, x, cell.y, &fit(name, room), style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(std::string::ToString::to_string).collect()
    }

    /// A picker over `names` with no "other…" line.
    fn picker(names: &[String], selected: usize) -> ColourPicker<'_> {
        ColourPicker {
            names,
            selected: Some(selected),
            other_allowed: false,
            other_text: None,
        }
    }

    /// Draws `picker` into a fresh `width`×`height` buffer; returns it and the cursor.
    fn draw(
        picker: &ColourPicker,
        width: u16,
        height: u16,
        theme: Theme,
    ) -> (Buffer, Option<Position>) {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        let cursor = picker.render(buf.area, &mut buf, theme);
        (buf, cursor)
    }

    #[test]
    fn common_names_have_swatches_and_unknown_ones_do_not() {
        for name in crate::config::DEFAULT_PALETTE {
            assert!(colour_rgb(name).is_some(), "{name}");
        }
        assert_eq!(colour_rgb("Gray"), colour_rgb(" grey "));
        assert_eq!(colour_rgb("mauve-ish"), None);
        assert_eq!(colour_rgb("dark"), None);
        let (Some(Color::Rgb(l, _, _)), Some(Color::Rgb(d, _, _))) =
            (colour_rgb("light blue"), colour_rgb("dark blue"))
        else {
            panic!("shades of blue");
        };
        assert!(l > 80 && d < 80);
    }

    #[test]
    fn names_alone_under_no_color_with_the_selected_one_marked() {
        let names = names(&["red", "blue", "teal", "mauve"]);
        let (buf, _) = draw(&picker(&names, 1), 20, 3, Theme::PLAIN);
        assert_no_colour(&buf);
        assert_eq!(
            screen(&buf),
            "  red    ▸ blue     \n  teal     mauve    \n                    \n"
        );
    }

    #[test]
    fn swatches_carry_their_colour_and_unknown_names_get_none() {
        let names = names(&["red", "mauve"]);
        let (buf, _) = draw(&picker(&names, 0), 40, 1, Theme::COLOR);
        assert_eq!(screen(&buf).trim_end(), "▸ ██ red         mauve");
        assert_eq!(buf[(2, 0)].fg, colour_rgb("red").unwrap_or(Color::Reset));
        assert_eq!(buf[(14, 0)].symbol(), " ", "no swatch for mauve");
    }

    #[test]
    fn other_takes_a_typed_word_and_places_the_cursor() {
        let names = names(&["red", "blue"]);
        let mut editor = LineEditor::new(false, Some(30));
        editor.insert_str("mauve");
        let picker = ColourPicker {
            other_allowed: true,
            other_text: Some(&editor),
            ..picker(&names, 2)
        };
        let (buf, cursor) = draw(&picker, 30, 3, Theme::PLAIN);
        let text = screen(&buf);
        assert!(text.contains("▸ other… mauve"), "{text}");
        assert_eq!(cursor, Some(Position::new(14, 2)));
        // One row: the selected "other…" line wins the row.
        let (buf, cursor) = draw(&picker, 30, 1, Theme::PLAIN);
        assert!(cursor.is_some());
        assert!(screen(&buf).starts_with("▸ other… mauve"));
        let on_red = ColourPicker {
            selected: Some(0),
            ..picker
        };
        assert_eq!(draw(&on_red, 30, 3, Theme::PLAIN).1, None);
    }

    #[test]
    fn other_sits_under_the_grid_and_hidden_colours_are_counted() {
        let six = names(&["red", "blue", "teal", "mauve", "grey", "pink"]);
        let picker = ColourPicker {
            other_allowed: true,
            ..picker(&six, 0)
        };
        let (buf, _) = draw(&picker, 20, 6, Theme::PLAIN);
        assert_eq!(
            screen(&buf),
            concat!(
                "▸ red      blue     \n",
                "  teal     mauve    \n",
                "  grey     pink     \n",
                "                    \n",
                "  other…            \n",
                "                    \n",
            )
        );
        let more = names(&[
            "red", "blue", "teal", "mauve", "grey", "pink", "gold", "mint",
        ]);
        let picker = ColourPicker {
            names: &more,
            ..picker
        };
        let (buf, _) = draw(&picker, 20, 4, Theme::PLAIN);
        assert_eq!(
            screen(&buf),
            concat!(
                "▸ red      blue     \n",
                "  teal     mauve    \n",
                "  ↓ 4 more          \n",
                "  other…            \n",
            )
        );
    }

    #[test]
    fn a_long_palette_scrolls_to_the_selected_row() {
        let names: Vec<String> = (0..30).map(|i| format!("c{i:02}")).collect();
        let (buf, _) = draw(&picker(&names, 29), 8, 2, Theme::PLAIN);
        assert_eq!(screen(&buf), "  c28   \n▸ c29   \n");
    }

    #[test]
    fn any_area_is_safe() {
        let names = names(&["red", "orange", "a very long colour name indeed", "你好"]);
        let editor = LineEditor::new(false, None);
        for (selected, other_allowed) in [(0, false), (3, true), (4, true), (9, true), (9, false)] {
            let picker = ColourPicker {
                other_allowed,
                other_text: Some(&editor),
                ..picker(&names, selected)
            };
            for theme in [Theme::COLOR, Theme::PLAIN] {
                sweep(|area, buf| {
                    if let Some(p) = picker.render(area, buf, theme) {
                        assert!(area.contains(p));
                    }
                });
            }
        }
        let empty: Vec<String> = Vec::new();
        let picker = ColourPicker {
            other_allowed: true,
            ..picker(&empty, 0)
        };
        sweep(|area, buf| {
            picker.render(area, buf, Theme::COLOR);
        });
    }
}
