//! One journal entry: the JSON object on one line of `journal.jsonl` (see the contract).
//! Fields steady does not know are carried in `extra` so that rewrites keep them.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The `practice` of the entries that record a step on a guide's path (started, moved on,
/// left), which are not a practice done.
pub const GUIDE: &str = "guide";

/// The journal format version this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;

/// One finished (or kept, unfinished) practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub v: u64,
    /// A ULID: unique, sortable by time.
    pub id: String,
    /// The practice id.
    pub practice: String,
    /// The practice title at the time of the entry.
    pub title: String,
    #[serde(with = "rfc3339_millis")]
    pub started_at: DateTime<FixedOffset>,
    #[serde(with = "rfc3339_millis")]
    pub ended_at: DateTime<FixedOffset>,
    /// False when the person left early and kept what they had.
    pub completed: bool,
    pub via: Via,
    /// Answers keyed by step key; shapes per the contract.
    pub responses: Map<String, Value>,
    /// Activities and tags from other apps (Daylio activities, jrnl `@tags`, Pixels tags);
    /// left out of the line when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How an entry came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Tui,
    Cli,
    Import,
}

impl Entry {
    /// Whether this entry is a practice done, not a step on a guide's path.
    pub fn is_practice(&self) -> bool {
        self.practice != GUIDE
    }

    /// The entry as one journal line, without the newline.
    pub fn to_line(&self) -> String {
        // Serialising plain maps, strings and numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A response as an integer (scales).
    pub fn int(&self, key: &str) -> Option<i64> {
        self.responses.get(key).and_then(Value::as_i64)
    }

    /// A response as a string (colour, text, single choice).
    pub fn str(&self, key: &str) -> Option<&str> {
        self.responses.get(key).and_then(Value::as_str)
    }

    /// A number inside an object response, e.g. `hold.urge_s` or `breath.seconds`.
    pub fn nested_f64(&self, key: &str, field: &str) -> Option<f64> {
        self.responses.get(key)?.get(field)?.as_f64()
    }
}

/// Seconds as the journal stores them: a number with at most three decimals.
pub fn seconds_value(secs: f64) -> Value {
    let rounded = (secs * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        Value::from(rounded as i64)
    } else {
        serde_json::Number::from_f64(rounded).map_or(Value::Null, Value::Number)
    }
}

/// RFC 3339 with milliseconds and the entry's own UTC offset.
pub mod rfc3339_millis {
    use super::{DateTime, Deserializer, FixedOffset, SecondsFormat, Serializer};

    pub fn format(t: &DateTime<FixedOffset>) -> String {
        t.to_rfc3339_opts(SecondsFormat::Millis, false)
    }

    pub fn serialize<S: Serializer>(t: &DateTime<FixedOffset>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
        // Parsed from the text where the parser has it, not from a copy: every line holds
        // two of these, and a whole-journal read parses them all.
        struct Rfc3339;
        impl serde::de::Visitor<'_> for Rfc3339 {
            type Value = DateTime<FixedOffset>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an RFC 3339 time")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                DateTime::parse_from_rfc3339(text).map_err(E::custom)
            }
        }
        d.deserialize_str(Rfc3339)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"feeling":"tense","level":3,"colour":"blue","note":"..."}}"#;

    #[test]
    fn contract_example_round_trips_byte_for_byte() {
        let entry: Entry = serde_json::from_str(LINE).unwrap();
        assert_eq!(entry.int("level"), Some(3));
        assert_eq!(entry.str("colour"), Some("blue"));
        assert_eq!(entry.to_line(), LINE);
    }

    #[test]
    fn unknown_fields_are_kept() {
        let line = LINE.replace(r#""v":1,"#, r#""v":1,"mood_tag":{"a":[1,2]},"#);
        let entry: Entry = serde_json::from_str(&line).unwrap();
        assert_eq!(entry.extra["mood_tag"]["a"][1], 2);
        assert!(entry.to_line().contains(r#""mood_tag":{"a":[1,2]}"#));
    }

    #[test]
    fn seconds_have_at_most_three_decimals() {
        assert_eq!(seconds_value(90.0).to_string(), "90");
        assert_eq!(seconds_value(12.34567).to_string(), "12.346");
    }
}
