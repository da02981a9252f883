//! `steady report`: one self-contained HTML page over a range of days, to read, print, or
//! bring to a session. `Builder` gathers what the page shows one entry at a time (counts and
//! trends through `journal::stats`, days and points through `journal::series`, and the
//! person's own words); `html` writes the page, `charts` draws its inline SVG charts and
//! `calendar` its small month tables. Pure: no files, no terminal, no network.

mod calendar;
mod charts;
mod html;

use std::collections::BTreeMap;

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
    /// The person's own words (text and list answers), entry by entry in time order.
    pub words: Vec<Words>,
    /// Practice titles by id, for the tables.
    pub titles: BTreeMap<String, String>,
    /// What to do in danger now, in a sentence (with the region's emergency number).
    pub danger: String,
    /// The crisis lines, one per line, the person's region first.
    pub support: Vec<String>,
    /// The scales of the check-in's level and of the breath reset's before/after.
    pub level_scale: (i64, i64),
    pub breath_scale: (i64, i64),
}

/// One entry's answers in the person's own words.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub at: DateTime<FixedOffset>,
    pub day: NaiveDate,
    /// The practice's title.
    pub practice: String,
    /// Each question and its answer as typed (a list's answers one per line).
    pub answers: Vec<(String, String)>,
}

/// Gathers a report one entry at a time.
pub struct Builder<'a> {
    library: &'a Library,
    config: &'a Config,
    stats: StatsBuilder,
    series: series::Builder,
    words: Vec<Words>,
    titles: BTreeMap<String, String>,
}

impl<'a> Builder<'a> {
    pub fn new(library: &'a Library, config: &'a Config) -> Self {
        Self {
            library,
            config,
            stats: StatsBuilder::new(config),
            series: series::Builder::new(config.day_starts_at),
            words: Vec::new(),
            titles: BTreeMap::new(),
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
                .insert(entry.practice.clone(), entry.title.clone());
        }
        let practice = self.library.get(&entry.practice);
        let mut answers = Vec::new();
        for (key, value) in &entry.responses {
            let step = practice.as_ref().and_then(|p| p.step_by_key(key));
            let Some(step) = step else { continue };
            let text = match (&step.kind, value) {
                (StepKind::Text { .. }, Value::String(s)) => s.clone(),
                (StepKind::List { .. }, Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
                _ => continue,
            };
            if !text.trim().is_empty() {
                answers.push((step.kind.prompt().to_owned(), text));
            }
        }
        if !answers.is_empty() {
            self.words.push(Words {
                at: entry.started_at,
                day: day_of(entry.started_at, self.config.day_starts_at),
                practice: entry.title.clone(),
                answers,
            });
        }
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
        Report {
            since,
            until,
            made_at,
            stats: self.stats.finish(until),
            series: self.series.finish(),
            words: self.words,
            titles: self.titles,
            danger,
            support,
            level_scale: scale(self.library, CHECK_IN, "level"),
            breath_scale: scale(self.library, BREATH_RESET, "before"),
        }
    }
}

impl Report {
    /// The whole page.
    pub fn to_html(&self) -> String {
        html::page(self)
    }

    /// A practice's title, or its id when no entry named one.
    fn title<'s>(&'s self, id: &'s str) -> &'s str {
        self.titles.get(id).map_or(id, String::as_str)
    }
}

/// The range of a scale step, or 1 to 5 (the default scale) when the practice has none.
fn scale(library: &Library, practice: &str, key: &str) -> (i64, i64) {
    let step = library.get(practice);
    match step
        .as_ref()
        .and_then(|p| p.step_by_key(key))
        .map(|s| &s.kind)
    {
        Some(StepKind::Scale { min, max, .. }) => (*min, *max),
        _ => (1, 5),
    }
}
