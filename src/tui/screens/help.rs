//! The `?` overlay: every key of the screen beneath, straight from its key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{footer, overlay_box, wrapped};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// The box's width, borders included.
const WIDTH: u16 = 52;

/// Draws the keys of `beneath` over `area`.
pub fn render(frame: &mut Frame, area: Rect, beneath: Keymap, theme: Theme) {
    let width = beneath
        .bindings()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = beneath
        .bindings()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!("{:<width$}  ", b.label), theme.strong()),
                Span::styled(b.does, theme.text()),
            ])
        })
        .collect();
    // The blank line before the footer goes first when the window is short.
    if usize::from(area.height) >= lines.len() + 4 {
        lines.push(Line::raw(""));
    }
    lines.push(footer(
        Keymap::Help,
        theme,
        area.width.min(WIDTH).saturating_sub(2),
    ));
    let height = lines.len() as u16 + 2;
    let inner = overlay_box(frame, area, "Keys", WIDTH, height);
    frame.render_widget(wrapped(lines), inner);
}
