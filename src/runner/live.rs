//! The clock of the step on screen: what is running, when it ends by itself, the cues it gives
//! on the way, and what it records, in full or, when cut short, as far as it ran. All times
//! here are practice times (see `timing`), so they are exact however rarely anyone looks.

use std::time::Duration;

use serde_json::{Value, json};

use super::breath::{Pace, whole};
use super::{Cue, HoldRecord, HoldView, Timing};
use crate::journal::entry::seconds_value;
use crate::practice::model::StepKind;

/// The running state of the current step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Live {
    /// Nothing moves by itself: a question, a plain `say`, a `say` seen before, or a timed
    /// step that already ran.
    Still,
    Say {
        start: Duration,
        after: Duration,
    },
    Breathe {
        start: Duration,
    },
    Timer {
        start: Duration,
    },
    /// A hold before the urge to leave is marked.
    Counting {
        start: Duration,
    },
    /// A hold after the urge was marked `urge` into it.
    Staying {
        start: Duration,
        urge: Duration,
    },
}

/// What a timed step recorded, kept typed so that a step returned to can show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Ran {
    Breath { cycles: u32, seconds: Duration },
    Timer { seconds: Duration },
    Hold(HoldRecord),
}

impl Ran {
    /// The response in the journal's shape.
    pub(super) fn value(&self) -> Value {
        let s = |d: &Duration| seconds_value(d.as_secs_f64());
        match self {
            Ran::Breath { cycles, seconds } => json!({"cycles": cycles, "seconds": s(seconds)}),
            Ran::Timer { seconds } => json!({"seconds": s(seconds)}),
            Ran::Hold(hold) => {
                let mut value = match hold.urge {
                    Some(urge) => json!({
                        "urge_s": s(&urge),
                        "extra_s": s(&hold.extra),
                        "total_s": s(&(urge + hold.extra)),
                    }),
                    None => json!({"urge_s": null, "extra_s": null, "total_s": s(&hold.extra)}),
                };
                if hold.recalled {
                    value["recalled"] = Value::Bool(true);
                }
                value
            }
        }
    }
}

/// A hold that came with no urge: `extra` stands for its whole length.
pub(super) fn no_urge(total: Duration, recalled: bool) -> Ran {
    Ran::Hold(HoldRecord {
        urge: None,
        extra: total,
        recalled,
    })
}

impl Live {
    /// A step of `kind` starting to run at practice time `start`.
    pub(super) fn start(kind: &StepKind, start: Duration) -> Live {
        match kind {
            StepKind::Say {
                text,
                advance_after: Some(after),
            } => Live::Say {
                start,
                after: reading_time(text) + *after,
            },
            StepKind::Breathe { .. } => Live::Breathe { start },
            StepKind::Timer { .. } => Live::Timer { start },
            StepKind::Hold { .. } => Live::Counting { start },
            _ => Live::Still,
        }
    }

    /// When the step began running (None when still).
    pub(super) fn began(&self) -> Option<Duration> {
        match *self {
            Live::Still => None,
            Live::Say { start, .. }
            | Live::Breathe { start }
            | Live::Timer { start }
            | Live::Counting { start }
            | Live::Staying { start, .. } => Some(start),
        }
    }

    /// The practice time at which the step ends by itself, if it does.
    pub(super) fn end(&self, kind: &StepKind) -> Option<Duration> {
        match (*self, kind) {
            (Live::Say { start, after }, _) => Some(start + after),
            (Live::Breathe { start }, StepKind::Breathe { pattern, total }) => {
                Some(start + Pace::new(pattern, *total).total())
            }
            (Live::Timer { start }, StepKind::Timer { duration, .. }) => Some(start + *duration),
            (Live::Staying { start, urge }, StepKind::Hold { extra, .. }) => {
                Some(start + urge + *extra)
            }
            _ => None,
        }
    }

    /// The cue for what happened in practice time `(after, upto]` (`[start, upto]` when
    /// `after` is None), not counting the step's end. Several phase starts or bells in one
    /// window come out as one cue for the latest of them.
    pub(super) fn cue(
        &self,
        kind: &StepKind,
        after: Option<Duration>,
        upto: Duration,
    ) -> Option<Cue> {
        let start = self.began()?;
        let after = after.map(|a| a.saturating_sub(start));
        let upto = upto.saturating_sub(start);
        match kind {
            StepKind::Breathe { pattern, total } => Pace::new(pattern, *total)
                .phase_began(after, upto)
                .map(Cue::PhaseBegan),
            StepKind::Timer {
                duration,
                bell_every: Some(every),
                ..
            } => {
                // A bell that falls on the end is left to StepEnded.
                let limit = if upto >= *duration {
                    duration.checked_sub(Duration::from_nanos(1))?
                } else {
                    upto
                };
                let bell = *every * whole(limit, *every);
                let new = after.is_none_or(|a| bell > a);
                (!bell.is_zero() && new).then_some(Cue::TimerBell)
            }
            _ => None,
        }
    }

    /// What the step records if it stops at practice time `at` (its full record once `at`
    /// reaches its end).
    pub(super) fn record(&self, kind: &StepKind, at: Duration) -> Option<Ran> {
        let elapsed = at.saturating_sub(self.began()?);
        match (*self, kind) {
            (Live::Breathe { .. }, StepKind::Breathe { pattern, total }) => {
                let pace = Pace::new(pattern, *total);
                Some(Ran::Breath {
                    cycles: pace.completed(elapsed),
                    seconds: elapsed.min(pace.total()),
                })
            }
            (Live::Timer { .. }, StepKind::Timer { duration, .. }) => Some(Ran::Timer {
                seconds: elapsed.min(*duration),
            }),
            // Stopped before an urge was marked: no urge came.
            (Live::Counting { .. }, StepKind::Hold { .. }) => Some(no_urge(elapsed, false)),
            (Live::Staying { urge, .. }, StepKind::Hold { extra, .. }) => {
                Some(Ran::Hold(HoldRecord {
                    urge: Some(urge),
                    extra: elapsed.saturating_sub(urge).min(*extra),
                    recalled: false,
                }))
            }
            _ => None,
        }
    }

    /// The next practice time at which something on screen changes by itself: a phase
    /// boundary, a bell, the end, or the next whole second of the step's own clock (so a
    /// seconds display can tick), whichever comes first.
    pub(super) fn next_change(&self, kind: &StepKind, now: Duration) -> Option<Duration> {
        let start = self.began()?;
        let elapsed = now.saturating_sub(start);
        let end = self.end(kind);
        if let Some(end) = end.filter(|end| *end <= now) {
            return Some(end);
        }
        let second = start + Duration::from_secs(elapsed.as_secs() + 1);
        let boundary = match (*self, kind) {
            (Live::Breathe { .. }, StepKind::Breathe { pattern, total }) => {
                Some(start + Pace::new(pattern, *total).next_boundary(elapsed))
            }
            (
                Live::Timer { .. },
                StepKind::Timer {
                    bell_every: Some(every),
                    ..
                },
            ) => Some(start + *every * (whole(elapsed, *every).saturating_add(1))),
            _ => None,
        };
        [Some(second), boundary, end].into_iter().flatten().min()
    }

    /// The step's clock at practice time `now` (`Timing::None` when still).
    pub(super) fn timing(&self, kind: &StepKind, now: Duration) -> Timing {
        let Some(start) = self.began() else {
            return Timing::None;
        };
        let elapsed = now.saturating_sub(start);
        match (*self, kind) {
            (Live::Say { after, .. }, _) => Timing::Say {
                left: after.saturating_sub(elapsed),
            },
            (Live::Breathe { .. }, StepKind::Breathe { pattern, total }) => {
                Timing::Breath(Pace::new(pattern, *total).view(elapsed))
            }
            (Live::Timer { .. }, StepKind::Timer { duration, .. }) => {
                let elapsed = elapsed.min(*duration);
                Timing::Timer {
                    elapsed,
                    left: duration.saturating_sub(elapsed),
                    total: *duration,
                }
            }
            (Live::Counting { .. }, _) => Timing::Hold(HoldView::Counting { elapsed }),
            (Live::Staying { urge, .. }, StepKind::Hold { extra, .. }) => {
                let stayed = elapsed.saturating_sub(urge).min(*extra);
                Timing::Hold(HoldView::Staying {
                    urge,
                    left: extra.saturating_sub(stayed),
                    extra: *extra,
                })
            }
            _ => Timing::None,
        }
    }
}

/// About how long `text` takes to read at an unhurried pace (a third of a second a word,
/// two seconds at least). An auto-advancing `say` counts its `seconds` from then, so words
/// like "keep looking at them for three seconds" are read before the three seconds begin.
pub fn reading_time(text: &str) -> Duration {
    let words = text.split_whitespace().count() as u64;
    Duration::from_millis((words * 300).max(2_000))
}

/// How a timed step that already ran looks when returned to.
pub(super) fn done_timing(kind: &StepKind, ran: Ran) -> Timing {
    match (kind, ran) {
        (StepKind::Breathe { pattern, total }, Ran::Breath { cycles, seconds }) => {
            Timing::Breath(Pace::new(pattern, *total).done(cycles, seconds))
        }
        (StepKind::Timer { duration, .. }, Ran::Timer { seconds }) => Timing::Timer {
            elapsed: seconds,
            left: Duration::ZERO,
            total: *duration,
        },
        (_, Ran::Hold(record)) => Timing::Hold(HoldView::Done(record)),
        _ => Timing::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn timer(duration: f64, every: Option<f64>) -> StepKind {
        StepKind::Timer {
            prompt: "Sit".into(),
            duration: secs(duration),
            bell_every: every.map(secs),
        }
    }

    #[test]
    fn bells_come_round_and_the_last_one_is_the_end() {
        let kind = timer(60.0, Some(20.0));
        let live = Live::start(&kind, secs(5.0));
        // (after, upto, cue) in practice time; the step started at 5 s.
        let table = [
            (None, 5.0, None),
            (Some(5.0), 24.9, None),
            (Some(24.9), 25.0, Some(Cue::TimerBell)),
            (Some(25.0), 44.0, None),
            (Some(44.0), 46.0, Some(Cue::TimerBell)),
            (Some(46.0), 65.0, None),
            (Some(30.0), 90.0, Some(Cue::TimerBell)),
        ];
        for (after, upto, cue) in table {
            assert_eq!(
                live.cue(&kind, after.map(secs), secs(upto)),
                cue,
                "{after:?}..{upto}"
            );
        }
        assert_eq!(live.end(&kind), Some(secs(65.0)));
        assert_eq!(live.next_change(&kind, secs(24.5)), Some(secs(25.0)));
        assert_eq!(live.next_change(&kind, secs(64.5)), Some(secs(65.0)));
        assert_eq!(live.next_change(&kind, secs(80.0)), Some(secs(65.0)));
    }

    #[test]
    fn records_are_clamped_to_the_step() {
        let kind = timer(30.0, None);
        let live = Live::start(&kind, secs(10.0));
        assert_eq!(
            live.record(&kind, secs(22.5)),
            Some(Ran::Timer {
                seconds: secs(12.5)
            })
        );
        assert_eq!(
            live.record(&kind, secs(99.0)),
            Some(Ran::Timer {
                seconds: secs(30.0)
            })
        );
        let hold = StepKind::Hold {
            prompt: "Stay".into(),
            extra: secs(5.0),
        };
        let staying = Live::Staying {
            start: secs(1.0),
            urge: secs(3.25),
        };
        let marked = Ran::Hold(HoldRecord {
            urge: Some(secs(3.25)),
            extra: secs(5.0),
            recalled: false,
        });
        assert_eq!(staying.record(&hold, secs(100.0)), Some(marked));
        assert_eq!(
            marked.value(),
            json!({"urge_s": 3.25, "extra_s": 5, "total_s": 8.25})
        );
        let counting = Live::Counting { start: secs(1.0) };
        assert_eq!(
            counting.record(&hold, secs(13.5)).map(|r| r.value()),
            Some(json!({"urge_s": null, "extra_s": null, "total_s": 12.5}))
        );
        assert_eq!(
            no_urge(secs(40.0), true).value(),
            json!({"urge_s": null, "extra_s": null, "total_s": 40, "recalled": true})
        );
    }
}
