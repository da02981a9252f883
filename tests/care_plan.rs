//! The safety plan: written and changed through keys (from home and from `!`), saved at once
//! to its own 0600 file, shown first under `!` without its empty sections, and a damaged
//! file reported with its line, never crashing `!` and never written over.

#[path = "tui_common/tmux.rs"]
mod tmux;
mod tui_common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use steady::config::Config;
use steady::support::plan::Plan;
use steady::tui::app::App;
use steady::tui::keymap::Keymap;
use tui_common::*;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("steady-care-plan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

/// Home, with the plan kept at `path` (read from it as steady does at start).
fn home_with_plan(path: &Path) -> App {
    let mut s = setup(clock(), Saved::default(), Config::default());
    path.clone_into(&mut s.care.plan_path);
    s.care.plan = Plan::load(path);
    App::home(s)
}

fn add_line(app: &mut App, text: &str) {
    press(app, KeyCode::Enter);
    type_text(app, text);
    press(app, KeyCode::Enter);
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("the plan file")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_plan_is_written_changed_and_saved_through_keys_from_home() {
    let dir = temp_dir("home");
    let path = dir.join("safety-plan.toml");
    let mut app = home_with_plan(&path);
    // p on home is "your plans"; Enter there opens the safety plan to write.
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.keymap(), Keymap::Plans);
    assert!(screen(&mut app, 80, 24).contains("Not written yet."));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.keymap(), Keymap::Plan);
    assert!(screen(&mut app, 80, 24).contains("My warning signs"));
    add_line(&mut app, "I stop answering messages");
    assert_eq!(mode(&path), 0o600);
    assert!(
        screen(&mut app, 80, 24).contains("Saved in"),
        "{}",
        screen(&mut app, 80, 24)
    );
    // Down past the new line and the first section's add row, to the second section's.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    add_line(&mut app, "A walk round the block");
    let saved = Plan::load(&path).unwrap().unwrap();
    assert_eq!(saved.items(0), ["I stop answering messages"]);
    assert_eq!(saved.items(1), ["A walk round the block"]);

    // Change the first line, then remove the walk.
    press(&mut app, KeyCode::Home);
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "I go quiet for days");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    // `d` alone removes nothing: it asks, and n (or Esc) keeps the line.
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(app.keymap(), Keymap::Ask);
    let asking = squash(&screen(&mut app, 80, 24));
    assert!(
        asking.contains("Remove “A walk round the block” from your plan? y removes it"),
        "{asking}"
    );
    let footer = screen(&mut app, 80, 24)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(footer.trim_start().starts_with("y yes · n no"), "{footer}");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.keymap(), Keymap::Plan);
    let kept = Plan::load(&path).unwrap().unwrap();
    assert_eq!(kept.items(1), ["A walk round the block"]);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(Plan::load(&path).unwrap().unwrap().items(1).len(), 1);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('y'));
    let saved = Plan::load(&path).unwrap().unwrap();
    assert_eq!(saved.items(0), ["I go quiet for days"]);
    assert!(saved.items(1).is_empty());

    // Esc while typing cancels the line; Esc again closes the editor.
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "never kept");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Plans);
    assert!(squash(&screen(&mut app, 80, 24)).contains("• I go quiet for days"));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Home);
    assert!(
        !std::fs::read_to_string(&path)
            .unwrap()
            .contains("never kept")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn support_offers_a_plan_gently_then_shows_it_first_without_empty_sections() {
    let dir = temp_dir("support");
    let path = dir.join("safety-plan.toml");
    let mut app = home_with_plan(&path);
    press(&mut app, KeyCode::Char('!'));
    let before = boxed(&screen(&mut app, 80, 30));
    assert!(
        before.contains("Press p to write one, whenever you like."),
        "{before}"
    );
    assert!(!before.contains("My safety plan"), "{before}");

    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.keymap(), Keymap::Plan);
    // In an empty plan each section is one row (its add row): three down is the fourth.
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    add_line(&mut app, "Sam 07700 900123");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.keymap(), Keymap::Support, "Esc goes back to the lines");

    let s = boxed(&screen(&mut app, 80, 30));
    let plan = s.find("My safety plan").expect("the plan is shown");
    assert!(
        plan < s.find("Lines you can call").expect("the lines"),
        "{s}"
    );
    assert!(
        s.contains("People I can ask for help • Sam 07700 900123"),
        "{s}"
    );
    assert!(
        !s.contains("My warning signs"),
        "an empty section is not shown: {s}"
    );
    press(&mut app, KeyCode::End);
    let end = boxed(&screen(&mut app, 80, 30));
    assert!(end.contains("Press p to change your plan."), "{end}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_damaged_plan_is_reported_with_its_line_and_never_written_over() {
    let dir = temp_dir("damaged");
    let path = dir.join("safety-plan.toml");
    let damaged = "warning_signs = [\"a\"]\nhobbies = [\"b\"]\n";
    std::fs::write(&path, damaged).unwrap();
    let mut app = home_with_plan(&path);
    // p on home opens "your plans", which says why the plan cannot be opened.
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(app.keymap(), Keymap::Plans);
    for (w, h) in [(80, 24), (40, 12)] {
        let _ = screen(&mut app, w, h);
    }
    let s = squash(&screen(&mut app, 80, 30));
    assert!(s.contains("could not be read (line 2:"), "{s}");
    assert!(s.contains("hobbies"), "{s}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.keymap(), Keymap::Plans, "no editor over a damaged file");
    press(&mut app, KeyCode::Esc);
    // The lines say so too, and are still there.
    press(&mut app, KeyCode::Char('!'));
    let s = boxed(&screen(&mut app, 80, 30));
    assert!(s.contains("988"), "the lines are still there: {s}");
    // Below them, why the plan is not shown.
    press(&mut app, KeyCode::End);
    let s = boxed(&screen(&mut app, 80, 30));
    assert!(s.contains("could not be read (line 2:"), "{s}");
    press(&mut app, KeyCode::Char('p'));
    assert_eq!(
        app.keymap(),
        Keymap::Support,
        "no editor over a damaged file"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_plan_opened_mid_practice_keeps_the_practice_clock_waiting() {
    let clock = clock();
    let dir = temp_dir("practice");
    let mut s = setup(clock.clone(), Saved::default(), Config::default());
    s.care.plan_path = dir.join("safety-plan.toml");
    let mut app = App::practice(s, breath_reset());
    press(&mut app, KeyCode::Enter);
    let at_start = screen(&mut app, 80, 24);
    press(&mut app, KeyCode::Char('!'));
    press(&mut app, KeyCode::Char('p'));
    wait(&mut app, &clock, 30.0);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        screen(&mut app, 80, 24),
        at_start,
        "no time passed in the practice"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_real_binary_keeps_the_plan_beside_its_settings_with_mode_0600() {
    if !tmux::available() {
        return;
    }
    let home = tmux::Home::new("care-plan");
    let binary = Path::new(env!("CARGO_BIN_EXE_steady"));
    let tmux = tmux::Tmux::start(&home.command(binary, ""));
    tmux.wait_for("steady");
    tmux.keys(&["p"]);
    tmux.wait_for("Your plans");
    tmux.keys(&["Enter"]);
    tmux.wait_for("My warning signs");
    tmux.keys(&["Enter"]);
    tmux.type_text("Everything feels far away");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter writes or changes your safety plan");
    tmux.keys(&["Escape"]);
    tmux.wait_for("p your plans");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
    let path = home.dir.join("safety-plan.toml");
    assert_eq!(mode(&path), 0o600);
    let plan = Plan::load(&path).unwrap().unwrap();
    assert_eq!(plan.items(0), ["Everything feels far away"]);
}
