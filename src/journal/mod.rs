//! The journal: entries (`entry`), ids (`id`), tolerant streaming reading (`read`), which
//! entries and which day (`query`), counts and trends (`stats`), and exports (`export`).

pub mod entry;
pub mod export;
pub mod id;
pub mod query;
pub mod read;
pub mod stats;
