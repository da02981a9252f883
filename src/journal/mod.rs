//! The journal: entries (`entry`), ids (`id`), tolerant reading (`read`), and the store that
//! writes it (`store`, with its `lock`, torn-tail handling in `tail` and errors in `error`);
//! `import` reads other journals and exports, `doctor` checks a journal's health.

pub mod doctor;
pub mod entry;
pub mod error;
pub mod id;
pub mod import;
pub mod lock;
pub mod read;
pub mod store;
pub mod tail;

pub use error::StoreError;
pub use read::Journal;
pub use store::{AppendReport, Imported, Removed, Store, Written};
