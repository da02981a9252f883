//! What a guide is once its file has been read and checked: plain data.

use crate::practice::Origin;

/// A path through practices, in steps the person moves through at their own pace.
#[derive(Debug, Clone, PartialEq)]
pub struct Guide {
    /// Kebab-case, unique among guides; recorded in the journal's guide entries.
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Where the guide comes from, in a sentence.
    pub source: String,
    pub steps: Vec<GuideStep>,
    pub origin: Origin,
}

/// One step of a guide.
#[derive(Debug, Clone, PartialEq)]
pub struct GuideStep {
    pub title: String,
    /// A few sentences about the step.
    pub text: String,
    /// What to do in this step, one thing each.
    pub actions: Vec<String>,
    /// The ids of the practices that serve it.
    pub practices: Vec<String>,
    /// The passage the step comes from, in a sentence.
    pub source: String,
}

impl Guide {
    /// Step `n`, counting from 1 as the person does.
    pub fn step(&self, n: usize) -> Option<&GuideStep> {
        n.checked_sub(1).and_then(|i| self.steps.get(i))
    }
}
