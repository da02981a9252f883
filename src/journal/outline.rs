//! An entry's outline: what an export's first pass needs of a line (its practice, when it
//! began, its tags, and which answer columns it fills), read straight from the line's text without
//! building the entry or its answers. It is several times cheaper than a whole parse.
//!
//! `Outline::read` is lenient where the whole parse is strict: every line `read::parse_line`
//! reads as an entry has an outline, with the same practice, time, tags and columns, but a few
//! lines that are not entries have one too (an `id` that is a number, a `via` steady does
//! not know). Whoever uses outlines must let the whole parse have the last word.
//! `tests/journal_outline_props.rs` states exactly where the two agree, as properties.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::entry::{Entry, FORMAT_VERSION, rfc3339_millis};

/// One answer key, with its fields when its answer is an object.
pub type Answer<'a> = (Cow<'a, str>, Option<Vec<Cow<'a, str>>>);

/// What the first pass of an export needs of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline<'a> {
    pub practice: Cow<'a, str>,
    pub started_at: DateTime<FixedOffset>,
    /// The entry's tags (`--tag` selects by them), empty when it has none.
    pub tags: Vec<Cow<'a, str>>,
    /// Each answer key, with its fields when its answer is an object; a key given twice is
    /// one key with the last value, as the whole parse reads it.
    pub answers: Vec<Answer<'a>>,
}

impl Outline<'_> {
    /// The outline of an entry already parsed.
    pub fn of(entry: &Entry) -> Outline<'_> {
        let answers = entry
            .responses
            .iter()
            .map(|(key, value)| {
                let fields = value
                    .as_object()
                    .map(|object| object.keys().map(|f| Cow::Borrowed(f.as_str())).collect());
                (Cow::Borrowed(key.as_str()), fields)
            })
            .collect();
        Outline {
            practice: Cow::Borrowed(&entry.practice),
            started_at: entry.started_at,
            tags: entry
                .tags
                .iter()
                .map(|t| Cow::Borrowed(t.as_str()))
                .collect(),
            answers,
        }
    }

    /// The outline of a journal line, or None when the line is surely not an entry of this
    /// format version (the same start as `read::parse_line`: UTF-8, a byte order mark read
    /// as nothing, one JSON object).
    pub fn read(bytes: &[u8]) -> Option<Outline<'_>> {
        let (_, body) = super::read::text_and_body(bytes).ok()?;
        let mut parser = serde_json::Deserializer::from_str(body);
        let outline = parser.deserialize_map(OutlineVisitor).ok()?;
        parser.end().ok()?;
        outline
    }
}

/// Text borrowed from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// A time, read as the entry reads it.
struct Time(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        rfc3339_millis::deserialize(d).map(Time)
    }
}

/// The answers object: its keys, and the fields of the answers that are objects.
struct Answers<'a>(Vec<Answer<'a>>);

impl<'de> Deserialize<'de> for Answers<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AnswersVisitor;
        impl<'de> Visitor<'de> for AnswersVisitor {
            type Value = Answers<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut answers: Vec<Answer<'de>> = Vec::new();
                while let Some(Text(key)) = map.next_key()? {
                    let Fields(fields) = map.next_value()?;
                    // A key given again keeps its place and takes the new value, as a map does.
                    match answers.iter_mut().find(|(k, _)| *k == key) {
                        Some(known) => known.1 = fields,
                        None => answers.push((key, fields)),
                    }
                }
                Ok(Answers(answers))
            }
        }
        d.deserialize_map(AnswersVisitor)
    }
}

/// One answer: the names of its fields when it is an object, otherwise nothing (its value
/// is skipped, not built).
struct Fields<'a>(Option<Vec<Cow<'a, str>>>);

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Fields(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Fields(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut fields: Vec<Cow<'de, str>> = Vec::new();
                while let Some(Text(field)) = map.next_key()? {
                    map.next_value::<IgnoredAny>()?;
                    if !fields.contains(&field) {
                        fields.push(field);
                    }
                }
                Ok(Fields(Some(fields)))
            }
        }
        d.deserialize_any(FieldsVisitor)
    }
}

/// The line's object: the fields an outline holds and the format version; anything else is
/// skipped. None when the version is not this one or a field an entry must have is missing
/// (`tags` may be: an entry without tags has none); an error, as in the whole parse, when
/// `tags` is not a list of strings.
struct OutlineVisitor;

impl<'de> Visitor<'de> for OutlineVisitor {
    type Value = Option<Outline<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entry object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut v, mut practice, mut started_at, mut answers) = (None, None, None, None);
        let mut tags = Vec::new();
        while let Some(Text(key)) = map.next_key()? {
            match key.as_ref() {
                "v" => v = Some(map.next_value::<u64>()?),
                "practice" => practice = Some(map.next_value::<Text>()?.0),
                "started_at" => started_at = Some(map.next_value::<Time>()?.0),
                "responses" => answers = Some(map.next_value::<Answers>()?.0),
                "tags" => {
                    let read: Vec<Text> = map.next_value()?;
                    tags = read.into_iter().map(|Text(t)| t).collect();
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(match (v, practice, started_at, answers) {
            (Some(FORMAT_VERSION), Some(practice), Some(started_at), Some(answers)) => {
                Some(Outline {
                    practice,
                    started_at,
                    tags,
                    answers,
                })
            }
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::read::{Content, parse_line};

    const LINE: &str = r#"{"v":1,"id":"01JD3Q8Z4W8M1R2T5Y7B9C0XKA","practice":"feeling-check-in","title":"T","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:40.004+01:00","completed":true,"via":"tui","responses":{"level":3,"note":"a \"b\"","stay":{"urge_s":null,"extra_s":5},"values":["x",{"y":1}]}}"#;

    /// The columns as sets, the way an export counts them.
    fn columns(outline: &Outline) -> Vec<(String, Option<Vec<String>>)> {
        let mut columns: Vec<_> = outline
            .answers
            .iter()
            .map(|(key, fields)| {
                let fields = fields.as_ref().map(|f| {
                    let mut f: Vec<String> = f.iter().map(ToString::to_string).collect();
                    f.sort();
                    f
                });
                (key.to_string(), fields)
            })
            .collect();
        columns.sort();
        columns
    }

    /// Every line the whole parse reads as an entry has the same outline read either way.
    fn agrees(line: &str) {
        let Content::Entry { entry, .. } = parse_line(line.as_bytes()) else {
            panic!("not an entry: {line}");
        };
        let whole = Outline::of(&entry);
        let read = Outline::read(line.as_bytes()).unwrap_or_else(|| panic!("no outline: {line}"));
        assert_eq!(read.practice, whole.practice, "{line}");
        assert_eq!(read.started_at, whole.started_at, "{line}");
        assert_eq!(read.tags, whole.tags, "{line}");
        assert_eq!(columns(&read), columns(&whole), "{line}");
    }

    #[test]
    fn an_entry_reads_the_same_as_its_whole_parse() {
        agrees(LINE);
        agrees(&format!("\u{feff}{LINE}"));
        agrees(&LINE.replace(r#""v":1,"#, r#""v":1,"extra":{"deep":[1,{"a":"b"}]},"#));
        agrees(&LINE.replace("feeling-check-in", r"feeling\u002dcheck-in"));
        agrees(&LINE.replace(r#""level":3"#, r#""le\"vel":3,"stay":"later wins""#));
        agrees(&LINE.replace(r#""level":3"#, r#""stay":7,"level":3"#));
        agrees(&LINE.replace(r#""extra_s":5"#, r#""extra_s":5,"extra_s":6"#));
        agrees(&LINE.replace(r#""responses":{"#, r#""responses":{"empty":{},"#));
        agrees(&LINE.replace("+01:00", "Z"));
        let tagged =
            |tags: &str| LINE.replace(r#""via":"tui","#, &format!(r#""via":"tui","tags":{tags},"#));
        agrees(&tagged(r#"["Work","going out"]"#));
        agrees(&tagged(r#"["caf\u00e9","a \"b\""]"#));
        agrees(&tagged("[]"));
        let line = tagged(r#"["Work","café"]"#);
        let read = Outline::read(line.as_bytes()).unwrap();
        assert_eq!(read.tags, ["Work", "café"]);
    }

    #[test]
    fn tags_that_are_not_a_list_of_strings_are_no_entry_either_way() {
        for tags in ["null", r#""work""#, r#"["a",1]"#, "{}"] {
            let line = LINE.replace(r#""via":"tui","#, &format!(r#""via":"tui","tags":{tags},"#));
            assert_eq!(Outline::read(line.as_bytes()), None, "{line}");
            assert!(
                matches!(parse_line(line.as_bytes()), Content::Unreadable { .. }),
                "{line}"
            );
        }
    }

    #[test]
    fn lines_that_are_surely_not_entries_have_none() {
        for line in [
            "",
            "   ",
            "not json",
            "[1,2]",
            &LINE.replace(r#""v":1"#, r#""v":2"#),
            &LINE.replace(r#""v":1,"#, ""),
            &LINE.replace(r#""practice":"feeling-check-in","#, ""),
            &LINE.replace("2026-11-22T08:01:02.123+01:00", "yesterday"),
            &format!("{LINE} trailing"),
            &LINE
                .replace(r#""responses":{"#, r#""responses":[{"#)
                .replace("]}}", "]}]}"),
        ] {
            assert_eq!(Outline::read(line.as_bytes()), None, "{line}");
            assert!(
                matches!(parse_line(line.as_bytes()), Content::Unreadable { .. }),
                "{line}"
            );
        }
        assert_eq!(Outline::read(b"\xff\xfe"), None);
    }

    #[test]
    fn text_without_escapes_is_borrowed_from_the_line() {
        let outline = Outline::read(LINE.as_bytes()).unwrap();
        assert!(matches!(outline.practice, Cow::Borrowed(_)));
        assert!(
            outline
                .answers
                .iter()
                .all(|(k, _)| matches!(k, Cow::Borrowed(_)))
        );
    }
}
