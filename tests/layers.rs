//! The layers stay apart: the journal (the core) depends on neither the guides nor the TUI,
//! and no screen reaches back into the app that draws it (a screen gets what it reads
//! passed in). Read from the source files, so a `use` that closes a circle fails here with
//! the file that holds it.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, however deep.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for item in fs::read_dir(&dir).expect("a source folder") {
            let path = item.expect("a folder entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The files under `src/<dir>` that mention any of `forbidden`, with what they mention.
fn mentions(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let files = sources(&root);
    assert!(files.len() > 3, "no sources found under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (n, line) in text.lines().enumerate() {
            for word in forbidden.iter().filter(|w| line.contains(*w)) {
                let at = file
                    .strip_prefix(env!("CARGO_MANIFEST_DIR"))
                    .unwrap_or(&file);
                found.push(format!("{}:{}: mentions {word}", at.display(), n + 1));
            }
        }
    }
    found
}

#[test]
fn the_journal_depends_on_neither_guides_nor_the_tui() {
    let found = mentions("journal", &["crate::guide", "crate::tui"]);
    assert!(
        found.is_empty(),
        "the journal is the core; move what it needs into it:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_screen_reaches_back_into_the_app() {
    let found = mentions("tui/screens", &["tui::app", "super::super::app"]);
    assert!(
        found.is_empty(),
        "a screen gets what it reads passed in, not from the app:\n{}",
        found.join("\n")
    );
}
