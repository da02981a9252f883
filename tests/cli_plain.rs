//! `steady run ID --plain` through the real binary with piped input, and `plain::drive` on a
//! test clock: every built-in without a breathing step runs to its end by answering what
//! each hint asks for; a breathing practice says each phase as it begins, at the moment the
//! clock reaches it; a wrong answer gets one sentence and the question again; Ctrl-D keeps
//! what was answered as not finished; `TERM=dumb` uses plain lines by itself; and nothing
//! printed holds an escape sequence; Ctrl-C mid-breath keeps what was answered too; a hold
//! ends with the urge, with no urge, or told from memory.

mod journal_common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use journal_common::*;
use steady::clock::{Clock, TestClock};
use steady::practice::Library;
use steady::practice::model::StepKind;
use steady::runner::Run;

/// Whether `line` is a breath phase said as it begins ("Breathe in, 4 seconds").
fn is_phase(line: &str) -> bool {
    line.split_once(", ").is_some_and(|(words, secs)| {
        ["Breathe in", "Hold", "Breathe out", "Rest"].contains(&words) && secs.ends_with(" seconds")
    })
}

/// Under `STEADY_NOW` the plain mode's waits pass at once.
const NOW: &str = "2026-11-22T09:00:00+01:00";

impl Env {
    fn plain(&self, id: &str) -> Child {
        self.cmd(&["run", id, "--plain"])
            .env("STEADY_NOW", NOW)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn entries(&self) -> Vec<serde_json::Value> {
        if !self.journal().exists() {
            return Vec::new();
        }
        parse_lines(&self.journal_text())
    }
}

/// What a person would type for the hint line `hint`, or None when it asks for nothing.
fn answer_for(hint: &str) -> Option<&'static str> {
    if hint == "Press Enter to go on." {
        Some("\n")
    } else if hint.starts_with("The clock is running.") || hint.starts_with("Type a number from") {
        Some("1\n")
    } else if hint.starts_with("Type the numbers") {
        Some("1, 2\n")
    } else if hint.starts_with("Type your answer on one line") {
        Some("a few plain words\n")
    } else if hint.starts_with("Type your answer;") {
        Some("one line\nand another\n\n")
    } else if hint.starts_with("Type up to") {
        Some("first\nsecond\n\n")
    } else {
        None
    }
}

/// Answers every hint the practice prints until it ends; returns everything printed.
fn answer_everything(child: &mut Child) -> String {
    let mut stdin: ChildStdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    for line in stdout.lines() {
        let line = line.unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(answer) = answer_for(&line) {
            stdin.write_all(answer.as_bytes()).unwrap();
            stdin.flush().unwrap();
        }
    }
    seen
}

#[test]
fn every_built_in_without_breathing_runs_to_its_end_on_piped_lines() {
    let library = Library::builtin();
    let plain_ones: Vec<_> = library
        .practices()
        .iter()
        .filter(|p| {
            !p.steps
                .iter()
                .any(|s| matches!(s.kind, StepKind::Breathe { .. }))
        })
        .collect();
    assert!(plain_ones.len() >= 8, "{}", plain_ones.len());
    for practice in plain_ones {
        let env = Env::new(&format!("plain-{}", practice.id));
        let mut child = env.plain(&practice.id);
        let seen = answer_everything(&mut child);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}: {}", practice.id, stderr(&out));
        assert!(
            !seen.contains('\x1b'),
            "{}: an escape sequence",
            practice.id
        );
        assert!(seen.contains("\nStep 1 of "), "{seen}");
        assert!(
            !seen.contains("the numbers go from"),
            "{}: {seen}",
            practice.id
        );
        let entries = env.entries();
        assert_eq!(entries.len(), 1, "{}", practice.id);
        let entry = &entries[0];
        assert_eq!(entry["practice"], practice.id.as_str());
        assert_eq!(entry["completed"], true, "{}: {entry}", practice.id);
        assert_eq!(entry["via"], "cli");
        // Every step that records something and was shown is in the entry, by its key.
        for step in &practice.steps {
            if let Some(key) = &step.key
                && seen.contains(step.kind.prompt())
            {
                assert!(
                    entry["responses"].get(key).is_some(),
                    "{}: {key} in {entry}",
                    practice.id
                );
            }
        }
        assert!(stderr(&out).contains("Saved to"), "{}", stderr(&out));
    }
}

#[test]
fn a_breathing_practice_says_each_phase_through_the_binary() {
    let env = Env::new("plain-breath");
    let mut child = env.plain("four-seven-eight");
    let seen = answer_everything(&mut child);
    assert!(child.wait().unwrap().success());
    let phases: Vec<&str> = seen.lines().filter(|l| is_phase(l)).collect();
    assert_eq!(
        &phases[..3],
        [
            "Breathe in, 4 seconds",
            "Hold, 7 seconds",
            "Breathe out, 8 seconds"
        ]
    );
    let entry = &env.entries()[0];
    let cycles = entry["responses"]["breath"]["cycles"].as_u64().unwrap();
    assert!(cycles >= 1);
    assert_eq!(phases.len() as u64, cycles * 3, "{seen}");
}

/// A writer that notes, for each line, how far the clock had run when it was written.
struct Timed {
    clock: Arc<TestClock>,
    start: std::time::Instant,
    partial: Vec<u8>,
    lines: Arc<Mutex<Vec<(f64, String)>>>,
}

impl Write for Timed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if b == b'\n' {
                let line = String::from_utf8_lossy(&self.partial).into_owned();
                let at = (self.clock.now() - self.start).as_secs_f64();
                self.lines.lock().unwrap().push((at, line));
                self.partial.clear();
            } else {
                self.partial.push(b);
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn each_breath_phase_is_said_when_the_test_clock_reaches_it() {
    let clock = Arc::new(TestClock::at_rfc3339(NOW));
    let practice = Library::builtin().get("breath-reset").unwrap();
    let mut run = Run::start(practice.clone(), clock.clone());
    let lines = Arc::new(Mutex::new(Vec::new()));
    let mut out = Timed {
        clock: clock.clone(),
        start: clock.now(),
        partial: Vec::new(),
        lines: lines.clone(),
    };
    // Answers for the scale before and after; Enter for each say step.
    let waiting = clock.clone();
    let mut source = steady::plain::Fixed {
        input: "\n3\n\n\n2\n\n\n\n".as_bytes(),
        wait: move |at: std::time::Instant| {
            waiting.advance(at.saturating_duration_since(waiting.now()));
        },
    };
    let ended = steady::plain::drive(&mut run, &mut source, &mut out).unwrap();
    assert_eq!(ended, steady::plain::Ended::Finished);
    let lines = lines.lock().unwrap();
    let phases: Vec<&(f64, String)> = lines.iter().filter(|(_, l)| is_phase(l)).collect();
    let StepKind::Breathe { pattern, .. } = &practice
        .steps
        .iter()
        .find(|s| matches!(s.kind, StepKind::Breathe { .. }))
        .unwrap()
        .kind
    else {
        unreachable!()
    };
    let first = phases[0].0;
    let mut expected = first;
    for (i, (at, line)) in phases.iter().enumerate() {
        let phase = pattern[i % pattern.len()];
        assert_eq!(
            line,
            &format!(
                "{}, {} seconds",
                phase.kind.instruction(),
                phase.duration.as_secs()
            )
        );
        assert!(
            (at - expected).abs() < 1e-6,
            "{line} at {at}, expected {expected}"
        );
        expected += phase.duration.as_secs_f64();
    }
    let entry = run.entry(steady::journal::entry::Via::Cli).unwrap();
    let seconds = entry.responses["breath"]["seconds"].as_f64().unwrap();
    assert!((seconds - (expected - first)).abs() < 1e-6, "{seconds}");
    assert!(clock.now() - out.start >= Duration::from_secs_f64(seconds));
}

#[test]
fn a_wrong_answer_gets_one_sentence_and_the_question_again() {
    let env = Env::new("plain-wrong");
    let out = env.sh(
        "printf '\\n1\\n9\\nlots\\n3\\n' | \"$0\" \"$@\"",
        &["run", "feeling-check-in", "--plain"],
    );
    let text = stdout(&out);
    let question = "How strong is it?";
    let after = text.split_once("Type a number from 1 to 5.\n").unwrap().1;
    let mut lines = after.lines();
    assert_eq!(lines.next(), Some("Choose a number from 1 to 5."));
    assert_eq!(lines.next(), Some(question));
    assert_eq!(text.matches(question).count(), 3, "{text}");
    assert!(
        text.contains("Please type a number from 1 to 5.\nHow strong is it?"),
        "{text}"
    );
}

#[test]
fn ctrl_d_keeps_what_was_answered_as_not_finished() {
    let env = Env::new("plain-eof");
    let out = env.sh(
        "printf '\\n2\\n4\\n' | \"$0\" \"$@\"",
        &["run", "feeling-check-in", "--plain"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Kept what you answered (not finished)"),
        "{}",
        stderr(&out)
    );
    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["completed"], false);
    assert_eq!(entries[0]["via"], "cli");
    assert_eq!(entries[0]["responses"]["level"], 4);
    assert!(entries[0]["responses"]["feeling"].is_string());
    // Closing the input before any answer keeps nothing.
    let out = env.sh(
        "\"$0\" \"$@\" < /dev/null",
        &["run", "feeling-check-in", "--plain"],
    );
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("nothing was saved"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.entries().len(), 1);
}

#[test]
fn term_dumb_uses_plain_lines_by_itself_and_an_unknown_id_is_one_sentence() {
    let env = Env::new("plain-dumb");
    let out = env
        .cmd(&["run", "feeling-check-in"])
        .env("TERM", "dumb")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Step 1 of"), "{}", stdout(&out));
    let out = env.run(&["run", "no-such-thing", "--plain"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no practice has the id `no-such-thing`"));
}

#[test]
fn ctrl_c_mid_breath_keeps_what_was_answered() {
    let env = Env::new("plain-sigint");
    // Real time here: the breath is stopped one phase in.
    let mut child = env
        .cmd(&["run", "breath-reset", "--plain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    while !seen.lines().any(is_phase) {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "{seen}");
        if let Some(answer) = answer_for(line.trim_end()) {
            stdin
                .write_all(answer.replace('1', "2").as_bytes())
                .unwrap();
        }
        seen.push_str(&line);
    }
    let killed = Command::new("kill")
        .arg("-INT")
        .arg(child.id().to_string())
        .status();
    assert!(killed.unwrap().success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Kept what you answered (not finished)"),
        "{}",
        stderr(&out)
    );
    let entry = &env.entries()[0];
    assert_eq!(entry["completed"], false);
    assert_eq!(entry["responses"]["before"], 2);
    assert_eq!(entry["responses"]["breath"]["cycles"], 0, "{entry}");
}

#[test]
fn a_hold_ends_with_no_urge_or_is_told_from_memory() {
    let cases = [
        // The moment ended with no urge.
        (
            "\n1\n2\nwarm\n\n\n",
            serde_json::json!({"urge_s": null, "extra_s": null}),
        ),
        // Told from memory, after a slip: the urge came after about 12 s and they stayed.
        (
            "\n1\n4\n3\n1\nabout twelve\n12\n1\nwarm\n\n\n",
            serde_json::json!({"urge_s": 12, "extra_s": 5, "recalled": true}),
        ),
    ];
    for (i, (input, expected)) in cases.iter().enumerate() {
        let env = Env::new(&format!("plain-hold-{i}"));
        let out = env.sh(
            &format!("printf '{input}' | STEADY_NOW={NOW} \"$0\" \"$@\""),
            &["run", "stay-present", "--plain"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        let entry = &env.entries()[0];
        assert_eq!(entry["completed"], true, "{text}");
        for (field, value) in expected.as_object().unwrap() {
            assert_eq!(
                &entry["responses"]["stay"][field], value,
                "{field} in {entry}"
            );
        }
        if i == 1 {
            assert!(
                text.contains("Please type a number from 1 to 3.\n"),
                "{text}"
            );
            assert!(
                text.contains("Please type a number of seconds, such as 20.\n"),
                "{text}"
            );
        }
    }
}
