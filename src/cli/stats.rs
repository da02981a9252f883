//! `steady stats`: counts and slow trends in calm words, or as JSON for scripts. The
//! journal is streamed into a `StatsBuilder`, so no entry is kept once counted.

use super::args::StatsArgs;
use super::filters;
use super::out::{self, plural};
use super::{CliResult, Context};
use crate::journal::change::check_in_sentences;
use crate::journal::feelings::Total;
use crate::journal::stats::{
    BREATH_RESET, STAY_PRESENT, Stats, StatsBuilder, breath_sentence, one_decimal, urge_sentence,
};
use crate::text;
use std::fmt::Write as _;

/// How many recent months of check-ins the text shows (`--json` has them all).
const RECENT_MONTHS: usize = 12;

/// What each column of the check-in table measures, and which way its scale runs.
const CHECK_IN_KEY: &str = "  pleasant, unpleasant: check-ins that named a feeling on that side
  other: \"not sure\", or a word of your own not yet placed ([feelings] in settings)
  strength: of the unpleasant ones, 1 barely there – 5 filling everything
  mood: how the moments felt overall, 1 very unpleasant – 5 very pleasant
  words: how many different feeling words were named
";

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

/// The check-ins month by month, what each column measures, the sentences of change and
/// the words still to place.
fn check_ins(s: &mut String, stats: &Stats) {
    let months = stats.check_in_months();
    if !months.is_empty() {
        let n = months.len();
        let shown = n.min(RECENT_MONTHS);
        let which = if shown < n {
            format!("the last {shown} of {n} months")
        } else {
            "month by month".to_owned()
        };
        let _ = writeln!(s, "\nFeeling check-ins, {which}");
        s.push_str(CHECK_IN_KEY);
        let _ = writeln!(
            s,
            "  month    check-ins  pleasant  unpleasant  other  strength  mood  words"
        );
        let mean = |t: Total| t.mean().map_or_else(|| "–".to_owned(), one_decimal);
        for ((year, month), t) in &months[n - shown..] {
            let _ = writeln!(
                s,
                "  {year}-{month:02}  {:>9}  {:>8}  {:>10}  {:>5}  {:>8}  {:>4}  {:>5}",
                t.check_ins(),
                t.pleasant,
                t.unpleasant,
                t.unplaced,
                mean(t.unpleasant_strength),
                mean(t.mood),
                t.words.len()
            );
        }
        for sentence in check_in_sentences(&stats.check_ins) {
            let _ = writeln!(s, "  {sentence}");
        }
        if !stats.unplaced_words.is_empty() {
            let words: Vec<String> = stats
                .unplaced_words
                .iter()
                .map(|w| text::clean(w, false))
                .collect();
            let _ = writeln!(
                s,
                "  Not yet placed as pleasant or unpleasant: {}. Place them in your settings, e.g. [feelings] {} = {{ pleasant = true, energy = \"low\" }}.",
                words.join(", "),
                crate::config_write::key(&words[0])
            );
        }
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

    check_ins(&mut s, stats);

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
    use crate::journal::change::UrgeChange;
    use crate::journal::feelings::{Placements, Tones};
    use crate::journal::stats::{BreathChange, UrgeTrend};
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
        let mut calm = Tones::default();
        calm.add(Some("calm"), Some(2), None, &Placements::new());
        let mut anxious = Tones::default();
        anxious.add(Some("anxious"), Some(4), Some(2), &Placements::new());
        anxious.add(Some("not sure"), Some(3), None, &Placements::new());
        let urges = [(d("2026-11-10"), (9.2, 2)), (d("2026-11-12"), (0.0, 0))].into();
        let unplaced_words = ["at ease".to_owned(), "hopeful".to_owned()].into();
        let stats = Stats {
            entries: 5,
            per_practice: [("breath-reset".into(), 2), ("stay-present".into(), 3)].into(),
            days_practised: 4,
            first_day: Some(d("2026-11-01")),
            last_day: Some(d("2026-11-21")),
            current_streak: 2,
            longest_streak: 3,
            practised_today: false,
            check_ins: [(d("2026-10-30"), calm), (d("2026-11-21"), anxious)].into(),
            unplaced_words,
            colours: [("blue".into(), 1)].into(),
            stay_present: Some(UrgeTrend {
                entries: 3,
                no_urge: 1,
                then: UrgeChange::of(&urges),
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
            "Feeling check-ins, month by month\n",
            "  strength: of the unpleasant ones, 1 barely there – 5 filling everything\n",
            "  month    check-ins  pleasant  unpleasant  other  strength  mood  words\n",
            "  2026-10          1         1           0      0         –     –      1\n",
            "  2026-11          2         0           1      1         4     2      1\n",
            "  In 30 October – 9 November 2026, 1 of 1 check-in named a pleasant feeling and 0 an unpleasant one; in 10–21 November 2026, 0 of 2 named a pleasant feeling and 1 an unpleasant one. The others were \"not sure\" or a word not yet placed.\n",
            "  How strong the unpleasant feelings were (1 barely there, 5 filling everything): none named in 30 October – 9 November 2026, 4 on average in 10–21 November 2026.\n",
            "  Not yet placed as pleasant or unpleasant: at ease, hopeful. Place them in your settings, e.g. [feelings] \"at ease\" = { pleasant = true, energy = \"low\" }.\n",
            "blue 1",
            "Your stay-present practices here span 3 days (10–12 November 2026): too short to compare a beginning with an end, which takes 14 days or more; 1 hold ended with no urge at all.",
            "How settled you felt (1 not at all, 5 very settled): 4 before a breath reset and 2.5 after, on average (2 resets).",
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
