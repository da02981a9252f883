//! Guide files: the built-ins are compiled in, valid, and every step names its passage and
//! only practices steady has; problems are reported with file, line and column; a user
//! guide adds to the built-ins or replaces one by id, and a broken one hides nothing. The
//! same through `steady guides`, `guides show` and `guides validate`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use steady::guide::{GuideLibrary, parse, validate_path};
use steady::practice::{Library, Origin};

const BIN: &str = env!("CARGO_BIN_EXE_steady");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("steady-guides-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temp folder");
    dir
}

fn guide_text(id: &str, title: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"{title}\"\nsummary = \"A test guide.\"\nsource = \"A test.\"\n\n\
         [[steps]]\ntitle = \"One\"\ntext = \"The first step.\"\nactions = [\"Do one thing.\"]\n\
         practices = [\"breath-reset\"]\nsource = \"A passage.\"\n"
    )
}

#[test]
fn the_built_in_guides_are_compiled_in_valid_and_traceable() {
    let practices = Library::builtin();
    let library = GuideLibrary::builtin(&practices);
    assert_eq!(library.problems(), &[]);
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("guides");
    assert_eq!(validate_path(&folder, &practices), vec![]);
    // Every file in guides/ is compiled in, and nothing else is.
    let files: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(files.len(), library.guides().len());
    for file in files {
        let name = file.unwrap().file_name().to_string_lossy().into_owned();
        let id = name.trim_end_matches(".toml");
        assert!(library.get(id).is_some(), "{name} is not compiled in");
    }
    let eight = library.get("anxious-eight-steps").expect("the eight steps");
    let titles: Vec<&str> = eight.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Name your triggers",
            "Regulate before you reach out",
            "Ask for reassurance directly",
            "Build independent stability",
            "Create predictable connection rituals",
            "Track your triggers and stories",
            "Practise self-soothing",
            "Ask clearly and confirm the plan",
        ]
    );
    for (i, step) in eight.steps.iter().enumerate() {
        assert!(
            step.source.contains(&format!("Step {}", i + 1)),
            "{}",
            step.source
        );
    }
    let arc = library.get("avoidant-arc").expect("the avoidant arc");
    let titles: Vec<&str> = arc.steps.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Noticing",
            "Staying present a little longer",
            "Asking instead of resenting",
            "The awkward middle"
        ]
    );
    for guide in library.guides() {
        assert_eq!(guide.origin, Origin::BuiltIn);
        for step in &guide.steps {
            assert!(
                !step.actions.is_empty() && !step.practices.is_empty(),
                "{}",
                step.title
            );
            for id in &step.practices {
                assert!(practices.get(id).is_some(), "{}: {id}", guide.id);
            }
        }
    }
}

#[test]
fn every_problem_is_named_with_its_line_and_column() {
    let practices = Library::builtin();
    let known = |id: &str| practices.get(id).is_some();
    let cases = [
        // (text, line, column, words in the message)
        (guide_text("Bad Id", "X"), 1, 6, "kebab-case"),
        (
            guide_text("g", "X").replace("[[steps]]\n", "[[steps]]\ncolour = 1\n"),
            7,
            1,
            "unknown field `colour` in step 1",
        ),
        (
            guide_text("g", "X").replace("\"breath-reset\"", "\"breath-rest\""),
            10,
            14,
            "names the practice `breath-rest`",
        ),
        (
            guide_text("g", "X").replace("actions = [\"Do one thing.\"]\n", ""),
            6,
            1,
            "step 1 has no `actions`",
        ),
        (
            guide_text("g", "X").replace("title = \"One\"", "title = \"One"),
            7,
            13,
            "not valid TOML",
        ),
        (
            guide_text("g", "X").replace("source = \"A passage.\"\n", ""),
            6,
            1,
            "step 1 has no `source`",
        ),
    ];
    for (text, line, column, words) in cases {
        let errors = parse(&text, Origin::BuiltIn, "mine.toml", &known).expect_err(words);
        let e = &errors[0];
        assert!(e.message.contains(words), "{words}: {e}");
        assert_eq!((e.line, e.column), (line, column), "{words}: {e}");
        assert!(
            e.to_string()
                .starts_with(&format!("mine.toml:{line}:{column}: ")),
            "{e}"
        );
    }
}

#[test]
fn user_guides_add_replace_and_are_skipped_when_broken() {
    let dir = temp_dir("user");
    std::fs::write(
        dir.join("mine.toml"),
        guide_text("avoidant-arc", "My own arc"),
    )
    .unwrap();
    std::fs::write(
        dir.join("new.toml"),
        guide_text("evening-path", "An evening path"),
    )
    .unwrap();
    std::fs::write(dir.join("broken.toml"), "id = \"oops\"\ntitle = 3\n").unwrap();
    let library = GuideLibrary::load(&dir, &Library::builtin());
    let ids: Vec<&str> = library.guides().iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, ["anxious-eight-steps", "avoidant-arc", "evening-path"]);
    assert_eq!(library.guides()[1].title, "My own arc");
    assert_eq!(
        library.guides()[1].origin,
        Origin::File(dir.join("mine.toml"))
    );
    assert!(
        library
            .problems()
            .iter()
            .all(|p| p.path.ends_with("broken.toml"))
    );
    assert!(!library.problems().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

fn steady(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--config")
        .arg(dir.join("config.toml"))
        .arg("--practices")
        .arg(dir.join("practices"))
        .arg("--journal")
        .arg(dir.join("journal.jsonl"))
        .args(args)
        .output()
        .expect("steady runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_guides_commands_list_show_and_validate() {
    let dir = temp_dir("cli");
    let out = steady(&dir, &["guides"]);
    assert!(out.status.success());
    let list = text(&out.stdout);
    assert!(
        list.contains(
            "anxious-eight-steps  Eight steps for anxious attachment  (8 steps, built-in)"
        ),
        "{list}"
    );
    assert!(list.contains("avoidant-arc"), "{list}");

    let out = steady(&dir, &["guides", "show", "anxious-eight-steps"]);
    assert!(out.status.success());
    let shown = text(&out.stdout);
    for n in 1..=8 {
        assert!(shown.contains(&format!("\n{n}. ")), "step {n}: {shown}");
    }
    assert!(
        shown.contains("Practices: 90-second breath reset (breath-reset)"),
        "{shown}"
    );
    assert!(
        shown.contains("   Source: Step 8 of the anxious-attachment guide"),
        "{shown}"
    );

    let out = steady(&dir, &["guides", "show", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no guide has the id `nope`"));

    // A user guide in <config dir>/guides/ is listed; a bad file is named with its place.
    std::fs::create_dir_all(dir.join("guides")).unwrap();
    std::fs::write(
        dir.join("guides/evening.toml"),
        guide_text("evening-path", "An evening path"),
    )
    .unwrap();
    let list = text(&steady(&dir, &["guides"]).stdout);
    assert!(list.contains("evening-path"), "{list}");
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        guide_text("g", "X").replace("\"breath-reset\"", "\"nothing-here\""),
    )
    .unwrap();
    let good = dir.join("guides/evening.toml");
    let out = steady(
        &dir,
        &[
            "guides",
            "validate",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).contains("evening.toml: ok"));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.toml:10:14: step 1 names the practice `nothing-here`"),
        "{err}"
    );
    assert!(
        err.contains("found 1 problem in the guide files above"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn guide_ids_complete_after_guides_show() {
    let dir = temp_dir("complete");
    let guides = dir.join(".config/steady/guides");
    std::fs::create_dir_all(&guides).unwrap();
    std::fs::write(
        guides.join("mine.toml"),
        guide_text("an-evening-path", "An evening path"),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["--", "steady", "guides", "show", "an"])
        .env("COMPLETE", "zsh")
        .env("_CLAP_COMPLETE_INDEX", "3")
        .env("HOME", &dir)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("STEADY_CONFIG")
        .env_remove("STEADY_PRACTICES")
        .output()
        .expect("steady runs");
    let candidates = text(&out.stdout);
    assert!(
        candidates.contains("anxious-eight-steps:Eight steps for anxious attachment"),
        "{candidates}"
    );
    assert!(
        candidates.contains("an-evening-path:An evening path"),
        "{candidates}"
    );
    assert!(!candidates.contains("avoidant-arc"), "{candidates}");
    let _ = std::fs::remove_dir_all(&dir);
}
