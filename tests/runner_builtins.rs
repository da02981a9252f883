//! Every built-in practice runs to the end with scripted inputs on a test clock, and its
//! entry answers every step that has a key, in the contract's shape.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use steady::clock::TestClock;
use steady::journal::entry::Via;
use steady::practice::Library;
use steady::practice::model::{StepKind, breath_cycles, cycle_length};
use steady::runner::{Cue, Input, Run};

/// Answers the current step the way a person might, letting timed steps run their course,
/// or, when `early`, ending them after a few seconds (a hold with no urge).
fn play_step(run: &mut Run, clock: &TestClock, early: bool) {
    let kind = run.step().kind.clone();
    let name = format!("{} step {}", run.practice().id, run.index());
    let take = |run: &mut Run, input: Input| {
        let shown = format!("{input:?}");
        run.handle(input)
            .unwrap_or_else(|why| panic!("{name}: {shown} refused: {why}"));
    };
    let run_out = |run: &mut Run, clock: &TestClock, time: Duration| {
        clock.advance(time);
        assert!(
            run.update().contains(&Cue::StepEnded),
            "{name} did not end by itself"
        );
    };
    match kind {
        StepKind::Say { .. } => take(run, Input::Next),
        StepKind::Breathe { .. } | StepKind::Timer { .. } | StepKind::Hold { .. } if early => {
            clock.advance_secs(3.0);
            take(run, Input::Next);
        }
        StepKind::Breathe { pattern, total } => {
            run_out(
                run,
                clock,
                cycle_length(&pattern) * breath_cycles(&pattern, total),
            );
        }
        StepKind::Timer { duration, .. } => run_out(run, clock, duration),
        StepKind::Hold { extra, .. } => {
            clock.advance_secs(4.0);
            take(run, Input::Mark);
            run_out(run, clock, extra);
        }
        StepKind::Scale { min, .. } => {
            take(run, Input::ChooseNumber(min));
            take(run, Input::Next);
        }
        StepKind::Colour { .. } => {
            let first = run.colours().first().cloned().expect("a colour on offer");
            take(run, Input::Choose(first));
            take(run, Input::Next);
        }
        StepKind::Choice {
            options, multiple, ..
        } => {
            let first = options.first().cloned().expect("an option");
            let input = if multiple {
                Input::ChooseMany(vec![first])
            } else {
                Input::Choose(first)
            };
            take(run, input);
            take(run, Input::Next);
        }
        StepKind::Text { .. } => {
            take(run, Input::Type("Tight chest.".into()));
            take(run, Input::Next);
        }
        StepKind::List { count, .. } => {
            let items = (1..=count).map(|i| format!("thing {i}")).collect();
            take(run, Input::ChooseMany(items));
            take(run, Input::Next);
        }
    }
}

/// Whether `value` has the contract's shape for a step of `kind`.
fn shaped(kind: &StepKind, value: &Value) -> bool {
    let number = |field: &str| value.get(field).is_some_and(Value::is_number);
    match kind {
        StepKind::Scale { .. } => value.is_i64(),
        StepKind::Colour { .. } | StepKind::Text { .. } => value.is_string(),
        StepKind::Choice { multiple, .. } => {
            if *multiple {
                value.is_array()
            } else {
                value.is_string()
            }
        }
        StepKind::List { .. } => value.is_array(),
        StepKind::Breathe { .. } => {
            value.get("cycles").is_some_and(Value::is_u64) && number("seconds")
        }
        StepKind::Timer { .. } => number("seconds"),
        StepKind::Hold { .. } => {
            let both = number("urge_s") && number("extra_s");
            let neither = value["urge_s"].is_null() && value["extra_s"].is_null();
            (both || neither) && number("total_s")
        }
        StepKind::Say { .. } => false,
    }
}

#[test]
fn every_builtin_practice_runs_to_the_end() {
    let library = Library::builtin();
    assert!(library.problems().is_empty(), "{:?}", library.problems());
    assert!(!library.practices().is_empty());
    for (practice, early) in library
        .practices()
        .iter()
        .flat_map(|p| [(p, false), (p, true)])
    {
        let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T08:00:00+01:00"));
        let mut run = Run::start(Arc::clone(practice), clock.clone());
        let mut shown = vec![run.index()];
        // Each step moves the run on, passing over only steps whose condition does not hold.
        while !run.is_finished() {
            let before = run.index();
            play_step(&mut run, &clock, early);
            if run.is_finished() {
                break;
            }
            assert!(run.index() > before, "{}", practice.id);
            assert!(
                (before + 1..run.index()).all(|i| !run.applies(i)),
                "{}: a step was passed over",
                practice.id
            );
            shown.push(run.index());
        }
        let entry = run.entry(Via::Tui).expect("finished");
        assert!(entry.completed);
        assert_eq!(entry.practice, practice.id);
        let shown_steps: Vec<_> = shown.iter().map(|&i| &practice.steps[i]).collect();
        for step in &shown_steps {
            let Some(key) = &step.key else { continue };
            let value = entry.responses.get(key);
            let fits = value.is_some_and(|v| shaped(&step.kind, v));
            assert!(fits, "{}: `{key}` recorded {value:?}", practice.id);
        }
        let keyed = shown_steps.iter().filter(|s| s.key.is_some()).count();
        assert_eq!(entry.responses.len(), keyed, "{}", practice.id);
        // Every path through a built-in is as long as "step k of n" promised at the start.
        let (_, promised) = Run::start(Arc::clone(practice), clock.clone()).position();
        assert_eq!(shown.len(), promised, "{} (early: {early})", practice.id);
    }
}
