//! The real binary in a real terminal (tmux): `steady review` on a temp journal, filtered to
//! one practice, deletes that practice's newest entry, and the journal file keeps every
//! other line byte for byte (the unreadable one included).

#[path = "tui_common/tmux.rs"]
mod tmux;

use tmux::{Home, Tmux, binary};

fn line(id: &str, practice: &str, title: &str, at: &str, responses: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"{title}","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{responses}}}"#
    )
}

#[test]
fn filter_to_a_practice_delete_an_entry_and_quit() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("review-e2e");
    let check_in = |id: &str, day: u32| {
        line(
            id,
            "feeling-check-in",
            "Feeling check-in",
            &format!("2026-11-{day:02}T08:00:00.000+01:00"),
            r#"{"feeling":"calm","level":2,"colour":"blue","note":"a quiet morning"}"#,
        )
    };
    let breath = |id: &str, day: u32| {
        line(
            id,
            "breath-reset",
            "90-second breath reset",
            &format!("2026-11-{day:02}T21:00:00.000+01:00"),
            r#"{"before":2,"after":4}"#,
        )
    };
    let lines = [
        check_in("01JD000000000000000000CK01", 10),
        breath("01JD000000000000000000BR01", 11),
        "this line is not an entry".to_owned(),
        check_in("01JD000000000000000000CK02", 12),
        breath("01JD000000000000000000BR02", 13),
        check_in("01JD000000000000000000CK03", 14),
    ];
    std::fs::write(home.journal(), lines.join("\n") + "\n").expect("temp journal");

    let tmux = Tmux::start(&home.command(binary(), "review"));
    tmux.wait_for("All 5 entries");
    // The practices are listed most first: the check-in, then the breath reset.
    tmux.keys(&["p"]);
    tmux.wait_for("Show practices");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("2 of 5");
    tmux.keys(&["d"]);
    tmux.wait_for("y deletes");
    tmux.keys(&["y"]);
    tmux.wait_for("Deleted.");
    tmux.wait_for("1 of 4");
    // Esc clears the filter first; q leaves.
    tmux.keys(&["Escape"]);
    tmux.wait_for("All 4 entries");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");

    let after = std::fs::read_to_string(home.journal()).expect("journal is there");
    let expected: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| !l.contains("BR02"))
        .collect();
    assert_eq!(after, expected.join("\n") + "\n");
}

#[test]
fn a_journal_that_cannot_be_read_is_one_sentence_and_exit_1() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("review-e2e-unreadable");
    // A folder where the journal should be: reading it fails before the screen is taken.
    std::fs::create_dir_all(home.journal()).expect("a folder in the journal's place");
    let tmux = Tmux::start(&home.command(binary(), "review"));
    let screen = tmux.wait_for("EXITED-1");
    assert!(screen.contains("steady: steady cannot use"), "{screen}");
    assert!(screen.contains("folder"), "{screen}");
    assert_eq!(
        tmux.display("#{alternate_on}"),
        "0",
        "the screen was never taken"
    );
}

#[test]
fn esc_steps_back_and_never_leaves_and_the_calendar_reads_without_colour() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("review-e2e-esc");
    let lines: Vec<String> = (14..=21)
        .map(|day| {
            line(
                &format!("01JD0000000000000000000C{day}"),
                "feeling-check-in",
                "Feeling check-in",
                &format!("2026-11-{day}T08:00:00.000+01:00"),
                &format!(
                    r#"{{"feeling":"calm","level":{},"colour":"purple"}}"#,
                    day % 5 + 1
                ),
            )
        })
        .collect();
    std::fs::write(home.journal(), lines.join("\n") + "\n").expect("temp journal");
    let command = format!(
        "NO_COLOR=1 STEADY_NOW=2026-11-22T12:00:00+01:00 {}",
        home.command(binary(), "review")
    );
    let tmux = Tmux::start(&command);
    tmux.resize(40, 12);
    tmux.wait_for("All 8 entries");
    // A search kept, then Esc twice: the first clears it, the second (which used to leave
    // for the shell) only clears the message. Each Esc is waited on before the next key,
    // so the terminal never sends them as one Alt-key.
    // A paste goes into the search field as text.
    tmux.keys(&["/"]);
    tmux.wait_for("Enter done");
    tmux.paste("calm");
    tmux.wait_for("calm");
    tmux.keys(&["Enter"]);
    tmux.wait_for("text: \"calm\"");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Filters cleared.");
    tmux.keys(&["Escape"]);
    gone_from_screen(&tmux, "Filters cleared.");
    assert!(tmux.screen().contains("All 8 entries"), "still in review");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Completed.");
    tmux.keys(&["Escape"]);
    tmux.wait_for("When ");
    // The calendar without colour: how strong each day's last feeling was beside its day,
    // the legend, days to come.
    tmux.keys(&["3"]);
    let screen = tmux.wait_for("3 strength · • other · · none · ◦ ahead");
    assert!(
        screen.contains("16 2 17 3 18 4 19 5 20 1 21 2 22 ·"),
        "{screen}"
    );
    assert!(screen.contains("23 ◦"), "{screen}");
    tmux.keys(&["Escape"]);
    tmux.wait_for("All 8 entries");
    assert!(!tmux.screen().contains("EXITED"), "Esc never leaves review");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
}

/// Polls until `text` is no longer on screen (10 s at most).
fn gone_from_screen(tmux: &Tmux, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while tmux.screen().contains(text) {
        assert!(
            std::time::Instant::now() < deadline,
            "{text:?} stayed on screen:\n{}",
            tmux.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
