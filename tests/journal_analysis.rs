//! Stats, filters and CSV export against a hand-written journal (`fixtures/analysis.jsonl`)
//! that spans the European DST change of 2026-03-29 (+01:00 to +02:00, with entries at
//! 01:30 and 03:30 local that belong to the 28th) and a trip at -05:00 (23:30 and 02:00
//! local on the 14th/15th of April, both the 14th). Every expected number was worked out
//! by hand from the fixture; the comments show the sums.

use std::path::Path;

use chrono::NaiveDate;
use steady::config::Config;
use steady::journal::entry::Entry;
use steady::journal::export::{self, Format};
use steady::journal::query::{DateSpec, Filter};
use steady::journal::read;
use steady::journal::stats::Stats;

fn fixture() -> Vec<(Entry, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/analysis.jsonl");
    read::lines(&path)
        .unwrap()
        .map(|line| match line.unwrap().content {
            read::Content::Entry { entry, raw } => (*entry, raw),
            other @ read::Content::Unreadable { .. } => {
                panic!("fixture line unreadable: {other:?}")
            }
        })
        .collect()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn stats_on(today: &str) -> Stats {
    let entries = fixture();
    Stats::from_entries(
        entries.iter().map(|(e, _)| e),
        date(today),
        &Config::default(),
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn counts_days_and_streaks() {
    let s = stats_on("2026-05-16");
    assert_eq!(s.entries, 25);
    let per: Vec<(&str, usize)> = s
        .per_practice
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        per,
        [
            ("breath-reset", 4),
            ("feeling-check-in", 9),
            ("micro-reach", 1),
            ("stay-present", 10),
            ("trigger-log", 1),
        ]
    );
    // Days: 03-20..22 (3), 03-25..30 (6; the 01:30 and 03:30 entries of the 29th fill the
    // 28th), 04-02, 04-08, 04-13..16 (4; the New York evening and night are the 14th),
    // 04-21, 04-28, 05-05, 05-12..16 (5) = 23.
    assert_eq!(s.days_practised, 23);
    assert_eq!(s.first_day, Some(date("2026-03-20")));
    assert_eq!(s.last_day, Some(date("2026-05-16")));
    assert_eq!(s.longest_streak, 6, "03-25 to 03-30 across the DST change");
    assert_eq!((s.current_streak, s.practised_today), (5, true));
}

#[test]
fn current_streak_waits_for_today_then_ends() {
    let s = stats_on("2026-05-17");
    assert_eq!((s.current_streak, s.practised_today), (5, false));
    let s = stats_on("2026-05-18");
    assert_eq!((s.current_streak, s.longest_streak), (0, 6));
}

#[test]
fn weekly_levels_colours_and_trends() {
    let s = stats_on("2026-05-16");
    let weeks: Vec<(String, f64, usize)> = s
        .level_by_week
        .iter()
        .map(|w| (steady::journal::stats::week_label(w.week), w.mean, w.count))
        .collect();
    // W12: 4; W13: (3 + 4 + 2) / 3; W14: 4; W16: (5 + 4) / 2; W20: (2 + 1) / 2.
    let expected = [
        ("2026-W12", 4.0, 1),
        ("2026-W13", 3.0, 3),
        ("2026-W14", 4.0, 1),
        ("2026-W16", 4.5, 2),
        ("2026-W20", 1.5, 2),
    ];
    assert_eq!(weeks.len(), expected.len(), "{weeks:?}");
    for ((w, m, n), (ew, em, en)) in weeks.iter().zip(expected) {
        assert!(w == ew && close(*m, em) && *n == en, "{weeks:?}");
    }
    let colours: Vec<(&str, usize)> = s.colours.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        colours,
        [
            ("blue", 2),
            ("green", 3),
            ("grey", 1),
            ("red", 2),
            ("teal", 1)
        ]
    );

    let urge = s.stay_present.as_ref().unwrap();
    assert_eq!(urge.entries, 10);
    // First four weeks with entries, W12..W15: 3, 4, 5, 6, 5 -> 23 / 5.
    assert_eq!(
        urge.first.weeks,
        [(2026, 12), (2026, 13), (2026, 14), (2026, 15)]
    );
    assert_eq!(urge.first.count, 5);
    assert!(close(urge.first.mean_urge_s, 4.6));
    // Last four, W17..W20: 8, 9, 10, 12.5 -> 39.5 / 4.
    assert_eq!(
        urge.last.weeks,
        [(2026, 17), (2026, 18), (2026, 19), (2026, 20)]
    );
    assert!(close(urge.last.mean_urge_s, 9.875));

    // Before/after: (4, 2), (5, 3), (3, 3), (4, 1) -> 4.0 and 2.25.
    let breath = s.breath_reset.unwrap();
    assert_eq!(breath.entries, 4);
    assert!(close(breath.mean_before, 4.0) && close(breath.mean_after, 2.25));
    assert!(close(breath.mean_change, -1.75));

    let json = s.to_json();
    assert_eq!(json["stay_present"]["last_weeks"]["mean_urge_s"], 9.88);
    assert_eq!(json["breath_reset"]["mean_change"], -1.75);
    assert_eq!(json["streak"]["longest"], 6);
    assert_eq!(json["level_by_week"][1]["week"], "2026-W13");
}

fn selected(filter: &Filter) -> Vec<String> {
    fixture()
        .into_iter()
        .filter(|(e, _)| filter.matches(e, Config::default().day_starts_at))
        .map(|(e, _)| e.id[e.id.len() - 2..].to_owned())
        .collect()
}

#[test]
fn filters_use_local_days_across_dst_and_time_zones() {
    let day = |d: &str| Filter {
        since: Some(date(d)),
        until: Some(date(d)),
        ..Filter::default()
    };
    assert_eq!(selected(&day("2026-03-28")), ["07", "08"]);
    assert_eq!(selected(&day("2026-03-29")), ["09"]);
    assert_eq!(selected(&day("2026-04-14")), ["14", "15"]);
    assert_eq!(selected(&day("2026-04-15")), ["16"]);
    let last_week = Filter {
        since: Some(DateSpec::parse("7d").unwrap().resolve(date("2026-05-16"))),
        ..Filter::default()
    };
    assert_eq!(selected(&last_week), ["21", "22", "23", "24", "25"]);
}

#[test]
fn filters_by_practice_and_text() {
    let f = Filter {
        practices: vec!["breath-reset".into(), "trigger-log".into()],
        ..Filter::default()
    };
    assert_eq!(selected(&f), ["03", "08", "13", "17", "25"]);
    let search = |s: &str| {
        selected(&Filter {
            search: Some(s.into()),
            ..Filter::default()
        })
    };
    assert_eq!(search("REPLY"), ["17"]);
    assert_eq!(search("Partner"), ["24"], "text inside a list answer");
    assert_eq!(search("goodbye hug"), ["02", "09", "12", "18", "19", "20"]);
    assert!(search("12.5").is_empty(), "numbers are not text");
}

#[test]
fn csv_reads_back_with_a_standard_reader() {
    let entries = fixture();
    let mut out = Vec::new();
    let source = |each: &mut export::Each| -> std::io::Result<()> {
        entries.iter().try_for_each(|(e, raw)| each(e, raw))
    };
    export::write(
        Format::Csv,
        Config::default().day_starts_at,
        export::Sequential(source),
        &mut out,
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 25);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        &rows[0][col("responses.note")],
        "Meeting at 9, then \"quiet\" dinner, maybe"
    );
    assert_eq!(
        &rows[22][col("responses.note")],
        "Quiet evening.\nFelt close, and that was OK."
    );
    assert_eq!(
        &rows[23][col("responses.values")],
        "present partner; trustworthy friend"
    );
    assert_eq!(
        &rows[23][col("responses.reach")],
        "Texted Sam, \"thinking of you\""
    );
    assert_eq!(&rows[23][col("completed")], "false");
    assert_eq!(&rows[20][col("responses.stay.urge_s")], "12.5");
    assert_eq!(
        &rows[13][col("started_at")],
        "2026-04-14T23:30:00.000-05:00"
    );
    assert_eq!(&rows[13][col("responses.colour")], "red");
    assert_eq!(&rows[13][col("responses.stay.urge_s")], "");
    // Base columns first (the entry's tags after `via`), then answers sorted by key and field.
    assert_eq!(
        header[..10].join(","),
        "id,practice,title,started_at,ended_at,day,local_time,completed,via,tags"
    );
    let answers = &header[10..];
    let mut sorted = answers.to_vec();
    sorted.sort();
    assert_eq!(answers, sorted.as_slice());
    assert!(answers.contains(&"responses.breath.cycles".to_owned()));
}
