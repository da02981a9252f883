//! Stand-ins with the exact shape of `practice::Library` and `journal::store::Store`, so the
//! TUI compiles until those land on main (then this file goes).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::journal::entry::Entry;
use crate::practice::model::Practice;

pub struct Library {
    practices: Vec<Arc<Practice>>,
    problems: Vec<String>,
}

impl Library {
    pub fn load(_user_dir: &Path) -> Library {
        Library {
            practices: Vec::new(),
            problems: Vec::new(),
        }
    }
    pub fn practices(&self) -> &[Arc<Practice>] {
        &self.practices
    }
    pub fn get(&self, id: &str) -> Option<Arc<Practice>> {
        self.practices.iter().find(|p| p.id == id).cloned()
    }
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}

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
