//! `steady report` through the real binary, and its page in a real browser (headless
//! Chromium): a realistic six-month journal and an empty range are rendered to PNG and PDF
//! with no request going out from the page and no console message; the page is
//! self-contained, says it is a self-report at the top and gives the crisis lines at the
//! bottom, escapes what was typed, and says kindly when a range holds nothing. The PNGs are
//! kept in `target/tmp/report-shots/` to be looked at.

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

/// About six months of a person's practice: check-ins most days, a hold and a breath reset
/// a few times a week, a trigger log now and then, and one note with markup in it.
fn six_months() -> String {
    let mut rng = Lcg(7);
    let start = chrono::NaiveDate::from_ymd_opt(2026, 5, 25).unwrap();
    let colours = [
        "blue", "grey", "green", "teal", "yellow", "purple", "stormy",
    ];
    let feelings = ["calm", "tense", "anxious", "tired", "tender", "lonely"];
    let notes = [
        "I feel unsettled and I need a slow evening.",
        "I feel calm and I need nothing right now.",
        "I feel anxious about the call and I need to hear back.",
        "I feel tender after the talk and I need a hug.",
    ];
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
                r["note"] = notes[rng.below(4) as usize].into();
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
            let stay = if day % 5 == 0 {
                serde_json::json!({"urge_s": null, "extra_s": null, "total_s": urge})
            } else {
                serde_json::json!({"urge_s": urge, "extra_s": 5.0, "total_s": urge + 5.0})
            };
            let r = serde_json::json!({
                "moment": "a goodbye hug",
                "stay": stay,
                "body": "Tight shoulders, then they let go.",
            });
            lines.push(entry(
                &id(2),
                "stay-present",
                "Stay present a little longer",
                &at(19, 5),
                r,
            ));
        }
        if rng.below(7) < 2 {
            let before = 1 + rng.below(3) as i64;
            let r = serde_json::json!({
                "before": before, "breath": {"cycles": 9, "seconds": 90}, "after": (before + 1 + rng.below(2) as i64).min(5),
            });
            lines.push(entry(
                &id(3),
                "breath-reset",
                "90-second breath reset",
                &at(13, 30),
                r,
            ));
        }
        if day % 23 == 5 {
            let r = serde_json::json!({
                "moment": "They did not answer my message for a whole afternoon.",
                "facts": "One message, sent at noon. No answer until six.",
                "story": "I'm too much for them.",
                "fear": ["being left"],
                "alternative": "They were in meetings all afternoon.",
            });
            lines.push(entry(&id(4), "trigger-log", "Trigger log", &at(21, 0), r));
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
    assert!(
        disclaimer < page.find("<section").unwrap() && crisis > page.rfind("</section>").unwrap()
    );
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
    // Each chart has its numbers in a table, and the sections are all there.
    for heading in [
        "What was practised",
        "Check-in level",
        "Colours",
        "Staying present",
        "Breath reset",
        "Days practised",
        "In their own words",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    assert_eq!(page.matches("<svg").count(), 5, "five charts");
    assert!(page.matches("<ul class=\"numbers\"").count() == 3);
    assert_eq!(page.matches("<table class=\"numbers\"").count(), 2);
    assert!(!page.to_lowercase().contains("streak"));
    assert!(page.contains(": no urge came</li>") && page.contains("ended with no urge at all"));
    assert!(page.contains("What changed, in a few words"));
    // The default range is the last 30 days.
    let out = env.report(&[]);
    assert!(stdout(&out).contains("Saturday 24 October 2026 to Sunday 22 November 2026"));
}

#[test]
fn an_empty_range_says_so_kindly_without_charts() {
    let env = Env::new("report-empty");
    let out = env.report(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(page.contains("Nothing recorded in these days"));
    assert!(page.contains("That is all right"));
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
