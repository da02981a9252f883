//! The building blocks of a sealed journal (encryption at rest with `age`, X25519): the keys
//! kept beside the journal (`keys`: the public recipient in the clear, the identity sealed
//! with the person's passphrase through age's scrypt), where the passphrase comes from
//! (`passphrase`), one journal line sealed as one line that the standard `age` tool can
//! decrypt (`line`), and the sealed cache of opened lines that lets a whole-journal read
//! skip opening one age file per entry (`cache`); a whole journal sealed or opened, byte
//! for byte (`convert`).
//!
//! Nothing here writes plaintext anywhere: entries are sealed in memory and only sealed
//! bytes reach a file; the identity is written only sealed with the passphrase.

pub mod cache;
pub mod convert;
pub mod keys;
pub mod line;
pub mod passphrase;

pub use cache::{Batch, CacheRead, LineCache, Opener};
pub use keys::{KeyError, KeyFiles};
pub use line::LineError;
pub use passphrase::{Passphrase, PassphraseError};
