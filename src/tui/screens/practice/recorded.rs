//! "What was recorded", in words: one answer per question of an entry, in step order. A
//! multiline answer keeps its line breaks; the end screen lays them out. Also the end
//! screen's words for saving it: waiting for another steady's lock, and why it is not saved
//! yet, told apart by type (a held lock is not a full disk). And the question a saved
//! check-in asks about a feeling word of the person's own (where it sits, or not now), with
//! what became of the answer.

use serde_json::Value;

use crate::config_write::{PlaceError, Placed};
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::feelings::{self, Energy, Place, Placements};
use crate::journal::lock::{LockedOut, Waiting};
use crate::practice::model::{Practice, StepKind};
use crate::text::{clean, seconds_words as seconds};

/// (what was asked, what was recorded) for each answer, following the practice's steps.
pub fn lines(practice: &Practice, entry: &Entry) -> Vec<(String, String)> {
    practice
        .steps
        .iter()
        .filter_map(|step| {
            let key = step.key.as_deref()?;
            let value = entry.responses.get(key)?;
            let label = match &step.kind {
                StepKind::Breathe { .. } => "Breathing".to_owned(),
                StepKind::Timer { .. } => "Timer".to_owned(),
                kind if !kind.prompt().is_empty() => clean(kind.prompt(), false),
                _ => clean(key, false),
            };
            let given = match (&step.kind, value.as_i64()) {
                // A number on a scale reads as a place on it, with the scale's words when it
                // has words for that number.
                (
                    StepKind::Scale {
                        min, max, labels, ..
                    },
                    Some(n),
                ) => {
                    let place = if *min == 1 {
                        format!("{n} of {max}")
                    } else {
                        format!("{n} (from {min} to {max})")
                    };
                    match labels.get(&n) {
                        Some(words) => format!("{place}, {}", clean(words, false)),
                        None => place,
                    }
                }
                _ => describe(value),
            };
            Some((label, given))
        })
        .collect()
}

/// One answer in plain words.
pub fn describe(value: &Value) -> String {
    let secs = |field: &str| value.get(field).and_then(Value::as_f64).map(seconds);
    match value {
        Value::String(s) => clean(s, true),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) => items.iter().map(describe).collect::<Vec<_>>().join(", "),
        Value::Object(_) => {
            let memory = if value.get("recalled") == Some(&Value::Bool(true)) {
                " (told from memory)"
            } else {
                ""
            };
            let extra_s = value.get("extra_s").and_then(Value::as_f64);
            if let (Some(urge), Some(extra_s)) = (secs("urge_s"), extra_s) {
                let stayed = crate::text::stayed_words(extra_s);
                format!("the urge to leave came after {urge}; you {stayed}{memory}")
            } else if let (Some(Value::Null), Some(total)) = (value.get("urge_s"), secs("total_s"))
            {
                format!("no urge to leave came; {total} in all{memory}")
            } else if let (Some(cycles), Some(total)) =
                (value.get("cycles").and_then(Value::as_u64), secs("seconds"))
            {
                match cycles {
                    0 => format!("{total} of breathing"),
                    1 => format!("1 breath, {total}"),
                    n => format!("{n} breaths, {total}"),
                }
            } else if let Some(total) = secs("seconds") {
                total
            } else {
                clean(&value.to_string(), false)
            }
        }
        Value::Null => "nothing".to_owned(),
    }
}

/// Why a finished practice is not saved yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSaved {
    /// Another steady kept the journal's lock past the wait (nothing was written).
    Locked(LockedOut),
    /// Anything else, in its sentence (a full disk, a folder that cannot be written).
    Failed(String),
}

impl From<&VaultError> for NotSaved {
    fn from(e: &VaultError) -> Self {
        match e.locked_out() {
            Some(out) => NotSaved::Locked(out.clone()),
            None => NotSaved::Failed(e.to_string()),
        }
    }
}

/// The line while a save (`doing`: "Saving…"), or review's export ("Exporting…"), waits
/// for another steady's lock.
pub fn waiting_line(doing: &str, waiting: &Waiting) -> String {
    let who = match &waiting.holder {
        Some(holder) if holder.stopped => format!(
            " PID {} has the journal open and is stopped: `fg` in its terminal lets it finish.",
            holder.pid
        ),
        Some(holder) => format!(" PID {} has the journal open.", holder.pid),
        None => String::new(),
    };
    format!(
        "{doing} (waiting for {}).{who} Everything stays here; steady waits up to {}.",
        holder_noun(waiting.holder.as_ref()),
        seconds(waiting.limit.as_secs_f64())
    )
}

/// The end screen's line when the entry is not saved yet; `t` tries again.
pub fn not_saved_line(why: &NotSaved) -> String {
    let why = match why {
        NotSaved::Locked(out) => format!(
            "{} was still using the journal after {}{}",
            holder_noun(out.holder.as_ref()),
            seconds(out.waited.as_secs_f64()),
            out.holder
                .as_ref()
                .map(|h| format!(
                    " (PID {}{})",
                    h.pid,
                    if h.stopped { ", stopped" } else { "" }
                ))
                .unwrap_or_default()
        ),
        NotSaved::Failed(why) => clean(why, false).trim_end_matches('.').to_owned(),
    };
    format!("Not saved yet: {why}. Everything is still here; t tries again.")
}

/// The end screen's question about a feeling word of the person's own, and what became of
/// the answer. Asked once per check-in that names the word; passed by, it is asked again
/// the next time the word is named (steady keeps no note of a "not now").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placing {
    /// Where does it sit? A digit places it; `n` passes it by.
    Asking(String),
    /// The answer is being written into the settings.
    Writing(String, Place),
    /// Kept in the settings (or found there already).
    Placed(String, Placed),
    /// Passed by: it stays unplaced for now.
    NotNow(String),
    /// The settings file was left as it was.
    Failed(String, PlaceError),
}

/// The four places, in the order the question numbers them from 1.
pub const PLACES: [Place; 4] = [
    Place {
        pleasant: true,
        energy: Energy::High,
    },
    Place {
        pleasant: true,
        energy: Energy::Low,
    },
    Place {
        pleasant: false,
        energy: Energy::High,
    },
    Place {
        pleasant: false,
        energy: Energy::Low,
    },
];

/// Where `place` sits, in words.
pub fn place_words(place: Place) -> &'static str {
    match (place.pleasant, place.energy) {
        (true, Energy::High) => "pleasant, higher energy",
        (true, Energy::Low) => "pleasant, lower energy",
        (false, Energy::High) => "unpleasant, higher energy",
        (false, Energy::Low) => "unpleasant, lower energy",
    }
}

/// The end screen's lines about placing a word, each with whether it is indented (the
/// numbered places). Each place is shown by one of the check-in's own words that sits
/// there, when its feeling question offers one.
pub fn placing_lines(placing: &Placing, practice: &Practice) -> Vec<(String, bool)> {
    let quoted = |word: &str| format!("\"{}\"", clean(word, false));
    let sentence = match placing {
        Placing::Asking(word) => {
            let offered: Vec<&str> = practice
                .steps
                .iter()
                .filter(|s| s.key.as_deref() == Some("feeling"))
                .flat_map(|s| match &s.kind {
                    StepKind::Choice { options, .. } => options.as_slice(),
                    _ => &[],
                })
                .map(String::as_str)
                .collect();
            let none = Placements::new();
            let mut lines = vec![(
                format!(
                    "Where does {} sit for you? Your settings keep it for the trends.",
                    quoted(word)
                ),
                false,
            )];
            for (n, place) in PLACES.into_iter().enumerate() {
                let like = offered
                    .iter()
                    .find(|w| feelings::place(w, &none) == Some(place))
                    .map(|w| format!(" ({})", clean(w, false)))
                    .unwrap_or_default();
                lines.push((format!("{} {}{like}", n + 1, place_words(place)), true));
            }
            return lines;
        }
        Placing::Writing(word, _) => format!("Placing {} in your settings…", quoted(word)),
        Placing::Placed(word, Placed::Written(place)) => format!(
            "Placed {} in your settings as {}; your trends count it from now on, earlier check-ins too.",
            quoted(word),
            place_words(*place)
        ),
        Placing::Placed(word, Placed::Already(place)) => format!(
            "{} was already placed in your settings, as {}.",
            quoted(word),
            place_words(*place)
        ),
        Placing::NotNow(word) => format!(
            "{} stays unplaced for now; steady asks again the next time you name it.",
            quoted(word)
        ),
        Placing::Failed(word, why) => format!(
            "{} is not placed: {why}. You can place it by hand under [feelings].",
            quoted(word)
        ),
    };
    vec![(sentence, false)]
}

/// "another steady", unless the holder is known to be some other program.
fn holder_noun(holder: Option<&crate::journal::lock::Holder>) -> &'static str {
    match holder {
        Some(h) if !h.is_steady() => "another program",
        _ => "another steady",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::lock::Holder;
    use crate::practice::Library;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn a_held_lock_reads_apart_from_a_full_disk() {
        let steady = Holder {
            pid: 4242,
            command: "steady".into(),
            stopped: true,
        };
        let waiting = Waiting {
            holder: Some(steady.clone()),
            limit: Duration::from_secs(30),
        };
        assert_eq!(
            waiting_line("Saving…", &waiting),
            "Saving… (waiting for another steady). PID 4242 has the journal open and is stopped: `fg` in its terminal lets it finish. Everything stays here; steady waits up to 30 s."
        );
        let unknown = Waiting {
            holder: None,
            limit: Duration::from_secs(5),
        };
        assert_eq!(
            waiting_line("Saving…", &unknown),
            "Saving… (waiting for another steady). Everything stays here; steady waits up to 5 s."
        );
        let out = LockedOut {
            holder: Some(steady),
            waited: Duration::from_secs(30),
        };
        let locked = crate::journal::StoreError::new(
            std::path::Path::new("/j/journal.jsonl"),
            crate::journal::error::Doing::Lock,
            std::io::Error::new(std::io::ErrorKind::WouldBlock, out.clone()),
        );
        let why = NotSaved::from(&VaultError::Store(locked));
        assert_eq!(why, NotSaved::Locked(out));
        assert_eq!(
            not_saved_line(&why),
            "Not saved yet: another steady was still using the journal after 30 s (PID 4242, stopped). Everything is still here; t tries again."
        );
        let full = crate::journal::StoreError::new(
            std::path::Path::new("/j/journal.jsonl"),
            crate::journal::error::Doing::Write,
            std::io::Error::from(std::io::ErrorKind::StorageFull),
        );
        assert!(matches!(
            NotSaved::from(&VaultError::Store(full)),
            NotSaved::Failed(why) if why.contains("disk is full")
        ));
    }

    #[test]
    fn each_place_is_shown_by_a_word_of_the_check_in_when_it_offers_one() {
        let library = Library::builtin();
        let check_in = library.get("feeling-check-in").expect("built in");
        let asking = Placing::Asking("at ease".into());
        let lines: Vec<String> = placing_lines(&asking, &check_in)
            .into_iter()
            .map(|(line, _)| line)
            .collect();
        assert_eq!(
            lines,
            [
                "Where does \"at ease\" sit for you? Your settings keep it for the trends.",
                "1 pleasant, higher energy (happy)",
                "2 pleasant, lower energy (calm)",
                "3 unpleasant, higher energy (tense)",
                "4 unpleasant, lower energy (tired)",
            ]
        );
        // A practice whose feeling question offers no words names the places alone.
        let reset = library.get("breath-reset").expect("built in");
        let lines = placing_lines(&asking, &reset);
        assert_eq!(lines[3], ("3 unpleasant, higher energy".to_owned(), true));
    }

    #[test]
    fn answers_read_as_words() {
        assert_eq!(describe(&json!(["a", "b"])), "a, b");
        assert_eq!(
            describe(&json!({"cycles": 9, "seconds": 90})),
            "9 breaths, 1 min 30 s"
        );
        assert_eq!(
            describe(&json!({"urge_s": 12.34, "extra_s": 5, "total_s": 17.34})),
            "the urge to leave came after 12.3 s; you stayed 5 s more"
        );
        assert_eq!(
            describe(&json!({"cycles": 0, "seconds": 6.9})),
            "6.9 s of breathing"
        );
        assert_eq!(
            describe(&json!({"urge_s": null, "extra_s": null, "total_s": 90, "recalled": true})),
            "no urge to leave came; 1 min 30 s in all (told from memory)"
        );
        assert_eq!(
            describe(&json!({"urge_s": 10, "extra_s": 0, "total_s": 10, "recalled": true})),
            "the urge to leave came after 10 s; you did not stay longer (told from memory)"
        );
        assert_eq!(describe(&json!("a\u{1b}[2Jb")), "a[2Jb");
        assert_eq!(describe(&json!("one\ntwo")), "one\ntwo");
    }

    #[test]
    fn every_scale_answer_reads_as_a_place_on_the_scale_with_its_words() {
        let reset = Library::builtin().get("breath-reset").expect("built in");
        let entry: Entry = serde_json::from_value(json!({
            "v": 1, "id": "X", "practice": "breath-reset", "title": "T",
            "started_at": "2026-11-22T08:00:00+01:00", "ended_at": "2026-11-22T08:02:00+01:00",
            "completed": true, "via": "tui",
            "responses": {"before": 4, "breath": {"cycles": 9, "seconds": 90}, "after": 5},
        }))
        .expect("an entry");
        let given: Vec<String> = lines(&reset, &entry).into_iter().map(|(_, g)| g).collect();
        assert_eq!(
            given,
            ["4 of 5", "9 breaths, 1 min 30 s", "5 of 5, very settled"]
        );
    }
}
