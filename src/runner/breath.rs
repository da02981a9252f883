//! The breath pacer as a pure function of elapsed time: which cycle and phase a moment falls
//! in, how far through it, and where the next boundary is. Nothing here keeps state, so a
//! late or skipped frame can never make the pacer drift.

use std::time::Duration;

use super::BreathView;
use crate::practice::model::{Phase, PhaseKind, breath_cycles, cycle_length};

/// A breathe step's pattern, repeated a whole number of times.
#[derive(Debug, Clone, Copy)]
pub(super) struct Pace<'a> {
    pattern: &'a [Phase],
    cycle: Duration,
    cycles: u32,
}

/// Where a moment falls within the pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
struct At {
    /// 0-based cycle.
    cycle: u32,
    index: usize,
    kind: PhaseKind,
    /// When the phase began and how long it lasts, from the start of the step.
    start: Duration,
    len: Duration,
}

impl<'a> Pace<'a> {
    pub(super) fn new(pattern: &'a [Phase], total: Duration) -> Self {
        Self {
            pattern,
            cycle: cycle_length(pattern),
            cycles: breath_cycles(pattern, total),
        }
    }

    /// How long the step lasts: whole cycles only.
    pub(super) fn total(&self) -> Duration {
        self.cycle * self.cycles
    }

    /// Whole cycles finished by `elapsed`.
    pub(super) fn completed(&self, elapsed: Duration) -> u32 {
        if elapsed >= self.total() {
            return self.cycles;
        }
        whole(elapsed, self.cycle).min(self.cycles)
    }

    /// The kind of the latest phase that began in `(after, upto]` (or in `[0, upto]` when
    /// `after` is None), if any did. Only the latest is reported: a screen that looked away
    /// for a minute wants the phase it should show now, not a backlog of bells.
    pub(super) fn phase_began(&self, after: Option<Duration>, upto: Duration) -> Option<PhaseKind> {
        let probe = if upto >= self.total() {
            // The end of the last phase is the end of the step, not a new phase.
            self.total().checked_sub(Duration::from_nanos(1))?
        } else {
            upto
        };
        let at = self.at(probe)?;
        match after {
            Some(after) if at.start <= after => None,
            _ => Some(at.kind),
        }
    }

    /// The end of the phase `elapsed` falls in (the step's end once past it).
    pub(super) fn next_boundary(&self, elapsed: Duration) -> Duration {
        self.at(elapsed)
            .map_or(self.total(), |at| (at.start + at.len).min(self.total()))
    }

    /// The pacer at `elapsed`, held at its final moment once the step is over.
    pub(super) fn view(&self, elapsed: Duration) -> BreathView {
        let elapsed = elapsed.min(self.total());
        match self.at(elapsed) {
            Some(at) => {
                let into = elapsed.saturating_sub(at.start);
                BreathView {
                    phase: at.kind,
                    phase_index: at.index,
                    progress: fraction(into, at.len),
                    phase_left: at.len.saturating_sub(into),
                    cycle: at.cycle + 1,
                    cycles: self.cycles,
                    elapsed,
                    total: self.total(),
                    done: false,
                }
            }
            None => self.finished(self.cycles, elapsed, false),
        }
    }

    /// A step that already ran, showing what was recorded.
    pub(super) fn done(&self, cycles: u32, seconds: Duration) -> BreathView {
        self.finished(cycles, seconds, true)
    }

    fn finished(&self, cycle: u32, elapsed: Duration, done: bool) -> BreathView {
        let last = self.pattern.len().saturating_sub(1);
        BreathView {
            phase: self.pattern.last().map_or(PhaseKind::Rest, |p| p.kind),
            phase_index: last,
            progress: 1.0,
            phase_left: Duration::ZERO,
            cycle,
            cycles: self.cycles,
            elapsed,
            total: self.total(),
            done,
        }
    }

    fn at(&self, elapsed: Duration) -> Option<At> {
        if elapsed >= self.total() {
            return None;
        }
        let cycle = whole(elapsed, self.cycle);
        let mut start = self.cycle * cycle;
        for (index, phase) in self.pattern.iter().enumerate() {
            let end = start + phase.duration;
            if elapsed < end {
                return Some(At {
                    cycle,
                    index,
                    kind: phase.kind,
                    start,
                    len: phase.duration,
                });
            }
            start = end;
        }
        None
    }
}

/// How many whole `unit`s fit in `d` (0 for a zero unit).
pub(super) fn whole(d: Duration, unit: Duration) -> u32 {
    match d.as_nanos().checked_div(unit.as_nanos()) {
        Some(n) => u32::try_from(n).unwrap_or(u32::MAX),
        None => 0,
    }
}

/// `part / whole`, 0.0 to 1.0; a zero-length whole counts as complete.
pub(super) fn fraction(part: Duration, whole: Duration) -> f64 {
    if whole.is_zero() {
        1.0
    } else {
        (part.as_secs_f64() / whole.as_secs_f64()).clamp(0.0, 1.0)
    }
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

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    fn four_seven_eight() -> Vec<Phase> {
        vec![
            phase(PhaseKind::In, 4),
            phase(PhaseKind::Hold, 7),
            phase(PhaseKind::Out, 8),
        ]
    }

    #[test]
    fn view_follows_the_pattern() {
        let pattern = four_seven_eight();
        let pace = Pace::new(&pattern, secs(76.0));
        assert_eq!(pace.total(), secs(76.0));
        // (elapsed, phase, index, progress, phase_left, cycle)
        let table = [
            (0.0, PhaseKind::In, 0, 0.0, 4.0, 1),
            (2.0, PhaseKind::In, 0, 0.5, 2.0, 1),
            (4.0, PhaseKind::Hold, 1, 0.0, 7.0, 1),
            (15.0, PhaseKind::Out, 2, 0.5, 4.0, 1),
            (19.0, PhaseKind::In, 0, 0.0, 4.0, 2),
            (75.0, PhaseKind::Out, 2, 0.875, 1.0, 4),
            (76.0, PhaseKind::Out, 2, 1.0, 0.0, 4),
            (500.0, PhaseKind::Out, 2, 1.0, 0.0, 4),
        ];
        for (at, kind, index, progress, left, cycle) in table {
            let v = pace.view(secs(at));
            assert_eq!(
                (
                    v.phase,
                    v.phase_index,
                    v.phase_left,
                    v.cycle,
                    v.cycles,
                    v.done
                ),
                (kind, index, secs(left), cycle, 4, false),
                "at {at}"
            );
            assert!(
                (v.progress - progress).abs() < 1e-9,
                "at {at}: {}",
                v.progress
            );
            assert_eq!(v.elapsed, secs(at.min(76.0)));
        }
    }

    #[test]
    fn only_the_latest_phase_start_in_a_window_is_reported() {
        let pattern = four_seven_eight();
        let pace = Pace::new(&pattern, secs(76.0));
        let table = [
            (None, 0.0, Some(PhaseKind::In)),
            (Some(0.0), 3.9, None),
            (Some(3.9), 4.0, Some(PhaseKind::Hold)),
            (Some(4.0), 10.0, None),
            (Some(10.0), 40.0, Some(PhaseKind::In)),
            (Some(40.0), 43.0, Some(PhaseKind::Hold)),
            (Some(70.0), 76.0, None),
            (Some(40.0), 500.0, Some(PhaseKind::Out)),
            (None, 500.0, Some(PhaseKind::Out)),
        ];
        for (after, upto, expected) in table {
            assert_eq!(
                pace.phase_began(after.map(secs), secs(upto)),
                expected,
                "after {after:?} up to {upto}"
            );
        }
    }

    #[test]
    fn boundaries_and_completed_cycles() {
        let pattern = four_seven_eight();
        let pace = Pace::new(&pattern, secs(76.0));
        assert_eq!(pace.next_boundary(secs(0.0)), secs(4.0));
        assert_eq!(pace.next_boundary(secs(4.0)), secs(11.0));
        assert_eq!(pace.next_boundary(secs(75.5)), secs(76.0));
        assert_eq!(pace.next_boundary(secs(80.0)), secs(76.0));
        assert_eq!(pace.completed(secs(18.9)), 0);
        assert_eq!(pace.completed(secs(19.0)), 1);
        assert_eq!(pace.completed(secs(900.0)), 4);
    }

    #[test]
    #[expect(
        clippy::float_cmp,
        reason = "a finished pace sets `progress` to the literal 1.0, so it is compared exactly"
    )]
    fn an_empty_pattern_never_panics() {
        let pace = Pace::new(&[], secs(60.0));
        assert_eq!(pace.total(), Duration::ZERO);
        assert_eq!(pace.phase_began(None, secs(1.0)), None);
        assert_eq!(pace.view(secs(1.0)).progress, 1.0);
        assert_eq!(pace.completed(secs(1.0)), 1);
    }
}
