//! The few styles the widgets draw with. Colour is a calm, soft palette and always optional:
//! under `NO_COLOR` every style keeps only its modifiers (bold, dim, reversed), so anything
//! that matters is also carried by a symbol, a word or a modifier. The palette is written in
//! 24-bit colour; a terminal that does not say it shows 24-bit colour (`COLORTERM`) gets the
//! nearest colours of the 256-colour palette instead (`Depth`).

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

/// Whether the widgets may use colour. The app builds it once from the environment and passes
/// it down by value; rendering never reads the environment itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// Soft sage: the pacer, the chosen value, focus.
const ACCENT: Color = Color::Rgb(134, 179, 150);
/// Quiet grey-blue for hints and secondary words.
const MUTED: Color = Color::Rgb(128, 138, 150);
/// Warm sand, for "nearly full" rather than an alarming red.
const CAUTION: Color = Color::Rgb(214, 178, 120);

impl Theme {
    pub const COLOR: Theme = Theme { color: true };
    pub const PLAIN: Theme = Theme { color: false };

    /// The theme for a `NO_COLOR` value: any non-empty value turns colour off
    /// (<https://no-color.org>). Pass `std::env::var_os("NO_COLOR").as_deref()`.
    pub fn from_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        Theme {
            color: value.is_none_or(std::ffi::OsStr::is_empty),
        }
    }

    /// `style` with its colours when colour is on, or with only its modifiers when off.
    fn pick(self, style: Style) -> Style {
        if self.color {
            style
        } else {
            Style {
                fg: None,
                bg: None,
                underline_color: None,
                ..style
            }
        }
    }

    /// Ordinary words.
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Hints, labels and other secondary words.
    pub fn muted(self) -> Style {
        if self.color {
            Style::new().fg(MUTED)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    /// Headings and the words that matter most right now (the breath phase).
    pub fn strong(self) -> Style {
        self.pick(Style::new().fg(ACCENT).add_modifier(Modifier::BOLD))
    }

    /// The moving or filled shapes (pacer, bars, big digits).
    pub fn shape(self) -> Style {
        self.pick(Style::new().fg(ACCENT))
    }

    /// The item under the cursor or chosen: bold and reversed, so it shows without colour.
    pub fn selected(self) -> Style {
        self.pick(
            Style::new()
                .fg(ACCENT)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    /// A quiet warning, such as a text field nearing its length limit.
    pub fn caution(self) -> Style {
        self.pick(Style::new().fg(CAUTION).add_modifier(Modifier::BOLD))
    }

    /// A colour swatch of `color`, or None when colour is off (the name stands alone then).
    pub fn swatch(self, color: Color) -> Option<Style> {
        self.color.then(|| Style::new().fg(color))
    }
}

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour, as `COLORTERM=truecolor` or `24bit` promises.
    TrueColor,
    /// The 256-colour palette every colour terminal has.
    Palette256,
}

impl Depth {
    /// The depth for a `COLORTERM` value (pass `std::env::var_os("COLORTERM").as_deref()`):
    /// 24-bit only when it says so, since a terminal (or tmux, screen) that gets 24-bit
    /// escapes it cannot show draws wrong colours or none.
    pub fn from_colorterm(value: Option<&std::ffi::OsStr>) -> Depth {
        match value.and_then(|v| v.to_str()) {
            Some(v) if v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit") => {
                Depth::TrueColor
            }
            _ => Depth::Palette256,
        }
    }

    /// Fits a drawn frame to the terminal: on the 256-colour palette every 24-bit colour
    /// becomes its nearest palette colour. Done once per frame, after every widget drew, so
    /// no widget needs to know.
    pub fn fit(self, buf: &mut Buffer) {
        if self == Depth::TrueColor {
            return;
        }
        for cell in &mut buf.content {
            cell.fg = to_palette(cell.fg);
            cell.bg = to_palette(cell.bg);
            cell.underline_color = to_palette(cell.underline_color);
        }
    }
}

/// A 24-bit colour as its nearest colour of the 256-colour palette; others unchanged.
fn to_palette(color: Color) -> Color {
    match color {
        Color::Rgb(r, g, b) => Color::Indexed(nearest_256(r, g, b)),
        other => other,
    }
}

/// The levels of each channel in the palette's 6×6×6 colour cube (indices 16–231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The palette index nearest to (r, g, b): the closest of the colour cube and the grey
/// ramp (232–255), by squared distance.
fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    let level = |v: u8| {
        (0..CUBE.len())
            .min_by_key(|&i| (i32::from(CUBE[i]) - i32::from(v)).abs())
            .unwrap_or(0)
    };
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (CUBE[ri], CUBE[gi], CUBE[bi]);
    let mean = (u32::from(r) + u32::from(g) + u32::from(b)) / 3;
    let grey_step = ((mean.saturating_sub(8) + 5) / 10).min(23);
    let grey = 8 + 10 * grey_step as u8;
    let distance = |(x, y, z): (u8, u8, u8)| {
        [(x, r), (y, g), (z, b)]
            .iter()
            .map(|&(a, c)| (i32::from(a) - i32::from(c)).pow(2))
            .sum::<i32>()
    };
    if distance((grey, grey, grey)) < distance(cube) {
        232 + grey_step as u8
    } else {
        16 + 36 * ri as u8 + 6 * gi as u8 + bi as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn only_colorterm_truecolor_or_24bit_gets_24_bit_colour() {
        let depth = |v: Option<&str>| Depth::from_colorterm(v.map(OsStr::new));
        assert_eq!(depth(Some("truecolor")), Depth::TrueColor);
        assert_eq!(depth(Some("24bit")), Depth::TrueColor);
        for other in [None, Some(""), Some("yes"), Some("256color")] {
            assert_eq!(depth(other), Depth::Palette256, "{other:?}");
        }
    }

    #[test]
    fn a_256_colour_terminal_gets_the_nearest_palette_colours() {
        assert_eq!(nearest_256(0, 0, 0), 16);
        assert_eq!(nearest_256(255, 255, 255), 231);
        assert_eq!(nearest_256(255, 0, 0), 196);
        assert_eq!(nearest_256(128, 128, 128), 244);
        // The sage accent lands on a soft green, not a grey.
        assert_eq!(nearest_256(134, 179, 150), 108);
        let area = ratatui::layout::Rect::new(0, 0, 2, 1);
        let mut buf = Buffer::empty(area);
        buf.set_style(area, Style::new().fg(ACCENT).bg(Color::Blue));
        let mut true_colour = buf.clone();
        Depth::Palette256.fit(&mut buf);
        assert_eq!(buf[(0, 0)].fg, Color::Indexed(108));
        assert_eq!(buf[(1, 0)].bg, Color::Blue);
        Depth::TrueColor.fit(&mut true_colour);
        assert_eq!(true_colour[(0, 0)].fg, ACCENT);
    }

    #[test]
    fn no_color_needs_a_non_empty_value() {
        assert!(Theme::from_no_color(None).color);
        assert!(Theme::from_no_color(Some(OsStr::new(""))).color);
        assert!(!Theme::from_no_color(Some(OsStr::new("1"))).color);
        assert!(!Theme::from_no_color(Some(OsStr::new("false"))).color);
    }

    #[test]
    fn plain_styles_carry_no_colour_but_keep_their_marks() {
        let plain = Theme::PLAIN;
        for style in [
            plain.text(),
            plain.muted(),
            plain.strong(),
            plain.shape(),
            plain.selected(),
            plain.caution(),
        ] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert!(plain.selected().add_modifier.contains(Modifier::REVERSED));
        assert!(plain.swatch(Color::Red).is_none());
        assert!(Theme::COLOR.swatch(Color::Red).is_some());
    }
}
