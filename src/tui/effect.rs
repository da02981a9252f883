//! What the app does beyond its own state, asked for by `update` and carried out in order
//! by `App::perform`, the one place the TUI touches the journal or the file system. Each
//! effect's result comes back as state the screens show.

use crate::journal::entry::Entry;
use crate::support::plan::Plan;

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
}
