//! jrnl's JSON export (`{"tags": …, "entries": [{"title", "body", "date", "time", "tags",
//! "starred"}]}`): each entry becomes an entry of the built-in `note` practice, its title
//! and body the note's title and text, its `@tags` the entry's `tags` (without the `@`),
//! and a star the tag `starred`. jrnl writes local times without an offset; each is read
//! in the local zone at that date. The entries are read one at a time (see `stream`).

use std::io::BufRead;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::apps::{Made, entry_from, local, old_text, tags, text_answer};
use super::sink::Sink;
use super::{Kind, Problem, stream};
use crate::journal::entry::Entry;

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
    if !stream::seek_key(input, "entries")? {
        return Err(Problem::Format(
            "it is not a JSON object with a list of \"entries\"".into(),
        ));
    }
    stream::items(input, true, &mut |item| {
        let place = item.place;
        let Some(bytes) = item.bytes else {
            sink.reject(place, "the entry is longer than 1 MiB".into());
            return Ok(());
        };
        let e: JrnlEntry = match serde_json::from_slice(bytes) {
            Ok(e) => e,
            Err(why) => {
                sink.reject(place, format!("not a jrnl entry ({why})"));
                return Ok(());
            }
        };
        let naive = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
            .ok()
            .zip(NaiveTime::parse_from_str(&e.time, "%H:%M").ok())
            .map(|(d, t)| NaiveDateTime::new(d, t));
        let Some((naive, at)) = naive.and_then(|n| Some((n, local(n)?))) else {
            sink.reject(
                place,
                format!("\"{} {}\" is not a day and a time of day", e.date, e.time),
            );
            return Ok(());
        };
        let tags = e.tags.iter().map(String::as_str);
        sink.offer_entry(place, &entry(&e.title, &e.body, tags, e.starred, naive, at))?;
        Ok(())
    })
}

/// The entry one of jrnl's makes.
fn entry<'a>(
    title: &str,
    body: &str,
    given: impl Iterator<Item = &'a str>,
    starred: bool,
    naive: NaiveDateTime,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Entry {
    let mut responses = Map::new();
    if let Some(title) = text_answer(title) {
        responses.insert("title".into(), title);
    }
    if let Some(body) = text_answer(body) {
        responses.insert("text".into(), body);
    }
    let star = starred.then_some("starred");
    let tags = tags(given.map(|t| t.trim().trim_start_matches('@')).chain(star));
    let made = Made {
        app: Kind::Jrnl,
        practice: "note",
        title: "Note",
        naive,
        at,
    };
    entry_from(&made, responses, tags, Map::new())
}

/// What 0.3 makes of the entry a 0.2 one came from (0.2 kept the tags and the star under
/// `"source"`).
pub(super) fn upgrade(old: &Entry, source: &Map<String, Value>) -> Option<Entry> {
    let starred = source.get("starred")?.as_bool()?;
    let given: Vec<&str> = match source.get("tags") {
        Some(Value::Array(list)) => list.iter().map(Value::as_str).collect::<Option<_>>()?,
        _ => Vec::new(),
    };
    Some(entry(
        old_text(&old.responses, "title"),
        old_text(&old.responses, "text"),
        given.into_iter(),
        starred,
        old.started_at.naive_local(),
        old.started_at,
    ))
}
