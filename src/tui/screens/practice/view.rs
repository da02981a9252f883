//! Drawing a practice: header (title, step k of n), the prompt, the step's widget, a line
//! for notes (the app draws the footer of live keys below). Only reads state; what the
//! drawing measured (the summary's rows, where the cursor goes) is handed back to keep.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, StatefulWidget, Widget};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::answer::Answer;
use super::{Ending, PracticeScreen, Save, SummaryFit, recorded};
use crate::practice::model::StepKind;
use crate::runner::Timing;
use crate::text::clean;
use crate::tui::action::Action;
use crate::tui::keymap::Does;
use crate::tui::screens::wrapped;
use crate::tui::widgets::{
    BigTimer, ChoiceList, ColourPicker, HoldMeter, Pacer, ScalePicker, Theme,
};

/// How the line under a step is drawn.
enum Tone {
    Caution,
    Quiet,
}

/// The widest a practice is drawn, in columns.
const MAX_WIDTH: u16 = 96;

/// The practice on screen.
pub struct PracticeView {
    pub theme: Theme,
}

impl StatefulWidget for PracticeView {
    type State = PracticeScreen;

    fn render(self, area: Rect, buf: &mut Buffer, screen: &mut PracticeScreen) {
        let (summary, cursor) = screen.draw(area, buf, self.theme);
        if let Some(fit) = summary {
            screen.summary.fit = fit;
        }
        screen.cursor_at = cursor;
    }
}

impl PracticeScreen {
    /// Where the terminal cursor goes, as the last drawing found: in a typed answer.
    pub fn cursor(&self) -> Option<Position> {
        self.cursor_at
    }

    /// Draws the practice; hands back what the end summary's drawing found (when it is the
    /// end) and where the cursor goes.
    fn draw(
        &self,
        area: Rect,
        buf: &mut Buffer,
        theme: Theme,
    ) -> (Option<SummaryFit>, Option<Position>) {
        // In a very wide window the practice keeps to a column in the middle: lines of a
        // readable length, and the step count near the words it counts.
        let area = area
            .inner(Margin::new(1, 0))
            .centered_horizontally(Constraint::Max(MAX_WIDTH));
        // The line under the step (why an input was not taken, a pause, an optional
        // question) may need more than a row in a narrow window.
        let said = self.note_words();
        let note_rows = said.as_ref().map_or(1, |(words, _)| {
            wrap(words, usize::from(area.width)).len().clamp(1, 3)
        });
        let [head, _, body, note] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(u16::try_from(note_rows).unwrap_or(1)),
        ])
        .areas(area);
        let practice = self.run.practice();
        let where_ = if self.ending.is_some() {
            "done".to_owned()
        } else {
            let (number, count) = self.run.position();
            format!("step {number} of {count}")
        };
        let title_room = usize::from(head.width).saturating_sub(where_.chars().count() + 2);
        let title = shorten(&clean(&practice.title, false), title_room);
        Paragraph::new(Line::styled(title, theme.strong())).render(head, buf);
        Paragraph::new(Line::styled(where_, theme.muted()))
            .alignment(Alignment::Right)
            .render(head, buf);

        let (more, fit, cursor) = if let Some(ending) = &self.ending {
            let (more, fit) = self.render_ending(body, buf, ending, theme);
            (Some(more), Some(fit), None)
        } else {
            (None, None, self.render_step(body, buf, theme))
        };
        let note_line = match (said, more) {
            (Some((words, Tone::Caution)), _) => Line::styled(words, theme.caution()),
            (Some((words, Tone::Quiet)), _) => Line::styled(words, theme.muted()),
            // The summary says where more of it is hidden.
            (None, Some((above, below))) => {
                let hints: Vec<&str> = [(above, "↑ more"), (below, "↓ more")]
                    .into_iter()
                    .filter_map(|(hidden, hint)| hidden.then_some(hint))
                    .collect();
                Line::styled(hints.join(" · "), theme.muted())
            }
            (None, None) => Line::raw(""),
        };
        wrapped(note_line).render(note, buf);
        (fit, cursor)
    }

    /// What the line under the step says, if anything but the summary's scroll hints.
    fn note_words(&self) -> Option<(String, Tone)> {
        // A pause an overlay made is the overlay's business, not something to undo here.
        let paused = self.run.is_paused() && !self.held && self.ending.is_none();
        let key_for = |action| {
            self.keymap()
                .bindings()
                .find(|b| b.act == Does::Act(action))
                .map(|b| b.label)
        };
        if let Some(why) = &self.note {
            return Some((clean(why, false), Tone::Caution));
        }
        if paused {
            // Space carries on a timer, but on a hold it marks the urge: name the key.
            let key = key_for(Action::Pause).unwrap_or("Space");
            return Some((format!("Paused. {key} carries on."), Tone::Caution));
        }
        // An optional question says so while it is empty, so leaving it is not a guess.
        if self.ending.is_none() && self.optional_and_empty() {
            let key = key_for(Action::Finish).unwrap_or("Enter");
            return Some((
                format!("This one is optional: {key} goes on without it."),
                Tone::Quiet,
            ));
        }
        None
    }

    /// Whether the question is an optional text with nothing typed yet.
    fn optional_and_empty(&self) -> bool {
        matches!(self.run.step().kind, StepKind::Text { optional: true, .. })
            && matches!(&self.answer, Answer::Text { editor } if editor.is_empty())
    }

    /// Draws the step; hands back where the cursor goes, if anywhere.
    fn render_step(&self, area: Rect, buf: &mut Buffer, theme: Theme) -> Option<Position> {
        let kind = &self.run.step().kind;
        // A hold told from memory asks its own questions, with the widgets of a question.
        let (timing, answer, prompt) = match &self.answer {
            Answer::Recall(recall) => (
                Timing::None,
                recall.asking(),
                self.answer.recall_prompt().unwrap_or_default(),
            ),
            answer => (
                self.run.timing(),
                answer,
                match kind {
                    // The hold draws its own prompt, so it can give the prompt up first when
                    // rows run short.
                    StepKind::Hold { .. } | StepKind::Breathe { .. } => String::new(),
                    // A `say` step's text with earlier answers put in.
                    _ => clean(&self.run.prompt(), true),
                },
            ),
        };
        let prompt: Vec<Line> = if prompt.is_empty() {
            Vec::new()
        } else {
            wrap(&prompt, usize::from(area.width))
                .into_iter()
                .map(Line::from)
                .collect()
        };
        let rows = u16::try_from(prompt.len())
            .unwrap_or(u16::MAX)
            .min(area.height);
        let gap = u16::from(rows > 0 && area.height > rows + 1);
        let [top, _, rest] = Layout::vertical([
            Constraint::Length(rows),
            Constraint::Length(gap),
            Constraint::Min(0),
        ])
        .areas(area);
        Paragraph::new(prompt).style(theme.text()).render(top, buf);

        match (&timing, answer) {
            (Timing::Say { left }, _) => {
                let line = format!(
                    "Goes on by itself in {} s.",
                    left.as_secs() + u64::from(left.subsec_nanos() > 0)
                );
                buf.set_stringn(rest.x, rest.y, line, usize::from(rest.width), theme.muted());
                None
            }
            (Timing::Breath(view), _) if view.done => {
                let s = if view.cycles == 1 { "" } else { "s" };
                let line = format!("Done: {} breath{s}. Enter goes on.", view.cycles);
                wrapped(line).style(theme.text()).render(rest, buf);
                None
            }
            (Timing::Breath(view), _) => {
                Pacer::from_view(view, self.reduced_motion).render(rest, buf, theme);
                None
            }
            (Timing::Timer { left, .. }, _) => {
                BigTimer { left: *left }.render(rest, buf, theme);
                None
            }
            (Timing::Hold(view), _) => {
                let prompt = clean(kind.prompt(), false);
                HoldMeter {
                    prompt: &prompt,
                    view: view.clone(),
                }
                .render(area, buf, theme);
                None
            }
            (Timing::None, answer) => Self::render_answer(kind, answer, rest, buf, theme),
        }
    }

    fn render_answer(
        kind: &StepKind,
        answer: &Answer,
        area: Rect,
        buf: &mut Buffer,
        theme: Theme,
    ) -> Option<Position> {
        match (kind, answer) {
            (StepKind::Scale { labels, .. }, Answer::Scale { min, max, value }) => {
                ScalePicker {
                    min: *min,
                    max: *max,
                    labels,
                    selected: *value,
                }
                .render(area, buf, theme);
                None
            }
            (
                StepKind::Colour { .. },
                Answer::Pick {
                    options,
                    cursor,
                    other,
                    ..
                },
            ) => ColourPicker {
                names: options,
                selected: *cursor,
                other_allowed: other.is_some(),
                other_text: other.as_ref(),
            }
            .render(area, buf, theme),
            (
                _,
                Answer::Pick {
                    options,
                    cursor,
                    multiple,
                    ticked,
                    other,
                    ..
                },
            ) => ChoiceList {
                options,
                multiple: *multiple,
                checked: ticked,
                cursor: *cursor,
                other_allowed: other.is_some(),
                other_text: other.as_ref(),
            }
            .render(area, buf, theme),
            (_, Answer::Text { editor }) => editor.render(area, buf, theme, true),
            (_, Answer::List(list)) => list.render(area, buf, theme),
            _ => None,
        }
    }

    /// Draws what was recorded and whether it was saved; hands back whether rows are hidden
    /// above and below, and what the drawing found for the scroll keys.
    fn render_ending(
        &self,
        area: Rect,
        buf: &mut Buffer,
        ending: &Ending,
        theme: Theme,
    ) -> ((bool, bool), SummaryFit) {
        let width = usize::from(area.width);
        // Wrapped here rather than by the Paragraph, so the rows can be counted exactly and an
        // answer's own lines (and its wrapped ones) stay indented under its question.
        let mut lines = vec![
            Line::styled("What you recorded", theme.strong()),
            Line::raw(""),
        ];
        let mut add = |text: &str, indent: &str, style| {
            let room = width.saturating_sub(indent.width()).max(1);
            for row in wrap(text, room) {
                lines.push(Line::styled(format!("{indent}{row}"), style));
            }
        };
        let answers = recorded::lines(self.run.practice(), &ending.entry);
        if answers.is_empty() {
            add(
                "You took the time; there were no answers to record.",
                "",
                theme.text(),
            );
        }
        for (asked, given) in answers {
            add(&asked, "", theme.muted());
            add(&given, "  ", theme.text());
        }
        add("", "", theme.text());
        if !ending.entry.completed {
            add("Kept as not finished, and that is fine.", "", theme.text());
        }
        let (saved, style) = match &ending.save {
            Save::Pending => ("Saving…".to_owned(), theme.text()),
            Save::Saved(path, notice) => (
                format!(
                    "Saved in {}.{}",
                    clean(&path.display().to_string(), false),
                    notice
                        .as_ref()
                        .map(|n| format!(" {}.", clean(n, false).trim_end_matches('.')))
                        .unwrap_or_default()
                ),
                theme.text(),
            ),
            Save::Waiting(waiting) => (recorded::waiting_line("Saving…", waiting), theme.text()),
            Save::Failed(why) => (recorded::not_saved_line(why), theme.caution()),
        };
        add(&saved, "", style);
        if let Some(placing) = &ending.placing {
            let style = match placing {
                recorded::Placing::Failed(..) => theme.caution(),
                _ => theme.text(),
            };
            add("", "", style);
            for (line, indented) in recorded::placing_lines(placing, self.run.practice()) {
                add(&line, if indented { "  " } else { "" }, style);
            }
        }
        // The end of the summary (the save line) shows first; ↑ scrolls back to the answers.
        let height = usize::from(area.height);
        let hidden = lines.len().saturating_sub(height);
        let top = hidden - self.summary.up.min(hidden);
        let scroll = u16::try_from(top).unwrap_or(u16::MAX);
        Paragraph::new(lines).scroll((scroll, 0)).render(area, buf);
        (
            (top > 0, top < hidden),
            SummaryFit {
                hidden,
                page: height,
            },
        )
    }
}

/// `text` cut to `room` columns at the end of a word, with "…" to show it goes on.
fn shorten(text: &str, room: usize) -> String {
    if text.width() <= room {
        return text.to_owned();
    }
    let mut kept = String::new();
    for g in text.graphemes(true) {
        if kept.width() + g.width() + 1 > room {
            break;
        }
        kept.push_str(g);
    }
    // Back to the last whole word, if there is one.
    if let Some(space) = kept.trim_end().rfind(' ') {
        kept.truncate(space);
    }
    let kept = kept.trim_end();
    if kept.is_empty() {
        String::new()
    } else {
        format!("{kept}…")
    }
}

/// `text` word-wrapped to `width` columns, one string per row (a line break starts a row).
fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::tui::widgets::wrap(text, width)
        .into_iter()
        .map(|row| text[row].trim_end().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{shorten, wrap};

    #[test]
    fn a_long_title_ends_at_a_word() {
        assert_eq!(
            shorten("Stay present a little longer", 40),
            "Stay present a little longer"
        );
        assert_eq!(
            shorten("Stay present a little longer", 25),
            "Stay present a little…"
        );
        assert_eq!(shorten("Breathing", 5), "Brea…");
        assert_eq!(shorten("Breathing", 1), "");
    }

    #[test]
    fn wrapping_follows_words_and_cuts_only_words_wider_than_a_row() {
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("one two", 10), ["one two"]);
        assert_eq!(wrap("one two three", 10), ["one two", "three"]);
        assert_eq!(
            wrap("abcdefghijklmnopqrstuvwxyz", 10),
            ["abcdefghij", "klmnopqrst", "uvwxyz"]
        );
        assert_eq!(wrap("  two  spaces", 20), ["  two  spaces"]);
        assert_eq!(wrap("你好 你好你好", 6), ["你好", "你好你", "好"]);
        assert_eq!(wrap("x", 0), ["x"]);
    }
}
