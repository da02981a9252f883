//! The entries that began last (`Vault::latest`), newest first by when they began, whatever
//! the order of the journal: what `log --limit` shows. Read in full, every line is looked at
//! once and only the `n` newest selected lines are kept (`Keeper`). A journal file with an
//! order index beside it (`order`) is read from its end instead, and the read stops at the
//! first mark before which nothing could be newer than what is kept.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io;

use chrono::{DateTime, FixedOffset};

use super::Snapshot;
use super::order::{Mark, Marks};
use crate::journal::entry::Entry;
use crate::journal::read::{Content, Line};

/// What `latest` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Latest {
    /// The stored lines of the selected entries that began last, newest first (of two that
    /// began at the same moment, the one written later first).
    pub lines: Vec<String>,
    /// Readable entries in the journal, selected or not.
    pub entries: usize,
    /// Selected entries among those read: exact when the whole journal was read, and never
    /// fewer than `lines` otherwise.
    pub selected: usize,
    /// Lines of the journal that are not entries.
    pub unreadable: usize,
}

/// When an entry began, as a number that orders like the instant (nanoseconds since 1970).
pub(super) fn instant(at: DateTime<FixedOffset>) -> i64 {
    at.timestamp_nanos_opt().unwrap_or(i64::MAX)
}

/// The `n` newest selected lines seen so far, by when they began and then by their place in
/// the journal (a larger `seq` is written later).
pub(super) struct Keeper {
    n: usize,
    kept: BinaryHeap<Reverse<((i64, u64), String)>>,
}

impl Keeper {
    pub fn new(n: usize) -> Self {
        Self {
            n,
            kept: BinaryHeap::new(),
        }
    }

    /// Offers the line `raw` of an entry that began at `began`, `seq`-th in the journal.
    pub fn offer(&mut self, began: i64, seq: u64, raw: &str) {
        let place = (began, seq);
        if self.kept.len() < self.n {
            self.kept.push(Reverse((place, raw.to_owned())));
        } else if let Some(mut oldest) = self.kept.peek_mut()
            && oldest.0.0 < place
        {
            *oldest = Reverse((place, raw.to_owned()));
        }
    }

    /// Whether an entry that began at or before `began`, written before every line kept,
    /// could still be kept: never, once `n` are kept and the oldest kept began no earlier.
    pub fn would_take(&self, began: Option<i64>) -> bool {
        match (self.kept.len() < self.n, self.kept.peek(), began) {
            (true, _, _) => true,
            (false, Some(oldest), Some(began)) => began > oldest.0.0.0,
            _ => false,
        }
    }

    pub fn lines(self) -> Vec<String> {
        // Ascending order of `Reverse` is newest first.
        self.kept
            .into_sorted_vec()
            .into_iter()
            .map(|Reverse((_, raw))| raw)
            .collect()
    }
}

/// What a pass makes of one line.
enum Seen {
    Selected {
        began: i64,
        offset: u64,
        raw: String,
    },
    Passed {
        began: i64,
        offset: u64,
    },
    Unreadable {
        offset: u64,
    },
}

/// `latest` by reading the whole `snapshot` once, in order; `marks` (when given) is told
/// every line, to build the order index.
pub(super) fn by_scan(
    snapshot: &dyn Snapshot,
    n: usize,
    keep: &(dyn Fn(&Entry) -> bool + Sync),
    mut marks: Option<&mut Marks>,
) -> io::Result<Latest> {
    let mut keeper = Keeper::new(n);
    let mut latest = Latest::default();
    let mut seq = 0;
    let seen = |line: Line, _| match line.content {
        Content::Entry { entry, raw } => {
            let began = instant(entry.started_at);
            if keep(&entry) {
                Seen::Selected {
                    began,
                    offset: line.offset,
                    raw,
                }
            } else {
                Seen::Passed {
                    began,
                    offset: line.offset,
                }
            }
        }
        Content::Unreadable { .. } => Seen::Unreadable {
            offset: line.offset,
        },
    };
    snapshot.scan(&seen, |seen| {
        seq += 1;
        let (offset, began) = match seen {
            Seen::Selected { began, offset, raw } => {
                latest.entries += 1;
                latest.selected += 1;
                keeper.offer(began, seq, &raw);
                (offset, Some(began))
            }
            Seen::Passed { began, offset } => {
                latest.entries += 1;
                (offset, Some(began))
            }
            Seen::Unreadable { offset } => {
                latest.unreadable += 1;
                (offset, None)
            }
        };
        if let Some(marks) = marks.as_deref_mut() {
            marks.line(offset, began);
        }
        Ok::<(), io::Error>(())
    })?;
    latest.lines = keeper.lines();
    Ok(latest)
}

/// What a read from the end saw before it stopped at `mark` (or at the start).
pub(super) struct Back {
    pub keeper: Keeper,
    pub latest: Latest,
    /// The mark it stopped at; None when it read every line.
    pub stopped: Option<Mark>,
    /// The lines after the last mark, newest first: where each starts and when it began.
    pub after_marks: Vec<(u64, Option<i64>)>,
}

impl Back {
    pub fn new(n: usize) -> Self {
        Self {
            keeper: Keeper::new(n),
            latest: Latest::default(),
            stopped: None,
            after_marks: Vec::new(),
        }
    }

    /// The result: counts from the mark it stopped at added to what was read after it.
    pub fn finish(self) -> Latest {
        let mut latest = self.latest;
        if let Some(mark) = self.stopped {
            latest.entries += mark.entries;
            latest.unreadable += mark.unreadable;
        }
        latest.lines = self.keeper.lines();
        latest
    }
}
