//! One run of one practice, as a state machine. It takes semantic inputs (next, back, mark,
//! pause, resume, type, choose) and reads time only from the injected `Clock`: breath phases,
//! timers and holds are functions of elapsed practice time (wall time minus pauses), never of
//! how often anyone polled. When the run ends it hands back a journal `Entry`.
//!
//! API frozen for the TUI; bodies are being built (issue 2).

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::clock::Clock;
use crate::journal::entry::{Entry, Via};
use crate::practice::model::{PhaseKind, Practice, Step};

/// What the person did, in the practice's own terms (the TUI maps keys to these).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Confirm the answer and go on; on a running breathe/timer step, end it early (what ran
    /// is recorded); on a `say` step, go on.
    Next,
    /// Go to the previous step; answers given so far are kept.
    Back,
    /// On a `hold` step: the urge to leave has come.
    Mark,
    /// Stop the practice clock (breath, timer, hold, auto-advancing say).
    Pause,
    /// Start the practice clock again.
    Resume,
    /// The text of a `text` step, or the typed word of a `colour`/`choice` step with `other`.
    Type(String),
    /// A scale value.
    ChooseNumber(i64),
    /// A colour, or one option of a single choice.
    Choose(String),
    /// The options of a multiple choice, or the answers of a `list` step.
    ChooseMany(Vec<String>),
}

/// Why an input was not taken; shown to the person as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

/// Something the screen may want to mark with a bell or a redraw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// A breath phase began.
    PhaseBegan(PhaseKind),
    /// A timer's `bell_every` came round.
    TimerBell,
    /// A timed step (breathe, timer, hold, auto-advancing say) ran to its end.
    StepEnded,
}

/// What a timed step looks like right now.
#[derive(Debug, Clone, PartialEq)]
pub enum Timing {
    /// The step has no clock (questions, plain `say`).
    None,
    /// An auto-advancing `say`: time until it goes on.
    Say {
        left: Duration,
    },
    Breath(BreathView),
    Timer {
        elapsed: Duration,
        left: Duration,
        total: Duration,
    },
    Hold(HoldView),
}

/// The pacer's state at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct BreathView {
    pub phase: PhaseKind,
    /// Index of the phase within the pattern.
    pub phase_index: usize,
    /// How far through the phase, 0.0 to 1.0.
    pub progress: f64,
    pub phase_left: Duration,
    /// 1-based cycle number, and how many there are.
    pub cycle: u32,
    pub cycles: u32,
    pub elapsed: Duration,
    pub total: Duration,
    /// The step already ran to its end (when returned to with Back).
    pub done: bool,
}

/// A stay-present hold at one moment.
#[derive(Debug, Clone, PartialEq)]
pub enum HoldView {
    /// Counting up; the urge to leave has not been marked yet.
    Counting { elapsed: Duration },
    /// Marked after `urge`; staying `left` longer of `extra`.
    Staying {
        urge: Duration,
        left: Duration,
        extra: Duration,
    },
    /// Finished: what was recorded.
    Done { urge: Duration, extra: Duration },
}

/// One run of one practice.
pub struct Run {
    practice: Arc<Practice>,
    clock: Arc<dyn Clock>,
}

impl Run {
    /// Starts `practice` now.
    pub fn start(practice: Arc<Practice>, clock: Arc<dyn Clock>) -> Run {
        let _ = (&practice, &clock);
        todo!()
    }

    pub fn practice(&self) -> &Practice {
        &self.practice
    }

    /// 0-based index of the current step.
    pub fn index(&self) -> usize {
        todo!()
    }

    /// The current step (the last one once finished).
    pub fn step(&self) -> &Step {
        todo!()
    }

    /// The answer recorded for `key` so far.
    pub fn answer(&self, key: &str) -> Option<&Value> {
        let _ = key;
        todo!()
    }

    /// The current step's answer so far.
    pub fn current_answer(&self) -> Option<&Value> {
        todo!()
    }

    /// Whether `Next` would move on now (e.g. a required question is answered).
    pub fn can_go_on(&self) -> bool {
        todo!()
    }

    pub fn is_paused(&self) -> bool {
        todo!()
    }

    /// Whether the last step is done.
    pub fn is_finished(&self) -> bool {
        todo!()
    }

    /// The current step's clock, at the clock's now.
    pub fn timing(&self) -> Timing {
        todo!()
    }

    /// Applies what time has done since the last call (ends timed steps, advances an
    /// auto-advancing `say`) and returns what happened, in order.
    pub fn update(&mut self) -> Vec<Cue> {
        todo!()
    }

    /// When the state will next change by itself (a phase boundary, a timer's end), so a
    /// screen can sleep until then; None while paused or on a question.
    pub fn next_change(&self) -> Option<Instant> {
        todo!()
    }

    /// Takes one input. A refused input changes nothing.
    pub fn handle(&mut self, input: Input) -> Result<(), Refused> {
        let _ = input;
        todo!()
    }

    /// The finished run as an entry (None until finished).
    pub fn entry(&self, via: Via) -> Option<Entry> {
        let _ = via;
        todo!()
    }

    /// Leaving early: with `keep`, what was answered so far as an entry with
    /// `completed: false` (None if nothing was answered); without, nothing.
    pub fn leave(&self, keep: bool, via: Via) -> Option<Entry> {
        let _ = (keep, via);
        todo!()
    }

    /// Whether anything has been recorded yet (to decide whether leaving needs asking).
    pub fn has_answers(&self) -> bool {
        todo!()
    }
}
