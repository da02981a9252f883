//! The newest lines of a journal, read from the end of the file: enough for `steady due` to
//! answer "was anything practised today?" at every shell prompt without parsing the whole
//! journal.
//!
//! An entry for today can only have been written today, so it sits among the last lines.
//! Those lines can also hold entries back-dated into earlier days (`checkin --at yesterday`,
//! an import), so the look-back is not cut at the first older entry but runs over the last
//! `LOOK_BACK` lines.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

use super::entry::Entry;
use super::query::day_of;
use super::read::{Content, MAX_LINE, parse_line};

/// How many lines from the end are looked at.
pub const LOOK_BACK: usize = 256;
/// The first read from the end; it grows until it holds `LOOK_BACK` lines.
const FIRST_READ: u64 = 64 * 1024;
/// The most read from the end, however long the lines are.
const MOST_READ: u64 = 16 * 1024 * 1024;

/// Whether one of the last `LOOK_BACK` readable entries that `counts` belongs to `day`. A
/// missing file holds nothing; unreadable lines are passed over.
pub fn has_entry_on(
    path: &Path,
    day: NaiveDate,
    day_starts_at: NaiveTime,
    counts: impl Fn(&Entry) -> bool,
) -> io::Result<bool> {
    any_last_line(path, |line| match parse_line(line) {
        Content::Entry { entry, .. } => {
            counts(&entry) && day_of(entry.started_at, day_starts_at) == day
        }
        Content::Unreadable { .. } => false,
    })
}

/// Whether `says` is true of one of the last `LOOK_BACK` lines, newest first (each without
/// its newline); a missing file has none. For a journal whose lines say less than an entry
/// (a sealed one: only when each was written).
pub fn any_last_line(path: &Path, says: impl FnMut(&[u8]) -> bool) -> io::Result<bool> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    let tail = read_tail(&file)?;
    Ok(last_lines(&tail).any(says))
}

/// The end of the file, from a line start, holding at least `LOOK_BACK` lines when the
/// file has that many (without a UTF-8 byte order mark at the file's start).
fn read_tail(file: &File) -> io::Result<Vec<u8>> {
    let len = file.metadata()?.len();
    let mut want = FIRST_READ;
    loop {
        let from = len.saturating_sub(want);
        let mut buf = vec![0u8; (len - from) as usize];
        file.read_exact_at(&mut buf, from)?;
        let whole = from == 0;
        let enough = memchr::memrchr_iter(b'\n', &buf).nth(LOOK_BACK).is_some();
        if whole || enough || want >= MOST_READ {
            if whole {
                if let Some(rest) = buf.strip_prefix(b"\xEF\xBB\xBF") {
                    return Ok(rest.to_vec());
                }
                return Ok(buf);
            }
            // Drop the part line before the first newline: it began before the read.
            let start = memchr::memchr(b'\n', &buf).map_or(buf.len(), |i| i + 1);
            return Ok(buf.split_off(start));
        }
        want *= 4;
    }
}

/// The last `LOOK_BACK` lines of `tail`, newest first, each without its newline; a line
/// longer than `MAX_LINE` is skipped, as the whole-journal reader would not load it.
fn last_lines(tail: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = tail.strip_suffix(b"\n").unwrap_or(tail);
    body.rsplit(|&b| b == b'\n')
        .take(LOOK_BACK)
        .filter(|line| line.len() <= MAX_LINE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(started: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{started}","practice":"feeling-check-in","title":"Check-in","started_at":"{started}","ended_at":"{started}","completed":true,"via":"cli","responses":{{"note":"{note}"}}}}"#,
            note = "a quiet morning ".repeat(8)
        )
    }

    /// A fresh folder for one test.
    fn folder(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("steady-recent-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn journal(name: &str, lines: &[String]) -> std::path::PathBuf {
        let path = folder(name).join("journal.jsonl");
        let mut text = lines.join("\n");
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        path
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const FOUR: NaiveTime = NaiveTime::from_hms_opt(4, 0, 0).unwrap();

    #[test]
    fn finds_today_behind_a_back_dated_entry() {
        let path = journal(
            "back-dated",
            &[
                line("2026-11-21T09:00:00+01:00"),
                line("2026-11-22T09:00:00+01:00"),
                line("2026-11-20T22:00:00+01:00"),
            ],
        );
        assert!(has_entry_on(&path, day("2026-11-22"), FOUR, |_| true).unwrap());
        assert!(!has_entry_on(&path, day("2026-11-23"), FOUR, |_| true).unwrap());
    }

    #[test]
    fn a_practice_before_the_day_starts_belongs_to_the_day_before() {
        let path = journal("early", &[line("2026-11-23T01:30:00+01:00")]);
        assert!(has_entry_on(&path, day("2026-11-22"), FOUR, |_| true).unwrap());
        assert!(!has_entry_on(&path, day("2026-11-23"), FOUR, |_| true).unwrap());
    }

    #[test]
    fn looks_back_only_so_far_and_reads_across_its_first_read() {
        let mut lines = vec![line("2026-11-22T09:00:00+01:00")];
        lines.extend((0..LOOK_BACK).map(|_| line("2026-11-01T09:00:00+01:00")));
        let path = journal("far", &lines);
        assert!(std::fs::metadata(&path).unwrap().len() > FIRST_READ);
        assert!(!has_entry_on(&path, day("2026-11-22"), FOUR, |_| true).unwrap());
        lines.pop();
        let path = journal("near", &lines);
        assert!(has_entry_on(&path, day("2026-11-22"), FOUR, |_| true).unwrap());
    }

    #[test]
    fn a_missing_file_a_torn_tail_and_unreadable_lines_are_nothing() {
        let dir = folder("odd");
        let missing = dir.join("none.jsonl");
        assert!(!has_entry_on(&missing, day("2026-11-22"), FOUR, |_| true).unwrap());
        let path = dir.join("j.jsonl");
        let torn = line("2026-11-22T09:00:00+01:00");
        let text = format!("\u{feff}not json\n{}\n{}", torn, &torn[..20]);
        std::fs::write(&path, text).unwrap();
        assert!(has_entry_on(&path, day("2026-11-22"), FOUR, |_| true).unwrap());
    }
}
