//! `steady practices`, `steady practices show ID` and `steady practices validate PATH...`
//! through the real binary, with temporary folders and never the user's own files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Sandbox {
    dir: PathBuf,
}

impl Sandbox {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "steady-practices-cli-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("practices")).unwrap();
        Sandbox { dir }
    }

    fn practices(&self) -> PathBuf {
        self.dir.join("practices")
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.practices().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_steady"));
        cmd.arg("--practices")
            .arg(self.practices())
            .arg("--journal")
            .arg(self.dir.join("journal.jsonl"))
            .arg("--config")
            .arg(self.dir.join("config.toml"))
            .args(args)
            .env_remove("STEADY_PRACTICES");
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const MINE: &str = "id = \"evening-walk\"\ntitle = \"Evening walk\"\nsummary = \"A slow walk.\"\nsource = \"Walking meditation.\"\n\n[[steps]]\nkind = \"say\"\ntext = \"Walk slowly.\"\n";

#[test]
fn list_shows_built_ins_and_user_practices_and_names_skipped_files() {
    let sb = Sandbox::new("list");
    let mine = sb.write("walk.toml", MINE);
    let broken = sb.write("broken.toml", "id = \"x\"\ntitle = 3\nsummary = 4\n");
    sb.write("also-broken.toml", "id = ");
    let out = sb.run(&["practices"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("breath-reset "), "{first}");
    assert!(
        first.ends_with("90-second breath reset  (built-in)"),
        "{first}"
    );
    assert!(text.contains("Slow, long exhales"), "{text}");
    assert!(
        text.contains(&format!("Evening walk  ({})", mine.display())),
        "{text}"
    );
    let err = stderr(&out);
    let skipped: Vec<&str> = err.lines().collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    let broken_line = skipped
        .iter()
        .find(|l| l.contains(&broken.display().to_string()))
        .unwrap();
    assert!(
        broken_line.starts_with(&format!("steady: skipped {}:1:1: ", broken.display())),
        "{broken_line}"
    );
    assert!(
        broken_line.contains("more; `steady practices validate"),
        "{broken_line}"
    );
}

#[test]
fn show_prints_a_practice_step_by_step() {
    let sb = Sandbox::new("show");
    let out = sb.run(&["practices", "show", "breath-reset"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "90-second breath reset  (breath-reset)",
        "Source:  Paced breathing",
        "From:    built-in",
        "1. scale (records `before`)",
        "   Before you start: how settled do you feel right now?",
        "   → 1 to 5 · 1 = not at all · 3 = somewhat · 5 = very settled",
        "3. breathe (records `breath`)",
        "   → in 4 s · out 6 s, 9 cycles (90 s)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }

    let mine = sb.write("reset.toml", &MINE.replace("evening-walk", "breath-reset"));
    let out = sb.run(&["practices", "show", "breath-reset"]);
    assert!(
        stdout(&out).contains(&format!("From:    {}", mine.display())),
        "{}",
        stdout(&out)
    );
}

#[test]
fn show_with_an_unknown_id_says_how_to_find_ids() {
    let sb = Sandbox::new("unknown");
    let out = sb.run(&["practices", "show", "no-such\u{1b}[2J"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(
        err.trim_end(),
        "steady: no practice has the id `no-such[2J`; run `steady practices` to see the ids"
    );
}

#[test]
fn validate_passes_good_files_and_folders() {
    let sb = Sandbox::new("validate-good");
    let mine = sb.write("walk.toml", MINE);
    let builtins = Path::new(env!("CARGO_MANIFEST_DIR")).join("practices");
    let out = sb.run(&[
        "practices",
        "validate",
        mine.to_str().unwrap(),
        builtins.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("{}: ok\n{}: ok\n", mine.display(), builtins.display())
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn validate_reports_every_error_and_exits_2() {
    let sb = Sandbox::new("validate-bad");
    let good = sb.write("walk.toml", MINE);
    let bad = sb.write(
        "bad.toml",
        "id = \"bad\"\ntitle = \"T\"\nsummary = \"S\"\nsource = \"x\"\n\n[[steps]]\nkind = \"scale\"\nkey = \"s\"\nmin = 4\nmax = 2\n",
    );
    let missing = sb.dir.join("missing.toml");
    let out = sb.run(&[
        "practices",
        "validate",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), format!("{}: ok\n", good.display()));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{}:6:1: step 1 has no `prompt`; add a `prompt` with the question to ask, like prompt = \"How settled do you feel?\"", bad.display()).as_str(),
            format!("{}:9:7: `min` (4) must be smaller than `max` (2) in step 1", bad.display()).as_str(),
            format!("{}: does not exist; give a practice file or a folder of them", missing.display()).as_str(),
            "steady: found 3 problems in the practice files above; fix them and check again",
        ]
    );
}

#[test]
fn validate_needs_a_path() {
    let sb = Sandbox::new("validate-none");
    let out = sb.run(&["practices", "validate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let sb = Sandbox::new("pipe");
    let (reader, writer) = std::io::pipe().unwrap();
    // The reader is gone before steady writes a byte, as with `steady practices | true`.
    drop(reader);
    let out = sb
        .command(&["practices"])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn the_list_of_built_ins_fits_80_columns_and_cut_summaries_end_at_a_word() {
    use unicode_width::UnicodeWidthStr;
    let sb = Sandbox::new("width");
    let text = stdout(&sb.run(&["practices"]));
    for line in text.lines() {
        assert!(line.width() <= 80, "{} columns: {line}", line.width());
    }
    // "Slow, long exhales for about a minute and a half, to settle your body before…"
    let summary = text.lines().nth(1).unwrap().trim();
    assert!(summary.ends_with('…'), "{summary}");
    let kept = summary.trim_end_matches('…');
    assert!(
        "Slow, long exhales for about a minute and a half, to settle your body before you act or reach out."
            .starts_with(&format!("{kept} ")),
        "cut at a word: {summary}"
    );
}
