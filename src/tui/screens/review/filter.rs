//! The History filters: practices, a date range and a text search, all combined. Dates
//! follow the contract's DATE forms (`YYYY-MM-DD`, `today`, `yesterday`, `Nd`) and days
//! follow `day_starts_at`.

use chrono::{Days, NaiveDate, NaiveTime};
use serde_json::Value;

use crate::journal::entry::Entry;
use crate::journal::series::day_of;

/// The filters in force; an empty filter shows everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Practice ids; an entry matches if it is any of them (empty: all).
    pub practices: Vec<String>,
    /// First day shown, inclusive.
    pub since: Option<NaiveDate>,
    /// Last day shown, inclusive.
    pub until: Option<NaiveDate>,
    /// Case-insensitive text to find in text answers.
    pub search: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether `entry` passes every filter.
    pub fn matches(&self, entry: &Entry, day_starts_at: NaiveTime) -> bool {
        if !self.practices.is_empty() && !self.practices.contains(&entry.practice) {
            return false;
        }
        if self.since.is_some() || self.until.is_some() {
            let day = day_of(&entry.started_at, day_starts_at);
            if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
                return false;
            }
        }
        let needle = self.search.trim().to_lowercase();
        needle.is_empty() || entry.responses.values().any(|v| contains_text(v, &needle))
    }
}

/// Whether a text answer (or a list of them) holds `needle` (already lower-case).
fn contains_text(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(s) => s.to_lowercase().contains(needle),
        Value::Array(items) => items.iter().any(|v| contains_text(v, needle)),
        _ => false,
    }
}

/// Reads a DATE: `YYYY-MM-DD`, `today`, `yesterday`, or `Nd` (the last N days, today
/// included, so `7d` starts six days ago).
pub fn parse_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "\"{text}\" is not a date; type YYYY-MM-DD, today, yesterday, or a number of days like 7d"
        )
    };
    match text.to_lowercase().as_str() {
        "today" => Ok(today),
        "yesterday" => today.checked_sub_days(Days::new(1)).ok_or_else(bad),
        lower => {
            if let Some(n) = lower.strip_suffix('d') {
                let n: u64 = n.parse().map_err(|_| bad())?;
                if n == 0 {
                    return Err(bad());
                }
                today.checked_sub_days(Days::new(n - 1)).ok_or_else(bad)
            } else {
                NaiveDate::parse_from_str(lower, "%Y-%m-%d").map_err(|_| bad())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(practice: &str, at: &str, responses: serde_json::Value) -> Entry {
        serde_json::from_value(serde_json::json!({
            "v": 1, "id": "X", "practice": practice, "title": practice,
            "started_at": at, "ended_at": at, "completed": true, "via": "tui",
            "responses": responses,
        }))
        .unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const FOUR: NaiveTime = NaiveTime::from_hms_opt(4, 0, 0).unwrap();

    #[test]
    fn filters_combine() {
        let e = entry(
            "trigger-log",
            "2026-11-21T01:00:00+01:00",
            serde_json::json!({"story": "They went QUIET", "facts": ["late", "tired"], "level": 3}),
        );
        let mut f = Filter::default();
        assert!(f.is_empty() && f.matches(&e, FOUR));
        f.practices = vec!["feeling-check-in".into(), "trigger-log".into()];
        f.search = "quiet".into();
        assert!(f.matches(&e, FOUR));
        // 01:00 on the 21st belongs to the 20th.
        f.since = Some(date("2026-11-20"));
        f.until = Some(date("2026-11-20"));
        assert!(f.matches(&e, FOUR));
        f.until = Some(date("2026-11-19"));
        assert!(!f.matches(&e, FOUR), "date range excludes");
        f.until = None;
        f.search = "tired".into();
        assert!(f.matches(&e, FOUR), "lists are searched");
        f.search = "3".into();
        assert!(!f.matches(&e, FOUR), "numbers are not text");
        f.search.clear();
        f.practices = vec!["breath-reset".into()];
        assert!(!f.matches(&e, FOUR), "practice excludes");
    }

    #[test]
    fn dates_parse_in_every_contract_form() {
        let today = date("2026-11-22");
        assert_eq!(parse_date("today", today), Ok(today));
        assert_eq!(parse_date("Yesterday", today), Ok(date("2026-11-21")));
        assert_eq!(parse_date("7d", today), Ok(date("2026-11-16")));
        assert_eq!(parse_date(" 2026-01-31 ", today), Ok(date("2026-01-31")));
        for bad in ["0d", "soon", "2026-02-30", "d", ""] {
            let err = parse_date(bad, today).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }
}
