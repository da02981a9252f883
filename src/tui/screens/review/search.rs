//! What History's search looks in: each entry's text answers (strings, and strings in
//! lists), lower-cased, one answer per line, then its tags, each after a `TAG` mark (so a
//! search finds a tag as it finds an answer, and History's tag filter and its chooser read
//! the tags from here, with no entry parsed). `ReviewData` builds it for every entry as it
//! reads the journal and changes it entry by entry with the journal, so no key ever waits
//! for it to be built.
//!
//! All the text is in one buffer, in the order it was read, so a search runs through
//! memory in order rather than chasing 100,000 separate strings; where each entry's text
//! is takes 8 bytes (a buffer up to 4 GiB, the text of some hundred million entries; an
//! entry past that has no text to find). A changed entry's new text goes at the end and
//! its old text is left unused: the buffer grows only by the entries edited or brought
//! back while review is open.

use std::ops::Range;

use crate::journal::entry::Entry;

/// The mark before each tag in an entry's text: a control character, which no search can
/// type and which answers lose on the way in.
const TAG: char = '\u{1}';

/// Where one entry's text is in the buffer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// The text from `range`: none when it lies past what a span can name.
    pub fn new(range: Range<usize>) -> Span {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            (Ok(start), Ok(end)) => Span { start, end },
            _ => Span::default(),
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Appends `entry`'s searchable text to `text`; returns where it is.
pub fn append(text: &mut String, entry: &Entry) -> Range<usize> {
    let start = text.len();
    for value in entry.responses.values() {
        match value {
            serde_json::Value::String(s) => line(text, None, s),
            serde_json::Value::Array(items) => {
                for s in items.iter().filter_map(|v| v.as_str()) {
                    line(text, None, s);
                }
            }
            _ => {}
        }
    }
    for tag in &entry.tags {
        line(text, Some(TAG), tag);
    }
    start..text.len()
}

/// `s` lower-cased as one line of `text`, after `mark`; a line break or a tag mark in it
/// (which only a hand-written line could hold) becomes a space.
fn line(text: &mut String, mark: Option<char>, s: &str) {
    let kept: std::borrow::Cow<str> = if s.contains(['\n', TAG]) {
        s.replace(['\n', TAG], " ").into()
    } else {
        s.into()
    };
    let s = kept.as_ref();
    text.extend(mark);
    if s.is_ascii() {
        let at = text.len();
        text.push_str(s);
        text[at..].make_ascii_lowercase();
    } else {
        text.extend(s.chars().flat_map(char::to_lowercase));
    }
    text.push('\n');
}

/// The tags in an entry's text (lower case).
pub fn tags(text: &str) -> impl Iterator<Item = &str> {
    text.split(TAG)
        .skip(1)
        .map(|t| t.strip_suffix('\n').unwrap_or(t))
}

/// The search text of a list of entries: `text(i)` is entry `i`'s.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    text: String,
    /// Where each entry's text is in `text`, in the order of the entries.
    spans: Vec<Span>,
}

impl SearchIndex {
    /// An index over `text` built by `append`, with `spans` in the order of the entries.
    pub fn new(text: String, spans: Vec<Span>) -> Self {
        Self { text, spans }
    }

    /// Entry `i`'s text; empty past the end.
    pub fn text(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|span| self.text.get(span.range()))
            .unwrap_or_default()
    }

    /// `entry` is now entry `at`, the ones from `at` on one further.
    pub fn insert(&mut self, at: usize, entry: &Entry) {
        let span = Span::new(append(&mut self.text, entry));
        self.spans.insert(at, span);
    }

    /// Entry `at` is gone.
    pub fn remove(&mut self, at: usize) {
        self.spans.remove(at);
    }

    /// Entry `at` is now `entry`.
    pub fn set(&mut self, at: usize, entry: &Entry) {
        let span = Span::new(append(&mut self.text, entry));
        if let Some(slot) = self.spans.get_mut(at) {
            *slot = span;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::screens::review::test_entry as entry;

    #[test]
    fn each_entry_has_its_own_lower_case_text_through_changes() {
        let entries = [
            entry(serde_json::json!({"note": "Ärger HEUTE", "level": 3})),
            entry(serde_json::json!({"facts": ["Late", "tired"], "n": [1]})),
            entry(serde_json::json!({})),
        ];
        let mut text = String::new();
        let spans = entries
            .iter()
            .map(|e| Span::new(append(&mut text, e)))
            .collect();
        let mut index = SearchIndex::new(text, spans);
        assert_eq!(index.text(0), "ärger heute\n");
        assert_eq!(index.text(1), "late\ntired\n");
        assert_eq!(
            tags(index.text(1)).count(),
            0,
            "an answer's list is not tags"
        );
        assert_eq!(index.text(2), "");
        assert_eq!(index.text(3), "", "past the end is empty, not a panic");
        index.remove(0);
        assert_eq!(index.text(0), "late\ntired\n");
        index.insert(1, &entries[0]);
        assert_eq!(index.text(1), "ärger heute\n");
        assert_eq!(index.text(2), "");
        index.set(0, &entries[2]);
        assert_eq!((index.text(0), index.text(1)), ("", "ärger heute\n"));
    }

    #[test]
    fn a_span_past_four_gib_names_no_text_rather_than_the_wrong_text() {
        let past = u32::MAX as usize + 1;
        assert_eq!(Span::new(2..5).range(), 2..5);
        assert_eq!(Span::new(past..past + 3).range(), 0..0);
        assert_eq!(Span::new(3..past).range(), 0..0);
    }

    #[test]
    fn tags_follow_the_answers_and_are_read_back() {
        let mut e = entry(serde_json::json!({"note": "a\u{1}b", "facts": ["x"]}));
        e.tags = vec!["Work".into(), "going\nout".into()];
        let mut text = String::new();
        append(&mut text, &e);
        assert_eq!(text, "a b\nx\n\u{1}work\n\u{1}going out\n");
        assert_eq!(tags(&text).collect::<Vec<_>>(), ["work", "going out"]);
        assert!(text.contains("work"), "a search finds a tag");
    }
}
