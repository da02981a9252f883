//! The guides screen: without a guide under way, the guides to choose from (one left midway
//! offers to carry on at the step it was left on); with one, its current step in full (the
//! few sentences, what to do, the practices that serve it, which Enter starts, and the
//! passage it comes from), moving on when the person chooses and leaving after a yes.

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::StatefulWidget;

use super::lines::{indented, wrap_lines};
use super::scroll::Scroll;
use crate::guide::Guide;
use crate::guide::progress::{Event, left_at};
use crate::journal::VaultError;
use crate::practice::model::Practice;
use crate::tui::action::Action;
use crate::tui::care::Care;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::Theme;

/// What the app should record after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum GuideOutcome {
    Stay,
    /// Record `Event` at step `usize` of the guide.
    Record(Arc<Guide>, usize, Event),
    /// Start the practice at this index of the library's practices.
    Practise(usize),
}

#[derive(Debug, Default)]
pub struct GuideScreen {
    /// The guide under the cursor when choosing.
    cursor: usize,
    /// The practice of the step under the cursor (an index into the step's practices).
    practice: usize,
    /// Whether ↑↓ last moved the practice cursor (the window follows it) rather than the
    /// page keys scrolling the text.
    follow: bool,
    scroll: Scroll,
    /// How the last step taken went, in a sentence.
    status: Option<String>,
    /// `x` was pressed: waiting for a yes before leaving the guide.
    leaving: bool,
    /// A guide left midway was chosen again: carry on at this step, or start over.
    resuming: Option<(Arc<Guide>, usize)>,
}

impl GuideScreen {
    pub fn keymap(&self, care: &Care) -> Keymap {
        if self.leaving {
            Keymap::Ask
        } else if self.resuming.is_some() {
            Keymap::GuideResume
        } else if care.guide_under_way().is_some() {
            Keymap::GuideStep
        } else {
            Keymap::GuideChoose
        }
    }

    pub fn update(
        &mut self,
        action: Action,
        care: &Care,
        practices: &[Arc<Practice>],
    ) -> GuideOutcome {
        if let Some((guide, step)) = self.resuming.take() {
            return match action {
                Action::Yes => GuideOutcome::Record(guide, step, Event::Started),
                Action::No => GuideOutcome::Record(guide, 1, Event::Started),
                _ => GuideOutcome::Stay,
            };
        }
        if let Some((guide, step)) = care.guide_under_way() {
            if std::mem::take(&mut self.leaving) {
                return match action {
                    Action::Yes => GuideOutcome::Record(guide, step, Event::Left),
                    _ => GuideOutcome::Stay,
                };
            }
            let listed = step_practices(&guide, step, practices);
            return match action {
                Action::NextStep if step >= guide.steps.len() => {
                    GuideOutcome::Record(guide, step, Event::Finished)
                }
                Action::NextStep => GuideOutcome::Record(guide, step + 1, Event::MovedOn),
                Action::LeaveGuide => {
                    self.leaving = true;
                    GuideOutcome::Stay
                }
                Action::Confirm => listed
                    .get(self.practice)
                    .map_or(GuideOutcome::Stay, |&i| GuideOutcome::Practise(i)),
                Action::Up | Action::Down if !listed.is_empty() => {
                    self.practice = if action == Action::Up {
                        self.practice.saturating_sub(1)
                    } else {
                        (self.practice + 1).min(listed.len() - 1)
                    };
                    self.follow = true;
                    GuideOutcome::Stay
                }
                other => {
                    self.follow = false;
                    self.scroll.update(other);
                    GuideOutcome::Stay
                }
            };
        }
        let last = care.guides.len().saturating_sub(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp | Action::First => self.cursor = 0,
            Action::PageDown | Action::Last => self.cursor = last,
            Action::Confirm => {
                if let Some(guide) = care.guides.get(self.cursor) {
                    if let Some(step) = left_at(&care.guide_events, &guide.id) {
                        self.resuming = Some((guide.clone(), step));
                        return GuideOutcome::Stay;
                    }
                    return GuideOutcome::Record(guide.clone(), 1, Event::Started);
                }
            }
            _ => {}
        }
        GuideOutcome::Stay
    }

    /// How recording `event` went.
    pub fn saved(&mut self, event: Event, step: usize, result: Result<(), &VaultError>) {
        self.scroll = Scroll::default();
        self.practice = 0;
        self.follow = false;
        self.status = Some(match (result, event) {
            (Err(why), _) => format!("That could not be saved: {why}"),
            (Ok(()), Event::Started) if step > 1 => {
                format!("Carrying on at step {step}. Its practices now come first on home.")
            }
            (Ok(()), Event::Started) => {
                "Started. This step's practices now come first on home.".to_owned()
            }
            (Ok(()), Event::MovedOn) => format!("On to step {step}, at your own pace."),
            (Ok(()), Event::Finished) => {
                "That was the last step. You can begin a guide again whenever you like.".to_owned()
            }
            (Ok(()), Event::Left) => {
                "You've left the guide. It will be here if you want it again.".to_owned()
            }
        });
    }

    /// The lines of the screen at `width`, and where the cursor's lines are.
    fn page_lines(
        &self,
        width: usize,
        theme: Theme,
        care: &Care,
        practices: &[Arc<Practice>],
    ) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
        let mut lines: Vec<Line<'static>> = Vec::new();
        let question = if self.leaving {
            Some(
                "Leave this guide? y leaves it (you can carry on from this step later), n stays."
                    .to_owned(),
            )
        } else {
            self.resuming.as_ref().map(|(guide, step)| {
                format!(
                    "You left {} at step {step}. c carries on there, s starts again at step 1.",
                    guide.title
                )
            })
        };
        if let Some(question) = &question {
            lines.extend(wrap_lines(question, width, theme.strong()));
            lines.push(Line::raw(""));
        } else if let Some(status) = &self.status {
            lines.extend(wrap_lines(status, width, theme.text()));
            lines.push(Line::raw(""));
        }
        let focus = match care.guide_under_way() {
            Some((guide, n)) => {
                let chosen = step_lines(
                    &mut lines,
                    &guide,
                    n,
                    practices,
                    self.practice,
                    width,
                    theme,
                );
                chosen.filter(|_| self.follow)
            }
            None => self.choice_lines(&mut lines, care, width, theme),
        };
        (lines, focus)
    }

    /// The guides to choose from; returns where the chosen one's lines are, to keep in view.
    fn choice_lines(
        &self,
        lines: &mut Vec<Line<'static>>,
        care: &Care,
        width: usize,
        theme: Theme,
    ) -> Option<(usize, usize)> {
        lines.extend(wrap_lines("Guides", width, theme.strong()));
        let about = "A guide is a path through practices, one step at a time. You move on when you are ready; there is no deadline, and you can leave whenever you like.";
        lines.extend(wrap_lines(about, width, theme.muted()));
        if care.guides.is_empty() {
            lines.push(Line::raw(""));
            let none = "No guides to show; `steady guides` says where they are looked for.";
            lines.extend(wrap_lines(none, width, theme.text()));
        }
        let mut focus = None;
        for (i, g) in care.guides.iter().enumerate() {
            lines.push(Line::raw(""));
            let start = lines.len();
            let chosen = i == self.cursor;
            let style = if chosen {
                theme.selected()
            } else {
                theme.text()
            };
            let title = format!("{} ({} steps)", g.title, g.steps.len());
            let mut rows = indented(&title, width, style, "  ");
            if chosen && let Some(first) = rows.first_mut() {
                let text = first.to_string();
                *first = Line::styled(format!("›{}", text.get(1..).unwrap_or("")), style);
            }
            lines.extend(rows);
            lines.extend(indented(&g.summary, width, theme.muted(), "    "));
            if chosen {
                focus = Some((start, lines.len() - start));
            }
        }
        focus
    }
}

/// The guides to choose from, or the step under way.
pub struct GuideView<'a> {
    pub theme: Theme,
    pub care: &'a Care,
    pub practices: &'a [Arc<Practice>],
}

impl StatefulWidget for GuideView<'_> {
    type State = GuideScreen;

    fn render(self, area: Rect, buf: &mut Buffer, screen: &mut GuideScreen) {
        let fit = screen.scroll.page(area, buf, self.theme, |width| {
            screen.page_lines(width, self.theme, self.care, self.practices)
        });
        screen.scroll.fitted(fit);
    }
}

/// The practices of step `n` of `guide`, as indices into `practices`, in the step's order.
fn step_practices(guide: &Guide, n: usize, practices: &[Arc<Practice>]) -> Vec<usize> {
    guide.step(n).map_or_else(Vec::new, |step| {
        step.practices
            .iter()
            .filter_map(|id| practices.iter().position(|p| &p.id == id))
            .collect()
    })
}

/// Step `n` of `guide` in full, with the cursor on its practice number `chosen`; returns
/// where that practice's line is, to keep in view.
fn step_lines(
    lines: &mut Vec<Line<'static>>,
    guide: &Guide,
    n: usize,
    practices: &[Arc<Practice>],
    chosen: usize,
    width: usize,
    theme: Theme,
) -> Option<(usize, usize)> {
    let step = guide.step(n)?;
    let place = format!("{}: step {n} of {}", guide.title, guide.steps.len());
    lines.extend(wrap_lines(&place, width, theme.muted()));
    lines.extend(wrap_lines(&step.title, width, theme.strong()));
    for paragraph in step.text.lines().filter(|l| !l.trim().is_empty()) {
        lines.push(Line::raw(""));
        lines.extend(wrap_lines(paragraph.trim(), width, theme.text()));
    }
    lines.push(Line::raw(""));
    lines.extend(wrap_lines("What to do", width, theme.strong()));
    for action in &step.actions {
        lines.extend(indented(&format!("• {action}"), width, theme.text(), " "));
    }
    let listed = step_practices(guide, n, practices);
    let mut focus = None;
    if !listed.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(wrap_lines(
            "Practices for this step (Enter starts the one marked; they come first on home too)",
            width,
            theme.strong(),
        ));
        for (k, &i) in listed.iter().enumerate() {
            let (marker, style) = if k == chosen {
                ("›", theme.selected())
            } else {
                (" ", theme.text())
            };
            let start = lines.len();
            let title = &practices[i].title;
            lines.extend(indented(&format!("{marker} {title}"), width, style, " "));
            if k == chosen {
                focus = Some((start, lines.len() - start));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.extend(wrap_lines(
        &format!("From: {}", step.source),
        width,
        theme.muted(),
    ));
    let next = if n >= guide.steps.len() {
        "This is the last step. Press n when you feel done with it; there is no hurry."
    } else {
        "Stay with this step as long as it helps. Press n to move on when you are ready."
    };
    lines.extend(wrap_lines(next, width, theme.muted()));
    focus
}
