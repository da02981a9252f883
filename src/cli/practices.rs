//! `steady practices` (being built).

use super::args::PracticesAction;
use super::{CliError, CliResult, Context};

pub fn run(_ctx: &Context, _action: Option<PracticesAction>) -> CliResult {
    Err(CliError::failure("`steady practices` is not built yet"))
}
