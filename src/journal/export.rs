//! Writing entries out as JSON, JSON Lines, CSV or Markdown.
//!
//! `json` and `jsonl` copy the stored lines byte for byte and in the order given, so an
//! export re-imports exactly; they stream. `md` is for reading in a notes app: grouped by
//! day (by `day_starts_at`), days and the entries within a day in time order whatever the
//! order of the file (back-dated check-ins, imports), so it keeps each entry's rendered text
//! until the end. CSV needs every answer key before its header, so it keeps the rows as one
//! compact text buffer (about the size of the output) and writes them at the end, in time
//! order like `md`.

use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde_json::Value;

use super::entry::{Entry, Via, rfc3339_millis};
use super::query::day_of;
use crate::text;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
    Md,
}

/// Writes `entries` (each with the raw line it was read from) to `out` in `format`.
pub fn write<'a, W: Write>(
    format: Format,
    entries: impl IntoIterator<Item = (&'a Entry, &'a str)>,
    day_starts_at: NaiveTime,
    out: &mut W,
) -> io::Result<()> {
    let mut writer = Writer::new(format, day_starts_at, out);
    for (entry, raw) in entries {
        writer.add(entry, raw)?;
    }
    writer.finish()
}

/// An export in progress: `add` each entry, then `finish`.
pub struct Writer<'w, W: Write> {
    format: Format,
    day_starts_at: NaiveTime,
    out: &'w mut W,
    count: usize,
    /// Markdown: each entry's day, start and rendered text, sorted at the end.
    days: Vec<(NaiveDate, DateTime<FixedOffset>, String)>,
    table: CsvTable,
}

impl<'w, W: Write> Writer<'w, W> {
    pub fn new(format: Format, day_starts_at: NaiveTime, out: &'w mut W) -> Self {
        Self {
            format,
            day_starts_at,
            out,
            count: 0,
            days: Vec::new(),
            table: CsvTable::default(),
        }
    }

    pub fn add(&mut self, entry: &Entry, raw: &str) -> io::Result<()> {
        self.count += 1;
        match self.format {
            Format::Jsonl => writeln!(self.out, "{raw}"),
            Format::Json => {
                let sep = if self.count == 1 { "[\n" } else { ",\n" };
                write!(self.out, "{sep}{raw}")
            }
            Format::Md => {
                let text = markdown(entry);
                self.days.push((
                    day_of(entry.started_at, self.day_starts_at),
                    entry.started_at,
                    text,
                ));
                Ok(())
            }
            Format::Csv => {
                self.table.push(entry);
                Ok(())
            }
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {}
            Format::Json if self.count == 0 => self.out.write_all(b"[]\n")?,
            Format::Json => self.out.write_all(b"\n]\n")?,
            Format::Md => write_markdown(self.days, self.out)?,
            Format::Csv => self.table.write(self.out)?,
        }
        self.out.flush()
    }
}

/// One entry as a Markdown heading and a list of its answers.
fn markdown(entry: &Entry) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let left = if entry.completed { "" } else { " (left early)" };
    // Writing into a String cannot fail.
    let _ = writeln!(
        s,
        "\n### {} · {}{left}\n",
        entry.started_at.format("%H:%M"),
        text::clean(&entry.title, false)
    );
    if entry.responses.is_empty() {
        s += "- (no answers)\n";
    }
    for (key, value) in &entry.responses {
        let shown = text::clean(&md_value(value), true).replace('\n', "\n  ");
        let _ = writeln!(s, "- {}: {shown}", text::clean(key, false));
    }
    s
}

/// The rendered entries under a title, a heading for each day, in time order. The sort is
/// stable, so entries that began at the same moment keep the order they were given in.
fn write_markdown(
    mut days: Vec<(NaiveDate, DateTime<FixedOffset>, String)>,
    out: &mut impl Write,
) -> io::Result<()> {
    days.sort_by_key(|&(day, at, _)| (day, at));
    writeln!(out, "# steady journal")?;
    let mut last_day = None;
    for (day, _, text) in &days {
        if last_day != Some(*day) {
            writeln!(out, "\n## {} ({})", day, day.format("%A"))?;
            last_day = Some(*day);
        }
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// An answer in words for Markdown: lists joined with commas, objects as `field value`.
fn md_value(value: &Value) -> String {
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k} {}", cell(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join(", "),
        other => cell(other),
    }
}

/// A value as one CSV cell: strings as they are, lists joined with `; `, numbers and
/// booleans as JSON writes them, null as nothing, anything deeper as JSON text.
fn cell(value: &Value) -> String {
    let mut s = String::new();
    write_cell(&mut s, value);
    s
}

/// `cell`, appended to `out` (CSV rows are built this way, without a string per cell).
fn write_cell(out: &mut String, value: &Value) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    match value {
        Value::String(s) => out.push_str(s),
        Value::Null => {}
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match v {
                    Value::String(s) => out.push_str(s),
                    other => {
                        let _ = write!(out, "{other}");
                    }
                }
            }
        }
        other => {
            let _ = write!(out, "{other}");
        }
    }
}

/// The columns every CSV row has, before the answers.
const BASE_COLUMNS: [&str; 7] = [
    "id",
    "practice",
    "title",
    "started_at",
    "ended_at",
    "completed",
    "via",
];

/// A response column: the answer key, and the field for object answers.
type Column = (String, Option<String>);

/// The column numbers of one answer key: the key itself, and its fields (object answers).
#[derive(Debug, Default)]
struct KeyColumns {
    whole: Option<u32>,
    fields: HashMap<String, u32>,
}

/// CSV rows kept compactly until the header (the union of answer keys) is known: all cell
/// text in one string, and per cell only its column and length.
#[derive(Debug, Default)]
struct CsvTable {
    /// Response columns in the order first seen; numbered after the base columns.
    columns: Vec<Column>,
    index: HashMap<String, KeyColumns>,
    text: String,
    /// (column number, byte length) of each cell, row after row.
    cells: Vec<(u32, u32)>,
    /// Each row in the order given: when its entry began, and where its cells and their
    /// text start.
    rows: Vec<(DateTime<FixedOffset>, usize, usize)>,
}

impl CsvTable {
    fn push(&mut self, entry: &Entry) {
        self.rows
            .push((entry.started_at, self.cells.len(), self.text.len()));
        let base = [
            entry.id.as_str(),
            entry.practice.as_str(),
            entry.title.as_str(),
            &rfc3339_millis::format(&entry.started_at),
            &rfc3339_millis::format(&entry.ended_at),
            if entry.completed { "true" } else { "false" },
            match entry.via {
                Via::Tui => "tui",
                Via::Cli => "cli",
                Via::Import => "import",
            },
        ];
        for (i, value) in base.into_iter().enumerate() {
            self.push_cell(i as u32, value);
        }
        for (key, value) in &entry.responses {
            match value {
                Value::Object(fields) => {
                    for (field, v) in fields {
                        let col = self.column(key, Some(field));
                        self.push_value(col, v);
                    }
                }
                other => {
                    let col = self.column(key, None);
                    self.push_value(col, other);
                }
            }
        }
    }

    /// The number of a response column, numbering it when first seen. Looked up by
    /// reference, since this runs for every answer of every entry.
    fn column(&mut self, key: &str, field: Option<&str>) -> u32 {
        let known = self.index.get(key).and_then(|k| match field {
            None => k.whole,
            Some(f) => k.fields.get(f).copied(),
        });
        if let Some(n) = known {
            return n;
        }
        let n = (BASE_COLUMNS.len() + self.columns.len()) as u32;
        self.columns
            .push((key.to_owned(), field.map(str::to_owned)));
        let columns = self.index.entry(key.to_owned()).or_default();
        match field {
            None => columns.whole = Some(n),
            Some(f) => {
                columns.fields.insert(f.to_owned(), n);
            }
        }
        n
    }

    fn push_cell(&mut self, col: u32, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.end_cell(col, start);
    }

    fn push_value(&mut self, col: u32, value: &Value) {
        let start = self.text.len();
        write_cell(&mut self.text, value);
        self.end_cell(col, start);
    }

    fn end_cell(&mut self, col: u32, start: usize) {
        // A single cell over 4 GiB cannot come from a journal line (capped at 1 MiB).
        let len = u32::try_from(self.text.len() - start).unwrap_or(u32::MAX);
        self.cells.push((col, len));
    }

    /// Header, then every row in time order (rows that began at the same moment in the
    /// order given), columns in a stable order: the base columns, then the answer columns
    /// sorted by key (and field within a key).
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut order: Vec<usize> = (0..self.columns.len()).collect();
        order.sort_by(|&a, &b| self.columns[a].cmp(&self.columns[b]));
        // position[column number] = place in the output row.
        let mut position = vec![0; BASE_COLUMNS.len() + self.columns.len()];
        for (i, p) in position.iter_mut().enumerate().take(BASE_COLUMNS.len()) {
            *p = i;
        }
        for (place, &c) in order.iter().enumerate() {
            position[BASE_COLUMNS.len() + c] = BASE_COLUMNS.len() + place;
        }
        let mut header: Vec<String> = BASE_COLUMNS.iter().map(|s| s.to_string()).collect();
        header.extend(order.iter().map(|&c| match &self.columns[c] {
            (key, None) => format!("responses.{key}"),
            (key, Some(field)) => format!("responses.{key}.{field}"),
        }));
        write_record(out, header.iter().map(String::as_str))?;

        let mut by_time: Vec<usize> = (0..self.rows.len()).collect();
        by_time.sort_by_key(|&r| self.rows[r].0);
        let mut row: Vec<&str> = vec![""; position.len()];
        for r in by_time {
            let (_, cells_at, mut text_at) = self.rows[r];
            let cells_end = self.rows.get(r + 1).map_or(self.cells.len(), |next| next.1);
            row.iter_mut().for_each(|c| *c = "");
            for &(col, len) in &self.cells[cells_at..cells_end] {
                let next = text_at + len as usize;
                row[position[col as usize]] = self.text.get(text_at..next).unwrap_or("");
                text_at = next;
            }
            write_record(out, row.iter().copied())?;
        }
        Ok(())
    }
}

/// One RFC 4180 record: fields quoted when they hold a comma, quote or line break, quotes
/// doubled, CRLF at the end.
fn write_record<'a>(out: &mut impl Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        if field
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
        {
            write!(out, "\"{}\"", field.replace('"', "\"\""))?;
        } else {
            out.write_all(field.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, practice: &str, started: &str, responses: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"{practice}","title":"Title {id}","started_at":"{started}","ended_at":"{started}","completed":true,"via":"tui","responses":{responses}}}"#
        )
    }

    fn export(format: Format, lines: &[String]) -> String {
        let entries: Vec<Entry> = lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut out = Vec::new();
        write(
            format,
            entries.iter().zip(lines.iter().map(String::as_str)),
            NaiveTime::from_hms_opt(4, 0, 0).unwrap(),
            &mut out,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Vec<String> {
        vec![
            line(
                "A",
                "feeling-check-in",
                "2026-11-21T08:00:00.000+01:00",
                r#"{"level":3,"colour":"blue","note":"a, \"b\"\nc"}"#,
            ),
            line(
                "B",
                "breath-reset",
                "2026-11-22T01:30:00.000+01:00",
                r#"{"before":4,"breath":{"cycles":9,"seconds":90},"after":2}"#,
            ),
            line(
                "C",
                "micro-reach",
                "2026-11-22T09:15:00.000+01:00",
                r#"{"values":["kind","brave"]}"#,
            ),
        ]
    }

    #[test]
    fn json_and_jsonl_keep_the_stored_bytes() {
        let lines = sample();
        assert_eq!(
            export(Format::Jsonl, &lines),
            format!("{}\n", lines.join("\n"))
        );
        let json = export(Format::Json, &lines);
        assert_eq!(json, format!("[\n{}\n]\n", lines.join(",\n")));
        let parsed: Vec<Value> = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed.len(), 3);
        assert_eq!(export(Format::Json, &[]), "[]\n");
        assert_eq!(export(Format::Jsonl, &[]), "");
    }

    #[test]
    fn csv_has_the_union_of_keys_in_a_stable_order() {
        let csv = export(Format::Csv, &sample());
        let header = csv.split("\r\n").next().unwrap();
        assert_eq!(
            header,
            "id,practice,title,started_at,ended_at,completed,via,responses.after,responses.before,\
             responses.breath.cycles,responses.breath.seconds,responses.colour,responses.level,\
             responses.note,responses.values"
        );
        assert!(csv.contains("\"a, \"\"b\"\"\nc\""), "{csv}");
        assert!(csv.contains(",true,tui,2,4,9,90,,,,\r\n"), "{csv}");
        assert!(csv.ends_with(",,,,,,,kind; brave\r\n"), "{csv}");
        let mut reversed = sample();
        reversed.reverse();
        assert_eq!(
            export(Format::Csv, &reversed),
            csv,
            "time order, not file order"
        );
        assert_eq!(
            export(Format::Csv, &[]),
            "id,practice,title,started_at,ended_at,completed,via\r\n"
        );
    }

    #[test]
    fn markdown_is_grouped_by_day() {
        let md = export(Format::Md, &sample());
        let expected = "# steady journal\n\
            \n## 2026-11-21 (Saturday)\n\
            \n### 08:00 · Title A\n\n- level: 3\n- colour: blue\n- note: a, \"b\"\n  c\n\
            \n### 01:30 · Title B\n\n- before: 4\n- breath: cycles 9, seconds 90\n- after: 2\n\
            \n## 2026-11-22 (Sunday)\n\
            \n### 09:15 · Title C\n\n- values: kind, brave\n";
        assert_eq!(md, expected);
        let mut reversed = sample();
        reversed.reverse();
        assert_eq!(
            export(Format::Md, &reversed),
            expected,
            "time order, not file order"
        );
        assert_eq!(export(Format::Md, &[]), "# steady journal\n");
    }
}
