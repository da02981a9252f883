//! The runner's questions and journey: the answers each step takes and records, the inputs
//! it refuses (which change nothing), going back and forth, leaving, and the entry it makes.

mod runner_support;

use serde_json::{Value, json};
use steady::journal::entry::Via;
use steady::journal::id;
use steady::practice::model::{PhaseKind, Step};
use steady::runner::{Input, Recalled, Run};

use runner_support::*;

fn run_of(step: Step) -> Run {
    start(practice("one", vec![step, say("Thank you.")])).0
}

fn feed(run: &mut Run, inputs: Vec<Input>) {
    for input in inputs {
        let shown = format!("{input:?}");
        if let Err(why) = run.handle(input) {
            panic!("{shown} was refused: {}", why.0);
        }
    }
}

#[test]
fn each_kind_records_the_contract_shape() {
    let sea_sand: &[&str] = &["sea", "sand"];
    let abc: &[&str] = &["a", "b", "c"];
    let table: Vec<(Step, Vec<Input>, Option<Value>)> = vec![
        (
            scale("s", 1, 5),
            vec![Input::ChooseNumber(3)],
            Some(json!(3)),
        ),
        (
            scale("s", 0, 10),
            vec![Input::ChooseNumber(0)],
            Some(json!(0)),
        ),
        (
            scale("s", 1, 5),
            vec![Input::ChooseNumber(2), Input::ChooseNumber(4)],
            Some(json!(4)),
        ),
        (
            colour("c", None, false),
            vec![Input::Choose("Blue".into())],
            Some(json!("blue")),
        ),
        (
            colour("c", Some(sea_sand), false),
            vec![Input::Choose(" sand ".into())],
            Some(json!("sand")),
        ),
        (
            colour("c", Some(sea_sand), true),
            vec![Input::Type("  dusk\t".into())],
            Some(json!("dusk")),
        ),
        (
            choice("k", abc, false, false),
            vec![Input::Choose("b".into())],
            Some(json!("b")),
        ),
        (
            choice("k", abc, false, true),
            vec![Input::Type(" my own\t".into())],
            Some(json!("my own")),
        ),
        (
            choice("k", abc, true, false),
            vec![many(&["c", "a", "c"])],
            Some(json!(["c", "a"])),
        ),
        (
            choice("k", abc, true, true),
            vec![many(&["a"]), Input::Type("mine".into())],
            Some(json!(["a", "mine"])),
        ),
        (
            text("t", false, true, None),
            vec![Input::Type(" one\r\ntwo  ".into())],
            Some(json!("one\ntwo")),
        ),
        (
            text("t", false, false, Some(7)),
            vec![Input::Type("one\ntwo".into())],
            Some(json!("one two")),
        ),
        (
            text("t", true, false, None),
            vec![Input::Type("  ".into())],
            None,
        ),
        (
            text("t", true, false, None),
            vec![Input::Type("said".into()), Input::Type(String::new())],
            None,
        ),
        (
            list("l", 3),
            vec![many(&["a", " ", "b\n"])],
            Some(json!(["a", "b"])),
        ),
    ];
    for (step, inputs, expected) in table {
        let name = format!("{:?} after {inputs:?}", step.kind);
        let key = step.key.clone().unwrap_or_default();
        let mut run = run_of(step);
        feed(&mut run, inputs);
        assert_eq!(run.current_answer(), expected.as_ref(), "{name}");
        assert_eq!(run.answer(&key), expected.as_ref(), "{name}");
        run.handle(Input::Next)
            .unwrap_or_else(|r| panic!("{name}: {}", r.0));
        run.handle(Input::Next).unwrap();
        let entry = run.entry(Via::Tui).expect("finished");
        assert_eq!(entry.responses.get(&key), expected.as_ref(), "{name}");
    }
}

#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one table of refused inputs, a case per row"
)]
fn refused_inputs_change_nothing() {
    let sea_sand: &[&str] = &["sea", "sand"];
    let ab: &[&str] = &["a", "b"];
    let short_breath = breathe("b", &[(PhaseKind::In, 2), (PhaseKind::Out, 2)], 8);
    // (step, inputs taken first, input refused)
    let table: Vec<(Step, Vec<Input>, Input)> = vec![
        (scale("s", 1, 5), vec![], Input::Next),
        (
            scale("s", 1, 5),
            vec![Input::ChooseNumber(2)],
            Input::ChooseNumber(0),
        ),
        (
            scale("s", 1, 5),
            vec![Input::ChooseNumber(2)],
            Input::ChooseNumber(6),
        ),
        (scale("s", 1, 5), vec![], Input::Choose("3".into())),
        (scale("s", 1, 5), vec![], Input::Type("3".into())),
        (scale("s", 1, 5), vec![], Input::Mark),
        (scale("s", 1, 5), vec![], Input::Back),
        (scale("s", 1, 5), vec![], Input::Resume),
        (scale("s", 1, 5), vec![Input::Pause], Input::ChooseNumber(3)),
        (
            colour("c", Some(sea_sand), false),
            vec![],
            Input::Choose("blue".into()),
        ),
        (
            colour("c", Some(sea_sand), false),
            vec![],
            Input::Type("blue".into()),
        ),
        (
            colour("c", None, false),
            vec![],
            Input::Choose("sea".into()),
        ),
        (colour("c", None, true), vec![], Input::Type(" \n ".into())),
        (colour("c", None, false), vec![], Input::ChooseNumber(1)),
        (
            choice("k", ab, false, false),
            vec![],
            Input::Choose("c".into()),
        ),
        (
            choice("k", ab, false, false),
            vec![],
            Input::Type("a".into()),
        ),
        (choice("k", ab, false, false), vec![], many(&["a"])),
        (
            choice("k", ab, true, false),
            vec![many(&["b"])],
            many(&["a", "z"]),
        ),
        (choice("k", ab, true, false), vec![many(&["b"])], many(&[])),
        (
            choice("k", ab, true, false),
            vec![],
            Input::Choose("a".into()),
        ),
        (
            choice("k", ab, true, false),
            vec![],
            Input::Type("z".into()),
        ),
        (
            text("t", false, false, Some(5)),
            vec![],
            Input::Type("sixsix".into()),
        ),
        (
            text("t", false, false, Some(5)),
            vec![],
            Input::Type("éééééé".into()),
        ),
        (
            text("t", false, false, None),
            vec![Input::Type("kept".into())],
            Input::Type(" \t ".into()),
        ),
        (text("t", false, false, None), vec![], Input::Next),
        (
            text("t", false, false, None),
            vec![],
            Input::ChooseMany(vec![]),
        ),
        (list("l", 2), vec![many(&["x"])], many(&["a", "b", "c"])),
        (list("l", 2), vec![], many(&[" ", ""])),
        (list("l", 2), vec![], Input::Type("a".into())),
        (say("Read."), vec![], Input::ChooseNumber(1)),
        (say("Read."), vec![], Input::Mark),
        (short_breath.clone(), vec![], Input::Type("x".into())),
        (short_breath.clone(), vec![], Input::Mark),
        (short_breath, vec![Input::Pause], Input::Next),
        (hold("h", 5), vec![], Input::ChooseNumber(1)),
        (
            hold("h", 5),
            vec![],
            Input::Recall(Recalled {
                seconds: -1.0,
                urge: false,
                stayed: false,
            }),
        ),
        (
            say("Read."),
            vec![],
            Input::Recall(Recalled {
                seconds: 3.0,
                urge: true,
                stayed: true,
            }),
        ),
        (timer("t", 30, None), vec![], Input::ChooseNumber(1)),
    ];
    for (step, before, refused) in table {
        let name = format!("{refused:?} on {:?} after {before:?}", step.kind);
        let mut run = run_of(step);
        feed(&mut run, before);
        let was = snapshot(&run);
        let result = run.handle(refused);
        let why = result.expect_err(&name).0;
        assert!(!why.is_empty() && !why.contains('\n'), "{name}: {why:?}");
        assert_eq!(snapshot(&run), was, "{name}");
    }
}

#[test]
fn going_back_and_forth_keeps_answers_and_ran_steps() {
    let steps = vec![
        scale("level", 1, 5),
        colour("colour", None, false),
        breathe("breath", &[(PhaseKind::In, 1), (PhaseKind::Out, 1)], 4),
        text("note", true, false, None),
        list("things", 3),
    ];
    let (mut run, clock) = start(practice("journey", steps));
    feed(&mut run, vec![Input::ChooseNumber(3), Input::Next]);
    feed(&mut run, vec![Input::Choose("teal".into()), Input::Next]);
    clock.advance_secs(4.0);
    run.update();
    assert_eq!(run.index(), 3);
    feed(&mut run, vec![Input::Type("tight chest".into())]);

    feed(&mut run, vec![Input::Back]);
    let view = breath(&run);
    assert!(view.done);
    assert_eq!((view.cycle, view.cycles, view.elapsed), (2, 2, secs(4.0)));
    assert_eq!(run.next_change(), None);
    feed(&mut run, vec![Input::Back]);
    assert_eq!(run.current_answer(), Some(&json!("teal")));
    feed(&mut run, vec![Input::Back]);
    assert_eq!(run.current_answer(), Some(&json!(3)));
    assert!(run.handle(Input::Back).is_err());
    feed(
        &mut run,
        vec![Input::ChooseNumber(4), Input::Next, Input::Next],
    );
    // The breath step is passed over, not run again.
    clock.advance_secs(10.0);
    feed(&mut run, vec![Input::Next]);
    assert_eq!(run.index(), 3);
    assert_eq!(run.current_answer(), Some(&json!("tight chest")));
    feed(
        &mut run,
        vec![Input::Next, many(&["tea", "a walk"]), Input::Next],
    );

    assert!(run.is_finished());
    let entry = run.entry(Via::Tui).expect("finished");
    let keys: Vec<&str> = entry.responses.keys().map(String::as_str).collect();
    assert_eq!(keys, ["level", "colour", "breath", "note", "things"]);
    assert_eq!(entry.responses["level"], json!(4));
    assert_eq!(
        entry.responses["breath"],
        json!({"cycles": 2, "seconds": 4})
    );
    assert_eq!(entry.responses["things"], json!(["tea", "a walk"]));
}

#[test]
fn the_finished_entry_has_the_journal_shape() {
    let (mut run, clock) = start(practice("check", vec![say("Hi."), scale("level", 1, 5)]));
    assert_eq!(run.entry(Via::Tui), None);
    clock.advance_secs(3.0);
    feed(&mut run, vec![Input::Next]);
    clock.advance_secs(4.5);
    feed(&mut run, vec![Input::ChooseNumber(5), Input::Next]);
    let entry = run.entry(Via::Cli).expect("finished");
    assert_eq!(
        run.entry(Via::Cli),
        Some(entry.clone()),
        "asked twice, the same entry"
    );
    assert_eq!(entry.v, 1);
    assert!(id::is_valid(&entry.id), "{}", entry.id);
    assert_eq!(
        (entry.practice.as_str(), entry.title.as_str()),
        ("check", "Practice check")
    );
    let line = entry.to_line();
    assert!(
        line.contains(r#""started_at":"2026-11-22T08:00:00.000+01:00""#),
        "{line}"
    );
    assert!(
        line.contains(r#""ended_at":"2026-11-22T08:00:07.500+01:00""#),
        "{line}"
    );
    assert!(
        line.ends_with(r#""completed":true,"via":"cli","responses":{"level":5}}"#),
        "{line}"
    );
    assert!(entry.extra.is_empty());

    // Once finished, nothing more is taken.
    for input in [
        Input::Next,
        Input::Back,
        Input::Pause,
        Input::ChooseNumber(1),
    ] {
        assert!(run.handle(input).is_err());
    }
    assert_eq!((run.index(), run.step().kind.name()), (1, "scale"));
    assert!(!run.can_go_on());
}

#[test]
fn leaving_keeps_or_discards_what_was_answered() {
    let steps = vec![scale("level", 1, 5), reset("breath"), say("Done.")];
    let (mut run, clock) = start(practice("leave", steps.clone()));
    assert!(!run.has_answers());
    assert_eq!(run.leave(true, Via::Tui), None, "nothing to keep");

    feed(&mut run, vec![Input::ChooseNumber(2), Input::Next]);
    assert_eq!(
        run.leave(true, Via::Tui).map(|e| e.responses.len()),
        Some(1)
    );
    clock.advance_secs(25.0);
    assert!(run.has_answers());
    assert_eq!(run.leave(false, Via::Tui), None);
    let kept = run.leave(true, Via::Tui).expect("something to keep");
    assert!(!kept.completed);
    let expected = json!({"level": 2, "breath": {"cycles": 2, "seconds": 25}});
    assert_eq!(Value::Object(kept.responses), expected);
    assert_eq!(
        kept.ended_at - kept.started_at,
        chrono::TimeDelta::seconds(25)
    );
    // Asking changes nothing: the run goes on.
    assert_eq!(run.index(), 1);
    clock.advance_secs(65.0);
    run.update();
    assert_eq!(run.index(), 2);
    feed(&mut run, vec![Input::Next]);
    assert_eq!(run.leave(true, Via::Tui).map(|e| e.completed), Some(true));

    // A hold left before it ran records nothing; left while counting, no urge in what it
    // counted (an urge is only ever what the person marked).
    let (run, clock) = start(practice("hold", vec![hold("stay", 5)]));
    assert_eq!(run.leave(true, Via::Tui), None);
    clock.advance_secs(3.0);
    let kept = run.leave(true, Via::Tui).expect("a partial hold");
    let expected = json!({"urge_s": null, "extra_s": null, "total_s": 3});
    assert_eq!(kept.responses["stay"], expected);
}

#[test]
fn colour_steps_offer_their_own_colours_or_the_palette() {
    let sea_sand: &[&str] = &["sea", "sand"];
    let steps = vec![colour("c", None, false), colour("d", Some(sea_sand), false)];
    let (run, _clock) = start(practice("colours", steps));
    let mut run = run.with_palette(vec!["moss".into(), "rust".into()]);
    assert_eq!(run.colours(), ["moss", "rust"]);
    assert!(run.handle(Input::Choose("blue".into())).is_err());
    feed(&mut run, vec![Input::Choose("Rust".into()), Input::Next]);
    assert_eq!(run.answer("c"), Some(&json!("rust")));
    assert_eq!(run.colours(), ["sea", "sand"]);
}

#[test]
fn a_practice_without_steps_is_finished_at_once() {
    let (run, _clock) = start(practice("empty", Vec::new()));
    assert!(run.is_finished());
    assert_eq!(run.step().kind.name(), "say");
    let entry = run.entry(Via::Tui).expect("finished");
    assert!(entry.responses.is_empty());
}

#[test]
fn colour_words_are_kept_lowercase_and_invisible_characters_refused() {
    let steps = vec![colour("c", None, true), text("t", false, true, None)];
    let (mut run, _clock) = start(practice("words", steps));
    let run = &mut run;
    for (input, stored) in [
        (Input::Choose("GREEN".into()), "green"),
        (Input::Type("  Sea Foam ".into()), "sea foam"),
        (Input::Type("Ä".into()), "ä"),
    ] {
        run.handle(input).unwrap();
        assert_eq!(run.current_answer(), Some(&json!(stored)));
    }
    for hidden in ["gr\u{200B}een", "\u{202E}neerg", "bl\u{2066}ue"] {
        let why = run.handle(Input::Type(hidden.into())).unwrap_err().0;
        assert!(why.contains("invisible character"), "{why}");
        assert_eq!(run.current_answer(), Some(&json!("ä")), "unchanged");
    }
    run.handle(Input::Next).unwrap();
    let why = run
        .handle(Input::Type("fine\u{200F} really".into()))
        .unwrap_err()
        .0;
    assert!(why.contains("U+200F"), "{why}");
    run.handle(Input::Type("one\ntwo 👩\u{200D}👧".into()))
        .unwrap();
}
