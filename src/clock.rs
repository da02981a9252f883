//! Where time comes from. Durations use a monotonic instant; dates and timestamps use the
//! local wall clock. Everything that measures or shows time takes a `Clock`, so tests can
//! drive time by hand and never sleep.

use std::sync::{Arc, Mutex};
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

/// The variable that sets the binary's wall clock, for tests of the binary only (so that
/// "today" in `log`, `stats` and `export` is fixed, and `run --plain` waits on a test clock
/// that moves on at once). Not part of the contract.
pub const NOW_VAR: &str = "STEADY_NOW";

/// The system clock, or when `STEADY_NOW` holds an RFC 3339 time, a clock whose wall time
/// starts there and then runs with real time.
pub fn from_env() -> Result<Arc<dyn Clock>, String> {
    match std::env::var_os(NOW_VAR) {
        None => Ok(Arc::new(SystemClock)),
        Some(value) => value
            .to_str()
            .and_then(|v| DateTime::parse_from_rfc3339(v).ok())
            .map(|wall| Arc::new(ShiftedClock::starting_at(wall)) as Arc<dyn Clock>)
            .ok_or_else(|| {
                format!(
                    "{NOW_VAR} must be an RFC 3339 time such as 2026-11-22T08:00:00+01:00; it is meant for tests, so unset it"
                )
            }),
    }
}

/// Real time, with the wall clock moved to start at a chosen moment.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    origin: Instant,
    wall_origin: DateTime<FixedOffset>,
}

impl ShiftedClock {
    pub fn starting_at(wall: DateTime<FixedOffset>) -> Self {
        Self {
            origin: Instant::now(),
            wall_origin: wall,
        }
    }
}

impl Clock for ShiftedClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> DateTime<FixedOffset> {
        let elapsed =
            chrono::Duration::from_std(self.origin.elapsed()).unwrap_or(chrono::TimeDelta::MAX);
        self.wall_origin + elapsed
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
        self.elapsed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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

    #[test]
    fn shifted_clock_starts_at_the_chosen_moment() {
        let start = DateTime::parse_from_rfc3339("2026-03-29T01:30:00+01:00").unwrap();
        let clock = ShiftedClock::starting_at(start);
        let wall = clock.wall();
        assert!(wall >= start && wall - start < chrono::Duration::seconds(60));
        assert_eq!(wall.offset(), start.offset());
    }
}
