//! jrnl's JSON export (`{"tags": …, "entries": [{"title", "body", "date", "time", "tags",
//! "starred"}]}`): each entry becomes an entry of the built-in `note` practice, its title
//! and body the note's title and text, its tags and star kept under `"source"`. jrnl
//! writes local times without an offset; each is read in the local zone at that date.

use std::io::BufRead;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::apps::{entry_from, local, text_answer};
use super::sink::Sink;
use super::{Kind, Place, Problem};

#[derive(Deserialize)]
struct Export {
    entries: Vec<Value>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

pub(super) fn read(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let export: Export = serde_json::from_reader(input).map_err(|e| {
        if e.is_io() {
            Problem::Io(e.into())
        } else {
            Problem::Format(e.to_string())
        }
    })?;
    for (i, item) in export.entries.into_iter().enumerate() {
        let place = Place::Item(i + 1);
        let e: JrnlEntry = match serde_json::from_value(item) {
            Ok(e) => e,
            Err(why) => {
                sink.reject(place, format!("not a jrnl entry ({why})"));
                continue;
            }
        };
        let at = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
            .ok()
            .zip(NaiveTime::parse_from_str(&e.time, "%H:%M").ok())
            .and_then(|(d, t)| local(NaiveDateTime::new(d, t)));
        let Some(at) = at else {
            sink.reject(
                place,
                format!("\"{} {}\" is not a day and a time of day", e.date, e.time),
            );
            continue;
        };
        let mut responses = Map::new();
        if let Some(title) = text_answer(&e.title) {
            responses.insert("title".into(), title);
        }
        if let Some(body) = text_answer(&e.body) {
            responses.insert("text".into(), body);
        }
        let mut source = Map::new();
        if !e.tags.is_empty() {
            source.insert("tags".into(), e.tags.into());
        }
        source.insert("starred".into(), e.starred.into());
        let entry = entry_from(Kind::Jrnl, "note", "Note", at, responses, source);
        sink.offer_entry(place, &entry)?;
    }
    Ok(())
}
