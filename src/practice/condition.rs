//! Conditional steps: `when = { key = "breath", early = true }` shows a step only when
//! something happened earlier in the run. A condition names the key of an earlier step and
//! one test that fits that step's kind; it is checked when the file is read, so a condition
//! that could never be decided is an error with its line and column, not a silent skip.

use serde_json::Value;
use toml::Spanned;
use toml::de::DeValue;

use super::fields::{Checker, Fields, Reported, describe, shown};
use super::model::{Step, StepKind, breath_cycles, cycle_length};

/// When a step is shown: the answer recorded under `key` passes `test`.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub key: String,
    pub test: Test,
}

/// What a condition asks of the earlier answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// A breathe or timer step was ended before its time (true) or ran it all (false).
    Early(bool),
    /// A hold ended with the urge to leave marked (true) or with no urge (false).
    Urge(bool),
    /// A scale answer above this value.
    Above(i64),
    /// A scale answer below this value.
    Below(i64),
    /// A single choice answered with this option.
    Is(String),
}

const TESTS: &str = "early, urge, above, below, is";

impl Condition {
    /// Whether the step shows, given the step it names and that step's answer (None when it
    /// was not answered or not shown: then no condition on it holds).
    pub fn holds(&self, step: &Step, answer: Option<&Value>) -> bool {
        let Some(answer) = answer else {
            return false;
        };
        match (&self.test, &step.kind) {
            (Test::Early(early), kind) => ran_short(kind, answer) == Some(*early),
            (Test::Urge(urge), _) => answer.get("urge_s").map(|u| !u.is_null()) == Some(*urge),
            (Test::Above(n), _) => answer.as_i64().is_some_and(|a| a > *n),
            (Test::Below(n), _) => answer.as_i64().is_some_and(|a| a < *n),
            (Test::Is(option), _) => answer.as_str() == Some(option.as_str()),
        }
    }

    /// Whether the condition holds if the step it names goes the likely way: a timed step
    /// runs its time, no urge to leave comes, a scale sits in the middle, a choice is its
    /// first option. Only for counting steps ahead; never for deciding what shows.
    pub fn likely(&self, step: &Step) -> bool {
        match (&self.test, &step.kind) {
            (Test::Early(early), _) => !early,
            (Test::Urge(urge), _) => !urge,
            (Test::Above(n), StepKind::Scale { min, max, .. }) => (min + max) / 2 > *n,
            (Test::Below(n), StepKind::Scale { min, max, .. }) => (min + max) / 2 < *n,
            (Test::Is(option), StepKind::Choice { options, .. }) => options.first() == Some(option),
            _ => false,
        }
    }

    /// The condition in words, for `practices show`.
    pub fn describe(&self) -> String {
        let key = &self.key;
        match &self.test {
            Test::Early(true) => format!("only when `{key}` was ended early"),
            Test::Early(false) => format!("only when `{key}` ran its full time"),
            Test::Urge(true) => format!("only when the urge to leave came in `{key}`"),
            Test::Urge(false) => format!("only when no urge to leave came in `{key}`"),
            Test::Above(n) => format!("only when `{key}` is above {n}"),
            Test::Below(n) => format!("only when `{key}` is below {n}"),
            Test::Is(option) => format!("only when `{key}` is \"{option}\""),
        }
    }

    /// The condition as a practice file writes it.
    pub fn to_toml(&self) -> String {
        let test = match &self.test {
            Test::Early(b) => format!("early = {b}"),
            Test::Urge(b) => format!("urge = {b}"),
            Test::Above(n) => format!("above = {n}"),
            Test::Below(n) => format!("below = {n}"),
            Test::Is(option) => format!("is = {}", super::write::quote(option)),
        };
        format!("{{ key = {}, {test} }}", super::write::quote(&self.key))
    }
}

/// Whether a breathe or timer answer ran short of its step's full time.
fn ran_short(kind: &StepKind, answer: &Value) -> Option<bool> {
    let seconds = answer.get("seconds")?.as_f64()?;
    let full = match kind {
        StepKind::Breathe { pattern, total } => {
            cycle_length(pattern) * breath_cycles(pattern, *total)
        }
        StepKind::Timer { duration, .. } => *duration,
        _ => return None,
    };
    // Answers keep milliseconds; anything a millisecond short of the end ran it all.
    Some(seconds + 0.001 < full.as_secs_f64())
}

/// Reads the `when` of step `n` (1-based), if it has one. `earlier` are the steps before it
/// that were read without problems, and `seen_keys` every key used before it.
pub(super) fn read_when(
    cx: &mut Checker,
    f: &Fields,
    n: usize,
    earlier: &[Step],
    seen_keys: &[(String, usize)],
) -> Result<Option<Condition>, Reported> {
    match f.get("when") {
        None => Ok(None),
        Some(value) => read_condition(cx, value, n, earlier, seen_keys)
            .map(Some)
            .ok_or(Reported),
    }
}

/// Reads the condition `value` of step `n`; None when it is wrong (reported).
fn read_condition(
    cx: &mut Checker,
    value: &Spanned<DeValue>,
    n: usize,
    earlier: &[Step],
    seen_keys: &[(String, usize)],
) -> Option<Condition> {
    let example = "like when = { key = \"breath\", early = true }";
    let Some(table) = value.get_ref().as_table() else {
        cx.error(
            &value.span(),
            format!(
                "`when` in step {n} must be a table naming an earlier step's key and one test, {example}, not {}",
                describe(value.get_ref())
            ),
        );
        return None;
    };
    let w = Fields::new(table, value.span(), format!("the `when` of step {n}"));
    w.reject_unknown(
        cx,
        &["key", "early", "urge", "above", "below", "is"],
        &format!("a condition takes `key` and one of: {TESTS}"),
    );
    let key = w.required_text(
        cx,
        "key",
        super::parse::LINE,
        "the key of an earlier step, like key = \"breath\"",
    )?;
    let tests: Vec<(&str, &Spanned<DeValue>)> = ["early", "urge", "above", "below", "is"]
        .into_iter()
        .filter_map(|name| w.get(name).map(|v| (name, v)))
        .collect();
    let [(name, test_value)] = tests[..] else {
        let span = tests.get(1).map_or(value.span(), |(_, v)| v.span());
        cx.error(
            &span,
            format!("the `when` of step {n} needs exactly one test ({TESTS}), {example}"),
        );
        return None;
    };
    let Some(target) = earlier
        .iter()
        .find(|s| s.key.as_deref() == Some(key.as_str()))
    else {
        if !seen_keys.iter().any(|(k, _)| *k == key) {
            let span = w.get("key").map_or(value.span(), Spanned::span);
            cx.error(
                &span,
                format!(
                    "the `when` of step {n} names `{}`, which no earlier step records; name the key of a step before it",
                    shown(&key)
                ),
            );
        }
        // A key used by a step with problems of its own: those are reported already.
        return None;
    };
    let test = read_test(cx, &w, name, test_value, &target.kind, n)?;
    Some(Condition { key, test })
}

/// One test, checked against the kind of the step it asks about.
fn read_test(
    cx: &mut Checker,
    w: &Fields,
    name: &str,
    value: &Spanned<DeValue>,
    kind: &StepKind,
    n: usize,
) -> Option<Test> {
    let fits = match name {
        "early" => matches!(kind, StepKind::Breathe { .. } | StepKind::Timer { .. }),
        "urge" => matches!(kind, StepKind::Hold { .. }),
        "above" | "below" => matches!(kind, StepKind::Scale { .. }),
        _ => matches!(
            kind,
            StepKind::Choice {
                multiple: false,
                ..
            }
        ),
    };
    if !fits {
        let wanted = match name {
            "early" => "a breathe or timer step",
            "urge" => "a hold step",
            "above" | "below" => "a scale step",
            _ => "a single choice step",
        };
        cx.error(
            &value.span(),
            format!(
                "`{name}` in the `when` of step {n} asks about {wanted}, but the step it names is a `{}` step",
                kind.name()
            ),
        );
        return None;
    }
    match (name, kind) {
        ("early" | "urge", _) => {
            let b = w.bool(cx, name)?;
            Some(if name == "early" {
                Test::Early(b)
            } else {
                Test::Urge(b)
            })
        }
        (_, StepKind::Scale { min, max, .. }) => {
            let (at, span) = w.int(cx, name)?;
            if at < *min || at > *max {
                cx.error(
                    &span,
                    format!(
                        "`{name}` in the `when` of step {n} is {at}, outside the scale it names ({min} to {max})"
                    ),
                );
                return None;
            }
            Some(if name == "above" {
                Test::Above(at)
            } else {
                Test::Below(at)
            })
        }
        (_, StepKind::Choice { options, .. }) => {
            let option = w.text(cx, name, super::parse::SHORT)?;
            if !options.contains(&option) {
                cx.error(
                    &value.span(),
                    format!(
                        "`is` in the `when` of step {n} is \"{}\", which is not one of the options of the step it names",
                        shown(&option)
                    ),
                );
                return None;
            }
            Some(Test::Is(option))
        }
        _ => None,
    }
}
