//! One module per screen, plus the pieces every screen shares: the footer of live keys and
//! the box an overlay sits in.
//!
//! Every screen draws in one shape. A view (`HomeView`, `SupportView`, …) is made for each
//! frame from what the screen reads beside its own state (the theme, the practices, the
//! care) and is a ratatui `StatefulWidget` whose `State` is the screen; the overlays that
//! keep no state (the keys, leaving a practice, a window too small) are a `Widget`. A view
//! only reads the screen: its `draw` takes it by `&` and hands back what only a drawing can
//! measure and the keys need (how many rows fit, how far the text can scroll, where the
//! terminal cursor goes), which `render` keeps in the screen for `update`.

pub mod guide;
pub mod help;
pub mod home;
pub mod leave;
pub mod lines;
pub mod plan;
pub mod plans;
pub mod practice;
pub mod review;
pub mod scroll;
pub mod small;
pub mod support;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use super::keymap::{Binding, Does, Keymap};
use super::widgets::Theme;

/// The footer: the keys that work now, from the screen's key table, as many as fit in
/// `width`. The screen's first key (its main one), the help key and the support key are
/// never the ones left out; when anything else is, the help key says "more" instead of
/// "keys", since `?` (F1 while typing) shows whatever did not fit.
pub fn footer(keymap: Keymap, theme: Theme, width: u16) -> Line<'static> {
    const GAP: &str = " · ";
    const MORE: &str = "more";
    let hints: Vec<&Binding> = keymap.hints().collect();
    let cost = |b: &Binding| b.label.width() + 1 + b.does.width() + GAP.width();
    let is_help = |b: &Binding| b.act == Does::Act(Action::Help);
    let always =
        |i: usize, b: &Binding| i == 0 || is_help(b) || b.act == Does::Act(Action::Support);
    // The help key is reserved at its wider wording, so saying "more" never needs room.
    let reserved: usize = hints
        .iter()
        .enumerate()
        .filter(|(i, b)| always(*i, b))
        .map(|(_, b)| {
            cost(b)
                + if is_help(b) {
                    MORE.width().saturating_sub(b.does.width())
                } else {
                    0
                }
        })
        .sum();
    let mut room = (usize::from(width) + GAP.width()).saturating_sub(reserved);
    let mut shown = Vec::new();
    let mut left_out = false;
    for (i, b) in hints.into_iter().enumerate() {
        if !always(i, b) {
            if cost(b) > room {
                left_out = true;
                continue;
            }
            room -= cost(b);
        }
        shown.push(b);
    }
    let mut spans = Vec::new();
    for b in shown {
        if !spans.is_empty() {
            spans.push(Span::raw(GAP));
        }
        let does = if left_out && is_help(b) { MORE } else { b.does };
        spans.push(Span::styled(b.label, theme.strong()));
        spans.push(Span::styled(format!(" {does}"), theme.text()));
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
pub fn overlay_box(buf: &mut Buffer, area: Rect, title: &str, width: u16, height: u16) -> Rect {
    let outer = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    let padding = u16::from(outer.width >= PADDED_FROM);
    let block = Block::bordered()
        .title(format!(" {title} "))
        .padding(Padding::horizontal(padding));
    let inner = block.inner(outer);
    Clear.render(outer, buf);
    block.render(outer, buf);
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
    fn a_narrow_footer_keeps_the_main_key_help_and_support_and_says_more() {
        let text = |w| footer(Keymap::Home, Theme::PLAIN, w).to_string();
        assert_eq!(
            text(80),
            "Enter start · ↑↓ choose · r review · ? keys · ! support · q quit"
        );
        let narrow = text(40);
        assert!(narrow.width() <= 40, "{narrow}");
        assert_eq!(narrow, "Enter start · ? more · ! support");
        assert_eq!(text(3), "Enter start · ? more · ! support");
    }

    /// Every screen's footer, at every width a screen is drawn at, either names every key
    /// it has a hint for or says where the rest are.
    #[test]
    fn every_footer_shows_its_keys_or_more() {
        for map in crate::tui::keymap::tests::ALL {
            let labels: Vec<&str> = map.hints().map(|b| b.label).collect();
            for width in [40, 60, 80, 100, 120] {
                let text = footer(map, Theme::PLAIN, width).to_string();
                let all = labels.iter().all(|l| text.contains(l));
                assert!(all || text.contains(" more"), "{map:?} at {width}: {text}");
                assert!(
                    text.width() <= usize::from(width),
                    "{map:?} at {width}: {text}"
                );
            }
        }
    }

    #[test]
    fn history_names_edit_export_leave_and_the_next_screen_at_120_columns() {
        let text = footer(Keymap::ReviewHistory, Theme::PLAIN, 120).to_string();
        for hint in ["e edit", "x export", "q leave", "Tab next screen"] {
            assert!(text.contains(hint), "{hint} in {text}");
        }
    }
}
