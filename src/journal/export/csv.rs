//! CSV export (RFC 4180, through the `csv` crate): the base columns, the entry's `day` and
//! `local_time` (so spreadsheets read a date and a time; every timestamp carries its own
//! offset, which they read as text), its `tags` (joined with `; `, empty when it has none),
//! then one column per answer key, objects split into
//! `responses.KEY.FIELD`. Text from the journal is never a live formula: a cell that would
//! begin with `=`, `+`, `-`, `@`, a tab or a carriage return begins with `'` instead
//! (OWASP's advice on CSV injection); numbers and timestamps steady writes itself are left
//! as they are.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::{self, Write};

use chrono::{Datelike, NaiveTime, Timelike};
use serde_json::Value;

use super::printable;
use crate::journal::entry::{Entry, Via, rfc3339_millis};
use crate::journal::outline::Outline;
use crate::journal::query::day_of;

/// The columns every row has, before the answers.
const BASE_COLUMNS: [&str; 10] = [
    "id",
    "practice",
    "title",
    "started_at",
    "ended_at",
    "day",
    "local_time",
    "completed",
    "via",
    "tags",
];

/// Which answer columns one entry fills: each key, with `None` for a value of its own and
/// `Some(field)` for each field of an object, as JSON text (small, and one allocation).
/// Entries of one practice nearly always share a shape, so the first pass looks at each
/// shape once, not at every entry's keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Shape(String);

impl Shape {
    pub fn of(outline: &Outline) -> Shape {
        let mut columns: Vec<(&str, Option<&str>)> = Vec::new();
        for (key, fields) in &outline.answers {
            match fields {
                Some(fields) => {
                    columns.extend(fields.iter().map(|f| (key.as_ref(), Some(f.as_ref()))));
                }
                None => columns.push((key.as_ref(), None)),
            }
        }
        // Plain strings and options: serialising them cannot fail.
        Shape(serde_json::to_string(&columns).unwrap_or_default())
    }

    fn columns(&self) -> Vec<(String, Option<String>)> {
        serde_json::from_str(&self.0).unwrap_or_default()
    }
}

/// The answer columns, gathered in the first pass: each key, and for object answers each
/// of its fields (`None` for the key's own column).
#[derive(Debug, Default)]
pub struct Columns {
    keys: HashMap<String, BTreeSet<Option<String>>>,
    shapes: HashSet<Shape>,
}

impl Columns {
    pub fn add(&mut self, shape: Shape) {
        if self.shapes.contains(&shape) {
            return;
        }
        for (key, field) in shape.columns() {
            self.keys.entry(key).or_default().insert(field);
        }
        self.shapes.insert(shape);
    }
}

/// The columns of one answer key: its own value's, and its fields' when it is an object.
#[derive(Default)]
struct KeyColumns {
    own: Option<usize>,
    fields: HashMap<String, usize>,
}

/// The second pass: the header and one row per entry.
pub struct Table {
    /// Header names of the answer columns, sorted by key then field.
    names: Vec<String>,
    /// Answer column numbers (after the base columns) by key.
    index: HashMap<String, KeyColumns>,
    day_starts_at: NaiveTime,
    /// Quotes and terminates records as RFC 4180 says.
    writer: ::csv::WriterBuilder,
}

impl Table {
    pub fn new(columns: Columns, day_starts_at: NaiveTime) -> Self {
        let mut keys: Vec<_> = columns.keys.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut names = Vec::new();
        let mut index = HashMap::new();
        for (key, fields) in keys {
            let mut numbers = KeyColumns::default();
            for field in fields {
                let number = BASE_COLUMNS.len() + names.len();
                let name = match field {
                    None => {
                        numbers.own = Some(number);
                        format!("responses.{key}")
                    }
                    Some(f) => {
                        let name = format!("responses.{key}.{f}");
                        numbers.fields.insert(f, number);
                        name
                    }
                };
                names.push(printable(&name, false).into_owned());
            }
            index.insert(key, numbers);
        }
        Table {
            names,
            index,
            day_starts_at,
            writer: {
                let mut b = ::csv::WriterBuilder::new();
                b.terminator(::csv::Terminator::CRLF).buffer_capacity(1024);
                b
            },
        }
    }

    pub fn header(&self, out: &mut dyn Write) -> io::Result<()> {
        let names = self.names.iter().map(String::as_str);
        let header: Vec<&str> = BASE_COLUMNS.iter().copied().chain(names).collect();
        let mut buf = Vec::new();
        record(&self.writer, header.iter().copied(), &mut buf)?;
        out.write_all(&buf)
    }

    /// One entry's row, appended to `out`.
    pub fn row(&self, entry: &Entry, out: &mut Vec<u8>) -> io::Result<()> {
        let mut cells: Vec<Cow<str>> =
            vec![Cow::Borrowed(""); BASE_COLUMNS.len() + self.names.len()];
        let day = day_of(entry.started_at, self.day_starts_at);
        let time = entry.started_at.time();
        let base: [Cow<str>; 10] = [
            text(&entry.id),
            text(&entry.practice),
            text(&entry.title),
            rfc3339_millis::format(&entry.started_at).into(),
            rfc3339_millis::format(&entry.ended_at).into(),
            format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day()).into(),
            format!(
                "{:02}:{:02}:{:02}",
                time.hour(),
                time.minute(),
                time.second()
            )
            .into(),
            Cow::Borrowed(if entry.completed { "true" } else { "false" }),
            Cow::Borrowed(match entry.via {
                Via::Tui => "tui",
                Via::Cli => "cli",
                Via::Import => "import",
            }),
            list(&entry.tags),
        ];
        for (cell, value) in cells.iter_mut().zip(base) {
            *cell = value;
        }
        for (key, value) in &entry.responses {
            let Some(columns) = self.index.get(key.as_str()) else {
                continue;
            };
            match value {
                Value::Object(map) => {
                    for (field, v) in map {
                        if let Some(&n) = columns.fields.get(field.as_str()) {
                            cells[n] = cell(v);
                        }
                    }
                }
                other => {
                    if let Some(n) = columns.own {
                        cells[n] = cell(other);
                    }
                }
            }
        }
        record(
            &self.writer,
            cells.iter().map(std::convert::AsRef::as_ref),
            out,
        )
    }
}

/// Appends one record to `out`, CRLF-terminated and quoted where RFC 4180 needs it.
fn record<'a>(
    builder: &::csv::WriterBuilder,
    fields: impl Iterator<Item = &'a str>,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let mut writer = builder.from_writer(out);
    writer.write_record(fields)?;
    writer.flush()
}

/// An answer as one cell: numbers and booleans as JSON writes them, null as nothing, text
/// made safe, lists joined with `; `, anything deeper as JSON text made safe.
fn cell(value: &Value) -> Cow<'_, str> {
    match value {
        Value::Null => Cow::Borrowed(""),
        Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Value::Number(n) => n.to_string().into(),
        Value::String(s) => text(s),
        Value::Array(items) => {
            let joined: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            list(&joined)
        }
        other @ Value::Object(_) => text(&other.to_string()).into_owned().into(),
    }
}

/// A list (of tags, or an answer's) as one cell, its items joined with `; `.
fn list(items: &[String]) -> Cow<'static, str> {
    text(&items.join("; ")).into_owned().into()
}

/// Text from the journal as a cell: control characters and bidi overrides dropped (carriage
/// returns kept, the cell is then quoted), and a leading `'` where a spreadsheet would
/// otherwise read a formula.
fn text(s: &str) -> Cow<'_, str> {
    let clean = printable(s, true);
    if clean.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{clean}").into()
    } else {
        clean
    }
}
