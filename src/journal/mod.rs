//! The journal: entries (`entry`), ids (`id`), tolerant streaming reading (`read`), and the
//! store that writes it (`store`, with its `lock`, torn-tail handling in `tail` and errors in
//! `error`); `import` reads other journals and exports, `doctor` checks a journal's health;
//! `recent` reads the newest lines from the end; `guide_event` is the entry a guide's
//! start, step or leaving is kept as; `query` picks entries and their days,
//! `stats` counts and finds trends (`feelings` places feeling words as pleasant or not,
//! `change` tells a trend over two windows that never overlap), `export` writes entries out, `series` aggregates entries
//! day by day for the review screens, `signals` reads what an entry's answers mean for the
//! trends, `summary`
//! puts an entry in a few words for tables.

pub mod change;
pub mod doctor;
pub mod entry;
pub mod error;
pub mod export;
pub mod feelings;
pub mod guide_event;
pub mod id;
pub mod import;
pub mod lock;
pub mod outline;
pub mod query;
pub mod read;
pub mod recent;
pub mod seal;
pub mod series;
pub mod signals;
pub mod splice;
pub mod stats;
pub mod store;
pub mod summary;
pub mod tail;
pub mod vault;

pub use error::StoreError;
pub use read::Journal;
pub use store::{AppendReport, Imported, Store, Written};
pub use vault::{EntryRef, Vault, VaultError};
