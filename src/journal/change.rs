//! Sentences of change, true to their windows. A trend is told by comparing a stretch at its
//! beginning with one at its end, and the two never share a day: with 60 days or more from
//! the first day to the last, the first 30 days and the last 30 ("your first month" and
//! "your last month", each with its dates); with 14 to 59 days, the first half and the
//! second, each named by its dates; with fewer than 14 days, a sentence saying the span is
//! too short to compare, and no number. Every sentence names its scale and which way it
//! runs. `steady stats`, Trends and the report all take their sentences from here.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::feelings::{Tones, Total};

/// Fewer days than this from the first to the last are too few to compare.
pub const MIN_DAYS: u64 = 14;
/// From this many days on, the windows are the first and the last month.
pub const MONTHS_FROM: u64 = 60;
/// The days of "a month" in "your first month" and "your last month".
pub const MONTH_DAYS: u64 = 30;

/// Days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Span {
    /// How many days, both ends included.
    pub fn days(self) -> u64 {
        (self.to - self.from).num_days().unsigned_abs() + 1
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day)
    }

    /// "6 December 2026", "7–21 November 2026", "22 November – 6 December 2026" or
    /// "28 December 2025 – 10 January 2026".
    pub fn words(self) -> String {
        let (a, b) = (self.from, self.to);
        if a == b {
            a.format("%-d %B %Y").to_string()
        } else if (a.year(), a.month()) == (b.year(), b.month()) {
            format!("{}–{}", a.format("%-d"), b.format("%-d %B %Y"))
        } else if a.year() == b.year() {
            format!("{} – {}", a.format("%-d %B"), b.format("%-d %B %Y"))
        } else {
            format!("{} – {}", a.format("%-d %B %Y"), b.format("%-d %B %Y"))
        }
    }
}

/// The two stretches a trend is told by, or the span that is too short to compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Windows {
    /// Fewer than `MIN_DAYS` days from the first day to the last.
    TooShort(Span),
    /// The first and the last `MONTH_DAYS` days.
    Months { first: Span, last: Span },
    /// The first half of the days and the second.
    Halves { first: Span, last: Span },
}

impl Windows {
    /// The windows for values from `first` to `last` (both days with a value).
    pub fn of(first: NaiveDate, last: NaiveDate) -> Windows {
        let whole = Span {
            from: first,
            to: last,
        };
        let after = |day: NaiveDate, n: u64| day.checked_add_days(Days::new(n)).unwrap_or(day);
        let before = |day: NaiveDate, n: u64| day.checked_sub_days(Days::new(n)).unwrap_or(day);
        let days = whole.days();
        if last < first || days < MIN_DAYS {
            Windows::TooShort(whole)
        } else if days >= MONTHS_FROM {
            Windows::Months {
                first: Span {
                    from: first,
                    to: after(first, MONTH_DAYS - 1),
                },
                last: Span {
                    from: before(last, MONTH_DAYS - 1),
                    to: last,
                },
            }
        } else {
            let half = days / 2;
            Windows::Halves {
                first: Span {
                    from: first,
                    to: after(first, half - 1),
                },
                last: Span {
                    from: after(first, half),
                    to: last,
                },
            }
        }
    }

    /// The windows for the days of `days` that hold a value; None when none does.
    pub fn over<T>(days: &BTreeMap<NaiveDate, T>) -> Option<Windows> {
        let first = *days.keys().next()?;
        let last = *days.keys().next_back()?;
        Some(Windows::of(first, last))
    }

    /// The first and the last window, unless the span is too short.
    pub fn pair(self) -> Option<(Span, Span)> {
        match self {
            Windows::TooShort(_) => None,
            Windows::Months { first, last } | Windows::Halves { first, last } => {
                Some((first, last))
            }
        }
    }

    /// From the first day to the last.
    pub fn span(self) -> Span {
        match self {
            Windows::TooShort(span) => span,
            Windows::Months { first, last } | Windows::Halves { first, last } => Span {
                from: first.from,
                to: last.to,
            },
        }
    }

    /// How the sentences name the two windows.
    fn names(self) -> Option<(String, String)> {
        match self {
            Windows::TooShort(_) => None,
            Windows::Months { first, last } => Some((
                format!("your first month ({})", first.words()),
                format!("your last month ({})", last.words()),
            )),
            Windows::Halves { first, last } => Some((first.words(), last.words())),
        }
    }
}

/// The sentence for a span too short to compare: `what` is "check-ins" or
/// "stay-present practices".
fn too_short(what: &str, span: Span) -> String {
    let n = counted(span.days(), "day", "days");
    format!(
        "Your {what} here span {n} ({}): too short to compare a beginning with an end, which takes {MIN_DAYS} days or more.",
        span.words()
    )
}

/// Sums the values of the days inside `span`.
fn within<T: Default>(
    days: &BTreeMap<NaiveDate, T>,
    span: Span,
    mut add: impl FnMut(&mut T, &T),
) -> T {
    let mut sum = T::default();
    for value in days.range(span.from..=span.to).map(|(_, v)| v) {
        add(&mut sum, value);
    }
    sum
}

/// "12 check-ins", "1 check-in".
fn counted(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A mean as people read it: one decimal ("2.4", "4"), by the one rule in `text`.
pub use crate::text::one_decimal;

/// "{scale}: 2.5 on average in A, 4 in B." with `none` in place of a window without values;
/// None when neither window has one.
fn means_sentence(
    scale: &str,
    none: &str,
    (first_name, last_name): (&str, &str),
    (first, last): (Total, Total),
) -> Option<String> {
    let (then, lately) = (first.mean(), last.mean());
    if then.is_none() && lately.is_none() {
        return None;
    }
    let began = match then {
        Some(mean) => format!("{} on average in {first_name}", one_decimal(mean)),
        None => format!("{none} in {first_name}"),
    };
    let ended = match (then, lately) {
        (Some(_), Some(mean)) => format!("{} in {last_name}", one_decimal(mean)),
        (None, Some(mean)) => format!("{} on average in {last_name}", one_decimal(mean)),
        (_, None) => format!("{none} in {last_name}"),
    };
    Some(format!("{scale}: {began}, {ended}."))
}

/// What changed in a run of check-ins, sentence by sentence, or why it cannot be told.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckInChange {
    /// The span is too short to compare: the one sentence that says so.
    TooShort(String),
    Compared {
        /// How many named a pleasant feeling and how many an unpleasant one.
        tones: String,
        /// How strong the unpleasant feelings were, when any was named.
        strength: Option<String>,
        /// How the moments felt overall, when any mood was recorded.
        mood: Option<String>,
        /// How many different feeling words were named, when any was.
        words: Option<String>,
    },
}

impl CheckInChange {
    /// What changed in the check-ins of `days` (each day's check-ins with their words
    /// placed), comparing two windows that do not overlap; None when there is no check-in.
    pub fn of(days: &BTreeMap<NaiveDate, Tones>) -> Option<CheckInChange> {
        let windows = Windows::over(days)?;
        let (Some((first, last)), Some((a, b))) = (windows.pair(), windows.names()) else {
            return Some(CheckInChange::TooShort(too_short(
                "check-ins",
                windows.span(),
            )));
        };
        let x = within(days, first, Tones::merge);
        let y = within(days, last, Tones::merge);
        let mut tones = format!(
            "In {a}, {} of {} named a pleasant feeling and {} an unpleasant one; in {b}, {} of {} named a pleasant feeling and {} an unpleasant one.",
            x.pleasant,
            counted(x.check_ins().into(), "check-in", "check-ins"),
            x.unpleasant,
            y.pleasant,
            y.check_ins(),
            y.unpleasant,
        );
        if x.unplaced + y.unplaced > 0 {
            tones += " The others were \"not sure\" or a word not yet placed.";
        }
        let (wx, wy) = (x.words.len(), y.words.len());
        Some(CheckInChange::Compared {
            tones,
            strength: means_sentence(
                "How strong the unpleasant feelings were (1 barely there, 5 filling everything)",
                "none named",
                (&a, &b),
                (x.unpleasant_strength, y.unpleasant_strength),
            ),
            mood: means_sentence(
                "How the moments felt overall (mood, 1 very unpleasant, 5 very pleasant)",
                "no mood recorded",
                (&a, &b),
                (x.mood, y.mood),
            ),
            words: (wx + wy > 0)
                .then(|| format!("Different feeling words named: {wx} in {a}, {wy} in {b}.")),
        })
    }

    /// Every sentence, in order.
    pub fn sentences(self) -> Vec<String> {
        match self {
            CheckInChange::TooShort(said) => vec![said],
            CheckInChange::Compared {
                tones,
                strength,
                mood,
                words,
            } => std::iter::once(tones)
                .chain(strength)
                .chain(mood)
                .chain(words)
                .collect(),
        }
    }
}

/// What changed in the check-ins of `days`: which side of pleasant ↔ unpleasant the
/// feelings fell on, how strong the unpleasant ones were, how the moments felt overall
/// (mood) and how many different words were named. Empty when there is no check-in.
pub fn check_in_sentences(days: &BTreeMap<NaiveDate, Tones>) -> Vec<String> {
    CheckInChange::of(days).map_or_else(Vec::new, CheckInChange::sentences)
}

/// Seconds until the urge to leave, told as then and lately over windows that do not
/// overlap: each day's (total seconds, holds where the urge came), kept for days with any
/// hold at all.
#[derive(Debug, Clone, PartialEq)]
pub struct UrgeChange {
    pub windows: Windows,
    /// The first and the last window's (total seconds, holds where the urge came).
    pub first: (f64, usize),
    pub last: (f64, usize),
}

impl UrgeChange {
    /// From each day with a hold: (total seconds, holds where the urge came).
    pub fn of(days: &BTreeMap<NaiveDate, (f64, usize)>) -> Option<UrgeChange> {
        let windows = Windows::over(days)?;
        let add = |sum: &mut (f64, usize), day: &(f64, usize)| {
            sum.0 += day.0;
            sum.1 += day.1;
        };
        let (first, last) = windows
            .pair()
            .map(|(f, l)| (within(days, f, add), within(days, l, add)))
            .unwrap_or_default();
        Some(UrgeChange {
            windows,
            first,
            last,
        })
    }

    /// The mean seconds of a window where any urge came.
    pub fn mean((total, count): (f64, usize)) -> Option<f64> {
        (count > 0).then(|| total / count as f64)
    }
}

/// What changed in how long the urge to leave took, and how many holds ended with none.
pub fn urge_sentence(change: Option<&UrgeChange>, no_urge: usize) -> String {
    let none = match no_urge {
        0 => String::new(),
        1 => "1 hold ended with no urge at all".to_owned(),
        n => format!("{n} holds ended with no urge at all"),
    };
    let came = change.map(|c| {
        if let Some((first, last)) = c.windows.names() {
            let part = |w, name: &str, then: &str| match UrgeChange::mean(w) {
                Some(s) => format!("{}{then} in {name}", crate::text::seconds_unbroken(s)),
                None => format!("no urge came in {name}"),
            };
            format!(
                "Seconds until the urge to leave (more means staying longer): {}, {}",
                part(c.first, &first, " on average"),
                part(c.last, &last, "")
            )
        } else {
            too_short("stay-present practices", c.windows.span())
                .trim_end_matches('.')
                .to_owned()
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
    let resets = counted(u64::try_from(resets).unwrap_or(u64::MAX), "reset", "resets");
    format!(
        "How settled you felt (1 not at all, 5 very settled): {} before a breath reset and {} after, on average ({resets}).",
        one_decimal(before),
        one_decimal(after)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::feelings::Placements;
    use proptest::prelude::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap_or_default()
    }

    fn day_after(first: NaiveDate, n: u64) -> NaiveDate {
        first.checked_add_days(Days::new(n)).unwrap_or(first)
    }

    /// `days` days of one check-in each from 1 June 2026: calm at 2 for the first half,
    /// anxious at 2 for the second, so the mean strength never moves.
    fn calm_then_anxious(days: u64) -> BTreeMap<NaiveDate, Tones> {
        (0..days)
            .map(|i| {
                let mut t = Tones::default();
                let word = if i < days / 2 { "calm" } else { "anxious" };
                t.add(Some(word), Some(2), None, &Placements::new());
                (day_after(date("2026-06-01"), i), t)
            })
            .collect()
    }

    #[test]
    fn dates_are_said_as_people_say_them() {
        let span = |a, b| Span {
            from: date(a),
            to: date(b),
        };
        assert_eq!(span("2026-12-06", "2026-12-06").words(), "6 December 2026");
        assert_eq!(
            span("2026-11-07", "2026-11-21").words(),
            "7–21 November 2026"
        );
        assert_eq!(
            span("2026-11-22", "2026-12-06").words(),
            "22 November – 6 December 2026"
        );
        assert_eq!(
            span("2025-12-28", "2026-01-10").words(),
            "28 December 2025 – 10 January 2026"
        );
    }

    #[test]
    fn a_turn_from_pleasant_to_unpleasant_at_flat_strength_is_told_as_that_turn() {
        let said = check_in_sentences(&calm_then_anxious(30));
        assert_eq!(
            said,
            [
                "In 1–15 June 2026, 15 of 15 check-ins named a pleasant feeling and 0 an unpleasant one; in 16–30 June 2026, 0 of 15 named a pleasant feeling and 15 an unpleasant one.",
                "How strong the unpleasant feelings were (1 barely there, 5 filling everything): none named in 1–15 June 2026, 2 on average in 16–30 June 2026.",
                "Different feeling words named: 1 in 1–15 June 2026, 1 in 16–30 June 2026.",
            ]
        );
        let whole = check_in_sentences(&calm_then_anxious(183));
        assert_eq!(
            whole[0],
            "In your first month (1–30 June 2026), 30 of 30 check-ins named a pleasant feeling and 0 an unpleasant one; in your last month (1–30 November 2026), 0 of 30 named a pleasant feeling and 30 an unpleasant one."
        );
    }

    #[test]
    fn a_span_too_short_to_compare_says_so_and_gives_no_number() {
        assert_eq!(
            check_in_sentences(&calm_then_anxious(10)),
            [
                "Your check-ins here span 10 days (1–10 June 2026): too short to compare a beginning with an end, which takes 14 days or more."
            ]
        );
        let one = [(date("2026-06-01"), (4.0, 1))].into();
        assert_eq!(
            urge_sentence(UrgeChange::of(&one).as_ref(), 1),
            "Your stay-present practices here span 1 day (1 June 2026): too short to compare a beginning with an end, which takes 14 days or more; 1 hold ended with no urge at all."
        );
        assert!(check_in_sentences(&BTreeMap::new()).is_empty());
    }

    #[test]
    fn mood_is_its_own_sentence_beside_strength() {
        let mut days = calm_then_anxious(20);
        for (i, t) in days.values_mut().enumerate() {
            t.mood.add(if i < 10 { 4 } else { 2 });
        }
        let said = check_in_sentences(&days);
        assert_eq!(
            said[2],
            "How the moments felt overall (mood, 1 very unpleasant, 5 very pleasant): 4 on average in 1–10 June 2026, 2 in 11–20 June 2026."
        );
    }

    #[test]
    fn the_urge_is_told_over_two_windows() {
        let days = [
            (date("2026-06-01"), (4.0, 1)),
            (date("2026-06-02"), (0.0, 0)),
            (date("2026-06-20"), (12.0, 2)),
        ]
        .into();
        assert_eq!(
            urge_sentence(UrgeChange::of(&days).as_ref(), 2),
            "Seconds until the urge to leave (more means staying longer): 4\u{a0}s on average in 1–10 June 2026, 6\u{a0}s in 11–20 June 2026; 2 holds ended with no urge at all."
        );
        assert_eq!(
            breath_sentence(2.25, 3.6, 12),
            "How settled you felt (1 not at all, 5 very settled): 2.3 before a breath reset and 3.6 after, on average (12 resets)."
        );
    }

    proptest! {
        /// Whatever the span, the two windows never share a day, lie inside the span, and
        /// the first begins on the first day and the last ends on the last.
        #[test]
        fn windows_never_overlap(start in 0u64..3000, length in 0u64..800) {
            let first = day_after(date("2020-01-01"), start);
            let last = day_after(first, length);
            match Windows::of(first, last) {
                Windows::TooShort(span) => prop_assert!(span.days() < MIN_DAYS),
                windows => {
                    let (a, b) = windows.pair().unwrap_or((Span { from: first, to: first }, Span { from: first, to: first }));
                    prop_assert!(a.to < b.from, "{a:?} and {b:?} overlap");
                    prop_assert_eq!((a.from, b.to), (first, last));
                    prop_assert!(a.from <= a.to && b.from <= b.to);
                    if let Windows::Months { .. } = windows {
                        prop_assert_eq!((a.days(), b.days()), (MONTH_DAYS, MONTH_DAYS));
                    }
                }
            }
        }
    }
}
