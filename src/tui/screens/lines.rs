//! Text as lines for screens that scroll (support, the safety plan, guides): wrapped to a
//! width at spaces, each row its own line, so a screen can count its rows before drawing.

use ratatui::style::Style;
use ratatui::text::Line;

use crate::tui::widgets::wrap;

/// `text` wrapped to `width`, one line per row.
pub fn wrap_lines(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    indented(text, width, style, "")
}

/// `text` wrapped with every row starting with `indent` (a list item, a summary).
pub fn indented(text: &str, width: usize, style: Style, indent: &str) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(indent.len()).max(1))
        .into_iter()
        .map(|row| Line::styled(format!("{indent}{}", text[row].trim_end()), style))
        .collect()
}
