//! One journal line, sealed on its own, as one line:
//!
//! ```text
//! {"id":"01JF7Q5N3D0000000000000000","age":"YWdlLWVuY3J5cHRpb24ub3JnL3Yx…"}
//! {"age":"YWdlLWVuY3J5cHRpb24ub3JnL3Yx…"}
//! ```
//!
//! `age` is the standard base64 (padded) of a binary age file sealed to the journal's X25519
//! recipient, whose plaintext is the line exactly as it was, byte for byte, without its
//! newline; so `base64 -d | age -d -i KEY` gives it back. `id` is the line's id when the
//! line begins as steady writes every entry (`visible_id`), and is left out otherwise (an
//! unreadable line, a line written by hand in another order): union import by id and the
//! duplicate check need it without the passphrase, and it says no more than that an entry
//! exists and when it was made (ids carry their time). Nothing else is visible but the
//! line's length (within the few bytes age adds at random).
//!
//! The bytes are exactly those above, in that order, with no spaces, so a sealed line is
//! told from anything else without a JSON parser. Opening checks that the visible id is
//! the one the plaintext holds, so a sealed line moved under another id, or stripped of
//! it, is reported as tampered instead of being read as the other entry.

use std::borrow::Cow;

use age::x25519;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::cache::Opener;
use crate::journal::id;

const WITH_ID: &[u8] = b"{\"id\":\"";
const AGE_AFTER_ID: &[u8] = b"\",\"age\":\"";
const AGE_ALONE: &[u8] = b"{\"age\":\"";
const END: &[u8] = b"\"}";

/// Seals `plain` (one journal line without its newline) to `recipient`: the sealed line,
/// without a newline.
pub fn seal(plain: &[u8], recipient: &x25519::Recipient) -> String {
    let file = age::encrypt(recipient, plain).expect("an X25519 recipient always seals");
    wrap(visible_id(plain), &file)
}

/// The line that carries the age `file`, with `id` visible when there is one.
pub(super) fn wrap(id: Option<&str>, file: &[u8]) -> String {
    let encoded = STANDARD.encode(file);
    match id {
        Some(id) => format!("{{\"id\":\"{id}\",\"age\":\"{encoded}\"}}"),
        None => format!("{{\"age\":\"{encoded}\"}}"),
    }
}

/// The parts of a sealed line: its visible id and its age file, still in base64.
struct Parts<'a> {
    id: Option<&'a str>,
    age: &'a [u8],
}

/// The parts of `line` when it is a sealed line; None for anything else.
fn parts(line: &[u8]) -> Option<Parts<'_>> {
    let (id, rest) = if let Some(rest) = line.strip_prefix(WITH_ID) {
        let end = memchr::memchr(b'"', rest)?;
        let id = std::str::from_utf8(&rest[..end])
            .ok()
            .filter(|id| shown(id))?;
        (Some(id), rest[end..].strip_prefix(AGE_AFTER_ID)?)
    } else {
        (None, line.strip_prefix(AGE_ALONE)?)
    };
    // The base64 itself is checked when it is decoded.
    let age = rest.strip_suffix(END).filter(|age| !age.is_empty())?;
    Some(Parts { id, age })
}

/// Whether `line` is a sealed line.
pub fn is_sealed(line: &[u8]) -> bool {
    parts(line).is_some()
}

/// The id a sealed line shows, read without the passphrase.
pub fn sealed_id(line: &[u8]) -> Option<&str> {
    parts(line)?.id
}

/// When a sealed line's entry was made, by the time its visible id carries: all that can be
/// known of it without the passphrase.
pub fn made_at(line: &[u8]) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp_millis(id::millis_of(sealed_id(line)?)?)
}

/// The id a line shows once sealed: the id of a line that begins as steady writes every
/// entry, `{"v":N,"id":"…",` (a byte order mark before it allowed), when it is a plain
/// word (`shown`); None for any other line. Read from the line's first bytes, without a parser,
/// so sealing and opening agree on it whatever follows.
pub fn visible_id(plain: &[u8]) -> Option<&str> {
    let body = plain
        .strip_prefix(crate::journal::splice::BOM.as_bytes())
        .unwrap_or(plain);
    let rest = body.strip_prefix(b"{\"v\":")?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = rest[digits..]
        .strip_prefix(b",\"id\":\"")
        .filter(|_| digits > 0)?;
    let end = memchr::memchr(b'"', rest)?;
    let id = std::str::from_utf8(&rest[..end])
        .ok()
        .filter(|id| shown(id))?;
    rest[end..].starts_with(b"\",").then_some(id)
}

/// Whether `id` may be shown as it is: 1 to 64 letters, digits, `-` or `_` (steady's ids
/// are 26 of them), so it needs no escape in JSON and says nothing but itself.
fn shown(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The age file a sealed line carries.
pub(super) fn file_of(line: &[u8]) -> Option<Vec<u8>> {
    STANDARD.decode(parts(line)?.age).ok()
}

/// Opens a sealed line: its plaintext, byte for byte, once the visible id is checked
/// against the one inside.
pub fn open<'a>(line: &[u8], opener: &'a Opener) -> Result<Cow<'a, [u8]>, LineError> {
    let parts = parts(line).ok_or(LineError::NotSealed)?;
    let plain = opener.open(line, || STANDARD.decode(parts.age).ok())?;
    if visible_id(&plain) != parts.id {
        return Err(LineError::Tampered);
    }
    Ok(plain)
}

/// Why a sealed line could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineError {
    /// The line is not a sealed line at all (a torn tail, a plaintext line, damage).
    NotSealed,
    /// The line is sealed, but not to this journal's key.
    NotOurs,
    /// The line was changed after it was sealed: its age file does not decrypt, or its
    /// visible id is not the one inside.
    Tampered,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            LineError::NotSealed => "the line is not a sealed entry",
            LineError::NotOurs => "the line is sealed to another key than this journal's",
            LineError::Tampered => "the sealed line was changed after it was sealed",
        })
    }
}

impl std::error::Error for LineError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::seal::LineCache;

    const ENTRY: &str = r#"{"v":1,"id":"01JF7Q5N3D0000000000000000","practice":"breath","title":"Breath","started_at":"2026-12-06T08:00:00.000+01:00","ended_at":"2026-12-06T08:01:30.000+01:00","completed":true,"via":"cli","responses":{"note":"the letter I never sent"},"future":{"kept":[1,2]}}"#;

    fn opener() -> (x25519::Recipient, Opener) {
        let identity = x25519::Identity::generate();
        (
            identity.to_public(),
            Opener::new(identity, LineCache::default()),
        )
    }

    #[test]
    fn a_sealed_line_is_one_line_that_shows_only_the_id() {
        let (recipient, opener) = opener();
        let sealed = seal(ENTRY.as_bytes(), &recipient);
        assert!(!sealed.contains('\n'));
        assert!(sealed.starts_with(r#"{"id":"01JF7Q5N3D0000000000000000","age":""#));
        assert!(!sealed.contains("letter"));
        assert!(!sealed.contains("breath"));
        assert_eq!(
            sealed_id(sealed.as_bytes()),
            Some("01JF7Q5N3D0000000000000000")
        );
        // The line is valid JSON, for any tool that reads the file as JSON Lines.
        let value: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        assert_eq!(value.as_object().unwrap().len(), 2);
        assert_eq!(open(sealed.as_bytes(), &opener).unwrap(), ENTRY.as_bytes());
    }

    #[test]
    fn lines_that_are_not_entries_are_sealed_without_an_id_and_come_back_exactly() {
        let (recipient, opener) = opener();
        let odd: [&[u8]; 6] = [
            b"not json at all",
            b"\xff\xfe not utf-8",
            b"",
            b"{\"id\":\"not first\",\"v\":1}",
            b"[1,2,3]",
            "\u{feff}{\"v\":1,\"id\":\"01JF7Q5N3D0000000000000000\",\"x\":{".as_bytes(),
        ];
        for (n, plain) in odd.iter().enumerate() {
            let sealed = seal(plain, &recipient);
            let shown = sealed_id(sealed.as_bytes());
            assert_eq!(shown.is_some(), n == 5, "{sealed}");
            assert_eq!(open(sealed.as_bytes(), &opener).unwrap(), *plain);
        }
    }

    #[test]
    fn a_line_moved_under_another_id_or_stripped_of_it_is_tampered() {
        let (recipient, opener) = opener();
        let sealed = seal(ENTRY.as_bytes(), &recipient);
        let other = sealed.replace("01JF7Q5N3D0000000000000000", "01JF7Q5N3D000000000000ZZZZ");
        assert_eq!(open(other.as_bytes(), &opener), Err(LineError::Tampered));
        let stripped = sealed.replace(r#""id":"01JF7Q5N3D0000000000000000","#, "");
        assert_eq!(open(stripped.as_bytes(), &opener), Err(LineError::Tampered));
        // A changed byte of the age file.
        let at = sealed.len() - 10;
        let mut flipped = sealed.into_bytes();
        flipped[at] = if flipped[at] == b'A' { b'B' } else { b'A' };
        assert_eq!(open(&flipped, &opener), Err(LineError::Tampered));
    }

    #[test]
    fn what_is_not_a_sealed_line_is_named() {
        let (recipient, opener) = opener();
        let sealed = seal(ENTRY.as_bytes(), &recipient);
        let torn = &sealed.as_bytes()[..sealed.len() / 2];
        assert_eq!(open(torn, &opener), Err(LineError::NotSealed));
        assert_eq!(open(ENTRY.as_bytes(), &opener), Err(LineError::NotSealed));
        assert!(!is_sealed(ENTRY.as_bytes()));
        let (_, stranger) = self::opener();
        assert_eq!(open(sealed.as_bytes(), &stranger), Err(LineError::NotOurs));
    }
}
