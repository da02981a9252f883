//! "What was recorded", in words: one answer per question of an entry, in step order. A
//! multiline answer keeps its line breaks; the end screen lays them out.

use serde_json::Value;

use crate::journal::entry::Entry;
use crate::practice::model::{Practice, StepKind};
use crate::text::{clean, seconds_words as seconds};

/// (what was asked, what was recorded) for each answer, following the practice's steps.
pub fn lines(practice: &Practice, entry: &Entry) -> Vec<(String, String)> {
    practice
        .steps
        .iter()
        .filter_map(|step| {
            let key = step.key.as_deref()?;
            let value = entry.responses.get(key)?;
            let label = match &step.kind {
                StepKind::Breathe { .. } => "Breathing".to_owned(),
                StepKind::Timer { .. } => "Timer".to_owned(),
                kind if !kind.prompt().is_empty() => clean(kind.prompt(), false),
                _ => clean(key, false),
            };
            let given = match (&step.kind, value.as_i64()) {
                // A number on a scale reads as a place on it, with the scale's words when it
                // has words for that number.
                (
                    StepKind::Scale {
                        min, max, labels, ..
                    },
                    Some(n),
                ) => {
                    let place = if *min == 1 {
                        format!("{n} of {max}")
                    } else {
                        format!("{n} (from {min} to {max})")
                    };
                    match labels.get(&n) {
                        Some(words) => format!("{place}, {}", clean(words, false)),
                        None => place,
                    }
                }
                _ => describe(value),
            };
            Some((label, given))
        })
        .collect()
}

/// One answer in plain words.
pub fn describe(value: &Value) -> String {
    let secs = |field: &str| value.get(field).and_then(Value::as_f64).map(seconds);
    match value {
        Value::String(s) => clean(s, true),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) => items.iter().map(describe).collect::<Vec<_>>().join(", "),
        Value::Object(_) => {
            let memory = if value.get("recalled") == Some(&Value::Bool(true)) {
                " (told from memory)"
            } else {
                ""
            };
            let extra_s = value.get("extra_s").and_then(Value::as_f64);
            if let (Some(urge), Some(extra_s)) = (secs("urge_s"), extra_s) {
                let stayed = crate::runner::stayed_words(extra_s);
                format!("the urge to leave came after {urge}; you {stayed}{memory}")
            } else if let (Some(Value::Null), Some(total)) = (value.get("urge_s"), secs("total_s"))
            {
                format!("no urge to leave came; {total} in all{memory}")
            } else if let (Some(cycles), Some(total)) =
                (value.get("cycles").and_then(Value::as_u64), secs("seconds"))
            {
                match cycles {
                    0 => format!("{total} of breathing"),
                    1 => format!("1 breath, {total}"),
                    n => format!("{n} breaths, {total}"),
                }
            } else if let Some(total) = secs("seconds") {
                total
            } else {
                clean(&value.to_string(), false)
            }
        }
        Value::Null => "nothing".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::Library;
    use serde_json::json;

    #[test]
    fn answers_read_as_words() {
        assert_eq!(describe(&json!(["a", "b"])), "a, b");
        assert_eq!(
            describe(&json!({"cycles": 9, "seconds": 90})),
            "9 breaths, 1 min 30 s"
        );
        assert_eq!(
            describe(&json!({"urge_s": 12.34, "extra_s": 5, "total_s": 17.34})),
            "the urge to leave came after 12.3 s; you stayed 5 s more"
        );
        assert_eq!(
            describe(&json!({"cycles": 0, "seconds": 6.9})),
            "6.9 s of breathing"
        );
        assert_eq!(
            describe(&json!({"urge_s": null, "extra_s": null, "total_s": 90, "recalled": true})),
            "no urge to leave came; 1 min 30 s in all (told from memory)"
        );
        assert_eq!(
            describe(&json!({"urge_s": 10, "extra_s": 0, "total_s": 10, "recalled": true})),
            "the urge to leave came after 10 s; you did not stay longer (told from memory)"
        );
        assert_eq!(describe(&json!("a\u{1b}[2Jb")), "a[2Jb");
        assert_eq!(describe(&json!("one\ntwo")), "one\ntwo");
    }

    #[test]
    fn every_scale_answer_reads_as_a_place_on_the_scale_with_its_words() {
        let reset = Library::builtin().get("breath-reset").expect("built in");
        let entry: Entry = serde_json::from_value(json!({
            "v": 1, "id": "X", "practice": "breath-reset", "title": "T",
            "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:02:00+01:00",
            "completed": true, "via": "tui",
            "responses": {"before": 4, "breath": {"cycles": 9, "seconds": 90}, "after": 5},
        }))
        .expect("an entry");
        let given: Vec<String> = lines(&reset, &entry).into_iter().map(|(_, g)| g).collect();
        assert_eq!(
            given,
            ["4 of 5", "9 breaths, 1 min 30 s", "5 of 5, very settled"]
        );
    }
}
