//! `steady stats` (being built).

use super::{CliError, CliResult, Context};

pub fn run(_ctx: &Context, _args: impl std::fmt::Debug) -> CliResult {
    Err(CliError::failure("`steady stats` is not built yet"))
}
