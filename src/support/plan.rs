//! The person's own safety plan, on the Stanley–Brown model: seven sections, each a short
//! list in their words, kept in `<config dir>/safety-plan.toml` (0600, replaced atomically).
//! A file that cannot be read is reported with its line and never overwritten.

use std::fmt::Write as _;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::text;

/// One section of the plan: its key in the file, its heading and a line saying what goes in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub key: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
}

const fn section(key: &'static str, title: &'static str, hint: &'static str) -> Section {
    Section { key, title, hint }
}

/// The sections, in the order the plan is read in a hard hour.
pub const SECTIONS: [Section; 7] = [
    section(
        "warning_signs",
        "My warning signs",
        "Thoughts, feelings or moments that tell me a hard time is starting.",
    ),
    section(
        "on_my_own",
        "Things I can do on my own",
        "Small things that help me through, without anyone else.",
    ),
    section(
        "take_my_mind_off",
        "People and places that take my mind off it",
        "Where I can go, or who I can be with, to feel a little less alone.",
    ),
    section(
        "ask_for_help",
        "People I can ask for help",
        "A name and a number for each.",
    ),
    section(
        "professionals",
        "Professionals and services",
        "My doctor or therapist, a local service, a crisis line, with their numbers.",
    ),
    section(
        "safer_surroundings",
        "Making my surroundings safer",
        "What I can put away, or ask someone to keep, until the hard time passes.",
    ),
    section(
        "what_matters",
        "What matters most to me",
        "The people, things and reasons that keep me going.",
    ),
];

/// The most lines a section holds, and the longest line.
pub const MAX_ITEMS: usize = 40;
pub const MAX_ITEM_CHARS: usize = 500;
/// The largest plan file read.
const MAX_FILE_BYTES: usize = 64 * 1024;

/// A safety plan: the lines of each section, in `SECTIONS` order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    sections: [Vec<String>; 7],
}

/// Why a plan file could not be read: where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// 1-based; 0 when the problem is with the whole file.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => f.write_str(&self.message),
            n => write!(f, "line {n}: {}", self.message),
        }
    }
}

impl Plan {
    /// The lines of section `i` (an index into `SECTIONS`).
    pub fn items(&self, i: usize) -> &[String] {
        self.sections.get(i).map_or(&[], Vec::as_slice)
    }

    /// Whether nothing has been written in any section.
    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(Vec::is_empty)
    }

    /// Sets line `at` of section `i` to `text` (cleaned and trimmed), adding it when `at` is
    /// one past the end; an empty text removes the line. False when nothing could change.
    pub fn set(&mut self, i: usize, at: usize, text: &str) -> bool {
        let text = tidy(text);
        let Some(items) = self.sections.get_mut(i) else {
            return false;
        };
        match (at.cmp(&items.len()), text.is_empty()) {
            (std::cmp::Ordering::Less, true) => {
                items.remove(at);
            }
            (std::cmp::Ordering::Less, false) => items[at] = text,
            (std::cmp::Ordering::Equal, false) if items.len() < MAX_ITEMS => items.push(text),
            _ => return false,
        }
        true
    }

    /// Reads the text of a plan file.
    pub fn parse(text: &str) -> Result<Plan, PlanError> {
        let at = |offset: usize, message: String| PlanError {
            line: text::line_col(text, offset).0,
            message,
        };
        let table = DeTable::parse(text).map_err(|e| {
            at(
                e.span().map_or(0, |s| s.start),
                format!(
                    "this is not valid TOML ({})",
                    e.message()
                        .lines()
                        .next()
                        .unwrap_or("")
                        .trim_end_matches('.')
                ),
            )
        })?;
        let mut plan = Plan::default();
        for (key, value) in table.get_ref() {
            let name: &str = key.get_ref();
            let Some(i) = SECTIONS.iter().position(|s| s.key == name) else {
                let known: Vec<&str> = SECTIONS.iter().map(|s| s.key).collect();
                return Err(at(
                    key.span().start,
                    format!(
                        "`{}` is not a section of the plan (they are {})",
                        text::clean(name, false),
                        known.join(", ")
                    ),
                ));
            };
            let wrong = || {
                at(
                    value.span().start,
                    format!(
                        "`{name}` must be a list of up to {MAX_ITEMS} lines in quotes, each at most {MAX_ITEM_CHARS} characters"
                    ),
                )
            };
            let DeValue::Array(items) = value.get_ref() else {
                return Err(wrong());
            };
            if items.len() > MAX_ITEMS {
                return Err(wrong());
            }
            for item in items {
                let line = item.get_ref().as_str().map(tidy);
                match line {
                    Some(l) if l.chars().count() <= MAX_ITEM_CHARS => {
                        if !l.is_empty() {
                            plan.sections[i].push(l);
                        }
                    }
                    _ => return Err(wrong()),
                }
            }
        }
        Ok(plan)
    }

    /// The plan as the text of its file: a comment, then each section that has lines.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# My safety plan, written with steady. Change it in steady (press p under !) or here.\n",
        );
        for (s, items) in SECTIONS.iter().zip(&self.sections) {
            if items.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n# {}\n{} = [", s.title, s.key);
            for item in items {
                let _ = writeln!(out, "  {},", crate::practice::quote(item));
            }
            out.push_str("]\n");
        }
        out
    }

    /// Reads the plan at `path`: None when there is none yet. Only a regular file of at
    /// most 64 KiB is read (`fsutil::read_small`): a FIFO or a device in its place is an
    /// error at once, never a wait or an endless read.
    pub fn load(path: &Path) -> Result<Option<Plan>, PlanError> {
        let whole = |message: String| PlanError { line: 0, message };
        let text = match crate::fsutil::read_small(path, MAX_FILE_BYTES as u64) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(whole(crate::fsutil::io_words(&e))),
            Ok(bytes) if bytes.len() > MAX_FILE_BYTES => {
                return Err(whole(format!(
                    "it is larger than {} KiB",
                    MAX_FILE_BYTES / 1024
                )));
            }
            Ok(bytes) => bytes,
        };
        let text = String::from_utf8(text).map_err(|_| whole("it is not UTF-8 text".into()))?;
        Plan::parse(&text).map(Some)
    }

    /// Writes the plan to `path`, replacing the file whole (0600, folder 0700).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        crate::fsutil::write_atomic(path, self.to_toml().as_bytes()).map_err(|e| {
            format!(
                "your safety plan could not be saved to {} ({})",
                text::clean(&path.display().to_string(), false),
                crate::fsutil::io_words(&e)
            )
        })
    }
}

/// A line as the plan keeps it: one line, no control characters, trimmed.
fn tidy(s: &str) -> String {
    text::clean(s, false).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_survives_its_file() {
        let mut plan = Plan::default();
        assert!(plan.set(0, 0, "I stop answering messages"));
        assert!(plan.set(3, 0, "Sam \"the kind one\" 07700 900123"));
        assert!(plan.set(3, 1, "a back\\slash"));
        let text = plan.to_toml();
        assert!(
            !text.contains("on_my_own"),
            "empty sections are left out: {text}"
        );
        assert_eq!(Plan::parse(&text), Ok(plan));
    }

    #[test]
    fn setting_an_empty_line_removes_it_and_past_the_end_adds_nothing() {
        let mut plan = Plan::default();
        assert!(plan.set(1, 0, "  a walk\u{1b}[2J "));
        assert_eq!(plan.items(1), ["a walk[2J"]);
        assert!(!plan.set(1, 5, "far"));
        assert!(plan.set(1, 0, "   "));
        assert!(plan.is_empty());
    }

    #[test]
    fn a_damaged_file_names_its_line() {
        let err = Plan::parse("warning_signs = [\"a\"]\n\non_my_own = [\"b\", 3]\n").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let err = Plan::parse("warning_signs = [\"a\"]\nhobbies = [\"b\"]\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.to_string().contains("hobbies"), "{err}");
        let err = Plan::parse("warning_signs = [\"a\"\n").unwrap_err();
        assert!(err.line >= 1 && err.message.contains("TOML"), "{err}");
    }
}
