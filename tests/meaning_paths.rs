//! Issue 18's promises across the whole path, through the real binary: what another app
//! recorded (Daylio's mood and activities) arrives as `mood` and `tags` and travels through
//! `log`, CSV, Markdown and the report, and `--tag` selects by it; and a half year whose
//! strength stays flat while pleasant feelings give way to unpleasant ones reads as that
//! turn in `stats` and on the report's first page, in the same sentences.

mod journal_common;

use std::path::Path;

use journal_common::{Env, stdout};
use pulldown_cmark::{Event, Parser};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn ok(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(
        out.status.success(),
        "steady {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// The text a `CommonMark` reader shows, paragraphs and list items joined by newlines.
fn rendered(md: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

/// A journal with the Daylio sample imported (its two moods of its own placed with --mood).
fn imported(name: &str) -> Env {
    let env = Env::new(name);
    ok(
        &env,
        &[
            "import",
            "--from",
            "daylio",
            "--mood",
            "ecstatic=5",
            "--mood",
            "so-so=3",
            &fixture("import/daylio.csv"),
        ],
    );
    env
}

#[test]
fn daylio_moods_and_activities_travel_as_mood_and_tags_and_tag_selects_them() {
    let env = imported("meaning-daylio");
    // Stored: the mood on its own scale, never as the check-in's strength; the activities
    // as tags.
    let stored: Vec<serde_json::Value> = env
        .journal_text()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let lake = stored
        .iter()
        .find(|e| {
            e["responses"]["note"]
                .as_str()
                .unwrap_or("")
                .contains("Lake day")
        })
        .expect("the lake day is imported");
    assert_eq!(
        lake["responses"]["mood"], 4,
        "good is 4 of 5 on the mood scale"
    );
    assert!(lake["responses"].get("level").is_none(), "{lake}");
    assert_eq!(lake["tags"], serde_json::json!(["swim", "friends"]));

    // log names both (at 140 columns the tags have a column of their own).
    let out = env
        .cmd(&["log", "--since", "2000-01-01"])
        .env("COLUMNS", "140")
        .output()
        .unwrap();
    let log = stdout(&out);
    assert!(log.contains("mood 4 of 5"), "{log}");
    assert!(log.contains("swim"), "{log}");

    // --tag selects only the entries with that tag, in any case.
    let friends = ok(
        &env,
        &["log", "--json", "--since", "2000-01-01", "--tag", "FRIENDS"],
    );
    let tagged: Vec<serde_json::Value> = friends
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(tagged.len(), 2, "{friends}");
    assert!(tagged.iter().all(|e| {
        e["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str() == Some("friends"))
    }));
}

#[test]
fn tags_and_mood_reach_csv_markdown_and_the_report_and_tag_selects_there_too() {
    let env = imported("meaning-daylio-out");
    // CSV, read back by a CSV reader: the tags column holds them joined with "; ".
    let csv_text = ok(
        &env,
        &[
            "export",
            "--format",
            "csv",
            "--since",
            "2000-01-01",
            "--tag",
            "swim",
        ],
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let tags = headers.iter().position(|h| h == "tags").unwrap();
    let mood = headers.iter().position(|h| h == "responses.mood").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][tags], "swim; friends");
    assert_eq!(&rows[0][mood], "4");

    // Markdown, rendered as CommonMark: the tags and the mood as typed.
    let md = ok(
        &env,
        &[
            "export",
            "--format",
            "md",
            "--since",
            "2000-01-01",
            "--tag",
            "swim",
        ],
    );
    let shown = rendered(&md);
    assert!(
        shown.contains("swim, friends") || shown.contains("swim; friends"),
        "{shown}"
    );
    assert!(
        shown.contains("Lake day. Cold water, warm people."),
        "{shown}"
    );

    // The report shows the tags with the entry's words.
    let page = ok(&env, &["report", "--since", "2000-01-01", "--tag", "swim"]);
    assert!(page.contains("swim, friends"), "the report shows the tags");
    assert!(page.contains("Lake day. Cold water, warm people."));
    assert!(
        !page.contains("Laughed until my face hurt"),
        "--tag selects in the report too"
    );
}

#[test]
fn a_turn_to_unpleasant_feelings_at_flat_strength_reads_as_that_turn_everywhere() {
    let env = Env::new("meaning-turn");
    env.write_journal(std::fs::read(fixture("turn.jsonl")).unwrap());
    let range = ["--since", "2026-06-01", "--until", "2026-11-30"];

    let stats: serde_json::Value =
        serde_json::from_str(&ok(&env, &[&["stats", "--json"][..], &range[..]].concat())).unwrap();
    let sentences: Vec<String> = stats["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect();
    let turn = sentences
        .iter()
        .find(|s| s.contains("pleasant feeling"))
        .expect("a sentence about pleasant and unpleasant feelings");
    // First month and last month, named, and never overlapping.
    assert!(turn.contains("your first month (1–30 June 2026)"), "{turn}");
    assert!(
        turn.contains("your last month (1–30 November 2026)"),
        "{turn}"
    );
    let change = &stats["check_ins"]["change"];
    assert!(change["first"]["pleasant"].as_u64() > change["last"]["pleasant"].as_u64());
    assert!(change["first"]["unpleasant"].as_u64() < change["last"]["unpleasant"].as_u64());
    for s in &sentences {
        let lower = s.to_lowercase();
        for claim in ["no change", "improv", "better", "progress"] {
            assert!(!lower.contains(claim), "{s}");
        }
    }

    // The same sentences open the report, on its first page.
    let page = ok(&env, &[&["report"][..], &range[..]].concat());
    let first = page.find("class=\"first").expect("the first page");
    let first_page = &page[first..first + page[first..].find("</section>").unwrap()];
    assert!(first_page.contains("What changed"), "{first_page}");
    for s in &sentences {
        let escaped = s.replace('&', "&amp;").replace('"', "&quot;");
        assert!(
            first_page.contains(s.as_str()) || first_page.contains(&escaped),
            "the report's first page says: {s}"
        );
    }
}
