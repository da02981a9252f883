//! An entry in a few words, for tables (`steady log`, review's History): its main answers
//! ("tense · strength 3 of 5 · blue", "before 2 · breath 1 min 30 s · after 3", "urge at
//! 6.5 s", "no urge came"), its tags and its note, kept apart so a table can give the note
//! the room that is left.
//!
//! The check-in's two scales are always named with their scale, never merged: `level` is
//! how strong the feeling is ("strength 3 of 5"), `mood` how the moment felt overall ("mood
//! 4 of 5, pleasant"). Exports and review read the same words here.

use serde_json::Value;

use super::entry::Entry;
use super::signals::{self, CHECK_IN, Urge};
use crate::text;
use crate::text::seconds_words;

/// Text answers longer than this count as a note, not a short answer.
const SHORT_ANSWER: usize = 24;

/// The top of both check-in scales.
pub const SCALE_MAX: i64 = 5;

/// The words of each point of the `mood` scale, from 1.
const MOOD_WORDS: [&str; 5] = [
    "very unpleasant",
    "unpleasant",
    "neutral",
    "pleasant",
    "very pleasant",
];

/// A check-in's `level` with its scale: "strength 3 of 5" (how strong the feeling is).
pub fn strength_words(level: i64) -> String {
    format!("strength {level} of {SCALE_MAX}")
}

/// A `mood` answer on its scale, with its word: "4 of 5, pleasant"; None when it is not a
/// point of the scale.
pub fn mood_scale(mood: &Value) -> Option<String> {
    let n = mood.as_i64().filter(|n| (1..=SCALE_MAX).contains(n))?;
    let word = MOOD_WORDS[usize::try_from(n - 1).ok()?];
    Some(format!("{n} of {SCALE_MAX}, {word}"))
}

/// A `mood` answer named, on its scale: "mood 4 of 5, pleasant".
pub fn mood_words(mood: &Value) -> Option<String> {
    mood_scale(mood).map(|s| format!("mood {s}"))
}

/// An entry's answers in a few words, its tags and its note, all cleaned of control
/// characters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub answers: String,
    /// The tags, joined with ", ".
    pub tags: String,
    pub note: String,
}

/// The main answers in a few words, and the note: the `note` answer, else the longest
/// text answer that is too long to count as a short one. `skip` names answers the caller
/// shows in columns of their own.
pub fn summarise(entry: &Entry, skip: &[&str]) -> Summary {
    let note_key = match entry.responses.get("note") {
        Some(Value::String(_)) => Some("note"),
        _ => entry
            .responses
            .iter()
            .filter_map(|(k, v)| Some((k, v.as_str()?.chars().count())))
            .filter(|&(_, n)| n > SHORT_ANSWER)
            .max_by_key(|&(_, n)| n)
            .map(|(k, _)| k.as_str()),
    };
    let mut parts: Vec<String> = entry
        .responses
        .iter()
        .filter(|(k, _)| Some(k.as_str()) != note_key && !skip.contains(&k.as_str()))
        .filter_map(|(k, v)| answer(&entry.practice, k, v))
        .collect();
    if !entry.completed {
        parts.push("(left early)".into());
    }
    let note = note_key.and_then(|k| entry.str(k)).unwrap_or_default();
    Summary {
        answers: text::clean(&parts.join(" · "), false),
        tags: text::clean(&entry.tags.join(", "), false),
        note: text::clean(note.trim(), false),
    }
}

/// `s` cut to at most `max` columns at the end of a word, with `…` when something was
/// cut; only when not even its first word fits is that word cut inside.
pub fn cut_at_word(s: &str, max: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= max {
        return s.to_owned();
    }
    let mut kept = String::new();
    for word in s.split(' ') {
        let next = if kept.is_empty() {
            word.to_owned()
        } else {
            format!("{kept} {word}")
        };
        // One column stays free for the ellipsis.
        if next.width() + 1 > max {
            break;
        }
        kept = next;
    }
    let kept = kept.trim_end_matches([' ', '·', '—', ',', ';']);
    if kept.is_empty() {
        return text::cut(s, max);
    }
    format!("{kept}…")
}

/// One answer in a few words, or None when it is long text (shown as the note, if at all).
fn answer(practice: &str, key: &str, value: &Value) -> Option<String> {
    let secs = |v: &Value| v.as_f64().map(seconds_words);
    if key == "mood"
        && let Some(mood) = mood_words(value)
    {
        return Some(mood);
    }
    match value {
        Value::Number(n) if key == "level" && practice == CHECK_IN && n.is_i64() => {
            n.as_i64().map(strength_words)
        }
        Value::Number(n) => Some(format!("{key} {n}")),
        Value::String(s) if s.chars().count() <= SHORT_ANSWER => Some(s.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        )
        .filter(|s| !s.is_empty()),
        Value::Object(map) => match (signals::urge(value), map.get("seconds")) {
            (Some(Urge::After(s)), _) => Some(format!("urge at {}", seconds_words(s))),
            (Some(Urge::NoneCame), _) => Some("no urge came".to_owned()),
            (None, Some(seconds)) => secs(seconds).map(|s| format!("{key} {s}")),
            _ => None,
        },
        Value::Bool(true) => Some(key.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::journal::signals::test_entry as entry;

    fn summary(answers: &str, note: &str) -> Summary {
        Summary {
            answers: answers.into(),
            tags: String::new(),
            note: note.into(),
        }
    }

    #[test]
    fn cut_text_ends_at_a_word() {
        assert_eq!(
            cut_at_word("before 5 · breath 90 s · after 3", 20),
            "before 5 · breath…"
        );
        assert_eq!(cut_at_word("short", 20), "short");
        assert_eq!(cut_at_word("Unbreakablewordhere", 8), "Unbreak…");
        assert_eq!(cut_at_word("a b", 0), "");
    }

    #[test]
    fn answers_are_short_and_the_note_is_apart() {
        let e = entry(
            "feeling-check-in",
            true,
            serde_json::json!({"feeling": "tense", "level": 3, "colour": "blue", "note": "Chest\ntight \u{1b}[2Jbefore the call"}),
        );
        assert_eq!(
            summarise(&e, &[]),
            summary(
                "tense · strength 3 of 5 · blue",
                "Chest tight [2Jbefore the call"
            )
        );
        assert_eq!(
            summarise(&e, &["level", "colour", "feeling"]),
            summary("", "Chest tight [2Jbefore the call")
        );
        let e = entry(
            "stay-present",
            false,
            serde_json::json!({"stay": {"urge_s": 4.2, "extra_s": 5, "total_s": 9.2}, "what": "the goodbye hug at the door, longer"}),
        );
        assert_eq!(
            summarise(&e, &[]),
            summary(
                "urge at 4.2 s · (left early)",
                "the goodbye hug at the door, longer"
            )
        );
        let e = entry(
            "breath-reset",
            true,
            serde_json::json!({"before": 2, "breath": {"cycles": 9, "seconds": 90}, "after": 4}),
        );
        assert_eq!(
            summarise(&e, &[]),
            summary("before 2 · breath 1 min 30 s · after 4", "")
        );
        let e = entry(
            "stay-present",
            true,
            serde_json::json!({"stay": {"urge_s": null, "extra_s": null, "total_s": 30}}),
        );
        assert_eq!(summarise(&e, &[]), summary("no urge came", ""));
    }

    #[test]
    fn mood_and_strength_are_named_apart_with_their_scales() {
        let mut e = entry(
            "feeling-check-in",
            true,
            serde_json::json!({"level": 2, "mood": 4, "colour": "blue"}),
        );
        e.tags = vec!["Work".into(), "going\nout".into()];
        assert_eq!(
            summarise(&e, &[]),
            Summary {
                answers: "strength 2 of 5 · mood 4 of 5, pleasant · blue".into(),
                tags: "Work, going out".into(),
                note: String::new(),
            }
        );
        let words = |n| mood_words(&serde_json::json!(n));
        assert_eq!(words(1).as_deref(), Some("mood 1 of 5, very unpleasant"));
        assert_eq!(words(3).as_deref(), Some("mood 3 of 5, neutral"));
        assert_eq!(words(5).as_deref(), Some("mood 5 of 5, very pleasant"));
        assert_eq!(words(0), None);
        assert_eq!(mood_words(&serde_json::json!(2.5)), None);
        // Another practice's `level` is its own scale; a mood off the scale says its number.
        let other = entry("mine", true, serde_json::json!({"level": 7, "mood": 9}));
        assert_eq!(summarise(&other, &[]).answers, "level 7 · mood 9");
    }
}
