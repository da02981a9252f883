//! Text that reaches the terminal. Practice files and journals are data, and data must never
//! be able to move the cursor, change colours or retitle the window, so control characters
//! are removed before anything is stored or shown. Widths are terminal columns: wide
//! characters (CJK, most emoji) take two.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Removes C0 and C1 control characters and DEL. Tabs become a space; newlines are kept only
/// when `keep_newlines` (multiline answers), otherwise they become a space too.
pub fn clean(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\t' => out.push(' '),
            '\r' => {}
            c if is_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `c` is a control character that must never reach the terminal.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Characters that change how the text around them shows without showing themselves:
/// bidirectional embeddings, overrides, isolates and marks, zero-width spaces and joiners,
/// the word joiner and invisible operators, the byte order mark, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The first character of an answer that would hide or disguise what it says: a control
/// character other than a tab or line break, a bidirectional control, or a zero-width one. A zero-width joiner or non-joiner between two characters
/// beyond ASCII is allowed: emoji sequences and several scripts are written with them.
pub fn hidden_char(s: &str) -> Option<char> {
    let chars: Vec<char> = s.chars().collect();
    let joins = |i: usize| {
        let around = |c: Option<&char>| {
            c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace() && !is_invisible(*c))
        };
        around(i.checked_sub(1).and_then(|p| chars.get(p))) && around(chars.get(i + 1))
    };
    chars.iter().enumerate().find_map(|(i, &c)| {
        let allowed = match c {
            // Tabs and line breaks are plain whitespace: `clean` makes them spaces (or keeps
            // the line breaks of a multiline answer).
            '\t' | '\n' | '\r' => true,
            '\u{200C}' | '\u{200D}' => joins(i),
            c => !is_control(c) && !is_invisible(c),
        };
        (!allowed).then_some(c)
    })
}

/// The sentence that refuses an answer holding `c` (see [`hidden_char`]).
pub fn hidden_char_refusal(c: char) -> String {
    format!(
        "That answer holds an invisible character (U+{:04X}) that can hide or reorder what it says; type it again without it.",
        c as u32
    )
}

/// Whether `s` holds any control character other than the newlines `keep_newlines` allows.
pub fn has_control(s: &str, keep_newlines: bool) -> bool {
    s.chars()
        .any(|c| is_control(c) && !(keep_newlines && c == '\n'))
}

/// `s` cut to at most `max` terminal columns (wide characters take two), with an
/// ellipsis when something was cut.
pub fn cut(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        // One column stays free for the ellipsis.
        if used + w + 1 > max {
            break;
        }
        kept.push(c);
        used += w;
    }
    if max > 0 {
        kept.push('…');
    }
    kept
}

/// `s` cut to `width` columns and padded to exactly that many (`format!` pads by
/// characters, which is wrong for wide ones).
pub fn fit(s: &str, width: usize) -> String {
    let mut s = cut(s, width);
    let pad = width.saturating_sub(s.width());
    s.extend(std::iter::repeat_n(' ', pad));
    s
}

/// A number as people read it, the one rule for every mean, duration and count with a
/// fraction that steady shows: rounded to one decimal (halves away from zero), with no
/// decimal when it is whole ("2.4", "4", "0", never "4.0" or "-0").
pub fn one_decimal(x: f64) -> String {
    let tenths = (x * 10.0).round() / 10.0;
    let s = format!("{tenths:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// Seconds as a person reads them: "8.4 s", "5 s", "1 min 30 s", "2 min".
pub fn seconds_words(s: f64) -> String {
    if s < 59.95 {
        return format!("{} s", one_decimal(s));
    }
    let whole = s.round() as u64;
    match whole % 60 {
        0 => format!("{} min", whole / 60),
        rest => format!("{} min {rest} s", whole / 60),
    }
}

/// What a person did after the urge to leave, from the seconds they stayed (`extra_s`):
/// "stayed 5 s more", or "did not stay longer" when they stayed none (a hold told from memory
/// whose extra seconds were not stayed), never "stayed 0 s more".
pub fn stayed_words(extra_s: f64) -> String {
    if extra_s > 0.0 {
        format!("stayed {} more", seconds_words(extra_s))
    } else {
        "did not stay longer".to_owned()
    }
}

/// `seconds_words` with no-break spaces, for a sentence that wraps: "8.4 s" never ends one
/// row with "8.4" and starts the next with "s".
pub fn seconds_unbroken(s: f64) -> String {
    seconds_words(s).replace(' ', "\u{a0}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_to_one_decimal_the_same_way_everywhere() {
        assert_eq!(one_decimal(2.44), "2.4");
        assert_eq!(one_decimal(2.25), "2.3");
        assert_eq!(one_decimal(4.0), "4");
        assert_eq!(one_decimal(3.96), "4");
        assert_eq!(one_decimal(-0.04), "0");
        assert_eq!(one_decimal(0.0), "0");
        assert_eq!(seconds_unbroken(8.44), "8.4\u{a0}s");
        assert_eq!(seconds_unbroken(90.0), "1\u{a0}min\u{a0}30\u{a0}s");
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(clean("a\u{1b}[2Jb\u{9b}c", false), "a[2Jbc");
        assert_eq!(clean("one\ntwo\tthree\r\n", false), "one two three ");
        assert_eq!(clean("one\ntwo", true), "one\ntwo");
        assert_eq!(clean("café 🌱 你好", false), "café 🌱 你好");
    }

    #[test]
    fn seconds_read_as_people_say_them() {
        assert_eq!(seconds_words(8.44), "8.4 s");
        assert_eq!(seconds_words(5.0), "5 s");
        assert_eq!(seconds_words(59.96), "1 min");
        assert_eq!(seconds_words(90.2), "1 min 30 s");
    }

    #[test]
    fn hidden_characters_are_found_and_joined_emoji_kept() {
        assert_eq!(hidden_char("green"), None);
        assert_eq!(hidden_char("gr\u{200B}een"), Some('\u{200B}'));
        assert_eq!(hidden_char("\u{202E}neerg"), Some('\u{202E}'));
        assert_eq!(hidden_char("a\u{1b}[2J"), Some('\u{1b}'));
        assert_eq!(hidden_char("one\ntwo\tthree"), None);
        assert_eq!(hidden_char("👨\u{200D}👩\u{200D}👧"), None);
        assert_eq!(hidden_char("a\u{200D}b"), Some('\u{200D}'));
        assert!(hidden_char_refusal('\u{202E}').contains("U+202E"));
    }

    #[test]
    fn control_detection_respects_newlines() {
        assert!(has_control("a\nb", false));
        assert!(!has_control("a\nb", true));
        assert!(has_control("a\u{7}b", true));
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod width_tests {
    use super::{cut, fit};

    #[test]
    fn cutting_counts_columns_and_marks_the_cut() {
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("感情感情", 5), "感情…");
        assert_eq!(fit("感", 4), "感  ");
        assert_eq!(fit("abcdef", 4), "abc…");
    }
}

#[cfg(test)]
mod position_tests {
    use super::line_col;

    #[test]
    fn positions_are_one_based() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
