//! The question Esc asks in a practice: keep what I have, discard, or carry on. Its choices
//! are the lines of its key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{overlay_box, wrapped};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// The question, with the choices of `keymap` (`LeaveKeep` when there are answers to keep).
pub struct LeaveView {
    pub keymap: Keymap,
    pub theme: Theme,
}

impl Widget for LeaveView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (keymap, theme) = (self.keymap, self.theme);
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
        let inner = overlay_box(buf, area, "Leave?", 48, lines.len() as u16 + 4);
        wrapped(lines).render(inner, buf);
    }
}
