//! `steady stats`: counts and slow trends in calm words, or as JSON for scripts. The
//! journal is streamed into a `StatsBuilder`, so no entry is kept once counted.

use super::args::StatsArgs;
use super::filters;
use super::out::{self, plural};
use super::{CliResult, Context};
use crate::journal::stats::{
    BREATH_RESET, STAY_PRESENT, Stats, StatsBuilder, Then, breath_sentence, level_sentence,
    one_decimal, urge_sentence, week_label,
};
use crate::text;
use std::fmt::Write as _;

/// How many recent weeks of levels the text shows (`--json` has them all).
const RECENT_WEEKS: usize = 8;

pub fn run(ctx: &Context, args: &StatsArgs) -> CliResult {
    let selection = filters::select(ctx, &args.filter)?;
    let config = ctx.config()?;
    let mut builder = StatsBuilder::new(config);
    let scan = match filters::scan(ctx, &selection, |entry, _| {
        builder.add(entry);
        Ok(())
    }) {
        Ok(scan) => scan,
        Err(stop) => return stop.into_result(),
    };
    let stats = builder.finish(selection.today);
    filters::report_unreadable(&scan);
    out::print(|out| {
        if args.json {
            writeln!(out, "{}", stats.to_json())
        } else if let Some(why) = filters::nothing_to_show(&scan) {
            writeln!(out, "{why}")
        } else {
            out.write_all(describe(&stats, config.show_streaks).as_bytes())
        }
    })
}

/// The first line: how many entries, on how many days, and when.
fn overview(stats: &Stats) -> String {
    let entries = plural(stats.entries, "entry", "entries");
    match (stats.first_day, stats.last_day) {
        (Some(first), Some(last)) if first != last => format!(
            "{entries} on {} between {first} and {last}.",
            plural(stats.days_practised, "day", "days")
        ),
        (Some(day), _) => match stats.entries {
            1 => format!("{entries}, on {day}."),
            2 => format!("{entries}, both on {day}."),
            _ => format!("{entries}, all on {day}."),
        },
        _ => format!("{entries}."),
    }
}

/// The stats as a few short paragraphs.
fn describe(stats: &Stats, show_streaks: bool) -> String {
    let mut s = String::new();
    s += &overview(stats);
    s += "\n";

    s += "\nPractices\n";
    let mut practices: Vec<_> = stats.per_practice.iter().collect();
    practices.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let w = practices
        .iter()
        .map(|(p, _)| p.chars().count())
        .max()
        .unwrap_or(0);
    for (practice, n) in practices {
        let _ = writeln!(s, "  {:<w$}  {n}", text::clean(practice, false));
    }

    if show_streaks {
        s += "\nDays in a row\n";
        let now = match (stats.current_streak, stats.practised_today) {
            (0, _) => "a fresh start whenever you like".to_owned(),
            (n, true) => format!("{}, today included", plural(n, "day", "days")),
            (n, false) => format!("{} up to yesterday", plural(n, "day", "days")),
        };
        let _ = writeln!(s, "  now      {now}");
        let _ = writeln!(
            s,
            "  longest  {}",
            plural(stats.longest_streak, "day", "days")
        );
    }

    if !stats.level_by_week.is_empty() {
        let n = stats.level_by_week.len();
        let shown = n.min(RECENT_WEEKS);
        let which = if shown < n {
            format!("the last {shown} of {n} weeks")
        } else {
            "by week".to_owned()
        };
        let _ = writeln!(s, "\nFeeling check-in level, {which}");
        for w in &stats.level_by_week[n - shown..] {
            let _ = writeln!(
                s,
                "  {}  {:>3}  ({})",
                week_label(w.week),
                one_decimal(w.mean),
                plural(w.count, "check-in", "check-ins")
            );
        }
        let weeks: Vec<(f64, usize)> = stats
            .level_by_week
            .iter()
            .map(|w| (w.mean * w.count as f64, w.count))
            .collect();
        if let Some(then) = Then::of(&weeks) {
            let _ = writeln!(s, "  {}", level_sentence(&then));
        }
    }

    if !stats.colours.is_empty() {
        let mut colours: Vec<_> = stats.colours.iter().collect();
        colours.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = colours
            .iter()
            .map(|(c, n)| format!("{} {n}", text::clean(c, false)))
            .collect();
        let _ = writeln!(s, "\nColours\n  {}", listed.join(" · "));
    }

    if let Some(t) = &stats.stay_present {
        let _ = writeln!(
            s,
            "\nStaying present ({STAY_PRESENT}): time until the urge to leave"
        );
        let _ = writeln!(s, "  {}", urge_sentence(t.then.as_ref(), t.no_urge));
    }

    if let Some(b) = &stats.breath_reset {
        let _ = writeln!(
            s,
            "\nBreath reset ({BREATH_RESET}): how settled, before and after"
        );
        let _ = writeln!(
            s,
            "  {}",
            breath_sentence(b.mean_before, b.mean_after, b.entries)
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::stats::{BreathChange, Stretch, UrgeTrend, WeekMean};
    use chrono::NaiveDate;

    #[test]
    fn numbers_are_read_to_one_decimal() {
        let shown: Vec<String> = [0.0, -0.001, 4.0, 100.0, 2.26, 9.875, 4.6]
            .map(one_decimal)
            .into();
        assert_eq!(shown, ["0", "0", "4", "100", "2.3", "9.9", "4.6"]);
    }

    #[test]
    fn text_is_calm_and_complete() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let stretch = |w: u32, mean| Stretch {
            weeks: vec![(2026, w)],
            mean_urge_s: mean,
            count: 2,
        };
        let stats = Stats {
            entries: 5,
            per_practice: [("breath-reset".into(), 2), ("stay-present".into(), 3)].into(),
            days_practised: 4,
            first_day: Some(d("2026-11-01")),
            last_day: Some(d("2026-11-21")),
            current_streak: 2,
            longest_streak: 3,
            practised_today: false,
            level_by_week: vec![WeekMean {
                week: (2026, 47),
                mean: 3.25,
                count: 4,
            }],
            colours: [("blue".into(), 1)].into(),
            stay_present: Some(UrgeTrend {
                entries: 3,
                no_urge: 1,
                then: Some(Then {
                    first: 4.6,
                    last: 9.5,
                    weeks: 2,
                }),
                first: stretch(40, 4.6),
                last: stretch(47, 9.5),
            }),
            breath_reset: Some(BreathChange {
                entries: 2,
                mean_before: 4.0,
                mean_after: 2.5,
                mean_change: -1.5,
            }),
        };
        let text = describe(&stats, true);
        for part in [
            "5 entries on 4 days between 2026-11-01 and 2026-11-21.",
            "  stay-present  3\n  breath-reset  2\n",
            "2 days up to yesterday",
            "longest  3 days",
            "2026-W47  3.3  (4 check-ins)",
            "Your check-in level averaged 3.3 over one week.",
            "blue 1",
            "The urge to leave came after 4.6\u{a0}s on average; 1 hold ended with no urge at all.",
            "Settledness went from 4 before a breath reset to 2.5 after, on average (2 resets).",
        ] {
            assert!(text.contains(part), "{part:?} missing in:\n{text}");
        }
        assert!(!describe(&stats, false).contains("in a row"));
        let one_day = |entries| Stats {
            entries,
            days_practised: 1,
            first_day: Some(d("2026-11-22")),
            last_day: Some(d("2026-11-22")),
            ..stats.clone()
        };
        assert_eq!(overview(&one_day(1)), "1 entry, on 2026-11-22.");
        assert_eq!(overview(&one_day(2)), "2 entries, both on 2026-11-22.");
        assert_eq!(overview(&one_day(3)), "3 entries, all on 2026-11-22.");
    }
}
