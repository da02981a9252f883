//! CSV export (RFC 4180, through the `csv` crate): the base columns, the entry's `day` and
//! `local_time` (so spreadsheets read a date and a time; every timestamp carries its own
//! offset, which they read as text), then one column per answer key, objects split into
//! `responses.KEY.FIELD`. Text from the journal is never a live formula: a cell that would
//! begin with `=`, `+`, `-`, `@`, a tab or a carriage return begins with `'` instead
//! (OWASP's advice on CSV injection); numbers and timestamps steady writes itself are left
//! as they are.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use chrono::{Datelike, NaiveTime, Timelike};
use serde_json::Value;

use super::printable;
use crate::journal::entry::{Entry, Via, rfc3339_millis};
use crate::journal::query::day_of;

/// The columns every row has, before the answers.
const BASE_COLUMNS: [&str; 9] = [
    "id",
    "practice",
    "title",
    "started_at",
    "ended_at",
    "day",
    "local_time",
    "completed",
    "via",
];

/// The answer columns, gathered in the first pass: each key, and for object answers each
/// of its fields (`None` for the key's own column).
#[derive(Debug, Default)]
pub struct Columns {
    keys: HashMap<String, BTreeSet<Option<String>>>,
}

impl Columns {
    pub fn add(&mut self, entry: &Entry) {
        for (key, value) in &entry.responses {
            let fields = match self.keys.get_mut(key.as_str()) {
                Some(f) => f,
                None => self.keys.entry(key.clone()).or_default(),
            };
            match value {
                Value::Object(map) => {
                    for field in map.keys() {
                        if !fields.iter().any(|f| f.as_deref() == Some(field.as_str())) {
                            fields.insert(Some(field.clone()));
                        }
                    }
                }
                _ => {
                    fields.insert(None);
                }
            }
        }
    }
}

/// The second pass: the header and one row per entry.
pub struct Table {
    /// Header names of the answer columns, sorted by key then field.
    names: Vec<String>,
    /// Answer column numbers (after the base columns) by key, then by field.
    index: HashMap<String, HashMap<Option<String>, usize>>,
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
            let mut numbers = HashMap::new();
            for field in fields {
                let name = match &field {
                    None => format!("responses.{key}"),
                    Some(f) => format!("responses.{key}.{f}"),
                };
                numbers.insert(field, BASE_COLUMNS.len() + names.len());
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
    pub fn row(&mut self, entry: &Entry, out: &mut Vec<u8>) -> io::Result<()> {
        let mut cells: Vec<Cow<str>> =
            vec![Cow::Borrowed(""); BASE_COLUMNS.len() + self.names.len()];
        let day = day_of(entry.started_at, self.day_starts_at);
        let time = entry.started_at.time();
        let base: [Cow<str>; 9] = [
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
                        if let Some(&n) = columns.get(&Some(field.clone())) {
                            cells[n] = cell(v);
                        }
                    }
                }
                other => {
                    if let Some(&n) = columns.get(&None) {
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
            text(&joined.join("; ")).into_owned().into()
        }
        other @ Value::Object(_) => text(&other.to_string()).into_owned().into(),
    }
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
