//! Telling a stay-present hold from memory, for moments that happen away from the screen:
//! did the urge to leave come, roughly when (or how long the moment lasted), and whether the
//! extra seconds were stayed. Each question is asked with an ordinary question widget; the
//! answers go to the runner as one `Input::Recall`.

use std::time::Duration;

use super::answer::{Answer, Reaction, pick};
use crate::runner::{Input, Recalled};
use crate::tui::action::Action;
use crate::tui::widgets::LineEditor;

/// The answers so far, and the question on screen.
#[derive(Debug, Clone)]
pub struct Recall {
    /// The hold's extra seconds, for the last question.
    extra: u64,
    urge: Option<bool>,
    seconds: Option<f64>,
    /// The question on screen.
    asking: Answer,
}

impl Answer {
    /// Starts telling a hold from memory; `extra` is the hold's extra seconds.
    pub fn recall(extra: Duration) -> Answer {
        Answer::Recall(Box::new(Recall {
            extra: extra.as_secs(),
            urge: None,
            seconds: None,
            asking: yes_no(),
        }))
    }

    /// The question being asked while a hold is told from memory.
    pub fn recall_prompt(&self) -> Option<String> {
        let Answer::Recall(recall) = self else {
            return None;
        };
        Some(match (recall.urge, recall.seconds) {
            (None, _) => {
                "It already happened? Tell it roughly, from memory. Did the urge to leave come?"
                    .to_owned()
            }
            (Some(true), None) => {
                "About how many seconds into the moment did the urge come?".to_owned()
            }
            (Some(false), _) => "About how many seconds did the moment last?".to_owned(),
            (Some(true), Some(_)) => format!(
                "After the urge, did you stay the {} extra seconds?",
                recall.extra
            ),
        })
    }
}

/// A yes-or-no question, asked with the choice list.
fn yes_no() -> Answer {
    pick(vec!["yes".into(), "no".into()], false, false, &[])
}

impl Recall {
    /// The question on screen.
    pub fn asking(&self) -> &Answer {
        &self.asking
    }

    /// Takes one action on the question on screen; when the last answer is in, hands the
    /// whole recollection to the runner.
    pub(super) fn react(&mut self, action: Action) -> Reaction {
        let inputs = match self.asking.react(action) {
            Reaction::Submit(inputs) => inputs,
            other => return other,
        };
        match (inputs.first(), self.urge) {
            (Some(Input::Choose(answer)), None) => {
                self.urge = Some(answer == "yes");
                // No length limit: an editor refuses keys past its limit without a word, which
                // once made "about 10" into "about ". What is typed is read, or refused
                // with a sentence.
                self.asking = Answer::Text {
                    editor: LineEditor::new(false, None),
                };
                Reaction::Changed
            }
            (Some(Input::Type(typed)), Some(urge)) => {
                let Some(seconds) = seconds_typed(typed) else {
                    return Reaction::NotYet(NOT_SECONDS);
                };
                if !urge {
                    return Reaction::Send(Input::Recall(Recalled {
                        seconds,
                        urge: false,
                        stayed: false,
                    }));
                }
                self.seconds = Some(seconds);
                self.asking = yes_no();
                Reaction::Changed
            }
            (Some(Input::Choose(answer)), Some(true)) => Reaction::Send(Input::Recall(Recalled {
                seconds: self.seconds.unwrap_or_default(),
                urge: true,
                stayed: answer == "yes",
            })),
            _ => Reaction::NotYet(NOT_SECONDS),
        }
    }
}

/// Said when what was typed is not a number of seconds.
const NOT_SECONDS: &str = "Type a number of seconds, such as 10, 7.5 or about 10.";

/// What a recollection of seconds may start with: it is only ever roughly.
const ROUGHLY: [&str; 7] = [
    "about",
    "around",
    "roughly",
    "maybe",
    "approximately",
    "ca.",
    "~",
];
/// What it may end with.
const UNITS: [&str; 5] = ["seconds", "second", "secs", "sec", "s"];

/// "12", "7.5", "12 s", "about 10", "~10 seconds": a number of seconds; None for anything
/// else (the person is asked again, with a sentence).
fn seconds_typed(typed: &str) -> Option<f64> {
    let lower = typed.trim().to_lowercase();
    let mut number = lower.as_str();
    if let Some(rest) = ROUGHLY.iter().find_map(|w| number.strip_prefix(w)) {
        number = rest.trim_start();
    }
    if let Some(rest) = UNITS.iter().find_map(|w| number.strip_suffix(w)) {
        number = rest.trim_end();
    }
    let number = number.replace(',', ".");
    // A number only: "10 or 20" and "1e3" are not an answer.
    if !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    number
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(c: char) -> Action {
        Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn seconds_are_read_roughly_or_not_at_all() {
        for (typed, seconds) in [
            ("10", Some(10.0)),
            ("about 10", Some(10.0)),
            ("About 10 seconds", Some(10.0)),
            ("~7,5 s", Some(7.5)),
            ("roughly 12s", Some(12.0)),
            ("about ", None),
            ("ten", None),
            ("10 or 20", None),
            ("1e3", None),
            ("-4", None),
        ] {
            assert_eq!(seconds_typed(typed), seconds, "{typed}");
        }
    }

    #[test]
    fn a_hold_told_from_memory_asks_three_things_then_sends_them() {
        let mut a = Answer::recall(Duration::from_secs(5));
        assert!(
            a.recall_prompt()
                .unwrap()
                .contains("Did the urge to leave come?")
        );
        assert!(matches!(a.react(Action::Confirm), Reaction::NotYet(_)));
        a.react(Action::Number(1));
        assert_eq!(a.react(Action::Confirm), Reaction::Changed);
        assert_eq!(a.keymap(), Some(Keymap::Typing));
        for c in "ten".chars() {
            a.react(key(c));
        }
        assert!(matches!(a.react(Action::Finish), Reaction::NotYet(_)));
        let mut a = Answer::recall(Duration::from_secs(5));
        a.react(Action::Number(1));
        a.react(Action::Confirm);
        for c in "12 s".chars() {
            a.react(key(c));
        }
        assert_eq!(a.react(Action::Finish), Reaction::Changed);
        assert!(
            a.recall_prompt()
                .unwrap()
                .contains("stay the 5 extra seconds")
        );
        a.react(Action::Number(2));
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Send(Input::Recall(Recalled {
                seconds: 12.0,
                urge: true,
                stayed: false,
            }))
        );
        let mut none = Answer::recall(Duration::from_secs(5));
        none.react(Action::Number(2));
        none.react(Action::Confirm);
        assert!(
            none.recall_prompt()
                .unwrap()
                .contains("how many seconds did the moment last")
        );
        for c in "40".chars() {
            none.react(key(c));
        }
        assert_eq!(
            none.react(Action::Finish),
            Reaction::Send(Input::Recall(Recalled {
                seconds: 40.0,
                urge: false,
                stayed: false,
            }))
        );
    }
}
