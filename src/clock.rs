//! Where time comes from. Durations use a monotonic instant; dates and timestamps use the
//! local wall clock. Everything that measures or shows time takes a `Clock`, so tests can
//! drive time by hand and never sleep.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local};

/// A source of time: monotonic `now` for durations, `wall` for timestamps and "today".
pub trait Clock: Send + Sync {
    /// Monotonic time, only ever used to measure durations.
    fn now(&self) -> Instant;
    /// Local wall time with the UTC offset in force at this moment.
    fn wall(&self) -> DateTime<FixedOffset>;
}

/// The real clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock that only moves when told to. Monotonic and wall time advance together.
#[derive(Debug)]
pub struct TestClock {
    origin: Instant,
    wall_origin: DateTime<FixedOffset>,
    elapsed: Mutex<Duration>,
}

impl TestClock {
    /// A clock whose wall time starts at `wall` (any offset).
    pub fn at(wall: DateTime<FixedOffset>) -> Self {
        Self {
            origin: Instant::now(),
            wall_origin: wall,
            elapsed: Mutex::new(Duration::ZERO),
        }
    }

    /// A clock starting at an RFC 3339 time; panics on a malformed literal (tests only).
    pub fn at_rfc3339(wall: &str) -> Self {
        Self::at(DateTime::parse_from_rfc3339(wall).expect("test clock literal is RFC 3339"))
    }

    /// Moves both clocks forward.
    pub fn advance(&self, by: Duration) {
        *self.lock() += by;
    }

    /// Moves both clocks forward by fractional seconds.
    pub fn advance_secs(&self, secs: f64) {
        self.advance(Duration::from_secs_f64(secs));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Duration> {
        // A poisoned lock only means another test thread panicked; the value is still sound.
        self.elapsed.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clock for TestClock {
    fn now(&self) -> Instant {
        self.origin + *self.lock()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        let elapsed = chrono::Duration::from_std(*self.lock()).unwrap_or(chrono::TimeDelta::MAX);
        self.wall_origin + elapsed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_clock_moves_only_when_advanced() {
        let clock = TestClock::at_rfc3339("2026-11-22T08:00:00+01:00");
        let t0 = clock.now();
        assert_eq!(clock.now(), t0);
        clock.advance_secs(1.5);
        assert_eq!(clock.now() - t0, Duration::from_millis(1500));
        assert_eq!(clock.wall().to_rfc3339(), "2026-11-22T08:00:01.500+01:00");
    }
}
