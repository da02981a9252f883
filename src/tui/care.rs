//! What the TUI keeps for a bad hour and for the longer path: the region whose crisis lines
//! come first, the person's own safety plan, and the guides with the guide events from the
//! journal (each read once at start and kept up to date by the app's own saves).

use std::path::PathBuf;
use std::sync::Arc;

use crate::guide::Guide;
use crate::guide::progress::{self, GuideEvent};
use crate::support::plan::{Plan, PlanError};

/// Care settings and data the app starts with.
#[derive(Debug, Clone)]
pub struct Care {
    /// Where the person is (ISO 3166), from the settings or the locale; None when unknown.
    pub region: Option<String>,
    /// Where the safety plan is kept.
    pub plan_path: PathBuf,
    /// The plan as last read or saved: None before one is written; an error when the file
    /// cannot be read (then it is never written over).
    pub plan: Result<Option<Plan>, PlanError>,
    /// The guides in use.
    pub guides: Vec<Arc<Guide>>,
    /// The guide events in the journal, in time order.
    pub guide_events: Vec<GuideEvent>,
}

impl Care {
    /// The guide under way and the step the person is on (from 1), when that guide is
    /// still among the guides in use.
    pub fn guide_under_way(&self) -> Option<(Arc<Guide>, usize)> {
        let now = progress::current(&self.guide_events)?;
        let guide = self.guides.iter().find(|g| g.id == now.guide)?.clone();
        let step = now.step.clamp(1, guide.steps.len().max(1));
        Some((guide, step))
    }
}

impl Default for Care {
    fn default() -> Self {
        Care {
            region: None,
            plan_path: PathBuf::new(),
            plan: Ok(None),
            guides: Vec::new(),
            guide_events: Vec::new(),
        }
    }
}
