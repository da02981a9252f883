//! Daylio's CSV export (`full_date,date,weekday,time,mood,activities,note_title,note`):
//! each row becomes a feeling check-in. The mood is its level (rad 5, good 4, meh 3, bad 2,
//! awful 1, and the person's own moods through `--mood NAME=LEVEL`) and its feeling word;
//! the note is the check-in's note; the activities and note title are kept under
//! `"source"`. Daylio stores local times without an offset, so each is read in the local
//! time zone as it was at that date (12-hour times like `8:15 pm` too).

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::apps::{entry_from, local, text_answer};
use super::sink::Sink;
use super::{Kind, Place, Problem};

/// Daylio's five standard moods.
const MOODS: [(&str, i64); 5] = [
    ("rad", 5),
    ("good", 4),
    ("meh", 3),
    ("bad", 2),
    ("awful", 1),
];

pub(super) fn read(
    input: &mut dyn BufRead,
    sink: &mut Sink,
    custom: &HashMap<String, i64>,
) -> Result<(), Problem> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let header = reader.headers().map_err(csv_problem)?.clone();
    let col = |name: &str| header.iter().position(|h| h.trim() == name);
    let (Some(date), Some(time), Some(mood)) = (col("full_date"), col("time"), col("mood")) else {
        return Err(Problem::Format(
            "the first line does not name the full_date, time and mood columns".into(),
        ));
    };
    let (activities, title, note) = (col("activities"), col("note_title"), col("note"));
    let mut unknown: BTreeMap<String, usize> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_problem)?;
        let place = Place::Line(record.position().map_or(0, |p| p.line() as usize));
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let mood_name = field(Some(mood)).to_lowercase();
        let level = MOODS
            .iter()
            .find(|(m, _)| *m == mood_name)
            .map(|&(_, l)| l)
            .or_else(|| custom.get(&mood_name).copied());
        let Some(level) = level else {
            *unknown.entry(mood_name).or_default() += 1;
            continue;
        };
        let Some(at) = when(field(Some(date)), field(Some(time))) else {
            sink.reject(
                place,
                format!(
                    "the date and time \"{} {}\" are not a day and a time of day",
                    field(Some(date)),
                    field(Some(time))
                ),
            );
            continue;
        };
        let mut responses = Map::new();
        responses.insert("feeling".into(), Value::String(mood_name.clone()));
        responses.insert("level".into(), level.into());
        if let Some(n) = text_answer(field(note)) {
            responses.insert("note".into(), n);
        }
        let mut source = Map::new();
        source.insert("mood".into(), field(Some(mood)).into());
        let done: Vec<Value> = field(activities)
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(Value::from)
            .collect();
        if !done.is_empty() {
            source.insert("activities".into(), Value::Array(done));
        }
        if let Some(t) = text_answer(field(title)) {
            source.insert("note_title".into(), t);
        }
        let entry = entry_from(
            Kind::Daylio,
            "feeling-check-in",
            "Feeling check-in",
            at,
            responses,
            source,
        );
        sink.offer_entry(place, &entry)?;
    }
    if !unknown.is_empty() {
        return Err(Problem::Moods(unknown.into_iter().collect()));
    }
    Ok(())
}

/// A Daylio date (`2024-03-05`) and time (`20:15`, `8:15 PM`, `8:15 pm`) in the local zone.
fn when(date: &str, time: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = time.trim().to_uppercase();
    let clock = ["%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&time, f).ok())?;
    local(NaiveDateTime::new(day, clock))
}

fn csv_problem(e: csv::Error) -> Problem {
    let words = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Problem::Io(e),
        _ => Problem::Format(words),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_12_and_24_hours() {
        let t = |d, t| when(d, t).map(|at| at.format("%H:%M").to_string());
        assert_eq!(t("2024-03-05", "20:15").as_deref(), Some("20:15"));
        assert_eq!(t("2024-03-05", "8:15 PM").as_deref(), Some("20:15"));
        assert_eq!(t("2024-03-05", "12:05 am").as_deref(), Some("00:05"));
        assert_eq!(t("2024-03-05", "noon"), None);
    }
}
