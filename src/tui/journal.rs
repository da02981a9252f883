//! The TUI's view of the journal: a small trait (so tests can inject a fake that fails on
//! purpose) and the gentle line about today on the home screen. The real journal goes
//! through `journal::store::Store`; the TUI never writes the file itself.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};

use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::stats::streaks;

/// Where finished practices go.
pub trait Journal {
    /// Appends one entry. Ok may carry a notice worth telling (a torn last line was set
    /// aside first); the error is one sentence to show the person.
    fn append(&mut self, entry: &Entry) -> Result<Option<String>, String>;
    /// Where the journal lives, shown after saving.
    fn path(&self) -> &Path;
    /// When each readable entry started, and whether it was finished (unreadable lines are
    /// `steady doctor`'s business).
    fn started_times(&self) -> Vec<Began>;
}

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

/// The journal file, through the journal store.
pub struct StoreJournal {
    path: PathBuf,
}

impl StoreJournal {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
        }
    }
}

impl Journal for StoreJournal {
    fn append(&mut self, entry: &Entry) -> Result<Option<String>, String> {
        crate::journal::store::Store::new(&self.path)
            .append(entry)
            .map(|written| written.set_aside.map(|s| s.to_string()))
            .map_err(|e| e.to_string())
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn started_times(&self) -> Vec<Began> {
        // A journal that cannot be opened only costs the line about today.
        let Ok(lines) = crate::journal::read::lines(&self.path) else {
            return Vec::new();
        };
        // Guide entries record a step taken on a path, not a practice done.
        lines
            .filter_map(Result::ok)
            .filter_map(|line| {
                line.entry()
                    .filter(|e| e.practice != crate::guide::progress::PRACTICE_ID)
                    .map(Began::of)
            })
            .collect()
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
}

impl Lately {
    pub fn from_times(
        times: &[Began],
        now: DateTime<FixedOffset>,
        day_starts_at: NaiveTime,
    ) -> Lately {
        let today = day_of(now, day_starts_at);
        let days: std::collections::BTreeSet<NaiveDate> =
            times.iter().map(|t| day_of(t.at, day_starts_at)).collect();
        let on = |back: i64| days.contains(&(today - Duration::days(back)));
        Lately {
            today: times
                .iter()
                .filter(|t| t.finished && day_of(t.at, day_starts_at) == today)
                .count(),
            days_of_seven: (0..7).filter(|&b| on(b)).count(),
            streak: streaks(&days, today).0,
        }
    }

    /// One calm sentence; the streak only when the person wants streaks.
    pub fn sentence(&self, show_streaks: bool) -> String {
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
        let lately = Lately::from_times(&times, now, four());
        assert_eq!(
            lately,
            Lately {
                today: 2,
                days_of_seven: 3,
                streak: 3
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
        let lately = Lately::from_times(&[done("2026-11-21T10:00:00+01:00")], now, four());
        assert_eq!(
            lately,
            Lately {
                today: 0,
                days_of_seven: 1,
                streak: 1
            }
        );
        assert_eq!(
            lately.sentence(true),
            "Nothing yet today. You practised on 1 of the last 7 days."
        );
        let empty = Lately::from_times(&[], now, four());
        assert!(empty.sentence(true).contains("welcome"));
    }
}
