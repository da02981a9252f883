//! `steady log`: entries newest first (by when they began, whatever the order of the file),
//! as a table that fits the terminal (each entry on its own date; one written after
//! midnight says which day it counts for; a tags column when any entry shown has tags; the
//! note always keeps a share of the width, and cut text ends at a word with `…`) or, with `--json`, as the stored lines. Only the
//! stored lines of the newest `--limit` entries are kept (`Vault::latest`, which reads a large
//! journal from its end with an order index), and only those become rows.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::args::LogArgs;
use super::filters::{self, Scan, Selection, Stop};
use super::{CliError, CliResult, Context, out};
use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::summary::{Summary, cut_at_word, summarise};
use crate::text::{self, fit};

/// The widest the answers, tags and practice columns get before being cut.
const MAX_ANSWERS: usize = 48;
const MAX_TAGS: usize = 24;
const MAX_PRACTICE: usize = 22;

/// One table row, already cleaned of control characters.
struct Row {
    date: String,
    time: String,
    practice: String,
    answers: String,
    tags: String,
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

/// The stored lines of the newest `limit` selected entries, newest first by when they began
/// (the later written first when two began at the same moment), through the journal's port
/// (`Vault::latest`, which reads a large journal from its end). Lines are cheap to keep;
/// entries are not.
fn newest(ctx: &Context, selection: &Selection, limit: usize) -> Result<(Vec<String>, Scan), Stop> {
    let vault = ctx.vault().map_err(Stop::Journal)?;
    let keep = |entry: &Entry| selection.filter.matches(entry, selection.day_starts_at);
    let latest = vault
        .latest(limit, &keep)
        .map_err(|e| Stop::Journal(CliError::failure(e.to_string())))?;
    let scan = Scan {
        entries: latest.entries,
        selected: latest.selected,
        unreadable: latest.unreadable,
    };
    Ok((latest.lines, scan))
}

/// The width to fit: `$COLUMNS` when it is set (shells set it, but most do not pass it on
/// to the programs they run), else the terminal's own width when standard output is one,
/// else 80.
fn width() -> usize {
    use std::io::IsTerminal;
    let usable = |w: usize| (w >= 20).then_some(w);
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| usable(c.trim().parse::<usize>().ok()?))
        .or_else(|| {
            io::stdout().is_terminal().then(|| {
                let (columns, _) = ratatui::crossterm::terminal::size().ok()?;
                usable(usize::from(columns))
            })?
        })
        .unwrap_or(80)
}

/// An entry's row: its own date and time (as History and exports show them); when the day
/// rule counts it for the day before (an entry after midnight), the note says so first.
fn row(entry: &Entry, day_starts_at: chrono::NaiveTime) -> Row {
    let Summary {
        answers,
        tags,
        mut note,
    } = summarise(entry, &[]);
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
        tags,
        note,
    }
}

/// Below this many columns for answers, tags and note together, tags share the answers'
/// column ("… · tags: work, sport") instead of having one of their own.
const TAGS_COLUMN_FROM: usize = 48;

/// The rows (newest first) under a header, fitted to `width` columns: date and time always
/// show; the practice, answers and tags take what they need up to their widest; the note
/// takes the rest, and when that would be less than two fifths of what is left after the
/// practice, the answers and tags give up room for it.
fn table(out: &mut dyn Write, rows: &[Row], width: usize) -> io::Result<()> {
    let widest = |rows: &[Row], f: fn(&Row) -> &str, min: usize, max: usize| {
        rows.iter()
            .map(|r| f(r).width())
            .max()
            .unwrap_or(0)
            .clamp(min, max)
    };
    // Two spaces between columns.
    let mut room = width.saturating_sub(10 + 2 + 5 + 2);
    let practice_w = widest(rows, |r| &r.practice, "practice".len(), MAX_PRACTICE).min(room);
    room = room.saturating_sub(practice_w + 2);
    let mut tagged = Vec::new();
    let has_tags = rows.iter().any(|r| !r.tags.is_empty());
    let rows = if has_tags && room < TAGS_COLUMN_FROM {
        tagged.extend(rows.iter().map(Row::tags_in_answers));
        &tagged[..]
    } else {
        rows
    };
    let tags_column = has_tags && room >= TAGS_COLUMN_FROM;
    let has_notes = rows.iter().any(|r| !r.note.is_empty());
    let mut answers_w = widest(rows, |r| &r.answers, "answers".len(), MAX_ANSWERS);
    let mut tags_w = if tags_column {
        widest(rows, |r| &r.tags, "tags".len(), MAX_TAGS)
    } else {
        0
    };
    let gaps = if tags_column { 4 } else { 2 };
    // What the answers and tags may take together, the note keeping two fifths.
    let share = if has_notes {
        room * 3 / 5
    } else {
        room.saturating_sub(gaps)
    };
    if answers_w + tags_w > share {
        // Each gives up room in proportion to what it asked for.
        let asked = answers_w + tags_w;
        tags_w = tags_w * share / asked;
        answers_w = share - tags_w;
    }
    let note_w = room.saturating_sub(answers_w + tags_w + gaps);
    let line = |out: &mut dyn Write, cells: [&str; 6]| {
        let [date, time, practice, answers, tags, note] = cells;
        let mut text = format!(
            "{date:<10}  {time:<5}  {}  {}  ",
            fit(practice, practice_w),
            fit(&cut_at_word(answers, answers_w), answers_w),
        );
        if tags_column {
            text += &fit(&cut_at_word(tags, tags_w), tags_w);
            text += "  ";
        }
        text += &cut_at_word(note, note_w);
        writeln!(out, "{}", text.trim_end())
    };
    line(out, ["date", "time", "practice", "answers", "tags", "note"])?;
    for r in rows {
        line(
            out,
            [&r.date, &r.time, &r.practice, &r.answers, &r.tags, &r.note],
        )?;
    }
    Ok(())
}

impl Row {
    /// The row with its tags at the end of its answers, for a table too narrow for a tags
    /// column.
    fn tags_in_answers(&self) -> Row {
        let answers = match (self.answers.is_empty(), self.tags.is_empty()) {
            (_, true) => self.answers.clone(),
            (true, false) => format!("tags: {}", self.tags),
            (false, false) => format!("{} · tags: {}", self.answers, self.tags),
        };
        Row {
            date: self.date.clone(),
            time: self.time.clone(),
            practice: self.practice.clone(),
            answers,
            tags: String::new(),
            note: self.note.clone(),
        }
    }
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
            lines[1].starts_with("2026-11-22  01:30  feeling-check-in  strength 2…    (for 21…"),
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

    #[test]
    fn the_note_keeps_its_share_and_ends_at_a_word_at_every_width() {
        let four = chrono::NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let mut tagged = entry(
            "distancing-reflection",
            true,
            serde_json::json!({"feeling": "numb and far away", "level": 4, "mood": 2, "colour": "grey", "need": "space, then company", "note": "I went quiet at dinner when she asked about the weekend plans again"}),
        );
        tagged.tags = vec!["family".into(), "weekend plans".into(), "tired".into()];
        tagged.started_at =
            chrono::DateTime::parse_from_rfc3339("2026-11-22T19:30:00+01:00").unwrap();
        let plain = entry(
            "feeling-check-in",
            true,
            serde_json::json!({"level": 2, "colour": "blue", "note": "Better after the walk"}),
        );
        let rows = [row(&tagged, four), row(&plain, four)];
        for width in [60, 80, 100, 120, 160, 200] {
            let mut out = Vec::new();
            table(&mut out, &rows, width).unwrap();
            let text = String::from_utf8(out).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            // A tags column from 100 columns; below, the tags end the answers.
            assert_eq!(lines[0].contains("tags"), width >= 100, "{text}");
            assert_eq!(text.contains("family"), width >= 100, "{text}");
            for line in &lines {
                assert!(line.width() <= width, "{width}: {line}");
            }
            // The note column starts where its header does, and holds words.
            let at = lines[0].find("note").unwrap();
            for line in &lines[1..] {
                let note: String = line.chars().skip(at).collect();
                assert!(note.len() >= 4, "{width}: the note is empty in {line:?}");
                let note = note.trim_end_matches('…');
                let words = [
                    "I went quiet at dinner when she asked about the weekend plans again",
                    "(for 21 Nov) Better after the walk",
                    "Better after the walk",
                ];
                assert!(
                    words.iter().any(|w| w.starts_with(note)
                        && (note.len() == w.len() || w[note.len()..].starts_with(' '))),
                    "{width}: cut inside a word: {note:?}"
                );
            }
        }
    }
}
