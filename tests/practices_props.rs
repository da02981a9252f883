//! Properties of the practice loader: no input, however malformed, makes it panic; and what
//! `to_toml` writes, `parse` reads back to the same practice.

use std::collections::BTreeMap;
use std::time::Duration;

use proptest::prelude::*;
use steady::practice::model::{Condition, Phase, PhaseKind, Step, StepKind, Test, Than};
use steady::practice::{Origin, Practice, parse, to_toml, validate_path};

const SAMPLES: [&str; 3] = [
    include_str!("../practices/breath-reset.toml"),
    include_str!("../practices/feeling-check-in.toml"),
    include_str!("../practices/worry-window.toml"),
];

/// The nearest char boundary at or before `i`.
fn boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse(&text, Origin::BuiltIn);
    }

    #[test]
    fn toml_like_text_never_panics(text in "[\\[\\]{}=\"'a-z0-9_ .,\\n#-]{0,200}") {
        let _ = parse(&text, Origin::BuiltIn);
    }

    #[test]
    fn edited_practices_never_panic(
        sample in 0..SAMPLES.len(),
        cut_at in any::<usize>(),
        cut_len in 0usize..40,
        insert in "[\\[\\]{}=\"'a-z0-9 \\n\\u{1b}\\u{0}é-]{0,12}",
    ) {
        let text = SAMPLES[sample];
        let start = boundary(text, cut_at % (text.len() + 1));
        let end = boundary(text, start + cut_len);
        let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
        if let Err(errors) = parse(&edited, Origin::BuiltIn) {
            prop_assert!(!errors.is_empty());
            for e in errors {
                prop_assert!(!steady::text::has_control(&e.to_string(), false));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_in_a_file_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let path = std::env::temp_dir().join(format!("steady-practices-prop-{}.toml", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let _ = validate_path(&path);
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn valid_practices_survive_a_round_trip(practice in practice()) {
        let text = to_toml(&practice);
        prop_assert_eq!(parse(&text, Origin::BuiltIn), Ok(practice), "{}", text);
    }
}

/// Text a practice may hold: words with no space at either end, quotes and backslashes
/// and non-ASCII included.
fn words() -> impl Strategy<Value = String> {
    "[a-zA-Zé\"\\\\🌱]{1,8}( [a-zA-Z0-9é\"\\\\.,…]{1,8}){0,4}"
}

/// Like `words`, over several lines.
fn paragraph() -> impl Strategy<Value = String> {
    "[a-zA-Zé\"\\\\🌱]{1,8}([ \\n][a-zA-Z0-9é\"\\\\.,]{1,8}){0,6}"
}

fn duration() -> impl Strategy<Value = Duration> {
    (1_000u64..=7_200_000).prop_map(Duration::from_millis)
}

fn distinct(
    strategy: impl Strategy<Value = String>,
    min: usize,
    max: usize,
) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::btree_set(strategy, min..=max).prop_map(|s| s.into_iter().collect())
}

fn phase() -> impl Strategy<Value = Phase> {
    (
        prop_oneof![
            Just(PhaseKind::In),
            Just(PhaseKind::Hold),
            Just(PhaseKind::Out),
            Just(PhaseKind::Rest)
        ],
        duration(),
    )
        .prop_map(|(kind, duration)| Phase { kind, duration })
}

fn scale() -> impl Strategy<Value = StepKind> {
    (words(), -5i64..=5, 1i64..=10)
        .prop_flat_map(|(prompt, min, width)| {
            let max = min + width;
            let labels = proptest::collection::btree_map(min..=max, words(), 0..4);
            (Just(prompt), Just(min), Just(max), labels)
        })
        .prop_map(
            |(prompt, min, max, labels): (String, i64, i64, BTreeMap<i64, String>)| {
                StepKind::Scale {
                    prompt,
                    min,
                    max,
                    labels,
                }
            },
        )
}

fn step_kind() -> impl Strategy<Value = StepKind> {
    prop_oneof![
        (paragraph(), proptest::option::of(duration())).prop_map(|(text, advance_after)| {
            StepKind::Say {
                text,
                advance_after,
            }
        }),
        (proptest::collection::vec(phase(), 1..=8), duration())
            .prop_map(|(pattern, total)| StepKind::Breathe { pattern, total }),
        (words(), duration(), proptest::option::of(1u32..=100)).prop_map(
            |(prompt, duration, bell)| {
                // A bell somewhere within the timer, never longer than it.
                let bell_every = bell.map(|pct| {
                    Duration::from_millis(
                        (duration.as_millis() as u64 * u64::from(pct) / 100).max(1_000),
                    )
                });
                StepKind::Timer {
                    prompt,
                    duration,
                    bell_every,
                }
            }
        ),
        (words(), duration()).prop_map(|(prompt, extra)| StepKind::Hold { prompt, extra }),
        scale(),
        (
            words(),
            proptest::option::of(distinct("[a-z]{1,12}", 1, 5)),
            any::<bool>()
        )
            .prop_map(|(prompt, choices, other)| StepKind::Colour {
                prompt,
                choices,
                other
            }),
        (
            words(),
            distinct(words(), 2, 6),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(prompt, options, multiple, other)| StepKind::Choice {
                prompt,
                options,
                multiple,
                other
            }),
        (
            words(),
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(1usize..=4000)
        )
            .prop_map(|(prompt, optional, multiline, max_chars)| StepKind::Text {
                prompt,
                optional,
                multiline,
                max_chars
            }),
        (words(), 1usize..=20).prop_map(|(prompt, count)| StepKind::List { prompt, count }),
    ]
}

fn practice() -> impl Strategy<Value = Practice> {
    (
        "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,6}){0,2}",
        words(),
        words(),
        words(),
        distinct("[a-z]{1,6}(-[a-z0-9]{1,4})?", 0, 4),
        proptest::collection::vec(step_kind(), 1..12),
    )
        .prop_map(|(id, title, summary, source, tags, kinds)| {
            let mut steps: Vec<Step> = kinds
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Step {
                    key: (kind.name() != "say").then(|| format!("answer_{i}")),
                    kind,
                    when: None,
                })
                .collect();
            // Every step that follows one a condition can ask about asks about it.
            for i in 1..steps.len() {
                let before = &steps[i - 1];
                let test = match &before.kind {
                    StepKind::Breathe { .. } | StepKind::Timer { .. } => {
                        Some(Test::Early(i % 2 == 0))
                    }
                    StepKind::Hold { .. } => Some(Test::Urge(i % 2 == 0)),
                    StepKind::Scale { min, .. } => Some(if i % 2 == 0 {
                        Test::Above(Than::Value(*min))
                    } else {
                        Test::Same(Than::Value(*min))
                    }),
                    StepKind::List { .. } => Some(Test::Full(i % 2 == 0)),
                    StepKind::Choice {
                        options,
                        multiple: false,
                        ..
                    } => {
                        options
                            .first()
                            .cloned()
                            .map(if i % 2 == 0 { Test::Is } else { Test::Not })
                    }
                    _ => None,
                };
                steps[i].when = test
                    .zip(before.key.clone())
                    .map(|(test, key)| Condition { key, test });
            }
            Practice {
                id,
                title,
                summary,
                source,
                tags,
                private: false,
                steps,
                origin: Origin::BuiltIn,
            }
        })
}
