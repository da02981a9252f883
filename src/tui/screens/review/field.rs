//! Text fields in review (search, days, the export path, answers) are the widgets'
//! `LineEditor`, bound to the practice screen's text keys in the keymap: letters and editing
//! keys arrive as `Action::Edit`, Enter (Ctrl-D in a multiline answer) as `Action::Finish`,
//! Enter in a multiline answer as `Action::Confirm` (a new line), Esc as review's `Back`.
//! A field is drawn after its label with the cursor shown as a reversed cell.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use crate::tui::action::{Action, ReviewAction};
use crate::tui::widgets::{EditOutcome, LineEditor, Theme};

/// What an action did to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    /// The text changed.
    Changed,
    /// The cursor moved, or the key changed nothing.
    Moved,
    /// The person is done typing.
    Submit,
    /// The person stepped back out of the field.
    Cancel,
    /// Not a typing action: the field's owner may use it.
    Other,
}

/// A single-line editor holding `text`.
pub fn field(text: &str) -> LineEditor {
    let mut editor = LineEditor::new(false, None);
    editor.set_text(text);
    editor
}

/// Applies `action` to `editor`.
pub fn type_into(editor: &mut LineEditor, action: Action) -> Typed {
    match action {
        Action::Edit(key) => match editor.handle_key(key) {
            EditOutcome::Changed => Typed::Changed,
            _ => Typed::Moved,
        },
        Action::Confirm if editor.is_multiline() => {
            editor.insert_newline();
            Typed::Changed
        }
        Action::Confirm | Action::Finish => Typed::Submit,
        Action::Review(ReviewAction::Back) => Typed::Cancel,
        _ => Typed::Other,
    }
}

/// `label` then the field in the rest of the area, with the cursor cell reversed (the
/// screens draw into a buffer, so the terminal's own cursor is not used).
pub struct FieldView<'a> {
    pub label: &'a str,
    pub editor: &'a LineEditor,
    pub theme: Theme,
}

impl Widget for FieldView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let FieldView {
            label,
            editor,
            theme,
        } = self;
        let label_w = u16::try_from(label.chars().count())
            .unwrap_or(u16::MAX)
            .min(area.width / 2);
        Span::styled(label, theme.muted()).render(
            Rect {
                width: label_w,
                ..area
            },
            buf,
        );
        let rest = Rect {
            x: area.x + label_w,
            width: area.width - label_w,
            ..area
        };
        if let Some(at) = editor.render(rest, buf, theme, true)
            && let Some(cell) = buf.cell_mut(at)
        {
            cell.modifier.insert(Modifier::REVERSED);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use ratatui::crossterm::event::{KeyCode, KeyEvent};

    #[test]
    fn typing_keys_edit_and_finish_submits_in_one_line_and_many() {
        let mut one = field("hé");
        let bang = Action::Edit(KeyEvent::from(KeyCode::Char('!')));
        assert_eq!(type_into(&mut one, bang), Typed::Changed);
        assert_eq!(one.text(), "hé!");
        assert_eq!(type_into(&mut one, Action::Finish), Typed::Submit);
        assert_eq!(type_into(&mut one, Action::Confirm), Typed::Submit);
        let back = Action::Review(ReviewAction::Back);
        assert_eq!(type_into(&mut one, back), Typed::Cancel);
        assert_eq!(type_into(&mut one, Action::Up), Typed::Other);
        let mut many = LineEditor::new(true, None);
        many.set_text("a");
        assert_eq!(type_into(&mut many, Action::Confirm), Typed::Changed);
        assert_eq!(many.text(), "a\n");
        assert_eq!(type_into(&mut many, Action::Finish), Typed::Submit);
    }

    #[test]
    fn the_field_follows_its_label_with_a_visible_cursor() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let editor = field("ab");
        let view = || FieldView {
            label: "Find: ",
            editor: &editor,
            theme: Theme::PLAIN,
        };
        view().render(buf.area, &mut buf);
        let text: String = (0..12).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert!(text.starts_with("Find: ab"), "{text}");
        assert!(buf[(8, 0)].modifier.contains(Modifier::REVERSED));
        // Too small to hold anything: nothing breaks.
        let mut tiny = Buffer::empty(Rect::new(0, 0, 1, 1));
        view().render(tiny.area, &mut tiny);
    }
}
