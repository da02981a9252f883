//! `steady man` and `steady --help` through the real binary: a manual page built from the
//! command definitions with steady's own sections, that `man` itself reads without a warning,
//! and a help text that names the `!` key and the crisis lines in one line.

mod journal_common;
mod tools;

use journal_common::*;

#[test]
fn the_manual_has_every_command_and_the_sections_clap_has_no_place_for() {
    let env = Env::new("man-page");
    let out = env.run(&["man"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"),
        "{page:.80}"
    );
    for section in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "SUPPORT",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
        "WHAT THE NUMBERS MEAN",
    ] {
        assert!(
            page.contains(&format!(".SH {section}"))
                || page.contains(&format!(".SH \"{section}\"")),
            "{section}"
        );
    }
    for words in [
        "steady due",
        "steady man",
        "steady practices show",
        "\\-\\-since",
        "findahelpline.com",
        "journal.jsonl",
        "NO_COLOR",
        "5 filling everything",
        "5 very pleasant",
        "never share a day",
    ] {
        assert!(page.contains(words), "{words}");
    }
    assert!(
        !page.contains("steady\\-run(1)"),
        "one page, no references to pages that do not exist"
    );
}

#[test]
fn man_reads_the_page_without_a_warning() {
    let Some(man) = tools::installed(&["man"]) else {
        return;
    };
    let env = Env::new("man-read");
    let page = env.dir.join("steady.1");
    std::fs::write(&page, env.run(&["man"]).stdout).unwrap();
    let out = std::process::Command::new(man)
        .args(["--warnings", "-l"])
        .arg(&page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "man's warnings");
    let text = stdout(&out);
    assert!(
        text.contains("EXIT STATUS") && text.contains("116 123"),
        "{text}"
    );
}

#[test]
fn help_names_the_key_and_the_crisis_lines_in_one_line() {
    let env = Env::new("man-help");
    let help = stdout(&env.run(&["--help"]));
    let line = help
        .lines()
        .find(|l| l.contains("press !"))
        .expect("a line naming the ! key");
    for number in ["988", "116 123", "13 11 14", "112", "findahelpline.com"] {
        assert!(line.contains(number), "{number} in {line}");
    }
}
