//! Where the passphrase that opens a sealed journal's key comes from, first found first:
//! the file `STEADY_PASSPHRASE_FILE` names (its first line), the `passphrase_command`
//! setting (run through `sh -c`; the first line it prints, as `pass show steady` does), or
//! a prompt on the terminal without echo. An `Asker` asks once per process and keeps the
//! answer only in memory (zeroed when dropped), never on disk.

use std::io;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use age::secrecy::zeroize::Zeroizing;
use age::secrecy::{ExposeSecret, SecretString};

use crate::fsutil;

/// The environment variable naming a file whose first line is the passphrase.
pub const FILE_VAR: &str = "STEADY_PASSPHRASE_FILE";
/// The environment variable naming a file whose first line is a new passphrase (for
/// `steady passphrase` run by a script).
pub const NEW_FILE_VAR: &str = "STEADY_NEW_PASSPHRASE_FILE";

/// The most a passphrase file or command's output may hold.
const LIMIT: u64 = 64 * 1024;

/// A passphrase, in memory only; zeroed when the last copy is dropped.
#[derive(Clone)]
pub struct Passphrase(SecretString);

impl Passphrase {
    pub fn new(words: String) -> Self {
        Passphrase(SecretString::from(words))
    }

    pub(crate) fn secret(&self) -> &SecretString {
        &self.0
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// Where a passphrase comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The first line of a file.
    File { path: PathBuf, var: &'static str },
    /// The first line a shell command prints.
    Command(String),
    /// Asked on the terminal without echo.
    Terminal,
    /// Not to be asked now: the terminal is a screen steady draws on (the TUI's home), and
    /// nothing else gives it.
    NotHere,
}

impl Source {
    /// Where the passphrase of the journal comes from: `STEADY_PASSPHRASE_FILE`, else the
    /// `passphrase_command` setting, else the terminal.
    pub fn current(command: Option<&str>) -> Source {
        Source::first_of(file_from(FILE_VAR), command)
    }

    /// The file when there is one, else the command, else the terminal.
    fn first_of(file: Option<Source>, command: Option<&str>) -> Source {
        file.unwrap_or_else(|| command.map_or(Source::Terminal, |c| Source::Command(c.to_owned())))
    }

    /// Where a new passphrase comes from: `STEADY_NEW_PASSPHRASE_FILE`, else the terminal
    /// (asked twice, so a slip of the finger cannot lock a person out).
    pub fn new_one() -> Source {
        file_from(NEW_FILE_VAR).unwrap_or(Source::Terminal)
    }

    /// The passphrase from this source. `prompt` is what the terminal shows; `twice` asks
    /// the terminal a second time and wants the same answer.
    fn get(&self, prompt: &str, twice: bool) -> Result<Passphrase, PassphraseError> {
        match self {
            Source::File { path, var } => {
                let bytes = Zeroizing::new(fsutil::read_small(path, LIMIT).map_err(|source| {
                    PassphraseError::File {
                        path: path.clone(),
                        var,
                        source,
                    }
                })?);
                first_line(&bytes).ok_or_else(|| PassphraseError::NoLine {
                    from: format!("the file {} ({var})", path.display()),
                })
            }
            Source::Command(command) => {
                let output = Command::new("sh")
                    .arg("-c")
                    .arg(command)
                    .stdin(Stdio::inherit())
                    .stderr(Stdio::inherit())
                    .stdout(Stdio::piped())
                    .output()
                    .map_err(|e| PassphraseError::Command {
                        command: command.clone(),
                        why: fsutil::io_words(&e),
                    })?;
                let stdout = Zeroizing::new(output.stdout);
                if !output.status.success() {
                    return Err(PassphraseError::Command {
                        command: command.clone(),
                        why: output.status.to_string(),
                    });
                }
                if stdout.len() as u64 > LIMIT {
                    return Err(PassphraseError::Command {
                        command: command.clone(),
                        why: "it printed far more than a passphrase".to_owned(),
                    });
                }
                first_line(&stdout).ok_or_else(|| PassphraseError::NoLine {
                    from: format!("the passphrase_command `{command}`"),
                })
            }
            Source::NotHere => Err(PassphraseError::NotHere),
            Source::Terminal => {
                let first = ask(prompt)?;
                if twice {
                    let again = ask("The same passphrase again: ")?;
                    if first.0.expose_secret() != again.0.expose_secret() {
                        return Err(PassphraseError::NotTheSame);
                    }
                }
                Ok(first)
            }
        }
    }
}

/// `var`'s file as a source, when it is set and not empty.
fn file_from(var: &'static str) -> Option<Source> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(|path| Source::File {
            path: PathBuf::from(path),
            var,
        })
}

/// The first line of `bytes` without its line ending; None when it is empty or not text.
fn first_line(bytes: &[u8]) -> Option<Passphrase> {
    let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let text = std::str::from_utf8(line).ok()?;
    (!text.is_empty()).then(|| Passphrase::new(text.to_owned()))
}

/// Asks on the terminal (`/dev/tty`) without echo.
fn ask(prompt: &str) -> Result<Passphrase, PassphraseError> {
    let words = Zeroizing::new(rpassword::prompt_password(prompt).map_err(|e| {
        PassphraseError::NoTerminal {
            why: fsutil::io_words(&e),
        }
    })?);
    if words.is_empty() {
        return Err(PassphraseError::Empty);
    }
    Ok(Passphrase::new(words.to_string()))
}

/// Asks for the passphrase once per process: the first `get` asks its source, later ones
/// give back the same answer from memory. `forget` drops it after it failed to open the
/// key, so the next `get` asks again (a TUI session may let the person retry).
#[derive(Debug)]
pub struct Asker {
    source: Source,
    known: Mutex<Option<Passphrase>>,
}

impl Asker {
    pub fn new(source: Source) -> Self {
        Asker {
            source,
            known: Mutex::new(None),
        }
    }

    /// The passphrase, asked for the first time only.
    pub fn get(&self) -> Result<Passphrase, PassphraseError> {
        let mut known = self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(known) = known.as_ref() {
            return Ok(known.clone());
        }
        let asked = self
            .source
            .get("Passphrase for your steady journal: ", false)?;
        *known = Some(asked.clone());
        Ok(asked)
    }

    /// Drops the passphrase kept in memory.
    pub fn forget(&self) {
        *self
            .known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = None;
    }
}

/// A new passphrase from `source`, asked twice on a terminal.
pub fn new_passphrase(source: &Source) -> Result<Passphrase, PassphraseError> {
    source.get("New passphrase for your steady journal: ", true)
}

/// Why no passphrase could be had.
#[derive(Debug)]
pub enum PassphraseError {
    /// The passphrase file could not be read.
    File {
        path: PathBuf,
        var: &'static str,
        source: io::Error,
    },
    /// The file or command gave no passphrase on its first line.
    NoLine { from: String },
    /// The command could not run, or failed.
    Command { command: String, why: String },
    /// There is no terminal to ask on.
    NoTerminal { why: String },
    /// The passphrase cannot be asked for here (see `Source::NotHere`).
    NotHere,
    /// Nothing was typed.
    Empty,
    /// The two new passphrases typed were different.
    NotTheSame,
}

impl std::fmt::Display for PassphraseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PassphraseError::File { path, var, source } => write!(
                f,
                "Cannot read the passphrase file {} that {var} names ({}); check the path, or unset {var} to be asked instead.",
                path.display(),
                fsutil::io_words(source)
            ),
            PassphraseError::NoLine { from } => write!(
                f,
                "{} gave no passphrase on its first line; put the passphrase there.",
                capitalised(from)
            ),
            PassphraseError::Command { command, why } => write!(
                f,
                "The passphrase_command `{command}` did not give a passphrase ({why}); run it yourself to see why."
            ),
            PassphraseError::NoTerminal { why } => write!(
                f,
                "There is no terminal to ask for the passphrase on ({why}); set {FILE_VAR} or the passphrase_command setting."
            ),
            PassphraseError::NotHere => write!(
                f,
                "Your journal is sealed, and its passphrase is not asked for on this screen: `steady review` asks for it first, or set {FILE_VAR} or the passphrase_command setting."
            ),
            PassphraseError::Empty => {
                f.write_str("No passphrase was typed, so nothing was opened or changed.")
            }
            PassphraseError::NotTheSame => f.write_str(
                "The two passphrases typed were not the same, so nothing was changed; try again.",
            ),
        }
    }
}

impl std::error::Error for PassphraseError {}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::keys::tests::temp_dir;

    fn secret(p: &Passphrase) -> &str {
        p.secret().expose_secret()
    }

    #[test]
    fn a_file_gives_its_first_line_without_the_newline() {
        let dir = temp_dir("pass-file");
        let path = dir.join("pass");
        let file = Source::File {
            path: path.clone(),
            var: FILE_VAR,
        };
        for (text, want) in [
            ("hunter two\n", "hunter two"),
            ("hunter two", "hunter two"),
            ("crlf\r\nsecond line\n", "crlf"),
            (" spaces kept \n", " spaces kept "),
        ] {
            std::fs::write(&path, text).unwrap();
            assert_eq!(secret(&file.get("", false).unwrap()), want);
        }
        std::fs::write(&path, "\nsecond").unwrap();
        let empty = file.get("", false).unwrap_err();
        assert!(empty.to_string().starts_with("The file "), "{empty}");
        assert!(empty.to_string().contains("gave no passphrase"), "{empty}");
        std::fs::remove_file(&path).unwrap();
        let missing = file.get("", false).unwrap_err();
        assert!(missing.to_string().contains(FILE_VAR), "{missing}");
    }

    #[test]
    fn a_command_gives_the_first_line_it_prints() {
        let command = Source::Command("printf 'from pass\\nurl: x\\n'".to_owned());
        assert_eq!(secret(&command.get("", false).unwrap()), "from pass");
        let failing = Source::Command("echo oops >&2; exit 3".to_owned());
        let error = failing.get("", false).unwrap_err();
        assert_eq!(
            error.to_string(),
            "The passphrase_command `echo oops >&2; exit 3` did not give a passphrase (exit status: 3); run it yourself to see why."
        );
        let silent = Source::Command("true".to_owned())
            .get("", false)
            .unwrap_err();
        assert!(matches!(silent, PassphraseError::NoLine { .. }), "{silent}");
    }

    #[test]
    fn the_file_comes_before_the_command_and_the_command_before_the_terminal() {
        let file = Source::File {
            path: PathBuf::from("/p"),
            var: FILE_VAR,
        };
        let command = Some("pass show steady");
        assert_eq!(Source::first_of(Some(file.clone()), command), file);
        assert_eq!(
            Source::first_of(None, command),
            Source::Command("pass show steady".to_owned())
        );
        assert_eq!(Source::first_of(None, None), Source::Terminal);
    }

    #[test]
    fn an_asker_asks_its_source_once() {
        let dir = temp_dir("pass-once");
        let path = dir.join("pass");
        std::fs::write(&path, "first\n").unwrap();
        let asker = Asker::new(Source::File {
            path: path.clone(),
            var: FILE_VAR,
        });
        assert_eq!(secret(&asker.get().unwrap()), "first");
        std::fs::write(&path, "second\n").unwrap();
        assert_eq!(secret(&asker.get().unwrap()), "first");
        asker.forget();
        assert_eq!(secret(&asker.get().unwrap()), "second");
    }
}
