//! What colour a colour word stands for: the swatches of the check-in's colour picker, the
//! calendar and the report's colour chart all read it here. And which typed colour word is
//! likely a typo (`likely_typo`): `checkin --colour` and the TUI's typed colour both ask
//! about it by this one rule.

use std::io;

use crate::journal::VaultError;
use crate::journal::read::{self, Content, RawLine};
use crate::journal::signals;
use crate::journal::vault::Vault;

/// The palette colour a typed colour word is likely a slip of the keyboard for ("gren" for
/// "green"): a word one letter away (one letter added, dropped or changed) from a colour of
/// `palette`, which is not itself in the palette, not a colour steady knows by name ("gray"
/// beside "grey", "rose"), and which the journal has never held (`used_before`, asked last
/// and only then, as it may read the journal). None when the word is surely meant.
pub fn likely_typo<'p>(
    word: &str,
    palette: &'p [String],
    used_before: impl FnOnce(&str) -> bool,
) -> Option<&'p str> {
    let word = word.trim().to_lowercase();
    let lower = |p: &String| p.trim().to_lowercase();
    if word.is_empty() || palette.iter().any(|p| lower(p) == word) || rgb(&word).is_some() {
        return None;
    }
    let near = palette
        .iter()
        .find(|p| one_letter_apart(&word, &lower(p)))?;
    (!used_before(&word)).then_some(near.trim())
}

/// Whether `a` and `b` are one edit apart (edit distance 1, counted in characters).
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(&long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // One letter changed: the rest after it is the same.
        prefix < short.len() && short[prefix + 1..] == long[prefix + 1..]
    } else {
        // One letter added: the rest of the short word follows it.
        short[prefix..] == long[prefix + 1..]
    }
}

/// Whether any entry of the journal `vault` has `word` (trimmed, lower case) as a colour
/// answer. Only lines that hold the word as a whole JSON string (as colour words are stored:
/// trimmed and lower case) are parsed.
pub fn used_in_journal(vault: &dyn Vault, word: &str) -> Result<bool, VaultError> {
    let mut used = false;
    // Encoding a string cannot fail.
    let quoted = serde_json::to_string(word).unwrap_or_default();
    let finder = memchr::memmem::Finder::new(quoted.as_bytes());
    let holds = |raw: RawLine| {
        let bytes = raw.bytes?;
        finder.find(bytes)?;
        let Content::Entry { entry, .. } = read::parse_line(bytes) else {
            return None;
        };
        signals::signals(&entry)
            .colour
            .is_some_and(|c| c == word)
            .then_some(())
    };
    vault
        .open()?
        .scan_raw(&holds, |found| {
            used |= found.is_some();
            Ok::<(), io::Error>(())
        })
        .map_err(|e| VaultError::unreadable(vault, e))?;
    Ok(used)
}

/// The colour a name stands for, if steady knows it: common names (either spelling of grey),
/// optionally with "light", "dark" or "pale" in front. Soft tones, in keeping with the rest.
pub fn rgb(name: &str) -> Option<(u8, u8, u8)> {
    let name = name.trim().to_lowercase();
    let (shade, base) = match name.split_once(' ') {
        Some((shade @ ("light" | "dark" | "pale"), base)) => (shade, base.trim()),
        _ => ("", name.as_str()),
    };
    let (r, g, b) = base_rgb(base)?;
    let mix = |c: u8, f: fn(f64) -> f64| f(f64::from(c)).round().clamp(0.0, 255.0) as u8;
    let f: fn(f64) -> f64 = match shade {
        "light" => |c| c + (255.0 - c) * 0.4,
        "pale" => |c| c + (255.0 - c) * 0.6,
        "dark" => |c| c * 0.6,
        _ => |c| c,
    };
    Some((mix(r, f), mix(g, f), mix(b, f)))
}

fn base_rgb(name: &str) -> Option<(u8, u8, u8)> {
    Some(match name {
        "red" => (200, 80, 80),
        "orange" => (222, 140, 70),
        "yellow" => (230, 200, 90),
        "green" => (110, 170, 100),
        "teal" => (70, 160, 160),
        "blue" => (80, 130, 200),
        "purple" => (150, 100, 190),
        "pink" => (225, 140, 170),
        "brown" => (150, 105, 70),
        "grey" | "gray" => (150, 150, 150),
        "black" => (40, 40, 40),
        "white" => (240, 240, 240),
        "navy" => (50, 70, 130),
        "cyan" => (100, 200, 210),
        "turquoise" => (80, 195, 185),
        "lavender" => (180, 160, 220),
        "violet" => (160, 110, 200),
        "indigo" => (90, 80, 170),
        "magenta" => (200, 90, 170),
        "gold" => (215, 175, 60),
        "amber" => (230, 165, 50),
        "silver" => (192, 192, 192),
        "beige" => (225, 210, 175),
        "cream" => (245, 235, 205),
        "tan" => (205, 175, 135),
        "maroon" => (130, 50, 60),
        "crimson" => (185, 50, 70),
        "olive" => (130, 130, 60),
        "lime" => (170, 210, 90),
        "mint" => (160, 215, 180),
        "peach" => (240, 180, 140),
        "coral" => (235, 125, 105),
        "rose" => (220, 130, 150),
        "sky" => (135, 190, 230),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn palette() -> Vec<String> {
        ["red", "Green", "blue", "grey"].map(String::from).to_vec()
    }

    #[test]
    fn a_word_one_letter_from_a_palette_colour_is_questioned_until_it_is_used() {
        let p = palette();
        let never = |_: &str| false;
        assert_eq!(likely_typo("gren", &p, never), Some("Green"));
        assert_eq!(
            likely_typo(" GREEEEN ", &p, never),
            None,
            "two letters away"
        );
        assert_eq!(likely_typo("greem", &p, never), Some("Green"));
        assert_eq!(likely_typo("greens", &p, never), Some("Green"));
        assert_eq!(likely_typo("bleu", &p, never), None, "a swap is two edits");
        assert_eq!(likely_typo("rd", &p, never), Some("red"));
        assert_eq!(likely_typo("bue", &p, never), Some("blue"));
        // In the palette, a colour steady knows, or far from every colour: meant.
        assert_eq!(likely_typo("green", &p, never), None);
        assert_eq!(likely_typo("gray", &p, never), None);
        assert_eq!(likely_typo("rose", &p, never), None);
        assert_eq!(likely_typo("stormy", &p, never), None);
        assert_eq!(likely_typo("", &p, never), None);
        // Used before: the person meant it then and means it now.
        assert_eq!(likely_typo("gren", &p, |w| w == "gren"), None);
    }

    #[test]
    fn the_journal_is_only_asked_about_a_likely_typo() {
        let p = palette();
        let asked = std::cell::Cell::new(0);
        let ask = |_: &str| {
            asked.set(asked.get() + 1);
            false
        };
        assert_eq!(likely_typo("stormy", &p, ask), None);
        assert_eq!(asked.get(), 0);
    }

    #[test]
    fn one_letter_apart_counts_characters() {
        assert!(one_letter_apart("grün", "grn"));
        assert!(one_letter_apart("grün", "grün!"));
        assert!(!one_letter_apart("grün", "grün"));
        assert!(!one_letter_apart("ab", "ba"));
        assert!(one_letter_apart("", "a"));
    }
}
