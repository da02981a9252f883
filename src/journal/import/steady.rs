//! steady's own files: a JSON array (as `export --format json` writes) read item by item,
//! or JSON Lines (an export or a journal) read line by line. A line keeps its exact bytes;
//! an array item becomes its compact JSON with its keys in order. Neither holds more than
//! one entry at a time, and neither keeps more than 1 MiB of one. An entry steady 0.2
//! imported from another app comes in as today's import makes it (see `apps::upgrade`).

use std::io::BufRead;

use serde_json::Value;

use super::sink::Sink;
use super::{Place, Problem, stream};
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
                sink.offer_line(place, &value, text)?;
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

/// A JSON array, one item at a time (see `stream`).
fn array(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    stream::items(input, false, &mut |item| {
        let Some(text) = item.bytes else {
            sink.reject(item.place, "the entry is longer than 1 MiB".into());
            return Ok(());
        };
        match serde_json::from_slice::<Value>(text) {
            Ok(value) if value.is_object() => {
                let line = value.to_string();
                sink.offer_line(item.place, &value, &line)?;
            }
            Ok(_) => sink.reject(item.place, "not a JSON object".into()),
            Err(e) => sink.reject(item.place, format!("not JSON ({e})")),
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::io::BufReader;

    use super::super::{Kind, Options};
    use super::*;
    use crate::practice::Library;

    fn entry(id: &str, note: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"my-own","title":"T","started_at":"2026-11-22T08:00:00+01:00","ended_at":"2026-11-22T08:00:00+01:00","completed":true,"via":"cli","responses":{{"note":{note}}}}}"#
        )
    }

    /// Reads `text` through a reader `chunk` bytes at a time: (accepted ids, rejected places).
    fn read_array(text: &str, chunk: usize) -> Result<(Vec<String>, Vec<String>), Problem> {
        let library = Library::builtin();
        let options = Options {
            kind: Kind::Steady,
            library: &library,
            moods: HashMap::new(),
            now: chrono::DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z").unwrap(),
            spool_in: None,
            seal_to: None,
        };
        let mut sink = Sink::new(&options).unwrap();
        let mut input = BufReader::with_capacity(chunk, text.as_bytes());
        read(&mut input, &mut sink)?;
        let batch = sink.finish().unwrap();
        let ids = batch.lines.into_iter().map(|(id, _)| id).collect();
        let places = batch
            .rejected
            .iter()
            .map(|r| r.place.to_string().split(" (").next().unwrap().to_owned())
            .collect();
        Ok((ids, places))
    }

    #[test]
    fn array_items_are_found_by_their_brackets_across_reads() {
        let tricky = entry("B", r#"{"s":"] , [ \" \\","list":[1,[2,{"x":"}"}]]}"#);
        let text = format!(
            "[\n{},\n {tricky} , 7, {{\"v\":1}}, \"]\" ,\n{}\n]\n",
            entry("A", "\"a\""),
            entry("C", "\"c, [d]\"")
        );
        for chunk in [1, 2, 3, 7, 64, 8192] {
            let (ids, rejected) = read_array(&text, chunk).unwrap();
            assert_eq!(ids, ["A", "B", "C"], "chunk {chunk}");
            assert_eq!(rejected, ["item 3", "item 4", "item 5"], "chunk {chunk}");
        }
        assert_eq!(read_array("[]", 4).unwrap(), (vec![], vec![]));
        let spaced = format!("\n  [{}]", entry("A", "1"));
        assert_eq!(read_array(&spaced, 64).unwrap().0, ["A"]);
    }

    #[test]
    fn a_broken_array_is_not_an_export() {
        for text in ["[{\"v\":1}", "[1] x", "[\"unclosed]"] {
            assert!(
                matches!(read_array(text, 8), Err(Problem::Format(_))),
                "{text}"
            );
        }
    }
}
