//! `steady log`: entries newest first (by when they began, whatever the order of the file),
//! as a table that fits the terminal (each entry on its own date; one written after
//! midnight says which day it counts for) or, with `--json`, as the stored lines. While the
//! journal streams by, only the stored lines of the newest `--limit` entries are kept, and
//! only those become rows.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset};
use unicode_width::UnicodeWidthStr;

use super::args::LogArgs;
use super::filters::{self, Scan, Selection, Stop};
use super::{CliResult, Context, out};
use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::summary::{Summary, cut_at_word, summarise};
use crate::text::{self, fit};

/// The widest the answers and practice columns get before being cut.
const MAX_ANSWERS: usize = 32;
const MAX_PRACTICE: usize = 22;

/// One table row, already cleaned of control characters.
struct Row {
    date: String,
    time: String,
    practice: String,
    answers: String,
    note: String,
}

pub fn run(ctx: &Context, args: &LogArgs) -> CliResult {
    let selection = filters::select(ctx, &args.filter)?;
    let (lines, scan) = match newest(ctx, &selection, args.limit.unwrap_or(usize::MAX)) {
        Ok(found) => found,
        Err(stop) => return stop.into_result(),
    };
    let result = if args.json {
        out::print(|out| lines.iter().try_for_each(|l| writeln!(out, "{l}")))
    } else {
        // Only the kept lines are read again, to make their rows.
        let rows: Vec<Row> = lines
            .iter()
            .filter_map(|raw| serde_json::from_str::<Entry>(raw).ok())
            .map(|e| row(&e, selection.day_starts_at))
            .collect();
        out::print(|out| match filters::nothing_to_show(&scan) {
            Some(why) => writeln!(out, "{why}"),
            None => table(out, &rows, width()),
        })
    };
    filters::report_unreadable(&scan);
    result
}

/// An entry's place in time: when it began, then its place in the file (the later line is
/// the newer one when two began at the same moment).
type Place = (DateTime<FixedOffset>, usize);

/// The stored lines of the newest `limit` selected entries, newest first. Lines are cheap
/// to keep; entries are not.
fn newest(ctx: &Context, selection: &Selection, limit: usize) -> Result<(Vec<String>, Scan), Stop> {
    // The oldest kept entry on top, ready to make way for a newer one.
    let mut kept: BinaryHeap<Reverse<(Place, String)>> = BinaryHeap::new();
    let mut seq = 0;
    let scan = filters::scan(ctx, selection, |entry, raw| {
        seq += 1;
        let place = (entry.started_at, seq);
        if kept.len() < limit {
            kept.push(Reverse((place, raw.to_owned())));
        } else if let Some(mut oldest) = kept.peek_mut()
            && oldest.0.0 < place
        {
            *oldest = Reverse((place, raw.to_owned()));
        }
        Ok(())
    })?;
    // Ascending order of `Reverse` is newest first.
    let lines = kept
        .into_sorted_vec()
        .into_iter()
        .map(|Reverse((_, raw))| raw)
        .collect();
    Ok((lines, scan))
}

/// The terminal's width from `$COLUMNS` (shells set it), else 80.
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= 20)
        .unwrap_or(80)
}

/// An entry's row: its own date and time (as History and exports show them); when the day
/// rule counts it for the day before (an entry after midnight), the note says so first.
fn row(entry: &Entry, day_starts_at: chrono::NaiveTime) -> Row {
    let Summary { answers, mut note } = summarise(entry, &[]);
    let own = entry.started_at.date_naive();
    let day = day_of(entry.started_at, day_starts_at);
    if day != own {
        let counts = format!("(for {})", day.format("%-d %b"));
        note = if note.is_empty() {
            counts
        } else {
            format!("{counts} {note}")
        };
    }
    Row {
        date: own.to_string(),
        time: entry.started_at.format("%H:%M").to_string(),
        practice: text::clean(&entry.practice, false),
        answers,
        note,
    }
}

/// The rows (newest first) under a header, the note cut to fit `width` columns.
fn table(out: &mut dyn Write, rows: &[Row], width: usize) -> io::Result<()> {
    let widest = |f: fn(&Row) -> &str, min: usize, max: usize| {
        rows.iter()
            .map(|r| f(r).width())
            .max()
            .unwrap_or(0)
            .clamp(min, max)
    };
    // date (10) and time (5) always show; the other columns share what is left, two
    // spaces between each, and the note takes the rest.
    let mut room = width.saturating_sub(10 + 2 + 5 + 2);
    let practice_w = widest(|r| &r.practice, "practice".len(), MAX_PRACTICE).min(room);
    room = room.saturating_sub(practice_w + 2);
    // With notes to show, the answers leave the notes about two fifths of the room.
    let answers_room = if rows.iter().any(|r| !r.note.is_empty()) {
        room * 3 / 5
    } else {
        room
    };
    let answers_w = widest(|r| &r.answers, "answers".len(), MAX_ANSWERS).min(answers_room);
    let note_w = room.saturating_sub(answers_w + 2);
    let line = |out: &mut dyn Write, cells: [&str; 5]| {
        let [date, time, practice, answers, note] = cells;
        let text = format!(
            "{date:<10}  {time:<5}  {}  {}  {}",
            fit(practice, practice_w),
            fit(&cut_at_word(answers, answers_w), answers_w),
            cut_at_word(note, note_w)
        );
        writeln!(out, "{}", text.trim_end())
    };
    line(out, ["date", "time", "practice", "answers", "note"])?;
    for r in rows {
        line(out, [&r.date, &r.time, &r.practice, &r.answers, &r.note])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::journal::signals::test_entry as entry;

    #[test]
    fn the_table_fits_the_width() {
        let e = entry(
            "feeling-check-in",
            true,
            serde_json::json!({"level": 2, "note": "x".repeat(200)}),
        );
        let rows = [row(&e, chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap())];
        let mut out = Vec::new();
        table(&mut out, &rows, 60).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(
            lines[1].starts_with("2026-11-22  01:30  feeling-check-in  level 2  (for 21 Nov)"),
            "{text}"
        );
        assert!(lines[1].chars().count() <= 60, "{text}");
        assert!(lines[1].ends_with('…'));
    }

    #[test]
    fn wide_characters_count_as_two_columns() {
        let e = entry(
            "feeling-check-in",
            true,
            serde_json::json!({"feeling": "不安", "level": 2, "note": "胸が苦しい。".repeat(30)}),
        );
        let rows = [row(&e, chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap())];
        let mut out = Vec::new();
        table(&mut out, &rows, 60).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert!(line.width() <= 60, "{} columns: {line}", line.width());
        }
        assert!(text.lines().nth(1).unwrap().ends_with('…'), "{text}");
    }
}
