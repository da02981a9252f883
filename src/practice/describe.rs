//! A step's settings in a few plain words ("in 4 s · out 6 s, 9 cycles (90 s)"), for
//! `steady practices show` and any screen that previews a practice.

use std::time::Duration;

use super::model::{StepKind, breath_cycles, cycle_length};

/// A duration as a person reads it: "90 s", "1.5 s".
pub fn seconds_text(d: Duration) -> String {
    format!("{} s", super::write::seconds(d))
}

/// The settings of a step in one line; empty when there is nothing to say beyond its text.
pub fn settings(kind: &StepKind) -> String {
    let or_type = |other: bool| if other { " · or type your own" } else { "" };
    match kind {
        StepKind::Say {
            text,
            advance_after,
        } => {
            let keys = super::placeholder::keys(text);
            let mut parts: Vec<String> = keys
                .iter()
                .map(|key| format!("{{{key}}} shows the answer to `{key}`"))
                .collect();
            if let Some(d) = advance_after {
                parts.push(format!(
                    "moves on by itself {} after it has had time to be read",
                    seconds_text(*d)
                ));
            }
            parts.join(" · ")
        }
        StepKind::Breathe { pattern, total } => {
            let phases: Vec<String> = pattern
                .iter()
                .map(|p| format!("{} {}", p.kind.as_str(), seconds_text(p.duration)))
                .collect();
            let cycles = breath_cycles(pattern, *total);
            let runs = cycle_length(pattern) * cycles;
            let plural = if cycles == 1 { "" } else { "s" };
            format!(
                "{}, {cycles} cycle{plural} ({})",
                phases.join(" · "),
                seconds_text(runs)
            )
        }
        StepKind::Timer {
            duration,
            bell_every,
            ..
        } => match bell_every {
            Some(every) => format!(
                "{} · bell every {}",
                seconds_text(*duration),
                seconds_text(*every)
            ),
            None => seconds_text(*duration),
        },
        StepKind::Hold { extra, .. } => {
            format!("stay {} after the urge to leave", seconds_text(*extra))
        }
        StepKind::Scale {
            min, max, labels, ..
        } => {
            let mut parts = vec![format!("{min} to {max}")];
            parts.extend(labels.iter().map(|(at, words)| format!("{at} = {words}")));
            parts.join(" · ")
        }
        StepKind::Colour { choices, other, .. } => match choices {
            Some(choices) => format!("colours: {}{}", choices.join(", "), or_type(*other)),
            None => format!("colours from your palette{}", or_type(*other)),
        },
        StepKind::Choice {
            options,
            multiple,
            other,
            ..
        } => {
            let how = if *multiple { "any of" } else { "one of" };
            format!("{how}: {}{}", options.join(", "), or_type(*other))
        }
        StepKind::Text {
            optional,
            multiline,
            max_chars,
            ..
        } => {
            let mut parts = vec![
                if *multiline {
                    "several lines"
                } else {
                    "one line"
                }
                .to_owned(),
            ];
            if let Some(n) = max_chars {
                parts.push(format!("up to {n} characters"));
            }
            if *optional {
                parts.push("optional".to_owned());
            }
            parts.join(" · ")
        }
        StepKind::List { count, .. } => {
            let plural = if *count == 1 { "" } else { "s" };
            format!("up to {count} answer{plural}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::model::{Phase, PhaseKind};

    #[test]
    fn breathe_settings_show_the_whole_cycles() {
        let kind = StepKind::Breathe {
            pattern: vec![
                Phase {
                    kind: PhaseKind::In,
                    duration: Duration::from_secs(4),
                },
                Phase {
                    kind: PhaseKind::Out,
                    duration: Duration::from_secs(6),
                },
            ],
            total: Duration::from_secs(90),
        };
        assert_eq!(settings(&kind), "in 4 s · out 6 s, 9 cycles (90 s)");
    }

    #[test]
    fn durations_read_plainly() {
        assert_eq!(seconds_text(Duration::from_secs(90)), "90 s");
        assert_eq!(seconds_text(Duration::from_millis(1500)), "1.5 s");
    }
}
