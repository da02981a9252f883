//! Counts and slow trends over a journal, gathered one entry at a time so that a journal of
//! any length costs memory only for its distinct days and weeks.
//!
//! Days follow `query::day_of` (the entry's own local day, starting at `day_starts_at`);
//! weeks are the ISO weeks of those days.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use super::entry::Entry;
use super::query::day_of;
use crate::config::Config;

pub use super::signals::{BREATH_RESET, CHECK_IN, STAY_PRESENT};
use super::signals::{Urge, signals};
/// How many weeks with entries form the "first" and "last" stretch of the urge trend.
pub const TREND_WEEKS: usize = 4;

/// An ISO week: (ISO year, week number).
pub type Week = (i32, u32);

/// Everything `steady stats` shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub entries: usize,
    pub per_practice: BTreeMap<String, usize>,
    /// Distinct days with at least one entry.
    pub days_practised: usize,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    /// Days in a row up to today (or up to yesterday while today is still open).
    pub current_streak: usize,
    pub longest_streak: usize,
    pub practised_today: bool,
    /// Mean check-in `level` per ISO week, oldest first.
    pub level_by_week: Vec<WeekMean>,
    pub colours: BTreeMap<String, usize>,
    pub stay_present: Option<UrgeTrend>,
    pub breath_reset: Option<BreathChange>,
}

/// A mean over one ISO week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekMean {
    pub week: Week,
    pub mean: f64,
    pub count: usize,
}

/// Mean seconds before the urge to leave, early on and lately, and how many holds ended
/// with no urge at all.
#[derive(Debug, Clone, PartialEq)]
pub struct UrgeTrend {
    pub entries: usize,
    /// Holds that ended with no urge to leave (the best outcome; not in the means).
    pub no_urge: usize,
    /// The seconds until the urge then and lately; None when no urge came at all.
    pub then: Option<Then>,
    /// The first `TREND_WEEKS` weeks that have entries.
    pub first: Stretch,
    /// The last `TREND_WEEKS` weeks that have entries (they overlap `first` when there are
    /// fewer than twice as many weeks).
    pub last: Stretch,
}

/// A few weeks taken together.
#[derive(Debug, Clone, PartialEq)]
pub struct Stretch {
    pub weeks: Vec<Week>,
    /// Seconds until the urge, over the holds where one came.
    pub mean_urge_s: f64,
    pub count: usize,
}

/// Mean scale answers before and after a breath reset (entries that have both).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreathChange {
    pub entries: usize,
    pub mean_before: f64,
    pub mean_after: f64,
    /// `mean_after - mean_before`: negative means calmer afterwards.
    pub mean_change: f64,
}

/// A running sum.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    total: f64,
    count: usize,
}

impl Sum {
    fn add(&mut self, x: f64) {
        self.total += x;
        self.count += 1;
    }

    fn mean(self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.total / self.count as f64
        }
    }
}

/// Gathers stats one entry at a time.
#[derive(Debug, Clone, Default)]
pub struct StatsBuilder {
    day_starts_at: chrono::NaiveTime,
    entries: usize,
    per_practice: BTreeMap<String, usize>,
    days: BTreeSet<NaiveDate>,
    levels: BTreeMap<Week, Sum>,
    colours: BTreeMap<String, usize>,
    urges: BTreeMap<Week, Sum>,
    no_urge: usize,
    before: Sum,
    after: Sum,
}

impl StatsBuilder {
    pub fn new(config: &Config) -> Self {
        Self {
            day_starts_at: config.day_starts_at,
            ..Self::default()
        }
    }

    pub fn add(&mut self, entry: &Entry) {
        let day = day_of(entry.started_at, self.day_starts_at);
        let week = week_of(day);
        self.entries += 1;
        count(&mut self.per_practice, &entry.practice);
        // Starting or moving on in a guide is a choice about the path, not a day practised.
        if entry.is_practice() {
            self.days.insert(day);
        }
        let signals = signals(entry);
        if let Some(colour) = &signals.colour {
            count(&mut self.colours, colour);
        }
        if let Some(level) = signals.level {
            self.levels.entry(week).or_default().add(level as f64);
        }
        match signals.urge {
            Some(Urge::After(urge)) => self.urges.entry(week).or_default().add(urge),
            Some(Urge::NoneCame) => self.no_urge += 1,
            None => {}
        }
        if let Some(breath) = signals.breath {
            self.before.add(breath.before as f64);
            self.after.add(breath.after as f64);
        }
    }

    /// The stats as of `today` (which decides the current streak).
    pub fn finish(self, today: NaiveDate) -> Stats {
        let (current_streak, longest_streak) = streaks(&self.days, today);
        let stretch = |weeks: Vec<(&Week, &Sum)>| {
            let sum = weeks.iter().fold(Sum::default(), |acc, (_, s)| Sum {
                total: acc.total + s.total,
                count: acc.count + s.count,
            });
            Stretch {
                weeks: weeks.iter().map(|(w, _)| **w).collect(),
                mean_urge_s: sum.mean(),
                count: sum.count,
            }
        };
        let stay_present = (!self.urges.is_empty() || self.no_urge > 0).then(|| {
            let n = self.urges.len();
            UrgeTrend {
                entries: self.urges.values().map(|s| s.count).sum::<usize>() + self.no_urge,
                no_urge: self.no_urge,
                then: Then::of(
                    &self
                        .urges
                        .values()
                        .map(|s| (s.total, s.count))
                        .collect::<Vec<_>>(),
                ),
                first: stretch(self.urges.iter().take(TREND_WEEKS).collect()),
                last: stretch(
                    self.urges
                        .iter()
                        .skip(n.saturating_sub(TREND_WEEKS))
                        .collect(),
                ),
            }
        });
        let breath_reset = (self.before.count > 0).then(|| BreathChange {
            entries: self.before.count,
            mean_before: self.before.mean(),
            mean_after: self.after.mean(),
            mean_change: self.after.mean() - self.before.mean(),
        });
        Stats {
            entries: self.entries,
            per_practice: self.per_practice,
            days_practised: self.days.len(),
            first_day: self.days.first().copied(),
            last_day: self.days.last().copied(),
            current_streak,
            longest_streak,
            practised_today: self.days.contains(&today),
            level_by_week: self
                .levels
                .iter()
                .map(|(w, s)| WeekMean {
                    week: *w,
                    mean: s.mean(),
                    count: s.count,
                })
                .collect(),
            colours: self.colours,
            stay_present,
            breath_reset,
        }
    }
}

impl Stats {
    /// What changed, one plain sentence per trend that has something to say (the same
    /// sentences Trends shows under its charts).
    pub fn sentences(&self) -> Vec<String> {
        let weeks: Vec<(f64, usize)> = self
            .level_by_week
            .iter()
            .map(|w| (w.mean * w.count as f64, w.count))
            .collect();
        let mut out: Vec<String> = Then::of(&weeks).iter().map(level_sentence).collect();
        if let Some(t) = &self.stay_present {
            out.push(urge_sentence(t.then.as_ref(), t.no_urge));
        }
        if let Some(b) = &self.breath_reset {
            out.push(breath_sentence(b.mean_before, b.mean_after, b.entries));
        }
        out
    }

    /// Stats over `entries` as of `today`, with days by `config.day_starts_at`.
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        today: NaiveDate,
        config: &Config,
    ) -> Stats {
        let mut builder = StatsBuilder::new(config);
        entries.into_iter().for_each(|e| builder.add(e));
        builder.finish(today)
    }

    /// The machine-readable form printed by `steady stats --json` (shape in the README).
    pub fn to_json(&self) -> Value {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        let stretch = |s: &Stretch| {
            json!({
                "weeks": s.weeks.iter().map(|w| week_label(*w)).collect::<Vec<_>>(),
                "mean_urge_s": (s.count > 0).then(|| round(s.mean_urge_s)),
                "count": s.count,
            })
        };
        json!({
            "entries": self.entries,
            "per_practice": self.per_practice,
            "days_practised": self.days_practised,
            "first_day": day(self.first_day),
            "last_day": day(self.last_day),
            "streak": {
                "current": self.current_streak,
                "longest": self.longest_streak,
                "practised_today": self.practised_today,
            },
            "level_by_week": self.level_by_week.iter().map(|w| json!({
                "week": week_label(w.week),
                "mean": round(w.mean),
                "count": w.count,
            })).collect::<Vec<_>>(),
            "colours": self.colours,
            "stay_present": self.stay_present.as_ref().map(|t| json!({
                "entries": t.entries,
                "no_urge": t.no_urge,
                "first_weeks": stretch(&t.first),
                "last_weeks": stretch(&t.last),
            })),
            "breath_reset": self.breath_reset.map(|b| json!({
                "entries": b.entries,
                "mean_before": round(b.mean_before),
                "mean_after": round(b.mean_after),
                "mean_change": round(b.mean_change),
            })),
        })
    }
}

/// Adds one to `name`'s count, allocating its key only the first time.
fn count(counts: &mut BTreeMap<String, usize>, name: &str) {
    match counts.get_mut(name) {
        Some(n) => *n += 1,
        None => {
            counts.insert(name.to_owned(), 1);
        }
    }
}

/// Means over the first and the last `TREND_WEEKS` weeks that have values: how a trend
/// began and how it goes lately. When there are no more than `TREND_WEEKS` weeks, the two
/// are the same stretch and only `first` is told.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Then {
    pub first: f64,
    pub last: f64,
    /// Weeks with values.
    pub weeks: usize,
}

impl Then {
    /// From each week's (total, count), oldest first; weeks without values are skipped.
    /// None when no week has a value.
    pub fn of(weeks: &[(f64, usize)]) -> Option<Then> {
        let weeks: Vec<(f64, usize)> = weeks.iter().copied().filter(|w| w.1 > 0).collect();
        let mean = |part: &[(f64, usize)]| {
            let (total, count) = part
                .iter()
                .fold((0.0, 0), |(t, c), (wt, wc)| (t + wt, c + wc));
            total / count as f64
        };
        let n = weeks.len();
        (n > 0).then(|| Then {
            first: mean(&weeks[..n.min(TREND_WEEKS)]),
            last: mean(&weeks[n.saturating_sub(TREND_WEEKS)..]),
            weeks: n,
        })
    }

    /// Whether the first and the last stretch are different weeks.
    pub fn has_lately(&self) -> bool {
        self.weeks > TREND_WEEKS
    }
}

/// A mean as people read it: one decimal ("2.4", "4"), by the one rule in `text`.
pub use crate::text::one_decimal;

/// What changed in the check-in level, in one plain sentence.
pub fn level_sentence(then: &Then) -> String {
    if then.has_lately() {
        format!(
            "Your check-in level averaged {} in your first four weeks and {} in your last four.",
            one_decimal(then.first),
            one_decimal(then.last)
        )
    } else {
        format!(
            "Your check-in level averaged {} over {}.",
            one_decimal(then.first),
            weeks_words(then.weeks)
        )
    }
}

/// What changed in how long the urge to leave took, and how many holds ended with none.
pub fn urge_sentence(then: Option<&Then>, no_urge: usize) -> String {
    let none = match no_urge {
        0 => String::new(),
        1 => "1 hold ended with no urge at all".to_owned(),
        n => format!("{n} holds ended with no urge at all"),
    };
    let came = then.map(|t| {
        if t.has_lately() {
            format!(
                "The urge to leave came after {} on average then, and {} lately",
                crate::text::seconds_unbroken(t.first),
                crate::text::seconds_unbroken(t.last)
            )
        } else {
            format!(
                "The urge to leave came after {} on average",
                crate::text::seconds_unbroken(t.first)
            )
        }
    });
    match (came, none.is_empty()) {
        (Some(came), true) => format!("{came}."),
        (Some(came), false) => format!("{came}; {none}."),
        (None, false) => format!("{none}."),
        (None, true) => String::new(),
    }
}

/// How settled a breath reset left the person, in one plain sentence.
pub fn breath_sentence(before: f64, after: f64, resets: usize) -> String {
    let resets = if resets == 1 {
        "1 reset".to_owned()
    } else {
        format!("{resets} resets")
    };
    format!(
        "Settledness went from {} before a breath reset to {} after, on average ({resets}).",
        one_decimal(before),
        one_decimal(after)
    )
}

fn weeks_words(n: usize) -> String {
    match n {
        1 => "one week".to_owned(),
        2 => "two weeks".to_owned(),
        3 => "three weeks".to_owned(),
        4 => "four weeks".to_owned(),
        n => format!("{n} weeks"),
    }
}

/// The ISO week a day falls in.
pub fn week_of(day: NaiveDate) -> Week {
    let w = day.iso_week();
    (w.year(), w.week())
}

/// `2026-W47`.
pub fn week_label((year, week): Week) -> String {
    format!("{year}-W{week:02}")
}

/// Two decimals are plenty for a mean, and keep the JSON free of float noise.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// (current, longest) runs of consecutive days. The current run ends today if today has an
/// entry, else yesterday: a day that is not over yet does not break it. Days after today
/// (a clock set back, an entry from another time zone) are left out of the current run.
pub fn streaks(days: &BTreeSet<NaiveDate>, today: NaiveDate) -> (usize, usize) {
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for &d in days {
        run = match prev {
            Some(p) if p.succ_opt() == Some(d) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d);
    }
    let yesterday = today.checked_sub_days(Days::new(1));
    let mut cursor = if days.contains(&today) {
        Some(today)
    } else {
        yesterday
    };
    let mut current = 0;
    while let Some(d) = cursor.filter(|d| days.contains(d)) {
        current += 1;
        cursor = d.pred_opt();
    }
    (current, longest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn days(list: &[&str]) -> BTreeSet<NaiveDate> {
        list.iter().map(|s| date(s)).collect()
    }

    #[test]
    fn a_step_on_a_guide_is_an_entry_but_not_a_day_practised() {
        let entry = |practice: &str, day: &str| -> Entry {
            serde_json::from_str(&format!(
                r#"{{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0X{day}","practice":"{practice}","title":"T","started_at":"2026-11-{day}T09:00:00.000+00:00","ended_at":"2026-11-{day}T09:00:00.000+00:00","completed":true,"via":"tui","responses":{{}}}}"#
            ))
            .unwrap()
        };
        let mut builder = StatsBuilder::new(&Config::default());
        builder.add(&entry("guide", "20"));
        builder.add(&entry("feeling-check-in", "21"));
        let stats = builder.finish(date("2026-11-21"));
        assert_eq!(stats.entries, 2);
        assert_eq!(stats.days_practised, 1);
    }

    #[test]
    fn streak_counts_today_or_up_to_yesterday() {
        let d = days(&[
            "2026-11-01",
            "2026-11-02",
            "2026-11-03",
            "2026-11-20",
            "2026-11-21",
        ]);
        assert_eq!(streaks(&d, date("2026-11-21")), (2, 3), "today practised");
        assert_eq!(streaks(&d, date("2026-11-22")), (2, 3), "today still open");
        assert_eq!(
            streaks(&d, date("2026-11-23")),
            (0, 3),
            "a whole day missed"
        );
        assert_eq!(streaks(&BTreeSet::new(), date("2026-11-23")), (0, 0));
    }

    #[test]
    fn weeks_are_iso_weeks() {
        // 2027-01-01 is a Friday in ISO week 53 of 2026.
        assert_eq!(week_label(week_of(date("2027-01-01"))), "2026-W53");
        assert_eq!(week_label(week_of(date("2026-11-22"))), "2026-W47");
    }

    #[test]
    fn empty_journal_gives_zeros_and_no_trends() {
        let stats = Stats::from_entries([], date("2026-11-22"), &Config::default());
        assert_eq!(stats, Stats::default());
        let json = stats.to_json();
        assert_eq!(json["entries"], 0);
        assert!(json["stay_present"].is_null() && json["breath_reset"].is_null());
    }
}

#[cfg(test)]
mod sentence_tests {
    use super::*;

    #[test]
    fn a_trend_is_told_as_then_and_lately_once_there_are_enough_weeks() {
        let early = [(2.0, 1), (3.0, 1), (0.0, 0), (2.0, 1), (2.6, 1)];
        let weeks: Vec<(f64, usize)> = early.iter().chain(&[(4.0, 1); 4]).copied().collect();
        let then = Then::of(&weeks).unwrap();
        assert_eq!(
            level_sentence(&then),
            "Your check-in level averaged 2.4 in your first four weeks and 4 in your last four."
        );
        let short = Then::of(&[(6.0, 2), (3.0, 1)]).unwrap();
        assert_eq!(
            level_sentence(&short),
            "Your check-in level averaged 3 over two weeks."
        );
        assert_eq!(Then::of(&[(0.0, 0)]), None);
    }

    #[test]
    fn holds_with_no_urge_are_told_as_the_best_outcome() {
        let then = Then {
            first: 4.6,
            last: 9.875,
            weeks: 9,
        };
        assert_eq!(
            urge_sentence(Some(&then), 3),
            "The urge to leave came after 4.6\u{a0}s on average then, and 9.9\u{a0}s lately; 3 holds ended with no urge at all."
        );
        assert_eq!(urge_sentence(None, 1), "1 hold ended with no urge at all.");
        assert_eq!(
            breath_sentence(2.25, 3.6, 12),
            "Settledness went from 2.3 before a breath reset to 3.6 after, on average (12 resets)."
        );
    }
}
