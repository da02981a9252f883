//! The question Esc asks in a practice: keep what I have, discard, or carry on. Its choices
//! are the lines of its key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{overlay_box, wrapped};
use crate::tui::keymap::Keymap;

pub fn render(frame: &mut Frame, area: Rect, keymap: Keymap) {
    let question = if keymap == Keymap::LeaveKeep {
        "Leave this practice? What you answered can be kept, marked as not finished."
    } else {
        "Leave this practice? Nothing has been recorded yet."
    };
    let mut lines = vec![Line::raw(question), Line::raw("")];
    lines.extend(keymap.hints().map(|(keys, does)| {
        Line::from(vec![
            Span::styled(
                format!("  {keys}  "),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(does),
        ])
    }));
    let inner = overlay_box(frame, area, "Leave?", 48, lines.len() as u16 + 4);
    frame.render_widget(wrapped(lines), inner);
}
