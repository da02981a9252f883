//! Completions that know the practices. `steady completions SHELL` prints a small script
//! that asks steady itself what fits at the moment of completion (`clap_complete`'s dynamic
//! completion: the script runs `COMPLETE=SHELL steady -- WORDS...`, which `main` answers
//! through `answer`), so a practice added after the script was loaded completes too.
//! Practice ids complete after `run`, `practices show` and `--practice`.

use clap::CommandFactory;
use clap_complete::CompletionCandidate;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use super::args::Cli;
use super::{CliResult, out};
use crate::paths::{Overrides, Paths};
use crate::practice::Library;

/// The variable the scripts set when they ask steady for completions.
const VAR: &str = "COMPLETE";

/// Answers a completion request and exits, when the environment holds one; otherwise
/// returns at once. Call before anything is printed.
pub fn answer() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .complete();
}

pub fn run(shell: clap_complete::Shell) -> CliResult {
    let completer: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::PowerShell => &Powershell,
        clap_complete::Shell::Zsh => &Zsh,
        // Bash, and any shell clap_complete may name that it has no dynamic script for yet.
        _ => &Bash,
    };
    // The script calls `steady` by name, so it keeps working when steady moves on PATH.
    out::print(|w| completer.write_registration(VAR, "steady", "steady", "steady", w))
}

/// The practice ids in use (built-in and the person's own, from `STEADY_PRACTICES` or the
/// default folder), each with its title as the hint.
pub fn practice_ids() -> Vec<CompletionCandidate> {
    let Ok(paths) = Paths::resolve(&Overrides::default()) else {
        return Vec::new();
    };
    Library::load(&paths.practices)
        .practices()
        .iter()
        .map(|p| CompletionCandidate::new(&p.id).help(Some(p.title.clone().into())))
        .collect()
}

/// The guide ids in use (built-in and the person's own, beside the default settings file),
/// each with its title as the hint.
pub fn guide_ids() -> Vec<CompletionCandidate> {
    let Ok(paths) = Paths::resolve(&Overrides::default()) else {
        return Vec::new();
    };
    let practices = Library::load(&paths.practices);
    crate::guide::GuideLibrary::load(&paths.guides(), &practices)
        .guides()
        .iter()
        .map(|g| CompletionCandidate::new(&g.id).help(Some(g.title.clone().into())))
        .collect()
}
