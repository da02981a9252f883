//! The `!` overlay: where to find a person to talk to right now. It opens from every screen,
//! and over a practice it pauses the clock rather than ending anything.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{overlay_box, overlay_text_width};
use crate::tui::widgets::{Theme, wrap};

/// The crisis lines, one per line, short enough for the smallest window.
pub const LINES: [&str; 6] = [
    "988: US and Canada, call or text",
    "116 123: Samaritans, UK and Ireland",
    "13 11 14: Lifeline, Australia",
    "112: emergencies, across the EU",
    "Text HOME to 741741",
    "findahelpline.com: many countries",
];

/// Said under the numbers when there is room.
const ABOUT: &str =
    "steady is for self-reflection, not treatment. Reaching out is a kind thing to do.";

/// The box's width, borders included.
const WIDTH: u16 = 60;

pub fn render(frame: &mut Frame, area: Rect, theme: Theme) {
    let inner_w = usize::from(overlay_text_width(area, WIDTH));
    // In a small window the blank lines go first, then the sentence about steady, so every
    // number stays in view (the way out is in the footer below).
    let roomy = area.height >= 18;
    let gap = || roomy.then(|| Line::raw(""));
    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        "In crisis? Please reach a person now:",
        theme.strong(),
    ));
    lines.extend(gap());
    lines.extend(LINES.iter().map(|l| Line::raw(format!(" {l}"))));
    let about: Vec<Line> = wrap(ABOUT, inner_w)
        .into_iter()
        .map(|row| Line::raw(ABOUT[row].trim_end()))
        .collect();
    if lines.len() + about.len() + 2 <= usize::from(area.height) {
        lines.extend(gap());
        lines.extend(about);
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = overlay_box(frame, area, "Support", WIDTH, height);
    frame.render_widget(Paragraph::new(lines), inner);
}
