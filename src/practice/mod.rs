//! Practices: the model of a practice and its steps (`model`), reading and checking practice
//! files with positions (`parse`), the conditions that show a step only when something
//! happened (`condition`), earlier answers put into a `say` step (`placeholder`), writing them
//! back (`write`), and the library of built-in and user practices (`library`).

mod condition;
pub mod describe;
mod error;
pub(crate) mod fields;
pub(crate) mod library;
pub mod model;
pub(crate) mod parse;
pub mod placeholder;
mod steps;
mod write;

pub use error::PracticeError;
pub use library::{Library, origin_text, validate_path};
pub use model::{Origin, Practice};
pub use parse::{MAX_FILE_BYTES, MAX_STEPS, MAX_TEXT_CHARS, parse};
pub(crate) use write::quote;
pub use write::to_toml;
