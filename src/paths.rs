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
}

/// What the command line gave, before environment and defaults.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub journal: Option<PathBuf>,
    pub config: Option<PathBuf>,
    pub practices: Option<PathBuf>,
}

/// A path that is not what it should be, in one sentence; `settings` when it is the settings
/// file (bad input, like any other problem with it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathProblem {
    pub message: String,
    pub settings: bool,
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
    /// symlink to one is fine), and a practice folder path that is not a folder, with one
    /// sentence; nothing is opened, so a FIFO cannot make this wait.
    pub fn check(&self) -> Result<(), PathProblem> {
        let file = |path: &Path| {
            crate::fsutil::regular_or_missing(path).map_err(|e| crate::fsutil::io_words(&e))
        };
        file(&self.journal).map_err(|why| PathProblem {
            message: format!(
                "steady cannot use {} as its journal ({why}); give --journal the path of a file",
                self.journal.display()
            ),
            settings: false,
        })?;
        // Said as every other problem with the settings file is.
        file(&self.config).map_err(|why| PathProblem {
            message: format!(
                "{}: cannot read the settings file ({why}); give --config the path of a file",
                self.config.display()
            ),
            settings: true,
        })?;
        match std::fs::metadata(&self.practices) {
            Ok(meta) if !meta.is_dir() => Err(PathProblem {
                message: format!(
                    "steady cannot use {} as its practice folder (it is not a folder); give --practices the path of a folder",
                    self.practices.display()
                ),
                settings: false,
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
