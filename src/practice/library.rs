//! The practices steady offers: the built-in ones compiled into the binary, then the
//! person's own folder, whose files add practices or replace a built-in one by `id`. A
//! broken file is reported and skipped; it never hides the others.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::PracticeError;
use super::model::{Origin, Practice};
use super::parse::{MAX_FILE_BYTES, parse_labelled, too_large};

/// The built-in practices, in the order they are offered.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "breath-reset.toml",
        include_str!("../../practices/breath-reset.toml"),
    ),
    (
        "feeling-check-in.toml",
        include_str!("../../practices/feeling-check-in.toml"),
    ),
    (
        "stay-present.toml",
        include_str!("../../practices/stay-present.toml"),
    ),
    (
        "four-seven-eight.toml",
        include_str!("../../practices/four-seven-eight.toml"),
    ),
    (
        "trigger-log.toml",
        include_str!("../../practices/trigger-log.toml"),
    ),
    ("i-need.toml", include_str!("../../practices/i-need.toml")),
    (
        "micro-reach.toml",
        include_str!("../../practices/micro-reach.toml"),
    ),
    (
        "there-it-goes.toml",
        include_str!("../../practices/there-it-goes.toml"),
    ),
    (
        "worry-window.toml",
        include_str!("../../practices/worry-window.toml"),
    ),
    (
        "self-soothe.toml",
        include_str!("../../practices/self-soothe.toml"),
    ),
    (
        "compliment.toml",
        include_str!("../../practices/compliment.toml"),
    ),
    (
        "distancing-reflection.toml",
        include_str!("../../practices/distancing-reflection.toml"),
    ),
    (
        "defusion.toml",
        include_str!("../../practices/defusion.toml"),
    ),
    (
        "say-it-out-loud.toml",
        include_str!("../../practices/say-it-out-loud.toml"),
    ),
    (
        "numb-under-closeness.toml",
        include_str!("../../practices/numb-under-closeness.toml"),
    ),
    (
        "narrate-pull-back.toml",
        include_str!("../../practices/narrate-pull-back.toml"),
    ),
    (
        "sit-with-distress.toml",
        include_str!("../../practices/sit-with-distress.toml"),
    ),
    (
        "need-space-check.toml",
        include_str!("../../practices/need-space-check.toml"),
    ),
    (
        "solitude-check.toml",
        include_str!("../../practices/solitude-check.toml"),
    ),
    (
        "late-feeling.toml",
        include_str!("../../practices/late-feeling.toml"),
    ),
    (
        "reassurance-plan.toml",
        include_str!("../../practices/reassurance-plan.toml"),
    ),
    (
        "connection-ritual.toml",
        include_str!("../../practices/connection-ritual.toml"),
    ),
    (
        "three-supports.toml",
        include_str!("../../practices/three-supports.toml"),
    ),
    (
        "unsent-letter.toml",
        include_str!("../../practices/unsent-letter.toml"),
    ),
    (
        "eightieth-birthday.toml",
        include_str!("../../practices/eightieth-birthday.toml"),
    ),
];

/// The practices in use, and the problems with the files that could not be used.
#[derive(Debug, Clone, Default)]
pub struct Library {
    practices: Vec<Arc<Practice>>,
    problems: Vec<PracticeError>,
}

impl Library {
    /// Only the practices compiled into steady.
    pub fn builtin() -> Library {
        let mut library = Library::default();
        for &(name, text) in BUILT_IN {
            // Each built-in file is checked by a test, so this never reports in practice;
            // if it did, the problem is listed like any other instead of stopping steady.
            match parse_labelled(text, Origin::BuiltIn, &format!("built-in:{name}")) {
                Ok(p) => library.practices.push(Arc::new(p)),
                Err(errors) => library.problems.extend(errors),
            }
        }
        library
    }

    /// The built-in practices plus every `*.toml` file in `user_dir`. A folder that does not
    /// exist simply adds nothing. Built-ins keep their order (a replaced one keeps its
    /// place); the person's own practices follow, by title.
    pub fn load(user_dir: &Path) -> Library {
        let mut library = Library::builtin();
        let files = match practice_files(user_dir) {
            Ok(files) => files,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                library.problems.push(unreadable(user_dir, &e));
                Vec::new()
            }
        };
        let builtin_count = library.practices.len();
        let mut added: Vec<Arc<Practice>> = Vec::new();
        for practice in read_all(&files, &mut library.problems) {
            let practice = Arc::new(practice);
            match library.practices[..builtin_count]
                .iter_mut()
                .find(|p| p.id == practice.id)
            {
                Some(slot) => *slot = practice,
                None => added.push(practice),
            }
        }
        added.sort_by(|a, b| a.title.cmp(&b.title).then_with(|| a.id.cmp(&b.id)));
        library.practices.extend(added);
        library
    }

    /// Every practice in use, built-ins first.
    pub fn practices(&self) -> &[Arc<Practice>] {
        &self.practices
    }

    /// The practice with this id.
    pub fn get(&self, id: &str) -> Option<Arc<Practice>> {
        self.practices.iter().find(|p| p.id == id).cloned()
    }

    /// Problems with files that were skipped (every problem of each, in file order).
    pub fn problems(&self) -> &[PracticeError] {
        &self.problems
    }
}

/// Checks a practice file, or every `*.toml` file in a folder (including that no two share
/// an id). Empty when all is well.
pub fn validate_path(path: &Path) -> Vec<PracticeError> {
    let mut problems = Vec::new();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(PracticeError::whole_file(
                &path.display().to_string(),
                "does not exist; give a practice file or a folder of them",
            ));
        }
        Err(e) => problems.push(unreadable(path, &e)),
        Ok(meta) if meta.is_dir() => match practice_files(path) {
            Ok(files) if files.is_empty() => problems.push(PracticeError::whole_file(
                &path.display().to_string(),
                "holds no .toml practice files to check",
            )),
            Ok(files) => {
                read_all(&files, &mut problems);
            }
            Err(e) => problems.push(unreadable(path, &e)),
        },
        Ok(_) => {
            if let Err(errors) = read_file(path) {
                problems.extend(errors);
            }
        }
    }
    problems
}

/// Reads each file; problems (including a second file using an id already taken) go to
/// `problems`, the good practices come back.
fn read_all(files: &[PathBuf], problems: &mut Vec<PracticeError>) -> Vec<Practice> {
    let mut good: Vec<Practice> = Vec::new();
    for path in files {
        match read_file(path) {
            Ok(practice) => match good.iter().find(|p| p.id == practice.id) {
                Some(first) => problems.push(PracticeError::whole_file(
                    &path.display().to_string(),
                    format!(
                        "uses the id `{}`, which {} already uses; give one of them another id",
                        practice.id,
                        origin_text(&first.origin)
                    ),
                )),
                None => good.push(practice),
            },
            Err(errors) => problems.extend(errors),
        }
    }
    good
}

/// The `*.toml` files in `dir` (not hidden ones, not in sub-folders), by name.
fn practice_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".toml") && !name.starts_with('.') && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and checks one file, never reading more than the size limit.
fn read_file(path: &Path) -> Result<Practice, Vec<PracticeError>> {
    let label = path.display().to_string();
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        return Err(vec![unreadable(path, &e)]);
    }
    if bytes.len() > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len(), |m| m.len() as usize);
        return Err(vec![too_large(&label, size)]);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![PracticeError::whole_file(
            &label,
            "is not UTF-8 text; save it as UTF-8",
        )]);
    };
    parse_labelled(&text, Origin::File(path.to_owned()), &label)
}

/// Where a practice came from, as the person reads it: `built-in` or the file's path.
pub fn origin_text(origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => "built-in".to_owned(),
        Origin::File(path) => crate::text::clean(&path.display().to_string(), false),
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> PracticeError {
    PracticeError::whole_file(
        &path.display().to_string(),
        format!("cannot be read ({e}); check that it exists and you may read it"),
    )
}
