//! The `!` overlay fits where the person is: the region's own lines and text line first,
//! its emergency number in the sentence for someone in danger now, then the rest, then
//! findahelpline.com (first, where steady knows no line for the region). Through `TestBackend` with a region set, and through the real binary
//! in tmux with `LANG=en_GB.UTF-8` and `en_US.UTF-8`.

#[path = "tui_common/tmux.rs"]
mod tmux;
mod tui_common;

use ratatui::crossterm::event::KeyCode;
use steady::config::Config;
use steady::tui::app::App;
use tmux::{Home, Tmux, binary};
use tui_common::*;

fn support_in(region: Option<&str>) -> App {
    let mut s = setup(clock(), Saved::default(), Config::default());
    s.care.region = region.map(str::to_owned);
    let mut app = App::home(s);
    press(&mut app, KeyCode::Char('!'));
    app
}

/// Where `needle` first shows in `s`, so order can be checked.
fn at(s: &str, needle: &str) -> usize {
    s.find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in\n{s}"))
}

#[test]
fn the_regions_own_lines_come_first_with_its_text_line_and_emergency_number() {
    let cases = [
        ("GB", "Text SHOUT to 85258", "number: 999.", "116 123"),
        ("US", "Text HOME to 741741", "number: 911.", "988"),
        ("CA", "Text 686868", "number: 911.", "988"),
        ("IE", "Text 50808", "number: 112 or 999.", "116 123"),
        ("AU", "Text 0477 13 11 14", "number: 000.", "13 11 14"),
        ("DE", "0800 111 0 222", "number: 112.", "0800 111 0 111"),
        ("IN", "14416", "number: 112.", "14416"),
        ("NZ", "1737: call or text", "number: 111.", "1737"),
    ];
    for (region, text_line, danger, first) in cases {
        let s = boxed(&screen(&mut support_in(Some(region)), 80, 30));
        let here = at(&s, &format!("Where you are ({region}):"));
        let elsewhere = at(&s, "Elsewhere:");
        assert!(at(&s, danger) < here, "{region}: {s}");
        assert!(
            here < at(&s, text_line) && at(&s, text_line) < elsewhere,
            "{region}: {s}"
        );
        assert!(
            here < at(&s, first) && at(&s, first) < elsewhere,
            "{region}: {s}"
        );
        assert!(elsewhere < at(&s, "findahelpline.com"), "{region}: {s}");
    }
}

#[test]
fn where_no_line_is_known_findahelpline_comes_before_the_other_countries_lines() {
    let s = boxed(&screen(&mut support_in(Some("FR")), 80, 30));
    assert!(s.contains("emergency number: 112."), "{s}");
    assert!(at(&s, "findahelpline.com") < at(&s, "988"), "{s}");
}

#[test]
fn without_a_region_every_line_and_every_emergency_number_is_listed() {
    let s = boxed(&screen(&mut support_in(None), 80, 30));
    assert!(
        s.contains("call your local emergency number (911, 999, 000, 112 or 111)"),
        "{s}"
    );
    assert!(!s.contains("Where you are"), "{s}");
    for needle in [
        "988", "741741", "686868", "116 123", "85258", "50808", "13 11 14",
    ] {
        assert!(at(&s, "findahelpline.com") < at(&s, needle), "{s}");
    }
}

#[test]
fn a_small_window_scrolls_and_says_there_is_more() {
    let mut app = support_in(Some("GB"));
    let top = screen(&mut app, 40, 12);
    assert!(top.contains("↓ more below"), "{top}");
    assert!(!top.contains("findahelpline"), "{top}");
    press(&mut app, KeyCode::End);
    let end = screen(&mut app, 40, 12);
    assert!(
        end.contains("whenever you like.") && end.contains("↑ more above"),
        "{end}"
    );
    press(&mut app, KeyCode::PageUp);
    assert!(screen(&mut app, 40, 12).contains("findahelpline"));
    press(&mut app, KeyCode::Home);
    assert_eq!(screen(&mut app, 40, 12), top);
}

/// `!` in the real binary under `lang`, with no other locale variable set.
fn support_under(lang: &str, wait_for: &str) -> Option<String> {
    if !tmux::available() {
        return None;
    }
    let home = Home::new("care-support");
    let command = format!(
        "env -u LC_ALL -u LC_TIME LANG={lang} {}",
        home.command(binary(), "")
    );
    let tmux = Tmux::start(&command);
    // Home's footer: steady is drawing and reading keys (the word "steady" alone can show
    // before that, in the pane's command line).
    tmux.wait_for("q quit");
    tmux.keys(&["!"]);
    tmux.wait_for(wait_for);
    // The last of the lines (the region has its own, so the finder follows them): once it
    // shows, every line above it has been drawn.
    Some(boxed(&tmux.wait_for("lines in many countries")))
}

#[test]
fn lang_en_gb_puts_the_uk_lines_first() {
    let Some(s) = support_under("en_GB.UTF-8", "SHOUT") else {
        return;
    };
    assert!(s.contains("emergency number: 999."), "{s}");
    assert!(
        at(&s, "Where you are (GB)") < at(&s, "Text SHOUT to 85258"),
        "{s}"
    );
    assert!(at(&s, "116 123") < at(&s, "988"), "{s}");
}

#[test]
fn lang_en_us_puts_the_us_lines_first() {
    let Some(s) = support_under("en_US.UTF-8", "741741") else {
        return;
    };
    assert!(s.contains("emergency number: 911."), "{s}");
    assert!(
        at(&s, "Where you are (US)") < at(&s, "Text HOME to 741741"),
        "{s}"
    );
    assert!(at(&s, "988") < at(&s, "116 123"), "{s}");
}

#[test]
fn help_names_the_support_key() {
    let out = std::process::Command::new(binary())
        .arg("--help")
        .output()
        .expect("steady runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("press ! on any screen"), "{text}");
}

/// The overlay as a person meets it in Germany, and where no line is known (France: 112
/// only), as reviewed snapshots of the `TestBackend` buffer.
#[test]
fn the_lines_for_germany_and_for_a_region_without_a_line() {
    insta::assert_snapshot!(
        "support_de_80x24",
        screen(&mut support_in(Some("DE")), 80, 24)
    );
    insta::assert_snapshot!(
        "support_fr_80x24",
        screen(&mut support_in(Some("FR")), 80, 24)
    );
}
