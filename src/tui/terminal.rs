//! The terminal guard: raw mode and the alternate screen for as long as it lives, and the
//! terminal given back whichever way steady leaves (return, error, panic via ratatui's hook).

use std::io::{self, Write};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::{DefaultTerminal, Frame};

use super::widgets::Depth;

/// Owns the terminal while the TUI runs; dropping it restores the terminal.
pub struct Guard {
    pub terminal: DefaultTerminal,
    /// The colours this terminal shows (from `COLORTERM`).
    depth: Depth,
}

impl Guard {
    /// Enters raw mode and the alternate screen. ratatui's `try_init` also installs a panic
    /// hook that restores the terminal before the panic message is printed. Bracketed paste
    /// makes a paste arrive as one piece, so its line breaks are not taken for Enter.
    pub fn enter() -> io::Result<Guard> {
        match ratatui::try_init() {
            Ok(mut terminal) => {
                // A terminal without bracketed paste still works; pastes just arrive as keys.
                let _ = execute!(terminal.backend_mut(), EnableBracketedPaste);
                Ok(Guard {
                    terminal,
                    depth: Depth::from_colorterm(std::env::var_os("COLORTERM").as_deref()),
                })
            }
            Err(e) => {
                // It may have got as far as raw mode before failing.
                ratatui::restore();
                Err(e)
            }
        }
    }

    /// Draws one frame with `render`, its colours fitted to the terminal.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> io::Result<()> {
        let depth = self.depth;
        self.terminal.draw(|frame| {
            render(frame);
            depth.fit(frame.buffer_mut());
        })?;
        Ok(())
    }

    /// Rings the terminal bell.
    pub fn bell(&mut self) {
        let out = self.terminal.backend_mut();
        // A bell that cannot be written is not worth stopping for.
        let _ = out.write_all(b"\x07").and_then(|()| out.flush());
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Nothing useful can be done if the terminal is already gone (SIGHUP).
        let _ = self.terminal.show_cursor();
        let _ = execute!(self.terminal.backend_mut(), DisableBracketedPaste);
        ratatui::restore();
    }
}
