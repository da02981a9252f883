//! A problem found in a practice file, with the place it was found. Messages are written for
//! the person editing the file: what is wrong and what was expected.

use crate::text;

/// One problem in one practice file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeError {
    /// The file's path, or `built-in:<file name>` for a practice compiled into steady.
    pub path: String,
    /// 1-based line; 0 when the problem is with the file as a whole (it cannot be read).
    pub line: usize,
    /// 1-based column in characters; 0 together with `line`.
    pub column: usize,
    pub message: String,
}

impl PracticeError {
    /// A problem at a position. Path and message are cleaned of control characters, because
    /// both can carry text from a hostile file or file name to the terminal.
    pub fn at(path: &str, line: usize, column: usize, message: impl AsRef<str>) -> Self {
        Self {
            path: text::clean(path, false),
            line,
            column,
            message: text::clean(message.as_ref(), false),
        }
    }

    /// A problem with the file as a whole (unreadable, missing, too large to read).
    pub fn whole_file(path: &str, message: impl AsRef<str>) -> Self {
        Self::at(path, 0, 0, message)
    }
}

impl std::fmt::Display for PracticeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for PracticeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_place() {
        let e = PracticeError::at("p/x.toml", 3, 7, "unknown field `colr`");
        assert_eq!(e.to_string(), "p/x.toml:3:7: unknown field `colr`");
        let whole = PracticeError::whole_file("p/y.toml", "cannot be read");
        assert_eq!(whole.to_string(), "p/y.toml: cannot be read");
    }

    #[test]
    fn escape_sequences_never_reach_the_message() {
        let e = PracticeError::at("a\u{1b}[2J.toml", 1, 1, "unknown field `\u{1b}]0;x`");
        assert!(!text::has_control(&e.to_string(), false));
    }
}
