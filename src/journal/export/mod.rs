//! Writing entries out as JSON, JSON Lines, CSV or Markdown, and where an export may go
//! (`target`).
//!
//! `json` and `jsonl` copy the stored lines byte for byte and in the order given, so an
//! export re-imports exactly; they stream in one pass. `csv` (`csv`) and `md` (`markdown`)
//! are in time order whatever the order of the file (back-dated check-ins, imports), and
//! CSV needs every answer key before its header, so both read the entries twice: the first
//! pass reads only each entry's outline (`journal::outline`) and keeps a few numbers per
//! entry (its day, its moment, its place) and CSV's column names; the second parses and
//! renders each entry (on the source's threads) and writes it as soon as its turn comes,
//! holding back only the entries that came in the file before an earlier one. A journal
//! written in time order holds back nothing, so memory stays a few dozen bytes per entry,
//! not the entries.

mod csv;
mod markdown;
pub mod target;

use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{NaiveDate, NaiveTime};

use super::entry::Entry;
use super::outline::Outline;
use super::query::day_of;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Jsonl,
    Md,
}

/// What `Sequential`'s closure calls for each entry with the exact line it was read from.
pub type Each<'a> = dyn FnMut(&Entry, &str) -> io::Result<()> + 'a;

/// Where `write` reads the entries from, once for each pass: the selected entries in file
/// order, each handed to `each` as what `map` made of it. `map` may run on other threads
/// (the command line's journal is parsed on every core, and the rendering is done there
/// too). A pass stops at the first error `each` returns, and passes it on.
pub trait Source {
    type Error: From<io::Error>;

    /// The selected entries, each with the exact line it was read from; None for each
    /// place `outline_pass` handed on that is not an entry.
    fn pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Entry, &str) -> T + Sync),
        each: &mut dyn FnMut(Option<T>) -> io::Result<()>,
    ) -> Result<(), Self::Error>;

    /// The outlines of the selected entries, which may be read without parsing whole
    /// entries: a few of them may then turn out not to be entries in `pass`.
    fn outline_pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Outline) -> T + Sync),
        each: &mut dyn FnMut(T) -> io::Result<()>,
    ) -> Result<(), Self::Error>;
}

/// A source that calls its argument with each entry and its line, in file order, on this
/// thread (review's entries, tests); its outlines are its entries'.
pub struct Sequential<F>(pub F);

impl<F, E> Source for Sequential<F>
where
    F: FnMut(&mut Each) -> Result<(), E>,
    E: From<io::Error>,
{
    type Error = E;

    fn pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Entry, &str) -> T + Sync),
        each: &mut dyn FnMut(Option<T>) -> io::Result<()>,
    ) -> Result<(), E> {
        (self.0)(&mut |entry, raw| each(Some(map(entry, raw))))
    }

    fn outline_pass<T: Send>(
        &mut self,
        map: &(dyn Fn(&Outline) -> T + Sync),
        each: &mut dyn FnMut(T) -> io::Result<()>,
    ) -> Result<(), E> {
        (self.0)(&mut |entry, _| each(map(&Outline::of(entry))))
    }
}

/// What the second pass hands each rendered entry to, with its day, when its turn comes.
type Put<'a> = dyn FnMut(NaiveDate, &[u8], &mut dyn Write) -> io::Result<()> + 'a;

/// Writes the entries `source` hands out in `format` to `out`; returns how many.
///
/// `csv` and `md` read `source` twice and expect the same entries both times (entries
/// appended in between, as check-ins are, are left out).
pub fn write<S: Source>(
    format: Format,
    day_starts_at: NaiveTime,
    mut source: S,
    out: &mut dyn Write,
) -> Result<usize, S::Error> {
    let count = match format {
        Format::Jsonl | Format::Json => {
            let mut count = 0;
            source.pass(&|_, raw| raw.to_owned(), &mut |raw| {
                let Some(raw) = raw else {
                    return Ok(());
                };
                count += 1;
                match format {
                    Format::Jsonl => writeln!(out, "{raw}"),
                    _ => write!(out, "{}{raw}", if count == 1 { "[\n" } else { ",\n" }),
                }
            })?;
            match (format, count) {
                (Format::Json, 0) => out.write_all(b"[]\n")?,
                (Format::Json, _) => out.write_all(b"\n]\n")?,
                _ => {}
            }
            count
        }
        Format::Csv => {
            let mut columns = csv::Columns::default();
            let shape = |outline: &Outline| csv::Shape::of(outline);
            let order = Order::read(&mut source, day_starts_at, false, &shape, |s| {
                columns.add(s);
            })?;
            let table = csv::Table::new(columns, day_starts_at);
            table.header(out)?;
            let mut put = |_, text: &[u8], out: &mut dyn Write| out.write_all(text);
            order.write(
                &mut source,
                out,
                &|entry, buf| table.row(entry, buf),
                &mut put,
            )?
        }
        Format::Md => {
            let order = Order::read(&mut source, day_starts_at, true, &|_| (), |()| {})?;
            markdown::title(out)?;
            let mut last_day = None;
            let mut put = |day, text: &[u8], out: &mut dyn Write| {
                if last_day != Some(day) {
                    markdown::day_heading(day, out)?;
                    last_day = Some(day);
                }
                out.write_all(text)
            };
            let render = |entry: &Entry, buf: &mut Vec<u8>| {
                markdown::entry(entry, buf);
                Ok(())
            };
            order.write(&mut source, out, &render, &mut put)?
        }
    };
    out.flush()?;
    Ok(count)
}

/// The order entries are written in, from a first pass over the outlines: for each entry
/// in file order, its place in the output.
struct Order {
    /// `rank[i]`: where the i-th entry of the first pass goes.
    rank: Vec<u32>,
    /// The day of each place in the output (Markdown's headings).
    days: Vec<NaiveDate>,
}

impl Order {
    /// First pass: sorts by moment (`by_day`: by day first, then moment); entries that began
    /// at the same moment keep their file order. `also` sees what `extra` made of each
    /// entry's outline (on the source's threads).
    fn read<S: Source, X: Send>(
        source: &mut S,
        day_starts_at: NaiveTime,
        by_day: bool,
        extra: &(dyn Fn(&Outline) -> X + Sync),
        mut also: impl FnMut(X),
    ) -> Result<Order, S::Error> {
        let mut keys: Vec<(NaiveDate, i64, u32)> = Vec::new();
        let key = |outline: &Outline| {
            let day = if by_day {
                day_of(outline.started_at, day_starts_at)
            } else {
                NaiveDate::MIN
            };
            (day, outline.started_at.timestamp_millis(), extra(outline))
        };
        source.outline_pass(&key, &mut |(day, at, x)| {
            also(x);
            // A journal of four billion entries does not fit on a disk steady runs from.
            keys.push((day, at, u32::try_from(keys.len()).unwrap_or(u32::MAX)));
            Ok(())
        })?;
        keys.sort_unstable();
        let mut rank = vec![0; keys.len()];
        for (place, &(_, _, i)) in keys.iter().enumerate() {
            rank[i as usize] = place as u32;
        }
        let days = keys.into_iter().map(|(day, _, _)| day).collect();
        Ok(Order { rank, days })
    }

    /// Second pass: renders each entry with `render` (on the source's threads) and hands it
    /// to `put` (with its day) when its turn comes; returns how many were written. A place
    /// of the first pass that is not an entry (an outline is lenient) is passed over, and
    /// entries past the first pass's (appended in between) are left out.
    fn write<S: Source>(
        &self,
        source: &mut S,
        out: &mut dyn Write,
        render: &(dyn Fn(&Entry, &mut Vec<u8>) -> io::Result<()> + Sync),
        put: &mut Put,
    ) -> Result<usize, S::Error> {
        let mut next = 0;
        let mut written = 0;
        let mut seen = 0;
        // Rendered entries (and, as None, places passed over) that wait for their turn.
        let mut waiting: BTreeMap<u32, Option<Vec<u8>>> = BTreeMap::new();
        let mut flush =
            |waiting: &mut BTreeMap<u32, Option<Vec<u8>>>, out: &mut dyn Write| -> io::Result<()> {
                while let Some(text) = waiting.remove(&next) {
                    if let Some(text) = text {
                        put(self.days[next as usize], &text, out)?;
                        written += 1;
                    }
                    next += 1;
                }
                Ok(())
            };
        let rendered = |entry: &Entry, _: &str| {
            let mut buf = Vec::new();
            render(entry, &mut buf).map(|()| buf)
        };
        source.pass(&rendered, &mut |text| {
            let Some(&place) = self.rank.get(seen) else {
                return Ok(());
            };
            seen += 1;
            waiting.insert(place, text.transpose()?);
            flush(&mut waiting, out)
        })?;
        // Entries gone between the passes leave gaps: what waits is written in order.
        for &place in &self.rank[seen..] {
            waiting.insert(place, None);
        }
        flush(&mut waiting, out)?;
        Ok(written)
    }
}

/// `s` without control characters other than tab and newline (and carriage return when
/// `keep_cr`), and without bidirectional override and isolate characters, which could make
/// a line read differently from what it holds.
fn printable(s: &str, keep_cr: bool) -> std::borrow::Cow<'_, str> {
    let dropped = |c: char| {
        (crate::text::is_control(c) && !matches!(c, '\t' | '\n') && !(keep_cr && c == '\r'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    // Plain ASCII text (most of it) holds nothing to drop.
    let plain = |b: u8| (b' '..0x7f).contains(&b) || b == b'\t' || b == b'\n';
    if s.bytes().all(plain) {
        return s.into();
    }
    if s.contains(dropped) {
        s.chars()
            .filter(|&c| !dropped(c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, started: &str, responses: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Title {id}","started_at":"{started}","ended_at":"{started}","completed":true,"via":"tui","responses":{responses}}}"#
        )
    }

    fn export(format: Format, lines: &[String]) -> String {
        let entries: Vec<Entry> = lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut out = Vec::new();
        let source = |each: &mut Each| -> io::Result<()> {
            for (e, l) in entries.iter().zip(lines) {
                each(e, l)?;
            }
            Ok(())
        };
        let day_starts = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let n = write(format, day_starts, Sequential(source), &mut out).unwrap();
        assert_eq!(n, lines.len());
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Vec<String> {
        vec![
            line(
                "A",
                "2026-11-21T08:00:00.000+01:00",
                r#"{"level":3,"note":"a, \"b\"\nc"}"#,
            ),
            line(
                "B",
                "2026-11-22T01:30:00.000+01:00",
                r#"{"breath":{"cycles":9,"seconds":90},"stay":{"urge_s":6.512,"extra_s":5,"total_s":11.512}}"#,
            ),
            line(
                "C",
                "2026-11-22T09:15:00.000+01:00",
                r#"{"values":["kind","brave"]}"#,
            ),
        ]
    }

    #[test]
    fn json_and_jsonl_keep_the_stored_bytes() {
        let lines = sample();
        let jsonl = export(Format::Jsonl, &lines);
        assert_eq!(jsonl, format!("{}\n", lines.join("\n")));
        let json = export(Format::Json, &lines);
        assert_eq!(json, format!("[\n{}\n]\n", lines.join(",\n")));
        assert_eq!(export(Format::Json, &[]), "[]\n");
        assert_eq!(export(Format::Jsonl, &[]), "");
    }

    #[test]
    fn csv_and_md_are_in_time_order_whatever_the_file_order() {
        let csv = export(Format::Csv, &sample());
        let mut shuffled = sample();
        shuffled.rotate_left(2);
        assert_eq!(export(Format::Csv, &shuffled), csv);
        shuffled.reverse();
        assert_eq!(export(Format::Csv, &shuffled), csv);
        let md = export(Format::Md, &sample());
        assert_eq!(export(Format::Md, &shuffled), md);
        let a = md.find("Title A").unwrap();
        let b = md.find("Title B").unwrap();
        let c = md.find("Title C").unwrap();
        assert!(a < b && b < c, "{md}");
        assert_eq!(
            md.matches("\n## ").count(),
            2,
            "01:30 belongs to the day before"
        );
    }

    #[test]
    fn csv_header_has_the_day_time_and_answer_columns() {
        let csv = export(Format::Csv, &sample());
        let header = csv.split("\r\n").next().unwrap();
        assert_eq!(
            header,
            "id,practice,title,started_at,ended_at,day,local_time,completed,via,tags,\
             responses.breath.cycles,responses.breath.seconds,responses.level,responses.note,\
             responses.stay.extra_s,responses.stay.total_s,responses.stay.urge_s,responses.values"
        );
        assert!(
            csv.contains(",2026-11-21,01:30:00,true,tui,,9,90,"),
            "{csv}"
        );
        assert_eq!(
            export(Format::Csv, &[]),
            "id,practice,title,started_at,ended_at,day,local_time,completed,via,tags\r\n"
        );
    }

    #[test]
    fn markdown_says_numbers_as_people_read_them() {
        let md = export(Format::Md, &sample());
        assert!(md.contains("- breath: 9 cycles in 90 s\n"), "{md}");
        assert!(
            md.contains("- stay: urge at 6.5 s, stayed 5 s more, 11.5 s in all\n"),
            "{md}"
        );
        assert!(md.contains("- values: kind, brave\n"), "{md}");
        assert!(md.contains("- note: a, \"b\"\\\n  c\n"), "{md}");
        assert_eq!(export(Format::Md, &[]), "# steady journal\n");
        // A hold told from memory where no extra second was stayed says so, never "0 s more".
        let recalled = [line(
            "D",
            "2026-11-22T10:00:00.000+01:00",
            r#"{"stay":{"urge_s":10,"extra_s":0,"total_s":10,"recalled":true}}"#,
        )];
        let md = export(Format::Md, &recalled);
        assert!(
            md.contains("- stay: urge at 10 s, did not stay longer, 10 s in all (recalled)\n"),
            "{md}"
        );
    }

    #[test]
    fn a_journal_that_changes_between_the_passes_still_exports_whole_entries() {
        let lines = sample();
        let entries: Vec<Entry> = lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let day_starts = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        // First pass sees A and C; the second also B, appended meanwhile, which is left out.
        let mut pass = 0;
        let source = |each: &mut Each| -> io::Result<()> {
            pass += 1;
            for i in [0, 2, 1].into_iter().take(if pass == 1 { 2 } else { 3 }) {
                each(&entries[i], &lines[i])?;
            }
            Ok(())
        };
        let mut out = Vec::new();
        let n = write(Format::Md, day_starts, Sequential(source), &mut out).unwrap();
        assert_eq!(n, 2, "what the first pass placed");
        let md = String::from_utf8(out).unwrap();
        assert!(md.contains("Title A") && md.contains("Title C"), "{md}");
        assert!(!md.contains("Title B"), "{md}");
        // The other way round: an entry gone by the second pass leaves no hole.
        let mut pass = 0;
        let source = |each: &mut Each| -> io::Result<()> {
            pass += 1;
            for (i, (e, l)) in entries.iter().zip(&lines).enumerate() {
                if pass == 2 && i == 0 {
                    continue;
                }
                each(e, l)?;
            }
            Ok(())
        };
        let mut out = Vec::new();
        let n = write(Format::Csv, day_starts, Sequential(source), &mut out).unwrap();
        let csv = String::from_utf8(out).unwrap();
        assert_eq!(csv.matches("\r\n").count(), 1 + n, "{csv}");
        assert_eq!(n, 2);
    }

    #[test]
    fn printable_drops_controls_and_bidi_overrides() {
        let s = "a\u{1b}]52;c;aGk=\u{7}b\u{202e}c\u{2066}d\te\nf\rg\u{85}";
        assert_eq!(printable(s, false), "a]52;c;aGk=bcd\te\nfg");
        assert_eq!(printable(s, true), "a]52;c;aGk=bcd\te\nf\rg");
    }
}
