//! Days as people write them on paper: "Mon 3 Nov", "14–20 Sept 2026", "28 Dec 2025 –
//! 3 Jan 2026". Never an ISO week label: a week is the days it runs from and to.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::journal::stats::Week;

/// Short month names as British English writes them ("Sept", "June").
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

fn month(day: NaiveDate) -> &'static str {
    MONTHS[day.month0() as usize]
}

/// "Mon 3 Nov".
pub fn short_day(day: NaiveDate) -> String {
    format!("{} {} {}", day.format("%a"), day.day(), month(day))
}

/// "3 Nov".
pub fn day_month(day: NaiveDate) -> String {
    format!("{} {}", day.day(), month(day))
}

/// "3 Nov 2026".
pub fn day_month_year(day: NaiveDate) -> String {
    format!("{} {}", day_month(day), day.year())
}

/// The days from `first` to `last` as one span, the year said once when it is shared:
/// "14–20 Sept 2026", "27 Oct – 2 Nov 2026", "28 Dec 2025 – 3 Jan 2026", "3 Nov 2026".
pub fn span(first: NaiveDate, last: NaiveDate) -> String {
    if first == last {
        day_month_year(first)
    } else if first.year() != last.year() {
        format!("{} – {}", day_month_year(first), day_month_year(last))
    } else if first.month() != last.month() {
        format!("{} – {}", day_month(first), day_month_year(last))
    } else {
        format!(
            "{}–{} {} {}",
            first.day(),
            last.day(),
            month(last),
            last.year()
        )
    }
}

/// The same span without its year, for a chart's axis: "14–20 Sept", "27 Oct – 2 Nov".
pub fn short_span(first: NaiveDate, last: NaiveDate) -> String {
    if first.month() == last.month() {
        format!("{}–{} {}", first.day(), last.day(), month(last))
    } else {
        format!("{} – {}", day_month(first), day_month(last))
    }
}

/// The Monday and Sunday of an ISO week (the first of the year when the week is invalid).
pub fn week_days((year, week): Week) -> (NaiveDate, NaiveDate) {
    let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
        .or_else(|| NaiveDate::from_ymd_opt(year, 1, 1))
        .unwrap_or_default();
    let sunday = monday
        .checked_add_days(chrono::Days::new(6))
        .unwrap_or(monday);
    (monday, sunday)
}

/// A week for a chart's axis and its table: "14–20 Sept".
pub fn week(week: Week) -> String {
    let (monday, sunday) = week_days(week);
    short_span(monday, sunday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_say_the_year_once_and_the_month_once_when_they_share_them() {
        assert_eq!(span(d(2026, 9, 14), d(2026, 9, 20)), "14–20 Sept 2026");
        assert_eq!(span(d(2026, 10, 27), d(2026, 11, 2)), "27 Oct – 2 Nov 2026");
        assert_eq!(
            span(d(2025, 12, 28), d(2026, 1, 3)),
            "28 Dec 2025 – 3 Jan 2026"
        );
        assert_eq!(span(d(2026, 6, 3), d(2026, 6, 3)), "3 June 2026");
    }

    #[test]
    fn days_and_weeks_read_as_people_write_them() {
        assert_eq!(short_day(d(2026, 11, 2)), "Mon 2 Nov");
        assert_eq!(week((2026, 38)), "14–20 Sept");
        assert_eq!(week((2026, 44)), "26 Oct – 1 Nov");
        assert_eq!(week_days((2025, 53)).0, d(2025, 1, 1));
    }
}
