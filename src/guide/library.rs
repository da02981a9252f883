//! The guides steady offers: the built-in ones compiled in from `guides/`, then the
//! person's own folder, whose files add guides or replace a built-in one by id. Loaded by
//! the same machinery as practices; a broken file is reported and never hides the others.

use std::path::Path;
use std::sync::Arc;

use super::model::Guide;
use super::parse::parse;
use crate::practice::library::{load, load_builtin, loadable, validate};
use crate::practice::{Library, Origin, PracticeError};

/// The built-in guides, in the order they are offered.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "anxious-eight-steps.toml",
        include_str!("../../guides/anxious-eight-steps.toml"),
    ),
    (
        "avoidant-arc.toml",
        include_str!("../../guides/avoidant-arc.toml"),
    ),
];

loadable!(Guide, "guide");

/// The guides in use, and the problems with files that could not be used.
#[derive(Debug, Clone, Default)]
pub struct GuideLibrary {
    guides: Vec<Arc<Guide>>,
    problems: Vec<PracticeError>,
}

/// A guide file's reader that knows the practices of `practices`.
fn reader(practices: &Library) -> impl Fn(&str, Origin, &str) -> Result<Guide, Vec<PracticeError>> {
    move |text, origin, label| parse(text, origin, label, &|id| practices.get(id).is_some())
}

impl GuideLibrary {
    /// Only the guides compiled into steady.
    pub fn builtin(practices: &Library) -> GuideLibrary {
        let (guides, problems) = load_builtin(BUILT_IN, &reader(practices));
        GuideLibrary { guides, problems }
    }

    /// The built-in guides plus every `*.toml` file in `user_dir` (a folder that does not
    /// exist adds nothing); a step may name any practice in `practices`.
    pub fn load(user_dir: &Path, practices: &Library) -> GuideLibrary {
        let (guides, problems) = load(BUILT_IN, user_dir, &reader(practices));
        GuideLibrary { guides, problems }
    }

    pub fn guides(&self) -> &[Arc<Guide>] {
        &self.guides
    }

    pub fn get(&self, id: &str) -> Option<Arc<Guide>> {
        self.guides.iter().find(|g| g.id == id).cloned()
    }

    pub fn problems(&self) -> &[PracticeError] {
        &self.problems
    }
}

/// Checks a guide file, or every `*.toml` file in a folder, against the practices in use.
/// Empty when all is well.
pub fn validate_path(path: &Path, practices: &Library) -> Vec<PracticeError> {
    validate::<Guide>(path, &reader(practices))
}
