//! The safety plan editor: the seven sections with their lines, a row under each to add
//! one, Enter to write or change a line, `d` to remove it (after a yes: one key alone never
//! takes away a line, which may hold the number of the person to call). Every change is
//! saved at once (through `App::perform`), so there is nothing to remember to save.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph, StatefulWidget, Widget};

use crate::support::plan::{MAX_ITEM_CHARS, Plan, SECTIONS};
use crate::text::cut;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{LineEditor, Theme};

use super::lines::wrap_lines;

/// One row the cursor can rest on: a line of a section, or the row that adds one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Item(usize, usize),
    Add(usize),
}

/// What the app should do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanOutcome {
    Stay,
    /// The plan changed: save it.
    Save(Plan),
}

/// The editor's state.
#[derive(Debug)]
pub struct PlanEditor {
    plan: Plan,
    /// Index into `rows()`.
    cursor: usize,
    /// The line being typed, when one is.
    editing: Option<LineEditor>,
    /// The line `d` asked to remove (section, index), waiting for a yes.
    removing: Option<(usize, usize)>,
    /// How the last save went, in a sentence.
    status: Option<String>,
    /// What the last drawing found: how many rows a page key moves, and where the terminal
    /// cursor goes while a line is typed.
    page: usize,
    cursor_at: Option<Position>,
}

impl PlanEditor {
    pub fn new(plan: Plan) -> PlanEditor {
        PlanEditor {
            plan,
            cursor: 0,
            editing: None,
            removing: None,
            status: None,
            page: 1,
            cursor_at: None,
        }
    }

    pub fn keymap(&self) -> Keymap {
        if self.editing.is_some() {
            Keymap::PlanTyping
        } else if self.removing.is_some() {
            Keymap::Ask
        } else {
            Keymap::Plan
        }
    }

    fn rows(&self) -> Vec<Row> {
        (0..SECTIONS.len())
            .flat_map(|s| {
                (0..self.plan.items(s).len())
                    .map(move |i| Row::Item(s, i))
                    .chain([Row::Add(s)])
            })
            .collect()
    }

    fn row(&self) -> Row {
        let rows = self.rows();
        rows.get(self.cursor)
            .or(rows.last())
            .copied()
            .unwrap_or(Row::Add(0))
    }

    pub fn update(&mut self, action: Action) -> PlanOutcome {
        if let Some(editor) = &mut self.editing {
            match action {
                Action::Finish => {
                    let text = editor.text().to_owned();
                    self.editing = None;
                    let (section, at) = match self.row() {
                        Row::Item(s, i) => (s, i),
                        Row::Add(s) => (s, self.plan.items(s).len()),
                    };
                    if self.plan.set(section, at, &text) {
                        return PlanOutcome::Save(self.plan.clone());
                    }
                }
                Action::Leave => self.editing = None,
                Action::Edit(key) => {
                    editor.handle_key(key);
                }
                _ => {}
            }
            return PlanOutcome::Stay;
        }
        if let Some((s, i)) = self.removing.take() {
            if action == Action::Yes && self.plan.set(s, i, "") {
                self.status = Some("Removed.".to_owned());
                return PlanOutcome::Save(self.plan.clone());
            }
            self.status = None;
            return PlanOutcome::Stay;
        }
        let last = self.rows().len().saturating_sub(1);
        let page = self.page.max(1);
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::PageUp => self.cursor = self.cursor.saturating_sub(page),
            Action::PageDown => self.cursor = (self.cursor + page).min(last),
            Action::First => self.cursor = 0,
            Action::Last => self.cursor = last,
            Action::Confirm => {
                let mut editor = LineEditor::new(false, Some(MAX_ITEM_CHARS));
                if let Row::Item(s, i) = self.row() {
                    editor.set_text(&self.plan.items(s)[i]);
                }
                self.status = None;
                self.editing = Some(editor);
            }
            Action::Remove => {
                if let Row::Item(s, i) = self.row() {
                    self.removing = Some((s, i));
                }
            }
            _ => {}
        }
        PlanOutcome::Stay
    }

    /// How the save went: `Ok` names where the plan is kept, `Err` says why it is not.
    pub fn saved(&mut self, result: Result<(), String>, path: &std::path::Path) {
        self.status = Some(match result {
            Ok(()) => format!(
                "Saved in {}.",
                crate::text::clean(&path.display().to_string(), false)
            ),
            Err(why) => format!("Not saved: {why}. Your words are still here; try again."),
        });
    }

    /// Where the terminal cursor goes, as the last drawing found: in the line being typed.
    pub fn cursor(&self) -> Option<Position> {
        self.cursor_at
    }
}

/// The safety plan editor, drawn.
pub struct PlanView {
    pub theme: Theme,
}

impl StatefulWidget for PlanView {
    type State = PlanEditor;

    fn render(self, area: Rect, buf: &mut Buffer, editor: &mut PlanEditor) {
        (editor.page, editor.cursor_at) = self.draw(editor, area, buf);
    }
}

impl PlanView {
    /// Draws `editor` and hands back how many rows a page key moves and where the terminal
    /// cursor goes.
    fn draw(&self, editor: &PlanEditor, area: Rect, buf: &mut Buffer) -> (usize, Option<Position>) {
        let theme = self.theme;
        Clear.render(area, buf);
        let area = area.inner(Margin::new(1, 0));
        let width = usize::from(area.width).max(1);
        let mut top = wrap_lines("My safety plan", width, theme.strong());
        let intro = "Yours alone, kept on this computer. Write as little or as much as helps, and change it whenever you like.";
        top.extend(wrap_lines(intro, width, theme.muted()));
        if let Some((s, i)) = editor.removing {
            let line = crate::text::clean(&editor.plan.items(s)[i], false);
            let ask = format!("Remove “{line}” from your plan? y removes it, n keeps it.");
            top.extend(wrap_lines(&ask, width, theme.strong()));
        } else if let Some(status) = &editor.status {
            top.extend(wrap_lines(status, width, theme.text()));
        }
        let rows = u16::try_from(top.len() + 1).unwrap_or(u16::MAX);
        let [head, list] =
            Layout::vertical([Constraint::Length(rows), Constraint::Min(1)]).areas(area);
        Paragraph::new(top).render(head, buf);

        let cursor = editor.row();
        let mut lines: Vec<Line> = Vec::new();
        let mut cursor_line = 0;
        for (s, section) in SECTIONS.iter().enumerate() {
            if s > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(cut(section.title, width), theme.strong()));
            lines.push(Line::styled(cut(section.hint, width), theme.muted()));
            let items = editor.plan.items(s);
            let rows = items
                .iter()
                .enumerate()
                .map(|(i, t)| (Row::Item(s, i), format!("• {t}")))
                .chain([(Row::Add(s), "+ add a line".to_owned())]);
            for (row, text) in rows {
                let chosen = row == cursor;
                if chosen {
                    cursor_line = lines.len();
                }
                let marker = if chosen { "› " } else { "  " };
                let style = if chosen {
                    theme.selected()
                } else {
                    theme.text()
                };
                lines.push(Line::styled(cut(&format!("{marker}{text}"), width), style));
            }
        }
        let height = usize::from(list.height);
        let page = height.saturating_sub(2).max(1);
        let scroll = (cursor_line + 1).saturating_sub(height);
        let scroll_rows = u16::try_from(scroll).unwrap_or(u16::MAX);
        Paragraph::new(lines)
            .scroll((scroll_rows, 0))
            .render(list, buf);
        let mut cursor_at = None;
        if let Some(line) = &editor.editing {
            let y = list.y + u16::try_from(cursor_line - scroll).unwrap_or(0);
            if y < list.bottom() {
                let field = Rect::new(list.x + 2, y, list.width.saturating_sub(2), 1);
                Clear.render(field, buf);
                cursor_at = line.render(field, buf, theme, true);
            }
        }
        (page, cursor_at)
    }
}
