//! Day-by-day aggregates of a journal, computed once for the review screens (Trends and
//! Calendar): the daily mean check-in level, each day's last check-in colour, the
//! stay-present urge times, breath-reset before/after pairs, and counts per practice and
//! per colour. Pure data: no terminal, no files.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::entry::Entry;
use super::query::day_of;
use super::stats::{BREATH_RESET, CHECK_IN, STAY_PRESENT};

/// What one day holds for the calendar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    /// Entries of any practice on this day.
    pub entries: usize,
    /// The last check-in of the day, if there was one.
    pub check_in: Option<CheckIn>,
    /// Entries per practice id on this day.
    pub practices: Vec<(String, usize)>,
    /// Colours chosen on this day.
    pub colours: Vec<(String, usize)>,
    level_sum: i64,
    level_count: u32,
}

impl Day {
    /// The mean check-in level of the day, if any check-in gave one.
    pub fn mean_level(&self) -> Option<f64> {
        (self.level_count > 0).then(|| self.level_sum as f64 / f64::from(self.level_count))
    }
}

/// One check-in's answers that colour a calendar day.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckIn {
    pub at: DateTime<FixedOffset>,
    pub colour: Option<String>,
    pub level: Option<i64>,
}

/// One breath reset's settledness before and after (1–5).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreathPoint {
    pub day: NaiveDate,
    pub before: i64,
    pub after: i64,
}

/// Everything the Trends and Calendar screens draw, computed in one pass over the journal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregates {
    pub days: BTreeMap<NaiveDate, Day>,
    /// Seconds until the urge to leave, one point per stay-present entry, oldest first.
    pub stay: Vec<(NaiveDate, f64)>,
    /// One point per breath reset with both answers, oldest first.
    pub breath: Vec<BreathPoint>,
    /// Entries per practice id, most first.
    pub per_practice: Vec<(String, usize)>,
    /// Colours chosen (any practice), most first.
    pub colours: Vec<(String, usize)>,
}

impl Aggregates {
    /// Aggregates `entries` (any order), placing each on its day by `day_starts_at`.
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        day_starts_at: NaiveTime,
    ) -> Self {
        let mut agg = Aggregates::default();
        for entry in entries {
            let day = day_of(entry.started_at, day_starts_at);
            let slot = agg.days.entry(day).or_default();
            slot.entries += 1;
            count(&mut slot.practices, &entry.practice);
            // Colours are counted as written, from any practice, as `steady stats` does.
            let colour = entry.str("colour");
            if let Some(c) = colour {
                count(&mut slot.colours, c);
            }
            match entry.practice.as_str() {
                CHECK_IN => {
                    let level = entry.int("level");
                    if let Some(level) = level {
                        slot.level_sum += level;
                        slot.level_count += 1;
                    }
                    if slot
                        .check_in
                        .as_ref()
                        .is_none_or(|c| c.at <= entry.started_at)
                    {
                        slot.check_in = Some(CheckIn {
                            at: entry.started_at,
                            colour: colour.map(str::to_owned),
                            level,
                        });
                    }
                }
                STAY_PRESENT => {
                    if let Some(urge) = entry.nested_f64("stay", "urge_s") {
                        agg.stay.push((day, urge));
                    }
                }
                BREATH_RESET => {
                    if let (Some(before), Some(after)) = (entry.int("before"), entry.int("after")) {
                        agg.breath.push(BreathPoint { day, before, after });
                    }
                }
                _ => {}
            }
        }
        agg.stay.sort_by_key(|p| p.0);
        agg.breath.sort_by_key(|p| p.day);
        let all = agg.counts_since(None);
        agg.per_practice = all.per_practice;
        agg.colours = all.colours;
        agg
    }

    /// The daily mean check-in level from `since` on (all days when None), oldest first.
    pub fn daily_means(&self, since: Option<NaiveDate>) -> Vec<(NaiveDate, f64)> {
        let from = since.unwrap_or(NaiveDate::MIN);
        self.days
            .range(from..)
            .filter_map(|(day, d)| d.mean_level().map(|m| (*day, m)))
            .collect()
    }

    /// The stay-present points from `since` on.
    pub fn stay_since(&self, since: Option<NaiveDate>) -> &[(NaiveDate, f64)] {
        let from = since.unwrap_or(NaiveDate::MIN);
        &self.stay[self.stay.partition_point(|p| p.0 < from)..]
    }

    /// The breath-reset points from `since` on.
    pub fn breath_since(&self, since: Option<NaiveDate>) -> &[BreathPoint] {
        let from = since.unwrap_or(NaiveDate::MIN);
        &self.breath[self.breath.partition_point(|p| p.day < from)..]
    }

    /// Entries per practice and check-in colours from `since` on, most first.
    pub fn counts_since(&self, since: Option<NaiveDate>) -> Counts {
        let from = since.unwrap_or(NaiveDate::MIN);
        let mut practices: BTreeMap<&str, usize> = BTreeMap::new();
        let mut colours: BTreeMap<&str, usize> = BTreeMap::new();
        for day in self.days.range(from..).map(|(_, d)| d) {
            for (name, n) in &day.practices {
                *practices.entry(name).or_default() += n;
            }
            for (name, n) in &day.colours {
                *colours.entry(name).or_default() += n;
            }
        }
        let owned =
            |m: BTreeMap<&str, usize>| most_first(m.into_iter().map(|(k, v)| (k.to_owned(), v)));
        Counts {
            per_practice: owned(practices),
            colours: owned(colours),
        }
    }

    /// The earliest day with any entry.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.keys().next().copied()
    }
}

/// Counts over a range of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub per_practice: Vec<(String, usize)>,
    pub colours: Vec<(String, usize)>,
}

/// Adds one to `name`'s count; a day holds few names, so a short list beats a map.
fn count(counts: &mut Vec<(String, usize)>, name: &str) {
    match counts.iter_mut().find(|(n, _)| n == name) {
        Some((_, c)) => *c += 1,
        None => counts.push((name.to_owned(), 1)),
    }
}

/// Sorts counts most first, then by name, so equal counts keep a stable order.
fn most_first(counts: impl Iterator<Item = (String, usize)>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = counts.collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(practice: &str, at: &str, responses: serde_json::Value) -> Entry {
        serde_json::from_value(serde_json::json!({
            "v": 1, "id": format!("id-{at}"), "practice": practice, "title": practice,
            "started_at": at, "ended_at": at, "completed": true, "via": "tui",
            "responses": responses,
        }))
        .unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn days_follow_day_starts_at_and_last_check_in_wins() {
        let entries = [
            entry(
                CHECK_IN,
                "2026-11-21T09:00:00+01:00",
                serde_json::json!({"level": 2, "colour": "Blue"}),
            ),
            // 01:30 belongs to the day before.
            entry(
                CHECK_IN,
                "2026-11-22T01:30:00+01:00",
                serde_json::json!({"level": 4, "colour": "red"}),
            ),
            entry(
                CHECK_IN,
                "2026-11-22T08:00:00+01:00",
                serde_json::json!({"level": 5, "colour": "green"}),
            ),
        ];
        let agg = Aggregates::from_entries(&entries, four());
        let d21 = &agg.days[&date("2026-11-21")];
        assert_eq!(d21.entries, 2);
        assert_eq!(d21.mean_level(), Some(3.0));
        assert_eq!(
            d21.check_in.as_ref().unwrap().colour.as_deref(),
            Some("red")
        );
        assert_eq!(
            agg.daily_means(Some(date("2026-11-22"))),
            vec![(date("2026-11-22"), 5.0)]
        );
        assert_eq!(agg.colours[0], ("Blue".to_owned(), 1));
        assert_eq!(agg.per_practice, vec![(CHECK_IN.to_owned(), 3)]);
        let recent = agg.counts_since(Some(date("2026-11-22")));
        assert_eq!(recent.per_practice, vec![(CHECK_IN.to_owned(), 1)]);
        assert_eq!(recent.colours, vec![("green".to_owned(), 1)]);
        assert_eq!(agg.counts_since(None).colours.len(), 3);
    }

    #[test]
    fn stay_and_breath_points_are_collected_oldest_first() {
        let entries = [
            entry(
                STAY_PRESENT,
                "2026-11-20T10:00:00Z",
                serde_json::json!({"stay": {"urge_s": 8.5, "extra_s": 5, "total_s": 13.5}}),
            ),
            entry(
                STAY_PRESENT,
                "2026-11-10T10:00:00Z",
                serde_json::json!({"stay": {"urge_s": 3, "extra_s": 5, "total_s": 8}}),
            ),
            entry(
                BREATH_RESET,
                "2026-11-12T10:00:00Z",
                serde_json::json!({"before": 2, "after": 4}),
            ),
            entry(
                BREATH_RESET,
                "2026-11-13T10:00:00Z",
                serde_json::json!({"before": 2}),
            ),
        ];
        let agg = Aggregates::from_entries(&entries, four());
        assert_eq!(
            agg.stay,
            vec![(date("2026-11-10"), 3.0), (date("2026-11-20"), 8.5)]
        );
        assert_eq!(agg.stay_since(Some(date("2026-11-15"))).len(), 1);
        assert_eq!(agg.breath.len(), 1);
        assert_eq!((agg.breath[0].before, agg.breath[0].after), (2, 4));
        assert_eq!(agg.first_day(), Some(date("2026-11-10")));
    }

    #[test]
    fn empty_journal_aggregates_to_nothing() {
        let agg = Aggregates::from_entries(&[], four());
        assert!(agg.days.is_empty() && agg.daily_means(None).is_empty());
        assert_eq!(agg.first_day(), None);
    }
}
