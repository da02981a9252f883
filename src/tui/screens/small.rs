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

/// One gentle sentence naming the size needed, as much of it as fits; with `practice`, that
/// the practice waits meanwhile.
pub fn render(frame: &mut Frame, area: Rect, practice: bool) {
    let waits = if practice {
        " The practice is paused until then."
    } else {
        ""
    };
    let text = format!(
        "Make the window at least {MIN_WIDTH}×{MIN_HEIGHT}; it is {}×{} now.{waits}",
        area.width, area.height
    );
    let lines = if area.width == 0 {
        1
    } else {
        (text.chars().count() as u16).div_ceil(area.width)
    };
    let middle = area.centered_vertically(Constraint::Length(lines.min(area.height)));
    frame.render_widget(wrapped(text).alignment(Alignment::Center), middle);
}
