//! Where a person is in a guide, read from the guide events the journal keeps
//! (`journal::guide_event`: one entry per start, step and leaving, so progress travels
//! with the journal): [`current`] says which guide is under way and at which step,
//! [`left_at`] where a guide left midway can carry on, and [`entry`] makes the entry for a
//! guide's event.

use chrono::{DateTime, FixedOffset};

use super::model::Guide;
use crate::journal::entry::Entry;
pub use crate::journal::guide_event::{Event, GuideEvent, event_of, events};

/// A guide under way: which, and the step the person is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub guide: String,
    pub step: usize,
    /// When that step was begun.
    pub since: DateTime<FixedOffset>,
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
    crate::journal::guide_event::entry(&guide.id, &guide.title, step, event, at)
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
}
