//! How review draws: calm styles that fall back to plain text under `NO_COLOR`, and the
//! colour swatch for a check-in colour word.

use ratatui::style::{Color, Modifier, Style};

/// Styles for the review screens; `color` false (NO_COLOR) means only bold/reverse/dim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub color: bool,
}

impl Look {
    /// Colour is on unless `NO_COLOR` is set to a non-empty value.
    pub fn from_env() -> Self {
        Self {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    pub fn plain(self) -> Style {
        Style::default()
    }

    /// Headings and the active tab.
    pub fn title(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Secondary text: hints, axis labels, counts.
    pub fn quiet(self) -> Style {
        if self.color {
            Style::default().fg(Color::Gray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    /// The selected row or day.
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Active filters and other things the person set.
    pub fn accent(self) -> Style {
        if self.color {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    /// A line or bar in a chart; `second` picks the other of two series.
    pub fn series(self, second: bool) -> Style {
        match (self.color, second) {
            (false, _) => Style::default(),
            (true, false) => Style::default().fg(Color::Cyan),
            (true, true) => Style::default().fg(Color::LightGreen),
        }
    }

    /// The swatch style for a colour word, or None when colour is off or the word unknown.
    pub fn swatch(self, name: &str) -> Option<Color> {
        if self.color { swatch(name) } else { None }
    }
}

/// The terminal colour for a check-in colour word (the default palette and a few common
/// others).
pub fn swatch(name: &str) -> Option<Color> {
    let rgb = match name.trim().to_lowercase().as_str() {
        "red" => (200, 80, 70),
        "orange" => (230, 145, 60),
        "yellow" => (230, 205, 90),
        "green" => (100, 175, 100),
        "teal" => (60, 160, 160),
        "blue" => (80, 130, 210),
        "purple" | "violet" => (145, 100, 190),
        "pink" => (225, 140, 175),
        "brown" => (150, 105, 70),
        "grey" | "gray" => (150, 150, 150),
        "black" => (40, 40, 40),
        "white" => (235, 235, 235),
        "gold" => (215, 175, 55),
        _ => return None,
    };
    Some(Color::Rgb(rgb.0, rgb.1, rgb.2))
}

/// A text colour that reads on top of `bg`.
pub fn ink_on(bg: Color) -> Color {
    match bg {
        Color::Rgb(r, g, b) if u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b) > 1400 => {
            Color::Black
        }
        _ => Color::White,
    }
}
