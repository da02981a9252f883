//! Keys that need a terminal, through the real binary in tmux: on the first run
//! home offers the check-in and Enter starts it; F1 in a text field lists every editing key;
//! the colour grid's footer names the arrows that move along its rows.

#[path = "tui_common/tmux.rs"]
mod tmux;

use tmux::{Home, Tmux, binary};

#[test]
fn the_first_run_check_in_lists_the_editor_keys_under_f1_and_the_grid_says_left_right() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("keys-e2e");
    let tmux = Tmux::start(&home.command(binary(), ""));
    tmux.wait_for("A first practice to try: the feeling check-in");
    // The cursor waits on the check-in: Enter starts it.
    tmux.keys(&["Enter"]);
    tmux.wait_for("step 1 of 5");
    tmux.keys(&["Enter"]);
    tmux.wait_for("step 2 of 5");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("step 3 of 5");
    tmux.keys(&["3", "Enter"]);
    tmux.wait_for("step 4 of 5");
    let grid = tmux.wait_for("←→ choose");
    assert!(!grid.contains("↑↓ choose"), "{grid}");
    tmux.keys(&["Right", "Enter"]);
    tmux.wait_for("step 5 of 5");
    tmux.keys(&["F1"]);
    let keys = tmux.wait_for("delete the word before");
    for line in [
        "Ctrl-W",
        "Home Ctrl-A",
        "End Ctrl-E",
        "Ctrl-U",
        "Ctrl-K",
        "paste",
    ] {
        assert!(keys.contains(line), "{line} in\n{keys}");
    }
    tmux.keys(&["Escape"]);
    tmux.keys(&["C-c"]);
    tmux.wait_for("EXITED-");
}

#[test]
fn review_export_suggests_a_file_in_the_home_folder_not_the_working_one() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("keys-e2e-export");
    // Started from `/`, with HOME set to the test's own folder.
    let command = format!(
        "cd / && env HOME='{}' {}",
        home.dir.display(),
        home.command(binary(), "review")
    );
    let tmux = Tmux::start(&command);
    tmux.wait_for("1 History");
    tmux.keys(&["x"]);
    let dialog = tmux.wait_for("Export the 0 entries shown.");
    // A long path scrolls in its field: its end (the home folder's own name) is in view.
    let name = home.dir.file_name().unwrap().to_string_lossy().into_owned();
    let tail: String = name
        .chars()
        .rev()
        .take(12)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let suggested = format!("{tail}/steady-");
    assert!(dialog.contains(&suggested), "{suggested} in\n{dialog}");
    // Esc and q apart: sent together, a terminal reads them as Alt-q.
    tmux.keys(&["Escape"]);
    tmux.wait_for("q leave");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-");
}
