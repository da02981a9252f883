//! `x` in History exports exactly what `steady export` writes for the same filter: the
//! stored lines byte for byte for json and jsonl (odd spacing and unknown fields included),
//! and the same csv and md, from a real journal file. And it keeps the CLI's rule: the
//! journal (however spelled) and its lock are never written over, through keys on a
//! `TestBackend` and through keys in a real terminal (tmux).

#[path = "tui_common/tmux.rs"]
mod tmux;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::Weekday;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steady::clock::TestClock;
use steady::config::Config;
use steady::tui::review::{Review, ReviewOptions, ReviewView};
use steady::tui::widgets::Theme;

/// The journal file at `path`, through the port.
fn file_vault(path: &Path) -> Arc<dyn steady::journal::Vault> {
    Arc::new(steady::journal::vault::FileVault::new(
        steady::journal::Store::new(path),
    ))
}

fn line(id: &str, at: &str, note: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{{"feeling":"calm","level":2,"colour":"blue","note":"{note}"}}}}"#
    )
}

/// A temp folder removed at the end.
struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn press(review: &mut Review, code: KeyCode) {
    review.handle(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(review: &mut Review, text: &str) {
    for c in text.chars() {
        press(review, KeyCode::Char(c));
    }
}

/// What `steady export --format FORMAT --search TEXT` prints for `journal`.
fn cli_export(dir: &Path, journal: &Path, format: &str, search: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_steady"))
        .arg("--journal")
        .arg(journal)
        .arg("--practices")
        .arg(dir.join("practices"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(["export", "--format", format, "--search", search])
        .output()
        .expect("steady runs");
    assert!(out.status.success(), "{out:?}");
    out.stdout
}

#[test]
fn review_export_is_byte_identical_to_steady_export_for_every_format() {
    let dir =
        Dir(std::env::temp_dir().join(format!("steady-review-export-{}", std::process::id())));
    std::fs::create_dir_all(dir.0.join("practices")).unwrap();
    std::fs::write(dir.0.join("config.toml"), "").unwrap();
    let journal = dir.0.join("journal.jsonl");
    // A hand-spaced line with keys in an unusual order and a field steady does not know, an
    // unreadable line, and entries out of time order: all must come out as the CLI's.
    let spaced = r#"{ "id" : "01JD000000000000000000AA02",  "v":1, "zz_unknown": {"b":[1, 2], "a":null},"practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-21T08:00:00.000+01:00","ended_at":"2026-11-21T08:00:40.000+01:00","completed":true,"via":"cli","responses":{"note":"A Quiet Morning, \"mostly\"","level":3}}"#;
    let lines = [
        line(
            "01JD000000000000000000AA03",
            "2026-11-22T07:00:00.000+01:00",
            "morning walk",
        ),
        spaced.to_owned(),
        "this line is not an entry".to_owned(),
        line(
            "01JD000000000000000000AA01",
            "2026-11-20T09:00:00.000+01:00",
            "evening only",
        ),
        line(
            "01JD000000000000000000AA04",
            "2026-11-19T01:30:00.000+01:00",
            "late morning thoughts",
        ),
    ];
    std::fs::write(&journal, lines.join("\n") + "\n").unwrap();

    let mut review = Review::open(
        file_vault(&journal),
        &Config::default(),
        [],
        Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00")),
        ReviewOptions {
            theme: Theme::PLAIN,
            first_weekday: Weekday::Mon,
            folder: dir.0.clone(),
            home: dir.0.clone(),
        },
    )
    .expect("journal reads");
    press(&mut review, KeyCode::Char('/'));
    type_text(&mut review, "MORNING");
    press(&mut review, KeyCode::Enter);
    assert_eq!(review.history().shown(review.data()).count(), 3);

    for (tabs, format) in ["csv", "json", "jsonl", "md"].into_iter().enumerate() {
        press(&mut review, KeyCode::Char('x'));
        for _ in 0..tabs {
            press(&mut review, KeyCode::Tab);
        }
        press(&mut review, KeyCode::Enter);
        let written = dir.0.join(format!("steady-2026-11-22.{format}"));
        let ours = std::fs::read(&written).expect("review wrote the export");
        let theirs = cli_export(&dir.0, &journal, format, "MORNING");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs),
            "{format}"
        );
        if format == "jsonl" {
            assert!(ours.starts_with(lines[0].as_bytes()));
            assert!(
                String::from_utf8_lossy(&ours).contains(spaced),
                "the hand-spaced line is copied as it is"
            );
        }
    }
}

fn open(dir: &Path, journal: &Path) -> Review {
    Review::open(
        file_vault(journal),
        &Config::default(),
        [],
        Arc::new(TestClock::at_rfc3339("2026-11-22T12:00:00+01:00")),
        ReviewOptions {
            theme: Theme::PLAIN,
            first_weekday: Weekday::Mon,
            folder: dir.to_owned(),
            home: dir.to_owned(),
        },
    )
    .expect("journal reads")
}

fn screen(review: &mut Review) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| f.render_stateful_widget(ReviewView, f.area(), review))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..30)
        .map(|y| (0..100).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn review_export_never_writes_over_the_journal_or_its_lock() {
    let dir = Dir(
        std::env::temp_dir().join(format!("steady-review-export-guard-{}", std::process::id()))
    );
    std::fs::create_dir_all(&dir.0).unwrap();
    let journal = dir.0.join("journal.jsonl");
    let text = [
        line(
            "01JD000000000000000000AA01",
            "2026-11-21T08:00:00.000+01:00",
            "one",
        ),
        "an unreadable line, kept".to_owned(),
    ]
    .join("\n")
        + "\n";
    std::fs::write(&journal, &text).unwrap();
    let mut review = open(&dir.0, &journal);
    let spellings = [
        journal.display().to_string(),
        format!("{}/exports/../journal.jsonl", dir.0.display()),
        "exports/../journal.jsonl".to_owned(),
        "journal.jsonl.lock".to_owned(),
    ];
    for spelled in spellings {
        press(&mut review, KeyCode::Char('x'));
        review.handle(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        type_text(&mut review, &spelled);
        press(&mut review, KeyCode::Enter);
        // The dialog wraps its sentence: read the words, not the lines.
        let shown = screen(&mut review).replace('│', " ");
        let shown = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            shown.contains("the journal itself") || shown.contains("the journal's lock file"),
            "{spelled}:\n{shown}"
        );
        assert!(!shown.contains("Replace it?"), "{shown}");
        press(&mut review, KeyCode::Enter);
        assert!(
            screen(&mut review).contains("Export"),
            "still asking for another name"
        );
        assert_eq!(
            std::fs::read_to_string(&journal).unwrap(),
            text,
            "{spelled}"
        );
        assert!(!dir.0.join("exports").exists());
        press(&mut review, KeyCode::Esc);
    }
}

#[test]
fn review_export_in_a_terminal_refuses_the_journal() {
    if !tmux::available() {
        return;
    }
    let home = tmux::Home::new("review-export-guard");
    let text = line(
        "01JD000000000000000000AA01",
        "2026-11-21T08:00:00.000+01:00",
        "one",
    ) + "\nan unreadable line, kept\n";
    std::fs::write(home.journal(), &text).unwrap();
    let binary = Path::new(env!("CARGO_BIN_EXE_steady"));
    let tmux = tmux::Tmux::start(&home.command(binary, "review"));
    tmux.wait_for("All 1 entr");
    tmux.keys(&["x"]);
    tmux.wait_for("Export");
    tmux.keys(&["C-u"]);
    tmux.type_text(&format!("{}/new/../journal.jsonl", home.dir.display()));
    tmux.keys(&["Enter"]);
    // One word, which the dialog's wrapping cannot split.
    tmux.wait_for("itself;");
    tmux.keys(&["Enter"]);
    tmux.keys(&["Escape"]);
    // Esc and q sent together read as Alt-q: wait for the dialog to close first.
    tmux.wait_for("Enter open");
    tmux.keys(&["q"]);
    tmux.wait_for("EXITED-0");
    assert_eq!(std::fs::read_to_string(home.journal()).unwrap(), text);
    assert!(!home.dir.join("new").exists());
}
