//! Pixels' JSON backup (`[{"date", "type", "scores", "notes", "tags"}]`): each `Mood` day
//! becomes a feeling check-in at noon, local time (Pixels keeps days, not times), its
//! `mood` the mean of the day's scores rounded (a day with several scores keeps them under
//! `"source"`); the notes are the note, and the words of the tags (each tag's `entries`)
//! the entry's `tags`. Days of other types are rejected with their reason. The days are
//! read one at a time (see `stream`).

use std::io::BufRead;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::apps::{Made, entry_from, local, old_text, tags, text_answer};
use super::sink::Sink;
use super::{Kind, Problem, stream};
use crate::journal::entry::Entry;

pub(super) fn read(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    stream::items(input, false, &mut |item| {
        let Some(bytes) = item.bytes else {
            sink.reject(item.place, "the day is longer than 1 MiB".into());
            return Ok(());
        };
        let made = serde_json::from_slice::<Value>(bytes)
            .map_err(|e| format!("not JSON ({e})"))
            .and_then(|day| day_entry(&day));
        match made {
            Ok(entry) => sink.offer_entry(item.place, &entry)?,
            Err(why) => sink.reject(item.place, why),
        }
        Ok(())
    })
}

fn day_entry(day: &Value) -> Result<Entry, String> {
    let kind = day.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != "Mood" {
        return Err(format!(
            "a Pixels \"{kind}\" day; steady brings in Mood days"
        ));
    }
    let date = day.get("date").and_then(Value::as_str).unwrap_or("");
    let naive = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| Some(d.and_time(NaiveTime::from_hms_opt(12, 0, 0)?)));
    let (naive, at) = naive
        .and_then(|n| Some((n, local(n)?)))
        .ok_or_else(|| format!("the date \"{date}\" is not a day"))?;
    let scores = day.get("scores").and_then(Value::as_array);
    let notes = day.get("notes").and_then(Value::as_str).unwrap_or("");
    entry(scores, notes, day.get("tags"), naive, at)
        .ok_or_else(|| format!("the Mood day {date} has no scores from 1 to 5"))
}

/// The entry a Mood day makes; `None` when it has no scores from 1 to 5.
fn entry(
    scores: Option<&Vec<Value>>,
    notes: &str,
    given: Option<&Value>,
    naive: NaiveDateTime,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Option<Entry> {
    let scores = scores?;
    let numbers: Vec<f64> = scores.iter().filter_map(Value::as_f64).collect();
    if numbers.is_empty() || numbers.iter().any(|s| !(1.0..=5.0).contains(s)) {
        return None;
    }
    let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
    let mut responses = Map::new();
    responses.insert("mood".into(), (mean.round() as i64).into());
    if let Some(note) = text_answer(notes) {
        responses.insert("note".into(), note);
    }
    // Each tag is a category with its words: `{"type": "Emotions", "entries": [...]}`.
    let words = given
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|tag| tag.get("entries").and_then(Value::as_array))
        .flatten()
        .filter_map(Value::as_str);
    let mut source = Map::new();
    if scores.len() > 1 {
        source.insert("scores".into(), Value::Array(scores.clone()));
    }
    let made = Made {
        app: Kind::Pixels,
        practice: "feeling-check-in",
        title: "Feeling check-in",
        naive,
        at,
    };
    Some(entry_from(&made, responses, tags(words), source))
}

/// What 0.3 makes of the day a 0.2 entry came from (0.2 kept the day's mean as `level`, the
/// scores and tags under `"source"`).
pub(super) fn upgrade(old: &Entry, source: &Map<String, Value>) -> Option<Entry> {
    old.int("level")?;
    entry(
        source.get("scores")?.as_array(),
        old_text(&old.responses, "note"),
        source.get("tags"),
        old.started_at.naive_local(),
        old.started_at,
    )
}
