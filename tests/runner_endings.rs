//! The closing words of every built-in practice follow what happened. Each built-in is walked
//! along every path its answers can take, on a test clock: every timed step run out and ended
//! early, every scale at its lowest and its highest (so a later scale is below, the same as,
//! or above an earlier one), every option of every choice in turn (and a word of one's own
//! where one may be typed), optional texts written and
//! skipped, lists full and with one item, holds with and without the urge to leave, cut
//! short, and told from memory with a "no". Along each path the words shown are checked
//! against a table of claims and the answers that make them untrue ("all three" when fewer
//! than three were written, "stayed" when the breath was ended early, …).
//!
//! The same walk over the 0.2 endings (kept under `tests/fixtures/practices-0.2/`) finds the
//! four claims issue 19 named, so the table and the walk can catch what they are for.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use steady::clock::{Clock, TestClock};
use steady::journal::entry::Via;
use steady::practice::model::{Practice, StepKind, breath_cycles, cycle_length};
use steady::practice::{Library, Origin, parse};
use steady::runner::{Cue, Input, Recalled, Run};

/// One way a person may answer the step on screen.
#[derive(Debug, Clone)]
enum Move {
    /// A `say` step, read.
    Read,
    /// A breathe or timer step left to run its time.
    RunOut(Duration),
    /// A breathe or timer step ended after 3.5 s.
    EndEarly,
    /// A hold ended after 4 s with no urge to leave.
    NoUrge,
    /// A hold: the urge after 4 s, then all the extra seconds.
    Stay(Duration),
    /// A hold: the urge after 4 s, then gone after one more second.
    LeaveStay,
    /// A hold told from memory.
    Recall(Recalled),
    /// A question answered with this input.
    Answer(Input),
    /// An optional text left empty.
    Skip,
}

/// Every way to answer the step `run` is on.
fn moves(run: &Run) -> Vec<Move> {
    let many = |items: Vec<String>| Move::Answer(Input::ChooseMany(items));
    match &run.step().kind {
        StepKind::Say { .. } => vec![Move::Read],
        StepKind::Breathe { pattern, total } => vec![
            Move::RunOut(cycle_length(pattern) * breath_cycles(pattern, *total)),
            Move::EndEarly,
        ],
        StepKind::Timer { duration, .. } => vec![Move::RunOut(*duration), Move::EndEarly],
        StepKind::Hold { extra, .. } => {
            let recalled = |urge, stayed| {
                Move::Recall(Recalled {
                    seconds: 10.0,
                    urge,
                    stayed,
                })
            };
            vec![
                Move::NoUrge,
                Move::Stay(*extra),
                Move::LeaveStay,
                recalled(true, true),
                recalled(true, false),
                recalled(false, false),
            ]
        }
        StepKind::Scale { min, max, .. } => vec![
            Move::Answer(Input::ChooseNumber(*min)),
            Move::Answer(Input::ChooseNumber(*max)),
        ],
        StepKind::Colour { .. } => {
            let first = run.colours().first().cloned().expect("a colour on offer");
            vec![Move::Answer(Input::Choose(first))]
        }
        StepKind::Choice {
            options,
            multiple,
            other,
            ..
        } => {
            let mut moves: Vec<Move> = options
                .iter()
                .map(|o| {
                    if *multiple {
                        many(vec![o.clone()])
                    } else {
                        Move::Answer(Input::Choose(o.clone()))
                    }
                })
                .collect();
            // A word of one's own, where one may be typed, is none of the options.
            if *other {
                moves.push(Move::Answer(Input::Type("a word of my own".into())));
            }
            moves
        }
        StepKind::Text { optional, .. } => {
            let written = Move::Answer(Input::Type("They will leave anyway.".into()));
            if *optional {
                vec![written, Move::Skip]
            } else {
                vec![written]
            }
        }
        StepKind::List { count, .. } => {
            let full = many((1..=*count).map(|i| format!("answer {i}")).collect());
            if *count > 1 {
                vec![full, many(vec!["answer 1".into()])]
            } else {
                vec![full]
            }
        }
    }
}

/// Takes `mv` on the step `run` is on, moving the clock as a person's time would.
fn take(run: &mut Run, clock: &TestClock, mv: &Move) {
    let name = format!("{} step {}: {mv:?}", run.practice().id, run.index() + 1);
    let input = |run: &mut Run, input: Input| {
        run.handle(input)
            .unwrap_or_else(|why| panic!("{name} refused: {why}"));
    };
    match mv {
        Move::Read | Move::Skip => input(run, Input::Next),
        Move::RunOut(time) | Move::Stay(time) => {
            if matches!(mv, Move::Stay(_)) {
                clock.advance_secs(4.0);
                input(run, Input::Mark);
            }
            clock.advance(*time);
            assert!(run.update().contains(&Cue::StepEnded), "{name} did not end");
        }
        Move::EndEarly => {
            clock.advance_secs(3.5);
            input(run, Input::Next);
        }
        Move::NoUrge => {
            clock.advance_secs(4.0);
            input(run, Input::Next);
        }
        Move::LeaveStay => {
            clock.advance_secs(4.0);
            input(run, Input::Mark);
            clock.advance_secs(1.0);
            input(run, Input::Next);
        }
        Move::Recall(recalled) => input(run, Input::Recall(*recalled)),
        Move::Answer(answer) => {
            input(run, answer.clone());
            input(run, Input::Next);
        }
    }
}

/// One path walked to its end: the moves, the words shown, and the answers recorded.
struct Walked {
    moves: Vec<Move>,
    said: Vec<String>,
    responses: serde_json::Map<String, Value>,
}

/// Walks `practice` along every path, depth first, by replaying each path from the start.
fn walk_all(practice: &Arc<Practice>) -> Vec<Walked> {
    let mut walked = Vec::new();
    let mut path = Vec::new();
    walk(practice, &mut path, &mut walked);
    walked
}

fn walk(practice: &Arc<Practice>, path: &mut Vec<Move>, walked: &mut Vec<Walked>) {
    let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T08:00:00+01:00"));
    let mut run = Run::start(Arc::clone(practice), clock.clone());
    let (_, promised) = run.position();
    let mut said = Vec::new();
    for mv in path.iter() {
        if matches!(run.step().kind, StepKind::Say { .. }) {
            said.push(run.prompt().into_owned());
        }
        take(&mut run, &clock, mv);
    }
    if run.is_finished() {
        let entry = run.entry(Via::Tui).expect("finished");
        // Every path is as long as "step k of n" promised at the start.
        assert_eq!(path.len(), promised, "{}: {path:?}", practice.id);
        walked.push(Walked {
            moves: path.clone(),
            said,
            responses: entry.responses,
        });
        return;
    }
    for mv in moves(&run) {
        path.push(mv);
        walk(practice, path, walked);
        path.pop();
    }
}

/// What the answers of one path say happened.
#[derive(Debug, Default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each is one fact about a path, read by the table of claims"
)]
struct Facts {
    /// A breathe or timer step was ended before its time.
    early: bool,
    /// A hold had the urge to leave, or had none.
    urge: bool,
    no_urge: bool,
    /// After the urge, fewer than the hold's extra seconds were stayed.
    left_stay: bool,
    /// The last scale answered compared with the first of the same range.
    lower: bool,
    same: bool,
    higher: bool,
    /// A list was given fewer answers than its count asks for.
    fewer: bool,
    /// An optional text was left empty.
    skipped: bool,
    /// Every option chosen.
    chosen: Vec<String>,
}

impl Facts {
    fn of(practice: &Practice, responses: &serde_json::Map<String, Value>) -> Facts {
        let mut facts = Facts::default();
        let mut scales: Vec<((i64, i64), i64)> = Vec::new();
        for step in &practice.steps {
            let Some(key) = &step.key else { continue };
            let answer = responses.get(key);
            let seconds = |field| answer.and_then(|a| a.get(field)).and_then(Value::as_f64);
            match (&step.kind, answer) {
                (StepKind::Breathe { pattern, total }, Some(_)) => {
                    let full = cycle_length(pattern) * breath_cycles(pattern, *total);
                    facts.early |= seconds("seconds") < Some(full.as_secs_f64());
                }
                (StepKind::Timer { duration, .. }, Some(_)) => {
                    facts.early |= seconds("seconds") < Some(duration.as_secs_f64());
                }
                (StepKind::Hold { extra, .. }, Some(_)) => match seconds("urge_s") {
                    Some(_) => {
                        facts.urge = true;
                        facts.left_stay |= seconds("extra_s") < Some(extra.as_secs_f64());
                    }
                    None => facts.no_urge = true,
                },
                (StepKind::Scale { min, max, .. }, Some(a)) => {
                    scales.push(((*min, *max), a.as_i64().expect("a number")));
                }
                (StepKind::List { count, .. }, Some(a)) => {
                    facts.fewer |= a.as_array().expect("a list").len() < *count;
                }
                (StepKind::Text { optional: true, .. }, None) => facts.skipped = true,
                (StepKind::Choice { .. }, Some(Value::String(o))) => facts.chosen.push(o.clone()),
                (StepKind::Choice { .. }, Some(Value::Array(os))) => facts
                    .chosen
                    .extend(os.iter().filter_map(Value::as_str).map(str::to_owned)),
                _ => {}
            }
        }
        if let (Some(first), Some(last)) = (scales.first(), scales.last())
            && scales.len() > 1
            && first.0 == last.0
        {
            facts.lower = last.1 < first.1;
            facts.same = last.1 == first.1;
            facts.higher = last.1 > first.1;
        }
        facts
    }

    fn chose(&self, option: &str) -> bool {
        self.chosen.iter().any(|c| c == option)
    }
}

/// Words a practice may show, and the facts that make them untrue.
struct Claim {
    words: &'static str,
    untrue_when: &'static str,
    untrue: fn(&Facts) -> bool,
}

const CLAIMS: &[Claim] = &[
    Claim {
        words: "a minute and a half",
        untrue_when: "the breath was ended early",
        untrue: |f| f.early,
    },
    Claim {
        words: "a minute of slow breathing",
        untrue_when: "the breath was ended early",
        untrue: |f| f.early,
    },
    Claim {
        words: "rounds are enough",
        untrue_when: "the breath was ended early",
        untrue: |f| f.early,
    },
    Claim {
        words: "time is up",
        untrue_when: "the timer was ended early",
        untrue: |f| f.early,
    },
    Claim {
        words: "stopped early",
        untrue_when: "every timed step ran its time",
        untrue: |f| !f.early,
    },
    Claim {
        words: "stopped before",
        untrue_when: "every timed step ran its time",
        untrue: |f| !f.early,
    },
    Claim {
        words: "before the time was up",
        untrue_when: "every timed step ran its time",
        untrue: |f| !f.early,
    },
    Claim {
        words: "stayed",
        untrue_when: "a timed step was ended early, a stay was cut short, or the stay was under a minute",
        untrue: |f| f.early || f.left_stay || f.chose("under a minute"),
    },
    Claim {
        words: "was the help",
        untrue_when: "the stay was under a minute",
        untrue: |f| f.chose("under a minute"),
    },
    Claim {
        words: "even a short while",
        untrue_when: "the stay was longer than a minute",
        untrue: |f| !f.chose("under a minute"),
    },
    Claim {
        words: "knowing which it is",
        untrue_when: "the answer was \"not sure yet\"",
        untrue: |f| f.chose("not sure yet"),
    },
    Claim {
        words: "not knowing yet",
        untrue_when: "the answer was not \"not sure yet\"",
        untrue: |f| !f.chose("not sure yet"),
    },
    Claim {
        words: "now is a good time",
        untrue_when: "the later answer is below the earlier one",
        untrue: |f| f.lower,
    },
    Claim {
        words: "less settled",
        untrue_when: "the later answer is not below the earlier one",
        untrue: |f| !f.lower,
    },
    Claim {
        words: "about as settled",
        untrue_when: "the two answers differ",
        untrue: |f| !f.same,
    },
    Claim {
        words: "more settled",
        untrue_when: "the later answer is not above the earlier one",
        untrue: |f| !f.higher,
    },
    Claim {
        words: "less than before",
        untrue_when: "the later answer is not below the earlier one",
        untrue: |f| !f.lower,
    },
    Claim {
        words: "about as much as before",
        untrue_when: "the two answers differ",
        untrue: |f| !f.same,
    },
    Claim {
        words: "more tightly than before",
        untrue_when: "the later answer is not above the earlier one",
        untrue: |f| !f.higher,
    },
    Claim {
        words: "all three",
        untrue_when: "fewer than three were written",
        untrue: |f| f.fewer,
    },
    Claim {
        words: "fewer than three",
        untrue_when: "all three were written",
        untrue: |f| !f.fewer,
    },
    Claim {
        words: "the urge came",
        untrue_when: "no urge to leave came",
        untrue: |f| f.no_urge,
    },
    Claim {
        words: "no urge to leave came",
        untrue_when: "the urge to leave came",
        untrue: |f| f.urge,
    },
    Claim {
        words: "whatever came back",
        untrue_when: "what came after was left empty",
        untrue: |f| f.skipped,
    },
    Claim {
        words: "left a light on",
        untrue_when: "how they took it was left empty",
        untrue: |f| f.skipped,
    },
];

/// Every claim shown along any path of `practice` that its answers make untrue, in words.
fn untrue_claims(practice: &Arc<Practice>) -> (usize, Vec<String>) {
    let walked = walk_all(practice);
    let mut found = Vec::new();
    for path in &walked {
        let facts = Facts::of(practice, &path.responses);
        for said in &path.said {
            let lower = said.to_lowercase();
            for claim in CLAIMS {
                if lower.contains(claim.words) && (claim.untrue)(&facts) {
                    found.push(format!(
                        "{}: \"{}\" is shown though {} ({said:?}, after {:?})",
                        practice.id, claim.words, claim.untrue_when, path.moves
                    ));
                }
            }
        }
    }
    (walked.len(), found)
}

#[test]
fn no_builtin_closing_words_claim_what_did_not_happen() {
    let library = Library::builtin();
    assert_eq!(library.practices().len(), 26);
    let mut paths = 0;
    let mut untrue = Vec::new();
    for practice in library.practices() {
        let (walked, found) = untrue_claims(practice);
        assert!(walked > 0, "{}", practice.id);
        paths += walked;
        untrue.extend(found);
    }
    assert!(
        untrue.is_empty(),
        "{} untrue claims on {paths} paths:\n{}",
        untrue.len(),
        untrue.join("\n")
    );
}

#[test]
fn the_walk_finds_the_four_untrue_endings_of_0_2() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/practices-0.2");
    for (id, words) in [
        ("breath-reset", "now is a good time"),
        ("numb-under-closeness", "stayed"),
        ("sit-with-distress", "was the help"),
        ("three-supports", "all three"),
    ] {
        let path = folder.join(format!("{id}.toml"));
        let text = std::fs::read_to_string(&path).expect("the 0.2 file");
        let practice = Arc::new(parse(&text, Origin::File(path)).expect("it reads"));
        let (_, found) = untrue_claims(&practice);
        let named = format!("{id}: \"{words}\" is shown");
        assert!(
            found.iter().any(|f| f.starts_with(&named)),
            "{id}: the walk did not find \"{words}\": {found:#?}"
        );
    }
}

#[test]
fn defusion_shows_the_thought_and_follows_its_grip() {
    let practice = Library::builtin().get("defusion").expect("built in");
    let walked = walk_all(&practice);
    for path in &walked {
        assert!(
            path.said
                .iter()
                .any(|s| s.contains("\"I'm having the thought that They will leave anyway.\"")),
            "{:?}",
            path.said
        );
        let (before, after) = (&path.responses["grip_before"], &path.responses["grip"]);
        let last = path.said.last().expect("closing words");
        let wanted = match before.as_i64().cmp(&after.as_i64()) {
            std::cmp::Ordering::Greater => "less than before",
            std::cmp::Ordering::Equal => "about as much as before",
            std::cmp::Ordering::Less => "more tightly than before",
        };
        assert!(last.contains(wanted), "{before} → {after}: {last}");
    }
    // Both grips at each end, the timer run out and ended early: 2 × 2 × 2 paths.
    assert_eq!(walked.len(), 8);
}

#[test]
fn the_plain_runner_shows_the_thought_and_the_closing_that_follows_the_grip() {
    let practice = Library::builtin().get("defusion").expect("built in");
    let clock = Arc::new(TestClock::at_rfc3339("2026-11-22T08:00:00+01:00"));
    let mut run = Run::start(practice, clock.clone());
    let waiting = clock.clone();
    let mut source = steady::plain::Fixed {
        input: "\nthey'll leave anyway\n4\n\n2\n\n".as_bytes(),
        wait: move |at: std::time::Instant| {
            waiting.advance(at.saturating_duration_since(waiting.now()));
        },
    };
    let mut out = Vec::new();
    let ended = steady::plain::drive(&mut run, &mut source, &mut out).unwrap();
    assert_eq!(ended, steady::plain::Ended::Finished);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("\"I'm having the thought that they'll leave anyway\""),
        "{out}"
    );
    assert!(!out.contains("{thought}"), "{out}");
    assert!(
        out.contains("It holds you a little less than before."),
        "{out}"
    );
}
