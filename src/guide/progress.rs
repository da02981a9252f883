//! Where a person is in a guide, kept as journal entries: starting a guide, moving on to a
//! step and leaving it are each one entry of the practice `guide`, so progress travels with
//! the journal (sync, import, export) and needs no second file.
//!
//! An entry looks like any other, with `responses` `{"guide": ID, "step": N, "event": E}`:
//! `N` counts from 1, and `E` is `started` (step 1, or the step a person carries on at
//! after leaving the guide there), `moved-on` (the step begun),
//! `finished` (moving on from the last step) or `left` (the step the person was on).
//! [`events`] reads these back in time order (for marks on a time axis) and [`current`]
//! says which guide is under way and at which step.

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::model::Guide;
use crate::journal::entry::{Entry, FORMAT_VERSION, Via};

/// The `practice` of every guide entry.
pub const PRACTICE_ID: &str = crate::journal::entry::GUIDE;

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

/// A guide under way: which, and the step the person is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub guide: String,
    pub step: usize,
    /// When that step was begun.
    pub since: DateTime<FixedOffset>,
}

/// The guide event an entry records, if it is one.
pub fn event_of(entry: &Entry) -> Option<GuideEvent> {
    if entry.practice != PRACTICE_ID {
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

/// The guide under way after `events` (in time order), if any: the last one started and
/// not since left or finished.
pub fn current(events: &[GuideEvent]) -> Option<Progress> {
    let mut now: Option<Progress> = None;
    for e in events {
        match e.event {
            Event::Started => {
                now = Some(Progress {
                    guide: e.guide.clone(),
                    step: e.step,
                    since: e.at,
                });
            }
            Event::MovedOn => {
                if let Some(p) = now.as_mut().filter(|p| p.guide == e.guide) {
                    p.step = e.step;
                    p.since = e.at;
                }
            }
            Event::Left | Event::Finished => {
                if now.as_ref().is_some_and(|p| p.guide == e.guide) {
                    now = None;
                }
            }
        }
    }
    now
}

/// The step at which the person last left `guide`, when they left it past its first step
/// (and have not started it again or finished it since): where starting it again can carry
/// on from.
pub fn left_at(events: &[GuideEvent], guide: &str) -> Option<usize> {
    events
        .iter()
        .rev()
        .find(|e| e.guide == guide)
        .filter(|e| e.event == Event::Left && e.step > 1)
        .map(|e| e.step)
}

/// The journal entry recording `event` at `step` of `guide`, at `at`.
pub fn entry(guide: &Guide, step: usize, event: Event, at: DateTime<FixedOffset>) -> Entry {
    let mut responses = Map::new();
    responses.insert("guide".into(), Value::from(guide.id.clone()));
    responses.insert("step".into(), Value::from(step));
    responses.insert("event".into(), Value::from(event.word()));
    Entry {
        v: FORMAT_VERSION,
        id: crate::journal::id::new_id(at),
        practice: PRACTICE_ID.to_owned(),
        title: guide.title.clone(),
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
    use crate::guide::GuideLibrary;
    use crate::practice::Library;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn progress_follows_start_move_on_leave_and_finish() {
        let library = GuideLibrary::builtin(&Library::builtin());
        let guide = &library.guides()[0];
        let entries = [
            entry(guide, 1, Event::Started, t("2026-11-01T09:00:00+01:00")),
            entry(guide, 2, Event::MovedOn, t("2026-11-08T09:00:00+01:00")),
        ];
        // Out of file order on purpose: time decides.
        let found = events(entries.iter().rev());
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].event, Event::Started);
        let now = current(&found).expect("under way");
        assert_eq!((now.guide.as_str(), now.step), (guide.id.as_str(), 2));
        assert_eq!(now.since, t("2026-11-08T09:00:00+01:00"));

        let left = entry(guide, 2, Event::Left, t("2026-11-09T09:00:00+01:00"));
        assert_eq!(current(&events(entries.iter().chain([&left]))), None);
        let done = entry(guide, 8, Event::Finished, t("2026-11-09T09:00:00+01:00"));
        assert_eq!(current(&events(entries.iter().chain([&done]))), None);
    }

    #[test]
    fn a_guide_left_midway_can_be_carried_on_at_its_step() {
        let library = GuideLibrary::builtin(&Library::builtin());
        let guide = &library.guides()[0];
        let at = |d: u32| t(&format!("2026-11-{d:02}T09:00:00+01:00"));
        let mut entries = vec![
            entry(guide, 1, Event::Started, at(1)),
            entry(guide, 3, Event::MovedOn, at(2)),
        ];
        assert_eq!(
            left_at(&events(&entries), &guide.id),
            None,
            "still under way"
        );
        entries.push(entry(guide, 3, Event::Left, at(3)));
        assert_eq!(left_at(&events(&entries), &guide.id), Some(3));
        assert_eq!(left_at(&events(&entries), "another"), None);
        // Carrying on is a start at that step: the guide is under way there again.
        entries.push(entry(guide, 3, Event::Started, at(4)));
        let found = events(&entries);
        assert_eq!(left_at(&found, &guide.id), None);
        assert_eq!(current(&found).map(|p| p.step), Some(3));
        // Left on its first step, there is nothing to carry on from.
        let first = [
            entry(guide, 1, Event::Started, at(1)),
            entry(guide, 1, Event::Left, at(2)),
        ];
        assert_eq!(left_at(&events(&first), &guide.id), None);
    }

    #[test]
    fn an_entry_round_trips_through_its_journal_line() {
        let library = GuideLibrary::builtin(&Library::builtin());
        let e = entry(
            &library.guides()[1],
            3,
            Event::MovedOn,
            t("2026-11-02T10:00:00Z"),
        );
        let line = e.to_line();
        assert!(line.contains(r#""responses":{"guide":"#), "{line}");
        assert!(line.contains(r#""step":3,"event":"moved-on""#), "{line}");
        let back: Entry = serde_json::from_str(&line).unwrap();
        assert_eq!(
            event_of(&back).map(|g| (g.step, g.event)),
            Some((3, Event::MovedOn))
        );
    }

    #[test]
    fn entries_that_are_not_guide_events_are_ignored() {
        let library = GuideLibrary::builtin(&Library::builtin());
        let mut e = entry(
            &library.guides()[0],
            1,
            Event::Started,
            t("2026-11-02T10:00:00Z"),
        );
        e.responses.insert("event".into(), Value::from("wandered"));
        assert_eq!(event_of(&e), None);
        e.practice = "breath-reset".into();
        assert_eq!(event_of(&e), None);
    }
}
