//! Questions as plain lines: the prompt, the choices numbered, a hint saying what to type,
//! then the answer read from the input. A number picks a numbered choice; a word is taken as
//! typed (the runner decides whether this step accepts it). An answer the step does not take
//! gets one sentence, and the question is asked again.

use std::io::{self, Write};

use super::Source;
use crate::practice::model::StepKind;
use crate::runner::{Input, Run};

/// Asks the current question until it is answered and the run has gone on; false when the
/// input closed first.
pub(super) fn question(
    run: &mut Run,
    kind: &StepKind,
    source: &mut dyn Source,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let choices = choices(run, kind);
    loop {
        show(kind, &choices, out)?;
        out.flush()?;
        let Some(answer) = read_answer(kind, source)? else {
            return Ok(false);
        };
        let taken = match to_input(kind, &choices, &answer) {
            Ok(Some(given)) => run.handle(given).map_err(|r| r.0),
            Ok(None) => Ok(()),
            Err(why) => Err(why),
        }
        .and_then(|()| run.handle(Input::Next).map_err(|r| r.0));
        match taken {
            Ok(()) => return Ok(true),
            Err(why) => writeln!(out, "{why}")?,
        }
    }
}

/// The numbered choices a step offers (none for text and lists).
fn choices(run: &Run, kind: &StepKind) -> Vec<String> {
    match kind {
        StepKind::Colour { .. } => run.colours().to_vec(),
        StepKind::Choice { options, .. } => options.clone(),
        StepKind::Scale {
            min, max, labels, ..
        } => (*min..=*max)
            .map(|n| match labels.get(&n) {
                Some(words) => format!("{n}: {words}"),
                None => n.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The question, its choices, and what to type.
fn show(kind: &StepKind, choices: &[String], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", kind.prompt())?;
    if let StepKind::Scale { .. } = kind {
        for choice in choices {
            writeln!(out, "  {choice}")?;
        }
    } else {
        for (n, choice) in choices.iter().enumerate() {
            writeln!(out, "  {}. {choice}", n + 1)?;
        }
    }
    writeln!(out, "{}", hint(kind, choices.len()))
}

/// What to type, in one line.
fn hint(kind: &StepKind, count: usize) -> String {
    match kind {
        StepKind::Scale { min, max, .. } => format!("Type a number from {min} to {max}."),
        StepKind::Colour { other: true, .. }
        | StepKind::Choice {
            other: true,
            multiple: false,
            ..
        } => {
            format!("Type a number from 1 to {count}, or your own word.")
        }
        StepKind::Colour { .. }
        | StepKind::Choice {
            multiple: false, ..
        } => {
            format!("Type a number from 1 to {count}.")
        }
        StepKind::Choice { other, .. } => format!(
            "Type the numbers that fit{}, separated by commas.",
            if *other { " or your own words" } else { "" }
        ),
        StepKind::Text {
            optional,
            multiline,
            ..
        } => {
            let how = if *multiline {
                "Type your answer; an empty line ends it."
            } else {
                "Type your answer on one line."
            };
            let skip = if *optional {
                " Leave it empty to skip."
            } else {
                ""
            };
            format!("{how}{skip}")
        }
        StepKind::List { count, .. } => {
            format!("Type up to {count}, one per line; an empty line ends the list.")
        }
        _ => String::new(),
    }
}

/// The answer's lines: one, or up to an empty line for multiline text and lists. None when
/// the input closed before anything was typed.
fn read_answer(kind: &StepKind, source: &mut dyn Source) -> io::Result<Option<Vec<String>>> {
    let most = match kind {
        StepKind::Text {
            multiline: true, ..
        } => usize::MAX,
        StepKind::List { count, .. } => *count,
        _ => return Ok(source.line()?.map(|line| vec![line])),
    };
    let mut lines = Vec::new();
    while lines.len() < most {
        match source.line()? {
            None if lines.is_empty() => return Ok(None),
            None => break,
            Some(line) if line.trim().is_empty() && !lines.is_empty() => break,
            Some(line) if line.trim().is_empty() => return Ok(Some(lines)),
            Some(line) => lines.push(line),
        }
    }
    Ok(Some(lines))
}

/// The runner input for what was typed; `Ok(None)` when there is nothing to give (an
/// optional text left empty); `Err` with one sentence when it is not an answer at all.
fn to_input(
    kind: &StepKind,
    choices: &[String],
    lines: &[String],
) -> Result<Option<Input>, String> {
    let first = lines.first().map_or("", |l| l.trim());
    let count = choices.len();
    // A number picks a choice; a number with no choice is a slip, not a word.
    let numbered = |word: &str| -> Result<String, String> {
        match word.trim().parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Ok(choices[n - 1].clone()),
            Ok(n) => Err(format!(
                "There is no {n} here; the numbers go from 1 to {count}."
            )),
            Err(_) => Ok(word.trim().to_owned()),
        }
    };
    Ok(Some(match kind {
        StepKind::Scale { min, max, .. } => match first.parse::<i64>() {
            Ok(n) => Input::ChooseNumber(n),
            Err(_) => return Err(format!("Please type a number from {min} to {max}.")),
        },
        StepKind::Colour { .. }
        | StepKind::Choice {
            multiple: false, ..
        } => {
            if first.is_empty() {
                return Err(format!("Please type a number from 1 to {}.", choices.len()));
            }
            Input::Choose(numbered(first)?)
        }
        StepKind::Choice { .. } => Input::ChooseMany(
            first
                .split(',')
                .filter(|w| !w.trim().is_empty())
                .map(numbered)
                .collect::<Result<_, _>>()?,
        ),
        StepKind::Text { optional, .. } => {
            if lines.is_empty() && *optional {
                return Ok(None);
            }
            Input::Type(lines.join("\n"))
        }
        StepKind::List { .. } => Input::ChooseMany(lines.to_vec()),
        _ => return Ok(None),
    }))
}
