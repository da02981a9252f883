//! The `x` dialog in History: choose a format, accept or type a path (in the home folder
//! by default), confirm before replacing an existing file, and say where the export went.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::data::ReviewData;
use super::input::{self, InputEvent};
use crate::fsutil::io_words;
use crate::journal::export::target::{self, Existing, WriteError};
use crate::journal::export::{self, Format};
use crate::tui::widgets::LineEditor;
use crate::tui::widgets::Theme;

/// The formats offered, in the order Tab cycles them.
pub const FORMATS: [(Format, &str); 4] = [
    (Format::Csv, "csv"),
    (Format::Json, "json"),
    (Format::Jsonl, "jsonl"),
    (Format::Md, "md"),
];

/// What a key in the dialog asks History to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportStep {
    /// Still choosing.
    Stay,
    /// Closed without writing.
    Cancel,
    /// Write the filtered entries in `format` to `path`.
    Write { format: Format, path: PathBuf },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Form,
    /// The path exists; waiting for y / n.
    Confirm(PathBuf),
}

/// The dialog's state.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    format: usize,
    path: LineEditor,
    /// Whether the person typed in the path (then Tab no longer changes its extension).
    typed: bool,
    home: PathBuf,
    /// The journal, which no export may replace.
    journal: Option<PathBuf>,
    today: NaiveDate,
    count: usize,
    stage: Stage,
    error: Option<String>,
}

impl ExportDialog {
    /// A dialog exporting `count` entries of `journal`, suggesting a file in `home` named
    /// for `today`.
    pub fn new(home: PathBuf, journal: Option<PathBuf>, today: NaiveDate, count: usize) -> Self {
        let mut dialog = Self {
            format: 0,
            path: input::field(""),
            typed: false,
            home,
            journal,
            today,
            count,
            stage: Stage::Form,
            error: None,
        };
        dialog.suggest();
        dialog
    }

    fn suggest(&mut self) {
        let name = format!("steady-{}.{}", self.today, FORMATS[self.format].1);
        self.path = input::field(&self.home.join(name).to_string_lossy());
    }

    /// Whether the dialog is asking before replacing a file.
    pub fn confirming(&self) -> bool {
        matches!(self.stage, Stage::Confirm(_))
    }

    /// Shows a write error; the dialog stays open so another path can be tried.
    pub fn fail(&mut self, message: String) {
        self.stage = Stage::Form;
        self.error = Some(message);
    }

    /// The path as typed, with `~` and relative paths taken from the home folder.
    fn resolved(&self) -> Option<PathBuf> {
        let text = self.path.text().trim();
        if text.is_empty() {
            return None;
        }
        let path = match text.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                self.home.join(rest.trim_start_matches('/'))
            }
            _ => self.home.join(Path::new(text)),
        };
        Some(path)
    }

    pub fn handle(&mut self, key: KeyEvent) -> ExportStep {
        if let Stage::Confirm(path) = &self.stage {
            return match key.code {
                KeyCode::Char('y' | 'Y') => ExportStep::Write {
                    format: FORMATS[self.format].0,
                    path: path.clone(),
                },
                _ => {
                    self.stage = Stage::Form;
                    ExportStep::Stay
                }
            };
        }
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                let n = FORMATS.len();
                self.format = if key.code == KeyCode::Tab {
                    (self.format + 1) % n
                } else {
                    (self.format + n - 1) % n
                };
                if !self.typed {
                    self.suggest();
                }
                ExportStep::Stay
            }
            _ => match input::edit(&mut self.path, key) {
                InputEvent::Cancel => ExportStep::Cancel,
                InputEvent::Changed => {
                    self.typed = true;
                    self.error = None;
                    ExportStep::Stay
                }
                InputEvent::Moved => ExportStep::Stay,
                InputEvent::Submit => match self.resolved() {
                    None => {
                        self.error = Some("Type a file name to export to.".into());
                        ExportStep::Stay
                    }
                    Some(path) => match target::check(&path, self.journal.as_deref()) {
                        Err(refused) => {
                            self.error = Some(sentence(&refused.to_string()));
                            ExportStep::Stay
                        }
                        Ok(Existing::File) => {
                            self.stage = Stage::Confirm(path);
                            ExportStep::Stay
                        }
                        Ok(Existing::Nothing) => ExportStep::Write {
                            format: FORMATS[self.format].0,
                            path,
                        },
                    },
                },
            },
        }
    }
    /// Draws the dialog centred in `area`.
    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(4).min(76);
        let height = area.height.min(9);
        let x = area.x + (area.width - width) / 2;
        let y = area.y + (area.height - height) / 2;
        let rect = Rect::new(x, y, width, height);
        Clear.render(rect, buf);
        let formats: Vec<Span> = FORMATS
            .iter()
            .enumerate()
            .flat_map(|(i, (_, f))| {
                let style = if i == self.format {
                    theme.selected()
                } else {
                    theme.text()
                };
                [Span::styled(format!(" {f} "), style), Span::raw(" ")]
            })
            .collect();
        let mut lines = vec![
            Line::from(format!(
                "Export the {} entr{} shown.",
                self.count,
                if self.count == 1 { "y" } else { "ies" }
            )),
            Line::from([vec![Span::styled("Format: ", theme.muted())], formats].concat()),
            // The path field is drawn on this line below, as an editor.
            Line::default(),
        ];
        match (&self.stage, &self.error) {
            (Stage::Confirm(path), _) => lines.push(Line::from(Span::styled(
                format!(
                    "{} already exists. Replace it? y replaces, n goes back.",
                    path.display()
                ),
                theme.strong(),
            ))),
            (Stage::Form, Some(error)) => {
                lines.push(Line::from(Span::styled(error.clone(), theme.strong())))
            }
            (Stage::Form, None) => lines.push(Line::from(Span::styled(
                "Tab: format · Enter: export · Esc: cancel",
                theme.muted(),
            ))),
        }
        let block = Block::default().borders(Borders::ALL).title(" Export ");
        let inner = block.inner(rect);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block)
            .render(rect, buf);
        if inner.height > 2 {
            let row = Rect {
                y: inner.y + 2,
                height: 1,
                ..inner
            };
            input::render_field("File:   ", &self.path, theme, row, buf);
        }
    }
}

/// Writes the entries whose ids are in `shown` to `path` in `format`, through
/// `export::target::write` (the rule `steady export -o` keeps: never over the journal, its
/// lock file or anything that is not a regular file; atomic, mode 0600); returns how many
/// were written, or why not (one sentence).
///
/// The lines come from the journal itself, read at export time, and go through the same
/// writer as `steady export`: json and jsonl copy the stored lines byte for byte in file
/// order, and csv and md are what the command line writes for the same entries.
pub fn write_file(
    format: Format,
    data: &ReviewData,
    shown: &HashSet<&str>,
    path: &Path,
) -> Result<usize, String> {
    let mut written = 0;
    let journal = data.journal_path();
    let result = target::write(path, journal.as_deref(), |out| {
        let source = |each: &mut export::Each| -> Result<(), Failed> {
            // The journal is read through a callback that cannot stop early: after a failed
            // write the remaining lines are passed over, and the error reported.
            let mut failed = None;
            data.each_line(&mut |entry, raw| {
                if failed.is_none()
                    && shown.contains(entry.id.as_str())
                    && let Err(e) = each(entry, raw)
                {
                    failed = Some(e);
                }
            })
            .map_err(Failed::Journal)?;
            failed.map_or(Ok(()), |e| Err(Failed::Output(e)))
        };
        written = export::write(format, data.day_starts_at(), source, out)?;
        Ok(())
    });
    match result {
        Ok(()) => Ok(written),
        Err(WriteError::Refused(refused)) => Err(sentence(&refused.to_string())),
        Err(WriteError::Body(Failed::Journal(e))) => Err(e),
        Err(WriteError::Body(Failed::Output(e)) | WriteError::Io(e)) => Err(format!(
            "Could not write {} ({}); choose another place.",
            path.display(),
            io_words(&e)
        )),
    }
}

/// Why an export from review stopped.
enum Failed {
    /// The journal could not be read: the sentence to show.
    Journal(String),
    Output(io::Error),
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Failed::Output(e)
    }
}

/// A sentence from the core, begun with a capital and ended with a full stop.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}.", first.unwrap_or_default(), chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn suggests_a_home_file_and_asks_before_replacing() {
        let dir = std::env::temp_dir().join(format!("steady-export-dialog-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let mut d = ExportDialog::new(dir.clone(), None, today, 3);
        assert_eq!(d.handle(key(KeyCode::Tab)), ExportStep::Stay);
        let expected = dir.join("steady-2026-11-22.json");
        assert_eq!(
            d.handle(key(KeyCode::Enter)),
            ExportStep::Write {
                format: Format::Json,
                path: expected.clone()
            }
        );
        std::fs::write(&expected, "old").unwrap();
        assert_eq!(
            d.handle(key(KeyCode::Enter)),
            ExportStep::Stay,
            "asks first"
        );
        assert_eq!(d.handle(key(KeyCode::Char('n'))), ExportStep::Stay);
        assert_eq!(d.handle(key(KeyCode::Enter)), ExportStep::Stay);
        assert!(matches!(
            d.handle(key(KeyCode::Char('y'))),
            ExportStep::Write { .. }
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn typed_paths_resolve_from_home() {
        let home = PathBuf::from("/home/someone");
        let mut d = ExportDialog::new(home.clone(), None, "2026-11-22".parse().unwrap(), 0);
        d.path = input::field("~/out/a.md");
        assert_eq!(d.resolved(), Some(home.join("out/a.md")));
        d.path = input::field("b.csv");
        assert_eq!(d.resolved(), Some(home.join("b.csv")));
        d.path = input::field("/tmp/c.csv");
        assert_eq!(d.resolved(), Some(PathBuf::from("/tmp/c.csv")));
        assert_eq!(d.handle(key(KeyCode::Esc)), ExportStep::Cancel);
    }
}
