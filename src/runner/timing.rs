//! The practice clock: monotonic time since the run started, minus the time it spent paused.
//! Every timed step measures itself against this one clock, so a pause stops breath, timers,
//! holds and auto-advancing text alike, and nothing depends on how often anyone looked.

use std::time::{Duration, Instant};

/// Practice time, read from monotonic instants the caller takes from its `Clock`.
#[derive(Debug, Clone)]
pub(super) struct PracticeClock {
    origin: Instant,
    /// The length of every pause that has ended.
    paused_before: Duration,
    /// When the pause in progress began.
    paused_since: Option<Instant>,
}

impl PracticeClock {
    pub(super) fn new(now: Instant) -> Self {
        Self {
            origin: now,
            paused_before: Duration::ZERO,
            paused_since: None,
        }
    }

    /// Practice time at `now`: it stands still while paused.
    pub(super) fn at(&self, now: Instant) -> Duration {
        let until = self.paused_since.unwrap_or(now);
        until
            .saturating_duration_since(self.origin)
            .saturating_sub(self.paused_before)
    }

    pub(super) fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub(super) fn pause(&mut self, now: Instant) {
        self.paused_since.get_or_insert(now);
    }

    pub(super) fn resume(&mut self, now: Instant) {
        if let Some(since) = self.paused_since.take() {
            self.paused_before += now.saturating_duration_since(since);
        }
    }

    /// The instant practice time reaches `t`, or None while paused (it would never come).
    pub(super) fn instant_of(&self, t: Duration) -> Option<Instant> {
        match self.paused_since {
            Some(_) => None,
            None => Some(self.origin + self.paused_before + t),
        }
    }

    /// How much real time has passed at `now` since practice time `t`, for a `t` no earlier
    /// than the last pause that ended. The run catches up with time before every pause, so
    /// a step end it has not yet seen always meets that condition.
    pub(super) fn real_since(&self, t: Duration, now: Instant) -> Duration {
        let current_pause = self
            .paused_since
            .map_or(Duration::ZERO, |since| now.saturating_duration_since(since));
        self.at(now).saturating_sub(t) + current_pause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_stop_practice_time() {
        let t0 = Instant::now();
        let s = |secs: u64| t0 + Duration::from_secs(secs);
        let mut clock = PracticeClock::new(t0);
        assert_eq!(clock.at(s(10)), Duration::from_secs(10));
        clock.pause(s(10));
        clock.pause(s(12));
        assert!(clock.is_paused());
        assert_eq!(clock.at(s(15)), Duration::from_secs(10));
        assert_eq!(clock.instant_of(Duration::from_secs(20)), None);
        assert_eq!(
            clock.real_since(Duration::from_secs(8), s(15)),
            Duration::from_secs(7)
        );
        clock.resume(s(17));
        clock.resume(s(18));
        assert!(!clock.is_paused());
        assert_eq!(clock.at(s(20)), Duration::from_secs(13));
        assert_eq!(clock.instant_of(Duration::from_secs(20)), Some(s(27)));
        assert_eq!(
            clock.real_since(Duration::from_secs(11), s(20)),
            Duration::from_secs(2)
        );
    }
}
