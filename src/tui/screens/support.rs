//! The `!` overlay: where to find a person to talk to right now. It opens from every screen,
//! and over a practice it pauses the clock rather than ending anything.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::{footer, overlay_box, wrapped};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// The crisis lines, one per line, short enough for the smallest window.
pub const LINES: [&str; 6] = [
    "988: US and Canada, call or text",
    "116 123: Samaritans, UK and Ireland",
    "13 11 14: Lifeline, Australia",
    "112: emergencies, across the EU",
    "Text HOME to 741741",
    "findahelpline.com: many countries",
];

/// The box's width, borders included.
const WIDTH: u16 = 60;

pub fn render(frame: &mut Frame, area: Rect, theme: Theme) {
    // In a small window the blank lines go first, so every number stays in view.
    let roomy = area.height >= 18;
    let gap = || roomy.then(|| Line::raw(""));
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        "In crisis? Please reach a person now:",
        theme.strong(),
    ));
    lines.extend(gap());
    lines.extend(LINES.iter().map(|l| Line::raw(format!(" {l}"))));
    lines.extend(gap());
    lines.push(Line::raw(
        "steady is for self-reflection, not treatment. Reaching out is a kind thing to do.",
    ));
    lines.extend(gap());
    lines.push(footer(
        Keymap::Support,
        theme,
        area.width.min(WIDTH).saturating_sub(2),
    ));
    let inner = overlay_box(frame, area, "Support", WIDTH, 15);
    frame.render_widget(wrapped(lines), inner);
}
