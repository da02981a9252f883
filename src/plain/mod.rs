//! A practice as plain lines, for screen readers, dumb terminals and scripts
//! (`steady run ID --plain`). The same `runner::Run` as the TUI, driven by lines instead of
//! keys: each step is printed as numbered plain text, a question reads its answer from one
//! line (`ask`), and timed steps say what is happening as it begins ("Breathe in, 4 seconds"),
//! timed by the run's clock through a `wait` the caller gives (real sleep, or a test clock
//! moved forward). Nothing here draws or colours anything, and a closed input (Ctrl-D) leaves
//! the run so the caller can keep what was answered.

mod ask;

use std::io::{self, BufRead, Write};
use std::time::{Duration, Instant};

use crate::practice::model::{Phase, StepKind};
use crate::runner::{Cue, Input, Run, Timing};

/// How a plain run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every step was done.
    Finished,
    /// The input closed (Ctrl-D) before the end.
    InputClosed,
}

/// Said before the first step.
pub const HOW_TO_LEAVE: &str = "Press Ctrl-D at any question to stop; what you answered is kept.";

/// Runs `run` to its end or until `input` closes, writing to `out`. `wait(at)` must return
/// once the run's clock has reached `at`.
pub fn drive(
    run: &mut Run,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    wait: &mut dyn FnMut(Instant),
) -> io::Result<Ended> {
    let practice = run.practice();
    writeln!(out, "{}", practice.title)?;
    writeln!(out, "{}", practice.summary)?;
    writeln!(out, "{HOW_TO_LEAVE}")?;
    let total = practice.steps.len();
    while !run.is_finished() {
        let index = run.index();
        let kind = run.step().kind.clone();
        write!(out, "\nStep {} of {total}. ", index + 1)?;
        let went_on = match &kind {
            StepKind::Say {
                text,
                advance_after: None,
            } => {
                let went_on = enter(input, out, text, "Press Enter to go on.")?;
                if went_on {
                    // A `say` step always takes Next.
                    let _ = run.handle(Input::Next);
                }
                went_on
            }
            StepKind::Say { text, .. } => {
                writeln!(out, "{text}")?;
                let_time_pass(run, index, &[], out, wait)?;
                true
            }
            StepKind::Breathe { total, pattern } => {
                writeln!(out, "Breathe with the words, for {}.", seconds(*total))?;
                let_time_pass(run, index, pattern, out, wait)?;
                writeln!(out, "The breathing is done.")?;
                true
            }
            StepKind::Timer {
                prompt, duration, ..
            } => {
                writeln!(out, "{prompt}")?;
                writeln!(out, "The timer runs for {}.", seconds(*duration))?;
                let_time_pass(run, index, &[], out, wait)?;
                writeln!(out, "Time is up.")?;
                true
            }
            StepKind::Hold { prompt, extra } => {
                let hint = "Press Enter when the urge to leave comes.";
                let went_on = enter(input, out, prompt, hint)?;
                if went_on {
                    run.update();
                    // Refused only once the hold has ended by itself; then it goes on.
                    let _ = run.handle(Input::Mark);
                    writeln!(out, "Stay {} more.", seconds(*extra))?;
                    let_time_pass(run, index, &[], out, wait)?;
                    writeln!(out, "You stayed.")?;
                }
                went_on
            }
            _ => ask::question(run, &kind, input, out)?,
        };
        if !went_on {
            return Ok(Ended::InputClosed);
        }
    }
    Ok(Ended::Finished)
}

/// Lets the clock run until step `index` has ended by itself, saying each phase of
/// `pattern` (a breathe step's) as it begins.
fn let_time_pass(
    run: &mut Run,
    index: usize,
    pattern: &[Phase],
    out: &mut dyn Write,
    wait: &mut dyn FnMut(Instant),
) -> io::Result<()> {
    loop {
        let began = run
            .update()
            .iter()
            .any(|cue| matches!(cue, Cue::PhaseBegan(_)));
        if run.is_finished() || run.index() != index {
            return out.flush();
        }
        if let (true, Timing::Breath(view)) = (began, run.timing())
            && let Some(phase) = pattern.get(view.phase_index)
        {
            writeln!(
                out,
                "{}, {}",
                phase.kind.instruction(),
                seconds(phase.duration)
            )?;
        }
        out.flush()?;
        match run.next_change() {
            Some(at) => wait(at),
            None => return Ok(()),
        }
    }
}

/// A duration in words: "4 seconds", "1.5 seconds", "5 minutes".
fn seconds(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if d.subsec_millis() == 0 && secs >= 120.0 && d.as_secs().is_multiple_of(60) {
        return format!("{} minutes", d.as_secs() / 60);
    }
    let number = if d.subsec_millis() == 0 {
        d.as_secs().to_string()
    } else {
        format!("{secs:.1}")
    };
    let unit = if number == "1" { "second" } else { "seconds" };
    format!("{number} {unit}")
}

/// Says `text` and `hint`, then waits for a line; false when the input closed instead.
fn enter(input: &mut dyn BufRead, out: &mut dyn Write, text: &str, hint: &str) -> io::Result<bool> {
    writeln!(out, "{text}")?;
    writeln!(out, "{hint}")?;
    out.flush()?;
    Ok(read_line(input)?.is_some())
}

/// One line without its line ending; None when the input has closed.
fn read_line(input: &mut dyn BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(Some(line))
}
