//! A practice as plain lines, for screen readers, dumb terminals and scripts
//! (`steady run ID --plain`). The same `runner::Run` as the TUI, driven by lines instead of
//! keys: each step is printed as numbered plain text, a question reads its answer from one
//! line (`ask`), and timed steps say what is happening as it begins ("Breathe in, 4 seconds"),
//! timed by the run's clock through the `Source` the caller gives (real sleep, or a test
//! clock moved forward). Nothing here draws or colours anything, and a closed input (Ctrl-D)
//! or a stop (Ctrl-C) leaves the run so the caller can keep what was answered.

mod ask;
mod hold;
mod source;

use std::io::{self, Write};
use std::time::Duration;

pub use source::{Fixed, Source};

use crate::practice::model::{Phase, StepKind};
use crate::runner::{Cue, Input, Run, Timing};

/// How a plain run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// Every step was done.
    Finished,
    /// The input closed (Ctrl-D) or the run was stopped (Ctrl-C) before the end.
    Left,
}

/// Said before the first step.
pub const HOW_TO_LEAVE: &str =
    "Ctrl-D at a question, or Ctrl-C at any moment, stops here; what you answered is kept.";

/// Runs `run` to its end, or until `source` closes or stops, writing to `out`.
pub fn drive(run: &mut Run, source: &mut dyn Source, out: &mut dyn Write) -> io::Result<Ended> {
    let practice = run.practice();
    writeln!(out, "{}", practice.title)?;
    writeln!(out, "{}", practice.summary)?;
    writeln!(out, "{HOW_TO_LEAVE}")?;
    while !run.is_finished() {
        let index = run.index();
        let kind = run.step().kind.clone();
        // A `say` step's text with earlier answers put in for its placeholders.
        let words = run.prompt().into_owned();
        // Counted among the steps shown (a step may depend on an earlier answer).
        let (number, total) = run.position();
        write!(out, "\nStep {number} of {total}. ")?;
        let went_on = match &kind {
            StepKind::Say {
                advance_after: None,
                ..
            } => {
                let went_on = enter(source, out, &words, "Press Enter to go on.")?;
                if went_on {
                    // A `say` step always takes Next.
                    let _ = run.handle(Input::Next);
                }
                went_on
            }
            StepKind::Say { .. } => {
                writeln!(out, "{words}")?;
                let_time_pass(run, index, &[], source, out)?
            }
            StepKind::Breathe { total, pattern } => {
                writeln!(out, "Breathe with the words, for {}.", seconds(*total))?;
                let ran = let_time_pass(run, index, pattern, source, out)?;
                if ran {
                    writeln!(out, "The breathing is done.")?;
                }
                ran
            }
            StepKind::Timer {
                prompt, duration, ..
            } => {
                writeln!(out, "{prompt}")?;
                writeln!(out, "The timer runs for {}.", seconds(*duration))?;
                let ran = let_time_pass(run, index, &[], source, out)?;
                if ran {
                    writeln!(out, "Time is up.")?;
                }
                ran
            }
            StepKind::Hold { prompt, extra } => {
                hold::hold(run, index, prompt, *extra, source, out)?
            }
            _ => ask::question(run, &kind, source, out)?,
        };
        if !went_on {
            return Ok(Ended::Left);
        }
    }
    Ok(Ended::Finished)
}

/// Lets the clock run until step `index` has ended by itself, saying each phase of
/// `pattern` (a breathe step's) as it begins; false when the run was stopped first.
fn let_time_pass(
    run: &mut Run,
    index: usize,
    pattern: &[Phase],
    source: &mut dyn Source,
    out: &mut dyn Write,
) -> io::Result<bool> {
    loop {
        let began = run
            .update()
            .iter()
            .any(|cue| matches!(cue, Cue::PhaseBegan(_)));
        if run.is_finished() || run.index() != index {
            out.flush()?;
            return Ok(true);
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
            Some(at) if !source.wait(at) => return Ok(false),
            Some(_) => {}
            None => return Ok(true),
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
        crate::text::one_decimal(secs)
    };
    let unit = if number == "1" { "second" } else { "seconds" };
    format!("{number} {unit}")
}

/// Says `text` and `hint`, then waits for a line; false when the input closed instead.
fn enter(source: &mut dyn Source, out: &mut dyn Write, text: &str, hint: &str) -> io::Result<bool> {
    writeln!(out, "{text}")?;
    writeln!(out, "{hint}")?;
    out.flush()?;
    Ok(source.line()?.is_some())
}
