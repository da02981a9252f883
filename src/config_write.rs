//! Placing a feeling word of the person's own: which word a check-in leaves unplaced, and
//! writing its place into the settings file as one line of the `[feelings]` table.
//!
//! The line goes at the end of an existing `[feelings]` table, or in a new table at the end
//! of the file; every other byte is kept, comments included. The result is parsed with
//! `Config` before anything is written and must read as the settings before plus this one
//! place, or nothing is written. The file is replaced the way the journal is rewritten (a
//! temp file beside it, fsync, rename): a new file is made 0600, an existing one keeps its
//! owner and mode, and a link is followed to the file it names. A path that is not a
//! regular file, or cannot be read, is left alone.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::{Config, feeling_word_fits};
use crate::fsutil::{self, NotRegular};
use crate::journal::entry::Entry;
use crate::journal::feelings::{Energy, NOT_SURE, Place, place};
use crate::journal::signals::signals;

/// The largest settings file steady rewrites.
const LIMIT: u64 = 1 << 20;

/// The feeling word a check-in named that nobody has placed yet and that the settings can
/// hold (trimmed and lowercased, as it is counted); None for "not sure", a built-in or
/// placed word, and any other practice.
pub fn unplaced_word(entry: &Entry, config: &Config) -> Option<String> {
    let word = signals(entry).feeling?;
    let open = word != NOT_SURE && place(&word, &config.feelings).is_none();
    (open && feeling_word_fits(&word)).then(|| word.into_owned())
}

/// How a place was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// The line was written.
    Written(Place),
    /// The file already placed the word (written there since steady started): nothing was
    /// written, and this is the place it has.
    Already(Place),
}

impl Placed {
    /// The place the word has now.
    pub fn place(self) -> Place {
        match self {
            Placed::Written(p) | Placed::Already(p) => p,
        }
    }
}

/// Why the settings file was left as it was. Each reads as the end of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceError {
    /// The path is there but is a folder, a FIFO, a device.
    NotAFile { path: PathBuf, what: &'static str },
    /// It could not be read (no permission, not UTF-8, too large).
    Unreadable { path: PathBuf, why: String },
    /// It does not read as settings now (changed by hand since steady started).
    NotSettings { path: PathBuf, why: String },
    /// With the line added it would not read as settings.
    WouldNotParse { path: PathBuf, why: String },
    /// Writing it failed (a full disk, a folder closed to us).
    Write { path: PathBuf, why: String },
}

impl std::fmt::Display for PlaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |p: &Path| crate::text::clean(&p.display().to_string(), false);
        match self {
            PlaceError::NotAFile { path, what } => write!(
                f,
                "{} is {what}, not a regular file, so steady left it alone",
                shown(path)
            ),
            PlaceError::Unreadable { path, why } => write!(
                f,
                "steady could not read the settings file {} ({why}), so it left it alone",
                shown(path)
            ),
            PlaceError::NotSettings { path, why } => write!(
                f,
                "{} does not read as settings now ({why}), so steady did not change it",
                shown(path)
            ),
            PlaceError::WouldNotParse { path, why } => write!(
                f,
                "with the line added, {} would not read as settings ({why}), so steady did not change it",
                shown(path)
            ),
            PlaceError::Write { path, why } => write!(
                f,
                "steady could not write {} ({why}); it is as it was",
                shown(path)
            ),
        }
    }
}

impl std::error::Error for PlaceError {}

/// Places `word` (trimmed, lowercased) at `place` in the settings file at `path`.
pub fn place_feeling(path: &Path, word: &str, place: Place) -> Result<Placed, PlaceError> {
    let unreadable = |path: &Path, why: String| PlaceError::Unreadable {
        path: path.to_owned(),
        why,
    };
    let real = fsutil::follow_links(path).map_err(|e| unreadable(path, fsutil::io_words(&e)))?;
    let bytes = match fsutil::read_small(&real, LIMIT) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            return Err(
                match e.get_ref().and_then(|e| e.downcast_ref::<NotRegular>()) {
                    Some(not) => PlaceError::NotAFile {
                        path: path.to_owned(),
                        what: not.what,
                    },
                    None => unreadable(path, fsutil::io_words(&e)),
                },
            );
        }
    };
    if bytes.as_ref().is_some_and(|b| b.len() as u64 > LIMIT) {
        return Err(unreadable(path, "it is larger than 1 MiB".into()));
    }
    let text = String::from_utf8(bytes.clone().unwrap_or_default())
        .map_err(|_| unreadable(path, "it is not UTF-8 text".into()))?;
    if let Some(there) = Config::parse(&text)
        .ok()
        .and_then(|c| c.feelings.get(word).copied())
    {
        return Ok(Placed::Already(there));
    }
    let new = with_place(&text, word, place).map_err(|refused| match refused {
        Refused::Now(why) => PlaceError::NotSettings {
            path: path.to_owned(),
            why,
        },
        Refused::WithTheLine(why) => PlaceError::WouldNotParse {
            path: path.to_owned(),
            why,
        },
    })?;
    let write = |out: &mut std::io::BufWriter<&std::fs::File>| out.write_all(new.as_bytes());
    let written = match (&bytes, std::fs::metadata(&real)) {
        (Some(_), Ok(old)) => fsutil::rewrite_file(&real, &old, write),
        _ => fsutil::replace_file(&real, write),
    };
    written.map_err(|e| PlaceError::Write {
        path: path.to_owned(),
        why: fsutil::io_words(&e),
    })?;
    Ok(Placed::Written(place))
}

/// Why a settings text was not given the line, with the parser's reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It does not read as settings as it is.
    Now(String),
    /// It would not, with the line added.
    WithTheLine(String),
}

/// `text` (a settings file) with `word` placed at `place`: the line added after the last
/// entry of the `[feelings]` table, or a new table at the end. Refused, with the reason,
/// when the result would not read as the same settings plus this one place.
pub fn with_place(text: &str, word: &str, place: Place) -> Result<String, Refused> {
    let before = Config::parse(text).map_err(Refused::Now)?;
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let energy = match place.energy {
        Energy::High => "high",
        Energy::Low => "low",
    };
    let line = format!(
        "{} = {{ pleasant = {}, energy = \"{energy}\" }}{newline}",
        key(word),
        place.pleasant
    );
    let mut new = text.to_owned();
    if let Some(at) = feelings_end(text) {
        let lead = if at > 0 && !text[..at].ends_with('\n') {
            newline
        } else {
            ""
        };
        new.insert_str(at, &format!("{lead}{line}"));
    } else {
        if !new.is_empty() && !new.ends_with('\n') {
            new.push_str(newline);
        }
        if !new.trim().is_empty() {
            new.push_str(newline);
        }
        new.push_str("[feelings]");
        new.push_str(newline);
        new.push_str(&line);
    }
    let after = Config::parse(&new).map_err(Refused::WithTheLine)?;
    let mut expected = before;
    expected.feelings.insert(word.to_owned(), place);
    if after == expected {
        Ok(new)
    } else {
        Err(Refused::WithTheLine(
            "it would read as more than this word added".into(),
        ))
    }
}

/// Where a line goes in the `[feelings]` table: the byte after its last entry (or after
/// its header when it has none); None when the file has no such table.
fn feelings_end(text: &str) -> Option<usize> {
    let mut at = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let bare = line.trim();
        if let Some(name) = header(bare) {
            if at.is_some() {
                break;
            }
            if name == "feelings" {
                at = Some(offset);
            }
        } else if at.is_some() && !bare.is_empty() && !bare.starts_with('#') {
            at = Some(offset);
        }
    }
    at
}

/// The name in a table header line (`[feelings]`, `[ "feelings" ]  # mine`), quotes taken
/// off; an array of tables (`[[x]]`) names nothing that can be `feelings`.
fn header(line: &str) -> Option<&str> {
    let inside = line.strip_prefix('[')?;
    if inside.starts_with('[') {
        return Some("");
    }
    let name = inside[..inside.find(']')?].trim();
    Some(
        name.strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))
            .unwrap_or(name),
    )
}

/// `word` as a TOML key: bare when it may be, else a quoted string.
pub fn key(word: &str) -> String {
    let bare = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if !word.is_empty() && word.chars().all(bare) {
        return word.to_owned();
    }
    let mut quoted = String::from('"');
    for c in word.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => {
                // Writing into a String cannot fail.
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    const RESTLESS: Place = Place {
        pleasant: false,
        energy: Energy::High,
    };
    const AT_EASE: Place = Place {
        pleasant: true,
        energy: Energy::Low,
    };

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("steady-config-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temp folder");
        dir
    }

    #[test]
    fn the_line_goes_after_the_last_word_of_the_table_and_every_other_byte_stays() {
        let text = "# my settings\nbell = true # ring\n\n[feelings]\n# words of my own\nhopeful = { pleasant = true, energy = \"high\" }\n\n# the end\n";
        let new = with_place(text, "restless", RESTLESS).unwrap();
        assert_eq!(
            new,
            "# my settings\nbell = true # ring\n\n[feelings]\n# words of my own\nhopeful = { pleasant = true, energy = \"high\" }\nrestless = { pleasant = false, energy = \"high\" }\n\n# the end\n"
        );
        // An empty table takes the line under its header, before the comments after it.
        let text = "[ \"feelings\" ] # mine\n\n# words\n";
        assert_eq!(
            with_place(text, "restless", RESTLESS).unwrap(),
            "[ \"feelings\" ] # mine\nrestless = { pleasant = false, energy = \"high\" }\n\n# words\n"
        );
    }

    #[test]
    fn without_a_table_one_is_added_at_the_end() {
        assert_eq!(
            with_place("", "restless", RESTLESS).unwrap(),
            "[feelings]\nrestless = { pleasant = false, energy = \"high\" }\n"
        );
        assert_eq!(
            with_place("bell = true # ring", "restless", RESTLESS).unwrap(),
            "bell = true # ring\n\n[feelings]\nrestless = { pleasant = false, energy = \"high\" }\n"
        );
        // A file written with CRLF line ends keeps them.
        assert_eq!(
            with_place("bell = true\r\n", "restless", RESTLESS).unwrap(),
            "bell = true\r\n\r\n[feelings]\r\nrestless = { pleasant = false, energy = \"high\" }\r\n"
        );
    }

    #[test]
    fn a_word_that_is_not_a_bare_key_is_quoted() {
        let new = with_place("[feelings]\n", "at ease", AT_EASE).unwrap();
        assert_eq!(
            new,
            "[feelings]\n\"at ease\" = { pleasant = true, energy = \"low\" }\n"
        );
        assert_eq!(key("up-and-down_2"), "up-and-down_2");
        assert_eq!(key("say \"no\" \\ yes"), r#""say \"no\" \\ yes""#);
        assert_eq!(key("a\u{7}b"), r#""a\u0007b""#);
        for word in ["不安", "café", "e\u{301}mu", "say \"no\""] {
            let new = with_place("", word, AT_EASE).unwrap();
            let read = Config::parse(&new).unwrap();
            assert_eq!(read.feelings.get(word), Some(&AT_EASE), "{new}");
        }
    }

    #[test]
    fn a_file_that_would_not_read_as_settings_is_refused() {
        // Already broken.
        let err = with_place("bell = ", "restless", RESTLESS).unwrap_err();
        assert!(
            matches!(err, Refused::Now(ref why) if why.contains("line 1")),
            "{err:?}"
        );
        // The table written inline: a second [feelings] table would be a duplicate.
        let inline = "feelings = { hopeful = { pleasant = true, energy = \"high\" } }\n";
        let err = with_place(inline, "restless", RESTLESS).unwrap_err();
        assert!(
            matches!(err, Refused::WithTheLine(ref why) if why.contains("line")),
            "{err:?}"
        );
    }

    #[test]
    fn only_an_unplaced_word_of_a_check_in_is_asked_about() {
        let entry = |practice: &str, feeling: &str| -> Entry {
            serde_json::from_value(serde_json::json!({
                "v": 1, "id": "X", "practice": practice, "title": "T",
                "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:02:00+01:00",
                "completed": true, "via": "tui", "responses": {"feeling": feeling},
            }))
            .unwrap()
        };
        let none = Config::default();
        let check_in = "feeling-check-in";
        assert_eq!(
            unplaced_word(&entry(check_in, " Restless "), &none).as_deref(),
            Some("restless")
        );
        assert_eq!(unplaced_word(&entry(check_in, "calm"), &none), None);
        assert_eq!(unplaced_word(&entry(check_in, "not sure"), &none), None);
        assert_eq!(unplaced_word(&entry("i-need", "restless"), &none), None);
        assert_eq!(
            unplaced_word(&entry(check_in, &"x".repeat(41)), &none),
            None
        );
        let mut placed = Config::default();
        placed.feelings.insert("restless".into(), RESTLESS);
        assert_eq!(unplaced_word(&entry(check_in, "restless"), &placed), None);
    }

    #[test]
    fn the_file_is_written_whole_private_when_new_and_keeping_its_mode_when_not() {
        let dir = temp_dir("files");
        let new = dir.join("steady/config.toml");
        assert_eq!(
            place_feeling(&new, "restless", RESTLESS),
            Ok(Placed::Written(RESTLESS))
        );
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&new), 0o600);
        let loaded = Config::load(&new).unwrap();
        assert_eq!(loaded.feelings.get("restless"), Some(&RESTLESS));
        // Placed already (by hand since): nothing is written.
        assert_eq!(
            place_feeling(&new, "restless", AT_EASE),
            Ok(Placed::Already(RESTLESS))
        );
        // An existing file through a link: the file is rewritten, the link stays a link.
        let real = dir.join("dotfiles.toml");
        std::fs::write(&real, "# kept\nbell = true\n").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("config.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        assert!(place_feeling(&link, "at ease", AT_EASE).is_ok());
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(mode(&real), 0o640);
        assert_eq!(
            std::fs::read_to_string(&real).unwrap(),
            "# kept\nbell = true\n\n[feelings]\n\"at ease\" = { pleasant = true, energy = \"low\" }\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_path_that_is_not_a_readable_settings_file_is_left_alone() {
        let dir = temp_dir("refused");
        let err = place_feeling(&dir, "restless", RESTLESS).unwrap_err();
        assert!(matches!(
            err,
            PlaceError::NotAFile {
                what: "a folder",
                ..
            }
        ));
        assert!(
            err.to_string()
                .ends_with("is a folder, not a regular file, so steady left it alone"),
            "{err}"
        );
        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "bell = \n").unwrap();
        let err = place_feeling(&bad, "restless", RESTLESS).unwrap_err();
        assert!(matches!(err, PlaceError::NotSettings { .. }), "{err}");
        assert!(
            err.to_string().contains("does not read as settings now (")
                && err.to_string().contains("line 1"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&bad).unwrap(), "bell = \n");
        let binary = dir.join("binary.toml");
        std::fs::write(&binary, [0xff, 0xfe]).unwrap();
        let err = place_feeling(&binary, "restless", RESTLESS).unwrap_err();
        assert!(err.to_string().contains("not UTF-8"), "{err}");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            2,
            "no temp file left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
