//! Where steady's files live: a flag, else an environment variable, else the platform's
//! data and config folders (see the contract); and the check that each is what it should
//! be (a regular file, a folder) before anything opens it, so a FIFO or a device in its
//! place is refused with a sentence instead of hanging or spinning.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

/// The files and folders in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub journal: PathBuf,
    pub config: PathBuf,
    /// The user's practice folder (built-in practices live in the binary).
    pub practices: PathBuf,
    /// What named the journal: `--journal` or `STEADY_JOURNAL`; None for the default path,
    /// whose folder steady creates.
    pub journal_named_by: Option<&'static str>,
}

/// What the command line gave, before environment and defaults.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub journal: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub practices: Option<PathBuf>,
}

/// A path that is not what it should be, in one sentence; `usage` when it is bad input
/// (exit 2): the settings file, like any other problem with it, or a journal named in a
/// folder that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem {
    pub message: String,
    pub usage: bool,
}

/// Why the paths could not be worked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoHome;

impl std::fmt::Display for NoHome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot find your home folder to keep steady's files in; set HOME, or pass --journal, --config and --practices"
        )
    }
}

impl std::error::Error for NoHome {}

impl Paths {
    /// Refuses a journal or settings path that is there but is not a regular file (a
    /// symlink to one is fine), a journal named (by `--journal` or `STEADY_JOURNAL`) in a
    /// folder that does not exist (a misspelt path would otherwise read as an empty
    /// journal), and a practice folder path that is not a folder, with one sentence;
    /// nothing is opened, so a FIFO cannot make this wait.
    pub fn check(&self) -> Result<(), PathProblem> {
        self.check_journal_folder()?;
        let file = |path: &Path| {
            crate::fsutil::regular_or_missing(path).map_err(|e| crate::fsutil::io_words(&e))
        };
        file(&self.journal).map_err(|why| PathProblem {
            message: format!(
                "steady cannot use {} as its journal ({why}); give --journal the path of a file",
                self.journal.display()
            ),
            usage: false,
        })?;
        // Said as every other problem with the settings file is.
        file(&self.config).map_err(|why| PathProblem {
            message: format!(
                "{}: cannot read the settings file ({why}); give --config the path of a file",
                self.config.display()
            ),
            usage: true,
        })?;
        match std::fs::metadata(&self.practices) {
            Ok(meta) if !meta.is_dir() => Err(PathProblem {
                message: format!(
                    "steady cannot use {} as its practice folder (it is not a folder); give --practices the path of a folder",
                    self.practices.display()
                ),
                usage: false,
            }),
            _ => Ok(()),
        }
    }

    /// A named journal's folder must be there (a missing file in it is an empty journal).
    /// Only a folder that is plainly missing is refused: one that cannot be looked at, or a
    /// file in its place, is left to what opens the journal, which says so in its words.
    fn check_journal_folder(&self) -> Result<(), PathProblem> {
        let Some(named_by) = self.journal_named_by else {
            return Ok(());
        };
        let journal = crate::fsutil::follow_links(&self.journal).unwrap_or(self.journal.clone());
        let folder = match journal.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder,
            _ => return Ok(()),
        };
        match std::fs::metadata(folder) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(PathProblem {
                message: format!(
                    "the folder {} of the journal {} (from {named_by}) does not exist; check its spelling, or create the folder first",
                    folder.display(),
                    self.journal.display()
                ),
                usage: true,
            }),
            _ => Ok(()),
        }
    }

    /// Resolves each path: flag, then `$STEADY_*`, then the platform default.
    pub fn resolve(overrides: &Overrides) -> Result<Paths, NoHome> {
        Self::resolve_with(overrides, |name| std::env::var_os(name))
    }

    fn resolve_with(
        overrides: &Overrides,
        env: impl Fn(&str) -> Option<std::ffi::OsString>,
    ) -> Result<Paths, NoHome> {
        let dirs = ProjectDirs::from("", "", "steady");
        let journal_named_by = if overrides.journal.is_some() {
            Some("--journal")
        } else if env("STEADY_JOURNAL").is_some_and(|v| !v.is_empty()) {
            Some("STEADY_JOURNAL")
        } else {
            None
        };
        let pick =
            |flag: &Option<PathBuf>, var: &str, default: &dyn Fn(&ProjectDirs) -> PathBuf| {
                if let Some(p) = flag {
                    return Ok(p.clone());
                }
                if let Some(v) = env(var).filter(|v| !v.is_empty()) {
                    return Ok(PathBuf::from(v));
                }
                dirs.as_ref().map(default).ok_or(NoHome)
            };
        Ok(Paths {
            journal: pick(&overrides.journal, "STEADY_JOURNAL", &|d| {
                d.data_dir().join("journal.jsonl")
            })?,
            config: pick(&overrides.config, "STEADY_CONFIG", &|d| {
                d.config_dir().join("config.toml")
            })?,
            practices: pick(&overrides.practices, "STEADY_PRACTICES", &|d| {
                d.config_dir().join("practices")
            })?,
            journal_named_by,
        })
    }
}

impl Paths {
    /// The folder beside the settings file, where the safety plan and the person's own
    /// guides live (`<config dir>`).
    fn config_dir(&self) -> PathBuf {
        match self.config.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        }
    }

    /// The person's safety plan: `<config dir>/safety-plan.toml`.
    pub fn safety_plan(&self) -> PathBuf {
        self.config_dir().join("safety-plan.toml")
    }

    /// The person's own guides: `<config dir>/guides/`.
    pub fn guides(&self) -> PathBuf {
        self.config_dir().join("guides")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let overrides = Overrides {
            journal: Some("/flag/j.jsonl".into()),
            ..Default::default()
        };
        let env = |name: &str| match name {
            "STEADY_JOURNAL" => Some("/env/j.jsonl".into()),
            "STEADY_CONFIG" => Some("/env/c.toml".into()),
            _ => None,
        };
        let p = Paths::resolve_with(&overrides, env).unwrap();
        assert_eq!(p.journal, PathBuf::from("/flag/j.jsonl"));
        assert_eq!(p.journal_named_by, Some("--journal"));
        let by_env = Paths::resolve_with(&Overrides::default(), env).unwrap();
        assert_eq!(by_env.journal_named_by, Some("STEADY_JOURNAL"));
        let by_default = Paths::resolve_with(&Overrides::default(), |_| None);
        assert!(by_default.is_err() || by_default.unwrap().journal_named_by.is_none());
        assert_eq!(p.config, PathBuf::from("/env/c.toml"));
        assert!(
            p.practices.ends_with("steady/practices"),
            "{:?}",
            p.practices
        );
        assert_eq!(p.safety_plan(), PathBuf::from("/env/safety-plan.toml"));
        assert_eq!(p.guides(), PathBuf::from("/env/guides"));
    }
}
