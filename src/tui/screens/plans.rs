//! "Your plans" (`p` on home): what the person planned, to read again without searching
//! History. The safety plan first (Enter writes or changes it), then the latest reassurance
//! plan, three supports and eightieth-birthday act made in practices, each with the day it
//! was made, or a word that it is not made yet.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::lines::{indented, wrap_lines};
use super::practice::recorded;
use super::scroll::Scroll;
use super::support::plan_lines;
use crate::journal::entry::Entry;
use crate::practice::model::Practice;
use crate::text::clean;
use crate::tui::action::Action;
use crate::tui::care::Care;
use crate::tui::lately::PLAN_PRACTICES;
use crate::tui::widgets::Theme;

/// How far the plans are scrolled.
#[derive(Debug, Default)]
pub struct PlansScreen {
    scroll: Scroll,
}

impl PlansScreen {
    pub fn update(&mut self, action: Action) {
        self.scroll.update(action);
    }
}

/// The safety plan and the latest of each plan in `plans`.
pub struct PlansView<'a> {
    pub theme: Theme,
    pub care: &'a Care,
    pub plans: &'a [Entry],
    pub practices: &'a [Arc<Practice>],
}

impl StatefulWidget for PlansView<'_> {
    type State = PlansScreen;

    fn render(self, area: Rect, buf: &mut Buffer, screen: &mut PlansScreen) {
        let fit = screen.scroll.page(area, buf, self.theme, |width| {
            (
                plans_lines(self.care, self.plans, self.practices, width, self.theme),
                None,
            )
        });
        screen.scroll.fitted(fit);
    }
}

/// Every line of the screen, wrapped to `width`.
fn plans_lines(
    care: &Care,
    plans: &[Entry],
    practices: &[Arc<Practice>],
    width: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = wrap_lines("Your plans", width, theme.strong());
    let about = "What you planned, to come back to: your safety plan, and the latest plan made in each practice that makes one.";
    lines.extend(wrap_lines(about, width, theme.muted()));
    lines.push(Line::raw(""));
    // The support overlay's closing line ("Press p …") is left out: here Enter opens the
    // editor, as the line below says.
    let (plan, after) = plan_lines(care, width, theme);
    if !plan.is_empty() {
        lines.extend(plan);
    } else if care.plan.is_err() {
        // Why the plan cannot be read is all there is to say of it.
        lines.extend(wrap_lines("My safety plan", width, theme.strong()));
        lines.extend(after);
    } else {
        lines.extend(wrap_lines("My safety plan", width, theme.strong()));
        lines.extend(wrap_lines("Not written yet.", width, theme.text()));
    }
    lines.extend(wrap_lines(
        "Enter writes or changes your safety plan.",
        width,
        theme.muted(),
    ));
    for id in PLAN_PRACTICES {
        let Some(practice) = practices.iter().find(|p| p.id == id) else {
            continue;
        };
        lines.push(Line::raw(""));
        lines.extend(wrap_lines(
            &clean(&practice.title, false),
            width,
            theme.strong(),
        ));
        match plans.iter().find(|e| e.practice == id) {
            Some(entry) => {
                let day = entry.started_at.format("%-d %B %Y");
                lines.extend(wrap_lines(&format!("Made on {day}."), width, theme.muted()));
                for (asked, given) in recorded::lines(practice, entry) {
                    lines.extend(wrap_lines(&asked, width, theme.muted()));
                    for row in given.lines() {
                        lines.extend(indented(row, width, theme.text(), "  "));
                    }
                }
            }
            None => lines.extend(wrap_lines(
                "Not made yet. It is on home whenever you would like to make it.",
                width,
                theme.text(),
            )),
        }
    }
    lines
}
