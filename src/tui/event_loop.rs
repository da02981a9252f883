//! The event loop: one channel fed by an input thread, a signal thread and the worker that
//! reads and writes the journal; the loop sleeps until an event or the next moment the
//! screen has something new, drains bursts of input, lets time act, hands saves, review's
//! rewrites and reads to the worker, and draws once. A job that waits for another steady's
//! lock never holds the screen: its news arrives as an event. Once the app is quitting,
//! nothing that arrives after (a SIGHUP and the end of input come together when a terminal
//! closes) acts again, so a run is saved at most once, and steady ends only once every save
//! and rewrite handed to the worker has ended. Ctrl-Z, or SIGTSTP from
//! outside, suspends: the terminal is given back, the practice clock held, and on `fg` the
//! screen is taken again and redrawn.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;

use ratatui::crossterm::event::{self, Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use super::app::App;
use super::effect::Done;
use super::keymap::Keymap;
use super::terminal::Guard;
use crate::clock::Clock;

/// Something that wakes the loop.
enum Event {
    Terminal(TermEvent),
    /// SIGTERM, SIGHUP or SIGINT: save what there is and go.
    Stop,
    /// Ctrl-Z or SIGTSTP: give the terminal back and stop until continued.
    Suspend,
    /// SIGCONT: steady runs again (after a stop it may not have chosen): take the screen
    /// again and redraw.
    Continued,
    /// The input thread could not read the terminal any more.
    InputGone,
    /// The worker: its job waits for another steady's lock, or has ended.
    Worker(Done),
}

/// Starts the threads that feed the loop. They block in the OS and end with the process.
fn spawn_sources(tx: Sender<Event>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    let signal_tx = tx.clone();
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                let event = match signal {
                    SIGTSTP => Event::Suspend,
                    SIGCONT => Event::Continued,
                    _ => Event::Stop,
                };
                if signal_tx.send(event).is_err() {
                    break;
                }
            }
        })?;
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let event = match event::read() {
                Ok(e) => Event::Terminal(e),
                Err(_) => Event::InputGone,
            };
            let gone = matches!(event, Event::InputGone);
            if tx.send(event).is_err() || gone {
                break;
            }
        }
    })?;
    Ok(())
}

/// Runs the app until it quits and every save and rewrite it handed over has ended.
pub fn run(app: &mut App, guard: &mut Guard, clock: &dyn Clock) -> io::Result<()> {
    let (tx, events) = mpsc::channel();
    spawn_sources(tx.clone())?;
    app.save_on_worker(Arc::new(move |done| {
        // The loop is gone only once steady is ending, when `end_worker` has the rest.
        let _ = tx.send(Event::Worker(done));
    }))?;
    let result = run_until_quit(app, guard, clock, &events);
    // Writes still under way (after a terminal failure) end or give up, and are told.
    app.end_worker();
    for event in events.try_iter() {
        if let Event::Worker(done) = event {
            app.worker_said(done);
        }
    }
    result
}

/// The loop itself, until the app quits with no save or rewrite under way.
fn run_until_quit(
    app: &mut App,
    guard: &mut Guard,
    clock: &dyn Clock,
    events: &Receiver<Event>,
) -> io::Result<()> {
    let size = guard.terminal.size()?;
    app.resize(size.width, size.height);
    let mut dirty = true;
    loop {
        app.tick();
        if dirty && app.has_pending_work() {
            // A rewrite of a large journal takes tens of milliseconds (fsync included): the
            // key's effect is drawn first ("Saving…"), and the outcome in the frame after.
            guard.draw(|frame| app.render(frame))?;
        }
        if app.perform() {
            guard.bell();
        }
        if app.should_quit() && !app.is_saving() {
            return Ok(());
        }
        if dirty {
            guard.draw(|frame| app.render(frame))?;
            dirty = false;
        }
        let first = match app.next_wake(clock.now()) {
            Some(at) => events.recv_timeout(at.saturating_duration_since(clock.now())),
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match first {
            Ok(event) => {
                dirty |= handle(app, guard, event)?;
                // Drain whatever else arrived (a paste, a held key) before drawing once.
                while let Ok(event) = events.try_recv() {
                    dirty |= handle(app, guard, event)?;
                }
            }
            // The moment the screen was waiting for: a frame, a second, a phase.
            Err(RecvTimeoutError::Timeout) => dirty = true,
            Err(RecvTimeoutError::Disconnected) => app.stop(),
        }
    }
}

/// A paste goes to the text field in focus as the keys that type it, so that a pasted line
/// break cannot confirm the answer and spill the rest into the next question. Outside a
/// text field a paste is ignored: its letters are not meant as commands.
fn paste(app: &mut App, text: &str) -> bool {
    let multiline = match app.keymap().base() {
        Keymap::TypingMulti | Keymap::ReviewEditMulti => true,
        Keymap::Typing
        | Keymap::List
        | Keymap::PickOther
        | Keymap::ReviewField
        | Keymap::ReviewEdit
        | Keymap::ReviewExport => false,
        _ => return false,
    };
    for key in paste_keys(text, multiline) {
        if let Some(action) = app.keymap().action(key) {
            app.update(action);
        }
    }
    true
}

/// The keys that type `text`: a line break (`\n`, `\r\n` or a lone `\r`, as terminals send
/// it) is Enter in a multiline field and a space elsewhere; control characters are dropped.
fn paste_keys(text: &str, multiline: bool) -> impl Iterator<Item = KeyEvent> + '_ {
    let mut after_cr = false;
    text.chars().filter_map(move |c| {
        let code = match c {
            '\n' if after_cr => None,
            '\r' | '\n' if multiline => Some(KeyCode::Enter),
            '\r' | '\n' | '\t' => Some(KeyCode::Char(' ')),
            c if crate::text::is_control(c) => None,
            c => Some(KeyCode::Char(c)),
        };
        after_cr = c == '\r';
        code.map(|code| KeyEvent::new(code, KeyModifiers::NONE))
    })
}

/// Ctrl-Z, which the terminal sends as a key while steady has it in raw mode.
fn is_suspend(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('z') && key.modifiers == KeyModifiers::CONTROL
}

/// Applies one event; true when the screen needs drawing again. Once the app is quitting
/// only the worker's news acts: what it had to write is already being written, once.
fn handle(app: &mut App, guard: &mut Guard, event: Event) -> io::Result<bool> {
    if let Event::Worker(done) = event {
        app.worker_said(done);
        return Ok(true);
    }
    if app.should_quit() {
        return Ok(false);
    }
    Ok(match event {
        Event::Terminal(TermEvent::Key(key)) if is_suspend(&key) => suspend(app, guard)?,
        Event::Suspend => suspend(app, guard)?,
        Event::Continued => {
            guard.take_again()?;
            true
        }
        Event::Terminal(TermEvent::Key(key)) => match app.keymap().action(key) {
            Some(action) => {
                app.update(action);
                true
            }
            None => false,
        },
        Event::Terminal(TermEvent::Paste(text)) => paste(app, &text),
        // `draw` resizes by itself; a practice that no longer fits stops its clock.
        Event::Terminal(TermEvent::Resize(width, height)) => {
            app.resize(width, height);
            true
        }
        // The worker's news was taken above, whatever the app is doing.
        Event::Terminal(_) | Event::Worker(_) => false,
        Event::Stop | Event::InputGone => {
            app.stop();
            true
        }
    })
}

/// Stops steady with the terminal given back and the practice clock held, until `fg`.
fn suspend(app: &mut App, guard: &mut Guard) -> io::Result<bool> {
    app.suspend();
    let stopped = guard.suspend();
    app.resumed();
    stopped.map(|()| true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, multiline: bool) -> String {
        paste_keys(text, multiline)
            .map(|k| match k.code {
                KeyCode::Char(c) => c,
                KeyCode::Enter => '⏎',
                _ => '?',
            })
            .collect()
    }

    #[test]
    fn pasted_line_breaks_never_confirm_a_single_line() {
        assert_eq!(
            typed("one\ntwo\r\nthree\rfour", false),
            "one two three four"
        );
        assert_eq!(typed("one\ntwo\r\nthree\rfour", true), "one⏎two⏎three⏎four");
        assert_eq!(typed("tab\there\u{1b}[2J 🌱", false), "tab here[2J 🌱");
    }
}
