//! Which steps a run shows: a step with a `when` is shown only when its condition holds for
//! the answers so far. Also where the run stands among the steps shown, for "step 2 of 5".

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
        let target = self
            .practice
            .steps
            .iter()
            .position(|s| s.key.as_deref() == Some(when.key.as_str()));
        target.is_some_and(|t| {
            self.applies(t)
                && when.holds(
                    &self.practice.steps[t],
                    self.answers.get(t).and_then(Option::as_ref),
                )
        })
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
        let Some(target) = self
            .practice
            .steps
            .iter()
            .position(|s| s.key.as_deref() == Some(when.key.as_str()))
        else {
            return false;
        };
        let answer = self.answers.get(target).and_then(Option::as_ref);
        let known = target < self.index || answer.is_some();
        self.likely_applies(target)
            && if known {
                when.holds(&self.practice.steps[target], answer)
            } else {
                when.likely(&self.practice.steps[target])
            }
    }
}
