//! What the person is choosing or typing on the current question, before it goes to the
//! runner. Built from the runner's answer when a step is (re)entered, so going back shows
//! what was given. A colour word typed on the "other" row that looks like a slip of the
//! keyboard (`colours::likely_typo`) is questioned in one line first: `y` or Enter takes the
//! colour it may have meant, `n` keeps the word, any other key goes on editing it (the keys
//! of `Keymap::PickAsk`).

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::Value;

use super::recall::Recall;
use crate::colours;
use crate::practice::model::{Step, StepKind};
use crate::runner::Input;
use crate::text::clean;
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{LineEditor, ListAnswers, ScalePicker};

/// The answer being put together on one step.
#[derive(Debug, Clone)]
pub enum Answer {
    /// Steps with nothing to choose (say, breathe, timer, hold).
    Nothing,
    Scale {
        min: i64,
        max: i64,
        value: Option<i64>,
    },
    /// Colours and choices: the options, then an "other" row when a typed word is allowed.
    /// The cursor starts on none of them, so a quick Enter never answers for the person.
    Pick {
        options: Vec<String>,
        cursor: Option<usize>,
        multiple: bool,
        ticked: Vec<bool>,
        other: Option<LineEditor>,
        /// On a colour step, what a typed word is checked against, and the question asked.
        check: Option<Box<TypoCheck>>,
    },
    Text {
        editor: LineEditor,
    },
    List(ListAnswers),
    /// A hold told from memory, one question at a time.
    Recall(Box<Recall>),
}

/// A colour step's check of a typed word: the colour words the journal already holds (a
/// word used before is meant), and the palette colour asked about, while it is asked.
#[derive(Debug, Clone, Default)]
pub struct TypoCheck {
    used: Arc<BTreeSet<String>>,
    asking: Option<String>,
}

/// What an action did to the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Reaction {
    /// Nothing to do with this answer.
    Ignored,
    /// The answer changed; nothing else happens.
    Changed,
    /// Give these to the runner, in order, and go on.
    Submit(Vec<Input>),
    /// Give this to the runner, which moves on by itself.
    Send(Input),
    /// Not yet: why, in a sentence.
    NotYet(&'static str),
    /// A question about the answer, in a line, with the keys that answer it.
    Ask(String),
}

impl Answer {
    /// The starting answer for `step`, showing `given` if the person answered it before.
    /// `colours` are the ones the step offers (its own, or the palette).
    pub fn for_step(step: &Step, given: Option<&Value>, colours: &[String]) -> Answer {
        let strings = |v: Option<&Value>| -> Vec<String> {
            match v {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
                Some(Value::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            }
        };
        match &step.kind {
            StepKind::Scale { min, max, .. } => Answer::Scale {
                min: *min,
                max: *max,
                value: given.and_then(Value::as_i64),
            },
            StepKind::Colour { other, .. } => {
                pick(colours.to_vec(), false, *other, &strings(given))
            }
            StepKind::Choice {
                options,
                multiple,
                other,
                ..
            } => pick(options.clone(), *multiple, *other, &strings(given)),
            StepKind::Text {
                multiline,
                max_chars,
                ..
            } => {
                let mut editor = LineEditor::new(*multiline, *max_chars);
                if let Some(text) = given.and_then(Value::as_str) {
                    editor.set_text(text);
                }
                Answer::Text { editor }
            }
            StepKind::List { count, .. } => {
                let mut list = ListAnswers::new(*count, None);
                list.set_answers(&strings(given));
                Answer::List(list)
            }
            StepKind::Say { .. }
            | StepKind::Breathe { .. }
            | StepKind::Timer { .. }
            | StepKind::Hold { .. } => Answer::Nothing,
        }
    }

    /// The same answer, checking a colour typed on the "other" row of a colour step against
    /// the palette it offers and `used`, the colour words the journal already holds.
    #[must_use]
    pub fn checking_colours(mut self, step: &Step, used: &Arc<BTreeSet<String>>) -> Answer {
        if let (StepKind::Colour { .. }, Answer::Pick { check, .. }) = (&step.kind, &mut self) {
            *check = Some(Box::new(TypoCheck {
                used: used.clone(),
                asking: None,
            }));
        }
        self
    }

    /// The keys for this answer right now, or None for steps without one.
    pub fn keymap(&self) -> Option<Keymap> {
        Some(match self {
            Answer::Nothing => return None,
            Answer::Recall(recall) => return recall.asking().keymap(),
            Answer::Scale { .. } => Keymap::Scale,
            Answer::Pick {
                check: Some(check), ..
            } if check.asking.is_some() => Keymap::PickAsk,
            Answer::Pick { .. } if self.on_other() => Keymap::PickOther,
            Answer::Pick { multiple: true, .. } => Keymap::PickMany,
            Answer::Pick { .. } => Keymap::Pick,
            Answer::Text { editor } if editor.is_multiline() => Keymap::TypingMulti,
            Answer::Text { .. } => Keymap::Typing,
            Answer::List(_) => Keymap::List,
        })
    }

    /// What has been typed here and not yet confirmed, as runner inputs, so that going back
    /// or leaving never loses it. Choices made with arrows are not typed, so not kept.
    pub fn typed(&self) -> Vec<Input> {
        let typed = |e: &LineEditor, newlines| clean(e.text(), newlines).trim().to_owned();
        let input = match self {
            Answer::Text { editor } => Some(Input::Type(typed(editor, true))),
            Answer::List(list) => Some(Input::ChooseMany(list.answers())),
            Answer::Pick {
                other: Some(editor),
                ..
            } => Some(Input::Type(typed(editor, false))),
            _ => None,
        };
        input
            .into_iter()
            .filter(|i| !matches!(i, Input::Type(t) if t.is_empty()))
            .filter(|i| !matches!(i, Input::ChooseMany(items) if items.is_empty()))
            .collect()
    }

    /// Whether the cursor is on the "other" row of a pick.
    pub fn on_other(&self) -> bool {
        matches!(self, Answer::Pick { options, cursor, other: Some(_), .. } if *cursor == Some(options.len()))
    }

    pub fn react(&mut self, action: Action) -> Reaction {
        match self {
            Answer::Nothing => match action {
                Action::Confirm => Reaction::Submit(Vec::new()),
                _ => Reaction::Ignored,
            },
            Answer::Recall(recall) => recall.react(action),
            Answer::Scale { min, max, value } => {
                let middle = ScalePicker::middle(*min, *max);
                let step = |by: i64| Some(value.map_or(middle, |v| (v + by).clamp(*min, *max)));
                match action {
                    Action::Left | Action::Down => *value = step(-1),
                    Action::Right | Action::Up => *value = step(1),
                    Action::First => *value = Some(*min),
                    Action::Last => *value = Some(*max),
                    Action::Number(n) if (*min..=*max).contains(&i64::from(n)) => {
                        *value = Some(i64::from(n));
                    }
                    Action::Number(_) => {
                        return Reaction::NotYet("That number is not on this scale.");
                    }
                    Action::Confirm => {
                        return match value {
                            Some(v) => Reaction::Submit(vec![Input::ChooseNumber(*v)]),
                            None => Reaction::NotYet(
                                "Nothing is chosen yet: ← → start from the middle, or press a digit.",
                            ),
                        };
                    }
                    _ => return Reaction::Ignored,
                }
                Reaction::Changed
            }
            Answer::Pick { .. } => self.react_pick(action),
            Answer::Text { editor } => match action {
                Action::Edit(key) => {
                    editor.handle_key(key);
                    Reaction::Changed
                }
                Action::Confirm if editor.is_multiline() => {
                    editor.insert_newline();
                    Reaction::Changed
                }
                Action::Confirm | Action::Finish => Reaction::Submit(vec![Input::Type(
                    clean(editor.text(), true).trim().to_owned(),
                )]),
                _ => Reaction::Ignored,
            },
            Answer::List(list) => match action {
                Action::Edit(key) => {
                    list.handle_key(key);
                    Reaction::Changed
                }
                // Tab moves down the lines; Enter, on any line, says the list is done.
                Action::Down => {
                    list.focus_next();
                    Reaction::Changed
                }
                Action::Confirm | Action::Finish => {
                    Reaction::Submit(vec![Input::ChooseMany(list.answers())])
                }
                _ => Reaction::Ignored,
            },
        }
    }

    fn react_pick(&mut self, action: Action) -> Reaction {
        let on_other = self.on_other();
        let Answer::Pick {
            options,
            cursor,
            multiple,
            ticked,
            other,
            check,
        } = self
        else {
            return Reaction::Ignored;
        };
        let typed = || {
            other
                .as_ref()
                .map(|e| clean(e.text(), false).trim().to_owned())
                .unwrap_or_default()
        };
        // A question asked about the typed word is answered by Confirm (take the colour)
        // or Keep (keep the word); anything else puts it away and does what it always does.
        if let Some(near) = check.as_mut().and_then(|c| c.asking.take()) {
            match action {
                Action::Confirm => return Reaction::Submit(vec![Input::Choose(near)]),
                Action::Keep => return Reaction::Submit(vec![Input::Type(typed())]),
                _ => {}
            }
        }
        let rows = options.len() + usize::from(other.is_some());
        let last = rows.saturating_sub(1);
        match action {
            // The first move from nothing chosen lands on the first option.
            Action::Up => *cursor = Some(cursor.map_or(0, |c| c.saturating_sub(1))),
            Action::Down => *cursor = Some(cursor.map_or(0, |c| (c + 1).min(last))),
            Action::First => *cursor = Some(0),
            Action::Last => *cursor = Some(last),
            Action::Number(n) if (1..=rows).contains(&usize::from(n)) => {
                *cursor = Some(usize::from(n) - 1);
            }
            Action::Number(_) => return Reaction::NotYet("There is no option with that number."),
            Action::Toggle if *multiple && !on_other => match cursor {
                Some(c) => {
                    if let Some(t) = ticked.get_mut(*c) {
                        *t = !*t;
                    }
                }
                None => return Reaction::NotYet("Move to an option first: ↑ ↓, then Space."),
            },
            Action::Edit(key) => match other {
                Some(editor) if on_other => {
                    editor.handle_key(key);
                }
                _ => return Reaction::Ignored,
            },
            Action::Confirm | Action::Finish => {
                let word = typed();
                if *multiple {
                    // A typed word joins what was ticked, and is an answer on its own too.
                    let chosen: Vec<String> = options
                        .iter()
                        .zip(ticked.iter())
                        .filter(|(_, t)| **t)
                        .map(|(o, _)| o.clone())
                        .chain((!word.is_empty()).then_some(word))
                        .collect();
                    return Reaction::Submit(vec![Input::ChooseMany(chosen)]);
                }
                if on_other {
                    if word.is_empty() {
                        return Reaction::NotYet("Type a word of your own, or choose one above.");
                    }
                    if let Some(check) = check {
                        let used = |w: &str| check.used.contains(w);
                        if let Some(near) = colours::likely_typo(&word, options, used) {
                            let (said, typed) = (near.to_lowercase(), word.to_lowercase());
                            let question = format!(
                                "Did you mean {said}? y or Enter: {said} · n: keep “{typed}”"
                            );
                            check.asking = Some(near.to_owned());
                            return Reaction::Ask(question);
                        }
                    }
                    return Reaction::Submit(vec![Input::Type(word)]);
                }
                return match cursor.and_then(|c| options.get(c)) {
                    Some(o) => Reaction::Submit(vec![Input::Choose(o.clone())]),
                    None => Reaction::NotYet(
                        "Nothing is chosen yet: move to one with the arrows, then Enter.",
                    ),
                };
            }
            _ => return Reaction::Ignored,
        }
        Reaction::Changed
    }
}

pub(super) fn pick(
    options: Vec<String>,
    multiple: bool,
    allow_other: bool,
    given: &[String],
) -> Answer {
    // Colours are stored lowercase, so a palette's "Sea Green" comes back as "sea green".
    let same = |o: &String, g: &String| o.to_lowercase() == g.to_lowercase();
    let ticked: Vec<bool> = options
        .iter()
        .map(|o| given.iter().any(|g| same(o, g)))
        .collect();
    let typed = given.iter().find(|g| !options.iter().any(|o| same(o, g)));
    let mut other = allow_other.then(|| LineEditor::new(false, None));
    if let (Some(editor), Some(word)) = (other.as_mut(), typed) {
        editor.set_text(word);
    }
    let cursor = match (given.first(), typed) {
        (_, Some(_)) if !multiple && other.is_some() => Some(options.len()),
        (Some(g), _) => options.iter().position(|o| same(o, g)),
        (None, _) => None,
    };
    Answer::Pick {
        options,
        cursor,
        multiple,
        ticked,
        other,
        check: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use serde_json::json;

    fn key(c: char) -> Action {
        Action::Edit(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    fn step(kind: StepKind) -> Step {
        Step {
            key: Some("k".into()),
            kind,
            when: None,
        }
    }

    #[test]
    fn scale_moves_from_the_middle_and_takes_digits() {
        let s = step(StepKind::Scale {
            prompt: "How strong?".into(),
            min: 1,
            max: 5,
            labels: std::collections::BTreeMap::default(),
        });
        let mut a = Answer::for_step(&s, None, &[]);
        assert!(matches!(a.react(Action::Confirm), Reaction::NotYet(_)));
        // The first arrow lands on the middle, the next one moves.
        a.react(Action::Right);
        a.react(Action::Right);
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::ChooseNumber(4)])
        );
        a.react(Action::Number(2));
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::ChooseNumber(2)])
        );
        assert!(matches!(a.react(Action::Number(9)), Reaction::NotYet(_)));
    }

    #[test]
    fn a_typed_colour_is_questioned_only_when_new_to_the_journal() {
        let s = step(StepKind::Colour {
            prompt: "Colour?".into(),
            choices: None,
            other: true,
        });
        let palette = ["red".to_owned(), "blue".to_owned()];
        let typed = |word: &str, used: &[&str]| {
            let used = Arc::new(used.iter().map(|u| (*u).to_owned()).collect());
            let mut a = Answer::for_step(&s, None, &palette).checking_colours(&s, &used);
            a.react(Action::Last);
            for c in word.chars() {
                a.react(key(c));
            }
            a.react(Action::Confirm)
        };
        assert!(
            matches!(typed("blu", &[]), Reaction::Ask(q) if q.starts_with("Did you mean blue?"))
        );
        assert_eq!(
            typed("blu", &["blu"]),
            Reaction::Submit(vec![Input::Type("blu".into())]),
            "used before: meant"
        );
        assert_eq!(
            typed("bloo", &[]),
            Reaction::Submit(vec![Input::Type("bloo".into())]),
            "two letters away"
        );
        // A choice step is never questioned.
        let choice = step(StepKind::Choice {
            prompt: "Which?".into(),
            options: palette.to_vec(),
            multiple: false,
            other: true,
        });
        let mut a = Answer::for_step(&choice, None, &[]).checking_colours(&choice, &Arc::default());
        a.react(Action::Last);
        "blu".chars().for_each(|c| {
            a.react(key(c));
        });
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::Type("blu".into())])
        );
    }

    #[test]
    fn colour_other_takes_a_typed_word_and_comes_back_with_it() {
        let s = step(StepKind::Colour {
            prompt: "Colour?".into(),
            choices: None,
            other: true,
        });
        let palette = ["red".to_owned(), "blue".to_owned()];
        let mut a = Answer::for_step(&s, None, &palette);
        // Nothing is chosen at first: Enter says what to do.
        assert!(matches!(a.react(Action::Confirm), Reaction::NotYet(_)));
        a.react(Action::Down);
        a.react(Action::Down);
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::Choose("blue".into())])
        );
        a.react(Action::First);
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::Choose("red".into())])
        );
        a.react(Action::Last);
        assert_eq!(a.keymap(), Some(Keymap::PickOther));
        a.react(Action::Up);
        a.react(Action::Down);
        assert_eq!(a.keymap(), Some(Keymap::PickOther));
        assert!(matches!(a.react(Action::Confirm), Reaction::NotYet(_)));
        for c in "sea".chars() {
            a.react(key(c));
        }
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::Type("sea".into())])
        );
        let back = Answer::for_step(&s, Some(&json!("sea")), &palette);
        assert!(back.on_other());
        let palette = ["Sea Green".to_owned()];
        let stored = Answer::for_step(&s, Some(&json!("sea green")), &palette);
        assert!(matches!(
            stored,
            Answer::Pick {
                cursor: Some(0),
                ..
            }
        ));
    }

    #[test]
    fn multiple_choice_ticks_with_space() {
        let s = step(StepKind::Choice {
            prompt: "Which?".into(),
            options: vec!["a".into(), "b".into(), "c".into()],
            multiple: true,
            other: false,
        });
        let mut a = Answer::for_step(&s, Some(&json!(["c"])), &[]);
        a.react(Action::Up);
        a.react(Action::Up);
        a.react(Action::Toggle);
        assert_eq!(
            a.react(Action::Confirm),
            Reaction::Submit(vec![Input::ChooseMany(vec!["a".into(), "c".into()])])
        );
    }

    #[test]
    fn list_enter_means_done_on_every_line_and_tab_moves_down() {
        let s = step(StepKind::List {
            prompt: "Three things".into(),
            count: 3,
        });
        let mut a = Answer::for_step(&s, Some(&json!(["before"])), &[]);
        assert_eq!(a.react(Action::Down), Reaction::Changed);
        a.react(key('x'));
        assert_eq!(
            a.react(Action::Finish),
            Reaction::Submit(vec![Input::ChooseMany(vec!["before".into(), "x".into()])])
        );
        // An empty first line: Enter is still "done", never a silent move.
        let mut empty = Answer::for_step(&s, None, &[]);
        assert_eq!(
            empty.react(Action::Finish),
            Reaction::Submit(vec![Input::ChooseMany(vec![])])
        );
    }

    #[test]
    fn multiline_text_makes_new_lines_on_enter_and_finishes_on_its_own_key() {
        let s = step(StepKind::Text {
            prompt: "Say more".into(),
            optional: true,
            multiline: true,
            max_chars: None,
        });
        let mut a = Answer::for_step(&s, None, &[]);
        assert_eq!(a.keymap(), Some(Keymap::TypingMulti));
        a.react(key('a'));
        a.react(Action::Confirm);
        a.react(key('b'));
        assert_eq!(
            a.react(Action::Finish),
            Reaction::Submit(vec![Input::Type("a\nb".into())])
        );
    }
}
