//! JSON arrays read one item at a time: each item's bytes are found by its brackets
//! (outside strings) and handed on alone, so memory holds one item (at most `MAX_LINE` of
//! it), never the array. steady's JSON exports and Pixels' backups are such arrays; jrnl's
//! export holds one under the key `"entries"` of its top object, found first by `seek_key`.

use std::io::BufRead;

use super::{Place, Problem};
use crate::journal::read::MAX_LINE;

/// One item of an array: its place, and its bytes (`None` when it is longer than
/// `MAX_LINE`, and so never kept).
pub(super) struct Item<'a> {
    pub place: Place,
    pub bytes: Option<&'a [u8]>,
}

/// Reads the array `input` starts with (after any white space), handing each item to
/// `each`. After its closing `]` only white space may follow, unless `rest_ok`.
pub(super) fn items(
    input: &mut dyn BufRead,
    rest_ok: bool,
    each: &mut dyn FnMut(Item) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let mut splitter = Splitter::default();
    let mut item = Vec::new();
    let mut n = 0;
    let mut opened = false;
    let mut closed = false;
    while !closed {
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
                    splitter.line += memchr::memchr_iter(b'\n', &buf[..i]).count();
                    at = i + 1;
                }
                Some(_) => return Err(Problem::Format("it does not begin with [".into())),
                None => {
                    splitter.line += memchr::memchr_iter(b'\n', buf).count();
                    at = len;
                }
            }
        }
        while at < len && !closed {
            let (used, end) = splitter.feed(&buf[at..], &mut item);
            at += used;
            let Some(end) = end else { continue };
            closed = end == End::Array;
            let bytes = std::mem::take(&mut item);
            let text = bytes.trim_ascii();
            if text.is_empty() && !splitter.too_long {
                // `[]`, or a comma before the closing bracket.
                continue;
            }
            n += 1;
            let place = Place::Item(n, splitter.first_line);
            let bytes = (!splitter.too_long).then_some(text);
            each(Item { place, bytes })?;
            splitter.too_long = false;
            splitter.first_line = 0;
        }
        input.consume(if closed { at } else { len });
    }
    if !closed {
        return Err(Problem::Format(
            "the array ends before its closing ]".into(),
        ));
    }
    if rest_ok {
        return Ok(());
    }
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        if buf.iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(Problem::Format(
                "there is more after the array's closing ]".into(),
            ));
        }
        let len = buf.len();
        input.consume(len);
    }
    Ok(())
}

/// Moves `input` past `"key":` in the object it starts with (at the object's top level, not
/// inside another value), so that the key's value comes next. `Ok(false)` when the object
/// has no such key.
pub(super) fn seek_key(input: &mut dyn BufRead, key: &str) -> Result<bool, Problem> {
    let want = format!("\"{key}\"");
    let mut scan = Splitter::default();
    // The last string at the object's top level, while it may still be the key.
    let mut last = Vec::new();
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        for (i, &b) in buf.iter().enumerate() {
            let was_top = scan.depth == 1;
            let in_string = scan.in_string;
            scan.step(b);
            if scan.depth == 0 && !scan.in_string && b == b'}' {
                return Ok(false);
            }
            if was_top && (in_string || scan.in_string) {
                if b == b'"' && !in_string {
                    last.clear();
                }
                if last.len() <= want.len() {
                    last.push(b);
                }
            } else if was_top && b == b':' && last == want.as_bytes() {
                input.consume(i + 1);
                return Ok(true);
            } else if !b.is_ascii_whitespace() {
                last.clear();
            }
        }
        let len = buf.len();
        input.consume(len);
    }
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
    /// Newlines seen so far (the line is one more).
    line: usize,
    /// The line the current item's first byte is on (0 before it has one).
    first_line: usize,
}

impl Splitter {
    /// Follows one byte outside any item: strings, depth and lines.
    fn step(&mut self, b: u8) {
        if b == b'\n' {
            self.line += 1;
        }
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
                b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
    }

    /// Adds bytes of `buf` to `item` up to the end of the item; returns how many bytes were
    /// used and how the item ended, if it did.
    fn feed(&mut self, buf: &[u8], item: &mut Vec<u8>) -> (usize, Option<End>) {
        for (i, &b) in buf.iter().enumerate() {
            if !self.in_string && self.depth == 0 {
                match b {
                    b']' => return (i + 1, Some(End::Array)),
                    b',' => return (i + 1, Some(End::Comma)),
                    _ => {}
                }
            }
            if self.first_line == 0 && !b.is_ascii_whitespace() {
                self.first_line = self.line + 1;
            }
            self.step(b);
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
    use std::io::BufReader;

    use super::*;

    /// Each item's text (or `None` when too long) and place, read `chunk` bytes at a time.
    fn read(text: &str, chunk: usize, rest_ok: bool) -> Result<Vec<(String, String)>, Problem> {
        let mut input = BufReader::with_capacity(chunk, text.as_bytes());
        let mut got = Vec::new();
        items(&mut input, rest_ok, &mut |item| {
            let bytes = item
                .bytes
                .map_or("(long)".into(), |b| String::from_utf8_lossy(b).into_owned());
            got.push((item.place.to_string(), bytes));
            Ok(())
        })?;
        Ok(got)
    }

    #[test]
    fn items_are_found_by_their_brackets_across_reads() {
        let text = "[\n{\"a\":\"] , [ \\\" \\\\\"},\n 7 ,\n{\"b\":[1,{\"c\":\"}\"}]}\n]\n";
        for chunk in [1, 2, 3, 7, 64, 8192] {
            let got = read(text, chunk, false).unwrap();
            let places: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
            assert_eq!(
                places,
                ["item 1 (line 2)", "item 2 (line 3)", "item 3 (line 4)"]
            );
            assert_eq!(got[1].1, "7");
        }
        assert!(read("[]", 4, false).unwrap().is_empty());
        assert!(read("[1] x", 4, false).is_err());
        assert_eq!(read("[1] x", 4, true).unwrap().len(), 1);
        assert!(read("[1", 4, false).is_err());
        let long = format!("[\"{}\", 2]", "x".repeat(MAX_LINE + 10));
        let got = read(&long, 8192, false).unwrap();
        assert_eq!(got[0].1, "(long)");
        assert_eq!(got[1].1, "2");
    }

    #[test]
    fn a_key_is_found_only_at_the_top_of_the_object() {
        let text = r#"{"tags": {"entries": 1, "x": "\"entries\":"}, "entries" : [1, 2]}"#;
        for chunk in [1, 5, 8192] {
            let mut input = BufReader::with_capacity(chunk, text.as_bytes());
            assert!(seek_key(&mut input, "entries").unwrap());
            let mut rest = String::new();
            std::io::Read::read_to_string(&mut input, &mut rest).unwrap();
            assert_eq!(rest, " [1, 2]}");
        }
        let mut input = BufReader::new(&b"{\"tags\": {\"entries\": []}}"[..]);
        assert!(!seek_key(&mut input, "entries").unwrap());
    }
}
