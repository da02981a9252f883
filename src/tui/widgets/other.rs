//! The "other…" line shared by the colour and choice pickers: a label and, beside it, the
//! editor where the person types their own word.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::draw::put;
use super::editor::LineEditor;
use super::theme::Theme;

/// The label of the entry that takes a typed word.
pub const OTHER: &str = "other…";

/// Draws "▸ {marks}other… typed word" on the one-row `row`; the pointer and bold-reversed
/// label show when the cursor is on it. Returns where the terminal cursor belongs then.
pub(super) fn other_line(
    buf: &mut Buffer,
    row: Rect,
    theme: Theme,
    on: bool,
    marks: &str,
    editor: Option<&LineEditor>,
) -> Option<Position> {
    let (pointer, style) = if on {
        ("▸ ", theme.selected())
    } else {
        ("  ", theme.text())
    };
    let x = put(buf, row, row.x, row.y, pointer, style);
    let x = put(buf, row, x, row.y, marks, style);
    let x = put(buf, row, x, row.y, OTHER, style);
    let field = Rect::new(x + 1, row.y, row.right().saturating_sub(x + 1), 1);
    editor.and_then(|e| e.render(field, buf, theme, on))
}
