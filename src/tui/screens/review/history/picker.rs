//! History's chooser (`p`): the journal's practices with their counts, and below them the
//! tags its entries carry with theirs; Space ticks, Enter shows the ticked ones (or the one
//! under the cursor when none is ticked). Practices ticked are any of them, tags ticked any
//! of them, and both together must hold, as `--practice` and `--tag` do on the command line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::super::Step;
use crate::tui::action::Action;
use crate::tui::widgets::Theme;

/// What the chooser hands back: the practices and the tags to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub practices: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Picker {
    cursor: usize,
    chosen: Chosen,
    /// The tags of the journal's entries (lower case) with their counts, most used first.
    tags: Vec<(String, usize)>,
}

impl Picker {
    /// A chooser with `chosen` ticked, offering `tags` below the practices.
    pub fn new(chosen: Chosen, tags: Vec<(String, usize)>) -> Self {
        Self {
            cursor: 0,
            chosen,
            tags,
        }
    }

    /// The row under the cursor: a practice (false) or a tag (true), and its name.
    fn row<'a>(&'a self, ids: &'a [(String, usize)], at: usize) -> Option<(bool, &'a str)> {
        match ids.get(at) {
            Some((id, _)) => Some((false, id)),
            None => self
                .tags
                .get(at - ids.len())
                .map(|(t, _)| (true, t.as_str())),
        }
    }

    /// `ids` are the practices offered, with their counts.
    pub fn update(&mut self, action: Action, ids: &[(String, usize)]) -> Step<Chosen> {
        let rows = ids.len() + self.tags.len();
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(rows.saturating_sub(1)),
            Action::Toggle => {
                if let Some((tag, name)) = self.row(ids, self.cursor) {
                    let name = name.to_owned();
                    let list = if tag {
                        &mut self.chosen.tags
                    } else {
                        &mut self.chosen.practices
                    };
                    match list.iter().position(|c| *c == name) {
                        Some(i) => {
                            list.remove(i);
                        }
                        None => list.push(name),
                    }
                }
            }
            Action::Confirm => {
                if self.chosen == Chosen::default()
                    && let Some((tag, name)) = self.row(ids, self.cursor)
                {
                    let name = name.to_owned();
                    if tag {
                        self.chosen.tags.push(name);
                    } else {
                        self.chosen.practices.push(name);
                    }
                }
                return Step::Done(std::mem::take(&mut self.chosen));
            }
            Action::Review(crate::tui::action::ReviewAction::Back) => return Step::Back,
            _ => {}
        }
        Step::Stay
    }
}

/// The chooser over the practices `ids` (with how many entries each has) and the tags.
pub struct PickerView<'a> {
    pub picker: &'a Picker,
    pub ids: &'a [(String, usize)],
    pub theme: Theme,
}

impl Widget for PickerView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (picker, ids, theme) = (self.picker, self.ids, self.theme);
        let line = |i: usize, tag: bool, name: &str, count: usize| {
            let chosen = if tag {
                &picker.chosen.tags
            } else {
                &picker.chosen.practices
            };
            let tick = if chosen.iter().any(|c| c == name) {
                "[x]"
            } else {
                "[ ]"
            };
            let line = Line::from(format!("{tick} {name} ({count})"));
            if i == picker.cursor {
                line.style(theme.selected())
            } else {
                line
            }
        };
        let mut lines: Vec<Line> = ids
            .iter()
            .enumerate()
            .map(|(i, (id, count))| line(i, false, id, *count))
            .collect();
        if !picker.tags.is_empty() {
            lines.push(Line::styled("Tags", theme.muted()));
            let first = ids.len();
            lines.extend(
                picker
                    .tags
                    .iter()
                    .enumerate()
                    .map(|(i, (t, count))| line(first + i, true, t, *count)),
            );
        }
        // The cursor's line, past the "Tags" heading when it is on a tag.
        let at = picker.cursor + usize::from(picker.cursor >= ids.len() && !picker.tags.is_empty());
        let height = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let width = area.width.min(50);
        let rect = Rect::new(area.x, area.y, width, height);
        Clear.render(rect, buf);
        let inner = usize::from(height.saturating_sub(2)).max(1);
        let start = at.saturating_sub(inner - 1);
        let title = if picker.tags.is_empty() {
            " Show practices "
        } else {
            " Show practices and tags "
        };
        Paragraph::new(
            lines
                .into_iter()
                .skip(start)
                .take(inner)
                .collect::<Vec<_>>(),
        )
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(rect, buf);
    }
}
