//! What home knows of the past: the gentle line about today, from when each entry began,
//! the guide events it finds the guide under way from, the latest plan made in each
//! practice that makes one, and the colour words used (a typed colour among them is never
//! questioned as a typo) (`Past`, read in one pass).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};

use crate::guide::progress::{GuideEvent, event_of};
use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::signals::signals;
use crate::journal::stats::streaks;
use crate::journal::vault::{Vault, VaultError};

/// When an entry started, and whether the practice was finished (not left early).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Began {
    pub at: DateTime<FixedOffset>,
    pub finished: bool,
}

impl Began {
    pub fn of(entry: &Entry) -> Began {
        Began {
            at: entry.started_at,
            finished: entry.completed,
        }
    }
}

/// The days with practice (by the day rule) and how many practices were finished on each:
/// all the line about lately needs of a journal, a few kilobytes whatever its size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Practised(BTreeMap<NaiveDate, usize>);

impl Practised {
    /// The days of `times`, the day starting at `day_starts_at`.
    pub fn of(times: &[Began], day_starts_at: NaiveTime) -> Practised {
        let mut practised = Practised::default();
        for &began in times {
            practised.add(began, day_starts_at);
        }
        practised
    }

    pub fn add(&mut self, began: Began, day_starts_at: NaiveTime) {
        *self.0.entry(day_of(began.at, day_starts_at)).or_default() += usize::from(began.finished);
    }
}

/// The practices whose answers are a plan to come back to (read again under `p`), in the
/// order "your plans" shows them.
pub const PLAN_PRACTICES: [&str; 3] = ["reassurance-plan", "three-supports", "eightieth-birthday"];

/// What home reads from the journal, in one pass: when each practice began (its line about
/// lately), the guide events (the guide under way), in time order, and the latest entry of
/// each of `PLAN_PRACTICES` that has answers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Past {
    pub times: Vec<Began>,
    pub guide_events: Vec<GuideEvent>,
    /// Every colour answer in the journal, trimmed and lower case.
    pub colours: BTreeSet<String>,
    /// The latest entry of each practice that makes a plan.
    pub plans: Vec<Entry>,
    /// The journal is sealed and was not opened (its passphrase is not asked for here).
    pub sealed: bool,
}

impl Past {
    /// Reads what home needs of the journal in one pass; a journal that cannot be read only
    /// costs home that line and the guide's place (its unreadable lines are `steady
    /// doctor`'s business).
    pub fn read(vault: &dyn Vault) -> Past {
        let mut past = Past::default();
        match vault.open() {
            Ok(snapshot) => {
                let _ = snapshot.entries(|found| past.add(&found.entry));
            }
            Err(VaultError::Sealed(_)) => past.sealed = true,
            Err(_) => {}
        }
        past
    }

    /// Sorts `entry` into its place: a practice's time (and a plan, when it makes one), or
    /// a step on a guide's path.
    pub fn add(&mut self, entry: &Entry) {
        if let Some(colour) = signals(entry).colour
            && !self.colours.contains(colour.as_ref())
        {
            self.colours.insert(colour.into_owned());
        }
        if entry.is_practice() {
            self.times.push(Began::of(entry));
            keep_latest_plan(&mut self.plans, entry);
        } else if let Some(event) = event_of(entry) {
            let at = self.guide_events.partition_point(|e| e.at <= event.at);
            self.guide_events.insert(at, event);
        }
    }
}

/// Keeps `entry` in `plans` when it is a plan with answers newer than the one kept for its
/// practice.
pub fn keep_latest_plan(plans: &mut Vec<Entry>, entry: &Entry) {
    if !PLAN_PRACTICES.contains(&entry.practice.as_str()) || entry.responses.is_empty() {
        return;
    }
    match plans.iter_mut().find(|p| p.practice == entry.practice) {
        Some(kept) if kept.started_at > entry.started_at => {}
        Some(kept) => *kept = entry.clone(),
        None => plans.push(entry.clone()),
    }
}

/// How practice has gone lately, for the home screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lately {
    /// Practices finished today (one left early is a practice too, but not counted here).
    pub today: usize,
    /// Days among the last seven (today included) with any practice.
    pub days_of_seven: usize,
    /// Days in a row with practice, ending today (or yesterday, when today is still empty).
    pub streak: usize,
    /// Whether the journal has any practice at all: false on the first run.
    pub ever: bool,
    /// The journal is sealed and was not opened: what it holds is not known here.
    pub sealed: bool,
}

/// The practice home offers on the first run: small, a minute long, and the start of every
/// guide's way of noticing.
pub const FIRST_PRACTICE: &str = "feeling-check-in";

impl Lately {
    /// Lately as of `now`, from the days `practised` (counted with the same `day_starts_at`).
    pub fn from_days(
        practised: &Practised,
        now: DateTime<FixedOffset>,
        day_starts_at: NaiveTime,
    ) -> Lately {
        let today = day_of(now, day_starts_at);
        let days: BTreeSet<NaiveDate> = practised.0.keys().copied().collect();
        let on = |back: i64| days.contains(&(today - Duration::days(back)));
        Lately {
            today: practised.0.get(&today).copied().unwrap_or(0),
            days_of_seven: (0..7).filter(|&b| on(b)).count(),
            streak: streaks(&days, today).0,
            ever: !days.is_empty(),
            sealed: false,
        }
    }

    /// One calm sentence; the streak only when the person wants streaks.
    pub fn sentence(&self, show_streaks: bool) -> String {
        if self.sealed {
            return "Your journal is sealed: saving needs no passphrase, and `steady review` opens it.".to_owned();
        }
        if !self.ever {
            return "Welcome. A first practice to try: the feeling check-in.".to_owned();
        }
        if self.days_of_seven == 0 {
            return "A quiet week so far. Any practice, any time, is welcome.".to_owned();
        }
        let today = match self.today {
            0 => "Nothing yet today.".to_owned(),
            1 => "One practice today.".to_owned(),
            n => format!("{n} practices today."),
        };
        let week = match self.days_of_seven {
            1 => "You practised on 1 of the last 7 days.".to_owned(),
            n => format!("You practised on {n} of the last 7 days."),
        };
        let streak = if show_streaks && self.streak >= 2 {
            format!(" {} days in a row.", self.streak)
        } else {
            String::new()
        };
        format!("{today} {week}{streak}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn done(s: &str) -> Began {
        Began {
            at: t(s),
            finished: true,
        }
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    #[test]
    fn a_sealed_journal_not_opened_is_said_and_never_taken_for_a_first_run() {
        use crate::journal::seal::passphrase::{Asker, Source};
        use crate::journal::seal::{KeyFiles, Passphrase, SealedVault};
        let dir = std::env::temp_dir().join(format!("steady-lately-sealed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let journal = dir.join("journal.jsonl");
        let keys = KeyFiles::beside(&journal).unwrap();
        keys.create(&Passphrase::new("x".to_owned()), Some(4))
            .unwrap_or_else(|e| panic!("{e}"));
        let store = crate::journal::Store::new(&journal);
        let vault = SealedVault::new(store, keys, Asker::new(Source::NotHere));
        let past = Past::read(&vault);
        assert!(past.sealed && past.times.is_empty());
        let lately = Lately {
            sealed: true,
            ..Lately::default()
        };
        assert!(lately.sentence(true).starts_with("Your journal is sealed"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_past_sorts_practices_from_guide_steps_and_keeps_the_steps_in_time_order() {
        let entry = |practice: &str, at: &str, responses: serde_json::Value| -> Entry {
            serde_json::from_value(serde_json::json!({
                "v": 1, "id": format!("id-{at}"), "practice": practice, "title": practice,
                "started_at": at, "ended_at": at, "completed": true, "via": "tui",
                "responses": responses,
            }))
            .unwrap()
        };
        let step = |at: &str, n: u32| {
            let event = if n == 1 { "started" } else { "moved-on" };
            entry(
                "guide",
                at,
                serde_json::json!({"guide": "g", "step": n, "event": event}),
            )
        };
        let mut past = Past::default();
        let plan = |at: &str| entry("three-supports", at, serde_json::json!({"plan": at}));
        past.add(&plan("2026-11-18T09:00:00+00:00"));
        past.add(&plan("2026-11-21T09:00:00+00:00"));
        past.add(&plan("2026-11-19T09:00:00+00:00"));
        past.add(&entry(
            "reassurance-plan",
            "2026-11-19T09:00:00+00:00",
            serde_json::json!({}),
        ));
        assert_eq!(past.plans.len(), 1, "a plan with no answers is not kept");
        assert_eq!(past.plans[0].responses["plan"], "2026-11-21T09:00:00+00:00");
        past.times.clear();
        past.add(&step("2026-11-20T09:00:00+00:00", 2));
        past.add(&entry(
            "feeling-check-in",
            "2026-11-21T09:00:00+00:00",
            serde_json::json!({}),
        ));
        past.add(&step("2026-11-19T09:00:00+00:00", 1));
        assert_eq!(past.times, [done("2026-11-21T09:00:00+00:00")]);
        let steps: Vec<usize> = past.guide_events.iter().map(|e| e.step).collect();
        assert_eq!(steps, [1, 2]);
    }

    #[test]
    fn lately_counts_today_the_week_and_the_run_of_days() {
        let now = t("2026-11-22T10:00:00+01:00");
        let times = [
            done("2026-11-22T08:00:00+01:00"),
            done("2026-11-22T09:00:00+01:00"),
            // Left early: a day practised, but not a practice finished today.
            Began {
                finished: false,
                ..done("2026-11-22T09:30:00+01:00")
            },
            done("2026-11-22T02:00:00+01:00"), // still the 21st
            done("2026-11-20T20:00:00+01:00"),
            done("2026-11-10T20:00:00+01:00"),
        ];
        let lately = Lately::from_days(&Practised::of(&times, four()), now, four());
        assert_eq!(
            lately,
            Lately {
                today: 2,
                days_of_seven: 3,
                streak: 3,
                ever: true,
                sealed: false,
            }
        );
        assert_eq!(
            lately.sentence(true),
            "2 practices today. You practised on 3 of the last 7 days. 3 days in a row."
        );
        assert!(!lately.sentence(false).contains("in a row"));
    }

    #[test]
    fn an_empty_today_keeps_yesterdays_run_and_says_so_gently() {
        let now = t("2026-11-22T10:00:00+01:00");
        let lately = Lately::from_days(
            &Practised::of(&[done("2026-11-21T10:00:00+01:00")], four()),
            now,
            four(),
        );
        assert_eq!(
            lately,
            Lately {
                today: 0,
                days_of_seven: 1,
                streak: 1,
                ever: true,
                sealed: false,
            }
        );
        assert_eq!(
            lately.sentence(true),
            "Nothing yet today. You practised on 1 of the last 7 days."
        );
        let quiet = Lately::from_days(
            &Practised::of(&[done("2026-11-02T10:00:00+01:00")], four()),
            now,
            four(),
        );
        assert!(quiet.sentence(true).starts_with("A quiet week so far"));
    }

    #[test]
    fn the_first_run_suggests_a_check_in_and_never_calls_the_week_quiet() {
        let now = t("2026-11-22T10:00:00+01:00");
        let first = Lately::from_days(&Practised::default(), now, four());
        assert!(!first.ever);
        let s = first.sentence(true);
        assert!(
            s.contains("first practice") && s.contains("feeling check-in"),
            "{s}"
        );
        assert!(!s.contains("quiet week"), "{s}");
    }
}
