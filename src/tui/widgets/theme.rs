//! The few styles the widgets draw with. Colour is a calm, soft palette and always optional:
//! under `NO_COLOR` every style keeps only its modifiers (bold, dim, reversed), so anything
//! that matters is also carried by a symbol, a word or a modifier.

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
            color: value.is_none_or(|v| v.is_empty()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

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
