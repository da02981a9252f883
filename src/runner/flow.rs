//! Moving through a run: taking inputs, going forward and back between steps, and catching
//! up with time, which ends timed steps and moves on by itself, in order, however late.

use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;

use super::answers::{self, Answer, refuse};
use super::live::{self, Live, Ran};
use super::{Cue, HoldRecord, Input, Recalled, Refused, Run};

/// The longest moment that can be entered from memory, in seconds.
const MAX_RECALLED_S: f64 = 7200.0;
use crate::practice::model::StepKind;

impl Run {
    pub(super) fn take(&mut self, input: Input) -> Result<(), Refused> {
        // Time first: the input applies to the step that is on screen by now.
        self.catch_up();
        if self.is_finished() {
            return refuse("This practice is finished.");
        }
        if self.time.is_paused() && !matches!(input, Input::Resume | Input::Back) {
            return refuse("The practice is paused; resume it to go on.");
        }
        match input {
            Input::Pause => {
                self.time.pause(self.clock.now());
                Ok(())
            }
            Input::Resume if self.time.is_paused() => {
                self.time.resume(self.clock.now());
                Ok(())
            }
            Input::Resume => refuse("The practice is not paused."),
            Input::Back => self.move_by(Run::back),
            Input::Next => self.move_by(Run::next),
            Input::Mark => self.mark(),
            Input::Recall(recalled) => self.move_by(|run| run.recall(recalled)),
            answer => self.take_answer(answer),
        }
    }

    /// Ends every timed step whose time is up, recording it in full and moving on from its
    /// nominal end, and queues the cues on the way.
    pub(super) fn catch_up(&mut self) {
        let now = self.practice_time();
        let practice = Arc::clone(&self.practice);
        while !self.is_finished() {
            let Some(step) = practice.steps.get(self.index) else {
                break;
            };
            let end = self.live.end(&step.kind).filter(|end| *end <= now);
            let upto = end.unwrap_or(now);
            if let Some(cue) = self.live.cue(&step.kind, self.cued_upto, upto) {
                self.pending.push(cue);
            }
            self.cued_upto = Some(upto);
            let Some(end) = end else {
                break;
            };
            if let Some(ran) = self.live.record(&step.kind, end) {
                self.keep(ran);
            }
            self.pending.push(Cue::StepEnded);
            self.go_on(end);
        }
    }

    /// Moves with `go`. A bell or phase that came just before the person moved on belongs
    /// to a step no longer on screen; only the end of a step stays worth telling.
    fn move_by(&mut self, go: impl FnOnce(&mut Run) -> Result<(), Refused>) -> Result<(), Refused> {
        go(self)?;
        self.pending.retain(|cue| *cue == Cue::StepEnded);
        Ok(())
    }

    fn next(&mut self) -> Result<(), Refused> {
        let now = self.practice_time();
        let practice = Arc::clone(&self.practice);
        let kind = &practice.steps[self.index].kind;
        match self.live {
            // Enter before any urge was marked: the moment ended and no urge came, which is
            // what the practice works toward. It records that, never a guessed mark.
            Live::Still if !answers::is_answered(kind, self.current_answer()) => {
                return refuse(answers::wants(kind));
            }
            Live::Still => {}
            running => {
                if let Some(ran) = running.record(kind, now) {
                    self.keep(ran);
                }
            }
        }
        self.go_on(now);
        Ok(())
    }

    /// Back to the previous step shown, answers kept. A timed step left running is dropped,
    /// not recorded: it starts afresh when the person comes forward to it again.
    fn back(&mut self) -> Result<(), Refused> {
        let Some(previous) = (0..self.index).rev().find(|&i| self.applies(i)) else {
            return refuse("This is the first step.");
        };
        let now = self.practice_time();
        self.enter(previous, now);
        Ok(())
    }

    /// On a hold: what the person remembers of a moment that happened away from the screen.
    fn recall(&mut self, recalled: Recalled) -> Result<(), Refused> {
        let practice = Arc::clone(&self.practice);
        let StepKind::Hold { extra, .. } = practice.steps[self.index].kind else {
            return refuse(answers::wants(&self.step().kind));
        };
        if !(0.0..=MAX_RECALLED_S).contains(&recalled.seconds) {
            return refuse("Give a number of seconds from 0 to 7200 (two hours).");
        }
        let seconds = Duration::from_secs_f64(recalled.seconds);
        let ran = if recalled.urge {
            Ran::Hold(HoldRecord {
                urge: Some(seconds),
                extra: if recalled.stayed {
                    extra
                } else {
                    Duration::ZERO
                },
                recalled: true,
            })
        } else {
            live::no_urge(seconds, true)
        };
        self.keep(ran);
        self.go_on(self.practice_time());
        Ok(())
    }

    fn mark(&mut self) -> Result<(), Refused> {
        match self.live {
            Live::Counting { start } => {
                let urge = self.practice_time().saturating_sub(start);
                self.live = Live::Staying { start, urge };
                Ok(())
            }
            Live::Staying { .. } => refuse("The urge is already marked; stay a little longer."),
            _ if matches!(self.step().kind, StepKind::Hold { .. }) => {
                refuse("This step is done; go on when you are ready.")
            }
            _ => refuse(answers::wants(&self.step().kind)),
        }
    }

    fn take_answer(&mut self, input: Input) -> Result<(), Refused> {
        let practice = Arc::clone(&self.practice);
        let kind = &practice.steps[self.index].kind;
        let answer = answers::accept(kind, input, self.current_answer(), &self.palette)?;
        self.answers[self.index] = match answer {
            Answer::Set(value) => Some(value),
            Answer::Clear => None,
        };
        Ok(())
    }

    fn keep(&mut self, ran: Ran) {
        self.answers[self.index] = Some(ran.value());
        self.ran[self.index] = Some(ran);
    }

    /// Leaves the current step at practice time `at` for the next one shown, or finishes.
    fn go_on(&mut self, at: Duration) {
        let next = (self.index + 1..self.practice.steps.len()).find(|&i| self.applies(i));
        match next {
            Some(next) => self.enter(next, at),
            None => self.finish(at),
        }
    }

    /// Shows step `index` from practice time `at`. A timed step that already ran, and an
    /// auto-advancing `say` seen before, stand still rather than run again.
    fn enter(&mut self, index: usize, at: Duration) {
        let practice = Arc::clone(&self.practice);
        let kind = &practice.steps[index].kind;
        let seen = index < self.reached;
        self.index = index;
        self.reached = self.reached.max(index);
        self.cued_upto = None;
        let ran = self.ran[index].is_some();
        self.live = if ran || (seen && matches!(kind, StepKind::Say { .. })) {
            Live::Still
        } else {
            Live::start(kind, at)
        };
    }

    /// The run ends at practice time `at`; its wall time is read back from now, so a late
    /// look at the clock does not move the end.
    fn finish(&mut self, at: Duration) {
        let wall = self.clock.wall();
        let since = self.time.real_since(at, self.clock.now());
        let ended_at = TimeDelta::from_std(since)
            .ok()
            .and_then(|since| wall.checked_sub_signed(since))
            .unwrap_or(wall);
        self.ended_at = Some(ended_at);
        self.live = Live::Still;
    }
}
