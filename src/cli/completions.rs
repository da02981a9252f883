//! `steady completions SHELL`: a completion script on standard output.

use clap::CommandFactory;

use super::CliResult;
use super::args::Cli;

pub fn run(shell: clap_complete::Shell) -> CliResult {
    clap_complete::generate(shell, &mut Cli::command(), "steady", &mut std::io::stdout());
    Ok(())
}
