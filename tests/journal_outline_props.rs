//! Properties of a journal line's two readers: its outline (`journal::outline`, what an
//! export's first pass reads) and the whole parse (`journal::read::parse_line`, serde into an
//! `Entry`). The outline is lenient by design (`cli::filters::Journal::scan_outlines`: a few
//! lines it hands on may not be entries, and the second pass says which), so what is
//! promised is exactly this:
//!
//! - every line the whole parse reads as an entry has an outline, and it is the entry's own
//!   (`Outline::of`): the same practice, start, tags, and answer keys with their fields, in
//!   the same order; so a line with no outline is never an entry;
//! - a line with a `v` other than 1, a `practice`, `started_at`, `responses` or `tags` of
//!   the wrong type, without `v`, `practice`, `started_at` or `responses`, or cut short, is
//!   refused by both;
//! - the outline is lenient only where it does not look, and each such line is refused by
//!   the whole parse: a line without one of the fields the outline does not read (`id`,
//!   `title`, `ended_at`, `completed`, `via`) has the outline the line with it has; a field
//!   given twice is read as its last value; and a value the outline skips (`id`, a field
//!   steady does not know, what is inside an answer) is not checked (a lone surrogate, a
//!   number out of range, nesting deeper than `serde_json`'s 128).

use std::fmt::Write as _;

use proptest::prelude::*;
use steady::journal::outline::Outline;
use steady::journal::read::{Content, parse_line};

/// A JSON value, written out with the escapes and whitespace the strategies chose.
#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    /// A number's text.
    Num(String),
    Str(Text),
    Arr(Vec<Json>),
    Obj(Vec<(Text, Json)>),
    /// Text written as it is, which need not be JSON.
    Raw(String),
}

/// A string and how each of its characters is written: 0 as itself (escaped only where JSON
/// must), 1 and 2 as `\u` escapes (lower and upper case hex), 3 `/` as `\/`.
#[derive(Debug, Clone)]
struct Text(Vec<(char, u8)>);

/// The whitespace between tokens, taken in turn.
struct Pads<'a> {
    pads: &'a [String],
    next: usize,
}

impl Pads<'_> {
    fn pad(&mut self, out: &mut String) {
        if !self.pads.is_empty() {
            out.push_str(&self.pads[self.next % self.pads.len()]);
            self.next += 1;
        }
    }
}

impl Text {
    fn plain(s: &str) -> Text {
        Text(s.chars().map(|c| (c, 0)).collect())
    }

    fn write(&self, out: &mut String) {
        out.push('"');
        for &(c, how) in &self.0 {
            let short = match c {
                '"' => Some("\\\""),
                '\\' => Some("\\\\"),
                '\n' => Some("\\n"),
                '\t' => Some("\\t"),
                '\r' => Some("\\r"),
                '\u{8}' => Some("\\b"),
                '\u{c}' => Some("\\f"),
                '/' if how == 3 => Some("\\/"),
                _ => None,
            };
            match (how, short) {
                (0 | 3, Some(short)) => out.push_str(short),
                (0 | 3, None) if c >= ' ' => out.push(c),
                _ => {
                    for unit in c.encode_utf16(&mut [0; 2]) {
                        if how == 2 {
                            let _ = write!(out, "\\u{unit:04X}");
                        } else {
                            let _ = write!(out, "\\u{unit:04x}");
                        }
                    }
                }
            }
        }
        out.push('"');
    }
}

impl Json {
    fn write(&self, out: &mut String, pads: &mut Pads) {
        pads.pad(out);
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(&b.to_string()),
            Json::Num(n) | Json::Raw(n) => out.push_str(n),
            Json::Str(t) => t.write(out),
            Json::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out, pads);
                }
                pads.pad(out);
                out.push(']');
            }
            Json::Obj(fields) => write_object(fields, out, pads),
        }
        pads.pad(out);
    }
}

fn write_object(fields: &[(Text, Json)], out: &mut String, pads: &mut Pads) {
    out.push('{');
    for (i, (key, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        pads.pad(out);
        key.write(out);
        pads.pad(out);
        out.push(':');
        value.write(out, pads);
    }
    pads.pad(out);
    out.push('}');
}

/// A journal line: its fields in order, the whitespace, and whether a byte order mark
/// begins it.
#[derive(Debug, Clone)]
struct Line {
    fields: Vec<(Text, Json)>,
    pads: Vec<String>,
    bom: bool,
}

impl Line {
    fn text(&self) -> String {
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        let mut pads = Pads {
            pads: &self.pads,
            next: 0,
        };
        pads.pad(&mut out);
        write_object(&self.fields, &mut out, &mut pads);
        pads.pad(&mut out);
        out
    }

    /// The place of the field named `name` (its key read without escapes).
    fn position(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|(key, _)| named(key, name))
    }

    fn without(&self, name: &str) -> Line {
        let mut line = self.clone();
        line.fields.retain(|(key, _)| !named(key, name));
        line
    }

    fn with(&self, name: &str, value: Json) -> Line {
        let mut line = self.clone();
        match line.position(name) {
            Some(i) => line.fields[i].1 = value,
            None => line.fields.push((Text::plain(name), value)),
        }
        line
    }
}

fn named(key: &Text, name: &str) -> bool {
    key.0.iter().map(|&(c, _)| c).eq(name.chars())
}

/// The fields every entry has; `tags` may be left out.
const FIELDS: [&str; 9] = [
    "v",
    "id",
    "practice",
    "title",
    "started_at",
    "ended_at",
    "completed",
    "via",
    "responses",
];

/// The fields the outline reads.
const READ: [&str; 5] = ["v", "practice", "started_at", "responses", "tags"];

/// The fields it skips, which an entry must have.
const SKIPPED: [&str; 5] = ["id", "title", "ended_at", "completed", "via"];

fn how() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)]
}

fn text() -> impl Strategy<Value = Text> {
    let c = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        2 => any::<char>(),
        1 => prop_oneof![Just('"'), Just('\\'), Just('/'), Just('é'), Just('🌱'), Just(' ')],
        1 => proptest::char::range('\0', '\u{1f}'),
    ];
    proptest::collection::vec((c, how()), 0..8).prop_map(Text)
}

/// A name written with escapes now and then.
fn key(name: &'static str) -> impl Strategy<Value = Text> {
    proptest::collection::vec(how(), name.chars().count())
        .prop_map(move |hows| Text(name.chars().zip(hows).collect()))
}

fn number() -> impl Strategy<Value = String> {
    "-?(0|[1-9][0-9]{0,19})(\\.[0-9]{1,4})?([eE][+-]?[0-9]{1,2})?"
}

fn json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number().prop_map(Json::Num),
        text().prop_map(Json::Str),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Json::Arr),
            proptest::collection::vec((text(), inner), 0..4).prop_map(Json::Obj),
        ]
    })
}

/// A time as RFC 3339 reads it: any fraction of a second, `Z` or an offset, `T` or `t`.
fn time() -> impl Strategy<Value = Text> {
    (
        (1970u32..2100, 1u32..=12, 1u32..=28),
        (0u32..24, 0u32..60, 0u32..60),
        "(\\.[0-9]{1,9})?",
        "[Zz]|[+-](0[0-9]|1[0-4]):(00|30|45)",
        "[Tt]",
    )
        .prop_flat_map(|((y, mo, d), (h, mi, s), fraction, offset, t)| {
            let text = format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{fraction}{offset}");
            let n = text.chars().count();
            proptest::collection::vec(how(), n)
                .prop_map(move |hows| Text(text.chars().zip(hows).collect()))
        })
}

fn pads() -> impl Strategy<Value = Vec<String>> {
    let pad = prop_oneof![6 => Just(String::new()), 1 => "[ \t\r\n]{1,3}"];
    proptest::collection::vec(pad, 0..6)
}

/// A line the whole parse reads as an entry: every field, in any order, any of them written
/// with escapes, with answers of every shape, maybe tags, maybe fields steady does not know.
fn entry() -> impl Strategy<Value = Line> {
    let known = (
        (key("v"), key("id"), key("practice"), key("title")),
        (
            key("started_at"),
            key("ended_at"),
            key("completed"),
            key("via"),
        ),
        (key("responses"), key("tags")),
    );
    let values = (
        (text(), text(), text(), time(), time()),
        (
            any::<bool>(),
            prop_oneof![Just("tui"), Just("cli"), Just("import")],
        ),
        proptest::collection::vec((text(), json()), 0..5),
        proptest::option::of(proptest::collection::vec(text(), 0..4)),
    );
    let unknown = proptest::collection::vec(
        (text(), json()).prop_filter("a field steady knows", |(key, _)| {
            !FIELDS
                .iter()
                .chain(["tags"].iter())
                .any(|name| named(key, name))
        }),
        0..3,
    );
    (known, values, unknown, pads(), any::<bool>())
        .prop_flat_map(|(known, values, unknown, pads, bom)| {
            let ((v, id, practice, title), (started, ended, completed, via), (responses, tags)) =
                known;
            let (
                (id_text, practice_text, title_text, started_at, ended_at),
                rest,
                answers,
                tag_list,
            ) = values;
            let (done, via_text) = rest;
            let mut fields = vec![
                (v, Json::Num("1".into())),
                (id, Json::Str(id_text)),
                (practice, Json::Str(practice_text)),
                (title, Json::Str(title_text)),
                (started, Json::Str(started_at)),
                (ended, Json::Str(ended_at)),
                (completed, Json::Bool(done)),
                (via, Json::Str(Text::plain(via_text))),
                (responses, Json::Obj(answers)),
            ];
            if let Some(list) = tag_list {
                fields.push((tags, Json::Arr(list.into_iter().map(Json::Str).collect())));
            }
            fields.extend(unknown);
            (Just(fields).prop_shuffle(), Just(pads), Just(bom))
        })
        .prop_map(|(fields, pads, bom)| Line { fields, pads, bom })
}

/// A value of the wrong type for a field the outline reads.
fn wrong(name: &'static str) -> BoxedStrategy<Json> {
    let not = |pick: fn(&Json) -> bool| json().prop_filter("the right type", move |j| !pick(j));
    match name {
        "v" => prop_oneof![
            "0|2|[3-9]|1\\.0|1e0|-1|18446744073709551617".prop_map(Json::Num),
            Just(Json::Str(Text::plain("1"))),
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
        ]
        .boxed(),
        "practice" => not(|j| matches!(j, Json::Str(_))).boxed(),
        "started_at" => prop_oneof![
            not(|j| matches!(j, Json::Str(_))),
            "[a-z0-9 :-]{0,12}".prop_map(|s| Json::Str(Text::plain(&s))),
        ]
        .boxed(),
        "responses" => not(|j| matches!(j, Json::Obj(_))).boxed(),
        _ => prop_oneof![
            not(|j| matches!(j, Json::Arr(_))),
            (
                proptest::collection::vec(text(), 0..3),
                json(),
                any::<prop::sample::Index>()
            )
                .prop_filter("a string", |(_, j, _)| !matches!(j, Json::Str(_)))
                .prop_map(|(strings, odd, at)| {
                    let mut items: Vec<Json> = strings.into_iter().map(Json::Str).collect();
                    items.insert(at.index(items.len() + 1), odd);
                    Json::Arr(items)
                }),
        ]
        .boxed(),
    }
}

fn refused(line: &str) -> bool {
    matches!(parse_line(line.as_bytes()), Content::Unreadable { .. })
}

/// The outline of a line the whole parse reads, read from the entry it built.
fn whole(line: &str) -> Result<Outline<'static>, TestCaseError> {
    match parse_line(line.as_bytes()) {
        Content::Entry { entry, .. } => Ok(owned(&Outline::of(&entry))),
        Content::Unreadable { reason, .. } => Err(TestCaseError::fail(format!(
            "the whole parse refuses {line:?}: {reason}"
        ))),
    }
}

fn owned(outline: &Outline) -> Outline<'static> {
    let own = |s: &std::borrow::Cow<str>| std::borrow::Cow::Owned(s.to_string());
    Outline {
        practice: own(&outline.practice),
        started_at: outline.started_at,
        tags: outline.tags.iter().map(own).collect(),
        answers: outline
            .answers
            .iter()
            .map(|(k, f)| (own(k), f.as_ref().map(|f| f.iter().map(own).collect())))
            .collect(),
    }
}

fn outline(line: &str) -> Option<Outline<'static>> {
    Outline::read(line.as_bytes()).map(|o| owned(&o))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn an_entry_has_its_own_outline(line in entry()) {
        let text = line.text();
        let whole = whole(&text)?;
        prop_assert_eq!(outline(&text), Some(whole), "{}", text);
    }

    #[test]
    fn a_field_the_outline_reads_of_the_wrong_type_is_refused_by_both(
        (line, name, value) in (entry(), proptest::sample::select(&READ[..]))
            .prop_flat_map(|(line, name)| (Just(line), Just(name), wrong(name)))
    ) {
        let text = line.with(name, value).text();
        prop_assert!(refused(&text), "{}", text);
        prop_assert_eq!(outline(&text), None, "{}", text);
    }

    #[test]
    fn a_line_without_a_field_the_outline_needs_is_refused_by_both(
        line in entry(),
        name in proptest::sample::select(&READ[..4]),
    ) {
        let text = line.without(name).text();
        prop_assert!(refused(&text), "{}", text);
        prop_assert_eq!(outline(&text), None, "{}", text);
    }

    #[test]
    fn a_line_cut_short_is_refused_by_both(line in entry(), at in any::<prop::sample::Index>()) {
        let text = line.text();
        let close = text.rfind('}').unwrap();
        let mut cut = at.index(close);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &text[..cut];
        prop_assert!(refused(text), "{}", text);
        prop_assert_eq!(outline(text), None, "{}", text);
    }

    #[test]
    fn a_line_without_a_field_the_outline_skips_keeps_its_outline(
        line in entry(),
        name in proptest::sample::select(&SKIPPED[..]),
    ) {
        let full = line.text();
        let text = line.without(name).text();
        prop_assert!(refused(&text), "{}", text);
        prop_assert_eq!(outline(&text), Some(whole(&full)?), "{}", text);
    }

    #[test]
    fn a_field_given_twice_is_read_as_its_last_value(
        line in entry(),
        other in entry(),
        name in proptest::sample::select(&FIELDS[..]),
    ) {
        let i = line.position(name).unwrap();
        let j = other.position(name).unwrap();
        let mut twice = line.clone();
        twice.fields.push(other.fields[j].clone());
        let text = twice.text();
        prop_assert!(refused(&text), "{}", text);
        let mut last = line.clone();
        last.fields.remove(i);
        last.fields.push(other.fields[j].clone());
        prop_assert_eq!(outline(&text), Some(whole(&last.text())?), "{}", text);
    }

    #[test]
    fn a_value_the_outline_skips_is_not_checked(
        line in entry(),
        bad in proptest::sample::select(&["lone surrogate", "out of range", "too deep"][..]),
        place in proptest::sample::select(&["id", "a field steady does not know", "an answer"][..]),
    ) {
        let bad = Json::Raw(match bad {
            "lone surrogate" => r#""\ud800""#.to_string(),
            "out of range" => "1e400".to_string(),
            _ => format!("{}{}", "[".repeat(130), "]".repeat(130)),
        });
        let answers = |inside: Vec<Json>| Json::Obj(vec![(Text::plain("k"), Json::Arr(inside))]);
        let (good, bad) = match place {
            "id" => (line.clone(), line.with("id", bad)),
            "an answer" => (
                line.with("responses", answers(vec![])),
                line.with("responses", answers(vec![bad])),
            ),
            _ => {
                let mut with = line.clone();
                with.fields.push((Text::plain("later"), bad));
                (line, with)
            }
        };
        let text = bad.text();
        prop_assert!(refused(&text), "{}", text);
        prop_assert_eq!(outline(&text), Some(whole(&good.text())?), "{}", text);
    }

    #[test]
    fn an_edited_line_without_an_outline_is_no_entry(
        line in entry(),
        at in any::<prop::sample::Index>(),
        len in 0usize..6,
        insert in "[\\[\\]{}:,\"\\\\ a-z0-9.eE+-]{0,6}",
    ) {
        let text = line.text();
        let mut start = at.index(text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
        match parse_line(edited.as_bytes()) {
            Content::Entry { entry, .. } => {
                prop_assert_eq!(outline(&edited), Some(owned(&Outline::of(&entry))), "{}", edited);
            }
            Content::Unreadable { .. } => {}
        }
    }
}
