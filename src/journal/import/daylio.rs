//! Daylio's CSV export (`full_date,date,weekday,time,mood,activities,note_title,note`):
//! each row becomes a feeling check-in. The mood is the check-in's `mood` (how the day
//! felt: rad 5, good 4, meh 3, bad 2, awful 1, and the person's own moods through
//! `--mood NAME=N`), its name the feeling word; the note title joins the note as its first
//! line; the activities are the entry's `tags`. Daylio stores local times without an
//! offset, so each is read in the local time zone as it was at that date (12-hour times
//! like `8:15 pm` too). Rows are read one at a time.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{Map, Value};

use super::apps::{Made, entry_from, local, old_text, tags, text_answer};
use super::sink::Sink;
use super::{Kind, Place, Problem};
use crate::journal::entry::Entry;

/// Daylio's five standard moods.
const MOODS: [(&str, i64); 5] = [
    ("rad", 5),
    ("good", 4),
    ("meh", 3),
    ("bad", 2),
    ("awful", 1),
];

/// What one row says, as steady keeps it.
struct Row<'a> {
    /// The mood's name, lower case.
    mood_name: &'a str,
    mood: i64,
    title: &'a str,
    note: &'a str,
    activities: Vec<&'a str>,
}

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
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_problem)? {
        let line = record.position().map_or(0, |p| p.line() as usize);
        let place = Place::Line(line);
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        if record.iter().any(holds_a_row) {
            sink.reject(
                place,
                "a quote opened on this line is never closed, so the rows after it were read as part of it; close the quote and import again".into(),
            );
            continue;
        }
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
        let Some((naive, at)) = when(field(Some(date)), field(Some(time))) else {
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
        let row = Row {
            mood_name: &mood_name,
            mood: level,
            title: field(title),
            note: field(note),
            activities: field(activities).split('|').collect(),
        };
        sink.offer_entry(place, &entry(&row, &made(naive, at)))?;
    }
    if !unknown.is_empty() {
        return Err(Problem::Moods(unknown.into_iter().collect()));
    }
    Ok(())
}

fn made(naive: NaiveDateTime, at: chrono::DateTime<chrono::FixedOffset>) -> Made {
    Made {
        app: Kind::Daylio,
        practice: "feeling-check-in",
        title: "Feeling check-in",
        naive,
        at,
    }
}

/// The entry a row makes.
fn entry(row: &Row, made: &Made) -> Entry {
    let mut responses = Map::new();
    responses.insert("feeling".into(), Value::String(row.mood_name.to_owned()));
    responses.insert("mood".into(), row.mood.into());
    let note = [row.title.trim(), row.note.trim()]
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(n) = text_answer(&note) {
        responses.insert("note".into(), n);
    }
    entry_from(
        made,
        responses,
        tags(row.activities.iter().copied()),
        Map::new(),
    )
}

/// What 0.3 makes of the row a 0.2 entry came from (0.2 kept the mood's level as `level`,
/// the activities and title under `"source"`).
pub(super) fn upgrade(old: &Entry, source: &Map<String, Value>) -> Option<Entry> {
    source.get("mood")?;
    let activities = match source.get("activities") {
        Some(Value::Array(list)) => list.iter().map(Value::as_str).collect::<Option<_>>()?,
        _ => Vec::new(),
    };
    let row = Row {
        mood_name: old_text(&old.responses, "feeling"),
        mood: old.int("level")?,
        title: old_text(source, "note_title"),
        note: old_text(&old.responses, "note"),
        activities,
    };
    Some(entry(
        &row,
        &made(old.started_at.naive_local(), old.started_at),
    ))
}

/// Whether a field holds a line that starts like a Daylio row (`2024-03-05,`): what a
/// quote left open does, reading the rows after it into one field.
fn holds_a_row(field: &str) -> bool {
    field.split('\n').skip(1).any(|line| {
        let b = line.trim_start().as_bytes();
        b.len() > 11
            && b[..10].iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
            && b[10] == b','
    })
}

/// A Daylio date (`2024-03-05`) and time (`20:15`, `8:15 PM`, `8:15 pm`): as written, and
/// in the local zone.
fn when(date: &str, time: &str) -> Option<(NaiveDateTime, chrono::DateTime<chrono::FixedOffset>)> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let time = time.trim().to_uppercase();
    let clock = ["%H:%M", "%I:%M %p", "%I:%M%p", "%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&time, f).ok())?;
    let naive = NaiveDateTime::new(day, clock);
    Some((naive, local(naive)?))
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
        let t = |d, t| when(d, t).map(|(_, at)| at.format("%H:%M").to_string());
        assert_eq!(t("2024-03-05", "20:15").as_deref(), Some("20:15"));
        assert_eq!(t("2024-03-05", "8:15 PM").as_deref(), Some("20:15"));
        assert_eq!(t("2024-03-05", "12:05 am").as_deref(), Some("00:05"));
        assert_eq!(t("2024-03-05", "noon"), None);
    }

    #[test]
    fn a_field_holding_a_row_is_an_open_quote() {
        assert!(holds_a_row("note\n2024-03-05,March 5,Tuesday,8:15 PM,rad"));
        assert!(!holds_a_row("2024-03-05, a date in a note"));
        assert!(!holds_a_row("first line\nsecond line, 2024"));
    }
}
