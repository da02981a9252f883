//! The journal: entries (`entry`), ids (`id`), tolerant reading (`read`); the store, queries,
//! stats, export and import are being built (issue 3).

pub mod entry;
pub mod id;
pub mod read;
pub mod series;
