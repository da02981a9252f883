//! The terminal interface (being built, issue 4).

use crate::cli::{CliError, CliResult, Context};

pub mod widgets;

/// Which screen the TUI opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Practice(String),
    Review,
}

/// Opens the TUI.
pub fn launch(_ctx: &Context, _start: Start) -> CliResult {
    Err(CliError::failure("the TUI is not built yet"))
}
