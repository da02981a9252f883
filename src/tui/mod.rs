//! The terminal interface: the guard that owns the terminal, the event loop, the `App` with
//! its stack of modes and its queue of effects, the keymap as data, and one module per
//! screen. It reads practices through the library and reaches the journal only through its
//! port, `journal::Vault`; it never writes files itself. The command line gathers what
//! it needs into a `Launch`; the TUI knows nothing of the command line.

pub mod action;
pub mod app;
pub mod care;
pub mod effect;
mod event_loop;
pub mod keymap;
pub mod lately;
pub(crate) mod screens;
mod terminal;
pub mod widgets;

/// The review screens (History, Trends, Calendar), usable on their own in tests and benches.
pub use screens::review;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::clock::Clock;
use crate::config::Config;
use crate::journal::vault::Vault;
use crate::practice::Library;
use app::{App, Setup};

/// Which screen the TUI opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Practice(String),
    Review,
}

/// Everything the TUI needs, gathered by whoever opens it (the command line).
pub struct Launch {
    pub start: Start,
    pub config: Config,
    pub library: Library,
    /// The journal, through the port the command line opened for this run.
    pub vault: Arc<dyn Vault>,
    /// The folder of the person's own practices.
    pub practice_folder: PathBuf,
    pub clock: Arc<dyn Clock>,
    /// The crisis lines' region, the safety plan and the guides.
    pub care: care::Care,
    /// The settings file (a check-in writes the place of a new feeling word there).
    pub settings: PathBuf,
}

/// How a TUI session ended well.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Ended {
    /// The journal an unfinished practice was kept in on the way out (q, Ctrl-C): the
    /// screen is gone, so the caller is the only one left to say so.
    pub kept_in: Option<PathBuf>,
}

/// Why the TUI could not open, or ended badly. Each says one sentence (`Display`).
#[derive(Debug)]
pub enum LaunchError {
    /// No practice has this id (bad usage).
    NoSuchPractice(String),
    /// Standard input or output is not a terminal (bad usage).
    NoTerminal,
    /// Review could not read the journal.
    Journal(crate::journal::VaultError),
    /// The terminal could not be set up.
    Setup(std::io::Error),
    /// The terminal stopped answering mid-session (what was answered was saved).
    Lost(std::io::Error),
    /// Saving what was answered (or review's change under way) failed while leaving; the
    /// sentence says which.
    NotSaved(String),
    /// A signal or a closed terminal ended the session (what was answered was saved).
    Stopped,
}

impl LaunchError {
    /// Whether the person asked for something that cannot be (exit 2), rather than
    /// something failing (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            LaunchError::NoSuchPractice(_) | LaunchError::NoTerminal
        )
    }
}

impl std::fmt::Display for LaunchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LaunchError::NoSuchPractice(id) => write!(
                f,
                "there is no practice with the id `{}`; `steady practices` lists them",
                crate::text::clean(id, false)
            ),
            LaunchError::NoTerminal => f.write_str(
                "this needs a terminal; in scripts, `steady checkin` and `steady log` work without one",
            ),
            LaunchError::Journal(why) => why.fmt(f),
            LaunchError::Setup(e) => write!(
                f,
                "cannot set up the terminal ({e}); try another terminal window"
            ),
            LaunchError::Lost(e) => write!(
                f,
                "the terminal stopped answering ({e}); anything you had answered was saved"
            ),
            LaunchError::NotSaved(why) => {
                f.write_str(why)
            }
            LaunchError::Stopped => f.write_str(
                "stopped by a signal or a closed terminal; anything you had answered was saved",
            ),
        }
    }
}

impl std::error::Error for LaunchError {}

/// How many practice files could not be used (a file can have several problems).
fn unusable_files(library: &Library) -> usize {
    let mut paths: Vec<&str> = library.problems().iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

/// Opens the TUI. Everything that can be checked is checked before the terminal is touched,
/// so a wrong id or a missing terminal is one plain sentence for the caller to print.
pub fn launch(launch: Launch) -> Result<Ended, LaunchError> {
    let Launch {
        start,
        config,
        library,
        vault,
        practice_folder,
        clock,
        care,
        settings,
    } = launch;
    let practice = match &start {
        Start::Practice(id) => Some(
            library
                .get(id)
                .ok_or_else(|| LaunchError::NoSuchPractice(id.clone()))?,
        ),
        Start::Home | Start::Review => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(LaunchError::NoTerminal);
    }
    // Home and review read the journal before the screen is taken: a wait for another
    // steady's lock there is said on stderr, as the command line says it. Once the screen
    // is up, waits show on it instead, so nothing is written under it.
    let screen_up = Arc::new(AtomicBool::new(false));
    let before_screen = screen_up.clone();
    let wait = crate::journal::lock::LockWait::up_to(config.lock_wait).telling(move |waiting| {
        if !before_screen.load(Ordering::Relaxed) {
            // Nothing useful can be done if stderr itself is gone.
            let _ = writeln!(std::io::stderr(), "steady: {waiting}");
        }
    });
    let vault: Arc<dyn Vault> = match vault.waiting(wait) {
        Some(waiting) => waiting,
        None => vault,
    };
    // Review reads the journal's newest entries (from its end: a millisecond at any size)
    // before the terminal is touched, so a journal that cannot be read is one sentence on
    // stderr; the rest is read on the worker once the screen is up.
    let review = match start {
        Start::Review => {
            let read = review::data::Read::newest(
                vault.as_ref(),
                review::data::FIRST_SCREEN,
                config.day_starts_at,
            )
            .map_err(LaunchError::Journal)?;
            Some(review::Review::over(
                read,
                vault.clone(),
                &config,
                library.practices().iter().cloned(),
                clock.clone(),
                review::ReviewOptions::from_env(),
            ))
        }
        _ => None,
    };
    let setup = Setup {
        practices: library.practices().to_vec(),
        problems: unusable_files(&library),
        practice_folder,
        config,
        clock: clock.clone(),
        vault,
        theme: widgets::Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
        care,
        settings: Some(settings),
    };
    let mut app = match (practice, review) {
        (Some(p), _) => App::practice(setup, p),
        (None, Some(r)) => App::review(setup, r),
        (None, None) => App::home_reading(setup),
    };
    screen_up.store(true, Ordering::Relaxed);
    let mut guard = terminal::Guard::enter().map_err(LaunchError::Setup)?;
    let result = event_loop::run(&mut app, &mut guard, clock.as_ref());
    if result.is_err() {
        // The terminal failed under us; what was answered is still saved.
        app.interrupt();
        app.perform();
    }
    drop(guard);
    if let Some(why) = app.exit_error() {
        return Err(LaunchError::NotSaved(why.to_owned()));
    }
    result.map_err(LaunchError::Lost)?;
    if app.was_stopped() {
        return Err(LaunchError::Stopped);
    }
    Ok(Ended {
        kept_in: app.kept_on_exit().map(ToOwned::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_several_problems_counts_once() {
        let dir = std::env::temp_dir().join(format!("steady-tui-unusable-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp folder");
        let bad = "id = \"bad\"\ntitle = \"Bad\"\nsummary = \"x\"\nsource = \"x\"\n\n\
                   [[steps]]\nkind = \"timer\"\nprompt = \"a\"\nseconds = 0\n";
        std::fs::write(dir.join("one.toml"), bad).expect("a practice file");
        std::fs::write(dir.join("two.toml"), "id = ").expect("a practice file");
        let library = Library::load(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        assert!(library.problems().len() > 2, "{:?}", library.problems());
        assert_eq!(unusable_files(&library), 2);
    }
}
