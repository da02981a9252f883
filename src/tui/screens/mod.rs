//! One module per screen, plus the pieces every screen shares: the footer of live keys and
//! the box an overlay sits in.

pub mod guide;
pub mod help;
pub mod home;
pub mod leave;
pub mod lines;
pub mod plan;
pub mod practice;
pub mod review;
pub mod scroll;
pub mod small;
pub mod support;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::keymap::{Binding, Does, Keymap};
use super::widgets::Theme;

/// The footer: the keys that work now, from the screen's key table, as many as fit in
/// `width`. The screen's first key (its main one) and the support key are never the ones
/// left out; `?` shows whatever did not fit.
pub fn footer(keymap: Keymap, theme: Theme, width: u16) -> Line<'static> {
    const GAP: &str = " · ";
    let hints: Vec<&Binding> = keymap.hints().collect();
    let cost = |b: &Binding| b.label.width() + 1 + b.does.width() + GAP.width();
    let always = |i: usize, b: &Binding| i == 0 || b.act == Does::Act(Action::Support);
    let reserved: usize = hints
        .iter()
        .enumerate()
        .filter(|(i, b)| always(*i, b))
        .map(|(_, b)| cost(b))
        .sum();
    let mut room = (usize::from(width) + GAP.width()).saturating_sub(reserved);
    let mut spans = Vec::new();
    for (i, b) in hints.into_iter().enumerate() {
        if !always(i, b) {
            if cost(b) > room {
                continue;
            }
            room -= cost(b);
        }
        if !spans.is_empty() {
            spans.push(Span::raw(GAP));
        }
        spans.push(Span::styled(b.label, theme.strong()));
        spans.push(Span::styled(format!(" {}", b.does), theme.text()));
    }
    Line::from(spans)
}

/// Boxes at least this wide keep a blank column inside each border, so text does not touch
/// it; narrower ones need every column (the crisis lines at 40 columns).
const PADDED_FROM: u16 = 44;

/// The columns text has inside an overlay box about `width` wide in `area`.
pub fn overlay_text_width(area: Rect, width: u16) -> u16 {
    let outer = width.min(area.width);
    outer.saturating_sub(if outer >= PADDED_FROM { 4 } else { 2 })
}

/// Draws a bordered box of about `width` × `height` in the middle of `area` (never larger
/// than it), clears what is under it, and returns the inside (`overlay_text_width` wide).
pub fn overlay_box(frame: &mut Frame, area: Rect, title: &str, width: u16, height: u16) -> Rect {
    let outer = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    let padding = u16::from(outer.width >= PADDED_FROM);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .padding(Padding::horizontal(padding));
    let inner = block.inner(outer);
    frame.render_widget(Clear, outer);
    frame.render_widget(block, outer);
    inner
}

/// Wrapped text that keeps leading spaces (they indent lists).
pub fn wrapped<'a>(text: impl Into<ratatui::text::Text<'a>>) -> Paragraph<'a> {
    Paragraph::new(text).wrap(Wrap { trim: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_narrow_footer_keeps_the_main_key_and_support() {
        let text = |w| footer(Keymap::Home, Theme::PLAIN, w).to_string();
        assert_eq!(
            text(80),
            "Enter start · ↑↓ choose · r review · ? keys · ! support · q quit"
        );
        let narrow = text(38);
        assert!(narrow.width() <= 38, "{narrow}");
        assert_eq!(narrow, "Enter start · ↑↓ choose · ! support");
        assert_eq!(text(3), "Enter start · ! support");
    }
}
