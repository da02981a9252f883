//! The contract's import checks: what a line must be before import adds it. The fields
//! with their types; `id` a non-empty string of at most 64 characters from `0-9A-Za-z_-`;
//! `practice` kebab-case; `started_at` ≤ `ended_at`, both RFC 3339 with an offset; and, for
//! a practice steady knows, each answer of the type and range its step records; times and
//! seconds `checkin` would accept (`time_problem`, the rule `checkin --at` keeps too).
//! Answers under keys the practice no longer has are kept. Each failure is one reason in
//! words.

use chrono::{DateTime, Datelike, FixedOffset, TimeDelta};
use serde_json::{Map, Value};

use crate::journal::entry::FORMAT_VERSION;
use crate::practice::Library;
use crate::practice::model::{Practice, StepKind};

/// Why a line is not imported, or `Ok` when it may be.
pub fn check(line: &Value, library: &Library, now: DateTime<FixedOffset>) -> Result<(), String> {
    let Value::Object(map) = line else {
        return Err("not a JSON object".into());
    };
    match map.get("v").and_then(Value::as_u64) {
        Some(FORMAT_VERSION) => {}
        Some(v) if v > FORMAT_VERSION => {
            return Err(format!(
                "written by a newer steady (format version {v}); update steady to import it"
            ));
        }
        _ => return Err(format!("\"v\" is not {FORMAT_VERSION}")),
    }
    let text = |key: &str| -> Result<&str, String> {
        match map.get(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(format!("\"{key}\" is {}, not text", shown(other))),
            None => Err(format!("\"{key}\" is missing")),
        }
    };
    let id = text("id")?;
    if id.is_empty()
        || id.chars().count() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        return Err(format!(
            "the id {} is not an id (1 to 64 letters, digits, _ or -)",
            shown(&map["id"])
        ));
    }
    let practice = text("practice")?;
    if !is_kebab(practice) {
        return Err(format!(
            "the practice {} is not kebab-case (like feeling-check-in)",
            shown(&map["practice"])
        ));
    }
    text("title")?;
    let time = |key: &str| {
        let s = text(key)?;
        let at = DateTime::parse_from_rfc3339(s)
            .map_err(|_| format!("\"{key}\" {s:?} is not an RFC 3339 time with an offset"))?;
        match time_problem(s, at, now) {
            Some(why) => Err(format!("\"{key}\" {s} {why}")),
            None => Ok(at),
        }
    };
    let (start, end) = (time("started_at")?, time("ended_at")?);
    if start > end {
        return Err(format!(
            "it ends ({end}) before it starts ({start})",
            end = map["ended_at"].as_str().unwrap_or_default(),
            start = map["started_at"].as_str().unwrap_or_default()
        ));
    }
    if !map.get("completed").is_some_and(Value::is_boolean) {
        return Err("\"completed\" is not true or false".into());
    }
    match map.get("via").and_then(Value::as_str) {
        Some("tui" | "cli" | "import") => {}
        _ => return Err("\"via\" is not tui, cli or import".into()),
    }
    let Some(Value::Object(responses)) = map.get("responses") else {
        return Err("\"responses\" is not an object".into());
    };
    answers(practice, responses, library)
}

/// The earliest year a time may have: anything before is a typo.
pub const FIRST_YEAR: i32 = 2000;

/// How far ahead of the clock a time may be (two machines' clocks rarely agree exactly).
const FUTURE_SLACK_S: i64 = 60;

/// What is wrong with a time (`written`, read as `at`) that steady would not record, as
/// the end of a sentence that starts with the time: a year before 2000, more than a minute
/// after `now`, or seconds with more than 3 decimals. The rule `checkin --at` keeps, and
/// import.
pub fn time_problem(
    written: &str,
    at: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Option<String> {
    if at.year() < FIRST_YEAR {
        return Some(format!("is before the year {FIRST_YEAR}; check the year"));
    }
    if at - now > TimeDelta::seconds(FUTURE_SLACK_S) {
        return Some("is in the future; give a time that has passed".into());
    }
    // The digits after the seconds' point, in the text as written.
    let decimals = written.split_once('.').map_or(0, |(_, after)| {
        after.bytes().take_while(u8::is_ascii_digit).count()
    });
    (decimals > 3)
        .then(|| "has seconds with more than 3 decimals; give at most 3 (milliseconds)".into())
}

/// Whether `v` is a number of seconds with at most 3 decimals, not below 0.
fn is_seconds(v: &Value) -> bool {
    v.as_f64().is_some_and(|s| {
        let thousandths = s * 1000.0;
        s >= 0.0 && (thousandths - thousandths.round()).abs() < 1e-6
    })
}

/// Each answer of a known practice against the step that records it.
fn answers(
    practice: &str,
    responses: &Map<String, Value>,
    library: &Library,
) -> Result<(), String> {
    let Some(known) = library.get(practice) else {
        return Ok(());
    };
    for step in &known.steps {
        let Some(key) = &step.key else { continue };
        let Some(value) = responses.get(key) else {
            continue;
        };
        let wrong = |what: &str| {
            Err(format!(
                "the answer \"{key}\" is {}, not {what}",
                shown(value)
            ))
        };
        let seconds = |v: Option<&Value>, null_ok: bool| match v {
            Some(Value::Null) | None => null_ok,
            Some(v) => is_seconds(v),
        };
        let ok = match &step.kind {
            StepKind::Say { .. } => true,
            StepKind::Scale { min, max, .. } => match value.as_i64() {
                Some(n) if value.is_i64() || value.is_u64() => {
                    if !(*min..=*max).contains(&n) {
                        return Err(format!(
                            "the answer \"{key}\" is {n}, outside {practice}'s scale ({min} to {max})"
                        ));
                    }
                    true
                }
                _ => return wrong(&format!("a whole number from {min} to {max}")),
            },
            StepKind::Colour { .. } | StepKind::Text { .. } => {
                if !value.is_string() {
                    return wrong("text");
                }
                true
            }
            // A word or a list of words either way: a practice may have changed between
            // one choice and several since the entry was written.
            StepKind::Choice { .. } => {
                if !(value.is_string() || is_texts(value)) {
                    return wrong("a word or a list of words");
                }
                true
            }
            StepKind::List { .. } => {
                if !is_texts(value) {
                    return wrong("a list of answers");
                }
                true
            }
            StepKind::Breathe { .. } => {
                value.get("cycles").and_then(Value::as_u64).is_some()
                    && seconds(value.get("seconds"), false)
            }
            StepKind::Timer { .. } => seconds(value.get("seconds"), false),
            StepKind::Hold { .. } => {
                seconds(value.get("urge_s"), true)
                    && seconds(value.get("extra_s"), true)
                    && seconds(value.get("total_s"), false)
                    && value.get("recalled").is_none_or(Value::is_boolean)
            }
        };
        if !ok {
            return wrong("the timing this step records, in seconds");
        }
    }
    mood(&known, responses)
}

/// A check-in's `mood` (how the moment felt, 1 very unpleasant … 5 very pleasant), which
/// mood trackers' imports write, when the practice has no step of its own for it.
fn mood(practice: &Practice, responses: &Map<String, Value>) -> Result<(), String> {
    let own_step = practice
        .steps
        .iter()
        .any(|s| s.key.as_deref() == Some(MOOD));
    match responses.get(MOOD) {
        Some(value) if !own_step && practice.id == "feeling-check-in" => {
            match value
                .as_i64()
                .filter(|n| value.is_number() && !value.is_f64() && (1..=5).contains(n))
            {
                Some(_) => Ok(()),
                None => Err(format!(
                    "the answer \"{MOOD}\" is {}, not a whole number from 1 (very unpleasant) to 5 (very pleasant)",
                    shown(value)
                )),
            }
        }
        _ => Ok(()),
    }
}

/// The key of a check-in's mood.
const MOOD: &str = "mood";

fn is_texts(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|items| items.iter().all(Value::is_string))
}

/// Lower-case words of letters and digits joined by single hyphens.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A value as it appears in the file, cut short when long.
fn shown(value: &Value) -> String {
    crate::text::cut(&crate::text::clean(&value.to_string(), false), 40)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-12-01T08:00:00+01:00").unwrap()
    }

    fn entry() -> Value {
        json!({"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in",
            "title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00",
            "ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui",
            "responses":{"feeling":"tense","level":3,"colour":"blue","gone_key":[1]}})
    }

    fn with(path: &[&str], value: Value) -> Result<(), String> {
        let mut e = entry();
        let mut at = &mut e;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = value;
        check(&e, &Library::builtin(), now())
    }

    #[test]
    fn a_good_entry_passes_and_unknown_keys_are_kept() {
        assert_eq!(check(&entry(), &Library::builtin(), now()), Ok(()));
        assert_eq!(with(&["practice"], json!("my-own-thing")), Ok(()));
    }

    #[test]
    fn each_broken_field_is_named() {
        let cases = [
            (vec!["id"], json!("not an id!"), "is not an id"),
            (vec!["id"], json!(""), "is not an id"),
            (vec!["id"], json!("x".repeat(65)), "is not an id"),
            (vec!["id"], json!(7), "not text"),
            (vec!["practice"], json!("Not Kebab"), "not kebab-case"),
            (vec!["started_at"], json!("2026-11-22T08:01:02"), "RFC 3339"),
            (
                vec!["ended_at"],
                json!("2026-11-22T07:00:00+01:00"),
                "before it starts",
            ),
            (vec!["v"], json!(2), "newer steady"),
            (
                vec!["started_at"],
                json!("0001-11-22T08:01:02.123+01:00"),
                "before the year 2000",
            ),
            (
                vec!["ended_at"],
                json!("9999-11-22T08:01:40.123+01:00"),
                "is in the future",
            ),
            (
                vec!["ended_at"],
                json!("2026-11-22T08:01:40.123456+01:00"),
                "more than 3 decimals",
            ),
            (vec!["via"], json!("sync"), "\"via\""),
            (
                vec!["responses", "level"],
                json!(9),
                "outside feeling-check-in's scale (1 to 5)",
            ),
            (
                vec!["responses", "level"],
                json!("3"),
                "not a whole number from 1 to 5",
            ),
            (vec!["responses", "level"], json!(2.5), "not a whole number"),
            (vec!["responses", "colour"], json!(3), "not text"),
            (
                vec!["responses", "mood"],
                json!(6),
                "1 (very unpleasant) to 5",
            ),
            (
                vec!["responses", "mood"],
                json!(2.5),
                "1 (very unpleasant) to 5",
            ),
        ];
        for (path, value, why) in cases {
            let got = with(&path, value.clone()).unwrap_err();
            assert!(got.contains(why), "{path:?} = {value}: {got}");
        }
        let mut e = entry();
        e["practice"] = json!("stay-present");
        e["responses"] = json!({"stay": {"urge_s": "soon", "extra_s": 5, "total_s": 9}});
        let got = check(&e, &Library::builtin(), now()).unwrap_err();
        assert!(got.contains("\"stay\""), "{got}");
        e["responses"] = json!({"stay": {"urge_s": null, "extra_s": null, "total_s": 9.1234}});
        let got = check(&e, &Library::builtin(), now()).unwrap_err();
        assert!(got.contains("\"stay\""), "{got}");
        e["responses"] = json!({"stay": {"urge_s": null, "extra_s": null, "total_s": 9}});
        assert_eq!(check(&e, &Library::builtin(), now()), Ok(()));
    }
}
