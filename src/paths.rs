//! Where steady's files live: a flag, else an environment variable, else the platform's
//! data and config folders (see the contract).

use std::path::PathBuf;

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
