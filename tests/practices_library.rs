//! The built-in library, user folders (additions, replacements, broken files) and
//! `validate_path`, through the library API.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use steady::practice::model::{StepKind, breath_cycles};
use steady::practice::{Library, Origin, validate_path};

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "steady-practices-lib-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn practice_text(id: &str, title: &str) -> String {
    format!(
        "id = \"{id}\"\ntitle = \"{title}\"\nsummary = \"S\"\nsource = \"Src\"\n\n[[steps]]\nkind = \"say\"\ntext = \"Hello.\"\n"
    )
}

fn builtins_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("practices")
}

#[test]
fn every_built_in_practice_validates() {
    let library = Library::builtin();
    assert_eq!(library.problems(), &[]);
    assert_eq!(validate_path(&builtins_folder()), vec![]);
    // Every file in practices/ is compiled in, and nothing else is.
    let on_disk: BTreeSet<String> = std::fs::read_dir(builtins_folder())
        .unwrap()
        .map(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .replace(".toml", "")
        })
        .collect();
    let compiled: BTreeSet<String> = library.practices().iter().map(|p| p.id.clone()).collect();
    assert_eq!(on_disk, compiled);
    assert_eq!(compiled.len(), 26);
    assert!(
        library
            .practices()
            .iter()
            .all(|p| p.origin == Origin::BuiltIn)
    );
}

#[test]
fn built_ins_come_in_a_fixed_order() {
    let library = Library::builtin();
    let ids: Vec<&str> = library.practices().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        &ids[..3],
        ["breath-reset", "feeling-check-in", "stay-present"]
    );
}

#[test]
fn built_ins_record_the_keys_stats_read() {
    let library = Library::builtin();
    let keys = |id: &str| -> Vec<String> {
        let p = library.get(id).unwrap();
        p.steps.iter().filter_map(|s| s.key.clone()).collect()
    };
    assert_eq!(keys("breath-reset"), ["before", "breath", "after"]);
    assert_eq!(
        keys("feeling-check-in"),
        ["feeling", "level", "colour", "note"]
    );
    assert!(keys("stay-present").starts_with(&["moment".to_owned(), "stay".to_owned()]));
    assert!(keys("stay-present").contains(&"body".to_owned()));

    let reset = library.get("breath-reset").unwrap();
    let Some(StepKind::Breathe { pattern, total }) = reset.step_by_key("breath").map(|s| &s.kind)
    else {
        panic!("breath-reset has no breathe step");
    };
    assert_eq!((breath_cycles(pattern, *total), total.as_secs()), (9, 90));

    let four = library.get("four-seven-eight").unwrap();
    let Some(StepKind::Breathe { pattern, total }) =
        four.steps.iter().find_map(|s| match &s.kind {
            k @ StepKind::Breathe { .. } => Some(k),
            _ => None,
        })
    else {
        panic!("four-seven-eight has no breathe step");
    };
    assert_eq!((breath_cycles(pattern, *total), total.as_secs()), (4, 76));

    let stay = library.get("stay-present").unwrap();
    assert!(matches!(
        stay.step_by_key("stay").map(|s| &s.kind),
        Some(StepKind::Hold { extra, .. }) if *extra == Duration::from_secs(5)
    ));
    let check_in = library.get("feeling-check-in").unwrap();
    assert!(matches!(
        check_in.step_by_key("level").map(|s| &s.kind),
        Some(StepKind::Scale { min: 1, max: 5, .. })
    ));
    assert!(matches!(
        check_in.step_by_key("colour").map(|s| &s.kind),
        Some(StepKind::Colour {
            choices: None,
            other: true,
            ..
        })
    ));
}

#[test]
fn built_ins_use_every_step_kind() {
    let library = Library::builtin();
    let mut seen = BTreeSet::new();
    for p in library.practices() {
        for s in &p.steps {
            let variant = match &s.kind {
                StepKind::Choice { multiple: true, .. } => "choice (multiple)",
                StepKind::Text {
                    multiline: true, ..
                } => "text (multiline)",
                k => k.name(),
            };
            seen.insert(variant);
        }
    }
    let expected = [
        "say",
        "breathe",
        "timer",
        "hold",
        "scale",
        "colour",
        "choice",
        "choice (multiple)",
        "text",
        "text (multiline)",
        "list",
    ];
    assert_eq!(seen, expected.into_iter().collect());
}

#[test]
fn a_missing_user_folder_is_fine() {
    let library = Library::load(Path::new("/nonexistent/steady/practices"));
    assert_eq!(library.problems(), &[]);
    assert_eq!(library.practices().len(), 26);
}

#[test]
fn user_files_add_replace_and_are_skipped_when_broken() {
    let dir = temp_dir("user");
    let replaced = write(
        &dir,
        "mine.toml",
        &practice_text("breath-reset", "My reset"),
    );
    let added = write(&dir, "b-new.toml", &practice_text("zz-new", "A new one"));
    write(&dir, "c-new.toml", &practice_text("yy-new", "Another"));
    let broken = write(&dir, "broken.toml", "id = \"oops\"\ntitle = 3\n");
    let twin = write(&dir, "d-twin.toml", &practice_text("zz-new", "Twin"));
    write(&dir, "notes.txt", "not a practice");
    write(&dir, ".hidden.toml", "garbage");
    let big = write(&dir, "big.toml", &"#".repeat(70 * 1024));

    let library = Library::load(&dir);
    let practices = library.practices();
    assert_eq!(practices.len(), 28);
    assert_eq!(practices[0].id, "breath-reset");
    assert_eq!(practices[0].title, "My reset");
    assert_eq!(practices[0].origin, Origin::File(replaced));
    // The person's own follow the built-ins, by title.
    assert_eq!(practices[26].id, "zz-new");
    assert_eq!(practices[26].origin, Origin::File(added.clone()));
    assert_eq!(practices[27].id, "yy-new");

    let problem_paths: BTreeSet<String> =
        library.problems().iter().map(|e| e.path.clone()).collect();
    let expected: BTreeSet<String> = [&broken, &twin, &big]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    assert_eq!(problem_paths, expected);
    let twin_problem = library
        .problems()
        .iter()
        .find(|e| e.path == twin.display().to_string())
        .unwrap();
    assert!(twin_problem.message.contains(&added.display().to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn validate_path_checks_files_and_folders() {
    let dir = temp_dir("validate");
    let good = write(&dir, "good.toml", &practice_text("good", "Good"));
    assert_eq!(validate_path(&good), vec![]);

    let bad = write(
        &dir,
        "bad.toml",
        "id = \"bad\"\ntitle = \"T\"\nsummary = \"S\"\nsource = \"x\"\nsteps = 4\n",
    );
    let errors = validate_path(&bad);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        format!(
            "{}:5:9: `steps` must be a list of [[steps]] tables, not 4",
            bad.display()
        )
    );
    // A folder reports every bad file in it.
    assert_eq!(validate_path(&dir), errors);

    let latin1 = write(&dir, "latin1.toml", "id = \"caf\u{e9}\"");
    std::fs::write(&latin1, b"id = \"caf\xe9\"\n").unwrap();
    assert!(validate_path(&latin1)[0].message.contains("is not UTF-8"));

    let missing = validate_path(&dir.join("nope.toml"));
    assert!(missing[0].message.contains("does not exist"), "{missing:?}");
    let empty = temp_dir("validate-empty");
    assert!(
        validate_path(&empty)[0]
            .message
            .contains("holds no .toml practice files")
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&empty);
}
