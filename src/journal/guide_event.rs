//! Guide events as journal entries: the one line format for where a person is in a guide.
//! Starting a guide, moving on to a step and leaving it are each one entry of the practice
//! `guide` (`entry::GUIDE`), so progress travels with the journal (sync, import, export) and
//! needs no second file. It lives in the journal, beside the entry it is made of, so that
//! the journal's own readers (the day series marks guide steps) need nothing from the
//! guides; `guide::progress` reads these events into a guide under way.
//!
//! An entry looks like any other, with `responses` `{"guide": ID, "step": N, "event": E}`:
//! `N` counts from 1, and `E` is `started` (step 1, or the step a person carries on at
//! after leaving the guide there), `moved-on` (the step begun),
//! `finished` (moving on from the last step) or `left` (the step the person was on).

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::entry::{Entry, FORMAT_VERSION, GUIDE, Via};

/// What happened in a guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Started,
    /// A new step was begun (the person chose to move on).
    MovedOn,
    /// Moving on from the last step: the guide is done.
    Finished,
    Left,
}

impl Event {
    /// The word stored in the journal.
    pub fn word(self) -> &'static str {
        match self {
            Event::Started => "started",
            Event::MovedOn => "moved-on",
            Event::Finished => "finished",
            Event::Left => "left",
        }
    }

    fn from_word(word: &str) -> Option<Event> {
        [Event::Started, Event::MovedOn, Event::Finished, Event::Left]
            .into_iter()
            .find(|e| e.word() == word)
    }
}

/// One guide event read from the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideEvent {
    pub at: DateTime<FixedOffset>,
    pub guide: String,
    /// The step, counting from 1.
    pub step: usize,
    pub event: Event,
}

/// The guide event an entry records, if it is one.
pub fn event_of(entry: &Entry) -> Option<GuideEvent> {
    if entry.practice != GUIDE {
        return None;
    }
    Some(GuideEvent {
        at: entry.started_at,
        guide: entry.str("guide")?.to_owned(),
        step: usize::try_from(entry.int("step")?)
            .ok()
            .filter(|&n| n >= 1)?,
        event: Event::from_word(entry.str("event")?)?,
    })
}

/// Every guide event among `entries`, in time order (for review's time axis: `at` is where
/// a mark goes, `event` and `step` what it says).
pub fn events<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<GuideEvent> {
    let mut found: Vec<GuideEvent> = entries.into_iter().filter_map(event_of).collect();
    found.sort_by_key(|e| e.at);
    found
}

/// The journal entry recording `event` at `step` of the guide with id `guide` and `title`,
/// at `at`.
pub fn entry(
    guide: &str,
    title: &str,
    step: usize,
    event: Event,
    at: DateTime<FixedOffset>,
) -> Entry {
    let mut responses = Map::new();
    responses.insert("guide".into(), Value::from(guide));
    responses.insert("step".into(), Value::from(step));
    responses.insert("event".into(), Value::from(event.word()));
    Entry {
        v: FORMAT_VERSION,
        id: super::id::new_id(at),
        practice: GUIDE.to_owned(),
        title: title.to_owned(),
        started_at: at,
        ended_at: at,
        completed: true,
        via: Via::Tui,
        responses,
        tags: Vec::new(),
        extra: Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-02T10:00:00Z").unwrap()
    }

    #[test]
    fn an_entry_round_trips_through_its_journal_line() {
        let e = entry("g", "G", 3, Event::MovedOn, at());
        let line = e.to_line();
        assert!(line.contains(r#""responses":{"guide":"g""#), "{line}");
        assert!(line.contains(r#""step":3,"event":"moved-on""#), "{line}");
        let back: Entry = serde_json::from_str(&line).unwrap();
        assert_eq!(
            event_of(&back).map(|g| (g.guide, g.step, g.event)),
            Some(("g".to_owned(), 3, Event::MovedOn))
        );
    }

    #[test]
    fn entries_that_are_not_guide_events_are_ignored() {
        let mut e = entry("g", "G", 1, Event::Started, at());
        e.responses.insert("step".into(), Value::from(0));
        assert_eq!(event_of(&e), None, "steps count from 1");
        e.responses.insert("step".into(), Value::from(1));
        e.responses.insert("event".into(), Value::from("wandered"));
        assert_eq!(event_of(&e), None);
        e.responses.insert("event".into(), Value::from("left"));
        assert!(event_of(&e).is_some());
        e.practice = "breath-reset".into();
        assert_eq!(event_of(&e), None);
    }
}
