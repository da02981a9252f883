//! What an entry's answers mean for the slow trends, read in one place: the check-in's
//! level (how strong the feeling is, 1 barely there … 5 filling everything, never how good it
//! feels), the feeling word it named and its mood (how the moment felt overall, 1 very
//! unpleasant … 5 very pleasant, a scale of its own that is never merged with the level),
//! the colour (trimmed and lowercased, from any practice), how a stay-present hold went
//! (the urge to leave after some seconds, or no urge at all, the best outcome), and a
//! breath reset's settledness before and after. `stats`, `series` and `summary` all read
//! answers through here, so `steady stats`, Trends, the Calendar and the tables agree.

use std::borrow::Cow;

use serde_json::Value;

use super::entry::Entry;

/// The practices whose answers feed the trends.
pub const CHECK_IN: &str = "feeling-check-in";
pub const STAY_PRESENT: &str = "stay-present";
pub const BREATH_RESET: &str = "breath-reset";

/// The ends of the mood scale: 1 very unpleasant … 5 very pleasant.
pub const MOOD_MIN: i64 = 1;
pub const MOOD_MAX: i64 = 5;

/// How a hold ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Urge {
    /// The urge to leave came after this many seconds.
    After(f64),
    /// The moment ended and no urge to leave came: the best a hold can go.
    NoneCame,
}

impl Urge {
    /// The seconds until the urge, when one came.
    pub fn seconds(self) -> Option<f64> {
        match self {
            Urge::After(s) => Some(s),
            Urge::NoneCame => None,
        }
    }

    /// A total order (no urge after every time), so series can keep holds sorted.
    pub fn order(self, other: Self) -> std::cmp::Ordering {
        match (self, other) {
            (Urge::After(a), Urge::After(b)) => a.total_cmp(&b),
            (Urge::After(_), Urge::NoneCame) => std::cmp::Ordering::Less,
            (Urge::NoneCame, Urge::After(_)) => std::cmp::Ordering::Greater,
            (Urge::NoneCame, Urge::NoneCame) => std::cmp::Ordering::Equal,
        }
    }
}

/// A breath reset's settledness before and after (its two scale answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breath {
    pub before: i64,
    pub after: i64,
}

/// Everything an entry says for the trends; each is None when the entry does not say it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals<'a> {
    /// A feeling check-in's level: how strong the feeling is (1 barely there … 5 filling
    /// everything).
    pub level: Option<i64>,
    /// The feeling a check-in named, trimmed and lowercased.
    pub feeling: Option<Cow<'a, str>>,
    /// A check-in's mood: how the moment felt overall (1 very unpleasant … 5 very pleasant).
    pub mood: Option<i64>,
    /// A colour answer of any practice, trimmed and lowercased ("Blue " is "blue").
    pub colour: Option<Cow<'a, str>>,
    /// A stay-present hold.
    pub urge: Option<Urge>,
    /// A breath reset with both its answers.
    pub breath: Option<Breath>,
}

/// Reads what `entry` says.
pub fn signals(entry: &Entry) -> Signals<'_> {
    let practice = entry.practice.as_str();
    let check_in = practice == CHECK_IN;
    Signals {
        level: check_in.then(|| entry.int("level")).flatten(),
        feeling: check_in
            .then(|| entry.str("feeling").and_then(colour))
            .flatten(),
        mood: check_in
            .then(|| entry.int("mood"))
            .flatten()
            .filter(|m| (MOOD_MIN..=MOOD_MAX).contains(m)),
        colour: entry.str("colour").and_then(colour),
        urge: (practice == STAY_PRESENT)
            .then(|| entry.responses.get("stay").and_then(urge))
            .flatten(),
        breath: match (practice, entry.int("before"), entry.int("after")) {
            (BREATH_RESET, Some(before), Some(after)) => Some(Breath { before, after }),
            _ => None,
        },
    }
}

/// A colour or feeling word as counted: trimmed and lowercased; None when blank.
pub fn colour(word: &str) -> Option<Cow<'_, str>> {
    let word = word.trim();
    if word.is_empty() {
        None
    } else if word.chars().any(char::is_uppercase) {
        Some(Cow::Owned(word.to_lowercase()))
    } else {
        Some(Cow::Borrowed(word))
    }
}

/// How a hold's answer (`{"urge_s":S,…}`) ended: `urge_s` a number is the urge after S
/// seconds; `urge_s` null with a `total_s` is a moment that ended with no urge.
pub fn urge(hold: &Value) -> Option<Urge> {
    match hold.get("urge_s")? {
        Value::Number(n) => n.as_f64().map(Urge::After),
        Value::Null if hold.get("total_s").is_some_and(Value::is_number) => Some(Urge::NoneCame),
        _ => None,
    }
}

/// An entry of `practice` at 01:30 on 22 November 2026 (the day before, by the default
/// day rule) with these answers, for the tests of the modules that read answers.
#[cfg(test)]
pub(crate) fn test_entry(practice: &str, completed: bool, responses: Value) -> Entry {
    let mut entry = serde_json::json!({
        "v": 1, "id": "01", "practice": practice, "title": "T",
        "started_at": "2026-11-22T01:30:00+01:00", "ended_at": "2026-11-22T01:31:00+01:00",
        "completed": completed, "via": "cli",
    });
    entry["responses"] = responses;
    serde_json::from_value(entry).unwrap_or_else(|e| panic!("a test entry: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(practice: &str, responses: Value) -> Entry {
        test_entry(practice, true, responses)
    }

    #[test]
    fn a_check_in_gives_its_level_and_a_lowercased_colour() {
        let e = entry(
            CHECK_IN,
            serde_json::json!({"level": 3, "colour": " Blue "}),
        );
        let s = signals(&e);
        assert_eq!((s.level, s.colour.as_deref()), (Some(3), Some("blue")));
        assert_eq!((s.feeling, s.mood), (None, None));
        assert_eq!((s.urge, s.breath), (None, None));
        // A level from another practice is not a check-in level; a colour counts anywhere.
        let other = entry("mine", serde_json::json!({"level": 3, "colour": "red"}));
        assert_eq!(signals(&other).level, None);
        assert_eq!(signals(&other).colour.as_deref(), Some("red"));
        assert_eq!(colour("  "), None);
    }

    #[test]
    fn a_check_in_gives_its_feeling_word_and_its_mood_apart_from_its_level() {
        let e = entry(
            CHECK_IN,
            serde_json::json!({"feeling": " Anxious", "level": 5, "mood": 2}),
        );
        let s = signals(&e);
        assert_eq!(
            (s.feeling.as_deref(), s.level, s.mood),
            (Some("anxious"), Some(5), Some(2))
        );
        let off_scale = entry(CHECK_IN, serde_json::json!({"mood": 7}));
        assert_eq!(signals(&off_scale).mood, None);
        let other = entry("mine", serde_json::json!({"feeling": "sad", "mood": 2}));
        assert_eq!(
            (signals(&other).feeling, signals(&other).mood),
            (None, None)
        );
    }

    #[test]
    fn a_hold_says_when_the_urge_came_or_that_none_came() {
        let came = entry(
            STAY_PRESENT,
            serde_json::json!({"stay": {"urge_s": 4.25, "extra_s": 5, "total_s": 9.25}}),
        );
        assert_eq!(signals(&came).urge, Some(Urge::After(4.25)));
        let none = entry(
            STAY_PRESENT,
            serde_json::json!({"stay": {"urge_s": null, "extra_s": null, "total_s": 30}}),
        );
        assert_eq!(signals(&none).urge, Some(Urge::NoneCame));
        let broken = entry(STAY_PRESENT, serde_json::json!({"stay": {"urge_s": null}}));
        assert_eq!(signals(&broken).urge, None);
        assert!(Urge::After(1e9).order(Urge::NoneCame).is_lt());
    }

    #[test]
    fn a_breath_reset_needs_both_answers() {
        let both = entry(BREATH_RESET, serde_json::json!({"before": 2, "after": 4}));
        assert_eq!(
            signals(&both).breath,
            Some(Breath {
                before: 2,
                after: 4
            })
        );
        let one = entry(BREATH_RESET, serde_json::json!({"before": 2}));
        assert_eq!(signals(&one).breath, None);
    }
}
