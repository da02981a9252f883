//! The days practised as small month tables, Monday first: a day with entries is marked with
//! a dot and a shade (and says how many entries for a screen reader), so the calendar reads
//! in black and white and without sight.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::{Datelike, Days, NaiveDate};

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
pub fn months(days: &BTreeMap<NaiveDate, Day>, since: NaiveDate, until: NaiveDate) -> String {
    let mut html = String::new();
    let mut first = since.with_day(1).unwrap_or(since);
    while first <= until {
        month(&mut html, days, first, since, until);
        first = first
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    html
}

/// The table for the month starting on `first`; days outside the range are left blank.
fn month(
    html: &mut String,
    days: &BTreeMap<NaiveDate, Day>,
    first: NaiveDate,
    since: NaiveDate,
    until: NaiveDate,
) {
    let _ = write!(
        html,
        "<table class=\"month\"><caption>{}</caption><thead><tr>",
        first.format("%B %Y")
    );
    for (short, long) in WEEKDAYS {
        let _ = write!(html, "<th scope=\"col\" abbr=\"{long}\">{short}</th>");
    }
    html.push_str("</tr></thead><tbody><tr>");
    let lead = first.weekday().num_days_from_monday();
    for _ in 0..lead {
        html.push_str("<td></td>");
    }
    let mut column = lead;
    let mut day = first;
    while day.month() == first.month() {
        if column == 7 {
            html.push_str("</tr><tr>");
            column = 0;
        }
        let n = day.day();
        match days.get(&day).map_or(0, |d| d.entries) {
            _ if day < since || day > until => {
                let _ = write!(html, "<td class=\"out\">{n}</td>");
            }
            0 => {
                let _ = write!(html, "<td>{n}</td>");
            }
            count => {
                let words = if count == 1 { "entry" } else { "entries" };
                let _ = write!(
                    html,
                    "<td class=\"on\">{n}<span aria-hidden=\"true\" class=\"dot\">●</span><span class=\"sr\">: {count} {words}</span></td>"
                );
            }
        }
        column += 1;
        day = match day.checked_add_days(Days::new(1)) {
            Some(next) => next,
            None => break,
        };
    }
    for _ in column..7 {
        html.push_str("<td></td>");
    }
    html.push_str("</tr></tbody></table>");
}
