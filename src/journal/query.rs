//! Which entries a command looks at, and which day an entry belongs to.
//!
//! An entry's day is the calendar date of its `started_at` *in the offset it was written
//! with*, moved back by `day_starts_at`: with the default 04:00, a practice at 01:30 local
//! belongs to the day before. Using the entry's own offset makes the day the person's own
//! local day at that moment, so it stays right across DST changes and when the journal was
//! written on a trip in another time zone. "Today" is the same rule applied to the clock.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, Timelike};
use serde_json::Value;

use super::entry::Entry;
use crate::clock::Clock;

/// The day a moment belongs to, when days begin at `day_starts_at`.
pub fn day_of(at: DateTime<FixedOffset>, day_starts_at: NaiveTime) -> NaiveDate {
    let shift = chrono::Duration::seconds(i64::from(day_starts_at.num_seconds_from_midnight()));
    let local = at.naive_local();
    local.checked_sub_signed(shift).unwrap_or(local).date()
}

/// Today, by the clock and `day_starts_at`.
pub fn today(clock: &dyn Clock, day_starts_at: NaiveTime) -> NaiveDate {
    day_of(clock.wall(), day_starts_at)
}

/// A day as written on the command line, before it is resolved against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `YYYY-MM-DD`.
    Date(NaiveDate),
    Today,
    Yesterday,
    /// `Nd`: the last N days, today included, so the first of them is today minus N-1.
    LastDays(u32),
}

/// The forms a DATE may take, for error messages.
pub const DATE_FORMS: &str = "YYYY-MM-DD, today, yesterday, or Nd for the last N days (e.g. 7d)";

impl DateSpec {
    /// Reads one of the accepted forms; the error says what was wrong, in a phrase.
    pub fn parse(text: &str) -> Result<DateSpec, String> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "today" => return Ok(DateSpec::Today),
            "yesterday" => return Ok(DateSpec::Yesterday),
            _ => {}
        }
        if let Some(n) = t.strip_suffix(['d', 'D'])
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            return match n.parse::<u32>() {
                Ok(n) if (1..=100_000).contains(&n) => Ok(DateSpec::LastDays(n)),
                _ => Err(format!("{text:?} must count between 1 and 100000 days")),
            };
        }
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(DateSpec::Date)
            .map_err(|_| format!("{text:?} is not a day"))
    }

    /// The calendar day this names, given today.
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        let back = |n: u64| {
            today
                .checked_sub_days(Days::new(n))
                .unwrap_or(NaiveDate::MIN)
        };
        match self {
            DateSpec::Date(d) => d,
            DateSpec::Today => today,
            DateSpec::Yesterday => back(1),
            DateSpec::LastDays(n) => back(u64::from(n) - 1),
        }
    }
}

/// A selection of entries: every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    /// Practice ids; empty means every practice.
    pub practices: Vec<String>,
    /// Text to look for in text answers, any case.
    pub search: Option<String>,
    /// Tags, any one of which an entry must have (any case, the whole tag); empty means
    /// every entry.
    pub tags: Vec<String>,
}

impl Filter {
    /// Whether an entry of `practice` begun `started_at` passes the day and practice
    /// filters (everything but the search).
    pub fn matches_place(
        &self,
        practice: &str,
        started_at: DateTime<FixedOffset>,
        day_starts_at: NaiveTime,
    ) -> bool {
        if self.since.is_some() || self.until.is_some() {
            let day = day_of(started_at, day_starts_at);
            if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
                return false;
            }
        }
        self.practices.is_empty() || self.practices.iter().any(|p| p == practice)
    }

    /// Whether an entry with `tags` passes the tag filter: it has one of the tags asked
    /// for, as a person would read it (any case, the whole tag, spaces around it aside).
    pub fn matches_tags<'t>(&self, tags: impl IntoIterator<Item = &'t str>) -> bool {
        if self.tags.is_empty() {
            return true;
        }
        tags.into_iter()
            .any(|tag| self.tags.iter().any(|wanted| same_tag(tag, wanted)))
    }

    /// Whether `entry` is selected.
    pub fn matches(&self, entry: &Entry, day_starts_at: NaiveTime) -> bool {
        if !self.matches_place(&entry.practice, entry.started_at, day_starts_at)
            || !self.matches_tags(entry.tags.iter().map(String::as_str))
        {
            return false;
        }
        match &self.search {
            Some(needle) => search_text(entry, &needle.to_lowercase()),
            None => true,
        }
    }
}

/// Whether two tags are the same tag: "Work", "work" and " work " are.
pub fn same_tag(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether a text answer (a string, or a string in a list) contains `needle`, which is
/// already lower case.
fn search_text(entry: &Entry, needle: &str) -> bool {
    let hit = |s: &str| s.to_lowercase().contains(needle);
    entry.responses.values().any(|v| match v {
        Value::String(s) => hit(s),
        Value::Array(items) => items.iter().filter_map(Value::as_str).any(hit),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn four() -> NaiveTime {
        NaiveTime::from_hms_opt(4, 0, 0).unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn early_hours_belong_to_the_day_before() {
        assert_eq!(
            day_of(at("2026-03-29T01:30:00+01:00"), four()),
            date("2026-03-28")
        );
        assert_eq!(
            day_of(at("2026-03-29T03:59:59+02:00"), four()),
            date("2026-03-28")
        );
        assert_eq!(
            day_of(at("2026-03-29T04:00:00+02:00"), four()),
            date("2026-03-29")
        );
        let midnight = NaiveTime::MIN;
        assert_eq!(
            day_of(at("2026-03-29T00:10:00+02:00"), midnight),
            date("2026-03-29")
        );
    }

    #[test]
    fn the_day_is_the_local_one_where_it_was_written() {
        // 23:30 in New York is already the next morning in UTC; it is still that evening.
        assert_eq!(
            day_of(at("2026-07-10T23:30:00-05:00"), four()),
            date("2026-07-10")
        );
    }

    #[test]
    fn date_forms_parse_and_resolve() {
        let today = date("2026-11-22");
        let resolve = |s: &str| DateSpec::parse(s).unwrap().resolve(today);
        assert_eq!(resolve("2026-01-05"), date("2026-01-05"));
        assert_eq!(resolve("today"), today);
        assert_eq!(resolve(" Today "), today);
        assert_eq!(resolve("yesterday"), date("2026-11-21"));
        assert_eq!(resolve("1d"), today);
        assert_eq!(resolve("7d"), date("2026-11-16"));
        assert_eq!(resolve("30D"), date("2026-10-24"));
    }

    #[test]
    fn bad_dates_are_refused() {
        for bad in [
            "",
            "d",
            "0d",
            "-3d",
            "3 d",
            "2026-13-01",
            "2026-02-30",
            "22/11/2026",
            "tomorrow",
            "999999999d",
            "2026-11-22T08:00",
        ] {
            assert!(DateSpec::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(
            DateSpec::parse("tomorrow")
                .unwrap_err()
                .contains("tomorrow")
        );
    }

    fn entry(practice: &str, started: &str, responses: Value) -> Entry {
        let mut entry = serde_json::json!({
            "v": 1, "id": "01", "practice": practice, "title": "T",
            "started_at": started, "ended_at": started, "completed": true, "via": "cli",
        });
        entry["responses"] = responses;
        serde_json::from_value(entry).unwrap()
    }

    #[test]
    fn filters_combine() {
        let e = entry(
            "trigger-log",
            "2026-11-22T01:30:00+01:00",
            serde_json::json!({"story": "They HATE me", "tags": ["Work", "Late"], "level": 4}),
        );
        let f = |f: Filter| f.matches(&e, four());
        assert!(f(Filter::default()));
        // 01:30 belongs to the 21st.
        assert!(f(Filter {
            until: Some(date("2026-11-21")),
            ..Filter::default()
        }));
        assert!(!f(Filter {
            since: Some(date("2026-11-22")),
            ..Filter::default()
        }));
        assert!(f(Filter {
            practices: vec!["x".into(), "trigger-log".into()],
            ..Filter::default()
        }));
        assert!(!f(Filter {
            practices: vec!["x".into()],
            ..Filter::default()
        }));
        assert!(f(Filter {
            search: Some("hate".into()),
            ..Filter::default()
        }));
        assert!(f(Filter {
            search: Some("LATE".into()),
            ..Filter::default()
        }));
        assert!(!f(Filter {
            search: Some("4".into()),
            ..Filter::default()
        }));
        // The answers' "tags" are not the entry's tags.
        assert!(!f(Filter {
            tags: vec!["work".into()],
            ..Filter::default()
        }));
    }

    #[test]
    fn tags_match_whole_and_in_any_case() {
        let mut e = entry(
            "feeling-check-in",
            "2026-11-22T09:30:00+01:00",
            serde_json::json!({}),
        );
        e.tags = vec!["Work".into(), "going out".into(), "Ärger".into()];
        let with = |e: &Entry, tags: &[&str]| {
            Filter {
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                ..Filter::default()
            }
            .matches(e, four())
        };
        assert!(with(&e, &[]));
        assert!(with(&e, &["work"]));
        assert!(with(&e, &["WORK"]));
        assert!(with(&e, &[" Going Out "]));
        assert!(with(&e, &["ärger"]));
        assert!(
            with(&e, &["sport", "work"]),
            "any one of the tags asked for"
        );
        assert!(!with(&e, &["wor"]), "a part of a tag is not the tag");
        assert!(!with(&e, &["going"]));
        assert!(!with(&e, &["sport"]));
        e.tags.clear();
        assert!(!with(&e, &["work"]));
    }
}
