//! One entry in full: every answer labelled with its step's prompt (in step order when the
//! practice is known; a `mood` no step asked for, as imports write it, named with its
//! scale), the times, the duration, whether it was completed, its tags.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use chrono::NaiveTime;

use crate::journal::entry::Entry;
use crate::journal::query::day_of;
use crate::journal::summary::mood_scale;
use crate::practice::model::Practice;
use crate::text::clean;
use crate::tui::screens::practice::recorded;
use crate::tui::widgets::Theme;

/// The answers of `entry` as (label, value) pairs, named as the practice's own end screen
/// names them ("Breathing", the question asked), in step order when the practice is known,
/// then any answers the practice no longer asks for, under their keys.
pub fn answers(entry: &Entry, practice: Option<&Practice>) -> Vec<(String, String)> {
    let mut out = practice.map_or_else(Vec::new, |p| recorded::lines(p, entry));
    let asked = |key: &str| practice.is_some_and(|p| p.step_by_key(key).is_some());
    for (key, value) in &entry.responses {
        if asked(key) {
            continue;
        }
        match mood_scale(value).filter(|_| key == "mood") {
            Some(mood) => out.push(("Mood, how the moment felt".to_owned(), mood)),
            None => out.push((clean(key, false), recorded::describe(value))),
        }
    }
    out
}

/// The day an entry counts for, in words, when the day rule (`day_starts_at`) puts it on
/// the day before its own date ("counts for Thursday 26 November").
pub fn counted_day(entry: &Entry, day_starts_at: NaiveTime) -> Option<String> {
    let day = day_of(entry.started_at, day_starts_at);
    (day != entry.started_at.date_naive())
        .then(|| format!("counts for {}", day.format("%A %-d %B")))
}

/// `entry` in a bordered panel; an answer's line breaks stay line breaks. `practice` names
/// its answers, and `day_starts_at` says which day it counts for.
pub struct EntryDetailView<'a> {
    pub entry: &'a Entry,
    pub practice: Option<&'a Practice>,
    pub day_starts_at: NaiveTime,
    pub theme: Theme,
}

impl Widget for EntryDetailView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let EntryDetailView {
            entry,
            practice,
            day_starts_at,
            theme,
        } = self;
        let time =
            |t: &chrono::DateTime<chrono::FixedOffset>| t.format("%a %-d %b %Y, %H:%M").to_string();
        let duration = (entry.ended_at - entry.started_at)
            .num_milliseconds()
            .max(0) as f64
            / 1000.0;
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Started ", theme.muted()),
                Span::raw(time(&entry.started_at)),
                Span::styled("   ended ", theme.muted()),
                Span::raw(entry.ended_at.format("%H:%M").to_string()),
                Span::styled("   took ", theme.muted()),
                Span::raw(crate::text::seconds_words(duration)),
            ]),
            Line::from(Span::styled(
                if entry.completed {
                    "Completed."
                } else {
                    "Left early; kept what was there."
                },
                theme.muted(),
            )),
        ];
        if !entry.tags.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("Tags: ", theme.muted()),
                Span::raw(clean(&entry.tags.join(", "), false)),
            ]));
        }
        if let Some(day) = counted_day(entry, day_starts_at) {
            lines.push(Line::from(Span::styled(
                format!(
                    "After midnight: {day}, as days start at {}.",
                    day_starts_at.format("%H:%M")
                ),
                theme.muted(),
            )));
        }
        lines.push(Line::default());
        let answers = answers(entry, practice);
        if answers.is_empty() {
            lines.push(Line::from(Span::styled(
                "No answers recorded.",
                theme.muted(),
            )));
        }
        for (label, value) in answers {
            lines.push(Line::from(Span::styled(label, theme.strong())));
            lines.extend(value.lines().map(|l| Line::from(format!("  {l}"))));
        }
        let title = format!(" {} ", entry.title);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::default().borders(Borders::ALL).title(title))
            .render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::model::{Origin, Step, StepKind};
    use crate::tui::screens::review::test_entry as entry;

    fn practice() -> Practice {
        let step = |key: &str, kind| Step {
            key: Some(key.into()),
            kind,
            when: None,
        };
        Practice {
            id: "p".into(),
            title: "P".into(),
            summary: String::new(),
            source: String::new(),
            tags: vec![],
            private: false,
            origin: Origin::BuiltIn,
            steps: vec![
                step(
                    "level",
                    StepKind::Scale {
                        prompt: "How strong?".into(),
                        min: 1,
                        max: 5,
                        labels: [(5, "very".to_owned())].into(),
                    },
                ),
                step(
                    "note",
                    StepKind::Text {
                        prompt: "Anything else?".into(),
                        optional: true,
                        multiline: false,
                        max_chars: None,
                    },
                ),
            ],
        }
    }

    #[test]
    fn answers_are_labelled_in_step_order_and_extra_keys_kept() {
        let e = entry(serde_json::json!({"old": ["a", "b"], "note": "hi", "level": 5}));
        let p = practice();
        assert_eq!(
            answers(&e, Some(&p)),
            [
                ("How strong?".to_owned(), "5 of 5, very".to_owned()),
                ("Anything else?".to_owned(), "hi".to_owned()),
                ("old".to_owned(), "a, b".to_owned()),
            ]
        );
    }

    #[test]
    fn answers_are_named_as_the_practice_names_them_and_line_breaks_stay() {
        let e = entry(
            serde_json::json!({"breath": {"cycles": 9, "seconds": 90}, "body": "warm.\nShoulders loose"}),
        );
        let p = crate::practice::Library::builtin()
            .get("breath-reset")
            .unwrap();
        let shown = answers(&e, Some(&p));
        assert_eq!(
            shown[0],
            ("Breathing".to_owned(), "9 breaths, 1 min 30 s".to_owned())
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 12));
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        EntryDetailView {
            entry: &e,
            practice: Some(&p),
            day_starts_at: four,
            theme: Theme::PLAIN,
        }
        .render(buf.area, &mut buf);
        let rows: Vec<String> = (0..12)
            .map(|y| {
                let row: String = (0..40).map(|x| buf[(x, y)].symbol()).collect();
                row.trim_end_matches('│').trim_end().to_owned()
            })
            .collect();
        assert!(rows.contains(&"│  warm.".to_owned()), "{rows:#?}");
        assert!(rows.contains(&"│  Shoulders loose".to_owned()), "{rows:#?}");
    }

    #[test]
    fn an_entry_after_midnight_says_which_day_it_counts_for() {
        let mut e = entry(serde_json::json!({}));
        e.started_at = chrono::DateTime::parse_from_rfc3339("2026-11-27T01:30:00+01:00").unwrap();
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        assert_eq!(
            counted_day(&e, four).as_deref(),
            Some("counts for Thursday 26 November")
        );
        assert_eq!(counted_day(&e, NaiveTime::MIN), None);
    }
}
