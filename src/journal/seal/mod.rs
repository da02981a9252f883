//! The building blocks of a sealed journal (encryption at rest with `age`, X25519): the keys
//! kept beside the journal (`keys`: the public recipient in the clear, the identity sealed
//! with the person's passphrase through age's scrypt), where the passphrase comes from
//! (`passphrase`), one journal line sealed as one line that the standard `age` tool can
//! decrypt (`line`), and the sealed cache of opened lines that lets a whole-journal read
//! skip opening one age file per entry (`cache`); a whole journal sealed or opened, byte
//! for byte (`convert`); and the sealed journal as an implementation of the journal port
//! (`vault`, `SealedVault`, whose reads stream through `stream`: each pass opens its lines a
//! block at a time while the other cores parse them); a journal file sealed or opened whole
//! under its lock
//! (`whole`: `steady encrypt` and `steady decrypt`).
//!
//! Nothing here writes plaintext anywhere: entries are sealed in memory and only sealed
//! bytes reach a file; the identity is written only sealed with the passphrase.

pub mod cache;
pub mod convert;
pub mod keys;
pub mod line;
pub mod passphrase;
mod stream;
pub mod vault;
pub mod whole;

pub use cache::{Batch, CacheRead, LineCache, Opener};
pub use keys::{KeyError, KeyFiles};
pub use line::LineError;
pub use passphrase::{Asker, Passphrase, PassphraseError};
pub use vault::SealedVault;

/// Why a sealed journal could not be opened: its keys, or the passphrase.
#[derive(Debug)]
pub enum SealError {
    Key(KeyError),
    Passphrase(PassphraseError),
    /// Lines sealed to another key than the journal's (decrypt would lose them).
    OtherKey {
        lines: usize,
    },
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SealError::Key(e) => e.fmt(f),
            SealError::Passphrase(e) => e.fmt(f),
            SealError::OtherKey { lines } => write!(
                f,
                "{lines} line{} of the journal {} sealed to another key than its own, so it was left sealed as it is; open {} with that key first.",
                if *lines == 1 { "" } else { "s" },
                if *lines == 1 { "is" } else { "are" },
                if *lines == 1 { "it" } else { "them" }
            ),
        }
    }
}

impl std::error::Error for SealError {}

impl From<KeyError> for SealError {
    fn from(e: KeyError) -> Self {
        SealError::Key(e)
    }
}

impl From<PassphraseError> for SealError {
    fn from(e: PassphraseError) -> Self {
        SealError::Passphrase(e)
    }
}

impl From<SealError> for super::VaultError {
    fn from(e: SealError) -> Self {
        super::VaultError::Sealed(e)
    }
}
