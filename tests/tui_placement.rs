//! A feeling word of one's own, placed from the end of a check-in: the built-in check-in
//! driven key by key ("other…", a typed word), the question on the end screen at 80×24 and
//! 40×12, and the settings file holding the line afterwards; "not now" and a settings file
//! that cannot be written.

mod tui_common;

use std::path::{Path, PathBuf};

use ratatui::crossterm::event::KeyCode;
use steady::config::Config;
use steady::practice::Library;
use steady::tui::app::App;
use tui_common::*;

/// A folder of this test's own, empty.
fn folder(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("tui-placement-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

/// Home with only the built-in check-in, writing settings to `settings`.
fn home_with(settings: &Path, config: Config) -> App {
    let mut setup = setup(clock(), Saved::default(), config);
    setup.practices = vec![
        Library::builtin()
            .get("feeling-check-in")
            .expect("built in"),
    ];
    setup.settings = Some(settings.to_owned());
    App::home(setup)
}

/// From home, a whole check-in naming `word` under "other…", to its end screen.
fn check_in(app: &mut App, word: &str) {
    press(app, KeyCode::Enter); // start it
    press(app, KeyCode::Enter); // the first words
    press(app, KeyCode::End); // "other…"
    type_text(app, word);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('3')); // strength 3
    press(app, KeyCode::Enter);
    press(app, KeyCode::Char('6')); // blue
    press(app, KeyCode::Enter);
    press(app, KeyCode::Enter); // no note
}

#[test]
fn a_word_of_ones_own_is_placed_from_the_end_screen_and_counts_at_once() {
    let dir = folder("placed");
    let settings = dir.join("config.toml");
    let before = "# my settings\nbell = false\n\n[feelings]\n# my words\nhopeful = { pleasant = true, energy = \"high\" }\n";
    std::fs::write(&settings, before).unwrap();
    let mut app = home_with(&settings, Config::parse(before).unwrap());
    check_in(&mut app, "Restless");
    insta::assert_snapshot!("placing_asks_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("placing_asks_40x12", screen(&mut app, 40, 12));
    press(&mut app, KeyCode::Char('?'));
    let help = squash(&screen(&mut app, 80, 24));
    assert!(
        help.contains("1-4 place it") && help.contains("n not now"),
        "{help}"
    );
    press(&mut app, KeyCode::Esc);

    press(&mut app, KeyCode::Char('3'));
    insta::assert_snapshot!("placing_placed_80x24", screen(&mut app, 80, 24));
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        format!("{before}restless = {{ pleasant = false, energy = \"high\" }}\n")
    );
    // The running settings know it: the same word again asks nothing.
    press(&mut app, KeyCode::Enter);
    check_in(&mut app, "restless");
    let s = squash(&screen(&mut app, 80, 24));
    assert!(s.contains("Saved in") && !s.contains("Where does"), "{s}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_word_with_a_space_goes_into_a_new_settings_file_as_a_quoted_key() {
    let dir = folder("new");
    let settings = dir.join("steady/config.toml");
    let mut app = home_with(&settings, Config::default());
    check_in(&mut app, "at ease");
    press(&mut app, KeyCode::Char('2'));
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        "[feelings]\n\"at ease\" = { pleasant = true, energy = \"low\" }\n"
    );
    let s = squash(&screen(&mut app, 40, 12));
    assert!(
        s.contains("Placed \"at ease\" in your settings as pleasant, lower energy"),
        "{s}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn not_now_leaves_the_word_unplaced_and_it_is_asked_again_the_next_time() {
    let dir = folder("not-now");
    let settings = dir.join("config.toml");
    let mut app = home_with(&settings, Config::default());
    check_in(&mut app, "restless");
    press(&mut app, KeyCode::Char('n'));
    insta::assert_snapshot!("placing_not_now_40x12", screen(&mut app, 40, 12));
    assert!(!settings.exists(), "nothing written");
    press(&mut app, KeyCode::Enter);
    check_in(&mut app, "restless");
    assert!(squash(&screen(&mut app, 80, 24)).contains("Where does \"restless\" sit for you?"));
    // Enter is done, as on every end screen: the question is passed by.
    press(&mut app, KeyCode::Enter);
    assert!(!settings.exists());
    // A built-in word is never asked about.
    check_in(&mut app, "calm");
    assert!(!squash(&screen(&mut app, 80, 24)).contains("Where does"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_settings_file_that_cannot_be_written_is_said_and_left_alone() {
    let dir = folder("folder");
    let mut app = home_with(&dir, Config::default());
    check_in(&mut app, "restless");
    press(&mut app, KeyCode::Char('4'));
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains(&format!(
            "\"restless\" is not placed: {} is a folder, not a regular file, so steady left it alone. You can place it by hand under [feelings].",
            dir.display()
        )),
        "{s}"
    );
    assert!(
        s.contains("Enter done"),
        "the end screen's keys are back: {s}"
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing left in it"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_that_would_break_the_settings_is_not_written() {
    let dir = folder("inline");
    let settings = dir.join("config.toml");
    // The table written inline: a second [feelings] table would be a duplicate.
    let before = "feelings = { hopeful = { pleasant = true, energy = \"high\" } }\n";
    std::fs::write(&settings, before).unwrap();
    let mut app = home_with(&settings, Config::parse(before).unwrap());
    check_in(&mut app, "restless");
    press(&mut app, KeyCode::Char('3'));
    let s = squash(&screen(&mut app, 80, 24));
    assert!(
        s.contains("\"restless\" is not placed: with the line added,")
            && s.contains("would not read as settings (")
            && s.contains(
                "so steady did not change it. You can place it by hand under [feelings]."
            ),
        "{s}"
    );
    assert_eq!(std::fs::read_to_string(&settings).unwrap(), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[path = "tui_common/tmux.rs"]
mod tmux;

/// The real binary in tmux: a check-in naming "restless" under "other…", placed from its end
/// screen at 40×12, leaves the line in the settings file, comments kept, and `steady stats`
/// counts the check-in as unpleasant.
#[test]
fn in_a_terminal_the_answer_lands_in_the_settings_file_and_stats_counts_it() {
    if !tmux::available() {
        return;
    }
    let home = tmux::Home::new("e2e-placement");
    let settings = home.dir.join("config.toml");
    std::fs::write(&settings, "# mine\nbell = false\n").unwrap();
    let tmux = tmux::Tmux::start(&home.command(tmux::binary(), "run feeling-check-in"));
    tmux.wait_for("A short check");
    tmux.keys(&["Enter"]);
    tmux.wait_for("What are you feeling right now?");
    tmux.keys(&["End"]);
    tmux.type_text("restless");
    tmux.keys(&["Enter"]);
    tmux.wait_for("How strong is it?");
    tmux.keys(&["3", "Enter"]);
    tmux.wait_for("which would it be?");
    tmux.keys(&["6", "Enter"]);
    tmux.wait_for("one sentence");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Where does \"restless\" sit for you?");
    tmux.resize(40, 12);
    // Every place stays in view at 40×12, and the narrow footer keeps "not now".
    tmux.wait_for("3 unpleasant, higher energy (tense)");
    tmux.wait_for("4 unpleasant, lower energy (tired)");
    tmux.wait_for("n not now · ? more");
    tmux.keys(&["3"]);
    tmux.wait_for("Placed \"restless\"");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
    assert_eq!(
        std::fs::read_to_string(&settings).unwrap(),
        "# mine\nbell = false\n\n[feelings]\nrestless = { pleasant = false, energy = \"high\" }\n"
    );
    let stats = std::process::Command::new(tmux::binary())
        .arg("--journal")
        .arg(home.journal())
        .arg("--config")
        .arg(&settings)
        .args(["stats", "--json"])
        .output()
        .expect("steady runs");
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("JSON");
    let month = &json["check_ins"]["by_month"][0];
    assert_eq!(
        (
            month["unpleasant"].as_u64(),
            month["not_sure_or_unplaced"].as_u64()
        ),
        (Some(1), Some(0)),
        "{json}"
    );
    assert_eq!(json["check_ins"]["unplaced_words"], serde_json::json!([]));
}
