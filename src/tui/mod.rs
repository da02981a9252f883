//! The terminal interface: the guard that owns the terminal, the event loop, the `App` with
//! its stack of modes, the keymap as data, and one module per screen. It reads practices
//! through the library and saves through the journal store; it never writes files itself.

pub mod action;
pub mod app;
pub mod care;
mod event_loop;
pub mod journal;
pub mod keymap;
pub(crate) mod screens;
mod terminal;
pub mod widgets;

/// The review screens (History, Trends, Calendar), usable on their own in tests and benches.
pub use screens::review;

use std::io::{IsTerminal, Write};

use crate::cli::{CliError, CliResult, Context};
use crate::practice::Library;
use app::{App, Setup};
use journal::StoreJournal;

/// Which screen the TUI opens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    Practice(String),
    Review,
}

/// How many practice files could not be used (a file can have several problems).
fn unusable_files(library: &Library) -> usize {
    let mut paths: Vec<&str> = library.problems().iter().map(|p| p.path.as_str()).collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

/// Opens the TUI. Everything that can be checked is checked before the terminal is touched,
/// so a wrong id or a missing terminal is one plain sentence on stderr.
pub fn launch(ctx: &Context, start: Start) -> CliResult {
    let config = ctx.config()?.clone();
    let config_region = config.region.clone();
    let library = Library::load(&ctx.paths.practices);
    let practice = match &start {
        Start::Practice(id) => Some(library.get(id).ok_or_else(|| {
            CliError::usage(format!(
                "there is no practice with the id `{}`; `steady practices` lists them",
                crate::text::clean(id, false)
            ))
        })?),
        Start::Home | Start::Review => None,
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(CliError::usage(
            "this needs a terminal; in scripts, `steady checkin` and `steady log` work without one",
        ));
    }
    // Review reads the journal before the terminal is touched, so a journal that cannot be
    // read is one sentence on stderr.
    let review = match start {
        Start::Review => Some(
            review::Review::open(
                &ctx.paths.journal,
                &config,
                library.practices().iter().cloned(),
                ctx.clock.clone(),
                review::ReviewOptions::from_env(),
            )
            .map_err(CliError::failure)?,
        ),
        _ => None,
    };
    let setup = Setup {
        practices: library.practices().to_vec(),
        problems: unusable_files(&library),
        practice_folder: ctx.paths.practices.clone(),
        config,
        clock: ctx.clock.clone(),
        journal: Box::new(StoreJournal::new(&ctx.paths.journal)),
        theme: widgets::Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
        care: care::Care {
            region: crate::support::region::current(config_region.as_deref()),
            plan: crate::support::plan::Plan::load(&ctx.paths.safety_plan()),
            plan_path: ctx.paths.safety_plan(),
            guides: crate::guide::GuideLibrary::load(&ctx.paths.guides(), &library)
                .guides()
                .to_vec(),
            // A journal that cannot be read only costs the guide's place on home.
            guide_events: crate::guide::progress::read_events(&ctx.paths.journal)
                .unwrap_or_default(),
        },
    };
    let mut app = match (practice, review) {
        (Some(p), _) => App::practice(setup, p),
        (None, Some(r)) => App::review(setup, r),
        (None, None) => App::home(setup),
    };
    let mut guard = terminal::Guard::enter().map_err(|e| {
        CliError::failure(format!(
            "cannot set up the terminal ({e}); try another terminal window"
        ))
    })?;
    let result = event_loop::run(&mut app, &mut guard, ctx.clock.as_ref());
    if result.is_err() {
        // The terminal failed under us; what was answered is still saved.
        app.interrupt();
        app.perform();
    }
    drop(guard);
    if let Some(why) = app.exit_error() {
        return Err(CliError::failure(format!(
            "what you answered could not be saved: {why}"
        )));
    }
    result.map_err(|e| {
        CliError::failure(format!(
            "the terminal stopped answering ({e}); anything you had answered was saved"
        ))
    })?;
    if app.was_stopped() {
        return Err(CliError::failure(
            "stopped by a signal or a closed terminal; anything you had answered was saved",
        ));
    }
    if let Some(path) = app.kept_on_exit() {
        // The screen is gone, so this is the only place the person learns it was kept.
        // Nothing useful can be done if stderr itself is gone.
        let _ = writeln!(
            std::io::stderr(),
            "Kept what you answered (not finished) in {}.",
            crate::text::clean(&path.display().to_string(), false)
        );
    }
    Ok(())
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
