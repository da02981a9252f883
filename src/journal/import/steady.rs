//! steady's own files: a JSON array (as `export --format json` writes) read item by item,
//! or JSON Lines (an export or a journal) read line by line. A line keeps its exact bytes;
//! an array item becomes its compact JSON with its keys in order. Neither holds more than
//! one entry at a time.

use std::io::BufRead;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

use super::{Place, Problem, Sink};
use crate::journal::read::Lines;

/// Reads `input` into `sink`: an array when it starts with `[` (after any white space),
/// else JSON Lines.
pub(super) fn read(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let head = input.fill_buf()?;
    if head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        array(input, sink)
    } else {
        lines(input, sink)
    }
}

fn lines(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let mut lines = Lines::new(input);
    let mut any_object = false;
    let mut first_problem = None;
    while let Some(line) = lines.next_raw()? {
        let place = Place::Line(line.number);
        let Some(bytes) = line.bytes else {
            sink.reject(place, "the line is longer than 1 MiB".into());
            continue;
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            sink.reject(place, "the line is not UTF-8 text".into());
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(value) if value.is_object() => {
                any_object = true;
                sink.offer(place, &value, text)?;
            }
            Ok(_) => sink.reject(place, "not a JSON object".into()),
            Err(e) => {
                first_problem.get_or_insert_with(|| format!("line {}: {e}", line.number));
                sink.reject(place, format!("not JSON from column {} on", e.column()));
            }
        }
    }
    match first_problem {
        Some(why) if !any_object => Err(Problem::Format(why)),
        _ => Ok(()),
    }
}

/// A JSON array, one item at a time through serde's sequence access.
fn array(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let mut de = serde_json::Deserializer::from_reader(input);
    let mut failed = None;
    let items = Items {
        sink,
        failed: &mut failed,
    };
    let parsed = de.deserialize_seq(items).and_then(|()| de.end());
    if let Some(e) = failed {
        return Err(Problem::Io(e));
    }
    parsed.map_err(|e| {
        if e.is_io() {
            Problem::Io(e.into())
        } else {
            Problem::Format(e.to_string())
        }
    })
}

/// Hands each array item to the sink as soon as it is parsed.
struct Items<'s, 'a> {
    sink: &'s mut Sink<'a>,
    failed: &'s mut Option<std::io::Error>,
}

impl<'de> Visitor<'de> for Items<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut n = 0;
        while let Some(item) = seq.next_element::<Value>()? {
            n += 1;
            let place = Place::Item(n);
            if !item.is_object() {
                self.sink.reject(place, "not a JSON object".into());
                continue;
            }
            let line = item.to_string();
            if let Err(e) = self.sink.offer(place, &item, &line) {
                *self.failed = Some(e);
                return Err(de::Error::custom("the work file could not be written"));
            }
        }
        Ok(())
    }
}
