//! Markdown export (CommonMark): a title, a heading for each day, a heading for each entry,
//! its tags, and its answers as a list (a check-in's strength and mood named with their
//! scales). Every piece of text from the journal renders as typed in any
//! `CommonMark` renderer: characters that mean something are backslash-escaped, spaces at
//! the start or end of a line (which a renderer would drop, or read as code or a line
//! break) are written as character references, a typed line break is a hard line break
//! (line breaks at the very end of an answer are left out: a hard break cannot end a
//! paragraph, and a renderer would show its backslash), and raw HTML shows as text. Numbers read as people say them ("urge at 6.5 s").

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{NaiveDate, Timelike};
use serde_json::Value;

use super::printable;
use crate::journal::entry::Entry;
use crate::journal::signals::CHECK_IN;
use crate::journal::summary::{mood_scale, strength_words};

/// The document's title.
pub fn title(out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# steady journal")
}

/// The heading that begins a day.
pub fn day_heading(day: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "\n## {} ({})", day, day.format("%A"))
}

/// One entry: a heading with its time and title, then a list of its answers.
pub fn entry(entry: &Entry, out: &mut Vec<u8>) {
    let left = if entry.completed { "" } else { " (left early)" };
    let at = entry.started_at.time();
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(
        s,
        "\n### {:02}:{:02} · {}{left}\n",
        at.hour(),
        at.minute(),
        escape(&printable(&entry.title, false).replace('\n', " "))
    );
    if !entry.tags.is_empty() {
        let tags = entry.tags.join(", ").replace('\n', " ");
        let _ = writeln!(s, "Tags: {}\n", escape(&printable(&tags, false)));
    }
    if entry.responses.is_empty() {
        s += "- (no answers)\n";
    }
    for (key, value) in &entry.responses {
        let said = match key.as_str() {
            "mood" => mood_scale(value),
            "level" if entry.practice == CHECK_IN => value.as_i64().map(strength_words),
            _ => None,
        };
        let said = said.unwrap_or_else(|| words(value));
        let shown = escape(&printable(&said, false)).replace('\n', "\n  ");
        let _ = writeln!(s, "- {}: {shown}", escape(&printable(key, false)));
    }
    out.extend_from_slice(s.as_bytes());
}

/// An answer in words: lists joined with commas, timings as sentences, other objects as
/// `field value` pairs.
fn words(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let num = |field: &str| map.get(field).and_then(Value::as_f64);
            let recalled = if map.get("recalled") == Some(&Value::Bool(true)) {
                " (recalled)"
            } else {
                ""
            };
            match (
                num("urge_s"),
                num("extra_s"),
                num("total_s"),
                num("cycles"),
                num("seconds"),
            ) {
                (Some(urge), extra, Some(total), ..) => format!(
                    "urge at {}, {}, {} in all{recalled}",
                    secs(urge),
                    crate::text::stayed_words(extra.unwrap_or(0.0)),
                    secs(total)
                ),
                (None, _, Some(total), ..) if map.contains_key("urge_s") => {
                    format!("no urge to leave, {} in all{recalled}", secs(total))
                }
                (.., Some(cycles), Some(seconds)) => {
                    format!("{} cycles in {}", number(cycles), secs(seconds))
                }
                (.., None, Some(seconds)) if map.len() == 1 => secs(seconds),
                _ => map
                    .iter()
                    .map(|(k, v)| format!("{k} {}", words(v)))
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        }
        Value::Array(items) => items.iter().map(words).collect::<Vec<_>>().join(", "),
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
    }
}

/// Seconds as read aloud: "6.5 s", "90 s", "2 min 5 s".
fn secs(s: f64) -> String {
    if s >= 120.0 {
        let whole = s.round() as i64;
        match whole % 60 {
            0 => format!("{} min", whole / 60),
            rest => format!("{} min {rest} s", whole / 60),
        }
    } else {
        format!("{} s", number(s))
    }
}

/// A number with at most one decimal, and none when it is whole: 6.5, 9, 14.7 (the one
/// rule in `text`).
use crate::text::one_decimal as number;

/// `text` as `CommonMark` that renders to exactly `text`, line breaks as hard breaks (but
/// those it ends with, which a paragraph cannot end with, are left out).
pub(super) fn escape(text: &str) -> String {
    let text = text.trim_end_matches('\n');
    let mut out = String::with_capacity(text.len() + 8);
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            // A backslash at the end of a line is a hard line break, even on an empty line.
            out.push_str("\\\n");
        }
        escape_line(line, &mut out);
    }
    out
}

/// One line of text: inline punctuation escaped everywhere, block markers at its start
/// escaped, and its outer spaces and tabs as character references.
fn escape_line(line: &str, out: &mut String) {
    let body = line.trim_matches([' ', '\t']);
    let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let trail = if body.is_empty() {
        ""
    } else {
        &line[lead.len() + body.len()..]
    };
    let reference = |s: &str, out: &mut String| {
        for c in s.chars() {
            out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
        }
    };
    reference(lead, out);
    // Most answers are plain words: nothing to escape.
    let inline = |c: char| {
        matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '#' | '~' | '|'
        )
    };
    let plain_start = body
        .chars()
        .next()
        .is_none_or(|c| !matches!(c, '-' | '+' | '=' | '>' | '#') && !c.is_ascii_digit());
    if plain_start && !body.contains(inline) {
        out.push_str(body);
        reference(trail, out);
        return;
    }
    // An ordered-list marker: digits, then `.` or `)`.
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    for (at, c) in body.char_indices() {
        let block_start = at == 0 && matches!(c, '-' | '+' | '=' | '>' | '#');
        let list_marker = digits > 0 && at == digits && matches!(c, '.' | ')');
        if block_start || list_marker || inline(c) {
            out.push('\\');
        }
        out.push(c);
    }
    reference(trail, out);
}
