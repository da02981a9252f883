//! Conditional steps in practice files: `when` is read, checked against the step it names
//! with line and column, written back, and shown by `practices show`.

use steady::practice::model::{Condition, Test, Than};
use steady::practice::{Origin, parse, to_toml};

const HEAD: &str = "id = \"t\"\ntitle = \"T\"\nsummary = \"S\"\nsource = \"Src\"\n";

/// A breath, a hold, a scale from 1 to 5 (`after`), a choice, a list of 3, a scale from 1 to
/// 5 (`before`) and one from 0 to 10 (`wide`), a text; the step under test comes last, its
/// `when` on line `when_line()`.
fn file(when: &str) -> String {
    format!(
        "{HEAD}
[[steps]]
kind = \"breathe\"
key = \"breath\"
seconds = 10
pattern = [{{ phase = \"in\", seconds = 5 }}]

[[steps]]
kind = \"hold\"
key = \"stay\"
prompt = \"Stay.\"
extra_seconds = 5

[[steps]]
kind = \"scale\"
key = \"after\"
prompt = \"How?\"
max = 5

[[steps]]
kind = \"choice\"
key = \"pace\"
prompt = \"Which?\"
options = [\"slow\", \"gentle\"]

[[steps]]
kind = \"list\"
key = \"supports\"
prompt = \"Who?\"
count = 3

[[steps]]
kind = \"scale\"
key = \"before\"
prompt = \"How?\"

[[steps]]
kind = \"scale\"
key = \"wide\"
prompt = \"How?\"
min = 0
max = 10

[[steps]]
kind = \"text\"
key = \"thought\"
prompt = \"Which thought?\"

[[steps]]
kind = \"say\"
text = \"Closing.\"
when = {when}
"
    )
}

/// The line of the `when` under test.
fn when_line() -> usize {
    file("{}")
        .lines()
        .position(|l| l.starts_with("when = "))
        .expect("a when")
        + 1
}

#[test]
fn each_test_reads_and_writes_back() {
    let table = [
        ("{ key = \"breath\", early = true }", Test::Early(true)),
        ("{ key = \"stay\", urge = false }", Test::Urge(false)),
        (
            "{ key = \"after\", above = 3 }",
            Test::Above(Than::Value(3)),
        ),
        (
            "{ key = \"after\", below = 2 }",
            Test::Below(Than::Value(2)),
        ),
        ("{ key = \"after\", is = 2 }", Test::Same(Than::Value(2))),
        (
            "{ key = \"after\", below = \"before\" }",
            Test::Below(Than::Answer("before".into())),
        ),
        (
            "{ key = \"after\", is = \"before\" }",
            Test::Same(Than::Answer("before".into())),
        ),
        ("{ key = \"supports\", full = false }", Test::Full(false)),
        (
            "{ key = \"pace\", not = \"slow\" }",
            Test::Not("slow".into()),
        ),
        (
            "{ key = \"pace\", is = \"gentle\" }",
            Test::Is("gentle".into()),
        ),
    ];
    for (when, test) in table {
        let practice = parse(&file(when), Origin::BuiltIn).unwrap_or_else(|e| panic!("{e:?}"));
        let last = practice.steps.last().unwrap();
        let key = when.split('"').nth(1).unwrap();
        assert_eq!(
            last.when,
            Some(Condition {
                key: key.into(),
                test
            })
        );
        let again = parse(&to_toml(&practice), Origin::BuiltIn).unwrap();
        assert_eq!(again.steps, practice.steps, "{when}");
    }
}

#[test]
fn wrong_conditions_are_reported_where_they_are() {
    // (when, the text its error points at, what the error says)
    let table = [
        (
            "{ key = \"breath\", early = true, colour = 1 }",
            "colour",
            "unknown field `colour`",
        ),
        (
            "{ key = \"nope\", early = true }",
            "\"nope\"",
            "no earlier step records",
        ),
        ("{ key = \"breath\" }", "{", "exactly one test"),
        (
            "{ key = \"breath\", early = true, urge = true }",
            "true }",
            "exactly one test",
        ),
        (
            "{ key = \"stay\", early = true }",
            "true",
            "asks about a breathe or timer step",
        ),
        (
            "{ key = \"breath\", urge = true }",
            "true",
            "asks about a hold step",
        ),
        ("{ key = \"after\", above = 9 }", "9", "outside the scale"),
        (
            "{ key = \"pace\", is = \"fast\" }",
            "\"fast\"",
            "not one of the options",
        ),
        (
            "{ key = \"breath\", early = \"yes\" }",
            "\"yes\"",
            "true or false",
        ),
        ("\"breath\"", "\"breath\"", "must be a table"),
        (
            "{ key = \"after\", below = \"wide\" }",
            "\"wide\"",
            "compare scales with the same range",
        ),
        (
            "{ key = \"after\", above = \"pace\" }",
            "\"pace\"",
            "name an earlier scale step",
        ),
        (
            "{ key = \"after\", is = \"after\" }",
            "\"after\" }",
            "with itself",
        ),
        (
            "{ key = \"after\", below = \"later\" }",
            "\"later\"",
            "no earlier step records",
        ),
        (
            "{ key = \"supports\", below = 2 }",
            "2",
            "asks about a scale step",
        ),
        (
            "{ key = \"after\", full = true }",
            "true",
            "asks about a list step",
        ),
        ("{ key = \"supports\", full = 3 }", "3", "true or false"),
        (
            "{ key = \"pace\", not = \"fast\" }",
            "\"fast\"",
            "not one of the options",
        ),
        (
            "{ key = \"stay\", not = \"slow\" }",
            "\"slow\"",
            "asks about a single choice step",
        ),
    ];
    for (when, at, fragment) in table {
        let errors = parse(&file(when), Origin::File("t.toml".into())).unwrap_err();
        assert_eq!(errors.len(), 1, "{when}: {errors:#?}");
        let e = &errors[0];
        assert!(e.message.contains(fragment), "{when}: {}", e.message);
        let column = "when = ".len() + when.find(at).unwrap() + 1;
        assert_eq!(
            (e.line, e.column),
            (when_line(), column),
            "{when}: {}",
            e.message
        );
    }
    // A step cannot depend on itself or on a step after it.
    let own = format!(
        "{HEAD}\n[[steps]]\nkind = \"timer\"\nkey = \"t\"\nprompt = \"p\"\nseconds = 5\nwhen = {{ key = \"t\", early = true }}\n"
    );
    let errors = parse(&own, Origin::BuiltIn).unwrap_err();
    assert!(errors[0].message.contains("no earlier step"), "{errors:?}");
}

#[test]
fn practices_show_names_the_condition() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_steady"))
        .args(["--practices", "/nonexistent-steady-dir", "--config"])
        .arg(std::env::temp_dir().join("steady-no-config.toml"))
        .args(["practices", "show", "breath-reset"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("→ only when `breath` was ended early"),
        "{text}"
    );
    assert!(
        text.contains("→ only when `breath` ran its full time"),
        "{text}"
    );
}

/// `steady practices show ID` with `dir` as the practices folder.
fn show(dir: &std::path::Path, id: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_steady"))
        .arg("--practices")
        .arg(dir)
        .arg("--config")
        .arg(dir.join("no-config.toml"))
        .args(["practices", "show", id])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[test]
fn practices_show_names_the_new_conditions_and_placeholders() {
    let dir = std::env::temp_dir().join(format!("steady-conditions-show-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let when = "{ key = \"after\", below = \"before\" }";
    let extra = "
[[steps]]
kind = \"say\"
when = { key = \"after\", is = \"before\" }
text = \"I'm having the thought that {thought}, and {{this}} is a brace.\"

[[steps]]
kind = \"say\"
when = { key = \"after\", is = 4 }
text = \"Four.\"

[[steps]]
kind = \"say\"
when = { key = \"supports\", full = false }
text = \"Fewer.\"

[[steps]]
kind = \"say\"
when = { key = \"supports\", full = true }
text = \"All.\"

[[steps]]
kind = \"say\"
when = { key = \"pace\", not = \"slow\" }
text = \"Not slow.\"
";
    std::fs::write(dir.join("t.toml"), file(when) + extra).unwrap();
    let text = show(&dir, "t");
    for line in [
        "→ only when `after` is below `before`",
        "→ only when `after` is the same as `before`",
        "→ only when `after` is 4",
        "→ only when `supports` has fewer answers than it asks for",
        "→ only when `supports` has every answer it asks for",
        "→ only when `pace` is not \"slow\"",
        "I'm having the thought that {thought}, and {{this}} is a brace.",
        "→ {thought} shows the answer to `thought`",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    // And the built-ins that use them.
    let none = dir.join("none");
    assert!(show(&none, "defusion").contains("→ only when `grip` is below `grip_before`"));
    assert!(
        show(&none, "three-supports")
            .contains("→ only when `supports` has fewer answers than it asks for")
    );
    assert!(
        show(&none, "sit-with-distress").contains("→ only when `stayed` is not \"under a minute\"")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn wrong_placeholders_are_reported_where_they_are() {
    // (text, the text its error points at, what the error says)
    let table = [
        ("I think {nope}.", "{nope}", "which no earlier step records"),
        ("Gripped by {after}.", "{after}", "a `scale` step"),
        ("A lone { brace.", "{ brace", "not a placeholder"),
        ("A lone } brace.", "} brace", "not a placeholder"),
        ("{Thought}", "{Thought}", "not a placeholder"),
        ("{supports}", "{supports}", "a `list` step"),
    ];
    for (say, at, fragment) in table {
        let text = format!(
            "{}\n[[steps]]\nkind = \"text\"\nkey = \"note\"\nprompt = \"p\"\noptional = true\n",
            file("{ key = \"after\", above = 2 }")
        ) + &format!("\n[[steps]]\nkind = \"say\"\ntext = \"{say}\"\n");
        let errors = parse(&text, Origin::File("t.toml".into())).unwrap_err();
        assert_eq!(errors.len(), 1, "{say}: {errors:#?}");
        let e = &errors[0];
        assert!(e.message.contains(fragment), "{say}: {}", e.message);
        let line = text.lines().count();
        let column = "text = \"".len() + say.find(at).unwrap() + 1;
        assert_eq!((e.line, e.column), (line, column), "{say}: {}", e.message);
    }
    // An optional text, and a step shown only sometimes, may have no answer to put in.
    let optional = format!(
        "{}\n[[steps]]\nkind = \"text\"\nkey = \"note\"\nprompt = \"p\"\noptional = true\n\n[[steps]]\nkind = \"say\"\ntext = \"{{note}}\"\n",
        file("{ key = \"after\", above = 2 }")
    );
    let errors = parse(&optional, Origin::BuiltIn).unwrap_err();
    assert!(errors[0].message.contains("optional text"), "{errors:?}");
    let sometimes = format!(
        "{}\n[[steps]]\nkind = \"text\"\nkey = \"why\"\nprompt = \"p\"\nwhen = {{ key = \"pace\", is = \"slow\" }}\n\n[[steps]]\nkind = \"say\"\ntext = \"{{why}}\"\n",
        file("{ key = \"after\", above = 2 }")
    );
    let errors = parse(&sometimes, Origin::BuiltIn).unwrap_err();
    assert!(
        errors[0].message.contains("shown only sometimes"),
        "{errors:?}"
    );
    // A placeholder reads and writes back.
    let good = format!(
        "{}\n[[steps]]\nkind = \"say\"\ntext = \"That {{thought}} and {{{{braces}}}}.\"\n",
        file("{ key = \"after\", above = 2 }")
    );
    let practice = parse(&good, Origin::BuiltIn).unwrap();
    assert_eq!(
        parse(&to_toml(&practice), Origin::BuiltIn).unwrap().steps,
        practice.steps
    );
}

#[test]
fn practices_validate_names_a_wrong_placeholder_and_a_wrong_comparison_where_they_are() {
    let dir =
        std::env::temp_dir().join(format!("steady-conditions-validate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.toml");
    let text = file("{ key = \"after\", below = \"wide\" }")
        + "\n[[steps]]\nkind = \"say\"\ntext = \"Hello {name}.\"\n";
    std::fs::write(&path, &text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_steady"))
        .arg("--config")
        .arg(dir.join("no-config.toml"))
        .args(["practices", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines = text.lines().count();
    let wide_column = "when = { key = \"after\", below = ".len() + 1;
    for expected in [
        format!(
            "{}:{}:{wide_column}: `below` in the `when` of step 9 compares a scale from 1 to 5 with `wide`, which runs from 0 to 10",
            path.display(),
            when_line()
        ),
        format!(
            "{}:{lines}:15: {{name}} in the `text` of step 10 names `name`, which no earlier step records",
            path.display()
        ),
    ] {
        assert!(stderr.contains(&expected), "{expected}\n{stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
