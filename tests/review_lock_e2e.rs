//! The real binary in a real terminal (tmux): review's delete while another process holds
//! the journal's lock and is stopped (SIGSTOP, as Ctrl-Z stops a steady mid-import). The
//! review screen says it is waiting, stays live (`!` opens the crisis lines), and the delete
//! lands in the journal file once the lock is let go; Ctrl-C while a delete waits ends steady
//! only once that delete has ended. An export waits in its dialog the same way, and is
//! written once the lock is let go. Text is waited for by polling, never fixed sleeps.

mod lock_holder;
#[path = "tui_common/tmux.rs"]
mod tmux;

use lock_holder::Holder;
use tmux::{Home, Tmux, binary};

const NEWER: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:01:02.123+01:00","ended_at":"2026-11-21T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"feeling":"wary","level":3,"colour":"blue"}}"#;
const OLDER: &str = r#"{"v":1,"id":"01JD1A2B3C4D5E6F7G8H9J0KMN","practice":"breath-reset","title":"90-second breath reset","started_at":"2026-11-20T19:30:00.000+01:00","ended_at":"2026-11-20T19:31:30.000+01:00","completed":true,"via":"tui","responses":{}}"#;

/// `steady review` over two entries, then the journal's lock taken by a stopped `flock` and
/// the newer entry's delete confirmed; `None` (skip) without tmux.
fn deleting_while_locked(name: &str) -> Option<(Home, Tmux, Holder)> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    std::fs::write(home.journal(), format!("{OLDER}\n{NEWER}\n")).unwrap();
    let tmux = Tmux::start(&home.command(binary(), "review"));
    tmux.wait_for("All 2 entries");
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    tmux.keys(&["d"]);
    tmux.wait_for("y deletes");
    tmux.keys(&["y"]);
    Some((home, tmux, holder))
}

#[test]
fn a_held_delete_waits_on_screen_keeps_support_open_and_lands_once_let_go() {
    let Some((home, tmux, holder)) = deleting_while_locked("e2e-review-lock") else {
        return;
    };
    let screen = tmux.wait_for("Saving… (waiting for another program).");
    let said = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains(&format!("PID {} has the journal open", holder.pid())),
        "{screen}"
    );
    assert!(
        said.contains("Feeling check-in"),
        "the entry stays: {screen}"
    );

    // The screen is live while it waits: `!` opens the crisis lines, and closes again.
    tmux.keys(&["!"]);
    tmux.wait_for("988");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Saving… (waiting for another program).");
    assert_eq!(home.entries().len(), 2, "nothing is written while it waits");

    holder.release();
    tmux.wait_for("Deleted. Press u to bring it back.");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["id"], "01JD1A2B3C4D5E6F7G8H9J0KMN");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn ctrl_c_while_a_delete_waits_ends_only_once_it_has_landed() {
    let Some((home, tmux, holder)) = deleting_while_locked("e2e-review-lock-quit") else {
        return;
    };
    tmux.wait_for("Saving… (waiting for another program).");
    tmux.keys(&["C-c"]);
    tmux.wait_for("Saving… (waiting for another program).");
    assert!(!tmux.screen().contains("EXITED"), "{}", tmux.screen());
    holder.release();
    tmux.wait_for("EXITED-0");
    assert_eq!(home.entries().len(), 1);
}

#[test]
fn back_home_from_review_while_the_lock_is_held_home_is_live_and_q_ends() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("e2e-review-lock-home");
    std::fs::write(home.journal(), format!("{OLDER}\n{NEWER}\n")).unwrap();
    let tmux = Tmux::start(&home.command(binary(), ""));
    tmux.wait_for("Enter start");
    tmux.keys(&["r"]);
    tmux.wait_for("All 2 entries");
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    // Home reads the journal again beside the screen: it opens at once and `!` works.
    tmux.keys(&["q"]);
    tmux.wait_for("Enter start");
    tmux.keys(&["!"]);
    tmux.wait_for("988");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter start");
    // A read for home left waiting is not worth waiting for on the way out.
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
    holder.release();
    assert_eq!(home.entries().len(), 2);
}

#[test]
fn review_opened_while_the_lock_is_held_says_it_waits_and_shows_the_entries_once_let_go() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("e2e-review-lock-open");
    std::fs::write(home.journal(), format!("{OLDER}\n{NEWER}\n")).unwrap();
    let tmux = Tmux::start(&home.command(binary(), ""));
    tmux.wait_for("Enter start");
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    tmux.keys(&["r"]);
    tmux.wait_for("Reading the journal… (waiting for another program");
    tmux.keys(&["!"]);
    tmux.wait_for("988");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Reading the journal…");
    holder.release();
    tmux.wait_for("All 2 entries");
    tmux.keys(&["q"]);
    tmux.wait_for("Enter start");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn a_held_export_waits_in_its_dialog_keeps_support_open_and_writes_once_let_go() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("e2e-review-lock-export");
    std::fs::write(home.journal(), format!("{OLDER}\n{NEWER}\n")).unwrap();
    let out = home.dir.join("held.jsonl");
    let tmux = Tmux::start(&home.command(binary(), "review"));
    tmux.wait_for("All 2 entries");
    let holder = Holder::take(&home.dir.join("journal.jsonl.lock"));
    holder.signal("-STOP");
    tmux.keys(&["x"]);
    tmux.wait_for("Export the 2 entries shown.");
    tmux.keys(&["C-u"]);
    tmux.type_text(out.to_str().unwrap());
    tmux.keys(&["Enter"]);
    tmux.wait_for("Exporting… (waiting for another program).");

    // The screen is live while it waits: F2 (the dialog's support key) opens the crisis
    // lines, and Esc closes them.
    tmux.keys(&["F2"]);
    tmux.wait_for("988");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Exporting… (waiting for another program).");
    assert!(!out.exists(), "nothing is written while it waits");

    holder.release();
    tmux.wait_for("Exported 2 entries to");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!("{OLDER}\n{NEWER}\n")
    );
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}
