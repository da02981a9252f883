//! `steady run ID --plain` (and `steady run ID` when `TERM=dumb`): one practice as plain lines
//! on standard input and output through `plain::drive`, then saved like the TUI's runs: the
//! whole entry at the end, or, when the input closes (Ctrl-D) or Ctrl-C, SIGTERM or SIGHUP
//! stops it first, what was answered, marked as not finished. Works without a terminal.

use std::collections::VecDeque;
use std::io::{self, BufRead};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

use super::{CliError, CliResult, Context, out, practices};
use crate::clock::{Clock, NOW_VAR, TestClock};
use crate::journal::entry::Via;
use crate::plain::{self, Ended, Source};
use crate::practice::Library;
use crate::runner::Run;

/// Whether `steady run` should use plain lines by itself: on a terminal that says it
/// cannot draw (`TERM=dumb`).
pub fn terminal_is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

pub fn run(ctx: &Context, id: &str) -> CliResult {
    let config = ctx.config()?;
    let practice = practices::find(&Library::load(&ctx.paths.practices), id)?;
    // Under `STEADY_NOW` (tests of the binary) time is a test clock that waits move on at
    // once, so a five-minute timer takes no real time; otherwise waits sleep.
    let test_clock = std::env::var_os(NOW_VAR).map(|_| Arc::new(TestClock::at(ctx.clock.wall())));
    let clock: Arc<dyn Clock> = match &test_clock {
        Some(c) => c.clone(),
        None => ctx.clock.clone(),
    };
    let mut run = Run::start(practice, clock).with_palette(config.palette.clone());
    let mut source = Live::start(test_clock).map_err(|e| {
        CliError::failure(format!(
            "cannot listen for Ctrl-C ({}); try again",
            crate::fsutil::io_words(&e)
        ))
    })?;
    let ended = plain::drive(&mut run, &mut source, &mut io::stdout().lock());
    let ended = ended.or_else(|e| {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Ok(Ended::Left)
        } else {
            Err(e)
        }
    });
    let ended = ended.map_err(|e| {
        CliError::failure(format!(
            "the practice stopped because its input or output failed ({})",
            crate::fsutil::io_words(&e)
        ))
    });
    // Whatever stopped the run, what was answered is kept.
    let entry = match ended {
        Ok(Ended::Finished) => run.entry(Via::Cli),
        _ => run.leave(true, Via::Cli),
    };
    let Some(entry) = entry else {
        out::message("Nothing was answered, so nothing was saved.");
        return ended.map(|_| ());
    };
    ctx.write_journal(|vault| vault.append(std::slice::from_ref(&entry)))?;
    let journal = ctx.paths.journal.display();
    out::message(&if entry.completed {
        format!("Saved to {journal}. Thank you for taking this time.")
    } else {
        format!("Kept what you answered (not finished) in {journal}.")
    });
    ended.map(|_| ())
}

/// What the plain mode hears from outside.
enum Heard {
    Line(String),
    /// Standard input closed (Ctrl-D, the end of a pipe).
    Closed,
    Failed(io::Error),
    /// SIGINT, SIGTERM or SIGHUP.
    Stop,
}

/// Standard input read on a thread and the stop signals heard on another, so a run can be
/// stopped mid-question and mid-breath alike. Under `STEADY_NOW` waits move a test clock on
/// at once instead of sleeping.
struct Live {
    heard: Receiver<Heard>,
    /// What arrived while time was passing, for the next question.
    pending: VecDeque<Heard>,
    closed: bool,
    stopped: bool,
    test_clock: Option<Arc<TestClock>>,
}

impl Live {
    fn start(test_clock: Option<Arc<TestClock>>) -> io::Result<Live> {
        let (tx, heard) = mpsc::channel();
        let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        let stop: Sender<Heard> = tx.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = stop.send(Heard::Stop);
                }
            })?;
        std::thread::Builder::new()
            .name("stdin".into())
            .spawn(move || {
                for line in io::stdin().lock().lines() {
                    let heard = match line {
                        Ok(line) => Heard::Line(line),
                        Err(e) => Heard::Failed(e),
                    };
                    let failed = matches!(heard, Heard::Failed(_));
                    if tx.send(heard).is_err() || failed {
                        return;
                    }
                }
                let _ = tx.send(Heard::Closed);
            })?;
        Ok(Live {
            heard,
            pending: VecDeque::new(),
            closed: false,
            stopped: false,
            test_clock,
        })
    }

    /// Keeps what was heard for later, noting a stop.
    fn keep(&mut self, heard: Heard) {
        match heard {
            Heard::Stop => self.stopped = true,
            other => self.pending.push_back(other),
        }
    }
}

impl Source for Live {
    fn line(&mut self) -> io::Result<Option<String>> {
        if self.stopped || self.closed {
            return Ok(None);
        }
        let heard = match self.pending.pop_front() {
            Some(heard) => heard,
            None => self.heard.recv().unwrap_or(Heard::Closed),
        };
        match heard {
            Heard::Line(line) => Ok(Some(line)),
            Heard::Closed => {
                self.closed = true;
                Ok(None)
            }
            Heard::Failed(e) => Err(e),
            Heard::Stop => {
                self.stopped = true;
                Ok(None)
            }
        }
    }

    fn wait(&mut self, at: Instant) -> bool {
        if let Some(clock) = &self.test_clock {
            clock.advance(at.saturating_duration_since(clock.now()));
            while let Ok(heard) = self.heard.try_recv() {
                self.keep(heard);
            }
            return !self.stopped;
        }
        while !self.stopped {
            let now = Instant::now();
            if now >= at {
                return true;
            }
            match self.heard.recv_timeout(at - now) {
                Ok(heard) => self.keep(heard),
                Err(RecvTimeoutError::Timeout) => return true,
                Err(RecvTimeoutError::Disconnected) => std::thread::sleep(at - now),
            }
        }
        false
    }
}
