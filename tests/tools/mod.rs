//! Programs some tests need beside steady (a browser, shells, `man`). Outside CI a missing
//! one skips its test with a message saying how to install it; in CI (`CI=true`) it fails the
//! test, since `.ci/run` installs them.

use std::path::PathBuf;

/// The first of `names` found on PATH, or None (with a message) when none is there.
pub fn installed(names: &[&str]) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none_or(|v| v != "true"),
            "{} must be installed in CI (.ci/run installs it)",
            names[0]
        );
        eprintln!(
            "skipped: {} is not installed; `apt-get install {}` to run this test",
            names[0], names[0]
        );
    }
    found
}
