//! The question Esc asks in a practice: keep what I have, discard, or carry on. Its choices
//! are the lines of its key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{overlay_box, wrapped};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

pub fn render(frame: &mut Frame, area: Rect, keymap: Keymap, theme: Theme) {
    let question = if keymap == Keymap::LeaveKeep {
        "Leave this practice? What you answered can be kept, marked as not finished."
    } else {
        "Leave this practice? Nothing has been recorded yet."
    };
    let mut lines = vec![Line::styled(question, theme.text()), Line::raw("")];
    lines.extend(keymap.hints().map(|b| {
        Line::from(vec![
            Span::styled(format!("  {}  ", b.label), theme.strong()),
            Span::styled(b.does, theme.text()),
        ])
    }));
    let inner = overlay_box(frame, area, "Leave?", 48, lines.len() as u16 + 4);
    frame.render_widget(wrapped(lines), inner);
}
