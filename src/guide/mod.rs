//! Guides: a path through practices over days or weeks, in steps. The model (`model`),
//! reading guide files with positions through the practice parser's machinery (`parse`),
//! the library of built-in and user guides (`library`), and progress as journal entries
//! (`progress`), so a guide under way travels with the journal.

mod library;
pub mod model;
mod parse;
pub mod progress;

pub use library::{GuideLibrary, validate_path};
pub use model::{Guide, GuideStep};
pub use parse::parse;
