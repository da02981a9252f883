//! A stand-in with the exact shape of `journal::store::Store`, so the TUI compiles until the
//! store lands on main (then this file goes).

use std::path::PathBuf;

use crate::journal::entry::Entry;

pub struct Store {
    path: PathBuf,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Store { path: path.into() }
    }
    pub fn append(&self, _entry: &Entry) -> Result<(), String> {
        Err(format!(
            "{}: the journal store is not built yet",
            self.path.display()
        ))
    }
}
