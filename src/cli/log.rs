//! `steady log` (being built).

use super::{CliError, CliResult, Context};

pub fn run(_ctx: &Context, _args: impl std::fmt::Debug) -> CliResult {
    Err(CliError::failure("`steady log` is not built yet"))
}
