//! Imports of any size: the lines to add wait in a spool file (see `journal::import`), and
//! only ids are held in memory, the journal's and the spool's, never their lines.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom};
use std::ops::Range;

use super::layout::{Layout, Piece};
use super::{Imported, Store, Written};
use crate::journal::StoreError;
use crate::journal::error::Doing;
use crate::journal::read::{self, Lines};

impl Store {
    /// Adds the lines of `spool` whose id the journal does not hold yet, in one rewrite,
    /// each exactly as spooled. `lines` gives each spooled line's id and byte range (with
    /// its newline), in order; an id given twice counts once.
    pub fn import_spooled(
        &self,
        spool: &File,
        lines: &[(String, Range<u64>)],
    ) -> Result<Written<Imported>, StoreError> {
        self.locked(|held| {
            let mut layout = Layout::default();
            let mut journal_ids: HashSet<String> = HashSet::new();
            if let Some(f) = &held.file {
                let read_error = |e| self.error(Doing::Read, e);
                let mut reader = BufReader::with_capacity(256 * 1024, f);
                reader.seek(SeekFrom::Start(0)).map_err(read_error)?;
                let mut journal = Lines::new(reader);
                while let Some(line) = journal.next_raw().map_err(read_error)? {
                    layout.len = line.offset + line.len + u64::from(line.terminated);
                    layout.torn = !line.terminated;
                    let id = line
                        .bytes
                        .and_then(|b| read::parse_line(b).entry_id().map(str::to_owned));
                    journal_ids.extend(id);
                }
            }
            let mut counts = Imported::default();
            // The spool's ids are borrowed, not copied: an import of a million entries holds
            // each id once. Runs of new lines side by side are copied as one range.
            let mut new_ids: HashSet<&str> = HashSet::new();
            let mut runs: Vec<Range<u64>> = Vec::new();
            for (id, range) in lines {
                if journal_ids.contains(id) || !new_ids.insert(id) {
                    counts.duplicates += 1;
                    continue;
                }
                counts.added += 1;
                match runs.last_mut() {
                    Some(run) if run.end == range.start => run.end = range.end,
                    _ => runs.push(range.clone()),
                }
            }
            if counts.added > 0 {
                let copies = runs.into_iter().map(|r| Piece::Copy(spool, r));
                let pieces = [Piece::Keep(0..layout.len)].into_iter().chain(copies);
                self.rewrite(held, &layout, pieces)?;
            }
            Ok(counts)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::Arc;

    use super::*;
    use crate::clock::TestClock;

    fn line(id: &str, level: i64) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","practice":"feeling-check-in","title":"Feeling check-in","started_at":"2026-11-22T08:01:02.123+01:00","ended_at":"2026-11-22T08:01:02.123+01:00","completed":true,"via":"cli","responses":{{"level":{level}}}}}"#
        )
    }

    /// A spool holding `ids`' lines, and where each is.
    fn spool(dir: &std::path::Path, ids: &[&str]) -> (File, Vec<(String, Range<u64>)>) {
        let path = dir.join("spool");
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        let mut at = 0;
        let mut lines = Vec::new();
        for id in ids {
            let text = format!("{}\n", line(id, 7));
            file.write_all(text.as_bytes()).unwrap();
            lines.push((id.to_string(), at..at + text.len() as u64));
            at += text.len() as u64;
        }
        (file, lines)
    }

    #[test]
    fn import_adds_only_new_ids_and_keeps_lines_as_given() {
        let dir = std::env::temp_dir().join(format!("steady-spooled-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("journal.jsonl");
        std::fs::write(&path, format!("{}\n???\n", line("A", 1))).unwrap();
        let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T09:30:00+01:00"));
        let store = Store::new(&path).with_clock(clock);
        let (file, lines) = spool(&dir, &["A", "B", "B", "C"]);
        let counts = store.import_spooled(&file, &lines).unwrap().value;
        assert_eq!((counts.added, counts.duplicates), (2, 2));
        let expected = format!(
            "{}\n???\n{}\n{}\n",
            line("A", 1),
            line("B", 7),
            line("C", 7)
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        let again = store.import_spooled(&file, &lines).unwrap().value;
        assert_eq!((again.added, again.duplicates), (0, 4));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
