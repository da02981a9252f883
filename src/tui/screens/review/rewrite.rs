//! A change to one entry that review asks for (`Rewrite`), named by the entry's reference as
//! review read it, so that it can be carried out later and on another thread (the app's
//! worker), through the journal port; what it did comes back as a `Rewrote`.

use crate::journal::entry::Entry;
use crate::journal::vault::{EntryRef, Kept, Removed, Replaced, Restored, Vault};
use crate::journal::{VaultError, Written};

/// A change to one entry of the journal.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewrite {
    /// Take the entry out.
    Delete(EntryRef),
    /// Change the entry to this one (only the values that differ are written).
    Replace(EntryRef, Box<Entry>),
    /// Put back exactly what a delete or an edit took out.
    Restore(Kept),
}

/// What a rewrite did, when it did it.
#[derive(Debug, Clone, PartialEq)]
pub enum Rewritten {
    Deleted(Removed),
    Edited(Replaced),
    Restored(Restored),
}

/// A rewrite carried out, or why it was not, with what the write wants said once.
#[derive(Debug)]
pub struct Rewrote {
    pub asked: Rewrite,
    pub result: Result<Rewritten, VaultError>,
    /// A cut-off last line the write set aside first.
    pub notice: Option<String>,
}

impl Rewrite {
    /// Carries the rewrite out through `vault`.
    pub fn carry_out(self, vault: &dyn Vault) -> Rewrote {
        fn said<T>(
            written: Result<Written<T>, VaultError>,
            then: impl FnOnce(T) -> Rewritten,
        ) -> (Result<Rewritten, VaultError>, Option<String>) {
            match written {
                Ok(w) => (Ok(then(w.value)), w.set_aside.map(|s| s.to_string())),
                Err(e) => (Err(e), None),
            }
        }
        let (result, notice) = match &self {
            Rewrite::Delete(at) => said(vault.remove(at), Rewritten::Deleted),
            Rewrite::Replace(at, entry) => said(vault.replace(at, entry), Rewritten::Edited),
            Rewrite::Restore(kept) => said(vault.restore(kept), Rewritten::Restored),
        };
        Rewrote {
            asked: self,
            result,
            notice,
        }
    }
}
