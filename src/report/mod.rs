//! `steady report`: one self-contained HTML page over a range of days, to read, print, or
//! bring to a session. `Builder` gathers what the page shows one entry at a time (counts and
//! trends through `journal::stats`, days and points through `journal::series`, and the
//! person's own words, choice answers, tags and mood included, and a private practice's
//! words only when asked for); `html` writes the page through maud (escaping by default),
//! `charts` draws its inline SVG charts, `calendar` its small month tables and `dates` the
//! days as people write them. Pure: no files, no terminal, no network.

mod calendar;
mod charts;
pub mod dates;
mod html;

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde_json::Value;

use crate::config::Config;
use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::series::{self, Aggregates};
use crate::journal::stats::{BREATH_RESET, CHECK_IN, Stats, StatsBuilder};
use crate::practice::Library;
use crate::practice::model::StepKind;

/// Everything the page shows.
pub struct Report {
    /// The first and last day of the range (inclusive).
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// When the page was made.
    pub made_at: DateTime<FixedOffset>,
    pub stats: Stats,
    pub series: Aggregates,
    /// The person's own words (typed, listed and chosen answers, moods and tags), entry by
    /// entry in time order.
    pub words: Vec<Words>,
    /// Private practices whose words were left out: title and entries.
    pub private_left_out: BTreeMap<String, usize>,
    /// The questions behind the answers' names, per practice with words on the page, by
    /// title.
    pub questions: Vec<Questions>,
    /// Practice titles by id, for the tables.
    pub titles: BTreeMap<String, String>,
    /// What to do in danger now, in a sentence (with the region's emergency number).
    pub danger: String,
    /// The crisis lines, one per line, the person's region first.
    pub support: Vec<String>,
    /// The scales of the check-in's level and of the breath reset's before/after.
    pub level_scale: Scale,
    pub breath_scale: Scale,
}

/// A scale step's range and the words at its two ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub min: i64,
    pub max: i64,
    /// The words for `min` and `max` ("barely there", "filling everything").
    pub ends: (String, String),
}

impl Scale {
    /// Which way the scale runs: "from 1 (barely there) to 5 (filling everything)".
    pub fn runs(&self) -> String {
        let end = |n: i64, words: &str| {
            if words.is_empty() {
                n.to_string()
            } else {
                format!("{n} ({words})")
            }
        };
        format!(
            "from {} to {}",
            end(self.min, &self.ends.0),
            end(self.max, &self.ends.1)
        )
    }
}

/// One entry's answers in the person's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub at: DateTime<FixedOffset>,
    pub day: NaiveDate,
    /// The practice's title (shared by its entries).
    pub practice: Rc<str>,
    /// The entry's tags (activities and tags from other apps).
    pub tags: Vec<String>,
    /// Each answer in words, in the order the entry holds them.
    pub answers: Vec<Answer>,
}

/// One answer as the page shows it: named by its step's key in words ("fear", "how
/// often"), short enough to repeat on every entry (and shared by the entries that answer
/// it); `Questions` gives each name its whole question once.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A typed answer (a list's answers one per line).
    Typed { name: Rc<str>, text: String },
    /// A chosen answer: one option, several joined with commas, or a colour word.
    Chosen { name: Rc<str>, choice: String },
    /// `responses.mood`: how the moment felt overall, 1 very unpleasant … 5 very pleasant.
    Mood(i64),
}

/// The questions of a practice whose words the page shows: each answer's name and the
/// whole question it answers, in the practice's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Questions {
    pub practice: String,
    pub asked: Vec<(String, String)>,
}

/// What `responses.mood` measures and which way its scale runs (contract 0.3).
pub const MOOD: (&str, &str) = (
    "how the moment felt overall",
    "1 very unpleasant … 5 very pleasant",
);

/// Gathers a report one entry at a time.
pub struct Builder<'a> {
    library: &'a Library,
    config: &'a Config,
    stats: StatsBuilder,
    series: series::Builder,
    words: Vec<Words>,
    titles: BTreeMap<String, String>,
    include_private: bool,
    private_left_out: BTreeMap<String, usize>,
    questions: BTreeMap<String, Questions>,
    /// Practice titles as the page shows them, by the title an entry holds.
    shown_titles: Shared,
    /// Answers' names, by their step's key.
    names: Shared,
}

/// Texts that repeat on every entry (a practice's title, an answer's name), each made once
/// and shared: on a journal of 100,000 entries a copy per entry held about 6 MB.
#[derive(Default)]
struct Shared(HashMap<String, Rc<str>>);

impl Shared {
    /// `make(raw)`, made the first time `raw` is asked for.
    fn get(&mut self, raw: &str, make: fn(&str) -> String) -> Rc<str> {
        if let Some(shared) = self.0.get(raw) {
            return Rc::clone(shared);
        }
        let text: Rc<str> = make(raw).into();
        self.0.insert(raw.to_owned(), Rc::clone(&text));
        text
    }
}

impl<'a> Builder<'a> {
    /// A builder that leaves out the words of private practices unless `include_private`.
    pub fn new(library: &'a Library, config: &'a Config, include_private: bool) -> Self {
        Self {
            library,
            config,
            stats: StatsBuilder::new(config),
            series: series::Builder::new(config.day_starts_at),
            words: Vec::new(),
            titles: BTreeMap::new(),
            include_private,
            private_left_out: BTreeMap::new(),
            questions: BTreeMap::new(),
            shown_titles: Shared::default(),
            names: Shared::default(),
        }
    }

    /// Adds one entry; guide entries (starting or moving on in a guide) are not practices
    /// and are left out.
    pub fn add(&mut self, entry: &Entry) {
        if !entry.is_practice() {
            return;
        }
        self.stats.add(entry);
        self.series.push(entry);
        if !self.titles.contains_key(&entry.practice) {
            self.titles
                .insert(entry.practice.clone(), line(&entry.title));
        }
        let practice = self.library.get(&entry.practice);
        let Some(practice) = practice else {
            self.push_words(entry, mood(entry).map(Answer::Mood).into_iter().collect());
            return;
        };
        if practice.private && !self.include_private {
            *self.private_left_out.entry(line(&entry.title)).or_default() += 1;
            return;
        }
        let mut answers: Vec<Answer> = entry
            .responses
            .iter()
            .filter_map(|(key, value)| {
                let step = practice.step_by_key(key)?;
                answer(self.names.get(key, name), &step.kind, value)
            })
            .collect();
        if practice.step_by_key("mood").is_none() {
            answers.extend(mood(entry).map(Answer::Mood));
        }
        if self.push_words(entry, answers) && !self.questions.contains_key(&practice.id) {
            let asked = practice
                .steps
                .iter()
                .filter_map(|step| {
                    let key = step.key.as_deref()?;
                    in_words(&step.kind).then(|| (name(key), step.kind.prompt().to_owned()))
                })
                .collect();
            let questions = Questions {
                practice: line(&practice.title),
                asked,
            };
            self.questions.insert(practice.id.clone(), questions);
        }
    }

    /// Keeps an entry's words when it has any (answers or tags); whether it kept them.
    fn push_words(&mut self, entry: &Entry, answers: Vec<Answer>) -> bool {
        if answers.is_empty() && entry.tags.is_empty() {
            return false;
        }
        self.words.push(Words {
            at: entry.started_at,
            day: day_of(entry.started_at, self.config.day_starts_at),
            practice: self.shown_titles.get(&entry.title, line),
            tags: entry.tags.iter().map(|t| line(t)).collect(),
            answers,
        });
        true
    }

    /// The report over `since..=until`, made at `made_at`, ending with the sentence for
    /// someone in danger now and the crisis lines.
    pub fn finish(
        mut self,
        since: NaiveDate,
        until: NaiveDate,
        made_at: DateTime<FixedOffset>,
        (danger, support): (String, Vec<String>),
    ) -> Report {
        self.words.sort_by_key(|w| w.at);
        let mut questions: Vec<Questions> = self.questions.into_values().collect();
        questions.sort_by(|a, b| a.practice.cmp(&b.practice));
        Report {
            since,
            until,
            made_at,
            stats: self.stats.finish(until),
            series: self.series.finish(),
            words: self.words,
            private_left_out: self.private_left_out,
            questions,
            titles: self.titles,
            danger,
            support,
            level_scale: scale(
                self.library,
                CHECK_IN,
                "level",
                ("barely there", "filling everything"),
            ),
            breath_scale: scale(
                self.library,
                BREATH_RESET,
                "before",
                ("not at all", "very settled"),
            ),
        }
    }
}

impl Report {
    /// Writes the whole page to `out`, a part at a time (the page is never held whole).
    ///
    /// # Errors
    /// The first error in writing to `out`.
    pub fn write_html(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        html::page(self, out)
    }

    /// A practice's title, or its id when no entry named one.
    fn title<'s>(&'s self, id: &'s str) -> &'s str {
        self.titles.get(id).map_or(id, String::as_str)
    }
}

/// An answer in words: typed text, a list, a choice or several, a colour word. Numbers
/// (scales, breaths, timers, holds) are in the charts instead; an empty answer is left out.
fn answer(name: Rc<str>, kind: &StepKind, value: &Value) -> Option<Answer> {
    let joined = |items: &[Value], with: &str| {
        items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| line(s.trim()))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(with)
    };
    let answer = match (kind, value) {
        (StepKind::Text { .. }, Value::String(text)) => Answer::Typed {
            name,
            text: crate::text::clean(text, true),
        },
        (StepKind::List { .. }, Value::Array(items)) => Answer::Typed {
            name,
            text: joined(items, "\n"),
        },
        (StepKind::Choice { .. } | StepKind::Colour { .. }, Value::String(choice)) => {
            Answer::Chosen {
                name,
                choice: line(choice.trim()),
            }
        }
        (StepKind::Choice { .. }, Value::Array(items)) => Answer::Chosen {
            name,
            choice: joined(items, ", "),
        },
        _ => return None,
    };
    match &answer {
        Answer::Typed { text, .. } if text.trim().is_empty() => None,
        Answer::Chosen { choice, .. } if choice.is_empty() => None,
        _ => Some(answer),
    }
}

/// Whether a step's answers are words (typed, listed or chosen) rather than numbers.
fn in_words(kind: &StepKind) -> bool {
    matches!(
        kind,
        StepKind::Text { .. }
            | StepKind::List { .. }
            | StepKind::Choice { .. }
            | StepKind::Colour { .. }
    )
}

/// An answer's name: its step's key in words (`how_often` is "how often").
fn name(key: &str) -> String {
    key.replace('_', " ")
}

/// Text on one line as the page shows it: control characters dropped (a tab or a line
/// break becomes a space).
fn line(text: &str) -> String {
    crate::text::clean(text, false)
}

/// `responses.mood` when it is a whole number from 1 to 5.
fn mood(entry: &Entry) -> Option<i64> {
    entry.int("mood").filter(|m| (1..=5).contains(m))
}

/// A practice's scale step, or 1 to 5 with the contract's words (`ends`) when the practice
/// or its step is not there.
fn scale(library: &Library, practice: &str, key: &str, ends: (&str, &str)) -> Scale {
    let practice = library.get(practice);
    match practice
        .as_ref()
        .and_then(|p| p.step_by_key(key))
        .map(|s| &s.kind)
    {
        Some(StepKind::Scale {
            min, max, labels, ..
        }) => {
            let words = |n| labels.get(n).cloned().unwrap_or_default();
            Scale {
                min: *min,
                max: *max,
                ends: (words(min), words(max)),
            }
        }
        _ => Scale {
            min: 1,
            max: 5,
            ends: (ends.0.to_owned(), ends.1.to_owned()),
        },
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn entry(practice: &str, responses: &str, tags: &str) -> Entry {
        serde_json::from_str(&format!(
            r#"{{"v":1,"id":"A1","practice":"{practice}","title":"T\u0007itle","started_at":"2026-11-02T08:00:00+01:00","ended_at":"2026-11-02T08:01:00+01:00","completed":true,"via":"cli","responses":{responses}{tags}}}"#
        ))
        .unwrap()
    }

    fn words(include_private: bool, entries: &[Entry]) -> Report {
        let library = Library::builtin();
        let config = Config::default();
        let mut builder = Builder::new(&library, &config, include_private);
        for e in entries {
            builder.add(e);
        }
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let at = entries[0].started_at;
        builder.finish(day, day, at, (String::new(), Vec::new()))
    }

    #[test]
    fn choices_lists_and_mood_are_words_and_scales_are_not() {
        let report = words(
            false,
            &[
                entry(
                    "feeling-check-in",
                    r#"{"feeling":"tense","level":4,"colour":"Blue ","mood":2}"#,
                    r#","tags":["work"]"#,
                ),
                entry(
                    "trigger-log",
                    r#"{"fear":["being left"," ","not mattering"],"story":"  "}"#,
                    "",
                ),
            ],
        );
        let chosen = |name: &str, choice: &str| Answer::Chosen {
            name: name.into(),
            choice: choice.into(),
        };
        let answers: Vec<&[Answer]> = report.words.iter().map(|w| &w.answers[..]).collect();
        assert_eq!(
            answers,
            [
                &[
                    chosen("feeling", "tense"),
                    chosen("colour", "Blue"),
                    Answer::Mood(2)
                ][..],
                &[chosen("fear", "being left, not mattering")],
            ]
        );
        // Each practice's questions once, by title.
        let check_in = &report.questions[0];
        assert_eq!(check_in.practice, "Feeling check-in");
        let names: Vec<&str> = check_in.asked.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["feeling", "colour", "note"]);
        assert_eq!(check_in.asked[0].1, "What are you feeling right now?");
        assert_eq!(report.questions[1].practice, "Trigger log");
        assert_eq!(report.words[0].tags, ["work"]);
        assert_eq!(
            &*report.words[0].practice, "Title",
            "control characters dropped"
        );
    }

    #[test]
    fn a_private_practice_is_counted_and_its_words_kept_only_when_asked() {
        let letter = entry("unsent-letter", r#"{"to":"Dad","letter":"words"}"#, "");
        let report = words(false, std::slice::from_ref(&letter));
        assert!(report.words.is_empty());
        assert_eq!(report.private_left_out.get("Title"), Some(&1));
        assert_eq!(report.stats.per_practice.get("unsent-letter"), Some(&1));
        let report = words(true, &[letter]);
        assert_eq!(report.words[0].answers.len(), 2);
        assert!(report.private_left_out.is_empty());
    }

    /// A writer that keeps the size of each write, and fails every write after `fails_after`.
    struct Writes {
        sizes: Vec<usize>,
        bytes: Vec<u8>,
        fails_after: usize,
    }

    impl std::io::Write for Writes {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.sizes.push(buf.len());
            if self.sizes.len() > self.fails_after {
                return Err(std::io::Error::other("the disk is full"));
            }
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_long_page_is_written_in_parts_and_stops_at_the_first_error() {
        let note = "a note long enough to fill the page a little faster. ".repeat(4);
        let one = entry(
            "feeling-check-in",
            &format!(r#"{{"feeling":"tense","level":4,"note":"{note}"}}"#),
            "",
        );
        let report = words(false, &vec![one; 400]);
        let mut out = Writes {
            sizes: Vec::new(),
            bytes: Vec::new(),
            fails_after: usize::MAX,
        };
        report.write_html(&mut out).unwrap();
        let page = String::from_utf8(out.bytes).unwrap();
        assert!(out.sizes.len() > 1, "written in parts: {:?}", out.sizes);
        assert_eq!(page.matches("<!DOCTYPE html>").count(), 1);
        assert_eq!(page.matches(r#"<div class="entry">"#).count(), 400);
        assert!(page.trim_end().ends_with("</html>"));
        let mut full = Writes {
            sizes: Vec::new(),
            bytes: Vec::new(),
            fails_after: 0,
        };
        let error = report.write_html(&mut full).unwrap_err();
        assert_eq!(error.to_string(), "the disk is full");
        assert_eq!(full.sizes.len(), 1, "nothing written after the error");
    }
}
