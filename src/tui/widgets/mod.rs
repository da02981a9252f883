//! The drawing pieces of guided practice: the breath pacer, big timer digits, the stay-present
//! hold, the scale, colour and choice pickers, numbered list answers and the line editor.
//!
//! Widgets are pure: each is a small value (or the editor's state) with a `render` that reads
//! it, a [`Theme`] and the area, and draws into a `Buffer`. They never read the clock, the
//! environment or the terminal, so time and progress come in as values and every widget can
//! be tested by rendering into a buffer. Each one draws something sensible into any area,
//! 0×0 and 1×1 included, and never writes outside it.

mod choice;
mod colour;
mod draw;
mod editor;
mod editor_view;
mod hold;
mod list;
mod other;
mod pacer;
mod scale;
mod theme;
mod timer;

#[cfg(test)]
mod test_util;

pub use choice::ChoiceList;
pub use colour::{ColourPicker, colour_rgb};
pub use editor::{EditOutcome, LineEditor};
pub use editor_view::wrap;
pub use hold::HoldMeter;
pub use list::ListAnswers;
pub use other::OTHER;
pub use pacer::Pacer;
pub use scale::ScalePicker;
pub use theme::{Depth, Theme};
pub use timer::BigTimer;

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Position;

    /// How a screen uses a widget inside `Terminal::draw`: render into the frame's buffer and
    /// hand the returned cursor position to the frame.
    #[test]
    fn a_frame_places_the_terminal_cursor_where_the_editor_says() {
        let mut terminal = Terminal::new(TestBackend::new(30, 4)).expect("test backend");
        let mut editor = LineEditor::new(false, Some(40));
        editor.insert_str("你好 calm");
        let completed = terminal
            .draw(|frame| {
                let area = frame.area();
                if let Some(cursor) = editor.render(area, frame.buffer_mut(), Theme::PLAIN, true) {
                    frame.set_cursor_position(cursor);
                }
            })
            .expect("draw");
        assert!(completed.buffer.content()[0].symbol() == "你");
        terminal
            .backend_mut()
            .assert_cursor_position(Position::new(9, 0));
    }
}
