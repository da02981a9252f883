//! Editing one journal line in place: the values an edit changed are written into the line's
//! own bytes where they stand, and every other byte (spacing, key order, number spellings,
//! timestamps with nanoseconds, fields steady does not know) stays exactly as it was.
//! The line is read with `serde_json`'s `RawValue`, which hands back each value as the very
//! text it was written as; where that text sits in the line tells where to splice.

use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::entry::Entry;

/// A UTF-8 byte order mark, read as nothing at the start of a line.
pub const BOM: &str = "\u{feff}";

/// The line `line` (an entry) would be with the values of `new` where they differ from the
/// entry it holds; `None` when `line` is not an entry or the edit cannot be made exactly.
pub fn edited_line(line: &str, new: &Entry) -> Option<String> {
    let body = line.strip_prefix(BOM).unwrap_or(line);
    let old: Entry = serde_json::from_str(body).ok()?;
    let (Value::Object(was), Value::Object(now)) = (
        serde_json::to_value(&old).ok()?,
        serde_json::to_value(new).ok()?,
    ) else {
        return None;
    };
    let top = Object::read(line, body.trim_end())?;
    let mut changes = Vec::new();
    for key in changed(&was, &now) {
        let to = match (key.as_str(), was.get(&key), now.get(&key)) {
            ("responses", Some(Value::Object(a)), Some(Value::Object(b))) => {
                let inner = Object::read(line, &line[top.value_of(&key)?])?;
                let inner_changes = changed(a, b)
                    .into_iter()
                    .map(|k| Some((json(b.get(&k)).ok()?, k)))
                    .map(|c| c.map(|(v, k)| (k, v)))
                    .collect::<Option<Vec<(String, Option<String>)>>>()?;
                Some(inner.rebuilt(&inner_changes)?)
            }
            (_, _, value) => json(value).ok()?,
        };
        changes.push((key, to));
    }
    let mut out = line.to_owned();
    out.replace_range(top.span.clone(), &top.rebuilt(&changes)?);
    // Only an edit that reads back as exactly the entry asked for is made.
    let check: Entry = serde_json::from_str(out.strip_prefix(BOM).unwrap_or(&out)).ok()?;
    (serde_json::to_value(&check).ok()? == Value::Object(now)).then_some(out)
}

/// A value as JSON text, `None` for a value that is gone.
fn json(value: Option<&Value>) -> serde_json::Result<Option<String>> {
    value.map(serde_json::to_string).transpose()
}

/// The keys whose values differ between `a` and `b` (present in one only included), in
/// `a`'s order then `b`'s new ones.
fn changed(a: &Map<String, Value>, b: &Map<String, Value>) -> Vec<String> {
    a.keys()
        .chain(b.keys().filter(|k| !a.contains_key(*k)))
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// A JSON object as written in a line: where it is and where each member is, as byte
/// ranges of the line.
struct Object<'a> {
    line: &'a str,
    /// From its `{` to just after its `}`.
    span: Range<usize>,
    members: Vec<Member>,
}

struct Member {
    key: String,
    /// Where the member's key starts.
    start: usize,
    value: Range<usize>,
}

impl<'a> Object<'a> {
    /// Reads the object `text` (a slice of `line` from `{` to `}`).
    fn read(line: &'a str, text: &'a str) -> Option<Object<'a>> {
        let raw: Members<'a> = serde_json::from_str(text).ok()?;
        let from = text.as_ptr() as usize - line.as_ptr() as usize;
        let span = from..from + text.len();
        let mut members = Vec::with_capacity(raw.0.len());
        let mut after = span.start + 1;
        for (key, value) in raw.0 {
            let value = value.get();
            let start = after + skip_separator(&line[after..]);
            let at = value.as_ptr() as usize - line.as_ptr() as usize;
            members.push(Member {
                key,
                start,
                value: at..at + value.len(),
            });
            after = at + value.len();
        }
        Some(Object {
            line,
            span,
            members,
        })
    }

    fn value_of(&self, key: &str) -> Option<Range<usize>> {
        // The last member of that name is the one a JSON reader keeps.
        let member = self.members.iter().rev().find(|m| m.key == key)?;
        Some(member.value.clone())
    }

    /// The object's text with `changes` made (each a key and its new value as JSON text, or
    /// `None` to take it out). Members kept are copied as written with the spacing before
    /// them; a new member goes at the end.
    fn rebuilt(&self, changes: &[(String, Option<String>)]) -> Option<String> {
        let line = self.line;
        let Some(first) = self.members.first() else {
            let mut out = line[self.span.clone()].to_owned();
            let added: Vec<String> = changes
                .iter()
                .filter_map(|(k, v)| {
                    Some(format!(
                        "{}:{}",
                        serde_json::to_string(k).ok()?,
                        v.as_ref()?
                    ))
                })
                .collect();
            out.insert_str(1, &added.join(","));
            return Some(out);
        };
        let change = |key: &str| changes.iter().find(|(k, _)| k == key).map(|(_, v)| v);
        let last = self.members.last()?;
        let mut out = line[self.span.start..first.start].to_owned();
        let mut written = 0;
        let mut previous_end = None;
        for (i, member) in self.members.iter().enumerate() {
            let is_last_of_name = self.members[i + 1..].iter().all(|m| m.key != member.key);
            let value = match change(&member.key) {
                Some(None) => None,
                Some(Some(text)) if is_last_of_name => Some(text.as_str()),
                _ => Some(&line[member.value.clone()]),
            };
            if let Some(value) = value {
                if written > 0 {
                    out.push_str(previous_end.map_or(",", |end| &line[end..member.start]));
                }
                out.push_str(&line[member.start..member.value.start]);
                out.push_str(value);
                written += 1;
            }
            previous_end = Some(member.value.end);
        }
        for (key, value) in changes {
            if let Some(value) = value
                && self.members.iter().all(|m| &m.key != key)
            {
                if written > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key).ok()?);
                out.push(':');
                out.push_str(value);
                written += 1;
            }
        }
        out.push_str(&line[last.value.end..self.span.end]);
        Some(out)
    }
}

/// How many bytes of whitespace and at most one comma come before the next key.
fn skip_separator(text: &str) -> usize {
    let ws = |s: &str| s.len() - s.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let mut n = ws(text);
    if text[n..].starts_with(',') {
        n += 1;
        n += ws(&text[n..]);
    }
    n
}

/// An object's members in the order written, each value as its raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Each;
        impl<'de> Visitor<'de> for Each {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Each)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ODD: &str = r#"{ "v":1, "id":"A","practice":"feeling-check-in","title":"T","started_at":"2026-11-22T08:01:02.123456789Z","ended_at":"2026-11-22T08:01:40-00:00","completed":true,"via":"tui","big":18446744073709551616,"sci":1e2,"responses":{"level":3, "note":"old" ,"x":1.50},"z":{"later":[1,2]} }"#;

    fn entry(line: &str) -> Entry {
        serde_json::from_str(line.strip_prefix(BOM).unwrap_or(line)).unwrap()
    }

    #[test]
    fn an_edit_changes_only_the_value_edited() {
        let mut new = entry(ODD);
        new.responses.insert("note".into(), "new \"words\"".into());
        let out = edited_line(ODD, &new).unwrap();
        assert_eq!(out, ODD.replace(r#""old""#, r#""new \"words\"""#));
    }

    #[test]
    fn answers_are_added_and_removed_in_place() {
        let mut new = entry(ODD);
        new.responses.insert("added".into(), "yes".into());
        let out = edited_line(ODD, &new).unwrap();
        assert_eq!(out, ODD.replace(r"1.50}", r#"1.50,"added":"yes"}"#));
        for (key, gone) in [
            ("note", r#", "note":"old""#),
            ("level", r#""level":3, "#),
            ("x", r#" ,"x":1.50"#),
        ] {
            let mut new = entry(ODD);
            new.responses.remove(key);
            let out = edited_line(ODD, &new).unwrap();
            assert_eq!(out, ODD.replacen(gone, "", 1), "removing {key}");
        }
    }

    #[test]
    fn top_level_fields_and_a_bom_stay_as_written() {
        let line = format!("{BOM}{ODD}");
        let mut new = entry(&line);
        new.completed = false;
        new.responses = Map::new();
        new.responses.insert("only".into(), 1.into());
        let out = edited_line(&line, &new).unwrap();
        assert!(out.starts_with(BOM));
        assert!(out.contains(r#""completed":false"#), "{out}");
        assert!(out.contains(r#""responses":{"only":1}"#), "{out}");
        assert!(out.contains(r#""started_at":"2026-11-22T08:01:02.123456789Z""#));
        assert!(out.contains(r#""big":18446744073709551616,"sci":1e2"#));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever answers are set or taken out, the edited line reads back as exactly the
        /// entry asked for, and the bytes before `responses` are untouched.
        #[test]
        fn any_answer_edit_reads_back_as_asked(
            set in proptest::collection::vec(("[a-z]{1,6}", "\\PC{0,12}"), 0..4),
            remove in proptest::collection::vec("(level|note|x)", 0..3),
        ) {
            let mut new = entry(ODD);
            for key in &remove {
                new.responses.remove(key);
            }
            for (key, text) in &set {
                new.responses.insert(key.clone(), text.clone().into());
            }
            let out = edited_line(ODD, &new).expect("the edit is made");
            proptest::prop_assert_eq!(entry(&out), new);
            let head = &ODD[..ODD.find(r#""responses""#).unwrap()];
            proptest::prop_assert!(out.starts_with(head), "{}", out);
            let tail = r#","z":{"later":[1,2]} }"#;
            proptest::prop_assert!(out.ends_with(tail), "{}", out);
        }
    }

    #[test]
    fn a_line_that_is_not_an_entry_is_not_edited() {
        let new = entry(ODD);
        assert_eq!(edited_line("not json", &new), None);
        assert_eq!(edited_line(ODD, &new).as_deref(), Some(ODD), "no change");
    }
}
