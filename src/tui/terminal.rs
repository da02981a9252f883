//! The terminal guard: raw mode and the alternate screen for as long as it lives, and the
//! terminal given back whichever way steady leaves (return, error, panic via ratatui's hook)
//! and for as long as steady is stopped (Ctrl-Z): `suspend` gives it back and stops the
//! process; when the shell continues it, the screen is taken again and drawn afresh.

use std::io::{self, Write};

use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use ratatui::{DefaultTerminal, Frame};
use signal_hook::consts::SIGTSTP;

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

    /// Gives the terminal back and stops steady as the shell's Ctrl-Z would; returns once
    /// steady is continued (`fg`), with the terminal taken again and cleared for a full
    /// redraw.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.give_back();
        // Stops the process (SIGSTOP, as SIGTSTP's default would) until SIGCONT.
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        self.take_again()
    }

    /// Raw mode, the alternate screen and bracketed paste again, and a cleared screen so
    /// the next draw paints every cell: what the terminal needs after steady was stopped,
    /// whoever stopped it. Harmless when nothing had changed.
    pub fn take_again(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(
            self.terminal.backend_mut(),
            EnterAlternateScreen,
            EnableBracketedPaste,
            Clear(ClearType::All)
        )?;
        self.terminal.hide_cursor()?;
        // Forget the last frame, so the next draw paints every cell on the cleared screen.
        // (`Terminal::clear` would ask the terminal where its cursor is, and the answer
        // would go to the input thread instead.)
        self.terminal.swap_buffers();
        Ok(())
    }

    /// The terminal as steady found it.
    fn give_back(&mut self) {
        // Nothing useful can be done if the terminal is already gone (SIGHUP).
        let _ = self.terminal.show_cursor();
        let _ = execute!(self.terminal.backend_mut(), DisableBracketedPaste);
        ratatui::restore();
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
        self.give_back();
    }
}
