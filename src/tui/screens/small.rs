//! What shows when the window is smaller than any screen can fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Rect};
use ratatui::widgets::Widget;

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
pub struct SmallView {
    pub practice: bool,
}

impl Widget for SmallView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let waits = if self.practice {
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
        wrapped(text)
            .alignment(Alignment::Center)
            .render(middle, buf);
    }
}
