//! A stay-present hold as plain lines. Its clock runs from the moment it is shown, and one
//! numbered line says how the moment went: the urge to leave came (then the extra seconds
//! are stayed, said as they begin and end), the moment ended with no urge, or it happened
//! away from here and is told from memory (how long, whether the urge came, whether the
//! extra seconds were stayed), recorded as recalled.

use std::io::{self, Write};
use std::time::Duration;

use super::{Source, let_time_pass, seconds};
use crate::runner::{Input, Recalled, Run};

const HOW_IT_WENT: [&str; 3] = [
    "The urge to leave came",
    "The moment ended and no urge to leave came",
    "It already happened; tell it from memory",
];

/// Runs the hold at step `index`; false when the input closed or the run was stopped.
pub(super) fn hold(
    run: &mut Run,
    index: usize,
    prompt: &str,
    extra: Duration,
    source: &mut dyn Source,
    out: &mut dyn Write,
) -> io::Result<bool> {
    writeln!(out, "{prompt}")?;
    let hint = "The clock is running. Type 1 when the urge to leave comes, 2 when the moment ends without it, or 3.";
    let Some(how) = choose(source, out, &HOW_IT_WENT, hint)? else {
        return Ok(false);
    };
    run.update();
    let taken = match how {
        1 => run.handle(Input::Mark),
        2 => run.handle(Input::Next),
        _ => return recall(run, extra, source, out),
    };
    if let Err(why) = taken {
        // The hold has already ended by itself (it counts up to two hours).
        writeln!(out, "{why}")?;
        return Ok(run.handle(Input::Next).is_ok());
    }
    if how == 2 {
        writeln!(out, "No urge came.")?;
        return Ok(true);
    }
    writeln!(out, "Stay {} more.", seconds(extra))?;
    let stayed = let_time_pass(run, index, &[], source, out)?;
    if stayed {
        writeln!(out, "You stayed.")?;
    }
    Ok(stayed)
}

/// The hold told from memory.
fn recall(
    run: &mut Run,
    extra: Duration,
    source: &mut dyn Source,
    out: &mut dyn Write,
) -> io::Result<bool> {
    loop {
        let Some(urge) = choose(
            source,
            out,
            &["Yes", "No"],
            "Did the urge to leave come? Type 1 or 2.",
        )?
        else {
            return Ok(false);
        };
        let urge = urge == 1;
        let question = if urge {
            "About how many seconds until the urge to leave came?"
        } else {
            "About how many seconds did the moment last?"
        };
        let Some(secs) = number(source, out, question)? else {
            return Ok(false);
        };
        let stayed = if urge {
            let question = format!(
                "Did you stay {} more after it? Type 1 or 2.",
                seconds(extra)
            );
            match choose(source, out, &["Yes", "No"], &question)? {
                Some(answer) => answer == 1,
                None => return Ok(false),
            }
        } else {
            false
        };
        match run.handle(Input::Recall(Recalled {
            seconds: secs,
            urge,
            stayed,
        })) {
            Ok(()) => return Ok(true),
            Err(why) => writeln!(out, "{why}")?,
        }
    }
}

/// Numbered options until one is chosen: its 1-based number, or None when the input closed.
fn choose(
    source: &mut dyn Source,
    out: &mut dyn Write,
    options: &[&str],
    hint: &str,
) -> io::Result<Option<usize>> {
    loop {
        for (n, option) in options.iter().enumerate() {
            writeln!(out, "  {}. {option}", n + 1)?;
        }
        writeln!(out, "{hint}")?;
        out.flush()?;
        let Some(line) = source.line()? else {
            return Ok(None);
        };
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=options.len()).contains(&n) => return Ok(Some(n)),
            _ => writeln!(out, "Please type a number from 1 to {}.", options.len())?,
        }
    }
}

/// A number of seconds, asked until one is given; None when the input closed.
fn number(source: &mut dyn Source, out: &mut dyn Write, question: &str) -> io::Result<Option<f64>> {
    loop {
        writeln!(out, "{question}")?;
        out.flush()?;
        let Some(line) = source.line()? else {
            return Ok(None);
        };
        match line.trim().parse::<f64>() {
            Ok(secs) if secs.is_finite() => return Ok(Some(secs)),
            _ => writeln!(out, "Please type a number of seconds, such as 20.")?,
        }
    }
}
