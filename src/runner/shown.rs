//! Which steps a run shows: a step with a `when` is shown only when its condition holds for
//! the answers so far. Also where the run stands among the steps shown, for "step 2 of 5".

use serde_json::Value;

use super::Run;

impl Run {
    /// Whether step `index` is shown: it has no `when`, or its condition holds for the
    /// answers so far.
    pub fn applies(&self, index: usize) -> bool {
        let Some(step) = self.practice.steps.get(index) else {
            return false;
        };
        let Some(when) = &step.when else {
            return true;
        };
        self.position_of(&when.key).is_some_and(|t| {
            self.applies(t)
                && when.holds(
                    &self.practice.steps[t],
                    self.answers.get(t).and_then(Option::as_ref),
                    |key| self.shown_answer(key),
                )
        })
    }

    /// The index of the step recording `key`.
    fn position_of(&self, key: &str) -> Option<usize> {
        self.practice
            .steps
            .iter()
            .position(|s| s.key.as_deref() == Some(key))
    }

    /// The answer under `key`, when its step is shown.
    fn shown_answer(&self, key: &str) -> Option<&Value> {
        let index = self.position_of(key)?;
        if self.applies(index) {
            self.answers.get(index)?.as_ref()
        } else {
            None
        }
    }

    /// Whether no step is shown before the current one (so there is no going back).
    pub fn is_first(&self) -> bool {
        !(0..self.index).any(|i| self.applies(i))
    }

    /// Where the run stands, for "step 2 of 5": the 1-based number of the current step among
    /// those shown, and how many there will be. A conditional step whose answer is not known
    /// yet is counted as if the likely thing happens (a timed step runs its time, no urge
    /// comes, a choice is its first option); the built-ins give every path the same length.
    pub fn position(&self) -> (usize, usize) {
        let steps = self.practice.steps.len();
        let number = (0..=self.index).filter(|&i| self.applies(i)).count().max(1);
        let ahead = (self.index + 1..steps)
            .filter(|&i| self.likely_applies(i))
            .count();
        (number, number + ahead)
    }

    /// As `applies`, guessing the likely answer for steps not yet answered.
    fn likely_applies(&self, index: usize) -> bool {
        let step = &self.practice.steps[index];
        let Some(when) = &step.when else {
            return true;
        };
        let Some(target) = self.position_of(&when.key) else {
            return false;
        };
        let known = when.keys().all(|key| {
            self.position_of(key)
                .is_some_and(|i| i < self.index || self.answers.get(i).is_some_and(Option::is_some))
        });
        self.likely_applies(target)
            && if known {
                when.holds(
                    &self.practice.steps[target],
                    self.answers.get(target).and_then(Option::as_ref),
                    |key| self.shown_answer(key),
                )
            } else {
                when.likely(&self.practice.steps[target])
            }
    }
}
