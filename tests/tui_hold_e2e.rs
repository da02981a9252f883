//! The real binary in tmux: the stay-present hold ended with Enter before any urge came is
//! recorded as a hold with no urge, and one told from memory is recorded as recalled.

#[path = "tui_common/tmux.rs"]
mod tmux;

use tmux::{Home, Tmux, binary};

/// The built-in stay-present practice in tmux, at its hold; None (skip) without tmux.
fn at_the_hold(name: &str) -> Option<(Home, Tmux)> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new(name);
    let tmux = Tmux::start(&home.command(binary(), "run stay-present"));
    tmux.wait_for("Choose a small moment");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Which moment are you practising with?");
    tmux.keys(&["1", "Enter"]);
    tmux.wait_for("Enter no urge");
    Some((home, tmux))
}

/// From the body question to the end: leaves it empty (it is optional) and saves.
fn finish(tmux: &Tmux, closing: &str) {
    tmux.wait_for("What happened in your body?");
    tmux.keys(&["C-d"]);
    tmux.wait_for(closing);
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved in");
    tmux.keys(&["Enter"]);
    tmux.wait_for("EXITED-0");
}

#[test]
fn enter_before_any_urge_records_a_hold_with_no_urge() {
    let Some((home, tmux)) = at_the_hold("e2e-hold-no-urge") else {
        return;
    };
    tmux.keys(&["Enter"]);
    finish(&tmux, "No urge to leave came this time.");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    let stay = &entries[0]["responses"]["stay"];
    assert!(
        stay["urge_s"].is_null() && stay["extra_s"].is_null(),
        "{stay}"
    );
    assert!(stay["total_s"].as_f64().is_some_and(|t| t > 0.0), "{stay}");
    assert_eq!(entries[0]["completed"], true);
    assert!(entries[0]["responses"].get("body").is_none());
}

#[test]
fn a_hold_told_from_memory_is_recorded_as_recalled() {
    let Some((home, tmux)) = at_the_hold("e2e-hold-recalled") else {
        return;
    };
    tmux.keys(&["r"]);
    tmux.wait_for("Did the urge to leave come?");
    tmux.keys(&["1", "Enter"]);
    tmux.wait_for("how many seconds into the moment");
    tmux.type_text("12");
    tmux.keys(&["Enter"]);
    tmux.wait_for("stay the 5 extra seconds?");
    tmux.keys(&["1", "Enter"]);
    finish(&tmux, "The urge came, and you noticed it.");
    let entries = home.entries();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(
        entries[0]["responses"]["stay"],
        serde_json::json!({"urge_s": 12, "extra_s": 5, "total_s": 17, "recalled": true})
    );
}
