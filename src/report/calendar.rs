//! The days practised as small month tables, Monday first: a day with entries is marked with
//! a dot and a shade (and says how many entries for a screen reader), so the calendar reads
//! in black and white and without sight.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use maud::{Markup, html};

use crate::journal::series::Day;

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mo", "Monday"),
    ("Tu", "Tuesday"),
    ("We", "Wednesday"),
    ("Th", "Thursday"),
    ("Fr", "Friday"),
    ("Sa", "Saturday"),
    ("Su", "Sunday"),
];

/// One table per month of `since..=until`.
pub fn months(days: &BTreeMap<NaiveDate, Day>, since: NaiveDate, until: NaiveDate) -> Markup {
    let mut firsts = Vec::new();
    let mut first = since.with_day(1).unwrap_or(since);
    while first <= until {
        firsts.push(first);
        first = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    html! {
        @for first in firsts { (month(days, first, since, until)) }
    }
}

/// The weeks of the month starting on `first`, Monday first, None where a week has no day.
fn weeks(first: NaiveDate) -> Vec<[Option<NaiveDate>; 7]> {
    let mut weeks = vec![[None; 7]];
    let mut day = first;
    while day.month() == first.month() {
        let column = day.weekday().num_days_from_monday() as usize;
        if column == 0 && day != first {
            weeks.push([None; 7]);
        }
        if let Some(week) = weeks.last_mut() {
            week[column] = Some(day);
        }
        day = match day.checked_add_days(Days::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    weeks
}

/// The table for the month starting on `first`; days outside the range are greyed.
fn month(
    days: &BTreeMap<NaiveDate, Day>,
    first: NaiveDate,
    since: NaiveDate,
    until: NaiveDate,
) -> Markup {
    let caption = format!("{} {}", first.format("%B"), first.year());
    html! {
        table.month {
            caption { (caption) }
            thead { tr { @for (short, long) in WEEKDAYS { th scope="col" abbr=(long) { (short) } } } }
            tbody {
                @for week in weeks(first) {
                    tr {
                        @for day in week {
                            @match day {
                                None => td {},
                                Some(day) if day < since || day > until => td.out { (day.day()) },
                                Some(day) => {
                                    @let count = days.get(&day).map_or(0, |d| d.entries);
                                    @if count == 0 {
                                        td { (day.day()) }
                                    } @else {
                                        td.on {
                                            (day.day())
                                            span.dot aria-hidden="true" { "●" }
                                            span.sr { ": " (count) " " (if count == 1 { "entry" } else { "entries" }) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
