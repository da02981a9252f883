//! The lower-cased text of every entry's text answers, built once per journal change, so a
//! search typed letter by letter stays quick on a large journal.

use crate::journal::entry::Entry;

/// Every entry's text answers (strings and lists of strings), lower-cased, one per line,
/// in one buffer: built in one pass with one allocation, searched with plain `contains`.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    text: String,
    /// Where each entry's text ends in `text`.
    ends: Vec<usize>,
}

impl SearchIndex {
    pub fn new(entries: &[Entry]) -> Self {
        let mut text = String::new();
        let mut ends = Vec::with_capacity(entries.len());
        fn add(text: &mut String, s: &str) {
            if s.is_ascii() {
                let start = text.len();
                text.push_str(s);
                text[start..].make_ascii_lowercase();
            } else {
                text.extend(s.chars().flat_map(char::to_lowercase));
            }
            text.push('\n');
        }
        for entry in entries {
            for value in entry.responses.values() {
                match value {
                    serde_json::Value::String(s) => add(&mut text, s),
                    serde_json::Value::Array(items) => items
                        .iter()
                        .filter_map(|v| v.as_str())
                        .for_each(|s| add(&mut text, s)),
                    _ => {}
                }
            }
            ends.push(text.len());
        }
        Self { text, ends }
    }

    /// Entry `i`'s text.
    pub fn text(&self, i: usize) -> &str {
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).copied();
        let end = self.ends.get(i).copied();
        match (start.or((i == 0).then_some(0)), end) {
            (Some(start), Some(end)) => self.text.get(start..end).unwrap_or_default(),
            _ => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(responses: serde_json::Value) -> Entry {
        serde_json::from_value(serde_json::json!({
            "v": 1, "id": "X", "practice": "p", "title": "P",
            "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:00:00+01:00",
            "completed": true, "via": "tui", "responses": responses,
        }))
        .unwrap()
    }

    #[test]
    fn each_entry_has_its_own_lower_case_text() {
        let entries = [
            entry(serde_json::json!({"note": "Ärger HEUTE", "level": 3})),
            entry(serde_json::json!({"facts": ["Late", "tired"]})),
            entry(serde_json::json!({})),
        ];
        let index = SearchIndex::new(&entries);
        assert_eq!(index.text(0), "ärger heute\n");
        assert!(index.text(1).contains("late") && index.text(1).contains("tired"));
        assert!(
            !index.text(1).contains("heute"),
            "no text leaks between entries"
        );
        assert_eq!(index.text(2), "");
        assert_eq!(index.text(3), "", "past the end is empty, not a panic");
    }
}
