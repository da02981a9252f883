//! One run of one practice, as a state machine. It takes semantic inputs (next, back, mark,
//! pause, resume, type, choose) and reads time only from the injected `Clock`: breath
//! phases, timers and holds are functions of elapsed practice time (monotonic time minus
//! pauses), never of how often anyone polled. When the run ends, or the person leaves early,
//! it hands back a journal `Entry`.
//!
//! Steps with a `when` are shown only when their condition holds for the answers so far
//! (`applies`); `Next` and `Back` pass over the others, `position` counts the steps a person
//! will see, and `is_first` says whether there is a step to go back to. A front end (the TUI,
//! or a line-driven one) needs only `start`, `step`, `prompt` (the step's words, with earlier
//! answers put into a `say` step's `{key}` placeholders), `handle`, `update`, `timing`,
//! `next_change`, `position` and `entry`/`leave`.
//!
//! The parts: `timing` (practice time, pauses), `breath` (the pacer as a function of time),
//! `live` (the clock of the step on screen and what it records), `answers` (question
//! inputs), `flow` (moving between steps, catching up with time), `shown` (which steps a
//! run shows, by their `when`).

mod answers;
mod breath;
mod flow;
mod live;
mod shown;
mod timing;

use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use crate::clock::Clock;
use crate::config::DEFAULT_PALETTE;
use crate::journal::entry::{Entry, FORMAT_VERSION, Via};
use crate::journal::id::new_id;
use crate::practice::model::{PhaseKind, Practice, Step, StepKind};
use crate::practice::placeholder;
pub use live::reading_time;
use live::{Live, Ran};
use timing::PracticeClock;

/// What the person did, in the practice's own terms (the TUI maps keys to these).
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Confirm the answer and go on; on a running breathe/timer step, end it early (what ran
    /// is recorded: whole breath cycles and the seconds run); on a `say` step, go on. On a
    /// hold still counting, the moment ended with no urge to leave (recorded with
    /// `urge_s: null`); on a hold that is staying it ends the stay early. On the last step
    /// shown it finishes the run. Steps whose `when` does not hold are passed over.
    Next,
    /// Go to the previous step shown; answers given so far are kept. A timed step that
    /// already ran shows as done and `Next` passes it; one left while running is dropped and
    /// starts afresh when come back to.
    Back,
    /// On a `hold` step: the urge to leave has come.
    Mark,
    /// On a `hold` step: the moment happened away from the screen; this is what the person
    /// remembers of it. It is recorded with `"recalled": true` and the run goes on.
    Recall(Recalled),
    /// Stop the practice clock (breath, timer, hold, auto-advancing say).
    Pause,
    /// Start the practice clock again.
    Resume,
    /// The text of a `text` step, or the typed word of a `colour`/`choice` step with `other`
    /// (on a multiple choice it is added to what is chosen). Text is cleaned of control
    /// characters and trimmed; an optional text left empty records nothing.
    Type(String),
    /// A scale value.
    ChooseNumber(i64),
    /// A colour, or one option of a single choice (matched regardless of case).
    Choose(String),
    /// The options of a multiple choice, or the answers of a `list` step (empty answers are
    /// dropped, repeats kept once); replaces what was chosen before.
    ChooseMany(Vec<String>),
}

/// A hold told from memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recalled {
    /// Roughly how many seconds until the urge to leave came (with `urge`), or how long the
    /// whole moment lasted (without), from 0 to 7200.
    pub seconds: f64,
    /// The urge to leave came.
    pub urge: bool,
    /// After the urge, the person stayed the step's extra seconds (ignored without `urge`).
    pub stayed: bool,
}

/// Why an input was not taken; shown to the person as one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// The value typed text records for a text step of `kind`, checked as a run checks it
/// (cleaned, trimmed, within `max_chars`, not empty unless optional): None for an optional
/// answer left empty. Review's edit uses it, so an answer edited later obeys the same rules.
pub fn typed_answer(kind: &StepKind, typed: &str) -> Result<Option<Value>, Refused> {
    match answers::accept(kind, Input::Type(typed.to_owned()), None, &[])? {
        answers::Answer::Set(value) => Ok(Some(value)),
        answers::Answer::Clear => Ok(None),
    }
}

/// Something the screen may want to mark with a bell or a redraw. Cues come from `update`
/// in the order things happened; see there for how a long gap between calls is told.
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
    /// An auto-advancing `say`: time until it goes on (its reading time, then its seconds).
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
    /// 1-based cycle number, and how many there are. A step that already ran shows the
    /// whole cycles it recorded (fewer when it was ended early, 0 if not one was finished).
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
    Done(HoldRecord),
}

/// What a hold recorded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HoldRecord {
    /// When the urge to leave came; None when it did not.
    pub urge: Option<Duration>,
    /// How long the person stayed after the urge; with no urge, the hold's whole length.
    pub extra: Duration,
    /// Entered afterwards, from memory, rather than timed.
    pub recalled: bool,
}

impl HoldRecord {
    /// The hold's whole length.
    pub fn total(&self) -> Duration {
        self.urge.unwrap_or_default() + self.extra
    }
}

/// One run of one practice.
pub struct Run {
    practice: Arc<Practice>,
    clock: Arc<dyn Clock>,
    /// Colours offered by colour steps that name none of their own.
    palette: Vec<String>,
    /// Made once, so that `entry` and `leave` agree however often they are asked.
    id: String,
    started_at: DateTime<FixedOffset>,
    /// Set when the last step is done.
    ended_at: Option<DateTime<FixedOffset>>,
    time: PracticeClock,
    index: usize,
    /// The furthest step entered: an auto-advancing `say` before it does not advance again.
    reached: usize,
    live: Live,
    /// Practice time up to which the live step's cues have been given (None: none yet).
    cued_upto: Option<Duration>,
    /// Cues that time produced while an input was being taken, for the next `update`.
    pending: Vec<Cue>,
    /// Per step: the answer in the journal's shape.
    answers: Vec<Option<Value>>,
    /// Per step: what a timed step ran, to show it as done when returned to.
    ran: Vec<Option<Ran>>,
}

/// What `step()` shows for a practice with no steps at all.
static NO_STEP: Step = Step {
    key: None,
    when: None,
    kind: StepKind::Say {
        text: String::new(),
        advance_after: None,
    },
};

impl Run {
    /// Starts `practice` now. A practice without steps is finished at once.
    pub fn start(practice: Arc<Practice>, clock: Arc<dyn Clock>) -> Run {
        let started_at = clock.wall();
        let steps = practice.steps.len();
        let mut run = Run {
            palette: DEFAULT_PALETTE
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            id: new_id(started_at),
            started_at,
            ended_at: None,
            time: PracticeClock::new(clock.now()),
            index: 0,
            reached: 0,
            live: Live::Still,
            cued_upto: None,
            pending: Vec::new(),
            answers: vec![None; steps],
            ran: vec![None; steps],
            practice,
            clock,
        };
        match run.practice.steps.first() {
            Some(first) => run.live = Live::start(&first.kind, Duration::ZERO),
            None => run.ended_at = Some(started_at),
        }
        run
    }

    /// The same run, offering `palette` on colour steps that name no colours of their own
    /// (by default, the default palette of the settings).
    #[must_use]
    pub fn with_palette(mut self, palette: Vec<String>) -> Run {
        self.palette = palette;
        self
    }

    /// The colours the current step offers: its own, or the palette; empty on other steps.
    pub fn colours(&self) -> &[String] {
        match &self.step().kind {
            StepKind::Colour { choices, .. } => choices.as_deref().unwrap_or(&self.palette),
            _ => &[],
        }
    }

    pub fn practice(&self) -> &Practice {
        &self.practice
    }

    /// 0-based index of the current step.
    pub fn index(&self) -> usize {
        self.index
    }

    /// The current step (the last one once finished).
    pub fn step(&self) -> &Step {
        self.practice.steps.get(self.index).unwrap_or(&NO_STEP)
    }

    /// The words the current step shows: a `say` step's text with the earlier answers its
    /// placeholders name put in (`{thought}` becomes what was written there), or a question's
    /// prompt.
    pub fn prompt(&self) -> Cow<'_, str> {
        let kind = &self.step().kind;
        match kind {
            StepKind::Say { text, .. } => placeholder::fill(text, |key| {
                self.answer(key).and_then(Value::as_str).map(str::to_owned)
            }),
            _ => Cow::Borrowed(kind.prompt()),
        }
    }

    /// The answer recorded for `key` so far.
    pub fn answer(&self, key: &str) -> Option<&Value> {
        let index = self
            .practice
            .steps
            .iter()
            .position(|s| s.key.as_deref() == Some(key))?;
        self.answers.get(index)?.as_ref()
    }

    /// The current step's answer so far.
    pub fn current_answer(&self) -> Option<&Value> {
        self.answers.get(self.index)?.as_ref()
    }

    /// Whether `Next` would move on now (e.g. a required question is answered). False while
    /// paused and once finished.
    pub fn can_go_on(&self) -> bool {
        if self.is_finished() || self.time.is_paused() {
            return false;
        }
        match self.live {
            Live::Still => answers::is_answered(&self.step().kind, self.current_answer()),
            _ => true,
        }
    }

    pub fn is_paused(&self) -> bool {
        !self.is_finished() && self.time.is_paused()
    }

    /// Whether the last step is done.
    pub fn is_finished(&self) -> bool {
        self.ended_at.is_some()
    }

    /// The current step's clock, at the clock's now. A timed step that already ran shows
    /// what it recorded (`BreathView::done`, `HoldView::Done`, a timer with nothing left);
    /// an auto-advancing `say` seen before shows `Timing::None`.
    pub fn timing(&self) -> Timing {
        match (self.live, self.ran.get(self.index).copied().flatten()) {
            (Live::Still, Some(ran)) => live::done_timing(&self.step().kind, ran),
            (live, _) => live.timing(&self.step().kind, self.practice_time()),
        }
    }

    /// Applies what time has done since the last call (ends timed steps, advances an
    /// auto-advancing `say`) and returns what happened, in order. However long since the
    /// last call, each step gives at most one `PhaseBegan` or `TimerBell` (for the latest
    /// phase or bell) before its `StepEnded`; steps that ended by themselves are followed by
    /// the next from their nominal end, so late polling never stretches a practice.
    pub fn update(&mut self) -> Vec<Cue> {
        self.catch_up();
        std::mem::take(&mut self.pending)
    }

    /// When the state will next change by itself (a phase boundary, a bell, a timer's end,
    /// or the next whole second of a running step's clock, so a seconds display can tick),
    /// so a screen can sleep until then; None while paused, on a question, and once finished.
    /// An instant in the past means `update` has something to do now.
    pub fn next_change(&self) -> Option<Instant> {
        if self.is_finished() {
            return None;
        }
        let at = self
            .live
            .next_change(&self.step().kind, self.practice_time())?;
        self.time.instant_of(at)
    }

    /// Takes one input. A refused input changes nothing. While paused only `Resume` and
    /// `Back` are taken; once finished, nothing is.
    pub fn handle(&mut self, input: Input) -> Result<(), Refused> {
        self.take(input)
    }

    /// The finished run as an entry (None until finished).
    pub fn entry(&self, via: Via) -> Option<Entry> {
        let ended_at = self.ended_at?;
        Some(self.make_entry(via, true, ended_at, self.responses(None)))
    }

    /// Leaving early: with `keep`, what was answered so far as an entry with
    /// `completed: false` (None if nothing was answered); without, nothing. A timed step cut
    /// short counts with what it ran. Leaving a finished run with `keep` gives its entry.
    pub fn leave(&self, keep: bool, via: Via) -> Option<Entry> {
        if !keep {
            return None;
        }
        if self.is_finished() {
            return self.entry(via);
        }
        let responses = self.responses_now();
        if responses.is_empty() {
            return None;
        }
        Some(self.make_entry(via, false, self.clock.wall(), responses))
    }

    /// Whether anything has been recorded yet (to decide whether leaving needs asking).
    pub fn has_answers(&self) -> bool {
        !self.responses_now().is_empty()
    }

    /// Practice time now.
    fn practice_time(&self) -> Duration {
        self.time.at(self.clock.now())
    }

    /// The responses so far, with what the running step has run if it has run at all.
    fn responses_now(&self) -> Map<String, Value> {
        let now = self.practice_time();
        let running = self.live.began().is_some_and(|began| now > began);
        let partial = self.live.record(&self.step().kind, now).filter(|_| running);
        self.responses(partial.map(|ran| ran.value()).as_ref())
    }

    /// Responses in step order; `partial` stands for the current step's answer.
    fn responses(&self, partial: Option<&Value>) -> Map<String, Value> {
        let mut out = Map::new();
        for (index, step) in self.practice.steps.iter().enumerate() {
            // An answer to a step no longer shown (an earlier answer changed) is not kept.
            if !self.applies(index) {
                continue;
            }
            let answer = match partial {
                Some(value) if index == self.index => Some(value),
                _ => self.answers.get(index).and_then(Option::as_ref),
            };
            if let (Some(key), Some(value)) = (&step.key, answer) {
                out.insert(key.clone(), value.clone());
            }
        }
        out
    }

    fn make_entry(
        &self,
        via: Via,
        completed: bool,
        ended_at: DateTime<FixedOffset>,
        responses: Map<String, Value>,
    ) -> Entry {
        Entry {
            v: FORMAT_VERSION,
            id: self.id.clone(),
            practice: self.practice.id.clone(),
            title: self.practice.title.clone(),
            started_at: self.started_at,
            ended_at,
            completed,
            via,
            responses,
            tags: Vec::new(),
            extra: Map::new(),
        }
    }
}
