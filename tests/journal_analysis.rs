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
fn check_ins_colours_and_trends() {
    let s = stats_on("2026-05-16");
    // Check-ins from 03-20 to 05-14 (the 01:30 one of the 29th on the 28th): 56 days, so two
    // halves of 28: 03-20..04-16 and 04-17..05-14. The first holds tense 4, calm 3, hopeful
    // 4, restless 2, steady 4, overwhelmed 5 and lonely 4 (hopeful, restless and steady are
    // not built-in words, so not yet placed); the last content 2 and tender 1.
    let months: Vec<(String, u32, u32, u32, u32)> = s
        .check_in_months()
        .iter()
        .map(|((y, m), t)| {
            (
                format!("{y}-{m:02}"),
                t.pleasant,
                t.unpleasant,
                t.unplaced,
                t.unpleasant_strength.count,
            )
        })
        .collect();
    assert_eq!(
        months,
        [
            ("2026-03".to_owned(), 1, 1, 3, 1),
            ("2026-04".to_owned(), 0, 2, 0, 2),
            ("2026-05".to_owned(), 2, 0, 0, 0),
        ]
    );
    assert_eq!(
        s.sentences()[..3],
        [
            "In 20 March – 16 April 2026, 1 of 7 check-ins named a pleasant feeling and 3 an unpleasant one; in 17 April – 14 May 2026, 2 of 2 named a pleasant feeling and 0 an unpleasant one. The others were \"not sure\" or a word not yet placed.",
            // (4 + 5 + 4) / 3.
            "How strong the unpleasant feelings were (1 barely there, 5 filling everything): 4.3 on average in 20 March – 16 April 2026, none named in 17 April – 14 May 2026.",
            "Different feeling words named: 7 in 20 March – 16 April 2026, 2 in 17 April – 14 May 2026.",
        ]
    );
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
    // Holds from 03-21 to 05-12 (the 02:00 one in New York on the 14th): 53 days, halves of
    // 26 and 27. First, 03-21..04-15: 3, 4, 5, 6, 5, 7 -> 30 / 6; last, 04-16..05-12: 8, 9,
    // 10, 12.5 -> 39.5 / 4.
    let change = urge.then.as_ref().unwrap();
    let (first, last) = change.windows.pair().unwrap();
    assert_eq!(
        (first.from, first.to),
        (date("2026-03-21"), date("2026-04-15"))
    );
    assert_eq!(
        (last.from, last.to),
        (date("2026-04-16"), date("2026-05-12"))
    );
    assert_eq!(change.first.1, 6);
    assert!(close(change.first.0, 30.0) && close(change.last.0, 39.5));
    assert_eq!(
        s.sentences()[3],
        "Seconds until the urge to leave (more means staying longer): 5\u{a0}s on average in 21 March – 15 April 2026, 9.9\u{a0}s in 16 April – 12 May 2026."
    );

    // Before/after: (4, 2), (5, 3), (3, 3), (4, 1) -> 4.0 and 2.25.
    let breath = s.breath_reset.unwrap();
    assert_eq!(breath.entries, 4);
    assert!(close(breath.mean_before, 4.0) && close(breath.mean_after, 2.25));
    assert!(close(breath.mean_change, -1.75));

    let json = s.to_json();
    assert_eq!(
        json["stay_present"]["change"]["last"]["mean_seconds_until_urge"],
        9.88
    );
    assert_eq!(
        json["stay_present"]["change"]["first"]["from"],
        "2026-03-21"
    );
    assert_eq!(json["breath_reset"]["settled_change"], -1.75);
    assert_eq!(json["streak"]["longest"], 6);
    assert_eq!(json["check_ins"]["by_month"][1]["month"], "2026-04");
    assert_eq!(
        json["check_ins"]["by_month"][1]["unpleasant_strength_mean"],
        4.5
    );
    assert_eq!(json["check_ins"]["change"]["first"]["unpleasant"], 3);
    assert_eq!(json["check_ins"]["change"]["last"]["to"], "2026-05-14");
    assert!(json.get("level_by_week").is_none());
    assert_eq!(
        json["check_ins"]["unplaced_words"],
        serde_json::json!(["hopeful", "restless", "steady"])
    );
}

#[test]
fn a_word_placed_in_the_settings_counts_on_its_side() {
    let config =
        Config::parse("[feelings]\nrestless = { pleasant = false, energy = \"high\" }").unwrap();
    let entries = fixture();
    let s = Stats::from_entries(entries.iter().map(|(e, _)| e), date("2026-05-16"), &config);
    let march = &s.check_in_months()[0].1;
    assert_eq!((march.unpleasant, march.unplaced), (2, 2));
    // tense 4 and restless 2.
    assert_eq!(march.unpleasant_strength.mean(), Some(3.0));
    assert_eq!(
        s.unplaced_words.iter().collect::<Vec<_>>(),
        ["hopeful", "steady"]
    );
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
