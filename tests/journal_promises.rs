//! The journal's promises on the paths 0.2 added, through the real binary: `report -o`
//! keeps export's rule (an existing file only with `--force`; never the journal, its lock
//! or a non-regular file); every multi-pass read sees one version of the journal even when
//! a rewrite is renamed onto it between the passes; a journal named in a folder that does
//! not exist is refused with a sentence.

mod journal_common;

use journal_common::*;

#[test]
fn report_o_replaces_an_existing_file_only_with_force() {
    let env = Env::new("promise-report-force");
    env.write_journal(format!("{}\n", line("A1", 3)));
    // A second journal, the settings file, a plan: each an existing file.
    let copy = env.dir.join("other-copy.jsonl");
    let copy_text = format!("{}\n", line("B1", 2));
    std::fs::write(&copy, &copy_text).unwrap();
    let settings = env.dir.join("config.toml");
    std::fs::write(&settings, "show_streaks = false\n").unwrap();
    for (file, text) in [
        (&copy, copy_text.as_str()),
        (&settings, "show_streaks = false\n"),
    ] {
        let out = env.run(&["report", "-o", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("already exists; pass --force"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(file).unwrap(),
            text,
            "left as it was"
        );
    }
    // Every command still reads the settings.
    let out = env.run(&["log"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = env.run(&["report", "--force", "-o", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );

    // --force never reaches the journal, its lock, or what is not a regular file.
    let before = env.journal_bytes();
    let lock = env.dir.join("data/journal.jsonl.lock");
    std::fs::write(&lock, "").unwrap();
    for target in [env.journal(), lock.clone(), env.dir.clone()] {
        let out = env.run(&["report", "--force", "-o", target.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{target:?}: {}", stderr(&out));
    }
    let out = env.run(&["report", "--force", "-o", "/dev/null"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(env.journal_bytes(), before);
    assert_eq!(std::fs::read(&lock).unwrap(), b"");
}
