//! One module per screen, plus the pieces every screen shares: the footer of live keys and
//! the box an overlay sits in.

pub mod help;
pub mod home;
pub mod leave;
pub mod practice;
pub mod small;
pub mod support;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::keymap::Keymap;
use super::widgets::Theme;

/// The footer: the keys that work now, from the screen's key table.
pub fn footer(keymap: Keymap, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (keys, does)) in keymap.hints().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::styled(keys, theme.strong()));
        spans.push(Span::styled(format!(" {does}"), theme.text()));
    }
    Line::from(spans)
}

/// Draws a bordered box of about `width` × `height` in the middle of `area` (never larger
/// than it), clears what is under it, and returns the inside.
pub fn overlay_box(frame: &mut Frame, area: Rect, title: &str, width: u16, height: u16) -> Rect {
    let outer = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(outer);
    frame.render_widget(Clear, outer);
    frame.render_widget(block, outer);
    inner
}

/// Wrapped text that keeps leading spaces (they indent lists).
pub fn wrapped<'a>(text: impl Into<ratatui::text::Text<'a>>) -> Paragraph<'a> {
    Paragraph::new(text).wrap(Wrap { trim: false })
}
