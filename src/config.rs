//! Settings from `config.toml`. Every setting has a default, so the file is optional; an
//! unknown or invalid setting is an error that names it and its line.

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::Deserialize;

use crate::text;

/// The colour names a check-in offers when neither the practice nor the config names others.
pub const DEFAULT_PALETTE: [&str; 10] = [
    "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "brown", "grey",
];

/// The settings in force.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// When a new day begins: a practice before this time belongs to the day before.
    pub day_starts_at: NaiveTime,
    pub show_streaks: bool,
    /// The breath pacer shows a still bar and words instead of moving.
    pub reduced_motion: bool,
    /// A terminal bell at each breath phase and timer end.
    pub bell: bool,
    /// Colour names offered in a check-in.
    pub palette: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            show_streaks: true,
            reduced_motion: false,
            bell: false,
            palette: DEFAULT_PALETTE.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The file as written; every field optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    day_starts_at: Option<toml::Spanned<String>>,
    show_streaks: Option<bool>,
    reduced_motion: Option<bool>,
    bell: Option<bool>,
    palette: Option<toml::Spanned<Vec<String>>>,
}

/// A settings file that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads `path`; a missing file means every default.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text).map_err(|message| ConfigError {
                path: path.to_owned(),
                message,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(ConfigError {
                path: path.to_owned(),
                message: format!("cannot read the settings file ({e})"),
            }),
        }
    }

    /// Parses the text of a settings file.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let (line, col) = text::line_col(text, s.start);
                    format!(" at line {line}, column {col}")
                })
                .unwrap_or_default();
            format!(
                "{}{at}; fix or remove that setting",
                first_line(e.message())
            )
        })?;
        let mut config = Config::default();
        if let Some(day) = raw.day_starts_at {
            config.day_starts_at = NaiveTime::parse_from_str(day.get_ref(), "%H:%M")
                .map_err(|_| {
                    let (line, col) = text::line_col(text, day.span().start);
                    format!(
                        "setting `day_starts_at` at line {line}, column {col} must be a time like \"04:00\", not {:?}",
                        day.get_ref()
                    )
                })?;
        }
        config.show_streaks = raw.show_streaks.unwrap_or(config.show_streaks);
        config.reduced_motion = raw.reduced_motion.unwrap_or(config.reduced_motion);
        config.bell = raw.bell.unwrap_or(config.bell);
        if let Some(palette) = raw.palette {
            let (line, col) = text::line_col(text, palette.span().start);
            let bad = |why: &str| format!("setting `palette` at line {line}, column {col} {why}");
            let names = palette.into_inner();
            if names.is_empty() || names.len() > 24 {
                return Err(bad("must list between 1 and 24 colour names"));
            }
            if names.iter().any(|n| {
                n.trim().is_empty() || n.chars().count() > 24 || text::has_control(n, false)
            }) {
                return Err(bad(
                    "must hold short colour names (1 to 24 characters, no control characters)",
                ));
            }
            config.palette = names.into_iter().map(|n| n.trim().to_owned()).collect();
        }
        Ok(config)
    }
}

fn first_line(message: &str) -> &str {
    message
        .lines()
        .next()
        .unwrap_or(message)
        .trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(Config::default().day_starts_at.to_string(), "04:00:00");
    }

    #[test]
    fn settings_are_read() {
        let c = Config::parse(
            "day_starts_at = \"05:30\"\nshow_streaks = false\nreduced_motion = true\nbell = true\npalette = [\"sea\", \"sand\"]\n",
        )
        .unwrap();
        assert_eq!(c.day_starts_at, NaiveTime::from_hms_opt(5, 30, 0).unwrap());
        assert!(!c.show_streaks && c.reduced_motion && c.bell);
        assert_eq!(c.palette, ["sea", "sand"]);
    }

    #[test]
    fn unknown_setting_is_named_with_its_line() {
        let err = Config::parse("bell = true\ncolour_mode = 3\n").unwrap_err();
        assert!(err.contains("colour_mode"), "{err}");
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn invalid_values_are_named() {
        let err = Config::parse("day_starts_at = \"25:00\"").unwrap_err();
        assert!(
            err.contains("day_starts_at") && err.contains("line 1"),
            "{err}"
        );
        let err = Config::parse("bell = \"yes\"").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let err = Config::parse("palette = []").unwrap_err();
        assert!(err.contains("palette"), "{err}");
    }

    #[test]
    fn missing_file_is_defaults() {
        let c = Config::load(Path::new("/nonexistent/steady/config.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
