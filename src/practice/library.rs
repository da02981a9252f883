//! The practices steady offers: the built-in ones compiled into the binary, then the
//! person's own folder, whose files add practices or replace a built-in one by `id`. A
//! broken file is reported and skipped; it never hides the others. The loading machinery
//! is generic (`Loadable`), so guides load the same way.

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
    ("note.toml", include_str!("../../practices/note.toml")),
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
        let (practices, problems) = load_builtin(BUILT_IN, &parse_labelled);
        Library {
            practices,
            problems,
        }
    }

    /// The built-in practices plus every `*.toml` file in `user_dir`. A folder that does not
    /// exist simply adds nothing. Built-ins keep their order (a replaced one keeps its
    /// place); the person's own practices follow, by title.
    pub fn load(user_dir: &Path) -> Library {
        let (practices, problems) = load(BUILT_IN, user_dir, &parse_labelled);
        Library {
            practices,
            problems,
        }
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

loadable!(Practice, "practice");

/// Checks a practice file, or every `*.toml` file in a folder (including that no two share
/// an id). Empty when all is well.
pub fn validate_path(path: &Path) -> Vec<PracticeError> {
    validate::<Practice>(path, &parse_labelled)
}

/// What the loading machinery needs to know of what it loads (practices, guides): files
/// of steady's TOML with an id, a title and where they came from.
pub(crate) trait Loadable: Sized {
    /// "practice" or "guide", for messages.
    const NOUN: &'static str;
    fn id(&self) -> &str;
    fn title(&self) -> &str;
    fn origin(&self) -> &Origin;
}

/// Implements `Loadable` for a type with `id`, `title` and `origin` fields.
macro_rules! loadable {
    ($type:ty, $noun:literal) => {
        impl $crate::practice::library::Loadable for $type {
            const NOUN: &'static str = $noun;

            fn id(&self) -> &str {
                &self.id
            }

            fn title(&self) -> &str {
                &self.title
            }

            fn origin(&self) -> &$crate::practice::Origin {
                &self.origin
            }
        }
    };
}
pub(crate) use loadable;

/// Reads one file's text: `(text, origin, label for messages)` to the checked thing.
pub(crate) type Parse<'a, T> = &'a dyn Fn(&str, Origin, &str) -> Result<T, Vec<PracticeError>>;

/// The built-in files, parsed in order. Each is checked by a test, so this never reports
/// in practice; if it did, the problem is listed like any other instead of stopping steady.
pub(crate) fn load_builtin<T: Loadable>(
    files: &[(&str, &str)],
    parse: Parse<'_, T>,
) -> (Vec<Arc<T>>, Vec<PracticeError>) {
    let mut items = Vec::new();
    let mut problems = Vec::new();
    for &(name, text) in files {
        match parse(text, Origin::BuiltIn, &format!("built-in:{name}")) {
            Ok(item) => items.push(Arc::new(item)),
            Err(errors) => problems.extend(errors),
        }
    }
    (items, problems)
}

/// The built-ins plus every `*.toml` file in `user_dir`, which add to them or replace one
/// by id. Built-ins keep their order; the person's own follow, by title.
pub(crate) fn load<T: Loadable>(
    builtins: &[(&str, &str)],
    user_dir: &Path,
    parse: Parse<'_, T>,
) -> (Vec<Arc<T>>, Vec<PracticeError>) {
    let (mut items, mut problems) = load_builtin(builtins, parse);
    let files = match toml_files(user_dir) {
        Ok(files) => files,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            problems.push(unreadable(user_dir, &e));
            Vec::new()
        }
    };
    let builtin_count = items.len();
    let mut added: Vec<Arc<T>> = Vec::new();
    for item in read_all(&files, &mut problems, parse) {
        let item = Arc::new(item);
        match items[..builtin_count]
            .iter_mut()
            .find(|p| p.id() == item.id())
        {
            Some(slot) => *slot = item,
            None => added.push(item),
        }
    }
    added.sort_by(|a, b| a.title().cmp(b.title()).then_with(|| a.id().cmp(b.id())));
    items.extend(added);
    (items, problems)
}

/// Checks a file, or every `*.toml` file in a folder (including that no two share an id).
/// Empty when all is well.
pub(crate) fn validate<T: Loadable>(path: &Path, parse: Parse<'_, T>) -> Vec<PracticeError> {
    let noun = T::NOUN;
    let mut problems = Vec::new();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            problems.push(PracticeError::whole_file(
                &path.display().to_string(),
                format!("does not exist; give a {noun} file or a folder of them"),
            ));
        }
        Err(e) => problems.push(unreadable(path, &e)),
        Ok(meta) if meta.is_dir() => match toml_files(path) {
            Ok(files) if files.is_empty() => problems.push(PracticeError::whole_file(
                &path.display().to_string(),
                format!("holds no .toml {noun} files to check"),
            )),
            Ok(files) => {
                read_all(&files, &mut problems, parse);
            }
            Err(e) => problems.push(unreadable(path, &e)),
        },
        Ok(_) => {
            if let Err(errors) = read_file(path, parse) {
                problems.extend(errors);
            }
        }
    }
    problems
}

/// Reads each file; problems (including a second file using an id already taken) go to
/// `problems`, the good ones come back.
fn read_all<T: Loadable>(
    files: &[PathBuf],
    problems: &mut Vec<PracticeError>,
    parse: Parse<'_, T>,
) -> Vec<T> {
    let mut good: Vec<T> = Vec::new();
    for path in files {
        match read_file(path, parse) {
            Ok(item) => match good.iter().find(|p| p.id() == item.id()) {
                Some(first) => problems.push(PracticeError::whole_file(
                    &path.display().to_string(),
                    format!(
                        "uses the id `{}`, which {} already uses; give one of them another id",
                        item.id(),
                        origin_text(first.origin())
                    ),
                )),
                None => good.push(item),
            },
            Err(errors) => problems.extend(errors),
        }
    }
    good
}

/// The `*.toml` files in `dir` (not hidden ones, not in sub-folders), by name. A `.toml`
/// name that is not a folder and not a regular file (a FIFO, a device, a broken link) is
/// listed too, so that reading it reports it instead of passing it over in silence.
fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // Exactly `.toml`, as the files are documented: `x.TOML` is left alone.
        let is_toml = Path::new(name).extension().is_some_and(|e| e == "toml");
        if is_toml && !name.starts_with('.') && !path.is_dir() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and checks one file, never reading more than the size limit.
fn read_file<T>(path: &Path, parse: Parse<'_, T>) -> Result<T, Vec<PracticeError>> {
    let label = path.display().to_string();
    // Only a regular file: a FIFO or a device is refused at once, never waited on.
    let bytes = crate::fsutil::read_small(path, MAX_FILE_BYTES as u64)
        .map_err(|e| vec![unreadable(path, &e)])?;
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
    parse(&text, Origin::File(path.to_owned()), &label)
}

/// Where a practice or guide came from, as the person reads it: `built-in` or the file's path.
pub fn origin_text(origin: &Origin) -> String {
    match origin {
        Origin::BuiltIn => "built-in".to_owned(),
        Origin::File(path) => crate::text::clean(&path.display().to_string(), false),
    }
}

fn unreadable(path: &Path, e: &std::io::Error) -> PracticeError {
    let not_regular = e
        .get_ref()
        .and_then(|e| e.downcast_ref::<crate::fsutil::NotRegular>())
        .is_some();
    let what_to_do = if not_regular {
        "give the path of a .toml file or a folder of them"
    } else {
        "check that it is there and you may read it"
    };
    PracticeError::whole_file(
        &path.display().to_string(),
        format!(
            "cannot be read ({}); {what_to_do}",
            crate::fsutil::io_words(e)
        ),
    )
}
