//! Render tests: every screen drawn into a `TestBackend` at 80×24 and at the smallest size,
//! and no size at all, down to 0×0, makes anything panic.

mod tui_common;

use ratatui::crossterm::event::KeyCode;
use tui_common::*;

#[test]
fn home_lists_practices_by_tag_with_summaries_and_a_gentle_line() {
    let mut app = home(clock(), Saved::default());
    for (w, h) in [(80, 24), (40, 12)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("steady"), "{s}");
        assert!(s.contains("NOTICE"), "{s}");
        assert!(s.contains("Feeling check-in"), "{s}");
        assert!(s.contains("Enter start"), "{s}");
    }
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("A short summary of Feeling check-in."), "{s}");
    assert!(s.contains("REGULATE") && s.contains("CONNECT"), "{s}");
    // The first run: a first practice offered, and no "quiet week" before there was one.
    assert!(
        s.contains("A first practice to try: the feeling check-in"),
        "{s}"
    );
    assert!(!s.contains("A quiet week so far"), "{s}");
    assert!(s.contains("r review"), "home offers review: {s}");
}

#[test]
fn home_counts_today_and_the_week() {
    let journal = Saved {
        earlier: ["2026-11-22T08:00:00+01:00", "2026-11-21T08:00:00+01:00"]
            .iter()
            .map(|t| chrono::DateTime::parse_from_rfc3339(t).unwrap())
            .collect(),
        ..Saved::default()
    };
    let s = screen(&mut home(clock(), journal), 80, 24);
    assert!(
        squash(&s).contains(
            "One practice today. You practised on 2 of the last 7 days. 2 days in a row."
        ),
        "{s}"
    );
}

#[test]
fn help_lists_every_key_of_the_screen_beneath() {
    let mut app = home(clock(), Saved::default());
    press(&mut app, KeyCode::Char('?'));
    for (w, h) in [(80, 24), (40, 12)] {
        let s = screen(&mut app, w, h);
        assert!(s.contains("Keys"), "{s}");
        assert!(s.contains("Enter") && s.contains("start"), "{s}");
        assert!(s.contains("support") && s.contains("quit"), "{s}");
    }
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&mut app, 80, 24).contains("Keys"));
}

#[test]
fn support_shows_the_crisis_lines() {
    let mut app = home(clock(), Saved::default());
    press(&mut app, KeyCode::Char('!'));
    let s = squash(&screen(&mut app, 80, 24));
    for needle in [
        "988",
        "116 123",
        "13 11 14",
        "112",
        "741741",
        "findahelpline.com",
    ] {
        assert!(s.contains(needle), "{needle} missing: {s}");
    }
    press(&mut app, KeyCode::End);
    let end = squash(&screen(&mut app, 80, 24));
    assert!(end.contains("not treatment"), "{end}");
    press(&mut app, KeyCode::Home);
    let small = squash(&screen(&mut app, 40, 12));
    assert!(small.contains("emergency number"), "{small}");
}

#[test]
fn a_small_window_asks_for_more_room() {
    let mut app = home(clock(), Saved::default());
    let s = screen(&mut app, 39, 12);
    assert!(
        squash(&s).contains("Make the window at least 40×12; it is 39×12 now."),
        "{s}"
    );
    assert!(squash(&screen(&mut app, 40, 11)).contains("at least 40×12"));
}

#[test]
fn no_size_makes_any_screen_panic() {
    let mut app = home(clock(), Saved::default());
    let sizes = [
        (0, 0),
        (1, 1),
        (0, 5),
        (5, 0),
        (2, 40),
        (39, 11),
        (40, 12),
        (41, 13),
        (60, 20),
        (200, 60),
        (80, 3),
    ];
    let check = |app: &mut steady::tui::app::App| {
        for (w, h) in sizes {
            screen(app, w, h);
        }
    };
    check(&mut app);
    press(&mut app, KeyCode::Char('?'));
    check(&mut app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('!'));
    check(&mut app);
}

#[test]
fn home_says_when_practice_files_could_not_be_used() {
    let mut setup = setup(clock(), Saved::default(), steady::config::Config::default());
    setup.problems = 2;
    let s = squash(&screen(&mut steady::tui::app::App::home(setup), 80, 24));
    assert!(
        s.contains(
            "2 practice files could not be used; \
             `steady practices validate /tmp/steady-test/practices` says why."
        ),
        "{s}"
    );
}

#[test]
fn home_keeps_a_blank_row_before_the_first_group_when_its_header_wraps() {
    // A journal with a practice in it: the cursor starts on the first practice listed.
    let practised = Saved {
        earlier: vec![chrono::DateTime::parse_from_rfc3339("2026-11-21T08:00:00+01:00").unwrap()],
        ..Saved::default()
    };
    let mut setup = setup(clock(), practised, steady::config::Config::default());
    setup.problems = 1;
    let mut app = steady::tui::app::App::home(setup);
    for (w, h) in [(80, 24), (40, 12), (40, 24)] {
        let s = screen(&mut app, w, h);
        let rows: Vec<&str> = s.lines().collect();
        let group = rows
            .iter()
            .position(|r| r.trim() == "NOTICE")
            .unwrap_or_else(|| panic!("no first group at {w}x{h}:\n{s}"));
        assert!(rows[group - 1].trim().is_empty(), "{w}x{h}:\n{s}");
        assert!(
            squash(&s).contains("1 practice file could not be used"),
            "{s}"
        );
    }
}

#[test]
fn control_characters_in_practice_text_never_reach_the_screen() {
    use std::sync::Arc;
    use steady::practice::model::{Origin, Practice, Step, StepKind};
    let hostile = Arc::new(Practice {
        id: "hostile".into(),
        title: "Calm\u{1b}]0;pwned\u{7}".into(),
        summary: "A \u{1b}[2Jsummary".into(),
        source: "A test.".into(),
        tags: vec!["odd\u{9b}31m".into()],
        private: false,
        steps: vec![Step {
            key: Some("pick".into()),
            kind: StepKind::Choice {
                prompt: "Which\u{1b}[31m one?".into(),
                options: vec!["a\u{1b}[1m".into(), "b".into()],
                multiple: false,
                other: false,
            },
            when: None,
        }],
        origin: Origin::BuiltIn,
    });
    let mut setup = setup(clock(), Saved::default(), steady::config::Config::default());
    setup.practices = vec![hostile.clone()];
    let mut home = steady::tui::app::App::home(setup);
    let mut practice = run(hostile, clock(), Saved::default());
    for app in [&mut home, &mut practice] {
        let s = screen(app, 80, 24);
        assert!(!steady::text::has_control(&s, true), "{s:?}");
    }
    assert!(screen(&mut practice, 80, 24).contains("Which[31m one?"));
}

#[test]
fn overlay_text_keeps_a_column_from_the_border_when_there_is_room() {
    let mut app = home(clock(), Saved::default());
    let row_with = |s: &str, needle: &str| {
        s.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in\n{s}"))
            .to_owned()
    };
    press(&mut app, KeyCode::Char('?'));
    let wide = screen(&mut app, 80, 24);
    assert!(row_with(&wide, "start").contains("│ Enter"), "{wide}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('!'));
    let wide = screen(&mut app, 80, 24);
    assert!(
        row_with(&wide, "In crisis?").contains("│ In crisis?"),
        "{wide}"
    );
    // At 40 columns the crisis lines need every column, so there is no margin.
    let narrow = screen(&mut app, 40, 12);
    assert!(
        row_with(&narrow, "In crisis?").contains("│In crisis?"),
        "{narrow}"
    );
    for line in crisis_lines() {
        assert!(wide.contains(line), "{line} in\n{wide}");
    }
}

fn crisis_lines() -> [&'static str; 6] {
    [
        "988: call or text, US and Canada",
        "116 123: Samaritans, UK and Ireland",
        "13 11 14: Lifeline, Australia",
        "112: emergencies, across the EU",
        "Text HOME to 741741: Crisis Text Line, US",
        "findahelpline.com: lines in many countries",
    ]
}

/// The screen as rows of text, and where the terminal cursor shows (None when hidden).
fn with_cursor(
    app: &mut steady::tui::app::App,
    w: u16,
    h: u16,
) -> (Vec<String>, Option<(u16, u16)>) {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let backend = terminal.backend();
    let rows = (0..h)
        .map(|y| (0..w).map(|x| backend.buffer()[(x, y)].symbol()).collect())
        .collect();
    let at = backend.cursor_position();
    (rows, backend.cursor_visible().then_some((at.x, at.y)))
}

/// Where `typed` ends on screen: the cell just after it.
fn after(rows: &[String], typed: &str) -> Option<(u16, u16)> {
    rows.iter().enumerate().find_map(|(y, row)| {
        let x = row.find(typed)?;
        let x = row[..x].chars().count() + typed.chars().count();
        Some((u16::try_from(x).ok()?, u16::try_from(y).ok()?))
    })
}

#[test]
fn the_terminal_cursor_stands_after_what_is_typed_and_is_hidden_elsewhere() {
    let mut app = run(feeling_check_in(), clock(), Saved::default());
    assert_eq!(
        with_cursor(&mut app, 80, 24).1,
        None,
        "a step with nothing to type"
    );
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "tender");
    for (w, h) in [(80, 24), (40, 12)] {
        let (rows, cursor) = with_cursor(&mut app, w, h);
        assert_eq!(
            cursor,
            after(&rows, "tender"),
            "{w}×{h}:\n{}",
            rows.join("\n")
        );
    }

    let mut app = home(clock(), Saved::default());
    assert_eq!(
        with_cursor(&mut app, 80, 24).1,
        None,
        "home has nothing to type"
    );
    press(&mut app, KeyCode::Char('p'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "a walk");
    let (rows, cursor) = with_cursor(&mut app, 80, 24);
    assert!(cursor.is_some(), "{}", rows.join("\n"));
    assert_eq!(cursor, after(&rows, "a walk"), "{}", rows.join("\n"));
}
