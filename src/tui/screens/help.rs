//! The `?` overlay: every key of the screen beneath, straight from its key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{overlay_box, overlay_text_width};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{Theme, wrap};

/// The box's width, borders included.
const WIDTH: u16 = 52;

/// The keys of `beneath`, drawn over whatever is there.
pub struct HelpView {
    pub beneath: Keymap,
    pub theme: Theme,
}

impl Widget for HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (beneath, theme) = (self.beneath, self.theme);
        let inner_w = usize::from(overlay_text_width(area, WIDTH));
        let label_w = beneath.listed().map(|b| b.label.width()).max().unwrap_or(0);
        // What a key does wraps under its own column, so the keys stay easy to scan.
        let does_w = inner_w.saturating_sub(label_w + 2).max(1);
        let mut lines: Vec<Line> = Vec::new();
        for b in beneath.listed() {
            for (i, row) in wrap(b.does, does_w).into_iter().enumerate() {
                let label = if i == 0 { b.label } else { "" };
                let pad = label_w.saturating_sub(label.width()) + 2;
                lines.push(Line::from(vec![
                    Span::styled(format!("{label}{}", " ".repeat(pad)), theme.strong()),
                    Span::styled(b.does[row].trim_end(), theme.text()),
                ]));
            }
        }
        // The way out is in the app's footer below the box, so the box is only the keys.
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let inner = overlay_box(buf, area, "Keys", WIDTH, height);
        Paragraph::new(lines).render(inner, buf);
    }
}
