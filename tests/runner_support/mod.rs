//! Builders for runner tests: practices made from the model types directly, and a run on a
//! test clock that only moves when told to.

#![allow(
    dead_code,
    reason = "each test binary uses its own share of these helpers, so `expect` would fail in a test binary that uses them all"
)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use steady::clock::TestClock;
use steady::practice::model::{Origin, Phase, PhaseKind, Practice, Step, StepKind};
use steady::runner::{Input, Run, Timing};

pub const START: &str = "2026-11-22T08:00:00.000+01:00";

pub fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s)
}

pub fn practice(id: &str, steps: Vec<Step>) -> Arc<Practice> {
    Arc::new(Practice {
        id: id.into(),
        title: format!("Practice {id}"),
        summary: String::new(),
        source: String::new(),
        tags: Vec::new(),
        private: false,
        steps,
        origin: Origin::BuiltIn,
    })
}

/// A run of `practice` on a fresh test clock at `START`.
pub fn start(practice: Arc<Practice>) -> (Run, Arc<TestClock>) {
    let clock = Arc::new(TestClock::at_rfc3339(START));
    (Run::start(practice, clock.clone()), clock)
}

fn keyed(key: &str, kind: StepKind) -> Step {
    Step {
        key: Some(key.into()),
        kind,
        when: None,
    }
}

pub fn say(text: &str) -> Step {
    Step {
        key: None,
        when: None,
        kind: StepKind::Say {
            text: text.into(),
            advance_after: None,
        },
    }
}

pub fn say_for(text: &str, after: f64) -> Step {
    Step {
        key: None,
        when: None,
        kind: StepKind::Say {
            text: text.into(),
            advance_after: Some(secs(after)),
        },
    }
}

pub fn breathe(key: &str, pattern: &[(PhaseKind, u64)], total: u64) -> Step {
    let pattern = pattern
        .iter()
        .map(|&(kind, s)| Phase {
            kind,
            duration: Duration::from_secs(s),
        })
        .collect();
    keyed(
        key,
        StepKind::Breathe {
            pattern,
            total: Duration::from_secs(total),
        },
    )
}

/// The 90-second reset: in for 4, out for 6.
pub fn reset(key: &str) -> Step {
    breathe(key, &[(PhaseKind::In, 4), (PhaseKind::Out, 6)], 90)
}

pub fn timer(key: &str, seconds: u64, bell_every: Option<u64>) -> Step {
    keyed(
        key,
        StepKind::Timer {
            prompt: "Sit with it.".into(),
            duration: Duration::from_secs(seconds),
            bell_every: bell_every.map(Duration::from_secs),
        },
    )
}

pub fn hold(key: &str, extra: u64) -> Step {
    keyed(
        key,
        StepKind::Hold {
            prompt: "Stay.".into(),
            extra: Duration::from_secs(extra),
        },
    )
}

pub fn scale(key: &str, min: i64, max: i64) -> Step {
    keyed(
        key,
        StepKind::Scale {
            prompt: "How strong?".into(),
            min,
            max,
            labels: BTreeMap::new(),
        },
    )
}

pub fn colour(key: &str, choices: Option<&[&str]>, other: bool) -> Step {
    keyed(
        key,
        StepKind::Colour {
            prompt: "What colour?".into(),
            choices: choices.map(|c| c.iter().map(std::string::ToString::to_string).collect()),
            other,
        },
    )
}

pub fn choice(key: &str, options: &[&str], multiple: bool, other: bool) -> Step {
    keyed(
        key,
        StepKind::Choice {
            prompt: "Which?".into(),
            options: options
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            multiple,
            other,
        },
    )
}

pub fn text(key: &str, optional: bool, multiline: bool, max_chars: Option<usize>) -> Step {
    keyed(
        key,
        StepKind::Text {
            prompt: "In a sentence?".into(),
            optional,
            multiline,
            max_chars,
        },
    )
}

pub fn list(key: &str, count: usize) -> Step {
    keyed(
        key,
        StepKind::List {
            prompt: "Name a few.".into(),
            count,
        },
    )
}

pub fn many(items: &[&str]) -> Input {
    Input::ChooseMany(items.iter().map(std::string::ToString::to_string).collect())
}

/// Everything a screen can see of a run, to show that something did not change.
pub fn snapshot(run: &Run) -> String {
    format!(
        "{} {:?} {} {} {} {:?} {:?}",
        run.index(),
        run.current_answer(),
        run.can_go_on(),
        run.is_paused(),
        run.is_finished(),
        run.timing(),
        run.leave(true, steady::journal::entry::Via::Tui)
            .map(|e| e.responses),
    )
}

/// The breath view, or a panic naming what the step shows instead.
pub fn breath(run: &Run) -> steady::runner::BreathView {
    match run.timing() {
        Timing::Breath(view) => view,
        other => panic!("expected a breath view, got {other:?}"),
    }
}
