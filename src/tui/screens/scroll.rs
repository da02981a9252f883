//! Text taller than its window: how far it is scrolled, the keys that move it, and the
//! visible part with a word at the bottom when there is more. The limits come from the last
//! drawing: `window` and `page` only read the scroll and hand back what they found (a
//! [`Fit`]), which the screen's view keeps with `fitted`, so `update` stays pure and
//! drawing only reads state.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, Widget};

use crate::tui::action::Action;
use crate::tui::widgets::Theme;

#[derive(Debug, Default, Clone)]
pub struct Scroll {
    offset: usize,
    fit: Fit,
}

/// What a drawing found about the text in its window: how far it can scroll, and how many
/// rows a page key moves.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    max: usize,
    page: usize,
}

impl Scroll {
    /// Moves for ↑↓, PgUp/PgDn, Home and End; other actions change nothing.
    pub fn update(&mut self, action: Action) {
        let page = self.fit.page.max(1);
        self.offset = match action {
            Action::Up => self.offset.saturating_sub(1),
            Action::Down => self.offset + 1,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::PageDown => self.offset + page,
            Action::First => 0,
            Action::Last => self.fit.max,
            _ => self.offset,
        }
        .min(self.fit.max);
    }

    /// Keeps what the last drawing found, for the keys.
    pub fn fitted(&mut self, fit: Fit) {
        self.fit = fit;
    }

    /// Draws a whole-screen page over `area` (cleared, a column of margin each side):
    /// `lines` makes its lines for a width, with the lines a cursor is on (or None), and
    /// the page shows the part that fits, as `window` does.
    pub fn page(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: Theme,
        lines: impl FnOnce(usize) -> (Vec<Line<'static>>, Option<(usize, usize)>),
    ) -> Fit {
        Clear.render(area, buf);
        let area = area.inner(Margin::new(1, 0));
        let (lines, focus) = lines(usize::from(area.width).max(1));
        let (visible, fit) = self.window(lines, usize::from(area.height), theme, focus);
        Paragraph::new(visible).render(area, buf);
        fit
    }

    /// The part of `lines` that fits in `rows`, with its last row saying there is more
    /// when not everything fits, and what that found for the keys. With a `focus` (the
    /// first line a cursor is on, and how many lines it covers), the window follows it
    /// instead of the scroll keys.
    pub fn window(
        &self,
        lines: Vec<Line<'static>>,
        rows: usize,
        theme: Theme,
        focus: Option<(usize, usize)>,
    ) -> (Vec<Line<'static>>, Fit) {
        let overflow = lines.len() > rows;
        let shown = if overflow {
            rows.saturating_sub(1)
        } else {
            rows
        };
        let max = lines.len().saturating_sub(shown);
        let fit = Fit {
            max,
            page: shown.saturating_sub(1).max(1),
        };
        let offset = match focus {
            Some((line, height)) => (line + height).saturating_sub(shown).min(line),
            None => self.offset,
        }
        .min(max);
        let mut visible: Vec<Line> = lines.into_iter().skip(offset).take(shown).collect();
        if overflow && rows > 0 {
            let more = match (offset > 0, offset < max) {
                (true, true) => "↑↓ more",
                (false, _) => "↓ more below",
                (true, false) => "↑ more above",
            };
            visible.push(Line::styled(more, theme.muted()));
        }
        (visible, fit)
    }
}
