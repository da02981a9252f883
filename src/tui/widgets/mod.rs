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
pub use hold::HoldMeter;
pub use other::OTHER;
pub use pacer::{Pacer, phase_word};
pub use scale::ScalePicker;
pub use theme::Theme;
pub use timer::BigTimer;
