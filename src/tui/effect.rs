//! What the app does beyond its own state, asked for by `update` and carried out in order
//! by `App::perform`, the one place the TUI touches the journal or the file system. Each
//! effect's result comes back as state the screens show.
//!
//! Saving an entry may wait for another steady's lock, so it runs on a `Saver` thread (as
//! gitui's async jobs do): `perform` hands it the entry, and what became of it comes back as
//! a `Done` event of the loop, so the screen stays live (and `!` opens) meanwhile.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use crate::journal::entry::Entry;
use crate::journal::feelings::Place;
use crate::journal::lock::Waiting;
use crate::support::plan::Plan;

use super::records::{FileRecords, Records, RecordsError};
use super::screens::review;

/// One thing to do outside the app's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append a finished (or kept) practice to the journal.
    Save(Box<Entry>),
    /// Read the journal and open review over it.
    OpenReview,
    /// Read when each entry began again, for home's line about lately (after review,
    /// which may have deleted or changed entries).
    ReadTimes,
    /// A journal change or an export asked for on the review screens.
    Review(review::Effect),
    /// Write the safety plan (changed in its editor) to its file.
    SavePlan(Box<Plan>),
    /// Write where a feeling word of the person's own sits into the settings file (one
    /// small file and no lock to wait for, so it is done in place).
    PlaceFeeling(String, Place),
}

/// What the save worker tells the app, as an event of the loop.
#[derive(Debug)]
pub enum Done {
    /// The save under way waits for another steady's lock.
    Waiting(Waiting),
    /// A save ended: the entry, and the notice the journal had or why it was not saved.
    Saved(Box<Entry>, Result<Option<String>, RecordsError>),
}

/// Who hears from the worker.
pub type Tell = Arc<dyn Fn(Done) + Send + Sync>;

/// The thread that appends entries, one after another in the order they were handed over.
#[derive(Debug)]
pub struct Saver {
    jobs: Sender<Box<Entry>>,
    thread: JoinHandle<()>,
}

impl Saver {
    /// Starts the worker over `records`; each save's end is told through `tell`.
    pub fn start(mut records: FileRecords, tell: Tell) -> io::Result<Saver> {
        let (jobs, queue) = mpsc::channel::<Box<Entry>>();
        let thread = thread::Builder::new().name("saver".into()).spawn(move || {
            for entry in queue {
                let result = records.append(&entry);
                tell(Done::Saved(entry, result));
            }
        })?;
        Ok(Saver { jobs, thread })
    }

    /// Hands `entry` to the worker, or gives it back when the worker is gone.
    pub fn save(&self, entry: Box<Entry>) -> Result<(), Box<Entry>> {
        self.jobs.send(entry).map_err(|unsent| unsent.0)
    }

    /// Lets the saves handed over end (saved, or given up after the wait) and waits for
    /// the worker; each has been told by then.
    pub fn finish(self) {
        drop(self.jobs);
        // A worker that panicked has nothing more to tell.
        let _ = self.thread.join();
    }
}
