//! The hold's three endings (urge marked, no urge, told from memory), conditional steps, and
//! the reading time of an auto-advancing `say`, driven by a test clock.

mod runner_support;

use serde_json::json;
use steady::journal::entry::Via;
use steady::practice::model::{Condition, Step, Test, Than};
use steady::runner::{Cue, HoldRecord, HoldView, Input, Recalled, Timing, reading_time};

use runner_support::*;

fn when(step: Step, key: &str, test: Test) -> Step {
    Step {
        when: Some(Condition {
            key: key.into(),
            test,
        }),
        ..step
    }
}

#[test]
fn enter_before_an_urge_ends_the_hold_with_no_urge() {
    let (mut run, clock) = start(practice("hold", vec![hold("stay", 5), say("Ok.")]));
    clock.advance_secs(9.25);
    assert!(
        run.can_go_on(),
        "no urge coming is an ending, not a refusal"
    );
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 1);
    let record = json!({"urge_s": null, "extra_s": null, "total_s": 9.25});
    assert_eq!(run.answer("stay"), Some(&record));
    run.handle(Input::Back).unwrap();
    assert_eq!(
        run.timing(),
        Timing::Hold(HoldView::Done(HoldRecord {
            urge: None,
            extra: secs(9.25),
            recalled: false,
        }))
    );
}

#[test]
fn after_the_mark_the_view_counts_down_the_extra_seconds() {
    let (mut run, clock) = start(practice("hold", vec![hold("stay", 5), say("Ok.")]));
    clock.advance_secs(20.0);
    run.handle(Input::Mark).unwrap();
    clock.advance_secs(1.5);
    assert_eq!(
        run.timing(),
        Timing::Hold(HoldView::Staying {
            urge: secs(20.0),
            left: secs(3.5),
            extra: secs(5.0),
        })
    );
}

#[test]
fn a_hold_told_from_memory_is_recorded_as_recalled() {
    let table = [
        (
            Recalled {
                seconds: 12.0,
                urge: true,
                stayed: true,
            },
            json!({"urge_s": 12, "extra_s": 5, "total_s": 17, "recalled": true}),
        ),
        (
            Recalled {
                seconds: 8.5,
                urge: true,
                stayed: false,
            },
            json!({"urge_s": 8.5, "extra_s": 0, "total_s": 8.5, "recalled": true}),
        ),
        (
            Recalled {
                seconds: 30.0,
                urge: false,
                stayed: true,
            },
            json!({"urge_s": null, "extra_s": null, "total_s": 30, "recalled": true}),
        ),
    ];
    for (recalled, expected) in table {
        let (mut run, clock) = start(practice("hold", vec![hold("stay", 5)]));
        clock.advance_secs(100.0);
        run.handle(Input::Recall(recalled)).unwrap();
        let entry = run.entry(Via::Tui).expect("finished");
        assert_eq!(entry.responses["stay"], expected, "{recalled:?}");
    }
    let (mut run, _clock) = start(practice("hold", vec![hold("stay", 5)]));
    let too_long = Recalled {
        seconds: 7201.0,
        urge: false,
        stayed: false,
    };
    assert!(run.handle(Input::Recall(too_long)).is_err());
}

/// A breath reset with a closing for ending early and one for running its time.
fn reset_with_closings() -> Vec<Step> {
    vec![
        reset("breath"),
        when(say("Ended early."), "breath", Test::Early(true)),
        when(say("Ran it all."), "breath", Test::Early(false)),
        say("Last."),
    ]
}

fn say_text(run: &steady::runner::Run) -> String {
    run.step().kind.prompt().to_owned()
}

#[test]
fn a_breath_ended_early_shows_only_the_early_closing() {
    let (mut run, clock) = start(practice("reset", reset_with_closings()));
    assert_eq!(run.position(), (1, 3));
    clock.advance_secs(4.0);
    assert_eq!(run.position(), (1, 3), "counted as if it runs its time");
    clock.advance_secs(8.0);
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "Ended early.");
    assert_eq!(run.position(), (2, 3));
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "Last.");
    assert_eq!(run.position(), (3, 3));
    // Back skips the closing that was not shown.
    run.handle(Input::Back).unwrap();
    assert_eq!(say_text(&run), "Ended early.");
}

#[test]
fn a_breath_that_ran_its_time_shows_only_the_full_closing() {
    let (mut run, clock) = start(practice("reset", reset_with_closings()));
    clock.advance_secs(90.0);
    assert!(run.update().contains(&Cue::StepEnded));
    assert_eq!(say_text(&run), "Ran it all.");
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "Last.");
    run.handle(Input::Next).unwrap();
    assert!(run.is_finished());
}

#[test]
fn hold_scale_and_choice_conditions_follow_the_answers() {
    let steps = vec![
        choice("pace", &["slow", "gentle"], false, false),
        when(say("Gentle."), "pace", Test::Is("gentle".into())),
        hold("stay", 5),
        when(say("No urge."), "stay", Test::Urge(false)),
        when(say("Urge."), "stay", Test::Urge(true)),
        scale("after", 1, 5),
        when(say("High."), "after", Test::Above(Than::Value(3))),
        when(say("Low."), "after", Test::Below(Than::Value(3))),
        say("End."),
    ];
    let (mut run, clock) = start(practice("mixed", steps));
    run.handle(Input::Choose("slow".into())).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(run.index(), 2, "the gentle text is passed over");
    clock.advance_secs(3.0);
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "No urge.");
    run.handle(Input::Next).unwrap();
    run.handle(Input::ChooseNumber(3)).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "End.", "3 is neither above nor below 3");
    run.handle(Input::Back).unwrap();
    run.handle(Input::ChooseNumber(4)).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "High.");

    // Changing an earlier answer drops what a step no longer shown recorded.
    let steps = vec![
        choice("pace", &["slow", "gentle"], false, false),
        when(
            timer("gentle_t", 30, None),
            "pace",
            Test::Is("gentle".into()),
        ),
        say("End."),
    ];
    let (mut run, clock) = start(practice("drop", steps));
    run.handle(Input::Choose("gentle".into())).unwrap();
    run.handle(Input::Next).unwrap();
    clock.advance_secs(30.0);
    run.update();
    assert!(run.answer("gentle_t").is_some());
    run.handle(Input::Back).unwrap();
    run.handle(Input::Back).unwrap();
    run.handle(Input::Choose("slow".into())).unwrap();
    run.handle(Input::Next).unwrap();
    run.handle(Input::Next).unwrap();
    let entry = run.entry(Via::Tui).expect("finished");
    assert!(!entry.responses.contains_key("gentle_t"), "{entry:?}");
}

#[test]
fn the_first_step_has_no_step_before_it() {
    let (mut run, _clock) = start(practice("two", vec![say("One."), say("Two.")]));
    assert!(run.is_first());
    run.handle(Input::Next).unwrap();
    assert!(!run.is_first());
}

#[test]
fn a_timed_say_counts_its_seconds_after_the_reading_time() {
    let text = "Say thank you, nothing more, and keep looking at them for about three seconds.";
    let read = reading_time(text);
    assert!(read >= secs(4.0), "{read:?}");
    assert_eq!(reading_time("Hi."), secs(2.0));
    let (mut run, clock) = start(practice("say", vec![say_for(text, 3.0), say("Next.")]));
    clock.advance_secs(3.0);
    assert!(run.update().is_empty(), "still being read");
    clock.advance(read);
    assert!(run.update().contains(&Cue::StepEnded));
    assert_eq!(run.index(), 1);
}

#[test]
fn a_scale_compared_with_an_earlier_scale_follows_both_answers() {
    let than = || Than::Answer("before".into());
    let steps = vec![
        scale("before", 1, 5),
        scale("after", 1, 5),
        when(say("Less settled."), "after", Test::Below(than())),
        when(say("The same."), "after", Test::Same(than())),
        when(say("More settled."), "after", Test::Above(than())),
    ];
    for (before, after, closing) in [
        (2, 1, "Less settled."),
        (3, 3, "The same."),
        (1, 5, "More settled."),
    ] {
        let (mut run, _clock) = start(practice("compare", steps.clone()));
        assert_eq!(
            run.position(),
            (1, 3),
            "the same and the middle count as one step"
        );
        run.handle(Input::ChooseNumber(before)).unwrap();
        run.handle(Input::Next).unwrap();
        run.handle(Input::ChooseNumber(after)).unwrap();
        run.handle(Input::Next).unwrap();
        assert_eq!(say_text(&run), closing, "{before} → {after}");
        assert_eq!(run.position(), (3, 3));
        // Changing the earlier answer changes the closing.
        run.handle(Input::Back).unwrap();
        run.handle(Input::Back).unwrap();
        run.handle(Input::ChooseNumber(after)).unwrap();
        run.handle(Input::Next).unwrap();
        run.handle(Input::Next).unwrap();
        assert_eq!(say_text(&run), "The same.");
    }
}

#[test]
fn a_list_with_fewer_answers_than_asked_and_a_choice_that_is_not_an_option() {
    let steps = vec![
        list("supports", 3),
        when(say("All of them."), "supports", Test::Full(true)),
        when(say("Fewer."), "supports", Test::Full(false)),
        choice("stayed", &["under a minute", "a few minutes"], false, true),
        when(
            say("A while."),
            "stayed",
            Test::Not("under a minute".into()),
        ),
        when(say("Short."), "stayed", Test::Is("under a minute".into())),
    ];
    let (mut run, _clock) = start(practice("lists", steps.clone()));
    run.handle(many(&["a friend", "a sister"])).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "Fewer.");
    run.handle(Input::Next).unwrap();
    // A typed word of one's own is not "under a minute".
    run.handle(Input::Type("an hour".into())).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "A while.");
    run.handle(Input::Next).unwrap();
    assert!(run.is_finished());

    let (mut run, _clock) = start(practice("lists", steps));
    run.handle(many(&["a friend", "a sister", "the pool"]))
        .unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "All of them.");
    run.handle(Input::Next).unwrap();
    run.handle(Input::Choose("under a minute".into())).unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(say_text(&run), "Short.");
}

#[test]
fn a_placeholder_shows_the_earlier_answer_as_it_is_now() {
    let steps = vec![
        text("thought", false, false, None),
        say("I'm having the thought that {thought} {{not a placeholder}}"),
    ];
    let (mut run, _clock) = start(practice("defusion", steps));
    run.handle(Input::Type("  they'll leave anyway. ".into()))
        .unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(
        run.prompt(),
        "I'm having the thought that they'll leave anyway. {not a placeholder}"
    );
    run.handle(Input::Back).unwrap();
    assert_eq!(
        run.prompt(),
        "In a sentence?",
        "a question's prompt is as written"
    );
    run.handle(Input::Type("I don't need anyone.".into()))
        .unwrap();
    run.handle(Input::Next).unwrap();
    assert_eq!(
        run.prompt(),
        "I'm having the thought that I don't need anyone. {not a placeholder}"
    );
}
