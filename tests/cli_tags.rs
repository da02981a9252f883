//! Tags and mood through the real binary: a journal with `tags` arrays and `mood` answers
//! (as imports write them) shows them in `log`, exports them (a `tags` column read back by
//! a real CSV reader, Markdown rendered by a real `CommonMark` parser), and `--tag` selects
//! the same entries in `log`, `stats` and every export format, even where an export's first
//! pass reads only outlines. An unknown `--practice` is refused with a sentence.

mod journal_common;

use journal_common::{Env, parse_lines, stderr, stdout};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One feeling check-in on 1 December 2026 at `hour`:00, with `tags` and `extra` answers.
fn entry(id: &str, hour: u32, tags: &[&str], extra: &serde_json::Value) -> String {
    let mut v = serde_json::json!({
        "v": 1, "id": id, "practice": "feeling-check-in", "title": "Feeling check-in",
        "started_at": format!("2026-12-01T{hour:02}:00:00.000+00:00"),
        "ended_at": format!("2026-12-01T{hour:02}:01:00.000+00:00"),
        "completed": true, "via": "import",
        "responses": {"level": 3, "colour": "blue"},
    });
    for (k, val) in extra.as_object().unwrap() {
        v["responses"][k] = val.clone();
    }
    if !tags.is_empty() {
        v["tags"] = serde_json::json!(tags);
    }
    v.to_string()
}

/// Four entries, written out of time order (as a back-dated or imported journal is), and a
/// line that only looks like an entry (its `tags` are not strings).
fn journal(env: &Env) -> Vec<String> {
    let lines = vec![
        entry(
            "T-work-late",
            20,
            &["Work", "going out"],
            &serde_json::json!({"mood": 4, "note": "Long day, the walk home helped"}),
        ),
        entry("T-none", 9, &[], &serde_json::json!({"mood": 2})),
        entry(
            "T-sport",
            12,
            &["sport", "=SUM(A1)"],
            &serde_json::json!({"note": "*ran* <b>far</b>"}),
        ),
        entry(
            "T-work-early",
            7,
            &["work"],
            &serde_json::json!({"feeling": "tense"}),
        ),
    ];
    let bad = entry("T-bad", 8, &[], &serde_json::json!({}))
        .replace(r#""via":"import""#, r#""via":"import","tags":["work",1]"#);
    env.write_journal(format!("{}\n{bad}\n", lines.join("\n")));
    lines
}

fn ids_in(text: &str) -> Vec<&str> {
    let mut ids: Vec<&str> = text
        .match_indices("T-")
        .map(|(at, _)| {
            let rest = &text[at..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect();
    ids.dedup();
    ids
}

#[test]
fn log_shows_tags_strength_and_mood_and_json_keeps_the_lines() {
    let env = Env::new("tags-log");
    let lines = journal(&env);
    let out = env
        .cmd(&["log", "--since", "2026-11-01"])
        .env("COLUMNS", "160")
        .env("STEADY_NOW", "2026-12-02T10:00:00+00:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(header.contains("tags"), "{text}");
    let row = text.lines().find(|l| l.contains("20:00")).unwrap();
    assert!(row.contains("Work, going out"), "{text}");
    assert!(
        row.contains("strength 3 of 5 · blue · mood 4 of 5, pleasant"),
        "{text}"
    );
    assert!(row.contains("Long day, the walk home helped"), "{text}");
    let row = text.lines().find(|l| l.contains("09:00")).unwrap();
    assert!(row.contains("mood 2 of 5, unpleasant"), "{text}");
    assert!(
        !text.contains("level 3"),
        "level is named as strength: {text}"
    );
    assert!(
        stderr(&out).contains("1 journal line could not be read"),
        "{}",
        stderr(&out)
    );

    // At 100 columns the tags still have a column; at 60 they end the answers.
    let at = |columns: &str| {
        let out = env
            .cmd(&["log", "--tag", "sport"])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        stdout(&out)
    };
    let text = at("100");
    assert!(text.lines().next().unwrap().contains("tags"), "{text}");
    assert!(text.contains("sport, =SUM(A1)"), "{text}");
    let text = at("60");
    assert!(!text.lines().next().unwrap().contains("tags"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");

    // --json prints the stored lines, tags and all, byte for byte.
    let out = env.run(&["log", "--json"]);
    let text = stdout(&out);
    let mut printed: Vec<&str> = text.lines().collect();
    printed.sort_unstable();
    let mut stored: Vec<&str> = lines.iter().map(String::as_str).collect();
    stored.sort_unstable();
    assert_eq!(printed, stored);
}

#[test]
fn tag_selects_in_any_case_and_only_whole_tags() {
    let env = Env::new("tags-filter");
    journal(&env);
    let log = |args: &[&str]| {
        let mut all = vec!["log", "--json"];
        all.extend_from_slice(args);
        let out = env.run(&all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        parse_lines(&stdout(&out))
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(log(&["--tag", "work"]), ["T-work-late", "T-work-early"]);
    assert_eq!(log(&["--tag", "WORK"]), ["T-work-late", "T-work-early"]);
    assert_eq!(log(&["--tag", "Going Out"]), ["T-work-late"]);
    assert_eq!(
        log(&["--tag", "going out", "--tag", "sport"]),
        ["T-work-late", "T-sport"],
        "repeated: any of them"
    );
    assert!(log(&["--tag", "wor"]).is_empty(), "part of a tag");
    assert!(log(&["--tag", "going"]).is_empty(), "one word of a tag");
    assert_eq!(log(&["--tag", "work", "--search", "walk"]), ["T-work-late"]);

    // Nothing matched: a sentence, exit 0.
    let out = env.run(&["log", "--tag", "nope"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("--tag"), "{}", stdout(&out));

    // stats counts only what the tag selects.
    let out = env.run(&["stats", "--json", "--tag", "work"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let all = env.run(&["stats", "--json"]);
    let (tagged, all) = (stdout(&out), stdout(&all));
    assert_ne!(tagged, all);
    let count = |json: &str| -> u64 {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["entries"].as_u64().unwrap()
    };
    assert_eq!(count(&tagged), 2, "{tagged}");
    assert_eq!(count(&all), 4, "{all}");
}

#[test]
fn every_export_format_selects_the_same_tagged_entries_in_time_order() {
    let env = Env::new("tags-export");
    journal(&env);
    for format in ["csv", "json", "jsonl"] {
        let out = env.run(&["export", "--format", format, "--tag", "work"]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let text = stdout(&out);
        let ids = ids_in(&text);
        let want: &[&str] = match format {
            // csv is in time order; json and jsonl in file order.
            "csv" => &["T-work-early", "T-work-late"],
            _ => &["T-work-late", "T-work-early"],
        };
        assert_eq!(ids, want, "{format}:\n{text}");
    }
    // Markdown names no ids: its entries are told by their answers, in time order.
    let out = env.run(&["export", "--format", "md", "--tag", "work"]);
    let md = stdout(&out);
    assert_eq!(md.matches("\n### ").count(), 2, "{md}");
    let (early, late) = (md.find("tense").unwrap(), md.find("Long day").unwrap());
    assert!(early < late, "{md}");
    assert!(!md.contains("ran"), "{md}");
    // A line only the lenient outline takes (its tags given twice; the whole parse refuses
    // it) is passed over without moving the entries after it out of their places.
    let dup = Env::new("tags-export-dup");
    let twice = entry("T-twice", 6, &["work"], &serde_json::json!({}))
        .replace(r#""tags":["work"]"#, r#""tags":["sport"],"tags":["work"]"#);
    dup.write_journal(
        [
            entry("T-late", 22, &["work"], &serde_json::json!({})),
            twice,
            entry("T-early", 5, &["work"], &serde_json::json!({})),
        ]
        .join("\n")
            + "\n",
    );
    let out = dup.run(&["export", "--format", "csv", "--tag", "work"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids_in(&stdout(&out)), ["T-early", "T-late"]);

    // With a search, the first pass reads whole entries: the same selection.
    let out = env.run(&[
        "export", "--format", "csv", "--tag", "work", "--search", "tense",
    ]);
    assert_eq!(ids_in(&stdout(&out)), ["T-work-early"]);
}

#[test]
fn csv_has_a_tags_column_after_via_joined_with_semicolons() {
    let env = Env::new("tags-csv");
    journal(&env);
    let out = env.run(&["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "id,practice,title,started_at,ended_at,day,local_time,completed,via,tags,responses.colour,responses.feeling,responses.level,responses.mood,responses.note"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let tags: Vec<(&str, &str)> = rows.iter().map(|r| (&r[0], &r[9])).collect();
    assert_eq!(
        tags,
        [
            ("T-work-early", "work"),
            ("T-none", ""),
            ("T-sport", "sport; =SUM(A1)"),
            ("T-work-late", "Work; going out"),
        ]
    );
    let mood = header.iter().position(|h| h == "responses.mood").unwrap();
    let level = header.iter().position(|h| h == "responses.level").unwrap();
    assert_eq!(&rows[3][mood], "4", "mood is its own column");
    assert_eq!(&rows[3][level], "3", "never merged with level");

    // A first tag that reads as a formula is made harmless like any other cell.
    let first = Env::new("tags-csv-formula");
    first.write_journal(entry("T-f", 9, &["=1+1", "x"], &serde_json::json!({})) + "\n");
    let out = first.run(&["export", "--format", "csv"]);
    let text = stdout(&out);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[9], "'=1+1; x");
}

/// The text of each paragraph and list item of `md`, as a `CommonMark` parser renders it.
fn rendered(md: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Item | Tag::Paragraph) if current.is_none() => {
                current = Some(String::new());
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph) => {
                if let Some(text) = current.take() {
                    blocks.push(text);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = &mut current {
                    s.push_str(&t);
                }
            }
            Event::HardBreak | Event::SoftBreak => {
                if let Some(s) = &mut current {
                    s.push('\n');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML got through: {h}"),
            Event::Start(Tag::Emphasis | Tag::Strong) => panic!("markup got through: {md}"),
            _ => {}
        }
    }
    blocks
}

#[test]
fn markdown_shows_tags_and_names_strength_and_mood_with_their_scales() {
    let env = Env::new("tags-md");
    journal(&env);
    env.write_journal(
        env.journal_text()
            + &entry(
                "T-tagged-md",
                21,
                &["*not bold*", "<i>x</i>"],
                &serde_json::json!({"mood": 5, "note": "ends in a break\n"}),
            )
            + "\n",
    );
    let out = env.run(&["export", "--format", "md", "--since", "2026-12-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    let blocks = rendered(&md);
    for want in [
        "Tags: Work, going out",
        "Tags: sport, =SUM(A1)",
        "Tags: *not bold*, <i>x</i>",
        "level: strength 3 of 5",
        "mood: 4 of 5, pleasant",
        "mood: 2 of 5, unpleasant",
        "mood: 5 of 5, very pleasant",
        "note: *ran* <b>far</b>",
        "note: ends in a break",
    ] {
        assert!(
            blocks.iter().any(|b| b == want),
            "{want:?} not rendered in {blocks:#?}\n{md}"
        );
    }
    // The untagged entry has no tags line.
    assert_eq!(blocks.iter().filter(|b| b.starts_with("Tags: ")).count(), 4);
}

#[test]
fn an_unknown_practice_is_refused_with_a_sentence_by_every_filtering_command() {
    let env = Env::new("tags-unknown-practice");
    journal(&env);
    // A practice steady does not ship, but which the journal holds, is known.
    env.write_journal(
        env.journal_text()
            + &entry("T-mine", 22, &[], &serde_json::json!({}))
                .replace("feeling-check-in", "my-old-practice")
            + "\n",
    );
    for cmd in [
        &["log", "--practice", "nope"][..],
        &["stats", "--practice", "nope"],
        &["export", "--format", "csv", "--practice", "nope"],
        &["report", "--practice", "nope"],
        &[
            "log",
            "--practice",
            "feeling-check-in",
            "--practice",
            "nope",
        ],
    ] {
        let out = env.run(cmd);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}: {err}");
        assert!(
            err.contains("--practice nope") && err.contains("steady practices"),
            "{cmd:?}: {err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(stdout(&out).is_empty(), "{cmd:?}");
    }
    let out = env.run(&["log", "--json", "--practice", "my-old-practice"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(ids_in(&stdout(&out)), ["T-mine"]);
    let out = env.run(&["log", "--practice", "breath-reset"]);
    assert!(out.status.success(), "a built-in practice with no entries");
    // The report selects by tag as the others do.
    let out = env.run(&["report", "--since", "2026-11-01", "--tag", "sport"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
