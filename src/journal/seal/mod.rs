//! The building blocks of a sealed journal (encryption at rest with `age`, X25519): the keys
//! kept beside the journal (`keys`: the public recipient in the clear, the identity sealed
//! with the person's passphrase through age's scrypt), where the passphrase comes from
//! (`passphrase`), one journal line sealed as one line that the standard `age` tool can
//! decrypt (`line`), and the sealed cache of opened lines that lets a whole-journal read
//! skip opening one age file per entry (`cache`); a whole journal sealed or opened, byte
//! for byte (`convert`); and the sealed journal as an implementation of the journal port
//! (`vault`, `SealedVault`).
//!
//! Nothing here writes plaintext anywhere: entries are sealed in memory and only sealed
//! bytes reach a file; the identity is written only sealed with the passphrase.

pub mod cache;
pub mod convert;
pub mod keys;
pub mod line;
pub mod passphrase;
pub mod vault;

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
}

impl std::fmt::Display for SealError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SealError::Key(e) => e.fmt(f),
            SealError::Passphrase(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for SealError {}

impl From<SealError> for super::VaultError {
    fn from(e: SealError) -> Self {
        super::VaultError::Sealed(e)
    }
}
