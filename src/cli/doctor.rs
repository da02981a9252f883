//! `steady doctor` (being built).

use super::{CliError, CliResult, Context};

pub fn run(_ctx: &Context, _args: impl std::fmt::Debug) -> CliResult {
    Err(CliError::failure("`steady doctor` is not built yet"))
}
