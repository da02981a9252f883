//! Entry ids: ULIDs (48 bits of milliseconds, 80 random bits, Crockford base 32), so ids sort
//! by time and two processes writing in the same millisecond still never collide.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, FixedOffset};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A new id for an entry that started at `at`.
pub fn new_id(at: DateTime<FixedOffset>) -> String {
    let millis = at.timestamp_millis().clamp(0, (1 << 48) - 1) as u128;
    let value = (millis << 80) | random_bits();
    encode(value)
}

/// The id of an entry brought in from another app: its time, then 80 bits of a hash of its
/// `content` (FNV-1a, 128 bits), so the same record always gets the same id and imports
/// of one file twice add nothing the second time.
pub fn from_content(at: DateTime<FixedOffset>, content: &[u8]) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let hash = content
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME));
    let millis = at.timestamp_millis().clamp(0, (1 << 48) - 1) as u128;
    encode((millis << 80) | (hash & ((1u128 << 80) - 1)))
}

/// Whether `s` looks like an id this module would make (either case).
pub fn is_valid(s: &str) -> bool {
    s.len() == 26 && s.bytes().all(in_alphabet)
}

/// Whether `b` is a letter of `ALPHABET`, in either case (a match, not a search: a sealed
/// journal's reader asks this of every id it sees).
fn in_alphabet(b: u8) -> bool {
    matches!(
        b.to_ascii_uppercase(),
        b'0'..=b'9' | b'A'..=b'H' | b'J' | b'K' | b'M' | b'N' | b'P'..=b'T' | b'V'..=b'Z'
    )
}

/// When an id this module made was made, in milliseconds since 1970 (its first ten
/// letters); None when `id` is not shaped like one.
pub fn millis_of(id: &str) -> Option<i64> {
    if !is_valid(id) {
        return None;
    }
    let millis = id.bytes().take(10).fold(0i64, |acc, b| {
        let digit = ALPHABET
            .iter()
            .position(|&a| a == b.to_ascii_uppercase())
            .unwrap_or_default();
        (acc << 5) | digit as i64
    });
    Some(millis)
}

fn encode(mut value: u128) -> String {
    let mut out = [0u8; 26];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(value & 31) as usize];
        value >>= 5;
    }
    out.iter().map(|&b| b as char).collect()
}

/// 80 random bits. `RandomState` is seeded from the operating system's randomness once per
/// process; mixing in the process id and a counter keeps ids distinct within the process.
fn random_bits() -> u128 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let word = |salt: u64| {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u64(count);
        h.write_u32(std::process::id());
        u128::from(h.finish())
    };
    ((word(1) << 64) | word(2)) & ((1u128 << 80) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_valid_and_sort_by_time() {
        let t1 = DateTime::parse_from_rfc3339("2026-11-22T08:00:00+01:00").unwrap();
        let t2 = DateTime::parse_from_rfc3339("2026-11-22T08:00:01+01:00").unwrap();
        let ids: HashSet<String> = (0..10_000).map(|_| new_id(t1)).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| is_valid(id)));
        assert!(new_id(t1) < new_id(t2));
        assert!(new_id(t1).starts_with("01"));
    }

    #[test]
    fn an_id_tells_when_it_was_made() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T08:00:00.123+01:00").unwrap();
        assert_eq!(millis_of(&new_id(at)), Some(at.timestamp_millis()));
        assert_eq!(
            millis_of(&from_content(at, b"x")),
            Some(at.timestamp_millis())
        );
        assert_eq!(millis_of("not an id"), None);
    }

    #[test]
    fn the_alphabet_check_is_the_alphabet() {
        for b in 0..=u8::MAX {
            assert_eq!(
                in_alphabet(b),
                ALPHABET.contains(&b.to_ascii_uppercase()),
                "{b}"
            );
        }
    }
}
