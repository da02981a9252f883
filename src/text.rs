//! Text that reaches the terminal. Practice files and journals are data, and data must never
//! be able to move the cursor, change colours or retitle the window, so control characters
//! are removed before anything is stored or shown.

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

/// Whether `s` holds any control character other than the newlines `keep_newlines` allows.
pub fn has_control(s: &str, keep_newlines: bool) -> bool {
    s.chars()
        .any(|c| is_control(c) && !(keep_newlines && c == '\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(clean("a\u{1b}[2Jb\u{9b}c", false), "a[2Jbc");
        assert_eq!(clean("one\ntwo\tthree\r\n", false), "one two three ");
        assert_eq!(clean("one\ntwo", true), "one\ntwo");
        assert_eq!(clean("café 🌱 你好", false), "café 🌱 你好");
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
