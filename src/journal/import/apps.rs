//! What the readers of other apps' files share: entries made from their records, with ids
//! from their content, and local times read in the local time zone.

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone};
use serde_json::{Map, Value};

use super::Kind;
use crate::journal::entry::{Entry, FORMAT_VERSION, Via};
use crate::journal::id;

/// An entry from another app: `via: "import"`, an id made from its content (so the same
/// file imported twice adds nothing the second time), and what steady has no field for
/// under `"source"`.
pub(super) fn entry_from(
    app: Kind,
    practice: &str,
    title: &str,
    at: DateTime<FixedOffset>,
    responses: Map<String, Value>,
    mut source: Map<String, Value>,
) -> Entry {
    source.insert("app".into(), app.flag().into());
    let mut entry = Entry {
        v: FORMAT_VERSION,
        id: String::new(),
        practice: practice.into(),
        title: title.into(),
        started_at: at,
        ended_at: at,
        completed: true,
        via: Via::Import,
        responses,
        tags: Vec::new(),
        extra: Map::from_iter([("source".to_owned(), Value::Object(source))]),
    };
    entry.id = id::from_content(at, entry.to_line().as_bytes());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_content_are_stable_and_valid() {
        let at = DateTime::parse_from_rfc3339("2024-03-05T20:15:00+01:00").unwrap();
        let made = |app| {
            let (practice, title) = ("feeling-check-in", "Feeling check-in");
            entry_from(app, practice, title, at, Map::new(), Map::new())
        };
        let (a, b, c) = (made(Kind::Daylio), made(Kind::Daylio), made(Kind::Jrnl));
        assert_eq!(a.id, b.id);
        assert!(id::is_valid(&a.id));
        assert_ne!(a.id, c.id);
        assert_eq!(a.extra["source"]["app"], "daylio");
    }
}
