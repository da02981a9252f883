//! Pixels' JSON backup (`[{"date", "type", "scores", "notes", "tags"}]`): each `Mood` day
//! becomes a feeling check-in at noon, local time (Pixels keeps days, not times), its level
//! the mean of the day's scores; the notes are the note, and the scores and tags are kept
//! under `"source"`. Days of other types are rejected with their reason.

use std::io::BufRead;

use chrono::{NaiveDate, NaiveTime};
use serde_json::{Map, Value};

use super::apps::{entry_from, local, text_answer};
use super::sink::Sink;
use super::{Kind, Place, Problem};

pub(super) fn read(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let days: Vec<Value> = serde_json::from_reader(input).map_err(|e| {
        if e.is_io() {
            Problem::Io(e.into())
        } else {
            Problem::Format(e.to_string())
        }
    })?;
    for (i, day) in days.into_iter().enumerate() {
        let place = Place::Item(i + 1);
        match entry(&day) {
            Ok(entry) => sink.offer_entry(place, &entry)?,
            Err(why) => sink.reject(place, why),
        }
    }
    Ok(())
}

fn entry(day: &Value) -> Result<crate::journal::entry::Entry, String> {
    let kind = day.get("type").and_then(Value::as_str).unwrap_or("");
    if kind != "Mood" {
        return Err(format!(
            "a Pixels \"{kind}\" day; steady brings in Mood days"
        ));
    }
    let date = day.get("date").and_then(Value::as_str).unwrap_or("");
    let at = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .ok()
        .and_then(|d| local(d.and_time(NaiveTime::from_hms_opt(12, 0, 0)?)))
        .ok_or_else(|| format!("the date \"{date}\" is not a day"))?;
    let scores: Vec<f64> = day
        .get("scores")
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    if scores.is_empty() {
        return Err(format!("the Mood day {date} has no scores"));
    }
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let mut responses = Map::new();
    responses.insert("level".into(), (mean.round() as i64).into());
    if let Some(note) = day
        .get("notes")
        .and_then(Value::as_str)
        .and_then(text_answer)
    {
        responses.insert("note".into(), note);
    }
    let mut source = Map::new();
    source.insert("scores".into(), day["scores"].clone());
    if let Some(tags) = day
        .get("tags")
        .filter(|t| t.as_array().is_some_and(|a| !a.is_empty()))
    {
        source.insert("tags".into(), tags.clone());
    }
    Ok(entry_from(
        Kind::Pixels,
        "feeling-check-in",
        "Feeling check-in",
        at,
        responses,
        source,
    ))
}
