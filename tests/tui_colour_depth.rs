//! Colour follows the terminal, through the real binary in tmux: 24-bit colour escapes only
//! when `COLORTERM` says the terminal shows them, the 256-colour palette otherwise (a
//! `TERM=screen` without `COLORTERM` once got 24-bit escapes), and none under `NO_COLOR`.

#[path = "tui_common/tmux.rs"]
mod tmux;

use std::path::Path;

use tmux::{Home, Tmux};

/// The home screen's escapes, with `env` set for steady.
fn home_escapes(name: &str, env: &str) -> Option<String> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    let binary = Path::new(env!("CARGO_BIN_EXE_steady"));
    let tmux = Tmux::start(&format!(
        "env -u COLORTERM -u NO_COLOR TERM=screen {env} {}",
        home.command(binary, "")
    ));
    tmux.wait_for("Feeling check-in");
    Some(tmux.screen_with_escapes())
}

#[test]
fn without_colorterm_the_256_colour_palette_is_used() {
    let Some(screen) = home_escapes("depth-256", "") else {
        return;
    };
    assert!(screen.contains("\x1b[38;5;"), "{screen:?}");
    assert!(!screen.contains("38;2;"), "{screen:?}");
}

#[test]
fn colorterm_truecolor_gets_24_bit_colour() {
    for value in ["truecolor", "24bit"] {
        let Some(screen) = home_escapes("depth-24", &format!("COLORTERM={value}")) else {
            return;
        };
        assert!(screen.contains("\x1b[38;2;"), "{value}: {screen:?}");
    }
}

#[test]
fn no_color_draws_no_colour_at_all() {
    let Some(screen) = home_escapes("depth-none", "COLORTERM=truecolor NO_COLOR=1") else {
        return;
    };
    assert!(
        !screen.contains("38;2;") && !screen.contains("38;5;"),
        "{screen:?}"
    );
}
