//! What shows when the window is smaller than any screen can fit.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Rect};

use super::wrapped;

/// The smallest size every screen is designed for.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Whether `area` is too small for the screens.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// One gentle line, as much of it as fits.
pub fn render(frame: &mut Frame, area: Rect) {
    let text = "Make the window a little bigger";
    let lines = if area.width == 0 {
        1
    } else {
        (text.len() as u16).div_ceil(area.width)
    };
    let middle = area.centered_vertically(Constraint::Length(lines.min(area.height)));
    frame.render_widget(wrapped(text).alignment(Alignment::Center), middle);
}
