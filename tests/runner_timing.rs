//! The runner's clocks: breath, timer, hold and auto-advancing text, driven by a test clock.
//! Time only moves when a test says so; nothing here sleeps.

mod runner_support;

use std::time::Duration;

use serde_json::json;
use steady::clock::Clock;
use steady::journal::entry::Via;
use steady::practice::model::PhaseKind::{Hold, In, Out};
use steady::runner::{Cue, HoldRecord, HoldView, Input, Refused, Timing};

use runner_support::*;

/// A fixed pseudo-random sequence, so irregular polling is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn millis(&mut self, lo: u64, hi: u64) -> Duration {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        Duration::from_millis(lo + (self.0 >> 33) % (hi - lo + 1))
    }
}

#[test]
fn breath_reset_is_exact_under_irregular_polling_and_a_pause() {
    for seed in [1, 7, 42, 2026, 99_991] {
        let (mut run, clock) = start(practice("breath-reset", vec![say("Sit."), reset("breath")]));
        clock.advance_secs(2.0);
        run.handle(Input::Next).unwrap();
        let mut rng = Lcg(seed);
        let mut practised = Duration::ZERO;
        let mut paused_once = false;
        let mut phases = Vec::new();
        let mut ended = 0;
        while !run.is_finished() {
            if !paused_once && practised >= secs(40.0) {
                paused_once = true;
                run.handle(Input::Pause).unwrap();
                let frozen = run.timing();
                let mut away = Duration::ZERO;
                while away < secs(17.0) {
                    let step = rng
                        .millis(1, 700)
                        .min(secs(17.0).checked_sub(away).unwrap());
                    clock.advance(step);
                    away += step;
                    assert_eq!(run.update(), [], "seed {seed}: cues while paused");
                    assert_eq!(
                        run.timing(),
                        frozen,
                        "seed {seed}: the pacer moved while paused"
                    );
                    assert_eq!(run.next_change(), None);
                }
                run.handle(Input::Resume).unwrap();
            }
            let step = rng.millis(1, 700);
            clock.advance(step);
            practised += step;
            for cue in run.update() {
                match cue {
                    Cue::PhaseBegan(kind) => phases.push(kind),
                    Cue::StepEnded => ended += 1,
                    Cue::TimerBell => panic!("a breath step rang a timer bell"),
                }
            }
            if !run.is_finished() {
                let view = breath(&run);
                assert_eq!(view.elapsed, practised, "seed {seed}");
                assert_eq!(
                    view.cycle,
                    practised.as_secs() as u32 / 10 + 1,
                    "seed {seed}"
                );
                assert_eq!(
                    view.phase,
                    if practised.as_secs() % 10 < 4 {
                        In
                    } else {
                        Out
                    }
                );
            }
        }
        assert!(
            practised >= secs(90.0) && practised < secs(90.7),
            "seed {seed}"
        );
        assert_eq!(ended, 1, "seed {seed}");
        // Polls are closer together than any phase, so every phase start is seen once.
        assert_eq!(phases, [In, Out].repeat(9), "seed {seed}");
        let entry = run.entry(Via::Tui).expect("finished");
        assert_eq!(
            entry.responses["breath"],
            json!({"cycles": 9, "seconds": 90})
        );
        assert!(entry.completed);
        // 2 s on the first step, 90 s of breath, 17 s paused: the late last poll adds nothing.
        let wall = entry.ended_at - entry.started_at;
        assert_eq!(wall, chrono::TimeDelta::seconds(109), "seed {seed}");
    }
}

#[test]
fn a_rare_poll_still_gives_the_cues_in_order_and_moves_on() {
    let steps = vec![
        reset("breath"),
        say_for("Notice.", 5.0),
        scale("level", 1, 5),
    ];
    let (mut run, clock) = start(practice("rare", steps));
    // 90 s of breath, then the say's 2 s of reading time and its 5 s.
    clock.advance_secs(97.5);
    // Only the latest phase of the breath, then its end, then the say's end.
    let expected = [Cue::PhaseBegan(Out), Cue::StepEnded, Cue::StepEnded];
    assert_eq!(run.update(), expected);
    assert_eq!(run.index(), 2);
    assert_eq!(
        run.answer("breath"),
        Some(&json!({"cycles": 9, "seconds": 90}))
    );
    assert_eq!(run.timing(), Timing::None);
    assert_eq!(run.next_change(), None);
    assert_eq!(run.update(), []);
}

#[test]
fn breath_cues_and_wake_ups_follow_the_pattern() {
    let four_seven_eight = breathe("breath", &[(In, 4), (Hold, 7), (Out, 8)], 76);
    let (mut run, clock) = start(practice("478", vec![four_seven_eight]));
    let t0 = clock.now();
    // (advance to, cues, next change in seconds from the start)
    let table: [(f64, &[Cue], f64); 6] = [
        (0.0, &[Cue::PhaseBegan(In)], 1.0),
        (3.5, &[], 4.0),
        (4.0, &[Cue::PhaseBegan(Hold)], 5.0),
        (10.2, &[], 11.0),
        (19.0, &[Cue::PhaseBegan(In)], 20.0),
        (75.5, &[Cue::PhaseBegan(Out)], 76.0),
    ];
    let mut now = 0.0;
    for (at, cues, wake) in table {
        clock.advance_secs(at - now);
        now = at;
        assert_eq!(run.update(), cues, "at {at}");
        assert_eq!(run.next_change(), Some(t0 + secs(wake)), "at {at}");
    }
    let view = breath(&run);
    assert_eq!((view.cycle, view.cycles, view.phase_index), (4, 4, 2));
    assert!((view.progress - 0.9375).abs() < 1e-9);
    clock.advance_secs(0.5);
    assert_eq!(run.update(), [Cue::StepEnded]);
    assert!(run.is_finished());
    assert_eq!(run.next_change(), None);
}

#[test]
fn next_ends_a_breath_early_with_whole_cycles_and_the_seconds_run() {
    let (mut run, clock) = start(practice("early", vec![reset("breath"), say("Done.")]));
    clock.advance_secs(23.5);
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);
    assert_eq!(
        run.answer("breath"),
        Some(&json!({"cycles": 2, "seconds": 23.5}))
    );
    // Ended by hand: no StepEnded, and nothing more happens later.
    clock.advance_secs(100.0);
    assert_eq!(run.update(), []);
    assert_eq!(
        run.answer("breath"),
        Some(&json!({"cycles": 2, "seconds": 23.5}))
    );
}

#[test]
fn a_timer_rings_its_bells_and_records_what_ran() {
    let (mut run, clock) = start(practice(
        "timer",
        vec![timer("sit", 60, Some(20)), say("Ok.")],
    ));
    let mut heard = Vec::new();
    for second in 1..=61 {
        clock.advance_secs(1.0);
        for cue in run.update() {
            heard.push((second, cue));
        }
        if second == 30 {
            let expected = Timing::Timer {
                elapsed: secs(30.0),
                left: secs(30.0),
                total: secs(60.0),
            };
            assert_eq!(run.timing(), expected);
        }
    }
    let expected = [
        (20, Cue::TimerBell),
        (40, Cue::TimerBell),
        (60, Cue::StepEnded),
    ];
    assert_eq!(heard, expected);
    assert_eq!(run.index(), 1);
    assert_eq!(run.answer("sit"), Some(&json!({"seconds": 60})));
}

#[test]
fn a_timer_stops_while_paused_and_can_be_ended_early() {
    let (mut run, clock) = start(practice("timer", vec![timer("sit", 60, None), say("Ok.")]));
    clock.advance_secs(10.0);
    run.handle(Input::Pause).unwrap();
    clock.advance_secs(300.0);
    assert_eq!(run.update(), []);
    assert_eq!(run.handle(Input::Next), Err(refused_paused()));
    run.handle(Input::Resume).unwrap();
    clock.advance_secs(23.125);
    run.handle(Input::Next).unwrap();
    assert_eq!(run.answer("sit"), Some(&json!({"seconds": 33.125})));
}

#[test]
fn a_hold_counts_up_until_marked_then_stays_the_extra_seconds() {
    let (mut run, clock) = start(practice("hold", vec![hold("stay", 5), say("Ok.")]));
    clock.advance_secs(12.5);
    let counting = Timing::Hold(HoldView::Counting {
        elapsed: secs(12.5),
    });
    assert_eq!(run.timing(), counting);
    run.handle(Input::Mark).unwrap();
    assert!(run.handle(Input::Mark).is_err(), "one mark only");
    clock.advance_secs(2.0);
    let staying = HoldView::Staying {
        urge: secs(12.5),
        left: secs(3.0),
        extra: secs(5.0),
    };
    assert_eq!(run.timing(), Timing::Hold(staying));
    assert_eq!(run.update(), []);
    clock.advance_secs(3.5);
    assert_eq!(run.update(), [Cue::StepEnded]);
    assert_eq!(run.index(), 1);
    let record = json!({"urge_s": 12.5, "extra_s": 5, "total_s": 17.5});
    assert_eq!(run.answer("stay"), Some(&record));
    // Back shows it done, and Next passes it without counting again.
    run.handle(Input::Back).unwrap();
    let done = HoldView::Done(HoldRecord {
        urge: Some(secs(12.5)),
        extra: secs(5.0),
        recalled: false,
    });
    assert_eq!(run.timing(), Timing::Hold(done));
    assert!(run.handle(Input::Mark).is_err());
    clock.advance_secs(30.0);
    assert_eq!(run.update(), []);
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);
    assert_eq!(run.answer("stay"), Some(&record));
}

#[test]
fn a_hold_can_be_ended_early_while_staying_and_pauses_its_count() {
    let (mut run, clock) = start(practice("hold", vec![hold("stay", 10), say("Ok.")]));
    clock.advance_secs(2.0);
    run.handle(Input::Pause).unwrap();
    clock.advance_secs(60.0);
    run.handle(Input::Resume).unwrap();
    clock.advance_secs(1.0);
    run.handle(Input::Mark).unwrap();
    clock.advance_secs(4.25);
    run.handle(Input::Next).unwrap();
    let record = json!({"urge_s": 3, "extra_s": 4.25, "total_s": 7.25});
    assert_eq!(run.answer("stay"), Some(&record));
}

#[test]
fn an_auto_advancing_say_goes_on_by_itself_once() {
    let steps = vec![say_for("Settle in.", 8.0), scale("level", 1, 5)];
    let (mut run, clock) = start(practice("say", steps.clone()));
    // Two words read in the shortest reading time, 2 s, then its 8 s.
    clock.advance_secs(9.9);
    assert_eq!(run.update(), []);
    assert_eq!(run.timing(), Timing::Say { left: secs(0.1) });
    clock.advance_secs(0.1);
    assert_eq!(run.update(), [Cue::StepEnded]);
    assert_eq!(run.index(), 1);
    // Seen again with Back, it waits for Next.
    run.handle(Input::Back).unwrap();
    assert_eq!(run.timing(), Timing::None);
    assert_eq!(run.next_change(), None);
    clock.advance_secs(100.0);
    assert_eq!(run.update(), []);
    assert_eq!(run.index(), 0);
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);

    // Next goes on at once.
    let (mut run, clock) = start(practice("say", steps));
    clock.advance_secs(1.0);
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);
    clock.advance_secs(60.0);
    assert_eq!(run.update(), []);
}

#[test]
fn pausing_on_a_question_is_harmless() {
    let (mut run, clock) = start(practice("q", vec![scale("level", 1, 5), say("Ok.")]));
    run.handle(Input::Pause).unwrap();
    assert!(run.is_paused());
    assert!(!run.can_go_on());
    assert_eq!(run.handle(Input::ChooseNumber(3)), Err(refused_paused()));
    assert_eq!(run.handle(Input::Pause), Err(refused_paused()));
    clock.advance_secs(500.0);
    run.handle(Input::Resume).unwrap();
    assert!(run.handle(Input::Resume).is_err());
    run.handle(Input::ChooseNumber(3)).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);
}

#[test]
fn back_from_a_running_step_drops_it_and_it_starts_afresh() {
    let (mut run, clock) = start(practice("back", vec![say("Sit."), timer("sit", 30, None)]));
    run.handle(Input::Next).unwrap();
    clock.advance_secs(12.0);
    run.handle(Input::Back).unwrap();
    assert_eq!(run.answer("sit"), None);
    clock.advance_secs(5.0);
    run.handle(Input::Next).unwrap();
    clock.advance_secs(1.0);
    let expected = Timing::Timer {
        elapsed: secs(1.0),
        left: secs(29.0),
        total: secs(30.0),
    };
    assert_eq!(run.timing(), expected);
}

fn refused_paused() -> Refused {
    Refused("The practice is paused; resume it to go on.".into())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any polling and any pauses: the reset still records 9 cycles and 90 s, and its wall
    /// time is the breath plus exactly the time spent paused.
    #[test]
    fn breath_reset_is_exact_for_any_polling_and_pauses(
        script in proptest::collection::vec((1u64..4000, 0u8..10), 1..300)
    ) {
        let (mut run, clock) = start(practice("breath-reset", vec![reset("breath")]));
        let mut paused_for = Duration::ZERO;
        let mut paused_since = None;
        let mut ended = 0;
        for (millis, toggle) in script {
            clock.advance(Duration::from_millis(millis));
            ended += run.update().iter().filter(|c| **c == Cue::StepEnded).count();
            if toggle == 0 {
                let now = clock.now();
                match paused_since.take() {
                    Some(since) => {
                        run.handle(Input::Resume).unwrap();
                        paused_for += now - since;
                    }
                    None if run.handle(Input::Pause).is_ok() => paused_since = Some(now),
                    None => {}
                }
            }
        }
        if let Some(since) = paused_since {
            run.handle(Input::Resume).unwrap();
            paused_for += clock.now() - since;
        }
        clock.advance_secs(120.0);
        ended += run.update().iter().filter(|c| **c == Cue::StepEnded).count();
        proptest::prop_assert_eq!(ended, 1);
        let entry = run.entry(Via::Tui).expect("finished");
        proptest::prop_assert_eq!(&entry.responses["breath"], &json!({"cycles": 9, "seconds": 90}));
        let wall = (entry.ended_at - entry.started_at).to_std().unwrap();
        proptest::prop_assert_eq!(wall, secs(90.0) + paused_for);
    }
}
