//! What the readers of other apps' files share: entries made from their records, with ids
//! from what the file says (never from the time zone it is read in), local times read in
//! the local time zone, and the upgrade of entries steady 0.2 imported.
//!
//! 0.2 made an entry's id from its line, whose times carry the UTC offset of the zone the
//! file was read in, so one file read under two zones gave two copies; and it stored a
//! mood tracker's mood as the check-in's `level` (its strength). An entry 0.2 imported is
//! recognised by its id: it is 0.2's content id of its own line, which no other entry's
//! is (and which an edit since would break). From it the record the file held is read
//! back (the wall-clock time as written, the mood, the note, the tags), and the entry 0.3
//! makes from that record follows: the same id a re-import of the file gives, under any
//! time zone.

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use memchr::memmem;
use serde_json::{Map, Value};

use super::{Kind, daylio, jrnl, pixels};
use crate::journal::entry::{Entry, FORMAT_VERSION, Via};
use crate::journal::id;

/// What every app's record gives an entry besides its answers.
pub(super) struct Made {
    pub app: Kind,
    pub practice: &'static str,
    pub title: &'static str,
    /// The wall-clock time the file says (the apps store no offset).
    pub naive: NaiveDateTime,
    /// That time as an instant: read in the local zone, or as a 0.2 entry had it.
    pub at: DateTime<FixedOffset>,
}

/// An entry from another app: `via: "import"`, an id made from the file's record (its app,
/// wall-clock time and answers; so the same file imported twice adds nothing the second
/// time, under any `TZ`), and only the app's name under `"source"`.
pub(super) fn entry_from(
    made: &Made,
    responses: Map<String, Value>,
    tags: Vec<String>,
    mut source: Map<String, Value>,
) -> Entry {
    source.insert("app".into(), made.app.flag().into());
    // The id is made from the entry as it would be with the file's wall-clock time
    // written as UTC: nothing in it depends on where it is read.
    let fixed = made.naive.and_utc().fixed_offset();
    let mut entry = Entry {
        v: FORMAT_VERSION,
        id: String::new(),
        practice: made.practice.into(),
        title: made.title.into(),
        started_at: fixed,
        ended_at: fixed,
        completed: true,
        via: Via::Import,
        responses,
        tags,
        extra: Map::from_iter([("source".to_owned(), Value::Object(source))]),
    };
    entry.id = id::from_content(fixed, entry.to_line().as_bytes());
    entry.started_at = made.at;
    entry.ended_at = made.at;
    entry
}

/// A wall-clock time read in the local time zone at that date (the apps store no offset).
/// A time that falls in a DST gap is taken an hour later, as clocks showed it.
pub(super) fn local(naive: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    let at = Local.from_local_datetime(&naive).earliest().or_else(|| {
        Local
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
    })?;
    Some(at.fixed_offset())
}

/// A text answer as an import keeps it: `None` when blank.
pub(super) fn text_answer(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty()).then(|| Value::String(s.to_owned()))
}

/// Tags as steady keeps them: trimmed, blank ones left out, each once, in the file's order.
pub(super) fn tags<'a>(given: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in given.into_iter().map(str::trim) {
        if !tag.is_empty() && !out.iter().any(|t| t == tag) {
            out.push(tag.to_owned());
        }
    }
    out
}

/// What 0.2 imported from one of the apps, as 0.3 imports the same record: `None` for any
/// other line (an entry of the person's, one 0.3 imported, one edited since, a line that
/// is not an entry). A quick look at the bytes comes first: most lines are not imports,
/// and 0.2's imports hold a `"level"` (Daylio, Pixels) or a `"starred"` (jrnl), which
/// today's never do.
pub fn upgrade(line: &[u8]) -> Option<Entry> {
    let has = |what: &[u8]| memmem::find(line, what).is_some();
    let older = has(b"\"level\"") || has(b"\"starred\"");
    if !(older && has(b"\"source\"") && has(b"\"import\"")) {
        return None;
    }
    let text = std::str::from_utf8(line).ok()?;
    let body = text
        .strip_prefix(crate::journal::splice::BOM)
        .unwrap_or(text);
    let old: Entry = serde_json::from_str(body).ok()?;
    if old.via != Via::Import || !old.tags.is_empty() || old.extra.len() != 1 {
        return None;
    }
    let mut unnamed = old.clone();
    unnamed.id = String::new();
    if id::from_content(old.started_at, unnamed.to_line().as_bytes()) != old.id {
        return None;
    }
    let source = old.extra.get("source")?.as_object()?;
    let entry = match source.get("app")?.as_str()? {
        "daylio" => daylio::upgrade(&old, source),
        "jrnl" => jrnl::upgrade(&old, source),
        "pixels" => pixels::upgrade(&old, source),
        _ => None,
    }?;
    (entry.id != old.id).then_some(entry)
}

/// A text field of an old entry's answers or source, `""` when it has none.
pub(super) fn old_text<'a>(map: &'a Map<String, Value>, key: &str) -> &'a str {
    map.get(key).and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(app: Kind, at: &str) -> Entry {
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        let made = Made {
            app,
            practice: "feeling-check-in",
            title: "Feeling check-in",
            naive: at.naive_local(),
            at,
        };
        entry_from(&made, Map::new(), Vec::new(), Map::new())
    }

    #[test]
    fn ids_come_from_the_wall_clock_time_not_the_zone() {
        let a = made(Kind::Daylio, "2024-03-05T20:15:00+01:00");
        let b = made(Kind::Daylio, "2024-03-05T20:15:00-05:00");
        let c = made(Kind::Jrnl, "2024-03-05T20:15:00+01:00");
        assert_eq!(a.id, b.id);
        assert!(id::is_valid(&a.id));
        assert_ne!(a.id, c.id);
        assert_eq!(a.extra["source"], serde_json::json!({"app": "daylio"}));
        assert_eq!(a.started_at.to_rfc3339(), "2024-03-05T20:15:00+01:00");
    }

    #[test]
    fn tags_are_trimmed_and_kept_once() {
        assert_eq!(tags([" swim", "", "friends ", "swim"]), ["swim", "friends"]);
    }

    #[test]
    fn only_untouched_entries_of_0_2_are_upgraded() {
        // What 0.2 wrote for a Daylio row, under +01:00.
        let mut old = made(Kind::Daylio, "2024-03-05T20:15:00+01:00");
        old.responses = serde_json::json!({"feeling": "rad", "level": 5, "note": "Laughed."})
            .as_object()
            .unwrap()
            .clone();
        old.extra["source"] = serde_json::json!({"mood": "rad", "activities": ["friends"],
            "note_title": "Dinner", "app": "daylio"});
        old.id = String::new();
        old.id = id::from_content(old.started_at, old.to_line().as_bytes());
        let new = upgrade(old.to_line().as_bytes()).unwrap();
        assert_eq!(new.responses["mood"], 5);
        assert!(new.responses.get("level").is_none());
        assert_eq!(new.responses["note"], "Dinner\nLaughed.");
        assert_eq!(new.tags, ["friends"]);
        assert_eq!(new.started_at, old.started_at);
        // Edited since: the person's now, left alone.
        let mut edited = old.clone();
        edited.responses["note"] = "Laughed a lot.".into();
        assert!(upgrade(edited.to_line().as_bytes()).is_none());
        // Already 0.3's: nothing to do.
        assert!(upgrade(new.to_line().as_bytes()).is_none());
    }
}
