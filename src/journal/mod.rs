//! The journal: entries (`entry`), ids (`id`), tolerant reading (`read`); the store, queries,
//! stats, export and import are being built (issue 3).

pub mod entry;
pub mod export;
pub mod id;
pub mod query;
pub mod read;
pub mod stats;
