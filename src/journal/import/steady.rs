//! steady's own files: a JSON array (as `export --format json` writes) read item by item,
//! or JSON Lines (an export or a journal) read line by line. A line keeps its exact bytes;
//! an array item becomes its compact JSON with its keys in order. Neither holds more than
//! one entry at a time, and neither keeps more than 1 MiB of one.

use std::io::BufRead;

use serde_json::Value;

use super::sink::Sink;
use super::{Place, Problem};
use crate::journal::read::{Lines, MAX_LINE};

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

/// A JSON array, one item at a time: each item's bytes are found by its brackets (outside
/// strings) and parsed on its own, so memory holds one item, never the array.
fn array(input: &mut dyn BufRead, sink: &mut Sink) -> Result<(), Problem> {
    let mut splitter = Splitter::default();
    let mut item = Vec::new();
    let mut n = 0;
    let mut opened = false;
    let mut closed = false;
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        let mut at = 0;
        if !opened {
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) if buf[i] == b'[' => {
                    opened = true;
                    at = i + 1;
                }
                Some(_) => return Err(Problem::Format("it does not begin with [".into())),
                None => at = len,
            }
        }
        while at < len && !closed {
            let (used, end) = splitter.feed(&buf[at..], &mut item);
            at += used;
            let Some(end) = end else { continue };
            closed = end == End::Array;
            let bytes = std::mem::take(&mut item);
            let text = bytes.trim_ascii();
            if text.is_empty() {
                // `[]`, or a comma before the closing bracket.
                continue;
            }
            n += 1;
            offer_item(sink, Place::Item(n), text, splitter.too_long)?;
            splitter.too_long = false;
        }
        if closed && buf[at..].iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Problem::Format(
                "there is more after the array's closing ]".into(),
            ));
        }
        input.consume(len);
    }
    if !closed {
        return Err(Problem::Format(
            "the array ends before its closing ]".into(),
        ));
    }
    Ok(())
}

fn offer_item(sink: &mut Sink, place: Place, text: &[u8], too_long: bool) -> Result<(), Problem> {
    if too_long {
        sink.reject(place, "the entry is longer than 1 MiB".into());
        return Ok(());
    }
    match serde_json::from_slice::<Value>(text) {
        Ok(value) if value.is_object() => {
            let line = value.to_string();
            sink.offer(place, &value, &line)?;
        }
        Ok(_) => sink.reject(place, "not a JSON object".into()),
        Err(e) => sink.reject(place, format!("not JSON ({e})")),
    }
    Ok(())
}

/// How an array item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// At a comma: more follow.
    Comma,
    /// At the array's closing bracket.
    Array,
}

/// Finds where array items end, across reads.
#[derive(Debug, Default)]
struct Splitter {
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The item grew past `MAX_LINE`; its bytes are no longer kept.
    too_long: bool,
}

impl Splitter {
    /// Adds bytes of `buf` to `item` up to the end of the item; returns how many bytes were
    /// used and how the item ended, if it did.
    fn feed(&mut self, buf: &[u8], item: &mut Vec<u8>) -> (usize, Option<End>) {
        for (i, &b) in buf.iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b']' if self.depth == 0 => return (i + 1, Some(End::Array)),
                    b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                    b',' if self.depth == 0 => return (i + 1, Some(End::Comma)),
                    _ => {}
                }
            }
            if item.len() < MAX_LINE {
                item.push(b);
            } else {
                self.too_long = true;
            }
        }
        (buf.len(), None)
    }
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
            spool_in: None,
        };
        let mut sink = Sink::new(&options).unwrap();
        let mut input = BufReader::with_capacity(chunk, text.as_bytes());
        read(&mut input, &mut sink)?;
        let batch = sink.finish().unwrap();
        let ids = batch.lines.into_iter().map(|(id, _)| id).collect();
        let places = batch.rejected.iter().map(|r| r.place.to_string()).collect();
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
