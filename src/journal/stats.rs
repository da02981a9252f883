//! Counts and slow trends over a journal, gathered one entry at a time so that a journal of
//! any length costs memory only for its distinct days and weeks.
//!
//! Days follow `query::day_of` (the entry's own local day, starting at `day_starts_at`);
//! weeks are the ISO weeks of those days. Check-ins are kept per day with their feeling
//! words placed (`feelings`), so that what changed can be told over windows that never
//! overlap (`change`).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde_json::{Value, json};

use super::entry::Entry;
use super::query::day_of;
use crate::config::Config;

use super::change::{Span, UrgeChange, Windows, check_in_sentences};
pub use super::change::{breath_sentence, one_decimal, urge_sentence};
pub use super::feelings::Month;
use super::feelings::{Placements, Tones, Total, by_month, place};
pub use super::signals::{BREATH_RESET, CHECK_IN, STAY_PRESENT};
use super::signals::{Urge, signals};

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
    /// Each day's check-ins with their feeling words placed.
    pub check_ins: BTreeMap<NaiveDate, Tones>,
    /// The feeling words named that have no place yet (neither built in nor in the
    /// `[feelings]` settings), so the person can place them.
    pub unplaced_words: BTreeSet<String>,
    pub colours: BTreeMap<String, usize>,
    pub stay_present: Option<UrgeTrend>,
    pub breath_reset: Option<BreathChange>,
}

/// Mean seconds before the urge to leave, in a first and a last window that never overlap,
/// and how many holds ended with no urge at all.
#[derive(Debug, Clone, PartialEq)]
pub struct UrgeTrend {
    pub entries: usize,
    /// Holds that ended with no urge to leave (the best outcome; not in the means).
    pub no_urge: usize,
    /// The seconds until the urge in the first window and the last (None with no hold).
    pub then: Option<UrgeChange>,
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
    check_ins: BTreeMap<NaiveDate, Tones>,
    placements: Placements,
    colours: BTreeMap<String, usize>,
    /// Each day with a hold: (total seconds until the urge, holds where it came).
    urges: BTreeMap<NaiveDate, (f64, usize)>,
    no_urge: usize,
    before: Sum,
    after: Sum,
}

impl StatsBuilder {
    pub fn new(config: &Config) -> Self {
        Self {
            day_starts_at: config.day_starts_at,
            placements: config.feelings.clone(),
            ..Self::default()
        }
    }

    pub fn add(&mut self, entry: &Entry) {
        let day = day_of(entry.started_at, self.day_starts_at);
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
        if entry.practice == CHECK_IN {
            self.check_ins.entry(day).or_default().add(
                signals.feeling.as_deref(),
                signals.level,
                signals.mood,
                &self.placements,
            );
        }
        if let Some(urge) = signals.urge {
            let held = self.urges.entry(day).or_default();
            match urge {
                Urge::After(s) => *held = (held.0 + s, held.1 + 1),
                Urge::NoneCame => self.no_urge += 1,
            }
        }
        if let Some(breath) = signals.breath {
            self.before.add(breath.before as f64);
            self.after.add(breath.after as f64);
        }
    }

    /// The stats as of `today` (which decides the current streak).
    pub fn finish(self, today: NaiveDate) -> Stats {
        let (current_streak, longest_streak) = streaks(&self.days, today);
        let stay_present = (!self.urges.is_empty()).then(|| UrgeTrend {
            entries: self.urges.values().map(|s| s.1).sum::<usize>() + self.no_urge,
            no_urge: self.no_urge,
            then: UrgeChange::of(&self.urges),
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
            unplaced_words: self
                .check_ins
                .values()
                .flat_map(|t| &t.words)
                .filter(|w| place(w, &self.placements).is_none())
                .cloned()
                .collect(),
            check_ins: self.check_ins,
            colours: self.colours,
            stay_present,
            breath_reset,
        }
    }
}

impl Stats {
    /// What changed, in plain sentences: the check-ins (pleasant or unpleasant, how strong
    /// the unpleasant ones were, mood, different words), the urge to leave and the breath
    /// reset; each trend over time compares two windows that never overlap and says which
    /// (the same sentences Trends shows under its charts and the report on its first page).
    pub fn sentences(&self) -> Vec<String> {
        let mut out = check_in_sentences(&self.check_ins);
        if let Some(t) = &self.stay_present {
            out.push(urge_sentence(t.then.as_ref(), t.no_urge));
        }
        if let Some(b) = &self.breath_reset {
            out.push(breath_sentence(b.mean_before, b.mean_after, b.entries));
        }
        out
    }

    /// The check-ins month by month, oldest first.
    pub fn check_in_months(&self) -> Vec<(Month, Tones)> {
        by_month(&self.check_ins)
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

    /// The machine-readable form printed by `steady stats --json` (shape in the README):
    /// every figure is named for what it measures, and the scales say which way they run.
    pub fn to_json(&self) -> Value {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        let check_in_change = Windows::over(&self.check_ins).map(|w| {
            compared(w, |span, _| {
                let mut sum = Tones::default();
                for t in self.check_ins.range(span.from..=span.to).map(|(_, t)| t) {
                    sum.merge(t);
                }
                tones_json(&sum)
            })
        });
        let stay_present = self.stay_present.as_ref().map(|t| {
            let change = t.then.as_ref().map(|c| {
                compared(c.windows, |_, first| {
                    let (total, count) = if first { c.first } else { c.last };
                    json!({
                        "mean_seconds_until_urge": UrgeChange::mean((total, count)).map(round),
                        "holds_with_urge": count,
                    })
                })
            });
            json!({ "entries": t.entries, "no_urge": t.no_urge, "change": change })
        });
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
            "check_ins": {
                "scales": {
                    "strength": "how strong the feeling is (the check-in's level): 1 barely there … 5 filling everything",
                    "mood": "how the moment felt overall: 1 very unpleasant … 5 very pleasant",
                },
                "by_month": self.check_in_months().iter().map(|((y, m), t)| {
                    joined(json!({ "month": format!("{y}-{m:02}") }), tones_json(t))
                }).collect::<Vec<_>>(),
                "change": check_in_change,
                "unplaced_words": self.unplaced_words,
            },
            "colours": self.colours,
            "stay_present": stay_present,
            "breath_reset": self.breath_reset.map(|b| json!({
                "scale": "how settled: 1 not at all … 5 very settled",
                "entries": b.entries,
                "settled_before_mean": round(b.mean_before),
                "settled_after_mean": round(b.mean_after),
                "settled_change": round(b.mean_change),
            })),
            "sentences": self.sentences(),
        })
    }
}

/// A run of check-ins' figures as `stats --json` names them.
fn tones_json(t: &Tones) -> Value {
    let mean = |t: Total| t.mean().map(round);
    json!({
        "check_ins": t.check_ins(),
        "pleasant": t.pleasant,
        "unpleasant": t.unpleasant,
        "not_sure_or_unplaced": t.unplaced,
        "unpleasant_strength_mean": mean(t.unpleasant_strength),
        "unpleasant_strength_count": t.unpleasant_strength.count,
        "mood_mean": mean(t.mood),
        "mood_count": t.mood.count,
        "different_words": t.words.len(),
    })
}

/// `{"first": {from, to, …}, "last": {…}}` with each window's figures, or
/// `{"too_short": {from, to, days}}` when the span is too short to compare.
fn compared(windows: Windows, figures: impl Fn(Span, bool) -> Value) -> Value {
    let dates = |span: Span| json!({ "from": span.from.to_string(), "to": span.to.to_string() });
    match windows.pair() {
        Some((first, last)) => json!({
            "first": joined(dates(first), figures(first, true)),
            "last": joined(dates(last), figures(last, false)),
        }),
        None => json!({
            "too_short": joined(dates(windows.span()), json!({ "days": windows.span().days() })),
        }),
    }
}

/// The fields of `more` after those of `head` (both objects).
fn joined(mut head: Value, more: Value) -> Value {
    if let (Some(h), Value::Object(m)) = (head.as_object_mut(), more) {
        h.extend(m);
    }
    head
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
