//! Time left, large: `MM:SS` in a 3×5 block font drawn with full blocks where five rows fit,
//! with half blocks where three do, and as plain text in anything smaller.

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::draw::{clock_text, put, put_centred, seconds_up, visible};
use super::theme::Theme;

/// A countdown (or count-up) shown big. Whole seconds are rounded up, as countdowns read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BigTimer {
    pub left: Duration,
}

/// Each glyph's rows, `#` for a lit pixel; digits are 3 wide, the colon 1.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        _ => [" ", "#", " ", "#", " "],
    }
}

/// The text as five pixel rows, glyphs one column apart.
fn pixels(text: &str) -> [String; 5] {
    let mut rows: [String; 5] = Default::default();
    for (i, c) in text.chars().enumerate() {
        for (row, bits) in rows.iter_mut().zip(glyph(c)) {
            if i > 0 {
                row.push(' ');
            }
            row.push_str(bits);
        }
    }
    rows
}

/// Five pixel rows as three rows of half blocks, two pixel rows to a cell.
fn halves(pixels: &[String; 5]) -> Vec<String> {
    let blank = " ".repeat(pixels[0].len());
    [(0, 1), (2, 3), (4, 5)]
        .iter()
        .map(|&(top, bottom)| {
            let lower = pixels.get(bottom).unwrap_or(&blank);
            pixels[top]
                .chars()
                .zip(lower.chars())
                .map(|pair| match pair {
                    ('#', '#') => '█',
                    ('#', _) => '▀',
                    (_, '#') => '▄',
                    _ => ' ',
                })
                .collect()
        })
        .collect()
}

impl BigTimer {
    /// The time as plain text: `MM:SS`, or `H:MM:SS` from an hour up.
    pub fn text(&self) -> String {
        clock_text(seconds_up(self.left))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, theme: Theme) {
        let area = visible(area, buf);
        if area.is_empty() {
            return;
        }
        let text = self.text();
        let pixels = pixels(&text);
        let wide = u16::try_from(pixels[0].chars().count()).unwrap_or(u16::MAX);
        if area.width < wide || area.height < 3 {
            put_centred(buf, area, area.y + area.height / 2, &text, theme.strong());
            return;
        }
        let lines = if area.height >= 5 {
            pixels.iter().map(|row| row.replace('#', "█")).collect()
        } else {
            halves(&pixels)
        };
        let height = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let x = area.x + (area.width - wide) / 2;
        let top = area.y + area.height.saturating_sub(height) / 2;
        for (y, line) in (top..area.bottom()).zip(&lines) {
            put(buf, area, x, y, line, theme.shape());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::widgets::test_util::{assert_no_colour, screen, sweep};

    fn render(left: Duration, w: u16, h: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
        BigTimer { left }.render(buf.area, &mut buf, Theme::PLAIN);
        buf
    }

    #[test]
    fn five_rows_of_full_blocks() {
        let buf = render(Duration::from_millis(83_400), 19, 5);
        assert_eq!(
            buf,
            Buffer::with_lines([
                " ███  █    ███ █ █ ",
                " █ █ ██  █   █ █ █ ",
                " █ █  █    ███ ███ ",
                " █ █  █  █ █     █ ",
                " ███ ███   ███   █ ",
            ])
        );
    }

    #[test]
    fn three_rows_of_half_blocks() {
        let buf = render(Duration::from_secs(10 * 60 + 7), 17, 3);
        assert_eq!(
            buf,
            Buffer::with_lines([
                "▄█  █▀█ ▄ █▀█ ▀▀█",
                " █  █ █ ▄ █ █   █",
                "▀▀▀ ▀▀▀   ▀▀▀   ▀",
            ])
        );
    }

    #[test]
    fn small_areas_get_plain_text() {
        let buf = render(Duration::from_secs(65), 10, 2);
        assert_eq!(screen(&buf), "          \n  01:05   \n");
        let buf = render(Duration::from_secs(3725), 9, 1);
        assert_eq!(screen(&buf), " 1:02:05 \n");
    }

    #[test]
    fn no_colour_under_no_color() {
        assert_no_colour(&render(Duration::from_secs(42), 30, 6));
    }

    #[test]
    fn any_area_is_safe() {
        for secs in [0, 59, 600, 7200] {
            let timer = BigTimer {
                left: Duration::from_secs(secs),
            };
            sweep(|area, buf| timer.render(area, buf, Theme::COLOR));
        }
    }
}
