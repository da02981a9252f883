//! The `!` overlay: where to find a person to talk to right now. It opens from every screen,
//! and over a practice it pauses the clock rather than ending anything. The lines for the
//! person's region come first, then the rest; the words scroll when the window is small.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};

use super::lines::{indented, wrap_lines};
use super::scroll::{Fit, Scroll};
use super::{overlay_box, overlay_text_width};
use crate::support::lines::{CrisisLine, FINDER, Support};
use crate::support::plan::SECTIONS;
use crate::tui::action::Action;
use crate::tui::care::Care;
use crate::tui::widgets::Theme;

/// Said under the numbers.
const ABOUT: &str =
    "steady is for self-reflection, not treatment. Reaching out is a kind thing to do.";

/// The box's width, borders included.
const WIDTH: u16 = 64;

/// How far the overlay is scrolled.
#[derive(Debug, Default)]
pub struct SupportScreen {
    scroll: Scroll,
}

impl SupportScreen {
    pub fn update(&mut self, action: Action) {
        self.scroll.update(action);
    }
}

/// The person's safety plan (when there is one) and the crisis lines for their region.
pub struct SupportView<'a> {
    pub care: &'a Care,
    pub theme: Theme,
}

impl StatefulWidget for SupportView<'_> {
    type State = SupportScreen;

    fn render(self, area: Rect, buf: &mut Buffer, screen: &mut SupportScreen) {
        let fit = self.draw(screen, area, buf);
        screen.scroll.fitted(fit);
    }
}

impl SupportView<'_> {
    /// Draws the overlay over `screen`'s scroll; hands back what its window found.
    fn draw(&self, screen: &SupportScreen, area: Rect, buf: &mut Buffer) -> Fit {
        let (care, theme) = (self.care, self.theme);
        let support = Support::for_region(care.region.as_deref());
        let inner_w = usize::from(overlay_text_width(area, WIDTH)).max(1);
        let (before, after) = plan_lines(care, inner_w, theme);
        // In a small window the blank lines go, so more of the numbers fit at once.
        let roomy = area.height >= 18;
        let gap = |lines: &mut Vec<Line>| {
            if roomy {
                lines.push(Line::raw(""));
            }
        };
        let mut lines = wrap_lines(
            "In crisis? Please reach a person now.",
            inner_w,
            theme.strong(),
        );
        lines.extend(wrap_lines(&support.danger(), inner_w, theme.strong()));
        if !before.is_empty() {
            gap(&mut lines);
            lines.extend(before);
        }
        let block = |lines: &mut Vec<Line>, heading: String, items: &[CrisisLine]| {
            if items.is_empty() {
                return;
            }
            gap(lines);
            lines.extend(wrap_lines(&heading, inner_w, theme.muted()));
            for l in items {
                let text = l.text();
                lines.extend(indented(&text, inner_w, theme.text(), " "));
            }
        };
        let (here, rest) = match &support.region {
            Some(region) if !support.here.is_empty() => (
                format!("Where you are ({region}):"),
                "Elsewhere:".to_owned(),
            ),
            // Somewhere steady knows no line for: the finder above, then other countries'.
            Some(_) => (String::new(), "Lines in other countries:".to_owned()),
            None => (String::new(), "Lines you can call or text:".to_owned()),
        };
        let finder = |lines: &mut Vec<Line>| {
            lines.extend(indented(FINDER, inner_w, theme.text(), " "));
        };
        if support.finder_first() {
            gap(&mut lines);
            finder(&mut lines);
        }
        block(&mut lines, here, &support.here);
        block(&mut lines, rest, &support.elsewhere);
        if !support.finder_first() {
            finder(&mut lines);
        }
        gap(&mut lines);
        lines.extend(wrap_lines(ABOUT, inner_w, theme.muted()));
        if !after.is_empty() {
            gap(&mut lines);
            lines.extend(after);
        }
        // The lines in the box, scrolled.
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        let inner = overlay_box(buf, area, "Support", WIDTH, height);
        let (visible, fit) = screen
            .scroll
            .window(lines, usize::from(inner.height), theme, None);
        Paragraph::new(visible).render(inner, buf);
        fit
    }
}

/// The person's plan, to go first (empty when there is none), and the line about it to
/// close the overlay: a gentle offer to write one, how to change it, or why it cannot be read.
pub(super) fn plan_lines(
    care: &Care,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let plan = match &care.plan {
        Err(why) => {
            let path = crate::text::clean(&care.plan_path.display().to_string(), false);
            let text = format!(
                "Your safety plan in {path} could not be read ({why}), so it is not shown here; the file is kept as it is."
            );
            // After the lines, so that a small screen shows them first.
            return (Vec::new(), wrap_lines(&text, width, theme.caution()));
        }
        Ok(Some(plan)) if !plan.is_empty() => plan,
        Ok(_) => {
            let offer = "A safety plan is your own short list for a hard hour: your signs, what helps, who to call. Press p to write one, whenever you like.";
            return (Vec::new(), wrap_lines(offer, width, theme.muted()));
        }
    };
    let mut lines = wrap_lines("My safety plan", width, theme.strong());
    for (i, section) in SECTIONS.iter().enumerate() {
        let items = plan.items(i);
        if items.is_empty() {
            continue;
        }
        lines.extend(wrap_lines(section.title, width, theme.muted()));
        for item in items {
            lines.extend(indented(&format!("• {item}"), width, theme.text(), " "));
        }
    }
    let change = wrap_lines("Press p to change your plan.", width, theme.muted());
    (lines, change)
}
