//! What the TUI keeps for a bad hour: the region whose crisis lines come first, and the
//! person's own safety plan (read once at start, kept up to date by the editor's saves).

use std::path::PathBuf;

use crate::support::plan::{Plan, PlanError};

/// Care settings and data the app starts with.
#[derive(Debug, Clone)]
pub struct Care {
    /// Where the person is (ISO 3166), from the settings or the locale; None when unknown.
    pub region: Option<String>,
    /// Where the safety plan is kept.
    pub plan_path: PathBuf,
    /// The plan as last read or saved: None before one is written; an error when the file
    /// cannot be read (then it is never written over).
    pub plan: Result<Option<Plan>, PlanError>,
}

impl Default for Care {
    fn default() -> Self {
        Care {
            region: None,
            plan_path: PathBuf::new(),
            plan: Ok(None),
        }
    }
}
