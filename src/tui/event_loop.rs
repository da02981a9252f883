//! The event loop: one channel fed by an input thread and a signal thread; the loop sleeps
//! until an event or the next moment the screen has something new, drains bursts of input,
//! lets time act, saves, and draws once.

use std::io;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;

use ratatui::crossterm::event::{self, Event as TermEvent};
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::App;
use super::terminal::Guard;
use crate::clock::Clock;

/// Something that wakes the loop.
enum Event {
    Terminal(TermEvent),
    /// SIGTERM, SIGHUP or SIGINT: save what there is and go.
    Stop,
    /// The input thread could not read the terminal any more.
    InputGone,
}

/// Starts the threads that feed the loop. They block in the OS and end with the process.
fn spawn_sources() -> io::Result<Receiver<Event>> {
    let (tx, rx) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_tx = tx.clone();
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if signals.forever().next().is_some() {
                let _ = signal_tx.send(Event::Stop);
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
    Ok(rx)
}

/// Runs the app until it quits.
pub fn run(app: &mut App, guard: &mut Guard, clock: &dyn Clock) -> io::Result<()> {
    let events = spawn_sources()?;
    let mut dirty = true;
    loop {
        app.tick();
        if app.perform() {
            guard.bell();
        }
        if app.should_quit() {
            return Ok(());
        }
        if dirty {
            guard.terminal.draw(|frame| app.render(frame))?;
            dirty = false;
        }
        let first = match app.next_wake(clock.now()) {
            Some(at) => events.recv_timeout(at.saturating_duration_since(clock.now())),
            None => events.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match first {
            Ok(event) => {
                dirty |= handle(app, event);
                // Drain whatever else arrived (a paste, a held key) before drawing once.
                while let Ok(event) = events.try_recv() {
                    dirty |= handle(app, event);
                }
            }
            // The moment the screen was waiting for: a frame, a second, a phase.
            Err(RecvTimeoutError::Timeout) => dirty = true,
            Err(RecvTimeoutError::Disconnected) => app.stop(),
        }
    }
}

/// Applies one event; true when the screen needs drawing again.
fn handle(app: &mut App, event: Event) -> bool {
    match event {
        Event::Terminal(TermEvent::Key(key)) => match app.keymap().action(key) {
            Some(action) => {
                app.update(action);
                true
            }
            None => false,
        },
        // `draw` resizes by itself; it only needs to happen now.
        Event::Terminal(TermEvent::Resize(..)) => true,
        Event::Terminal(_) => false,
        Event::Stop | Event::InputGone => {
            app.stop();
            true
        }
    }
}
