//! What the app does beyond its own state, asked for by `update` and carried out in order
//! by `App::perform`, the one place the TUI touches the journal or the file system. Each
//! effect's result comes back as state the screens show.
//!
//! Saving an entry, review's deletes, edits, undos and exports, and reading the journal
//! for review and for home after it may wait for another steady's lock, so they run on one
//! `Worker` thread (as gitui's async jobs do): `perform` hands it a `Job`, and what became
//! of it comes back as a `Done` event of the loop, so the screen stays live (and `!` opens)
//! meanwhile. Review's newest entries, its first screen, are read on a thread of their own
//! beside it (`Done::ReviewNewest`), so they never wait behind a read of a whole journal.

use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::thread::{self, JoinHandle};

use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::feelings::Place;
use crate::journal::lock::Waiting;
use crate::journal::vault::Vault;
use crate::support::plan::Plan;

use chrono::NaiveTime;

use super::lately::Past;
use super::screens::review;
use super::screens::review::data::{Read, ReviewData};
use super::screens::review::export_dialog::{Exported, ToExport};
use super::screens::review::rewrite::{Rewrite, Rewrote};

/// One thing to do outside the app's state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append a finished (or kept) practice to the journal.
    Save(Box<Entry>),
    /// Read the journal and open review over it.
    OpenReview,
    /// Read the whole journal for the review opened over its newest entries (`steady
    /// review`, once the worker runs).
    ReadReviewRest,
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

/// What the worker is given to do, in order.
#[derive(Debug)]
pub enum Job {
    /// Append an entry.
    Save(Box<Entry>),
    /// Review's delete, edit or undo.
    Rewrite(Rewrite),
    /// Read what home needs of the journal again (after review).
    ReadPast,
    /// Read the whole journal for review (whose days start at this time).
    ReadReview(NaiveTime),
    /// Write review's export of what History shows, reading the journal as it is now.
    Export(Box<ToExport>),
}

/// What the worker tells the app, as an event of the loop.
#[derive(Debug)]
pub enum Done {
    /// The job under way (the oldest not yet ended) waits for another steady's lock.
    Waiting(Waiting),
    /// A save ended: the entry, and the notice the journal had or why it was not saved.
    Saved(Box<Entry>, Result<Option<String>, VaultError>),
    /// A rewrite ended: carried out, or why not.
    Rewrote(Box<Rewrote>),
    /// What home needs of the journal, read again.
    Read(Box<Past>),
    /// The newest entries for review's first screen, or why they could not be read (read
    /// beside the worker, on a thread of their own, so never behind a long read).
    ReviewNewest(Box<Result<Read, VaultError>>),
    /// The read of review's newest entries waits for another steady's lock.
    ReviewWaiting(Waiting),
    /// The journal as review reads it, or why it could not be read.
    ReviewRead(Box<Result<Read, VaultError>>),
    /// Review's export ended: how many entries were written where, or why not.
    Exported(Box<Exported>),
}

/// Appends `entry` through `vault`; Ok carries the notice worth telling (a torn last line
/// set aside first).
pub fn save(vault: &dyn Vault, entry: &Entry) -> Result<Option<String>, VaultError> {
    let written = vault.append(std::slice::from_ref(entry))?;
    Ok(written.set_aside.map(|s| s.to_string()))
}

/// Who hears from the worker.
pub type Tell = Arc<dyn Fn(Done) + Send + Sync>;

/// The thread that writes the journal (saves and review's rewrites) and reads it (for home,
/// for review, and for review's exports), one job after another in the order they were
/// handed over.
#[derive(Debug)]
pub struct Worker {
    jobs: Sender<Job>,
    thread: JoinHandle<()>,
}

impl Worker {
    /// Starts the worker over `vault`; each job's end is told through `tell`.
    pub fn start(vault: Arc<dyn Vault + Send + Sync>, tell: Tell) -> io::Result<Worker> {
        let (jobs, queue) = mpsc::channel::<Job>();
        let thread = thread::Builder::new()
            .name("worker".into())
            .spawn(move || {
                for job in queue {
                    tell(match job {
                        Job::Save(entry) => {
                            let result = save(vault.as_ref(), &entry);
                            Done::Saved(entry, result)
                        }
                        Job::Rewrite(rewrite) => {
                            Done::Rewrote(Box::new(rewrite.carry_out(vault.as_ref())))
                        }
                        Job::ReadPast => Done::Read(Box::new(Past::read(vault.as_ref()))),
                        Job::ReadReview(day_starts_at) => Done::ReviewRead(Box::new(
                            ReviewData::read(vault.as_ref(), day_starts_at),
                        )),
                        Job::Export(export) => {
                            Done::Exported(Box::new(export.carry_out(vault.as_ref())))
                        }
                    });
                }
            })?;
        Ok(Worker { jobs, thread })
    }

    /// Hands `job` to the worker, or gives it back when the worker is gone.
    pub fn hand(&self, job: Job) -> Result<(), Job> {
        self.jobs.send(job).map_err(|unsent| unsent.0)
    }

    /// Lets the jobs handed over end (done, or given up after the wait) and waits for the
    /// worker; each has been told by then.
    pub fn finish(self) {
        drop(self.jobs);
        // A worker that panicked has nothing more to tell.
        let _ = self.thread.join();
    }
}
