//! Answers to question steps: which inputs a step takes, how typed text is cleaned, and the
//! value it records in the journal's shape. Everything a person could get wrong comes back
//! as a `Refused` sentence saying what the step wants instead.

use serde_json::Value;

use super::{Input, Refused};
use crate::practice::model::StepKind;
use crate::text;

/// What taking an answer does to the step's record.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Answer {
    Set(Value),
    /// An optional text left empty records nothing.
    Clear,
}

/// The answer `input` gives to a step of `kind`, or why it is not one. `current` is the
/// answer so far (a typed word adds to a multiple choice); `palette` is offered by colour
/// steps that name no colours of their own.
pub(super) fn accept(
    kind: &StepKind,
    input: Input,
    current: Option<&Value>,
    palette: &[String],
) -> Result<Answer, Refused> {
    let typed_word_allowed = matches!(
        kind,
        StepKind::Text { .. }
            | StepKind::Colour { other: true, .. }
            | StepKind::Choice { other: true, .. }
    );
    if matches!(input, Input::Type(_)) && !typed_word_allowed {
        return refuse(wants(kind));
    }
    let words: &[String] = match &input {
        Input::Type(word) | Input::Choose(word) => std::slice::from_ref(word),
        Input::ChooseMany(words) => words,
        _ => &[],
    };
    if let Some(c) = words.iter().find_map(|w| text::hidden_char(w)) {
        return refuse(text::hidden_char_refusal(c));
    }
    match (kind, input) {
        (StepKind::Scale { min, max, .. }, Input::ChooseNumber(n)) => {
            if (*min..=*max).contains(&n) {
                Ok(Answer::Set(Value::from(n)))
            } else {
                refuse(format!("Choose a number from {min} to {max}."))
            }
        }
        (StepKind::Colour { choices, other, .. }, Input::Choose(word) | Input::Type(word)) => {
            // Colour words are kept trimmed and lowercase, so "Green" and "green" are one.
            let offered = choices.as_deref().unwrap_or(palette);
            let colour = pick(offered, *other, &word, "colours")?;
            let lower = colour.as_str().map(str::to_lowercase).unwrap_or_default();
            Ok(Answer::Set(Value::from(lower)))
        }
        (
            StepKind::Choice {
                options,
                multiple: false,
                other,
                ..
            },
            Input::Choose(word) | Input::Type(word),
        ) => pick(options, *other, &word, "options").map(Answer::Set),
        (
            StepKind::Choice {
                options,
                multiple: true,
                other,
                ..
            },
            Input::ChooseMany(words),
        ) => {
            let picked = words
                .iter()
                .map(|w| pick(options, *other, w, "options"))
                .collect::<Result<Vec<_>, _>>()?;
            many(picked, "Choose at least one option.", None)
        }
        (
            StepKind::Choice {
                options,
                multiple: true,
                other: true,
                ..
            },
            Input::Type(word),
        ) => {
            let mut picked: Vec<Value> = current
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            picked.push(pick(options, true, &word, "options")?);
            many(picked, "Choose at least one option.", None)
        }
        (
            StepKind::Text {
                optional,
                multiline,
                max_chars,
                ..
            },
            Input::Type(typed),
        ) => text_answer(&typed, *optional, *multiline, *max_chars),
        (StepKind::List { count, .. }, Input::ChooseMany(items)) => {
            let items: Vec<Value> = items
                .iter()
                .map(|item| text::clean(item, false).trim().to_owned())
                .filter(|item| !item.is_empty())
                .map(Value::from)
                .collect();
            many(items, "Write at least one answer.", Some(*count))
        }
        (kind, _) => refuse(wants(kind)),
    }
}

/// Whether a step of `kind` holding `answer` may be left with Next.
pub(super) fn is_answered(kind: &StepKind, answer: Option<&Value>) -> bool {
    match kind {
        StepKind::Text { optional, .. } => *optional || answer.is_some(),
        StepKind::Scale { .. }
        | StepKind::Colour { .. }
        | StepKind::Choice { .. }
        | StepKind::List { .. } => answer.is_some(),
        _ => true,
    }
}

/// One line telling the person what a step of `kind` takes.
pub(super) fn wants(kind: &StepKind) -> String {
    match kind {
        StepKind::Say { .. } => "Read this, then go on.".into(),
        StepKind::Breathe { .. } | StepKind::Timer { .. } => {
            "This step only needs time; go on when you are ready.".into()
        }
        StepKind::Hold { .. } => "Mark the moment the urge to leave comes.".into(),
        StepKind::Scale { min, max, .. } => format!("Choose a number from {min} to {max}."),
        StepKind::Colour { other: true, .. } => "Choose a colour or type one.".into(),
        StepKind::Colour { .. } => "Choose one of the colours offered.".into(),
        StepKind::Choice { multiple: true, .. } => "Choose one or more of the options.".into(),
        StepKind::Choice { other: true, .. } => "Choose an option or type your own.".into(),
        StepKind::Choice { .. } => "Choose one of the options.".into(),
        StepKind::Text { .. } => "Write your answer.".into(),
        StepKind::List { count, .. } => format!("Write up to {count} answers."),
    }
}

/// The answer `typed` gives to a text step: cleaned and trimmed, within `max_chars`.
fn text_answer(
    typed: &str,
    optional: bool,
    multiline: bool,
    max_chars: Option<usize>,
) -> Result<Answer, Refused> {
    let cleaned = text::clean(typed, multiline);
    let answer = cleaned.trim();
    let chars = answer.chars().count();
    match max_chars {
        Some(max) if chars > max => {
            refuse(format!("Keep it to {max} characters; this has {chars}."))
        }
        _ if answer.is_empty() && optional => Ok(Answer::Clear),
        _ if answer.is_empty() => refuse("Write a few words first."),
        _ => Ok(Answer::Set(Value::from(answer))),
    }
}

/// `word` as one of `offered` (matched without regard to case, spelled as offered), or as
/// typed when `other` allows it.
fn pick(offered: &[String], other: bool, word: &str, what: &str) -> Result<Value, Refused> {
    let cleaned = text::clean(word, false);
    let word = cleaned.trim();
    let lower = word.to_lowercase();
    if let Some(found) = offered.iter().find(|o| o.trim().to_lowercase() == lower) {
        return Ok(Value::from(found.as_str()));
    }
    match (other, word.is_empty()) {
        (true, false) => Ok(Value::from(word)),
        (true, true) => refuse("Type a word first."),
        (false, _) => refuse(format!("Choose one of the {what} offered.")),
    }
}

/// A non-empty array of distinct answers, in the order first given, and no more than `most`.
fn many(values: Vec<Value>, if_empty: &str, most: Option<usize>) -> Result<Answer, Refused> {
    let mut distinct: Vec<Value> = Vec::with_capacity(values.len());
    for v in values {
        if !distinct.contains(&v) {
            distinct.push(v);
        }
    }
    match most {
        Some(most) if distinct.len() > most => {
            refuse(format!("This step asks for {most} at most."))
        }
        _ if distinct.is_empty() => refuse(if_empty),
        _ => Ok(Answer::Set(Value::Array(distinct))),
    }
}

pub(super) fn refuse<T>(why: impl Into<String>) -> Result<T, Refused> {
    Err(Refused(why.into()))
}
