//! Reading one step of a practice file: its `kind`, its `key`, and the fields each kind
//! takes, every problem reported where it was found.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::condition::read_when;
use super::describe::seconds_text;
use super::fields::{Checker, Fields, Reported, check_text, describe, shown};
use super::model::{Phase, PhaseKind, Step, StepKind};
use super::parse::{COLOUR, LINE, MAX_TEXT_CHARS, PARAGRAPH, SHORT, check_name, is_key_name};
use super::placeholder;

/// The widest scale, in points.
const MAX_SCALE_POINTS: i128 = 11;

/// Each step kind and the fields it takes besides `kind`.
const KINDS: [(&str, &[&str]); 9] = [
    ("say", &["text", "seconds"]),
    ("breathe", &["key", "pattern", "seconds"]),
    ("timer", &["key", "prompt", "seconds", "bell_every"]),
    ("hold", &["key", "prompt", "extra_seconds"]),
    ("scale", &["key", "prompt", "min", "max", "labels"]),
    ("colour", &["key", "prompt", "choices", "other"]),
    ("choice", &["key", "prompt", "options", "multiple", "other"]),
    (
        "text",
        &["key", "prompt", "optional", "multiline", "max_chars"],
    ),
    ("list", &["key", "prompt", "count"]),
];
const KIND_NAMES: &str = "say, breathe, timer, hold, scale, colour, choice, text, list";

/// Reads step number `n` (1-based). `seen_keys` holds the keys of the steps before it, with
/// their numbers, so a repeated key can name the step that used it first.
pub(super) fn read_step(
    cx: &mut Checker,
    table: &DeTable,
    span: Range<usize>,
    n: usize,
    seen_keys: &mut Vec<(String, usize)>,
    earlier: &[Step],
) -> Option<Step> {
    let f = Fields::new(table, span, format!("step {n}"));
    let Some(kind_value) = f.get("kind") else {
        f.missing(
            cx,
            "kind",
            &format!("one of {KIND_NAMES}, like kind = \"say\""),
        );
        return None;
    };
    let (kind, fields) = if let Some(k) = kind_value.get_ref().as_str() {
        if let Some(found) = KINDS.iter().find(|(name, _)| *name == k) {
            *found
        } else {
            cx.error(
                &kind_value.span(),
                format!(
                    "unknown step kind `{}` in step {n}; expected one of {KIND_NAMES}",
                    shown(k)
                ),
            );
            return None;
        }
    } else {
        cx.error(
            &kind_value.span(),
            format!(
                "`kind` in step {n} must be one of {KIND_NAMES} in quotes, not {}",
                describe(kind_value.get_ref())
            ),
        );
        return None;
    };
    let mut allowed = vec!["kind", "when"];
    allowed.extend_from_slice(fields);
    if kind == "say" {
        // A key on a `say` step gets its own message below.
        allowed.push("key");
    }
    f.reject_unknown(
        cx,
        &allowed,
        &format!("a `{kind}` step takes: {}, when", fields.join(", ")),
    );
    // Read before this step's own key joins `seen_keys`: a step cannot depend on itself.
    let when = read_when(cx, &f, n, earlier, seen_keys);
    let key = if kind == "say" {
        if let Some(k) = f.get("key") {
            cx.error(
                &k.span(),
                format!("step {n} is a `say` step, which records nothing, so it takes no `key`; remove it"),
            );
        }
        None
    } else {
        Some(read_key(cx, &f, n, seen_keys))
    };
    let body = match kind {
        "say" => read_say(cx, &f, n, earlier, seen_keys),
        "breathe" => read_breathe(cx, &f, n),
        "timer" => read_timer(cx, &f),
        "hold" => read_hold(cx, &f),
        "scale" => read_scale(cx, &f, n),
        "colour" => read_colour(cx, &f),
        "choice" => read_choice(cx, &f),
        "text" => read_text(cx, &f),
        _ => read_list(cx, &f),
    };
    // `key` is None for a `say` step, Some(None) for a recording step whose key is wrong.
    let key = match key {
        Some(k) => Some(k?),
        None => None,
    };
    Some(Step {
        key,
        kind: body?,
        when: when.ok()?,
    })
}

fn read_key(
    cx: &mut Checker,
    f: &Fields,
    n: usize,
    seen: &mut Vec<(String, usize)>,
) -> Option<String> {
    let key = f.required_text(
        cx,
        "key",
        LINE,
        "a key that names this answer in the journal, like key = \"level\"",
    )?;
    let key = check_name(
        cx,
        f,
        "key",
        key,
        is_key_name,
        "kebab-case or snake_case (lowercase letters and digits joined by - or _)",
    )?;
    if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
        let span = f.get("key").map(Spanned::span).unwrap_or(0..0);
        cx.error(
            &span,
            format!("key `{key}` in step {n} is already used by step {first}; each key in a practice must be different"),
        );
        return None;
    }
    seen.push((key.clone(), n));
    Some(key)
}

fn prompt(cx: &mut Checker, f: &Fields) -> Option<String> {
    f.required_text(
        cx,
        "prompt",
        LINE,
        "a `prompt` with the question to ask, like prompt = \"How settled do you feel?\"",
    )
}

fn read_say(
    cx: &mut Checker,
    f: &Fields,
    n: usize,
    earlier: &[Step],
    seen_keys: &[(String, usize)],
) -> Option<StepKind> {
    let text = f
        .required_text(
            cx,
            "text",
            PARAGRAPH,
            "the words to show, like text = \"Let your shoulders drop.\"",
        )
        .filter(|text| {
            let span = f.get("text").map(Spanned::span).unwrap_or(0..0);
            placeholder::check(cx, &span, "text", text, n, earlier, seen_keys)
        });
    let advance_after = if_present(f, "seconds", || f.duration(cx, "seconds").map(|(d, _)| d));
    Some(StepKind::Say {
        text: text?,
        advance_after: advance_after.ok()?,
    })
}

fn read_breathe(cx: &mut Checker, f: &Fields, n: usize) -> Option<StepKind> {
    let total = f.required_duration(
        cx,
        "seconds",
        "the total time in seconds, like seconds = 90",
    );
    let pattern = match f.get("pattern") {
        None => {
            f.missing(
                cx,
                "pattern",
                "a breathing pattern, like pattern = [{ phase = \"in\", seconds = 4 }, { phase = \"out\", seconds = 6 }]",
            );
            None
        }
        Some(value) => read_pattern(cx, value, n),
    };
    Some(StepKind::Breathe {
        pattern: pattern?,
        total: total?.0,
    })
}

fn read_pattern(cx: &mut Checker, value: &Spanned<DeValue>, n: usize) -> Option<Vec<Phase>> {
    let example = "like [{ phase = \"in\", seconds = 4 }, { phase = \"out\", seconds = 6 }]";
    let Some(items) = value.get_ref().as_array() else {
        cx.error(
            &value.span(),
            format!(
                "`pattern` in step {n} must be a list of phases, {example}, not {}",
                describe(value.get_ref())
            ),
        );
        return None;
    };
    if items.is_empty() || items.len() > 8 {
        let why = if items.is_empty() {
            "is empty".to_owned()
        } else {
            format!("has {} phases", items.len())
        };
        cx.error(
            &value.span(),
            format!("`pattern` in step {n} {why}; list 1 to 8 phases, {example}"),
        );
        return None;
    }
    let mut phases = Vec::with_capacity(items.len());
    let mut ok = true;
    for (j, item) in items.iter().enumerate() {
        let place = format!("phase {} of step {n}", j + 1);
        let Some(table) = item.get_ref().as_table() else {
            cx.error(
                &item.span(),
                format!("{place} must be a table, like {{ phase = \"in\", seconds = 4 }}"),
            );
            ok = false;
            continue;
        };
        let pf = Fields::new(table, item.span(), place);
        pf.reject_unknown(cx, &["phase", "seconds"], "a phase takes: phase, seconds");
        let kind = read_phase_kind(cx, &pf);
        let duration = pf.required_duration(cx, "seconds", "its length, like seconds = 4");
        match (kind, duration) {
            (Some(kind), Some((duration, _))) => phases.push(Phase { kind, duration }),
            _ => ok = false,
        }
    }
    ok.then_some(phases)
}

fn read_phase_kind(cx: &mut Checker, pf: &Fields) -> Option<PhaseKind> {
    let expected = "one of \"in\", \"hold\", \"out\", \"rest\"";
    let Some(value) = pf.get("phase") else {
        pf.missing(cx, "phase", &format!("{expected}, like phase = \"in\""));
        return None;
    };
    let kind = match value.get_ref().as_str() {
        Some("in") => Some(PhaseKind::In),
        Some("hold") => Some(PhaseKind::Hold),
        Some("out") => Some(PhaseKind::Out),
        Some("rest") => Some(PhaseKind::Rest),
        _ => None,
    };
    if kind.is_none() {
        cx.error(
            &value.span(),
            format!(
                "`phase` in {} must be {expected}, not {}",
                pf.place,
                describe(value.get_ref())
            ),
        );
    }
    kind
}

fn read_timer(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let duration = f.required_duration(cx, "seconds", "how long it runs, like seconds = 300");
    let bell_every = if_present(f, "bell_every", || {
        let (every, span) = f.duration(cx, "bell_every")?;
        match &duration {
            Some((total, _)) if every > *total => {
                cx.error(
                    &span,
                    format!(
                        "`bell_every` in {} is longer than the timer; make it at most its `seconds` ({})",
                        f.place,
                        seconds_text(*total)
                    ),
                );
                None
            }
            _ => Some(every),
        }
    });
    Some(StepKind::Timer {
        prompt: prompt?,
        duration: duration?.0,
        bell_every: bell_every.ok()?,
    })
}

fn read_hold(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let extra = f.required_duration(
        cx,
        "extra_seconds",
        "how long to stay after the urge to leave, like extra_seconds = 5",
    );
    Some(StepKind::Hold {
        prompt: prompt?,
        extra: extra?.0,
    })
}

fn read_scale(cx: &mut Checker, f: &Fields, n: usize) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let min = f.int(cx, "min");
    let max = f.int(cx, "max");
    let bad_number =
        (min.is_none() && f.get("min").is_some()) || (max.is_none() && f.get("max").is_some());
    let (min, min_span) = min.unwrap_or((1, f.span.clone()));
    let (max, max_span) = max.unwrap_or((5, f.span.clone()));
    let range_ok = if bad_number {
        false
    } else if min >= max {
        let span = if f.get("min").is_some() {
            min_span
        } else {
            max_span
        };
        cx.error(
            &span,
            format!("`min` ({min}) must be smaller than `max` ({max}) in step {n}"),
        );
        false
    } else if i128::from(max) - i128::from(min) + 1 > MAX_SCALE_POINTS {
        cx.error(
            &max_span,
            format!(
                "the scale in step {n} runs from {min} to {max}, {} points; at most {MAX_SCALE_POINTS} fit",
                i128::from(max) - i128::from(min) + 1
            ),
        );
        false
    } else {
        true
    };
    let labels = read_labels(cx, f, n, range_ok.then_some((min, max)));
    range_ok.then_some(())?;
    Some(StepKind::Scale {
        prompt: prompt?,
        min,
        max,
        labels: labels?,
    })
}

fn read_labels(
    cx: &mut Checker,
    f: &Fields,
    n: usize,
    range: Option<(i64, i64)>,
) -> Option<BTreeMap<i64, String>> {
    let Some(value) = f.get("labels") else {
        return Some(BTreeMap::new());
    };
    let Some(table) = value.get_ref().as_table() else {
        cx.error(
            &value.span(),
            format!(
                "`labels` in step {n} must be a table from value to words, like {{ 1 = \"not at all\", 5 = \"very\" }}, not {}",
                describe(value.get_ref())
            ),
        );
        return None;
    };
    let mut labels = BTreeMap::new();
    let mut ok = true;
    for (k, v) in table {
        let Ok(at) = k.get_ref().trim().parse::<i64>() else {
            cx.error(
                &k.span(),
                format!(
                    "label `{}` in step {n} must be a whole number on the scale",
                    shown(k.get_ref())
                ),
            );
            ok = false;
            continue;
        };
        if let Some((min, max)) = range
            && (at < min || at > max)
        {
            cx.error(
                &k.span(),
                format!(
                    "label {at} in step {n} is outside the scale, which runs from {min} to {max}"
                ),
            );
            ok = false;
            continue;
        }
        let what = format!("label {at} in step {n}");
        let words = if let Some(s) = v.get_ref().as_str() {
            check_text(cx, &v.span(), &what, s, SHORT)
        } else {
            cx.error(
                &v.span(),
                format!(
                    "{what} must be text in quotes, not {}",
                    describe(v.get_ref())
                ),
            );
            None
        };
        match words {
            Some(w) => {
                labels.insert(at, w);
            }
            None => ok = false,
        }
    }
    ok.then_some(labels)
}

fn read_colour(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let choices = if_present(f, "choices", || f.text_list(cx, "choices", (1, 24), COLOUR));
    let other = optional_bool(cx, f, "other");
    Some(StepKind::Colour {
        prompt: prompt?,
        choices: choices.ok()?,
        other: other?,
    })
}

fn read_choice(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let options = if f.get("options").is_none() {
        f.missing(
            cx,
            "options",
            "at least two options, like options = [\"calm\", \"tense\"]",
        );
        None
    } else {
        f.text_list(cx, "options", (2, 30), SHORT)
    };
    let multiple = optional_bool(cx, f, "multiple");
    let other = optional_bool(cx, f, "other");
    Some(StepKind::Choice {
        prompt: prompt?,
        options: options?,
        multiple: multiple?,
        other: other?,
    })
}

fn read_text(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let optional = optional_bool(cx, f, "optional");
    let multiline = optional_bool(cx, f, "multiline");
    let max_chars = if_present(f, "max_chars", || {
        f.int_within(cx, "max_chars", 1, MAX_TEXT_CHARS as i64, "")
            .map(|n| n as usize)
    });
    Some(StepKind::Text {
        prompt: prompt?,
        optional: optional?,
        multiline: multiline?,
        max_chars: max_chars.ok()?,
    })
}

fn read_list(cx: &mut Checker, f: &Fields) -> Option<StepKind> {
    let prompt = prompt(cx, f);
    let count = f.int_within(
        cx,
        "count",
        1,
        20,
        "how many answers to ask for, like count = 3",
    );
    Some(StepKind::List {
        prompt: prompt?,
        count: count? as usize,
    })
}

/// An optional field: `Ok(None)` when it is not there, `Err(Reported)` when it is there but
/// wrong (`read` has reported why), `Ok(Some(value))` otherwise.
fn if_present<T>(
    f: &Fields,
    name: &str,
    read: impl FnOnce() -> Option<T>,
) -> Result<Option<T>, Reported> {
    match f.get(name) {
        None => Ok(None),
        Some(_) => read().map(Some).ok_or(Reported),
    }
}

/// A true/false field that defaults to false; None only when it is there but wrong.
pub(super) fn optional_bool(cx: &mut Checker, f: &Fields, name: &str) -> Option<bool> {
    if_present(f, name, || f.bool(cx, name))
        .ok()
        .map(|b| b.unwrap_or(false))
}
