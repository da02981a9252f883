//! Settings from `config.toml`. Every setting has a default, so the file is optional; an
//! unknown or invalid setting is an error that names it and its line.

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use toml::de::{DeTable, DeValue};

use crate::journal::feelings::{Energy, Place, Placements};
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
    /// Where the person is (ISO 3166, upper case), as set in the file; None leaves it to the
    /// locale (`support::region::current`).
    pub region: Option<String>,
    /// How long a read or write waits for another steady's lock before it gives up
    /// (`lock_wait_seconds`, 1 to 3600).
    pub lock_wait: std::time::Duration,
    /// Where the person placed their own feeling words (the `[feelings]` table).
    pub feelings: Placements,
    /// A shell command whose first line of output is the passphrase of a sealed journal
    /// (`passphrase_command`, such as "pass show steady").
    pub passphrase_command: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            day_starts_at: NaiveTime::from_hms_opt(4, 0, 0).unwrap_or_default(),
            show_streaks: true,
            reduced_motion: false,
            bell: false,
            palette: DEFAULT_PALETTE
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            region: None,
            lock_wait: crate::journal::lock::DEFAULT_WAIT,
            feelings: Placements::new(),
            passphrase_command: None,
        }
    }
}

/// The settings a file may hold, for the message about one it may not.
const SETTINGS: &str = "day_starts_at, show_streaks, reduced_motion, bell, palette, region, lock_wait_seconds, passphrase_command and [feelings]";

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
                message: format!(
                    "cannot read the settings file ({}); check that it is a file you may read",
                    crate::fsutil::io_words(&e)
                ),
            }),
        }
    }

    /// Parses the text of a settings file. Each setting is checked by hand (not by serde)
    /// so that every error names the setting, its line and what it should be.
    pub fn parse(text: &str) -> Result<Config, String> {
        let table = DeTable::parse(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let (line, col) = text::line_col(text, s.start);
                    format!(" at line {line}, column {col}")
                })
                .unwrap_or_default();
            format!(
                "{}{at}; fix the file so it is valid TOML",
                first_line(e.message())
            )
        })?;
        let mut config = Config::default();
        for (key, value) in table.get_ref() {
            let name: &str = key.get_ref();
            let (line, col) = text::line_col(text, key.span().start);
            // The value as written, on one line and short, to quote in the message.
            let mut given = text
                .get(value.span())
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if given.chars().count() > 40 {
                given = given.chars().take(39).chain(['…']).collect();
            }
            let bad = |expected: &str| {
                format!(
                    "setting `{name}` at line {line}, column {col} must be {expected}, not {given}"
                )
            };
            let flag = || {
                value
                    .get_ref()
                    .as_bool()
                    .ok_or_else(|| bad("true or false"))
            };
            match name {
                "day_starts_at" => {
                    config.day_starts_at = value
                        .get_ref()
                        .as_str()
                        .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
                        .ok_or_else(|| bad("a time like \"04:00\""))?;
                }
                "show_streaks" => config.show_streaks = flag()?,
                "reduced_motion" => config.reduced_motion = flag()?,
                "bell" => config.bell = flag()?,
                "palette" => {
                    let expected = "a list of 1 to 24 short colour names (1 to 24 characters each, no control characters), such as [\"blue\", \"grey\"]";
                    let names = palette(value.get_ref()).ok_or_else(|| bad(expected))?;
                    config.palette = names;
                }
                "region" => {
                    let code = value
                        .get_ref()
                        .as_str()
                        .and_then(crate::support::region::normalise)
                        .ok_or_else(|| bad("a two-letter country code like \"GB\" (ISO 3166)"))?;
                    config.region = Some(code);
                }
                "lock_wait_seconds" => {
                    let seconds = value
                        .get_ref()
                        .as_integer()
                        .and_then(|n| u64::from_str_radix(n.as_str(), n.radix()).ok())
                        .filter(|n| (1..=3600).contains(n))
                        .ok_or_else(|| bad("a whole number of seconds from 1 to 3600"))?;
                    config.lock_wait = std::time::Duration::from_secs(seconds);
                }
                "feelings" => config.feelings = feelings(text, value.get_ref())?,
                "passphrase_command" => {
                    let command = value
                        .get_ref()
                        .as_str()
                        .filter(|c| !c.trim().is_empty() && !text::has_control(c, false))
                        .ok_or_else(|| {
                            bad("a shell command on one line, such as \"pass show steady\"")
                        })?;
                    config.passphrase_command = Some(command.to_owned());
                }
                _ => {
                    return Err(format!(
                        "unknown setting `{name}` at line {line}, column {col}; the settings are {SETTINGS}, so fix or remove it"
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// The colour names of a `palette` value, trimmed, or `None` when it is not a short list
/// of short names.
fn palette(value: &DeValue<'_>) -> Option<Vec<String>> {
    let DeValue::Array(items) = value else {
        return None;
    };
    if items.is_empty() || items.len() > 24 {
        return None;
    }
    items
        .iter()
        .map(|item| {
            let name = item.get_ref().as_str()?.trim();
            let fits = !name.is_empty() && name.chars().count() <= 24;
            (fits && !text::has_control(name, false)).then(|| name.to_owned())
        })
        .collect()
}

/// The `[feelings]` table: each word the person uses, placed as
/// `word = { pleasant = true|false, energy = "high"|"low" }`. A bad entry is named with its
/// line.
fn feelings(text: &str, value: &DeValue<'_>) -> Result<Placements, String> {
    let DeValue::Table(words) = value else {
        return Err(
            "setting `feelings` must be a table of your own feeling words, such as [feelings] restless = { pleasant = false, energy = \"high\" }"
                .to_owned(),
        );
    };
    let mut placed = Placements::new();
    for (key, place) in words {
        let word = key.get_ref().trim().to_lowercase();
        let (line, col) = text::line_col(text, key.span().start);
        let bad = || {
            format!(
                "setting `feelings.{}` at line {line}, column {col} must be a place like {{ pleasant = false, energy = \"high\" }} (pleasant true or false, energy \"high\" or \"low\"), so fix or remove it",
                key.get_ref()
            )
        };
        let fits = feeling_word_fits(&word);
        let DeValue::Table(fields) = place.get_ref() else {
            return Err(bad());
        };
        let mut pleasant = None;
        let mut energy = None;
        for (field, v) in fields {
            match (field.get_ref().as_ref(), v.get_ref()) {
                ("pleasant", DeValue::Boolean(b)) => pleasant = Some(*b),
                ("energy", DeValue::String(e)) if e == "high" => energy = Some(Energy::High),
                ("energy", DeValue::String(e)) if e == "low" => energy = Some(Energy::Low),
                _ => return Err(bad()),
            }
        }
        match (fits, pleasant, energy) {
            (true, Some(pleasant), Some(energy)) => {
                placed.insert(word, Place { pleasant, energy });
            }
            _ => return Err(bad()),
        }
    }
    Ok(placed)
}

/// Whether `word` (trimmed, lowercased) may be placed in the `[feelings]` table: 1 to 40
/// characters, no control characters.
pub fn feeling_word_fits(word: &str) -> bool {
    !word.is_empty() && word.chars().count() <= 40 && !text::has_control(word, false)
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
        assert_eq!(Config::default().region, None);
        let c = Config::parse("region = \"gb\"").unwrap();
        assert_eq!(c.region.as_deref(), Some("GB"));
        assert_eq!(Config::default().lock_wait.as_secs(), 30);
        let c = Config::parse("lock_wait_seconds = 5").unwrap();
        assert_eq!(c.lock_wait.as_secs(), 5);
        assert_eq!(Config::default().passphrase_command, None);
        let c = Config::parse("passphrase_command = \"pass show steady\"").unwrap();
        assert_eq!(c.passphrase_command.as_deref(), Some("pass show steady"));
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
        for (text, setting, line) in [
            ("\nbell = \"yes\"", "bell", "line 2"),
            ("show_streaks = 1", "show_streaks", "line 1"),
            ("reduced_motion = [true]", "reduced_motion", "line 1"),
            ("palette = [\"sea\", 3]", "palette", "line 1"),
            ("palette = [\"  \"]", "palette", "line 1"),
            ("day_starts_at = 4", "day_starts_at", "line 1"),
            ("\nregion = \"Britain\"", "region", "line 2"),
            ("region = 44", "region", "line 1"),
            ("lock_wait_seconds = 0", "lock_wait_seconds", "line 1"),
            ("\nlock_wait_seconds = 3601", "lock_wait_seconds", "line 2"),
            ("lock_wait_seconds = 1.5", "lock_wait_seconds", "line 1"),
            ("lock_wait_seconds = \"30\"", "lock_wait_seconds", "line 1"),
            ("[extra]\nx = 1", "extra", "line 1"),
            ("passphrase_command = \"\"", "passphrase_command", "line 1"),
            (
                "passphrase_command = [\"pass\"]",
                "passphrase_command",
                "line 1",
            ),
            (
                "passphrase_command = \"a\\nb\"",
                "passphrase_command",
                "line 1",
            ),
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(
                err.contains(&format!("`{setting}`")) && err.contains(line),
                "{text:?}: {err}"
            );
        }
        let err = Config::parse("bell = ").unwrap_err();
        assert!(err.contains("line 1") && err.contains("TOML"), "{err}");
    }

    #[test]
    fn own_feeling_words_are_placed_and_a_bad_place_is_named() {
        let c = Config::parse(
            "[feelings]\nRestless = { pleasant = false, energy = \"high\" }\nat-ease = { energy = \"low\", pleasant = true }\n",
        )
        .unwrap();
        assert_eq!(
            c.feelings.get("restless"),
            Some(&Place {
                pleasant: false,
                energy: Energy::High
            })
        );
        assert_eq!(c.feelings.get("at-ease").map(|p| p.pleasant), Some(true));
        for text in [
            "[feelings]\nrestless = { pleasant = false }",
            "[feelings]\nrestless = { pleasant = \"no\", energy = \"high\" }",
            "[feelings]\nrestless = { pleasant = false, energy = \"medium\" }",
            "[feelings]\nrestless = { pleasant = false, energy = \"high\", colour = 1 }",
            "[feelings]\nrestless = true",
        ] {
            let err = Config::parse(text).unwrap_err();
            assert!(
                err.contains("`feelings.restless`") && err.contains("line 2"),
                "{text:?}: {err}"
            );
        }
        let err = Config::parse("feelings = 3").unwrap_err();
        assert!(err.contains("`feelings`"), "{err}");
    }

    #[test]
    fn missing_file_is_defaults() {
        let c = Config::load(Path::new("/nonexistent/steady/config.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
