//! Conditional steps: `when = { key = "breath", early = true }` shows a step only when
//! something happened earlier in the run. A condition names the key of an earlier step and
//! one test that fits that step's kind; it is checked when the file is read, so a condition
//! that could never be decided is an error with its line and column, not a silent skip.
//!
//! A scale may also be compared with another, earlier scale of the same range
//! (`{ key = "after", below = "before" }`: less than the answer given there), a list asks
//! whether all its answers were given (`full`), and a single choice whether an option was or
//! was not chosen (`is`, `not`).

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
    /// A scale answer above a value, or above the answer of another scale.
    Above(Than),
    /// A scale answer below a value, or below the answer of another scale.
    Below(Than),
    /// A scale answer equal to a value, or to the answer of another scale (written `is`).
    Same(Than),
    /// A list given every answer its `count` asks for (true) or fewer (false).
    Full(bool),
    /// A single choice answered with this option.
    Is(String),
    /// A single choice answered with anything but this option (a typed word too).
    Not(String),
}

/// What a scale answer is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Than {
    /// A number on the scale.
    Value(i64),
    /// The answer recorded under this key, by an earlier scale with the same range.
    Answer(String),
}

/// Every test a `when` may hold, as a practice file writes them.
const NAMES: [&str; 7] = ["early", "urge", "above", "below", "is", "not", "full"];
const TESTS: &str = "early, urge, above, below, is, not, full";

impl Condition {
    /// Whether the step shows, given the step it names and that step's answer (None when it
    /// was not answered or not shown: then no condition on it holds). `answer_of` gives the
    /// answer under another key, for a comparison between two scales.
    pub fn holds<'a>(
        &self,
        step: &Step,
        answer: Option<&Value>,
        answer_of: impl Fn(&str) -> Option<&'a Value>,
    ) -> bool {
        let Some(answer) = answer else {
            return false;
        };
        let number = |than: &Than| match than {
            Than::Value(n) => Some(*n),
            Than::Answer(key) => answer_of(key).and_then(Value::as_i64),
        };
        let compare = |than: &Than, wanted: std::cmp::Ordering| {
            answer
                .as_i64()
                .zip(number(than))
                .is_some_and(|(a, b)| a.cmp(&b) == wanted)
        };
        match (&self.test, &step.kind) {
            (Test::Early(early), kind) => ran_short(kind, answer) == Some(*early),
            (Test::Urge(urge), _) => answer.get("urge_s").map(|u| !u.is_null()) == Some(*urge),
            (Test::Above(than), _) => compare(than, std::cmp::Ordering::Greater),
            (Test::Below(than), _) => compare(than, std::cmp::Ordering::Less),
            (Test::Same(than), _) => compare(than, std::cmp::Ordering::Equal),
            (Test::Full(full), StepKind::List { count, .. }) => answer
                .as_array()
                .is_some_and(|items| (items.len() >= *count) == *full),
            (Test::Full(_), _) => false,
            (Test::Is(option), _) => answer.as_str() == Some(option.as_str()),
            (Test::Not(option), _) => answer.as_str().is_some_and(|a| a != option),
        }
    }

    /// The keys whose answers the condition reads: its own, and a scale compared with.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        let other = match &self.test {
            Test::Above(Than::Answer(k))
            | Test::Below(Than::Answer(k))
            | Test::Same(Than::Answer(k)) => Some(k.as_str()),
            _ => None,
        };
        std::iter::once(self.key.as_str()).chain(other)
    }

    /// Whether the condition holds if the step it names goes the likely way: a timed step
    /// runs its time, no urge to leave comes, a scale sits in the middle (so two scales
    /// compared are the same), a list is full, a choice is its first option. Only for
    /// counting steps ahead; never for deciding what shows.
    pub fn likely(&self, step: &Step) -> bool {
        let scale = |than: &Than, min: i64, max: i64| {
            let middle = i64::midpoint(min, max);
            let other = match than {
                Than::Value(n) => *n,
                Than::Answer(_) => middle,
            };
            middle.cmp(&other)
        };
        match (&self.test, &step.kind) {
            (Test::Early(early), _) => !early,
            (Test::Urge(urge), _) => !urge,
            (Test::Full(full), _) => *full,
            (Test::Above(than), StepKind::Scale { min, max, .. }) => {
                scale(than, *min, *max).is_gt()
            }
            (Test::Below(than), StepKind::Scale { min, max, .. }) => {
                scale(than, *min, *max).is_lt()
            }
            (Test::Same(than), StepKind::Scale { min, max, .. }) => scale(than, *min, *max).is_eq(),
            (Test::Is(option), StepKind::Choice { options, .. }) => options.first() == Some(option),
            (Test::Not(option), StepKind::Choice { options, .. }) => {
                options.first() != Some(option)
            }
            _ => false,
        }
    }

    /// The condition in words, for `practices show`.
    pub fn describe(&self) -> String {
        let key = &self.key;
        let than = |than: &Than| match than {
            Than::Value(n) => n.to_string(),
            Than::Answer(other) => format!("`{other}`"),
        };
        match &self.test {
            Test::Early(true) => format!("only when `{key}` was ended early"),
            Test::Early(false) => format!("only when `{key}` ran its full time"),
            Test::Urge(true) => format!("only when the urge to leave came in `{key}`"),
            Test::Urge(false) => format!("only when no urge to leave came in `{key}`"),
            Test::Above(t) => format!("only when `{key}` is above {}", than(t)),
            Test::Below(t) => format!("only when `{key}` is below {}", than(t)),
            Test::Same(Than::Value(n)) => format!("only when `{key}` is {n}"),
            Test::Same(t) => format!("only when `{key}` is the same as {}", than(t)),
            Test::Full(true) => format!("only when `{key}` has every answer it asks for"),
            Test::Full(false) => format!("only when `{key}` has fewer answers than it asks for"),
            Test::Is(option) => format!("only when `{key}` is \"{option}\""),
            Test::Not(option) => format!("only when `{key}` is not \"{option}\""),
        }
    }

    /// The condition as a practice file writes it.
    pub fn to_toml(&self) -> String {
        let quote = super::write::quote;
        let than = |than: &Than| match than {
            Than::Value(n) => n.to_string(),
            Than::Answer(other) => quote(other),
        };
        let test = match &self.test {
            Test::Early(b) => format!("early = {b}"),
            Test::Urge(b) => format!("urge = {b}"),
            Test::Above(t) => format!("above = {}", than(t)),
            Test::Below(t) => format!("below = {}", than(t)),
            Test::Same(t) => format!("is = {}", than(t)),
            Test::Full(b) => format!("full = {b}"),
            Test::Is(option) => format!("is = {}", quote(option)),
            Test::Not(option) => format!("not = {}", quote(option)),
        };
        format!("{{ key = {}, {test} }}", quote(&self.key))
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

/// The earlier step recording `key`, or None after reporting (at `span`) that there is none.
/// A key used by a step with problems of its own is not reported again.
fn earlier_step<'s>(
    cx: &mut Checker,
    span: &std::ops::Range<usize>,
    key: &str,
    n: usize,
    earlier: &'s [Step],
    seen_keys: &[(String, usize)],
) -> Option<&'s Step> {
    let found = earlier.iter().find(|s| s.key.as_deref() == Some(key));
    if found.is_none() && !seen_keys.iter().any(|(k, _)| k == key) {
        cx.error(
            span,
            format!(
                "the `when` of step {n} names `{}`, which no earlier step records; name the key of a step before it",
                shown(key)
            ),
        );
    }
    found
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
    let mut allowed = vec!["key"];
    allowed.extend(NAMES);
    w.reject_unknown(
        cx,
        &allowed,
        &format!("a condition takes `key` and one of: {TESTS}"),
    );
    let key = w.required_text(
        cx,
        "key",
        super::parse::LINE,
        "the key of an earlier step, like key = \"breath\"",
    )?;
    let tests: Vec<(&str, &Spanned<DeValue>)> = NAMES
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
    let key_span = w.get("key").map_or(value.span(), Spanned::span);
    let target = earlier_step(cx, &key_span, &key, n, earlier, seen_keys)?;
    let place = Place {
        n,
        earlier,
        seen_keys,
        key: &key,
    };
    let test = read_test(cx, &w, name, test_value, &target.kind, &place)?;
    Some(Condition { key, test })
}

/// Where a test is read: step `n`, the steps before it, and the key its condition names.
struct Place<'p> {
    n: usize,
    earlier: &'p [Step],
    seen_keys: &'p [(String, usize)],
    key: &'p str,
}

/// One test, checked against the kind of the step it asks about.
fn read_test(
    cx: &mut Checker,
    w: &Fields,
    name: &str,
    value: &Spanned<DeValue>,
    kind: &StepKind,
    place: &Place,
) -> Option<Test> {
    let n = place.n;
    let single_choice = matches!(
        kind,
        StepKind::Choice {
            multiple: false,
            ..
        }
    );
    let scale = matches!(kind, StepKind::Scale { .. });
    let (fits, wanted) = match name {
        "early" => (
            matches!(kind, StepKind::Breathe { .. } | StepKind::Timer { .. }),
            "a breathe or timer step",
        ),
        "urge" => (matches!(kind, StepKind::Hold { .. }), "a hold step"),
        "above" | "below" => (scale, "a scale step"),
        "is" => (scale || single_choice, "a scale or a single choice step"),
        "full" => (matches!(kind, StepKind::List { .. }), "a list step"),
        _ => (single_choice, "a single choice step"),
    };
    if !fits {
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
        ("early" | "urge" | "full", _) => {
            let b = w.bool(cx, name)?;
            Some(match name {
                "early" => Test::Early(b),
                "urge" => Test::Urge(b),
                _ => Test::Full(b),
            })
        }
        (_, StepKind::Scale { min, max, .. }) => {
            let than = read_than(cx, w, name, value, (*min, *max), place)?;
            Some(match name {
                "above" => Test::Above(than),
                "below" => Test::Below(than),
                _ => Test::Same(than),
            })
        }
        (_, StepKind::Choice { options, .. }) => {
            let option = w.text(cx, name, super::parse::SHORT)?;
            if !options.contains(&option) {
                cx.error(
                    &value.span(),
                    format!(
                        "`{name}` in the `when` of step {n} is \"{}\", which is not one of the options of the step it names",
                        shown(&option)
                    ),
                );
                return None;
            }
            Some(if name == "is" {
                Test::Is(option)
            } else {
                Test::Not(option)
            })
        }
        _ => None,
    }
}

/// What a scale is compared with: a number on it, or the key of an earlier scale with the
/// same range (`range`).
fn read_than(
    cx: &mut Checker,
    w: &Fields,
    name: &str,
    value: &Spanned<DeValue>,
    (min, max): (i64, i64),
    place: &Place,
) -> Option<Than> {
    let n = place.n;
    if value.get_ref().as_str().is_none() {
        let (at, span) = w.int(cx, name)?;
        if at < min || at > max {
            cx.error(
                &span,
                format!(
                    "`{name}` in the `when` of step {n} is {at}, outside the scale it names ({min} to {max})"
                ),
            );
            return None;
        }
        return Some(Than::Value(at));
    }
    let other = w.text(cx, name, super::parse::LINE)?;
    let span = value.span();
    if other == place.key {
        cx.error(
            &span,
            format!("`{name}` in the `when` of step {n} compares `{}` with itself; name another scale, or a number", shown(&other)),
        );
        return None;
    }
    let step = earlier_step(cx, &span, &other, n, place.earlier, place.seen_keys)?;
    match &step.kind {
        StepKind::Scale { min: m, max: x, .. } if (*m, *x) == (min, max) => {
            Some(Than::Answer(other))
        }
        StepKind::Scale { min: m, max: x, .. } => {
            cx.error(
                &span,
                format!(
                    "`{name}` in the `when` of step {n} compares a scale from {min} to {max} with `{}`, which runs from {m} to {x}; compare scales with the same range",
                    shown(&other)
                ),
            );
            None
        }
        kind => {
            cx.error(
                &span,
                format!(
                    "`{name}` in the `when` of step {n} compares with `{}`, a `{}` step; name an earlier scale step, or give a number",
                    shown(&other),
                    kind.name()
                ),
            );
            None
        }
    }
}
