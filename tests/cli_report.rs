//! `steady report` through the real binary, and its page in a real browser (headless
//! Chromium): a realistic six-month journal and an empty range are rendered to PNG and PDF
//! with no request going out from the page and no console message; the page is
//! self-contained, says it is a self-report at the top and gives the crisis lines at the
//! bottom, escapes what was typed, and says kindly when a range holds nothing. Its first
//! page is the summary; days read as people write them; the person's words include their
//! choices, tags and mood, a private practice's only with `--include-private`; chart tables
//! are folded away and left out in print; and the default month at about four entries a
//! day prints in at most six pages on A4 and on Letter. The PNGs and PDFs are kept in
//! `target/tmp/report-shots/` to be looked at.

mod journal_common;
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use journal_common::*;

/// "Now" for every run: the six-month journal ends the day before.
const NOW: &str = "2026-11-22T10:00:00+01:00";

/// A small deterministic random source, so the journal is the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn entry(id: &str, practice: &str, title: &str, at: &str, responses: serde_json::Value) -> String {
    let mut entry = serde_json::json!({
        "v": 1, "id": id, "practice": practice, "title": title,
        "started_at": at, "ended_at": at, "completed": true, "via": "tui",
    });
    entry["responses"] = responses;
    entry.to_string()
}

/// A hold of stay-present: the urge to leave after `urge` seconds, or None when the moment
/// ended with no urge at all (after `total` seconds).
fn hold(id: &str, at: &str, urge: Option<f64>, total: f64) -> String {
    let stay = match urge {
        Some(urge) => serde_json::json!({"urge_s": urge, "extra_s": 5.0, "total_s": urge + 5.0}),
        None => serde_json::json!({"urge_s": null, "extra_s": null, "total_s": total}),
    };
    let r = serde_json::json!({
        "moment": "a goodbye hug",
        "stay": stay,
        "body": "Tight shoulders, then they let go.",
    });
    entry(id, "stay-present", "Stay present a little longer", at, r)
}

/// A breath reset with its settledness before and after.
fn breath_reset(id: &str, at: &str, before: i64, after: i64) -> String {
    let r = serde_json::json!({
        "before": before, "breath": {"cycles": 9, "seconds": 90}, "after": after.min(5),
    });
    entry(id, "breath-reset", "90-second breath reset", at, r)
}

/// A trigger log with the fears chosen underneath.
fn trigger_log(id: &str, at: &str, fears: &[&str]) -> String {
    let r = serde_json::json!({
        "moment": "They did not answer my message for a whole afternoon.",
        "facts": "One message, sent at noon. No answer until six.",
        "story": "I'm too much for them.",
        "fear": fears,
        "alternative": "They were in meetings all afternoon.",
    });
    entry(id, "trigger-log", "Trigger log", at, r)
}

/// Notes a check-in might have.
const NOTES: [&str; 5] = [
    "I feel unsettled and I need a slow evening.",
    "I feel calm and I need nothing right now.",
    "I feel anxious about the call and I need to hear back.",
    "I feel tender after the talk and I need a hug.",
    "I feel tired and I need an early night without my phone.",
];

/// About six months of a person's practice: check-ins most days, a hold and a breath reset
/// a few times a week, a trigger log now and then, and one note with markup in it.
fn six_months() -> String {
    let mut rng = Lcg(7);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 5, 25).unwrap();
    let colours = [
        "blue", "grey", "green", "teal", "yellow", "purple", "stormy",
    ];
    let feelings = ["calm", "tense", "anxious", "tired", "tender", "lonely"];
    let mut lines = Vec::new();
    for day in 0..181u64 {
        let date = start + chrono::Days::new(day);
        let at = |h: u64, m: u64| format!("{date}T{h:02}:{m:02}:00.000+01:00");
        let id = |n: u64| format!("R{day:04}{n}");
        if rng.below(10) < 8 {
            let level = 2 + (rng.below(3) as i64) - i64::from(day > 120 && rng.below(2) == 0);
            let mut r = serde_json::json!({
                "feeling": feelings[rng.below(6) as usize],
                "level": level.max(1),
                "colour": colours[rng.below(7) as usize],
            });
            if rng.below(3) == 0 {
                r["note"] = NOTES[rng.below(4) as usize].into();
            }
            lines.push(entry(
                &id(1),
                "feeling-check-in",
                "Feeling check-in",
                &at(8, rng.below(50)),
                r,
            ));
        }
        if rng.below(7) < 2 {
            let urge = 5.0 + day as f64 / 10.0 + rng.below(60) as f64 / 4.0;
            // Now and then the moment ends with no urge to leave at all.
            let came = (day % 5 != 0).then_some(urge);
            lines.push(hold(&id(2), &at(19, 5), came, urge));
        }
        if rng.below(7) < 2 {
            let before = 1 + rng.below(3) as i64;
            let after = before + 1 + rng.below(2) as i64;
            lines.push(breath_reset(&id(3), &at(13, 30), before, after));
        }
        if day % 23 == 5 {
            lines.push(trigger_log(&id(4), &at(21, 0), &["being left"]));
        }
    }
    lines.push(entry(
        "R9999",
        "feeling-check-in",
        "Feeling check-in",
        "2026-11-21T22:00:00.000+01:00",
        serde_json::json!({"level": 3, "colour": "blue", "note": "<script>alert(1)</script> & \"quoted\" <b>not bold</b>\nsecond line"}),
    ));
    lines.join("\n") + "\n"
}

/// The default report's month at about four entries a day, as a person who uses steady
/// daily might have it: a check-in every morning and evening (a note, tags and a mood on
/// some), a breath reset every day and a hold every other day, a trigger log now and then
/// (with the fears chosen), a compliment (several feelings chosen), three supports (a
/// list), and an unsent letter, which is private.
fn thirty_days() -> String {
    let mut rng = Lcg(11);
    let first = chrono::NaiveDate::from_ymd_opt(2026, 10, 24).unwrap();
    let feelings = [
        "calm", "tense", "anxious", "tired", "tender", "lonely", "content",
    ];
    let colours = ["blue", "grey", "green", "teal", "yellow", "stormy"];
    let mut lines = Vec::new();
    for day in 0..30u64 {
        let date = first + chrono::Days::new(day);
        let at = |h: u64, m: u64| format!("{date}T{h:02}:{m:02}:00.000+01:00");
        let id = |n: u64| format!("T{day:04}{n}");
        for (n, hour) in [(1, 8), (5, 21)] {
            let mut r = serde_json::json!({
                "feeling": feelings[rng.below(7) as usize],
                "level": 1 + rng.below(5) as i64,
                "colour": colours[rng.below(6) as usize],
            });
            if rng.below(2) == 0 {
                r["note"] = NOTES[rng.below(5) as usize].into();
            }
            if rng.below(3) == 0 {
                r["mood"] = (1 + rng.below(5) as i64).into();
            }
            let mut line: serde_json::Value = serde_json::from_str(&entry(
                &id(n),
                "feeling-check-in",
                "Feeling check-in",
                &at(hour, rng.below(50)),
                r,
            ))
            .unwrap();
            if rng.below(3) == 0 {
                line["tags"] = serde_json::json!(["work", "walk by the river"]);
            }
            lines.push(line.to_string());
        }
        if day % 2 == 0 {
            let urge = 8.0 + day as f64 + rng.below(40) as f64 / 4.0;
            let came = (day % 6 != 0).then_some(urge);
            lines.push(hold(&id(2), &at(19, 5), came, 60.0));
        }
        let before = 1 + rng.below(3) as i64;
        lines.push(breath_reset(&id(3), &at(13, 30), before, before + 1));
        if day % 4 == 1 {
            lines.push(trigger_log(
                &id(4),
                &at(17, 0),
                &["being left", "being too much"],
            ));
        }
        match day {
            3 => lines.push(entry(&id(6), "compliment", "Receiving a compliment", &at(12, 0),
                serde_json::json!({"praise": "You explained that so clearly.", "felt": ["warm", "hard to believe"]}))),
            9 => lines.push(entry(&id(6), "three-supports", "Three supports", &at(12, 0),
                serde_json::json!({"supports": ["my sister", "the Thursday choir", "the library"]}))),
            12 | 25 => lines.push(entry(&id(6), "unsent-letter", "Unsent letter", &at(22, 0),
                serde_json::json!({"to": "Dad", "letter": "PRIVATE-LETTER: I needed you to come to the recital.", "after": 4}))),
            _ => {}
        }
    }
    lines.join("\n") + "\n"
}

impl Env {
    fn report(&self, args: &[&str]) -> std::process::Output {
        self.cmd(&[&["report"], args].concat())
            .env("STEADY_NOW", NOW)
            .output()
            .unwrap()
    }
}

#[test]
fn the_page_is_self_contained_says_what_it_is_and_escapes_what_was_typed() {
    let env = Env::new("report-page");
    env.write_journal(six_months());
    let out = env.report(&["--since", "2026-05-25"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    let disclaimer = page.find("It is not an assessment").unwrap();
    let crisis = page.find("If you need someone now").unwrap();
    assert!(disclaimer < page.find("<h2").unwrap() && crisis > page.rfind("</section>").unwrap());
    for number in ["988", "116 123", "findahelpline.com"] {
        assert!(page[crisis..].contains(number), "{number}");
    }
    // Nothing is loaded from anywhere: no scripts, no links to styles or fonts, no URLs.
    for banned in [
        "<script",
        "<link",
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
    ] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert!(page.contains("Content-Security-Policy"));
    // What was typed comes back as text.
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;b&gt;not bold&lt;/b&gt;\nsecond line"));
    // The sections are all there, each chart with its numbers in a folded table.
    for heading in [
        "What was practised, and how often",
        "Check-ins, week by week",
        "Colours",
        "Staying present",
        "Breath reset",
        "Days practised",
        "In their own words",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert_eq!(page.matches("<svg").count(), 3, "three charts");
    assert_eq!(page.matches("<details class=\"numbers\">").count(), 3);
    assert!(!page.to_lowercase().contains("streak"));
    assert!(
        page.contains("<td class=\"n\">no urge came</td>"),
        "a hold with no urge is in the table"
    );
    assert!(page.contains("What changed, in a few words"));
    // Weeks are the days they run from and to, never an ISO week label.
    assert!(!page.contains("-W"), "no ISO week label");
    assert!(page.contains("<td>16–22 Nov</td>"));
    // The default range is the last 30 days.
    let out = env.report(&[]);
    assert!(stdout(&out).contains("<p class=\"range\">24 Oct – 22 Nov 2026</p>"));
}

#[test]
fn an_empty_range_says_so_kindly_without_charts() {
    let env = Env::new("report-empty");
    let out = env.report(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains("Nothing recorded in these days"));
    assert!(page.contains("That is all right"));
    assert!(
        page.contains("<section class=\"first\">"),
        "nothing follows the summary to start a page"
    );
    assert!(!page.contains("<svg") && !page.contains("<table"));
    assert!(page.contains("It is not an assessment") && page.contains("findahelpline.com"));
}

#[test]
fn dash_o_writes_a_private_file_and_never_the_journal() {
    let env = Env::new("report-file");
    env.write_journal(six_months());
    let file = env.dir.join("out/report.html");
    let out = env.report(&["-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("Wrote a report of"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&file), 0o600);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let before = env.journal_bytes();
    let out = env.report(&["-o", env.journal().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(env.journal_bytes(), before);
}

/// Headless Chromium, or None (with a message) when it is not installed outside CI.
fn chromium() -> Option<PathBuf> {
    tools::installed(&["chromium", "chromium-browser", "google-chrome"])
}

/// What the browser did with one page.
struct Rendered {
    /// Requests the page made (by URL); Chromium's own background requests are left out.
    requests: Vec<String>,
    /// Console messages the page caused.
    console: Vec<String>,
    png: Vec<u8>,
    pdf: Vec<u8>,
}

/// Renders `html` to a PNG and a PDF, watching the page's requests in a network log.
fn render(browser: &Path, html: &Path, shots: &Path, name: &str) -> Rendered {
    let work = shots.join(format!("{name}-profile"));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let png = shots.join(format!("{name}.png"));
    let pdf = shots.join(format!("{name}.pdf"));
    let net = work.join("net.json");
    let url = format!("file://{}", html.display());
    let run = |extra: &[String]| {
        let out = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
            ])
            .arg(format!(
                "--user-data-dir={}",
                work.join("profile").display()
            ))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap();
        assert!(out.status.success(), "chromium: {}", stderr(&out));
        stderr(&out)
    };
    let log = run(&[
        format!("--log-net-log={}", net.display()),
        "--window-size=1000,2600".into(),
        format!("--screenshot={}", png.display()),
    ]);
    run(&[
        "--no-pdf-header-footer".into(),
        format!("--print-to-pdf={}", pdf.display()),
    ]);
    let console = log
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    let netlog: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&net).unwrap()).unwrap();
    // A request the page made is keyed to the page's own site (file://).
    let requests = netlog["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["params"]["network_isolation_key"]
                .as_str()
                .is_some_and(|k| k.contains("file://"))
        })
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_owned))
        .collect();
    Rendered {
        requests,
        console,
        png: std::fs::read(&png).unwrap(),
        pdf: std::fs::read(&pdf).unwrap(),
    }
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_browser_check_sees_a_request_and_a_console_message_when_there_are_some() {
    let Some(browser) = chromium() else { return };
    let shots = shots();
    let control = shots.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><p>control</p><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('from the control page')</script>",
    )
    .unwrap();
    let seen = render(&browser, &control, &shots, "control");
    assert!(
        seen.requests.iter().any(|u| u.contains("127.0.0.1:9")),
        "{:?}",
        seen.requests
    );
    assert!(
        seen.console
            .iter()
            .any(|l| l.contains("from the control page")),
        "{:?}",
        seen.console
    );
}

#[test]
fn six_months_and_an_empty_range_render_in_chromium_offline_and_quietly() {
    let Some(browser) = chromium() else { return };
    let shots = shots();
    let env = Env::new("report-browser");
    env.write_journal(six_months());
    for (name, since, until) in [
        ("six-months", "2026-05-25", "2026-11-22"),
        ("empty", "2025-01-01", "2025-01-31"),
    ] {
        let html = shots.join(format!("{name}.html"));
        let out = env.report(&[
            "--since",
            since,
            "--until",
            until,
            "--force",
            "-o",
            html.to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        let seen = render(&browser, &html, &shots, name);
        assert!(
            seen.requests.is_empty(),
            "{name}: the page asked for {:?}",
            seen.requests
        );
        assert!(
            seen.console.is_empty(),
            "{name}: console said {:?}",
            seen.console
        );
        assert!(
            seen.png.starts_with(b"\x89PNG") && seen.png.len() > 10_000,
            "{name}"
        );
        assert!(seen.pdf.starts_with(b"%PDF"), "{name}");
        let pages = seen
            .pdf
            .windows(10)
            .filter(|w| w == b"/Type /Pag" || w == b"/Type/Page")
            .count();
        assert!(pages >= 1, "{name}: {pages}");
    }
}

#[test]
fn the_crisis_lines_put_the_region_first() {
    let env = Env::new("report-region");
    std::fs::write(env.dir.join("config.toml"), "region = \"GB\"\n").unwrap();
    let page = stdout(&env.report(&[]));
    let footer = &page[page.find("If you need someone now").unwrap()..];
    assert!(
        footer.contains("call your local emergency number: 999."),
        "{footer}"
    );
    assert!(footer.find("116 123").unwrap() < footer.find("988").unwrap());
    assert!(footer.contains("SHOUT to 85258"));
}

/// The page up to the end of its first page (the summary section).
fn first_page(page: &str) -> &str {
    let start = page
        .find("<section class=\"first")
        .expect("a first section");
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

#[test]
fn the_first_page_gives_the_range_what_was_practised_and_what_changed() {
    let env = Env::new("report-first");
    env.write_journal(thirty_days());
    let out = env.report(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    let first = first_page(&page);
    assert!(
        first.contains("<p class=\"range\">24 Oct – 22 Nov 2026</p>"),
        "{first}"
    );
    // Everything `stats` counts over the same days, on the first page.
    let stats = env
        .cmd(&[
            "stats",
            "--json",
            "--since",
            "2026-10-24",
            "--until",
            "2026-11-22",
        ])
        .env("STEADY_NOW", NOW)
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_str(&stdout(&stats)).unwrap();
    let entries = stats["entries"].as_u64().unwrap();
    let days = stats["days_practised"].as_u64().unwrap();
    assert!(
        first.contains(&format!("{entries} entries on {days} days of these 30.")),
        "{first}"
    );
    assert!(
        (110..=130).contains(&entries),
        "about four a day: {entries}"
    );
    for (title, id) in [
        ("Feeling check-in", "feeling-check-in"),
        ("Trigger log", "trigger-log"),
        ("Unsent letter", "unsent-letter"),
    ] {
        let n = stats["per_practice"][id].as_u64().unwrap();
        assert!(
            first.contains(&format!("<td>{title}</td><td class=\"n\">{n}</td>")),
            "{title}: {first}"
        );
    }
    // The sentences of change are the ones `stats` says over the same days (both come from
    // `Stats::sentences`), on the first page.
    let said = stdout(
        &env.cmd(&["stats", "--since", "2026-10-24", "--until", "2026-11-22"])
            .env("STEADY_NOW", NOW)
            .output()
            .unwrap(),
    );
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let changed = &first[first
        .find("What changed, in a few words")
        .expect("the sentences")..];
    let sentences: Vec<String> = changed
        .split("<li>")
        .skip(1)
        .map(|li| {
            li[..li.find("</li>").unwrap()]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        })
        .collect();
    assert!(sentences.len() >= 2, "{first}");
    for sentence in &sentences {
        assert!(
            words(&said).contains(&words(sentence)),
            "{sentence} in {said}"
        );
    }
    // The print style sheet ends the first page after the summary.
    assert!(page.contains("<section class=\"first ends-page\">"));
    assert!(page.contains(".ends-page { break-after: page; }"));
}

#[test]
fn days_read_as_people_write_them() {
    let env = Env::new("report-dates");
    env.write_journal(thirty_days());
    let page = stdout(&env.report(&[]));
    assert!(!page.contains("-W"), "no ISO week label");
    assert!(!page.contains("2026-1"), "no ISO date");
    // The words are under days like "Mon 2 Nov 2026"; weeks are their days, Monday to Sunday.
    assert!(page.contains("<h3>Mon 2 Nov 2026</h3>"));
    assert!(page.contains("<td>26 Oct – 1 Nov</td>"));
    assert!(page.contains("<td>16–22 Nov</td>"));
    assert!(page.contains("<td>Sat 24 Oct</td>"), "each hold by its day");
}

#[test]
fn own_words_include_choices_lists_tags_and_mood_apart_from_level() {
    let env = Env::new("report-words");
    env.write_journal(thirty_days());
    let page = stdout(&env.report(&[]));
    let words = &page[page.find("In their own words").unwrap()..];
    // A trigger log's fears (multiple choice), a compliment's feelings, a check-in's feeling
    // and colour (single choices), three supports (a list).
    // Each is named by its key; each practice's questions are given once, above.
    assert!(
        words.contains("<span class=\"q\">fear</span> <strong>being left, being too much</strong>")
    );
    assert!(words.contains(">felt</span> <strong>warm, hard to believe</strong>"));
    assert!(words.contains("<span class=\"q\">feeling</span> <strong>"));
    assert!(words.contains("<dt>Trigger log</dt><dd>"));
    assert!(
        words.contains(
            "<span class=\"q\">fear</span> What is the fear underneath? Pick any that fit."
        )
    );
    assert!(words.contains(">colour</span> <strong>"));
    assert!(words.contains(">supports: </span>my sister\nthe Thursday choir\nthe library"));
    assert!(
        words.contains(">story: </span>I&#39;m too much for them.")
            || words.contains(">story: </span>I'm too much for them.")
    );
    // Tags with each entry's words.
    assert!(words.contains("<span class=\"tags\"> · tags: work, walk by the river</span>"));
    // Mood is its own answer with its own scale, and never the check-in's level.
    assert!(words.contains(">mood (1 very unpleasant … 5 very pleasant)</span> <strong>"));
    assert!(
        !words.contains("How strong is it?"),
        "level is a number for the chart"
    );
    // Every chart and table names what it measures and which way its scale runs.
    assert!(
        page.contains(
            "how strong the feeling was, from 1 (barely there) to 5 (filling everything)"
        )
    );
    assert!(page.contains("from 1 (not at all) to 5 (very settled)"));
    assert!(page.contains("longer bar: chosen more often"));
    assert!(page.contains("higher: it came later"));
}

#[test]
fn a_private_practice_keeps_its_count_and_its_words_only_with_include_private() {
    let env = Env::new("report-private");
    env.write_journal(thirty_days());
    let page = stdout(&env.report(&[]));
    assert!(!page.contains("PRIVATE-LETTER"));
    assert!(!page.contains("Dad"));
    assert!(first_page(&page).contains("<td>Unsent letter</td><td class=\"n\">2</td>"));
    assert!(
        page.contains("The words of private practices are left out (Unsent letter: 2 entries)")
    );
    let out = env.report(&["--include-private"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert_eq!(page.matches("PRIVATE-LETTER: I needed you").count(), 2);
    assert!(!page.contains("are left out"));
}

#[test]
fn chart_tables_are_folded_on_screen_and_left_out_in_print_and_holds_without_urge_are_drawn() {
    let env = Env::new("report-fold");
    env.write_journal(thirty_days());
    let page = stdout(&env.report(&[]));
    let charts = page.matches("<figure>").count();
    assert_eq!(charts, 3, "colours, holds, breath");
    assert_eq!(
        page.matches("<details class=\"numbers\"><summary>").count(),
        charts
    );
    assert_eq!(
        page.matches("<table class=\"numbers\">").count(),
        charts + 2,
        "each chart's table, the first page's practices and the check-ins week by week"
    );
    for table in page.split("<table class=\"numbers\">").skip(3) {
        let before = &page[..page.find(table).unwrap()];
        assert!(before.ends_with("</summary><table class=\"numbers\">"));
    }
    assert!(page.contains("details.numbers { display: none; }"));
    let print = &page[page.find("@media print").unwrap()..];
    assert!(print.contains("details.numbers { display: none; }"));
    // Holds that ended with no urge are triangles on the chart, and its caption says so.
    let holds = &page[page.find("<h2>Staying present</h2>").unwrap()..];
    let holds = &holds[..holds.find("</figure>").unwrap()];
    assert!(holds.contains("no urge"), "named beside the axis");
    assert!(holds.contains("<polygon"), "triangles drawn");
    assert!(
        holds.contains(
            "▲ along the top, &quot;no urge&quot;: the moment ended with no urge to leave"
        )
    );
}

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Type /Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page")
        .count()
        .saturating_sub(text.matches("/Type /Pages").count())
        + text
            .matches("/Type/Page")
            .count()
            .saturating_sub(text.matches("/Type/Pages").count())
}

#[test]
fn the_default_month_at_four_entries_a_day_prints_in_six_pages_on_a4_and_letter() {
    let Some(browser) = chromium() else { return };
    let shots = shots();
    let env = Env::new("report-print");
    env.write_journal(thirty_days());
    let out = env.report(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    // The paper a person's print dialog would choose, as the browser's page size.
    for paper in ["A4", "letter"] {
        let html = shots.join(format!("month-{paper}.html"));
        let sized = page.replacen(
            "</head>",
            &format!("<style>@page {{ size: {paper}; }}</style></head>"),
            1,
        );
        std::fs::write(&html, sized).unwrap();
        let seen = render(&browser, &html, &shots, &format!("month-{paper}"));
        assert!(seen.console.is_empty(), "{paper}: {:?}", seen.console);
        assert!(seen.requests.is_empty(), "{paper}: {:?}", seen.requests);
        let pages = pdf_pages(&seen.pdf);
        assert!((2..=6).contains(&pages), "{paper}: {pages} pages");
    }
}
