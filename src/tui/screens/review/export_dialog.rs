//! The `x` dialog in History: choose a format, accept or type a path (in the home folder
//! by default; the suggested name's extension follows the format, and a typed extension
//! chooses the format), confirm before replacing an existing file. Whether the path is a
//! folder or exists is found out when the export is asked for (`History::apply`), which
//! asks back through `ask_replace`; the export itself ([`ToExport`]) reads the journal on
//! the app's worker, and how it went ([`Exported`]) comes back as an event.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::Step;
use super::data::ReviewData;
use super::field::{self as input, FieldView, Typed};
use crate::fsutil::io_words;
use crate::journal::VaultError;
use crate::journal::export::target::{self, Existing, Refused, WriteError};
use crate::journal::export::{self, Format};
use crate::journal::read::Content;
use crate::journal::vault::Vault;
use crate::tui::action::{Action, ReviewAction};
use crate::tui::widgets::LineEditor;
use crate::tui::widgets::Theme;

/// The formats offered, in the order Tab cycles them.
pub const FORMATS: [(Format, &str); 4] = [
    (Format::Csv, "csv"),
    (Format::Json, "json"),
    (Format::Jsonl, "jsonl"),
    (Format::Md, "md"),
];

/// An export the person asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub format: Format,
    pub path: PathBuf,
    /// The person said yes to replacing the file there.
    pub replace: bool,
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
    /// Where a name without a folder goes (the home folder, from `ReviewOptions`).
    folder: PathBuf,
    /// What `~` stands for.
    home: PathBuf,
    today: NaiveDate,
    count: usize,
    stage: Stage,
    error: Option<String>,
}

impl ExportDialog {
    /// A dialog exporting `count` entries, suggesting a file in `folder` named for `today`.
    pub fn new(folder: PathBuf, home: PathBuf, today: NaiveDate, count: usize) -> Self {
        let mut dialog = Self {
            format: 0,
            path: input::field(""),
            typed: false,
            folder,
            home,
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
        self.path = input::field(&self.folder.join(name).to_string_lossy());
    }

    /// Whether the dialog is asking before replacing a file.
    pub fn confirming(&self) -> bool {
        matches!(self.stage, Stage::Confirm(_))
    }

    /// Asks before replacing the file at `path`.
    pub fn ask_replace(&mut self, path: PathBuf) {
        self.stage = Stage::Confirm(path);
    }

    /// Shows why the export was not written; the dialog stays open so another path can be
    /// tried.
    pub fn fail(&mut self, failed: &ExportFailed) {
        self.stage = Stage::Form;
        self.error = Some(failed.to_string());
    }

    /// The path as typed: `~` is the home folder, and a relative path is in the folder
    /// steady was started in.
    fn resolved(&self) -> Option<PathBuf> {
        let text = self.path.text().trim();
        if text.is_empty() {
            return None;
        }
        let path = match text.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => {
                self.home.join(rest.trim_start_matches('/'))
            }
            _ => self.folder.join(Path::new(text)),
        };
        Some(path)
    }

    pub fn update(&mut self, action: Action) -> Step<Export> {
        if let Stage::Confirm(path) = &self.stage {
            if action == Action::Review(ReviewAction::Yes) {
                return Step::Done(Export {
                    format: FORMATS[self.format].0,
                    path: path.clone(),
                    replace: true,
                });
            }
            self.stage = Stage::Form;
            return Step::Stay;
        }
        let n = FORMATS.len();
        match action {
            Action::Review(ReviewAction::NextField) => self.choose((self.format + 1) % n),
            Action::Review(ReviewAction::PreviousField) => self.choose((self.format + n - 1) % n),
            _ => match input::type_into(&mut self.path, action) {
                Typed::Cancel => return Step::Back,
                Typed::Changed => {
                    self.typed = true;
                    self.error = None;
                    // A typed extension of a format chooses that format: `sept.md` is
                    // written as Markdown whatever was selected before.
                    if let Some(at) = format_of(self.path.text()) {
                        self.format = at;
                    }
                }
                Typed::Moved | Typed::Other => {}
                Typed::Submit => match self.resolved() {
                    None => self.error = Some("Type a file name to export to.".into()),
                    Some(path) => {
                        return Step::Done(Export {
                            format: FORMATS[self.format].0,
                            path,
                            replace: false,
                        });
                    }
                },
            },
        }
        Step::Stay
    }

    /// Format `at`; an untouched suggestion follows it, and a typed name keeps what was
    /// typed with the extension changed.
    fn choose(&mut self, at: usize) {
        self.format = at;
        if self.typed {
            let typed = self.path.text();
            let stem = FORMATS.iter().find_map(|(_, ext)| {
                typed
                    .strip_suffix(ext)
                    .and_then(|s| s.strip_suffix('.'))
                    .map(str::to_owned)
            });
            if let Some(stem) = stem {
                self.path = input::field(&format!("{stem}.{}", FORMATS[at].1));
            }
        } else {
            self.suggest();
        }
    }
}

/// The dialog, centred in the area; `exporting` says that an export is under way (and whom
/// it waits for), in place of the keys line.
pub struct ExportView<'a> {
    pub dialog: &'a ExportDialog,
    pub exporting: Option<&'a str>,
    pub theme: Theme,
}

impl Widget for ExportView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (dialog, exporting, theme) = (self.dialog, self.exporting, self.theme);
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
                let style = if i == dialog.format {
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
                dialog.count,
                if dialog.count == 1 { "y" } else { "ies" }
            )),
            Line::from([vec![Span::styled("Format: ", theme.muted())], formats].concat()),
            // The path field is drawn on this line below, as an editor.
            Line::default(),
        ];
        match (&dialog.stage, &dialog.error) {
            _ if exporting.is_some() => lines.push(Line::from(Span::styled(
                exporting.unwrap_or_default().to_owned(),
                theme.strong(),
            ))),
            (Stage::Confirm(path), _) => lines.push(Line::from(Span::styled(
                format!(
                    "{} already exists. Replace it? y replaces, n goes back.",
                    path.display()
                ),
                theme.strong(),
            ))),
            (Stage::Form, Some(error)) => {
                lines.push(Line::from(Span::styled(error.clone(), theme.strong())));
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
            FieldView {
                label: "File:   ",
                editor: &dialog.path,
                theme,
            }
            .render(row, buf);
        }
    }
}

/// The format (an index into `FORMATS`) the extension of `path` names, if it names one.
fn format_of(path: &str) -> Option<usize> {
    let ext = Path::new(path.trim()).extension()?.to_str()?;
    FORMATS
        .iter()
        .position(|(_, name)| name.eq_ignore_ascii_case(ext))
}

/// Whether an export may be written at `path` (the rule `steady export -o` keeps: never
/// over the journal, its lock file or anything that is not a regular file), and whether a
/// file is there already. Only the path is looked at, not the journal, so this is done on
/// the drawing thread, where the dialog can ask before replacing a file.
pub fn may_write(path: &Path, data: &ReviewData) -> Result<Existing, ExportFailed> {
    target::check(path, data.journal_path().as_deref()).map_err(ExportFailed::Refused)
}

/// An export to carry out: the entries History showed (by id), read from the journal
/// where the export runs (the app's worker, beside the screen, since reading waits for
/// another steady's lock).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToExport {
    pub format: Format,
    pub path: PathBuf,
    pub shown: HashSet<String>,
    pub day_starts_at: NaiveTime,
}

/// An export carried out: how many entries were written, or why not.
#[derive(Debug)]
pub struct Exported {
    pub path: PathBuf,
    pub result: Result<usize, ExportFailed>,
}

/// Why an export from review was not written; each says one sentence.
#[derive(Debug)]
pub enum ExportFailed {
    /// The path is one steady never writes an export to.
    Refused(Refused),
    /// The journal could not be read (a held lock waited for in vain, say).
    Journal(VaultError),
    /// The file could not be written.
    Write(PathBuf, io::Error),
}

impl std::fmt::Display for ExportFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportFailed::Refused(refused) => f.write_str(&sentence(&refused.to_string())),
            ExportFailed::Journal(e) => write!(f, "Not exported: {e}."),
            ExportFailed::Write(path, e) => write!(
                f,
                "Could not write {} ({}); choose another place.",
                path.display(),
                io_words(e)
            ),
        }
    }
}

impl std::error::Error for ExportFailed {}

impl ToExport {
    /// Writes the entries shown to `path` in `format`, reading the journal through
    /// `vault`, through `export::target::write` (the rule `steady export -o` keeps: never
    /// over the journal, its lock file or anything that is not a regular file; atomic, mode
    /// 0600).
    ///
    /// The lines come from the journal itself, read at export time, and go through the same
    /// writer as `steady export`: json and jsonl copy the stored lines byte for byte in file
    /// order, and csv and md are what the command line writes for the same entries.
    pub fn carry_out(self, vault: &dyn Vault) -> Exported {
        let mut written = 0;
        let result = target::write(&self.path, vault.file(), |out| {
            let source = |each: &mut export::Each| -> Result<(), Failed> {
                let snapshot = vault.open().map_err(Failed::Journal)?;
                let unreadable = |e| Failed::Journal(VaultError::unreadable(vault, e));
                for line in snapshot.lines().map_err(unreadable)? {
                    if let Content::Entry { entry, raw } = line.map_err(unreadable)?.content
                        && self.shown.contains(entry.id.as_str())
                    {
                        each(&entry, &raw)?;
                    }
                }
                Ok(())
            };
            written = export::write(
                self.format,
                self.day_starts_at,
                export::Sequential(source),
                out,
            )?;
            Ok(())
        });
        let result = match result {
            Ok(()) => Ok(written),
            Err(WriteError::Refused(refused)) => Err(ExportFailed::Refused(refused)),
            Err(WriteError::Body(Failed::Journal(e))) => Err(ExportFailed::Journal(e)),
            Err(WriteError::Body(Failed::Output(e)) | WriteError::Io(e)) => {
                Err(ExportFailed::Write(self.path.clone(), e))
            }
        };
        Exported {
            path: self.path,
            result,
        }
    }
}

/// Why an export from review stopped while it was being written.
enum Failed {
    Journal(VaultError),
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
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn act(r: ReviewAction) -> Action {
        Action::Review(r)
    }

    #[test]
    fn suggests_a_file_here_whose_extension_follows_the_format_and_asks_before_replacing() {
        let here = PathBuf::from("/work/here");
        let today: NaiveDate = "2026-11-22".parse().unwrap();
        let mut d = ExportDialog::new(here.clone(), PathBuf::from("/h"), today, 3);
        assert_eq!(d.path.text(), "/work/here/steady-2026-11-22.csv");
        assert_eq!(d.update(act(ReviewAction::NextField)), Step::Stay);
        assert_eq!(d.path.text(), "/work/here/steady-2026-11-22.json");
        assert_eq!(
            d.update(Action::Finish),
            Step::Done(Export {
                format: Format::Json,
                path: here.join("steady-2026-11-22.json"),
                replace: false,
            })
        );
        // The file was there: History asks back; n goes back to the form, y replaces.
        d.ask_replace(here.join("steady-2026-11-22.json"));
        assert!(d.confirming());
        assert_eq!(d.update(act(ReviewAction::No)), Step::Stay);
        assert!(!d.confirming());
        d.ask_replace(here.join("x.json"));
        assert!(matches!(
            d.update(act(ReviewAction::Yes)),
            Step::Done(Export { replace: true, .. })
        ));
    }

    #[test]
    fn a_typed_name_keeps_its_stem_when_the_format_changes() {
        let mut d = ExportDialog::new("/w".into(), "/h".into(), "2026-11-22".parse().unwrap(), 0);
        d.path = input::field("notes.md");
        d.typed = true;
        d.update(act(ReviewAction::NextField));
        assert_eq!(d.path.text(), "notes.json");
        d.update(act(ReviewAction::PreviousField));
        d.update(act(ReviewAction::PreviousField));
        assert_eq!(d.path.text(), "notes.md");
    }

    #[test]
    fn a_typed_extension_chooses_the_format() {
        let mut d = ExportDialog::new("/h".into(), "/h".into(), "2026-11-22".parse().unwrap(), 0);
        // json is selected, then the person types a Markdown name.
        d.update(act(ReviewAction::NextField));
        assert_eq!(FORMATS[d.format].1, "json");
        for _ in 0..d.path.text().chars().count() {
            d.update(Action::Edit(KeyEvent::new(
                KeyCode::Backspace,
                KeyModifiers::NONE,
            )));
        }
        for c in "sept.md".chars() {
            d.update(Action::Edit(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
        assert_eq!(
            d.update(Action::Finish),
            Step::Done(Export {
                format: Format::Md,
                path: PathBuf::from("/h/sept.md"),
                replace: false,
            })
        );
        assert_eq!(format_of("a.JSONL"), Some(2));
        assert_eq!(format_of("a.json"), Some(1));
        assert_eq!(format_of("notes.txt"), None);
        assert_eq!(format_of("notes"), None);
    }

    #[test]
    fn typed_paths_resolve_from_here_and_home() {
        let mut d = ExportDialog::new("/w".into(), "/h".into(), "2026-11-22".parse().unwrap(), 0);
        d.path = input::field("~/out/a.md");
        assert_eq!(d.resolved(), Some(PathBuf::from("/h/out/a.md")));
        d.path = input::field("b.csv");
        assert_eq!(d.resolved(), Some(PathBuf::from("/w/b.csv")));
        d.path = input::field("/tmp/c.csv");
        assert_eq!(d.resolved(), Some(PathBuf::from("/tmp/c.csv")));
        assert_eq!(d.update(act(ReviewAction::Back)), Step::Back);
    }
}
