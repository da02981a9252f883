//! One entry in full: every answer labelled with its step's prompt (in step order when the
//! practice is known), the times, the duration, whether it was completed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use serde_json::Value;

use crate::journal::entry::Entry;
use crate::practice::model::{Practice, StepKind};
use crate::tui::widgets::Theme;

/// The answers of `entry` as (label, value) pairs: the practice's steps first, in order,
/// then any answers the practice no longer asks for, under their keys.
pub fn answers(entry: &Entry, practice: Option<&Practice>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut shown = Vec::new();
    for step in practice.map(|p| p.steps.as_slice()).unwrap_or_default() {
        let Some(key) = step.key.as_deref() else {
            continue;
        };
        let Some(value) = entry.responses.get(key) else {
            continue;
        };
        let prompt = step.kind.prompt().trim();
        let label = if prompt.is_empty() { key } else { prompt };
        out.push((label.to_owned(), show_value(value, Some(&step.kind))));
        shown.push(key);
    }
    for (key, value) in &entry.responses {
        if !shown.contains(&key.as_str()) {
            out.push((key.clone(), show_value(value, None)));
        }
    }
    out
}

/// The keys of the answers that `e` may edit: text steps when the practice is known,
/// otherwise every answer that is a string (except the colour word).
pub fn text_keys(entry: &Entry, practice: Option<&Practice>) -> Vec<String> {
    match practice {
        Some(p) => p
            .steps
            .iter()
            .filter(|s| matches!(s.kind, StepKind::Text { .. }))
            .filter_map(|s| s.key.clone())
            .filter(|k| entry.responses.get(k).is_some_and(Value::is_string))
            .collect(),
        None => entry
            .responses
            .iter()
            .filter(|(k, v)| v.is_string() && k.as_str() != "colour")
            .map(|(k, _)| k.clone())
            .collect(),
    }
}

/// An answer in words.
pub fn show_value(value: &Value, kind: Option<&StepKind>) -> String {
    match (value, kind) {
        (Value::Number(n), Some(StepKind::Scale { labels, .. })) => {
            match n.as_i64().and_then(|v| labels.get(&v)) {
                Some(words) => format!("{n} ({words})"),
                None => n.to_string(),
            }
        }
        (Value::String(s), _) => s.clone(),
        (Value::Array(items), _) => items
            .iter()
            .map(|v| show_value(v, None))
            .collect::<Vec<_>>()
            .join("; "),
        (Value::Object(map), _) => {
            let secs = |k: &str| map.get(k).and_then(Value::as_f64);
            if let (Some(urge), Some(extra), Some(total)) =
                (secs("urge_s"), secs("extra_s"), secs("total_s"))
            {
                format!(
                    "urge to leave after {}, stayed {} more, {} in all",
                    seconds(urge),
                    seconds(extra),
                    seconds(total)
                )
            } else if let (Some(cycles), Some(s)) = (secs("cycles"), secs("seconds")) {
                format!("{cycles} breaths over {}", seconds(s))
            } else if let Some(s) = secs("seconds") {
                seconds(s)
            } else {
                map.iter()
                    .map(|(k, v)| format!("{k}: {}", show_value(v, None)))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }
        (other, _) => other.to_string(),
    }
}

/// Seconds as a person reads them: "42 s", "1 min 5 s".
pub fn seconds(s: f64) -> String {
    if s < 60.0 {
        let rounded = (s * 10.0).round() / 10.0;
        format!("{rounded} s")
    } else {
        let whole = s.round() as u64;
        format!("{} min {} s", whole / 60, whole % 60)
    }
}

/// Draws `entry` in a bordered panel.
pub fn render(
    entry: &Entry,
    practice: Option<&Practice>,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
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
            Span::raw(seconds(duration)),
        ]),
        Line::from(Span::styled(
            if entry.completed {
                "Completed."
            } else {
                "Left early; kept what was there."
            },
            theme.muted(),
        )),
        Line::default(),
    ];
    let answers = answers(entry, practice);
    if answers.is_empty() {
        lines.push(Line::from(Span::styled(
            "No answers recorded.",
            theme.muted(),
        )));
    }
    for (label, value) in answers {
        lines.push(Line::from(Span::styled(label, theme.strong())));
        lines.push(Line::from(format!("  {value}")));
    }
    let title = format!(" {} ", entry.title);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(title))
        .render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::model::{Origin, Step};
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
                ("How strong?".to_owned(), "5 (very)".to_owned()),
                ("Anything else?".to_owned(), "hi".to_owned()),
                ("old".to_owned(), "a; b".to_owned()),
            ]
        );
        assert_eq!(text_keys(&e, Some(&p)), ["note"]);
        assert_eq!(text_keys(&e, None), ["note"]);
    }

    #[test]
    fn nested_answers_read_as_words() {
        let hold = serde_json::json!({"urge_s": 8.25, "extra_s": 5, "total_s": 73.25});
        assert_eq!(
            show_value(&hold, None),
            "urge to leave after 8.3 s, stayed 5 s more, 1 min 13 s in all"
        );
        let breath = serde_json::json!({"cycles": 9, "seconds": 90});
        assert_eq!(show_value(&breath, None), "9 breaths over 1 min 30 s");
    }
}
