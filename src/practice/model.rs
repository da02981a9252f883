//! What a practice is once its file has been read and checked: plain data, no positions, no
//! raw TOML. Everything downstream (runner, screens, stats) works on these types.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

pub use super::condition::{Condition, Test, Than};

/// One practice, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct Practice {
    /// Kebab-case, unique in the library; the journal's `practice` field.
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Where the practice comes from (its idea and tradition), in a sentence.
    pub source: String,
    pub tags: Vec<String>,
    /// Whether its words stay out of the report unless the person asks for them
    /// (`private = true`; the unsent letter is).
    pub private: bool,
    pub steps: Vec<Step>,
    pub origin: Origin,
}

/// Where a practice was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

/// One step of a practice. `key` names the answer in the journal; steps that record
/// nothing (`say`) have none. `when` makes the step conditional on an earlier answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub key: Option<String>,
    pub kind: StepKind,
    /// Shown only when this holds (None: always shown).
    pub when: Option<Condition>,
}

/// The step kinds of the contract, with their settings already defaulted and checked.
#[derive(Debug, Clone, PartialEq)]
pub enum StepKind {
    /// Text to read; moves on by itself after `advance_after` when set.
    Say {
        text: String,
        advance_after: Option<Duration>,
    },
    /// Paced breathing: `pattern` repeats for about `total` (whole cycles).
    Breathe {
        pattern: Vec<Phase>,
        total: Duration,
    },
    /// A countdown of `duration`, with an optional bell every `bell_every`.
    Timer {
        prompt: String,
        duration: Duration,
        bell_every: Option<Duration>,
    },
    /// Counts up until the urge to leave is marked, then `extra` more.
    Hold { prompt: String, extra: Duration },
    /// A whole number from `min` to `max`, some values with words.
    Scale {
        prompt: String,
        min: i64,
        max: i64,
        labels: BTreeMap<i64, String>,
    },
    /// A colour word; `choices` None means the configured palette.
    Colour {
        prompt: String,
        choices: Option<Vec<String>>,
        other: bool,
    },
    /// One option (or several when `multiple`), or a typed word when `other`.
    Choice {
        prompt: String,
        options: Vec<String>,
        multiple: bool,
        other: bool,
    },
    /// Free text.
    Text {
        prompt: String,
        optional: bool,
        multiline: bool,
        max_chars: Option<usize>,
    },
    /// Up to `count` short answers.
    List { prompt: String, count: usize },
}

/// One phase of a breathing pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub duration: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhaseKind {
    In,
    Hold,
    Out,
    Rest,
}

impl PhaseKind {
    /// The word used in practice files.
    pub fn as_str(self) -> &'static str {
        match self {
            PhaseKind::In => "in",
            PhaseKind::Hold => "hold",
            PhaseKind::Out => "out",
            PhaseKind::Rest => "rest",
        }
    }

    /// What the phase asks, as the pacer and the plain mode say it ("Breathe in").
    pub fn instruction(self) -> &'static str {
        match self {
            PhaseKind::In => "Breathe in",
            PhaseKind::Hold => "Hold",
            PhaseKind::Out => "Breathe out",
            PhaseKind::Rest => "Rest",
        }
    }
}

impl StepKind {
    /// The kind's name as written in practice files.
    pub fn name(&self) -> &'static str {
        match self {
            StepKind::Say { .. } => "say",
            StepKind::Breathe { .. } => "breathe",
            StepKind::Timer { .. } => "timer",
            StepKind::Hold { .. } => "hold",
            StepKind::Scale { .. } => "scale",
            StepKind::Colour { .. } => "colour",
            StepKind::Choice { .. } => "choice",
            StepKind::Text { .. } => "text",
            StepKind::List { .. } => "list",
        }
    }

    /// The question or text this step puts to the person.
    pub fn prompt(&self) -> &str {
        match self {
            StepKind::Say { text, .. } => text,
            StepKind::Breathe { .. } => "",
            StepKind::Timer { prompt, .. }
            | StepKind::Hold { prompt, .. }
            | StepKind::Scale { prompt, .. }
            | StepKind::Colour { prompt, .. }
            | StepKind::Choice { prompt, .. }
            | StepKind::Text { prompt, .. }
            | StepKind::List { prompt, .. } => prompt,
        }
    }
}

impl Practice {
    /// The step with answer key `key`, if any.
    pub fn step_by_key(&self, key: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.key.as_deref() == Some(key))
    }
}

/// The length of one cycle of a breathing pattern.
pub fn cycle_length(pattern: &[Phase]) -> Duration {
    pattern.iter().map(|p| p.duration).sum()
}

/// How many cycles a breathe step runs: `total` rounded to the nearest whole cycle, at least
/// one, so an exhale is never cut short.
pub fn breath_cycles(pattern: &[Phase], total: Duration) -> u32 {
    let cycle = cycle_length(pattern).as_secs_f64();
    if cycle <= 0.0 {
        return 1;
    }
    ((total.as_secs_f64() / cycle).round() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(kind: PhaseKind, secs: u64) -> Phase {
        Phase {
            kind,
            duration: Duration::from_secs(secs),
        }
    }

    #[test]
    fn cycles_round_to_whole_cycles() {
        let reset = [phase(PhaseKind::In, 4), phase(PhaseKind::Out, 6)];
        assert_eq!(breath_cycles(&reset, Duration::from_secs(90)), 9);
        let four_seven_eight = [
            phase(PhaseKind::In, 4),
            phase(PhaseKind::Hold, 7),
            phase(PhaseKind::Out, 8),
        ];
        assert_eq!(breath_cycles(&four_seven_eight, Duration::from_secs(76)), 4);
        assert_eq!(breath_cycles(&four_seven_eight, Duration::from_secs(5)), 1);
    }
}
