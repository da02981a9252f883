//! Conditional steps in practice files: `when` is read, checked against the step it names
//! with line and column, written back, and shown by `practices show`.

use steady::practice::model::{Condition, Test};
use steady::practice::{Origin, parse, to_toml};

const HEAD: &str = "id = \"t\"\ntitle = \"T\"\nsummary = \"S\"\nsource = \"Src\"\n";

/// A breath on lines 6-10, a hold on 12-16, a scale on 18-22, a choice on 24-28; the step
/// under test starts on line 30 (`[[steps]]`), its `when` on line 33.
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
kind = \"say\"
text = \"Closing.\"
when = {when}
"
    )
}

#[test]
fn each_test_reads_and_writes_back() {
    let table = [
        ("{ key = \"breath\", early = true }", Test::Early(true)),
        ("{ key = \"stay\", urge = false }", Test::Urge(false)),
        ("{ key = \"after\", above = 3 }", Test::Above(3)),
        ("{ key = \"after\", below = 2 }", Test::Below(2)),
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
    ];
    for (when, at, fragment) in table {
        let errors = parse(&file(when), Origin::File("t.toml".into())).unwrap_err();
        assert_eq!(errors.len(), 1, "{when}: {errors:#?}");
        let e = &errors[0];
        assert!(e.message.contains(fragment), "{when}: {}", e.message);
        let column = "when = ".len() + when.find(at).unwrap() + 1;
        assert_eq!((e.line, e.column), (33, column), "{when}: {}", e.message);
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
