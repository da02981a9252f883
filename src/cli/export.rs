//! `steady export` (being built).

use super::{CliError, CliResult, Context};

pub fn run(_ctx: &Context, _args: impl std::fmt::Debug) -> CliResult {
    Err(CliError::failure("`steady export` is not built yet"))
}
