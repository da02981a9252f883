//! Drawing a practice: header (title, step k of n), the step itself, a line for notes, and
//! the footer of live keys. Only reads state.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::answer::Answer;
use super::{Ending, PracticeScreen, Save, recorded};
use crate::practice::model::{PhaseKind, StepKind};
use crate::runner::{BreathView, HoldView, Timing};
use crate::text::clean;
use crate::tui::screens::{footer, wrapped};

fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

fn muted() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// Whole seconds left, rounded up, so a countdown shows 1 until it ends.
fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// "m:ss".
fn clock_face(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

pub fn phase_word(phase: PhaseKind) -> &'static str {
    match phase {
        PhaseKind::In => "Breathe in",
        PhaseKind::Hold => "Hold",
        PhaseKind::Out => "Breathe out",
        PhaseKind::Rest => "Rest",
    }
}

impl PracticeScreen {
    pub fn render(&self, frame: &mut Frame, area: Rect) {
        let area = area.inner(Margin::new(1, 0));
        let [head, _, body, note, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let practice = self.run.practice();
        let where_ = match self.ending {
            Some(_) => "done".to_owned(),
            None => format!("step {} of {}", self.run.index() + 1, practice.steps.len()),
        };
        let title_room = usize::from(head.width).saturating_sub(where_.chars().count() + 2);
        let title: String = clean(&practice.title, false)
            .chars()
            .take(title_room)
            .collect();
        frame.render_widget(Paragraph::new(Line::styled(title, bold())), head);
        frame.render_widget(
            Paragraph::new(Line::styled(where_, muted())).alignment(Alignment::Right),
            head,
        );

        match &self.ending {
            Some(ending) => self.render_ending(frame, body, ending),
            None => self.render_step(frame, body),
        }

        let note_text = match (&self.note, self.run.is_paused() && self.ending.is_none()) {
            (Some(why), _) => clean(why, false),
            (None, true) => "Paused. Space carries on.".to_owned(),
            (None, false) => String::new(),
        };
        frame.render_widget(Paragraph::new(Line::styled(note_text, bold())), note);
        frame.render_widget(Paragraph::new(footer(self.keymap())), foot);
    }

    fn render_step(&self, frame: &mut Frame, area: Rect) {
        let step = self.run.step();
        let mut lines: Vec<Line> = Vec::new();
        let prompt = clean(step.kind.prompt(), true);
        if !prompt.is_empty() {
            lines.extend(prompt.lines().map(|l| Line::raw(l.to_owned())));
            lines.push(Line::raw(""));
        }
        match self.run.timing() {
            Timing::Say { left } => lines.push(Line::styled(
                format!("Goes on by itself in {} s.", ceil_secs(left)),
                muted(),
            )),
            Timing::Breath(view) => lines.extend(self.breath_lines(&view, area.width)),
            Timing::Timer { left, .. } => {
                lines.push(
                    Line::styled(clock_face(ceil_secs(left)), bold()).alignment(Alignment::Center),
                );
                lines.push(Line::styled("left", muted()).alignment(Alignment::Center));
            }
            Timing::Hold(view) => lines.extend(hold_lines(&view)),
            Timing::None => {}
        }
        lines.extend(self.answer_lines(&step.kind));
        frame.render_widget(wrapped(lines), area);
    }

    fn breath_lines(&self, view: &BreathView, width: u16) -> Vec<Line<'static>> {
        if view.done {
            let s = if view.cycles == 1 { "" } else { "s" };
            return vec![Line::raw(format!(
                "Done: {} breath{s}. Enter goes on.",
                view.cycles
            ))];
        }
        let bar_width = usize::from(width.saturating_sub(4)).min(40);
        // The bar fills on the in-breath and empties on the out-breath; holds stay still.
        let fill = match view.phase {
            PhaseKind::In => view.progress,
            PhaseKind::Out => 1.0 - view.progress,
            PhaseKind::Hold => 1.0,
            PhaseKind::Rest => 0.0,
        };
        let fill = if self.reduced_motion {
            0.0
        } else {
            fill.clamp(0.0, 1.0)
        };
        let filled = (fill * bar_width as f64).round() as usize;
        let bar = format!(
            "{}{}",
            "█".repeat(filled),
            "░".repeat(bar_width - filled.min(bar_width))
        );
        vec![
            Line::styled(phase_word(view.phase), bold()).alignment(Alignment::Center),
            Line::raw(bar).alignment(Alignment::Center),
            Line::raw(format!(
                "{} s · breath {} of {}",
                ceil_secs(view.phase_left),
                view.cycle,
                view.cycles
            ))
            .alignment(Alignment::Center),
        ]
    }

    fn answer_lines(&self, kind: &StepKind) -> Vec<Line<'static>> {
        let cursor = |on: bool| if on { "›" } else { " " };
        match &self.answer {
            Answer::Nothing => Vec::new(),
            Answer::Scale { min, max, value } => {
                let labels = match kind {
                    StepKind::Scale { labels, .. } => labels.clone(),
                    _ => Default::default(),
                };
                let row: Vec<Span> = (*min..=*max)
                    .map(|v| {
                        if Some(v) == *value {
                            Span::styled(format!("[{v}]"), bold().add_modifier(Modifier::REVERSED))
                        } else {
                            Span::raw(format!(" {v} "))
                        }
                    })
                    .collect();
                let mut lines = vec![Line::from(row)];
                lines.extend(labels.iter().map(|(v, words)| {
                    Line::styled(format!("{v}  {}", clean(words, false)), muted())
                }));
                lines
            }
            Answer::Pick {
                options,
                cursor: at,
                multiple,
                ticked,
                other,
            } => {
                let mut lines: Vec<Line> = options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let tick = match (multiple, ticked.get(i)) {
                            (true, Some(true)) => "[x] ",
                            (true, _) => "[ ] ",
                            (false, _) => "",
                        };
                        let style = if i == *at {
                            bold().add_modifier(Modifier::REVERSED)
                        } else {
                            Style::new()
                        };
                        Line::styled(
                            format!("{} {tick}{}. {}", cursor(i == *at), i + 1, clean(o, false)),
                            style,
                        )
                    })
                    .collect();
                if let Some(editor) = other {
                    let on = *at == options.len();
                    let style = if on { bold() } else { Style::new() };
                    lines.push(Line::styled(
                        format!("{} other: {}", cursor(on), editor.text()),
                        style,
                    ));
                }
                lines
            }
            Answer::Text { editor } => editor
                .text()
                .split('\n')
                .map(|l| Line::raw(format!("> {l}")))
                .collect(),
            Answer::List {
                items,
                count,
                editor,
            } => {
                let mut lines: Vec<Line> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| Line::raw(format!("{}. {}", i + 1, clean(item, false))))
                    .collect();
                if items.len() < *count {
                    lines.push(Line::styled(
                        format!("{}. {}", items.len() + 1, editor.text()),
                        bold(),
                    ));
                    lines.push(Line::styled(
                        format!("Up to {count}; Enter on an empty line when you are done."),
                        muted(),
                    ));
                }
                lines
            }
        }
    }

    fn render_ending(&self, frame: &mut Frame, area: Rect, ending: &Ending) {
        let mut lines = vec![Line::styled("What you recorded", bold()), Line::raw("")];
        let answers = recorded::lines(self.run.practice(), &ending.entry);
        if answers.is_empty() {
            lines.push(Line::raw(
                "You took the time; there were no answers to record.",
            ));
        }
        for (asked, given) in answers {
            lines.push(Line::styled(asked, muted()));
            lines.push(Line::raw(format!("  {given}")));
        }
        lines.push(Line::raw(""));
        if !ending.entry.completed {
            lines.push(Line::raw("Kept as not finished, and that is fine."));
        }
        lines.push(match &ending.save {
            Save::Pending => Line::raw("Saving…"),
            Save::Saved(path) => Line::raw(format!(
                "Saved in {}.",
                clean(&path.display().to_string(), false)
            )),
            Save::Failed(why) => Line::styled(
                format!(
                    "Not saved yet: {}. Everything is still here; t tries again.",
                    clean(why, false).trim_end_matches('.')
                ),
                bold(),
            ),
        });
        frame.render_widget(wrapped(lines), area);
    }
}

fn hold_lines(view: &HoldView) -> Vec<Line<'static>> {
    match view {
        HoldView::Counting { elapsed } => vec![
            Line::styled(clock_face(elapsed.as_secs()), bold()).alignment(Alignment::Center),
            Line::raw("When the urge to leave comes, press Space.").alignment(Alignment::Center),
        ],
        HoldView::Staying { left, .. } => vec![
            Line::styled(format!("Stay {} more seconds", ceil_secs(*left)), bold())
                .alignment(Alignment::Center),
            Line::raw("Notice your body. Nothing to fix.").alignment(Alignment::Center),
        ],
        HoldView::Done { urge, extra } => vec![Line::raw(format!(
            "The urge came after {}; you stayed {} more. Enter goes on.",
            recorded::seconds(urge.as_secs_f64()),
            recorded::seconds(extra.as_secs_f64())
        ))],
    }
}
