//! Day-by-day aggregates of a journal for the review screens (Trends and Calendar): each
//! day's check-ins by the feeling word named (with their strength and mood, placed as
//! pleasant or not only when summarised, so a word placed later counts everywhere), each
//! day's last check-in colour, the stay-present urge
//! times, breath-reset before/after pairs, and counts per practice and per colour.
//! Computed once in one pass, then kept up to date entry by entry (`add` / `remove`): every
//! figure is kept as sums and counts (and each day's check-ins), and every list in one
//! order that does not depend on the order entries came in, so removing an entry gives
//! exactly what a fresh pass over the rest would. Pure data: no terminal, no files.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::entry::Entry;
use super::feelings::{DayWords, Placements, Tones};
use super::query::day_of;
use super::signals::{Breath, CHECK_IN, Signals, Urge, signals};

/// What one day holds for the calendar.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Day {
    /// Entries of any practice on this day.
    pub entries: usize,
    /// The last check-in of the day, if there was one.
    pub check_in: Option<CheckIn>,
    /// Entries per practice id on this day.
    pub practices: BTreeMap<String, usize>,
    /// Colours chosen on this day.
    pub colours: BTreeMap<String, usize>,
    /// Guides started and guide steps begun on this day (marked on the Trends time axis).
    pub guide_steps: usize,
    /// The day's check-ins by the word named, with their strength and mood.
    pub feelings: DayWords,
    /// Every check-in of the day, last one last (by time, then by its answers, so equal
    /// times sort the same whatever order they were read in): removing the last one brings
    /// back the one before.
    check_ins: Vec<CheckIn>,
}

/// Whether `entry` starts a guide or begins one of its steps.
fn begins_a_step(entry: &Entry) -> bool {
    use super::guide_event::{Event, event_of};
    event_of(entry).is_some_and(|e| matches!(e.event, Event::Started | Event::MovedOn))
}

/// One check-in's answers that colour a calendar day.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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

fn stay_order(a: &(NaiveDate, Urge), b: &(NaiveDate, Urge)) -> Ordering {
    a.0.cmp(&b.0).then_with(|| a.1.order(b.1))
}

fn breath_order(a: &BreathPoint, b: &BreathPoint) -> Ordering {
    (a.day, a.before, a.after).cmp(&(b.day, b.before, b.after))
}

/// The point an entry adds to the stay-present or breath-reset series, if any.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Point {
    Stay((NaiveDate, Urge)),
    Breath(BreathPoint),
}

/// What one entry counts for in the aggregates, read from it once: a reader that parses
/// lines on several threads reads it there and counts it in on one (`Builder::push_tally`).
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    day: NaiveDate,
    practice: String,
    colour: Option<String>,
    /// A check-in's feeling word, strength and mood.
    feeling: Option<(Option<String>, Option<i64>, Option<i64>)>,
    begins_a_step: bool,
    check_in: Option<CheckIn>,
    point: Option<Point>,
}

impl Tally {
    /// What `entry` counts for, on its day by `day_starts_at`.
    pub fn of(entry: &Entry, day_starts_at: NaiveTime) -> Tally {
        let signals = signals(entry);
        let day = day_of(entry.started_at, day_starts_at);
        Tally {
            day,
            practice: entry.practice.clone(),
            check_in: check_in(entry, &signals),
            point: point(&signals, day),
            feeling: (entry.practice == CHECK_IN).then(|| {
                (
                    signals.feeling.as_deref().map(str::to_owned),
                    signals.level,
                    signals.mood,
                )
            }),
            colour: signals.colour.map(std::borrow::Cow::into_owned),
            begins_a_step: begins_a_step(entry),
        }
    }

    /// The practice id of the entry.
    pub fn practice(&self) -> &str {
        &self.practice
    }
}

/// Everything the Trends and Calendar screens draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aggregates {
    pub days: BTreeMap<NaiveDate, Day>,
    /// How each stay-present hold ended, one point per entry, oldest first.
    pub stay: Vec<(NaiveDate, Urge)>,
    /// One point per breath reset with both answers, oldest first.
    pub breath: Vec<BreathPoint>,
    /// Entries per practice id, most first.
    pub per_practice: Vec<(String, usize)>,
    /// Colours chosen (any practice), most first.
    pub colours: Vec<(String, usize)>,
    /// The totals behind `per_practice` and `colours`, kept so a change updates them.
    practice_totals: BTreeMap<String, usize>,
    colour_totals: BTreeMap<String, usize>,
    day_starts_at: NaiveTime,
}

impl Aggregates {
    /// Aggregates `entries` (any order), placing each on its day by `day_starts_at`.
    pub fn from_entries<'a>(
        entries: impl IntoIterator<Item = &'a Entry>,
        day_starts_at: NaiveTime,
    ) -> Self {
        let mut builder = Builder::new(day_starts_at);
        for entry in entries {
            builder.push(entry);
        }
        builder.finish()
    }

    /// Counts one more entry in (an entry added or brought back).
    pub fn add(&mut self, entry: &Entry) {
        let tally = Tally::of(entry, self.day_starts_at);
        self.count_in(&tally);
        count(&mut self.practice_totals, &tally.practice, 1);
        if let Some(c) = &tally.colour {
            count(&mut self.colour_totals, c, 1);
        }
        if let Some(slot) = self.days.get_mut(&tally.day) {
            slot.check_in = slot.check_ins.last().cloned();
        }
        match tally.point {
            Some(Point::Stay(p)) => {
                let at = self.stay.partition_point(|q| stay_order(q, &p).is_lt());
                self.stay.insert(at, p);
            }
            Some(Point::Breath(p)) => {
                let at = self.breath.partition_point(|q| breath_order(q, &p).is_lt());
                self.breath.insert(at, p);
            }
            None => {}
        }
        self.rank();
    }

    /// Takes out an entry counted in before (deleted, or about to be replaced by its
    /// edit); afterwards the aggregates equal a fresh `from_entries` over the others.
    pub fn remove(&mut self, entry: &Entry) {
        let tally = Tally::of(entry, self.day_starts_at);
        let day = tally.day;
        uncount(&mut self.practice_totals, &tally.practice);
        if let Some(c) = &tally.colour {
            uncount(&mut self.colour_totals, c);
        }
        if let Some(slot) = self.days.get_mut(&day) {
            slot.entries = slot.entries.saturating_sub(1);
            uncount(&mut slot.practices, &tally.practice);
            if let Some(c) = &tally.colour {
                uncount(&mut slot.colours, c);
            }
            if let Some((word, strength, mood)) = &tally.feeling {
                slot.feelings.remove(word.as_deref(), *strength, *mood);
            }
            slot.guide_steps -= usize::from(tally.begins_a_step).min(slot.guide_steps);
            if let Some(gone) = &tally.check_in
                && let Ok(at) = slot.check_ins.binary_search(gone)
            {
                slot.check_ins.remove(at);
                slot.check_in = slot.check_ins.last().cloned();
            }
            if slot.entries == 0 {
                self.days.remove(&day);
            }
        }
        match tally.point {
            Some(Point::Stay(p)) => {
                if let Ok(at) = self.stay.binary_search_by(|q| stay_order(q, &p)) {
                    self.stay.remove(at);
                }
            }
            Some(Point::Breath(p)) => {
                if let Ok(at) = self.breath.binary_search_by(|q| breath_order(q, &p)) {
                    self.breath.remove(at);
                }
            }
            None => {}
        }
        self.rank();
    }

    /// Counts `tally` into its day. The caller places its series point (pushed then sorted
    /// once by `Builder`, inserted in order by `add`) and sets the day's `check_in` and the
    /// totals too (once, from the days, in `Builder`).
    fn count_in(&mut self, tally: &Tally) {
        let slot = self.days.entry(tally.day).or_default();
        slot.entries += 1;
        count(&mut slot.practices, &tally.practice, 1);
        // Colours are counted from any practice, as `steady stats` does.
        if let Some(c) = &tally.colour {
            count(&mut slot.colours, c, 1);
        }
        if let Some((word, strength, mood)) = &tally.feeling {
            slot.feelings.add(word.as_deref(), *strength, *mood);
        }
        slot.guide_steps += usize::from(tally.begins_a_step);
        if let Some(new) = &tally.check_in {
            let at = slot.check_ins.partition_point(|c| c <= new);
            slot.check_ins.insert(at, new.clone());
        }
    }

    /// `per_practice` and `colours` from the totals, most first.
    fn rank(&mut self) {
        self.per_practice = most_first(&self.practice_totals);
        self.colours = most_first(&self.colour_totals);
    }

    /// Each day's check-ins from `since` on (all days when None), their words placed by
    /// `own` and the built-in places; days without a check-in are left out.
    pub fn check_ins_since(
        &self,
        since: Option<NaiveDate>,
        own: &Placements,
    ) -> BTreeMap<NaiveDate, Tones> {
        let from = since.unwrap_or(NaiveDate::MIN);
        self.days
            .range(from..)
            .filter(|(_, d)| !d.feelings.is_empty())
            .map(|(day, d)| (*day, d.feelings.tones(own)))
            .collect()
    }

    /// The stay-present points from `since` on.
    pub fn stay_since(&self, since: Option<NaiveDate>) -> &[(NaiveDate, Urge)] {
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
        Counts {
            per_practice: most_first(&practices),
            colours: most_first(&colours),
        }
    }

    /// The earliest day with any entry.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.keys().next().copied()
    }
}

/// Aggregates built in one pass, entry by entry (as a journal is read, while each entry is
/// still in the cache), then finished: the series are sorted once at the end.
#[derive(Debug)]
pub struct Builder(Aggregates);

impl Builder {
    pub fn new(day_starts_at: NaiveTime) -> Self {
        Self(Aggregates {
            day_starts_at,
            ..Aggregates::default()
        })
    }

    pub fn push(&mut self, entry: &Entry) {
        self.push_tally(&Tally::of(entry, self.0.day_starts_at));
    }

    /// Counts in what an entry counts for, read where it was parsed.
    pub fn push_tally(&mut self, tally: &Tally) {
        self.0.count_in(tally);
        match tally.point {
            Some(Point::Stay(p)) => self.0.stay.push(p),
            Some(Point::Breath(p)) => self.0.breath.push(p),
            None => {}
        }
    }

    pub fn finish(self) -> Aggregates {
        let mut agg = self.0;
        agg.stay.sort_by(stay_order);
        agg.breath.sort_by(breath_order);
        for day in agg.days.values_mut() {
            day.check_in = day.check_ins.last().cloned();
            for (name, n) in &day.practices {
                count(&mut agg.practice_totals, name, *n);
            }
            for (name, n) in &day.colours {
                count(&mut agg.colour_totals, name, *n);
            }
        }
        agg.rank();
        agg
    }
}

/// Counts over a range of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub per_practice: Vec<(String, usize)>,
    pub colours: Vec<(String, usize)>,
}

/// Adds `n` to `name`'s count.
fn count(counts: &mut BTreeMap<String, usize>, name: &str, n: usize) {
    match counts.get_mut(name) {
        Some(c) => *c += n,
        None => {
            counts.insert(name.to_owned(), n);
        }
    }
}

/// Takes one from `name`'s count, dropping the name at zero (as if never counted).
fn uncount(counts: &mut BTreeMap<String, usize>, name: &str) {
    if let Some(c) = counts.get_mut(name) {
        *c = c.saturating_sub(1);
        if *c == 0 {
            counts.remove(name);
        }
    }
}

/// A check-in's calendar answers, when the entry is a feeling check-in.
fn check_in(entry: &Entry, signals: &Signals) -> Option<CheckIn> {
    (entry.practice == CHECK_IN).then(|| CheckIn {
        at: entry.started_at,
        colour: signals.colour.as_deref().map(str::to_owned),
        level: signals.level,
    })
}

/// The series point of a stay-present or breath-reset entry on `day`.
fn point(signals: &Signals, day: NaiveDate) -> Option<Point> {
    if let Some(urge) = signals.urge {
        return Some(Point::Stay((day, urge)));
    }
    signals
        .breath
        .map(|Breath { before, after }| Point::Breath(BreathPoint { day, before, after }))
}

/// Counts most first, then by name, so equal counts keep a stable order.
fn most_first<K: AsRef<str>>(counts: &BTreeMap<K, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<_> = counts
        .iter()
        .map(|(k, n)| (k.as_ref().to_owned(), *n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::signals::{BREATH_RESET, STAY_PRESENT};
    use proptest::prelude::*;

    fn entry(practice: &str, at: &str, responses: serde_json::Value) -> Entry {
        let mut entry = serde_json::json!({
            "v": 1, "id": format!("id-{at}"), "practice": practice, "title": practice,
            "started_at": at, "ended_at": at, "completed": true, "via": "tui",
        });
        entry["responses"] = responses;
        serde_json::from_value(entry).unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_guide_started_or_a_step_begun_marks_its_day_and_leaving_does_not() {
        let step = |at: &str, event: &str| {
            let responses = serde_json::json!({"guide": "g", "step": 2, "event": event});
            entry("guide", at, responses)
        };
        let begun = step("2026-11-03T09:00:00+00:00", "moved-on");
        let left = step("2026-11-04T09:00:00+00:00", "left");
        let mut agg = Aggregates::from_entries([&begun, &left], four());
        assert_eq!(agg.days[&date("2026-11-03")].guide_steps, 1);
        assert_eq!(agg.days[&date("2026-11-04")].guide_steps, 0);
        agg.remove(&begun);
        assert!(!agg.days.contains_key(&date("2026-11-03")));
        agg.add(&begun);
        assert_eq!(agg, Aggregates::from_entries([&begun, &left], four()));
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
        assert_eq!(
            d21.feelings.tones(&Placements::new()).unplaced,
            2,
            "no feeling word named"
        );
        assert_eq!(
            d21.check_in.as_ref().unwrap().colour.as_deref(),
            Some("red")
        );
        let since = agg.check_ins_since(Some(date("2026-11-22")), &Placements::new());
        assert_eq!(
            since.keys().copied().collect::<Vec<_>>(),
            [date("2026-11-22")]
        );
        assert_eq!(agg.colours[0], ("blue".to_owned(), 1), "counted lowercased");
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
            vec![
                (date("2026-11-10"), Urge::After(3.0)),
                (date("2026-11-20"), Urge::After(8.5))
            ]
        );
        assert_eq!(agg.stay_since(Some(date("2026-11-15"))).len(), 1);
        assert_eq!(agg.breath.len(), 1);
        assert_eq!((agg.breath[0].before, agg.breath[0].after), (2, 4));
        assert_eq!(agg.first_day(), Some(date("2026-11-10")));
    }

    #[test]
    fn empty_journal_aggregates_to_nothing() {
        let agg = Aggregates::from_entries(&[], four());
        assert!(agg.days.is_empty() && agg.check_ins_since(None, &Placements::new()).is_empty());
        assert_eq!(agg.first_day(), None);
    }

    /// An entry from small choices, so that days, times, ids and answers collide often
    /// (the cases where order could matter).
    fn arb_entry() -> impl Strategy<Value = Entry> {
        let practice = prop_oneof![
            Just(CHECK_IN),
            Just(STAY_PRESENT),
            Just(BREATH_RESET),
            Just("other")
        ];
        (
            practice,
            0u8..4,
            0u8..6,
            0u8..3,
            proptest::option::of(1i64..6),
            proptest::option::of(prop_oneof![Just("blue"), Just("red"), Just("Grey")]),
            proptest::option::of(0u8..4),
        )
            .prop_map(|(practice, id, day, hour, level, colour, number)| {
                let mut responses = serde_json::Map::new();
                if let Some(level) = level {
                    responses.insert("level".into(), level.into());
                    responses.insert("before".into(), level.into());
                    responses.insert("after".into(), (6 - level).into());
                }
                if let Some(colour) = colour {
                    responses.insert("colour".into(), colour.into());
                    // The colours stand in for feeling words too, placed or not.
                    let word = if colour == "red" { "anxious" } else { colour };
                    responses.insert("feeling".into(), word.into());
                    responses.insert("mood".into(), (i64::from(id) + 1).into());
                }
                if let Some(n) = number {
                    // 0 is a hold that ended with no urge at all.
                    let hold = if n == 0 {
                        serde_json::json!({ "urge_s": null, "total_s": 20 })
                    } else {
                        serde_json::json!({ "urge_s": f64::from(n) * 1.5 })
                    };
                    responses.insert("stay".into(), hold);
                }
                let at = format!("2026-11-{:02}T0{}:30:00+01:00", 10 + day, 2 + hour);
                let mut e = entry(practice, &at, serde_json::Value::Object(responses));
                e.id = format!("E{id}");
                e
            })
    }

    proptest! {
        /// Adding and removing entries one by one (in any order) gives exactly what a
        /// fresh pass over the entries left gives.
        #[test]
        fn add_and_remove_equal_a_fresh_pass(
            start in proptest::collection::vec(arb_entry(), 0..30),
            added in proptest::collection::vec(arb_entry(), 0..10),
            removals in proptest::collection::vec(any::<prop::sample::Index>(), 0..20),
        ) {
            let mut agg = Aggregates::from_entries(&start, four());
            let mut held = start.clone();
            for e in &added {
                agg.add(e);
                held.push(e.clone());
                prop_assert_eq!(&agg, &Aggregates::from_entries(&held, four()));
            }
            for r in removals {
                if held.is_empty() {
                    break;
                }
                let gone = held.remove(r.index(held.len()));
                agg.remove(&gone);
                prop_assert_eq!(&agg, &Aggregates::from_entries(&held, four()));
            }
            let mut reversed = held.clone();
            reversed.reverse();
            prop_assert_eq!(&agg, &Aggregates::from_entries(&reversed, four()));
        }
    }
}
