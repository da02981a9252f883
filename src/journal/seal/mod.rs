//! The building blocks of a sealed journal (encryption at rest with `age`, X25519): the keys
//! kept beside the journal (`keys`: the public recipient in the clear, the identity sealed
//! with the person's passphrase through age's scrypt) and where the passphrase comes from
//! (`passphrase`).
//!
//! Nothing here writes plaintext anywhere: the identity is written only sealed with the
//! passphrase.

pub mod keys;
pub mod passphrase;

pub use keys::{KeyError, KeyFiles};
pub use passphrase::{Passphrase, PassphraseError};
