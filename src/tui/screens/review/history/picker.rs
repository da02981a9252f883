//! History's practice chooser (`p`): the journal's practices with their counts; Space ticks,
//! Enter shows the ticked ones (or the one under the cursor when none is ticked).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

use super::super::Step;
use crate::tui::action::Action;
use crate::tui::widgets::Theme;

#[derive(Debug, Clone)]
pub struct Picker {
    cursor: usize,
    chosen: Vec<String>,
}

impl Picker {
    /// A chooser with `chosen` ticked.
    pub fn new(chosen: Vec<String>) -> Self {
        Self { cursor: 0, chosen }
    }

    /// `ids` are the practices offered, with their counts.
    pub fn update(&mut self, action: Action, ids: &[(String, usize)]) -> Step<Vec<String>> {
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(ids.len().saturating_sub(1)),
            Action::Toggle => {
                if let Some((id, _)) = ids.get(self.cursor) {
                    match self.chosen.iter().position(|c| c == id) {
                        Some(i) => {
                            self.chosen.remove(i);
                        }
                        None => self.chosen.push(id.clone()),
                    }
                }
            }
            Action::Confirm => {
                let mut chosen = std::mem::take(&mut self.chosen);
                if chosen.is_empty() {
                    chosen.extend(ids.get(self.cursor).map(|(id, _)| id.clone()));
                }
                return Step::Done(chosen);
            }
            Action::Review(crate::tui::action::ReviewAction::Back) => return Step::Back,
            _ => {}
        }
        Step::Stay
    }

    pub fn render(&self, ids: &[(String, usize)], theme: Theme, area: Rect, buf: &mut Buffer) {
        let height = u16::try_from(ids.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let width = area.width.min(50);
        let rect = Rect::new(area.x, area.y, width, height);
        Clear.render(rect, buf);
        let inner = usize::from(height.saturating_sub(2)).max(1);
        let start = self.cursor.saturating_sub(inner - 1);
        let lines: Vec<Line> = ids
            .iter()
            .enumerate()
            .skip(start)
            .take(inner)
            .map(|(i, (id, count))| {
                let tick = if self.chosen.contains(id) {
                    "[x]"
                } else {
                    "[ ]"
                };
                let line = Line::from(format!("{tick} {id} ({count})"));
                if i == self.cursor {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Show practices "),
            )
            .render(rect, buf);
    }
}
