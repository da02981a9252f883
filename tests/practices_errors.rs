//! Every way a practice file can be wrong, each reported at its line and column with what
//! was expected.

use steady::practice::{Origin, PracticeError, parse};

/// Four lines of valid header; a step added with `step` starts on line 6 (`[[steps]]`),
/// its first field on line 7.
const HEAD: &str = "id = \"t\"\ntitle = \"T\"\nsummary = \"S\"\nsource = \"Src\"\n";

/// A step that is fine, for files whose problem lies elsewhere.
const SAY: &str = "[[steps]]\nkind = \"say\"\ntext = \"x\"\n";

fn step(body: &str) -> String {
    format!("{HEAD}\n[[steps]]\n{body}\n")
}

fn errors(text: &str) -> Vec<PracticeError> {
    match parse(text, Origin::File("dir/t.toml".into())) {
        Ok(p) => panic!("expected errors, parsed {p:?}"),
        Err(e) => e,
    }
}

/// Asserts exactly one error, at `line`:`column`, whose message contains `fragment`.
#[track_caller]
fn one_at(text: &str, line: usize, column: usize, fragment: &str) {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = &errors[0];
    assert_eq!((e.line, e.column), (line, column), "{}", e.message);
    assert!(
        e.message.contains(fragment),
        "`{}` does not contain `{fragment}`",
        e.message
    );
    assert_eq!(e.path, "dir/t.toml");
}

#[test]
fn a_valid_file_parses() {
    let p = parse(&step("kind = \"say\"\ntext = \"hi\""), Origin::BuiltIn).unwrap();
    assert_eq!(p.id, "t");
    assert_eq!(p.steps.len(), 1);
}

#[test]
fn display_names_file_line_and_column() {
    let e = &errors(&step(
        "kind = \"colour\"\nkey = \"c\"\nprompt = \"p\"\ncolr = \"x\"",
    ))[0];
    assert_eq!(
        e.to_string(),
        "dir/t.toml:10:1: unknown field `colr` in step 1 (a `colour` step takes: key, prompt, choices, other, when)"
    );
}

#[test]
fn unknown_fields() {
    one_at(
        &format!("{HEAD}colour = 1\n{SAY}"),
        5,
        1,
        "unknown field `colour` in the practice",
    );
    one_at(
        &step("kind = \"say\"\ntext = \"hi\"\nwait = 3"),
        9,
        1,
        "a `say` step takes: text, seconds",
    );
    one_at(
        &step(
            "kind = \"breathe\"\nkey = \"b\"\nseconds = 60\npattern = [{ phase = \"in\", seconds = 4, depth = 2 }]",
        ),
        10,
        41,
        "unknown field `depth` in phase 1 of step 1",
    );
}

#[test]
fn unknown_and_missing_kinds() {
    one_at(
        &step("kind = \"brethe\""),
        7,
        8,
        "unknown step kind `brethe` in step 1; expected one of say, breathe",
    );
    one_at(&step("text = \"hi\""), 6, 1, "step 1 has no `kind`");
    one_at(&step("kind = 3"), 7, 8, "`kind` in step 1 must be one of");
}

#[test]
fn duplicate_keys() {
    one_at(
        &format!("{HEAD}id = \"u\"\n{SAY}"),
        5,
        1,
        "`id` is set twice",
    );
    let text = step(
        "kind = \"list\"\nkey = \"a\"\nprompt = \"p\"\ncount = 2\n\n[[steps]]\nkind = \"list\"\nkey = \"a\"\nprompt = \"q\"\ncount = 2",
    );
    one_at(&text, 14, 7, "key `a` in step 2 is already used by step 1");
}

#[test]
fn breathing_patterns() {
    one_at(
        &step("kind = \"breathe\"\nkey = \"b\"\nseconds = 60\npattern = []"),
        10,
        11,
        "`pattern` in step 1 is empty",
    );
    one_at(
        &step("kind = \"breathe\"\nkey = \"b\"\nseconds = 60"),
        6,
        1,
        "step 1 has no `pattern`",
    );
    one_at(
        &step(
            "kind = \"breathe\"\nkey = \"b\"\nseconds = 60\npattern = [{ phase = \"up\", seconds = 4 }]",
        ),
        10,
        22,
        "`phase` in phase 1 of step 1 must be one of \"in\", \"hold\", \"out\", \"rest\"",
    );
}

#[test]
fn durations_must_be_one_second_to_two_hours() {
    let breathe = |total: &str, phase: &str| {
        step(&format!(
            "kind = \"breathe\"\nkey = \"b\"\nseconds = {total}\npattern = [{{ phase = \"in\", seconds = {phase} }}]"
        ))
    };
    one_at(
        &breathe("0", "4"),
        9,
        11,
        "must be a number of seconds from 1 to 7200 (2 hours), not 0",
    );
    one_at(&breathe("7201", "4"), 9, 11, "not 7201");
    one_at(
        &breathe("60", "0.4"),
        10,
        38,
        "`seconds` in phase 1 of step 1",
    );
    one_at(&breathe("\"ninety\"", "4"), 9, 11, "not \"ninety\"");
    one_at(
        &step("kind = \"say\"\ntext = \"x\"\nseconds = -1"),
        9,
        11,
        "not -1",
    );
    one_at(
        &step("kind = \"hold\"\nkey = \"h\"\nprompt = \"p\"\nextra_seconds = 9000"),
        10,
        17,
        "`extra_seconds` in step 1",
    );
    one_at(
        &step("kind = \"timer\"\nkey = \"w\"\nprompt = \"p\"\nseconds = 60\nbell_every = 90"),
        11,
        14,
        "`bell_every` in step 1 is longer than the timer",
    );
    // Decimal seconds are fine.
    let p = parse(&breathe("60.5", "1.25"), Origin::BuiltIn).unwrap();
    assert_eq!(p.steps.len(), 1);
}

#[test]
fn scales() {
    let scale = |extra: &str| {
        step(&format!(
            "kind = \"scale\"\nkey = \"s\"\nprompt = \"p\"\n{extra}"
        ))
    };
    one_at(
        &scale("min = 5\nmax = 3"),
        10,
        7,
        "`min` (5) must be smaller than `max` (3) in step 1",
    );
    one_at(
        &scale("min = 5"),
        10,
        7,
        "`min` (5) must be smaller than `max` (5)",
    );
    one_at(
        &scale("min = 0\nmax = 11"),
        11,
        7,
        "runs from 0 to 11, 12 points; at most 11 fit",
    );
    one_at(
        &scale("labels = { 9 = \"x\" }"),
        10,
        12,
        "label 9 in step 1 is outside the scale, which runs from 1 to 5",
    );
    one_at(
        &scale("labels = { high = \"x\" }"),
        10,
        12,
        "label `high` in step 1 must be a whole number",
    );
    one_at(
        &scale("labels = { 1 = 2 }"),
        10,
        16,
        "label 1 in step 1 must be text in quotes",
    );
    one_at(
        &scale("max = 9223372036854775807\nmin = -9223372036854775808"),
        10,
        7,
        "points; at most 11 fit",
    );
}

#[test]
fn missing_prompts_and_keys() {
    one_at(
        &step("kind = \"scale\"\nkey = \"s\""),
        6,
        1,
        "step 1 has no `prompt`; add a `prompt` with the question to ask",
    );
    one_at(
        &step("kind = \"text\"\nprompt = \"p\""),
        6,
        1,
        "step 1 has no `key`",
    );
    one_at(
        &step("kind = \"say\"\nkey = \"k\"\ntext = \"t\""),
        8,
        7,
        "takes no `key`",
    );
    one_at(
        &step("kind = \"text\"\nkey = \"How Settled\"\nprompt = \"p\""),
        8,
        7,
        "must be kebab-case or snake_case",
    );
}

#[test]
fn practice_fields() {
    one_at(
        "title = \"T\"\nsummary = \"S\"\nsource = \"Src\"\n[[steps]]\nkind = \"say\"\ntext = \"x\"\n",
        1,
        1,
        "the practice has no `id`",
    );
    one_at(
        &format!("{HEAD}tags = [\"Calm Down\"]\n{SAY}"),
        5,
        8,
        "tag \"Calm Down\" must be kebab-case",
    );
    let no_steps = HEAD.replace("title = \"T\"", "title = \"  \"");
    let errs = errors(&no_steps);
    assert_eq!(errs.len(), 2, "{errs:#?}");
    assert_eq!((errs[0].line, errs[0].column), (1, 1));
    assert!(errs[0].message.contains("the practice has no `steps`"));
    assert_eq!((errs[1].line, errs[1].column), (2, 9));
    assert!(errs[1].message.contains("`title` in the practice is empty"));
    one_at(
        &format!("{}{SAY}", HEAD.replace("\"t\"", "\"Breath Reset\"")),
        1,
        6,
        "`id` in the practice must be kebab-case",
    );
    one_at(
        &format!("{HEAD}steps = []\n"),
        5,
        9,
        "a practice needs at least one step",
    );
}

#[test]
fn choices_lists_and_texts() {
    let choice = |options: &str| {
        step(&format!(
            "kind = \"choice\"\nkey = \"c\"\nprompt = \"p\"\noptions = {options}"
        ))
    };
    one_at(
        &choice("[\"one\"]"),
        10,
        11,
        "must list from 2 to 30 items, not 1",
    );
    one_at(
        &choice("[\"one\", \"one\"]"),
        10,
        19,
        "item 2 of `options` in step 1 repeats \"one\"",
    );
    one_at(
        &choice("[\"one\", 2]"),
        10,
        19,
        "item 2 of `options` in step 1 must be text in quotes",
    );
    one_at(
        &step(
            "kind = \"choice\"\nkey = \"c\"\nprompt = \"p\"\noptions = [\"a\", \"b\"]\nother = \"yes\"",
        ),
        11,
        9,
        "`other` in step 1 must be true or false, not \"yes\"",
    );
    let list = |count: &str| {
        step(&format!(
            "kind = \"list\"\nkey = \"l\"\nprompt = \"p\"\ncount = {count}"
        ))
    };
    one_at(
        &list("0"),
        10,
        9,
        "`count` in step 1 must be from 1 to 20, not 0",
    );
    one_at(&list("21"), 10, 9, "not 21");
    let text = |max: &str| {
        step(&format!(
            "kind = \"text\"\nkey = \"t\"\nprompt = \"p\"\nmax_chars = {max}"
        ))
    };
    one_at(
        &text("0"),
        10,
        13,
        "`max_chars` in step 1 must be from 1 to 4000, not 0",
    );
    one_at(&text("4001"), 10, 13, "not 4001");
    one_at(
        &step("kind = \"colour\"\nkey = \"c\"\nprompt = \"p\"\nchoices = []"),
        10,
        11,
        "`choices` in step 1 must list from 1 to 24 items, not 0",
    );
}

#[test]
fn limits_against_hostile_files() {
    let huge = format!("{HEAD}# {}\n", "x".repeat(64 * 1024));
    let e = errors(&huge);
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].column), (0, 0));
    assert!(e[0].message.contains("at most 64 KiB"), "{}", e[0].message);
    assert_eq!(e[0].to_string(), format!("dir/t.toml: {}", e[0].message));

    let mut many = HEAD.to_owned();
    for _ in 0..101 {
        many.push_str("[[steps]]\nkind = \"say\"\ntext = \"x\"\n");
    }
    // Step 101 starts after the 4 header lines and 100 steps of 3 lines.
    one_at(
        &many,
        305,
        1,
        "this practice has 101 steps; at most 100 fit",
    );

    let long = step(&format!("kind = \"say\"\ntext = \"{}\"", "é".repeat(4001)));
    one_at(
        &long,
        8,
        8,
        "`text` in step 1 is 4001 characters long; at most 4000 fit",
    );
}

#[test]
fn control_characters_are_refused_and_never_echoed() {
    one_at(
        &step("kind = \"text\"\nkey = \"t\"\nprompt = \"a\\u001b[2Jb\""),
        9,
        10,
        "holds the control character U+001B",
    );
    one_at(
        &step("kind = \"text\"\nkey = \"t\"\nprompt = \"a\\nb\""),
        9,
        10,
        "must be one line",
    );
    one_at(
        &step("kind = \"say\"\ntext = \"a\\u009bb\""),
        8,
        8,
        "U+009B",
    );
    // Newlines are fine where text may run over several lines.
    assert!(
        parse(
            &step("kind = \"say\"\ntext = \"a\\r\\nb\""),
            Origin::BuiltIn
        )
        .is_ok()
    );
    let hostile = step("kind = \"say\"\ntext = \"x\"\n\"\\u001b]0;pwned\\u0007\" = 1");
    for e in errors(&hostile) {
        assert!(!steady::text::has_control(&e.to_string(), false), "{e}");
    }
}

#[test]
fn broken_toml_is_reported_where_it_breaks() {
    one_at(
        &format!("{HEAD}tags = [\"a\"\n"),
        5,
        12,
        "this is not valid TOML",
    );
    // An unclosed string: the first problem is where the string should have ended.
    let e = errors("id = \"t\nx");
    assert_eq!((e[0].line, e[0].column), (1, 8), "{}", e[0].message);
    assert!(
        e[0].message.contains("invalid basic string"),
        "{}",
        e[0].message
    );
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let text = step(
        "kind = \"scale\"\nkey = \"S S\"\nmin = 3\nmax = 2\nlabelz = 1\n\n[[steps]]\nkind = \"nope\"",
    );
    let lines: Vec<(usize, usize)> = errors(&text).iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(lines, [(6, 1), (8, 7), (9, 7), (11, 1), (14, 8)]);
}
