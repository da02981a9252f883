//! The command line: clap definitions in `args`, one small module per command, each turning
//! its arguments into calls on the core and printing the result. Errors become one sentence
//! on stderr and an exit status (0 success, 2 bad usage or input, 1 anything else).

pub mod args;
mod checkin;
mod completions;
mod doctor;
mod due;
mod export;
mod filters;
mod guides;
mod import;
mod log;
mod man;
mod out;
mod paths;
mod plain;
mod practices;
mod report;
mod seal;
mod stats;
mod tui;

use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::journal::lock::LockWait;
use crate::journal::seal::passphrase::Source;
use crate::journal::seal::{Asker, KeyFiles, SealedVault};
use crate::journal::vault::{FileVault, Vault};
use crate::journal::{Store, VaultError, Written};
use crate::paths::{Overrides, Paths};
use args::{Cli, Command};
pub use completions::answer as answer_completion;

/// A command that did not succeed: what to tell the person, and the exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub code: u8,
    pub message: String,
}

impl CliError {
    /// Bad usage or bad input (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }

    /// An outcome told only by its exit status (`due` once something was practised).
    pub fn silent(code: u8) -> Self {
        Self {
            code,
            message: String::new(),
        }
    }

    /// Anything else that went wrong (exit 1).
    pub fn failure(message: impl Into<String>) -> Self {
        Self {
            code: 1,
            message: message.into(),
        }
    }
}

/// What a write did, once a torn last line it set aside first is told as a notice.
pub fn told<T>(written: Written<T>) -> T {
    if let Some(set_aside) = &written.set_aside {
        out::notice(&set_aside.to_string());
    }
    written.value
}

/// A journal that could not be read or written is exit 1; a sealed journal that could not
/// be opened (a wrong passphrase, a missing key) is bad input, exit 2.
impl From<VaultError> for CliError {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::Sealed(_) => CliError::usage(e.to_string()),
            VaultError::Store(_) | VaultError::Changed => CliError::failure(e.to_string()),
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub type CliResult = Result<(), CliError>;

/// What every command may need: where things are, the settings, and the clock.
pub struct Context {
    pub paths: Paths,
    pub clock: Arc<dyn Clock>,
    config: std::cell::OnceCell<Config>,
    vault: std::cell::OnceCell<Arc<dyn Vault>>,
}

impl Context {
    pub fn new(paths: Paths, clock: Arc<dyn Clock>) -> Self {
        Self {
            paths,
            clock,
            config: std::cell::OnceCell::new(),
            vault: std::cell::OnceCell::new(),
        }
    }

    /// The journal, through its port: one instance for the whole run, on this context's
    /// clock. A wait for another steady's lock is said on stderr and lasts at most
    /// `lock_wait_seconds`.
    pub fn vault(&self) -> Result<Arc<dyn Vault>, CliError> {
        if let Some(v) = self.vault.get() {
            return Ok(v.clone());
        }
        let store = self.store()?;
        let vault: Arc<dyn Vault> = match self.sealed_keys()? {
            Some(keys) => {
                let source = Source::current(self.config()?.passphrase_command.as_deref());
                Arc::new(SealedVault::new(store, keys, Asker::new(source)))
            }
            None => Arc::new(FileVault::new(store)),
        };
        Ok(self.vault.get_or_init(|| vault).clone())
    }

    /// The journal's store on this context's clock; a wait for another steady's lock is
    /// said on stderr and lasts at most `lock_wait_seconds`.
    pub fn store(&self) -> Result<Store, CliError> {
        let wait =
            LockWait::up_to(self.config()?.lock_wait).telling(|w| out::notice(&w.to_string()));
        Ok(Store::new(&self.paths.journal)
            .with_clock(self.clock.clone())
            .with_lock_wait(wait))
    }

    /// Where the journal's keys are (or would be).
    pub fn key_files(&self) -> Result<KeyFiles, CliError> {
        KeyFiles::beside(&self.paths.journal).map_err(|e| {
            CliError::failure(format!(
                "cannot follow the journal path {} ({})",
                self.paths.journal.display(),
                crate::fsutil::io_words(&e)
            ))
        })
    }

    /// The keys beside the journal when it is sealed (its recipient file is there).
    pub fn sealed_keys(&self) -> Result<Option<KeyFiles>, CliError> {
        Ok(Some(self.key_files()?).filter(KeyFiles::sealed))
    }

    /// Writes to the journal through `write`: a failed write is exit 1, and a torn last
    /// line set aside first is told as a notice.
    pub fn write_journal<T>(
        &self,
        write: impl FnOnce(&dyn Vault) -> Result<Written<T>, VaultError>,
    ) -> Result<T, CliError> {
        let vault = self.vault()?;
        Ok(told(write(vault.as_ref())?))
    }

    /// The settings, read on first use; a bad settings file is bad input (exit 2).
    pub fn config(&self) -> Result<&Config, CliError> {
        if let Some(c) = self.config.get() {
            return Ok(c);
        }
        let loaded =
            Config::load(&self.paths.config).map_err(|e| CliError::usage(e.to_string()))?;
        Ok(self.config.get_or_init(|| loaded))
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> CliResult {
    out::set_quiet(cli.quiet);
    let overrides = Overrides {
        journal: cli.journal,
        config: cli.config,
        practices: cli.practices,
    };
    let paths = Paths::resolve(&overrides).map_err(|e| CliError::failure(e.to_string()))?;
    // `paths` shows them whatever they are; every other command would open one of them.
    if !matches!(
        cli.command,
        Some(Command::Paths | Command::Completions { .. })
    ) {
        paths.check().map_err(|p| {
            if p.usage {
                CliError::usage(p.message)
            } else {
                CliError::failure(p.message)
            }
        })?;
    }
    let clock = crate::clock::from_env().map_err(CliError::usage)?;
    let ctx = Context::new(paths, clock);
    match cli.command {
        None => tui::run(&ctx, crate::tui::Start::Home),
        Some(Command::Run { id, plain }) if plain || plain::terminal_is_dumb() => {
            plain::run(&ctx, &id)
        }
        Some(Command::Run { id, .. }) => tui::run(&ctx, crate::tui::Start::Practice(id)),
        Some(Command::Review) => tui::run(&ctx, crate::tui::Start::Review),
        Some(Command::Checkin(a)) => checkin::run(&ctx, &a),
        Some(Command::Log(a)) => log::run(&ctx, &a),
        Some(Command::Stats(a)) => stats::run(&ctx, &a),
        Some(Command::Export(a)) => export::run(&ctx, &a),
        Some(Command::Import(a)) => import::run(&ctx, &a),
        Some(Command::Practices { action }) => practices::run(&ctx, action),
        Some(Command::Guides { action }) => guides::run(&ctx, action),
        Some(Command::Paths) => paths::run(&ctx),
        Some(Command::Doctor) => doctor::run(&ctx),
        Some(Command::Due) => due::run(&ctx),
        Some(Command::Encrypt) => seal::encrypt(&ctx),
        Some(Command::Decrypt) => seal::decrypt(&ctx),
        Some(Command::Passphrase) => seal::passphrase(&ctx),
        Some(Command::Report(a)) => report::run(&ctx, &a),
        Some(Command::Man) => man::run(),
        Some(Command::Completions { shell }) => completions::run(shell),
    }
}
