//! What History's search looks in: each entry's text answers (strings, and strings in
//! lists), lower-cased, one answer per line. `ReviewData` builds it for every entry as it
//! reads the journal and changes it entry by entry with the journal, so no key ever waits
//! for it to be built.
//!
//! All the text is in one buffer, in the order it was read, so a search runs through
//! memory in order rather than chasing 100,000 separate strings. A changed entry's new text
//! goes at the end and its old text is left unused: the buffer grows only by the entries
//! edited or brought back while review is open.

use std::ops::Range;

use crate::journal::entry::Entry;

/// Appends `entry`'s searchable text to `text`; returns where it is.
pub fn append(text: &mut String, entry: &Entry) -> Range<usize> {
    let start = text.len();
    let mut add = |s: &str| {
        if s.is_ascii() {
            let at = text.len();
            text.push_str(s);
            text[at..].make_ascii_lowercase();
        } else {
            text.extend(s.chars().flat_map(char::to_lowercase));
        }
        text.push('\n');
    };
    for value in entry.responses.values() {
        match value {
            serde_json::Value::String(s) => add(s),
            serde_json::Value::Array(items) => {
                items.iter().filter_map(|v| v.as_str()).for_each(&mut add);
            }
            _ => {}
        }
    }
    start..text.len()
}

/// The search text of a list of entries: `text(i)` is entry `i`'s.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    text: String,
    /// Where each entry's text is in `text`, in the order of the entries.
    spans: Vec<Range<usize>>,
}

impl SearchIndex {
    /// An index over `text` built by `append`, with `spans` in the order of the entries.
    pub fn new(text: String, spans: Vec<Range<usize>>) -> Self {
        Self { text, spans }
    }

    /// Entry `i`'s text; empty past the end.
    pub fn text(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|span| self.text.get(span.clone()))
            .unwrap_or_default()
    }

    /// `entry` is now entry `at`, the ones from `at` on one further.
    pub fn insert(&mut self, at: usize, entry: &Entry) {
        let span = append(&mut self.text, entry);
        self.spans.insert(at, span);
    }

    /// Entry `at` is gone.
    pub fn remove(&mut self, at: usize) {
        self.spans.remove(at);
    }

    /// Entry `at` is now `entry`.
    pub fn set(&mut self, at: usize, entry: &Entry) {
        let span = append(&mut self.text, entry);
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
        let spans = entries.iter().map(|e| append(&mut text, e)).collect();
        let mut index = SearchIndex::new(text, spans);
        assert_eq!(index.text(0), "ärger heute\n");
        assert_eq!(index.text(1), "late\ntired\n");
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
}
