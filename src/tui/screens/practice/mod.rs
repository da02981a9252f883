//! A guided practice on screen: the runner does the practice, this screen turns actions into
//! runner inputs, keeps the answer being typed or chosen, and holds the ending (what was
//! recorded and whether it was saved). Drawing is in `view`.

mod answer;
mod recall;
pub(crate) mod recorded;
mod view;

pub use view::PracticeView;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::layout::Position;

use crate::clock::Clock;
use crate::config_write::{PlaceError, Placed};
use crate::journal::entry::{Entry, Via};
use crate::journal::feelings::Place;
use crate::journal::lock::Waiting;
use crate::practice::model::{Practice, StepKind};
use crate::runner::{HoldView, Input, Refused, Run, Timing};
use crate::tui::action::Action;
use crate::tui::keymap::Keymap;
use answer::{Answer, Reaction};
use recorded::{NotSaved, Placing};

/// How often a moving pacer is redrawn.
pub const FRAME: Duration = Duration::from_millis(33);

/// One practice in progress, or just ended.
pub struct PracticeScreen {
    run: Run,
    /// The step `answer` was built for.
    shown: usize,
    answer: Answer,
    /// The colour words the journal holds (a typed colour among them is not questioned).
    used_colours: Arc<BTreeSet<String>>,
    /// Why the last input was not taken, for the line above the footer.
    note: Option<String>,
    ending: Option<Ending>,
    /// The clock was paused because an overlay opened over the practice.
    held: bool,
    /// The clock was paused because the window is too small to show the practice.
    squeezed: bool,
    /// How far the end summary is scrolled.
    summary: SummaryScroll,
    /// Where the terminal cursor goes, as the last drawing found (in a typed answer).
    cursor_at: Option<Position>,
    reduced_motion: bool,
}

/// The end of a practice: the entry, what became of saving it, and the question about a
/// feeling word of the person's own once it is saved.
pub struct Ending {
    pub entry: Entry,
    pub save: Save,
    pub placing: Option<Placing>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Save {
    Pending,
    /// Still saving: another steady holds the journal's lock.
    Waiting(Waiting),
    /// Saved, with a notice from the journal if it had one.
    Saved(PathBuf, Option<String>),
    Failed(NotSaved),
}

/// How far the end summary is scrolled up from its end (where the save line is, so that is
/// what shows first), and what the last drawing found, so the keys stop at the top.
#[derive(Debug, Default)]
struct SummaryScroll {
    up: usize,
    fit: SummaryFit,
}

/// What a drawing of the end summary found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct SummaryFit {
    /// Rows above the window when scrolled to the end.
    hidden: usize,
    /// Rows the window shows.
    page: usize,
}

impl SummaryScroll {
    fn scroll(&mut self, action: Action) {
        let page = self.fit.page.saturating_sub(1).max(1);
        self.up = match action {
            Action::Up => self.up + 1,
            Action::Down => self.up.saturating_sub(1),
            Action::PageUp => self.up + page,
            Action::PageDown => self.up.saturating_sub(page),
            _ => self.up,
        }
        .min(self.fit.hidden);
    }
}

/// What the screen needs from the app after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Stay,
    /// Esc: ask whether to keep, discard or carry on.
    AskToLeave,
    /// Save this entry (the result comes back through `saved`).
    Save(Box<Entry>),
    /// The practice is over; take it off the screen.
    Close,
    /// Write where this feeling word sits into the settings (the result comes back
    /// through `placed`).
    Place(String, Place),
}

impl PracticeScreen {
    /// `used_colours`: the colour words the journal holds, so that a typed colour is only
    /// questioned as a likely typo when it is new.
    pub fn start(
        practice: Arc<Practice>,
        clock: Arc<dyn Clock>,
        palette: &[String],
        used_colours: Arc<BTreeSet<String>>,
        reduced_motion: bool,
    ) -> Self {
        let run = Run::start(practice, clock).with_palette(palette.to_vec());
        let answer = Answer::for_step(run.step(), run.current_answer(), run.colours())
            .checking_colours(run.step(), &used_colours);
        PracticeScreen {
            used_colours,
            shown: run.index(),
            run,
            answer,
            note: None,
            ending: None,
            held: false,
            squeezed: false,
            summary: SummaryScroll::default(),
            cursor_at: None,
            reduced_motion,
        }
    }

    /// The keys that work now.
    pub fn keymap(&self) -> Keymap {
        match &self.ending {
            Some(Ending {
                save: Save::Failed(_),
                ..
            }) => Keymap::SaveFailed,
            Some(Ending {
                save: Save::Pending | Save::Waiting(_),
                ..
            }) => Keymap::Saving,
            Some(Ending {
                placing: Some(Placing::Asking(_)),
                ..
            }) => Keymap::Placing,
            Some(_) => Keymap::Finished,
            None => {
                let keys = match self.answer.keymap() {
                    // The colour grid runs along its rows: its own keys say so.
                    Some(Keymap::Pick)
                        if matches!(self.run.step().kind, StepKind::Colour { .. }) =>
                    {
                        Keymap::PickColour
                    }
                    Some(keys) => keys,
                    None => self.clock_keymap(),
                };
                // Going back from a hold told from memory returns to the hold itself.
                let recalling = matches!(self.answer, Answer::Recall(_));
                if self.run.is_first() && !recalling {
                    keys.without_back()
                } else {
                    keys
                }
            }
        }
    }

    /// The keys of a step that is not a question: a clock runs, or there is text to read.
    fn clock_keymap(&self) -> Keymap {
        // A pause an overlay made is lifted when it closes; only the person's own pause
        // changes the keys.
        let paused = self.run.is_paused() && !self.held;
        let timed = matches!(
            self.run.step().kind,
            StepKind::Breathe { .. }
                | StepKind::Timer { .. }
                | StepKind::Say {
                    advance_after: Some(_),
                    ..
                }
        );
        match (&self.run.step().kind, paused) {
            (StepKind::Hold { .. }, true) => Keymap::HoldPaused,
            // After the mark the urge is not offered again; once done, the step only goes on.
            (StepKind::Hold { .. }, false) => match self.run.timing() {
                Timing::Hold(HoldView::Counting { .. }) => Keymap::Hold,
                Timing::Hold(HoldView::Staying { .. }) => Keymap::HoldStaying,
                _ => Keymap::Say,
            },
            _ if timed && paused => Keymap::TimedPaused,
            _ if timed => Keymap::Timed,
            _ => Keymap::Say,
        }
    }

    /// The keys for leaving, depending on whether there is anything to keep.
    pub fn leave_keymap(&self) -> Keymap {
        if self.run.has_answers() || !self.answer.typed().is_empty() {
            Keymap::LeaveKeep
        } else {
            Keymap::LeaveNothing
        }
    }

    pub fn update(&mut self, action: Action) -> Outcome {
        if let Some(ending) = &mut self.ending {
            if let Some(Placing::Asking(word)) = &ending.placing {
                let word = word.clone();
                let chosen = match action {
                    Action::Number(n) => usize::from(n)
                        .checked_sub(1)
                        .and_then(|i| recorded::PLACES.get(i)),
                    _ => None,
                };
                if let Some(&place) = chosen {
                    ending.placing = Some(Placing::Writing(word.clone(), place));
                    return Outcome::Place(word, place);
                }
                if action == Action::NotNow {
                    ending.placing = Some(Placing::NotNow(word));
                    return Outcome::Stay;
                }
            }
            return match (action, &ending.save) {
                (Action::Retry, Save::Failed(_)) => {
                    ending.save = Save::Pending;
                    Outcome::Save(Box::new(ending.entry.clone()))
                }
                (Action::Discard, Save::Failed(_)) | (Action::Confirm, Save::Saved(..)) => {
                    Outcome::Close
                }
                (action, _) => {
                    self.summary.scroll(action);
                    Outcome::Stay
                }
            };
        }
        self.note = None;
        let result = match action {
            Action::Leave => return Outcome::AskToLeave,
            Action::Back if matches!(self.answer, Answer::Recall(_)) => {
                self.answer = Answer::Nothing;
                Ok(())
            }
            Action::Recall => self.recall(),
            Action::Back => {
                self.stash();
                // A pause belongs to the clock of the step it was made on; carried back to a
                // question it would refuse every answer, with no pause key there to lift it.
                if self.run.is_paused() && self.run.index() > 0 {
                    let _ = self.run.handle(Input::Resume);
                }
                self.run.handle(Input::Back)
            }
            Action::Pause if self.run.is_paused() => self.run.handle(Input::Resume),
            Action::Pause => self.run.handle(Input::Pause),
            Action::Mark => self.run.handle(Input::Mark),
            _ => match self.answer.react(action) {
                Reaction::Submit(inputs) => self.submit(inputs),
                Reaction::Send(input) => self.run.handle(input),
                Reaction::NotYet(why) => Err(Refused(why.to_owned())),
                Reaction::Ask(question) => Err(Refused(question)),
                Reaction::Changed | Reaction::Ignored => Ok(()),
            },
        };
        if let Err(Refused(why)) = result {
            self.note = Some(why);
        }
        self.sync()
    }

    /// `r` on a hold still counting: tell the moment from memory instead.
    fn recall(&mut self) -> Result<(), Refused> {
        match (&self.run.step().kind, self.run.timing()) {
            (StepKind::Hold { extra, .. }, Timing::Hold(HoldView::Counting { .. })) => {
                self.answer = Answer::recall(*extra);
                Ok(())
            }
            _ => Err(Refused(
                "Telling it from memory works on a hold before any urge is marked.".into(),
            )),
        }
    }

    /// The window became too small to show the practice (`small`), or big enough again:
    /// the clock stops while the practice cannot be seen, and carries on after.
    pub fn squeeze(&mut self, small: bool) {
        if small && !self.squeezed && self.ending.is_none() && !self.run.is_paused() {
            self.squeezed = self.run.handle(Input::Pause).is_ok();
        } else if !small && std::mem::take(&mut self.squeezed) {
            // A refusal here means there was nothing to resume.
            let _ = self.run.handle(Input::Resume);
        }
    }

    /// Hands the runner what was typed but not confirmed, so it is kept.
    fn stash(&mut self) {
        let typed = self.answer.typed();
        if typed.is_empty() {
            return;
        }
        // The clock an overlay holds (the Leave question, help, Ctrl-C under them) would
        // refuse the words as "paused", and they would be lost.
        self.release_clock();
        for input in typed {
            // A word the step cannot take (too long, say) stays in the field instead.
            let _ = self.run.handle(input);
        }
    }

    fn submit(&mut self, inputs: Vec<Input>) -> Result<(), Refused> {
        for input in inputs {
            self.run.handle(input)?;
        }
        self.run.handle(Input::Next)
    }

    /// Lets time act (phases, timers, auto-advancing text). Returns what the app must do and
    /// whether something happened that the bell marks.
    pub fn tick(&mut self) -> (Outcome, bool) {
        if self.ending.is_some() {
            return (Outcome::Stay, false);
        }
        let cues = self.run.update();
        (self.sync(), !cues.is_empty())
    }

    /// Follows the runner to a new step, and to the end.
    fn sync(&mut self) -> Outcome {
        if self.run.index() != self.shown {
            self.shown = self.run.index();
            self.answer = Answer::for_step(
                self.run.step(),
                self.run.current_answer(),
                self.run.colours(),
            )
            .checking_colours(self.run.step(), &self.used_colours);
        }
        if self.ending.is_none()
            && self.run.is_finished()
            && let Some(entry) = self.run.entry(Via::Tui)
        {
            return self.end_with(entry);
        }
        Outcome::Stay
    }

    fn end_with(&mut self, entry: Entry) -> Outcome {
        self.ending = Some(Ending {
            entry: entry.clone(),
            save: Save::Pending,
            placing: None,
        });
        Outcome::Save(Box::new(entry))
    }

    /// Leaving early and keeping what was answered.
    pub fn keep(&mut self) -> Outcome {
        self.stash();
        match self.run.leave(true, Via::Tui) {
            Some(entry) => self.end_with(entry),
            None => Outcome::Close,
        }
    }

    /// What must still be saved if steady has to stop now (a signal, Ctrl-C).
    pub fn entry_to_save_on_exit(&mut self) -> Option<Entry> {
        match &self.ending {
            Some(Ending {
                save: Save::Failed(_),
                entry,
                ..
            }) => Some(entry.clone()),
            Some(_) => None,
            None => {
                self.stash();
                self.run.leave(true, Via::Tui)
            }
        }
    }

    /// The save is waiting for another steady's lock.
    pub fn waiting(&mut self, waiting: &Waiting) {
        if let Some(ending) = &mut self.ending
            && ending.save == Save::Pending
        {
            ending.save = Save::Waiting(waiting.clone());
        }
    }

    /// How saving went.
    pub fn saved(&mut self, result: Result<Option<String>, NotSaved>, path: PathBuf) {
        if let Some(ending) = &mut self.ending {
            ending.save = match result {
                Ok(notice) => Save::Saved(path, notice),
                Err(why) => Save::Failed(why),
            };
        }
    }

    /// The saved check-in named `word`, which nobody has placed: ask where it sits (once).
    pub fn ask_placement(&mut self, word: String) {
        if let Some(ending) = &mut self.ending
            && matches!(ending.save, Save::Saved(..))
            && ending.placing.is_none()
        {
            ending.placing = Some(Placing::Asking(word));
            // The question is at the end of the summary: show it.
            self.summary.up = 0;
        }
    }

    /// How writing the word's place went.
    pub fn placed(&mut self, result: Result<Placed, PlaceError>) {
        if let Some(ending) = &mut self.ending
            && let Some(Placing::Writing(word, _)) = &ending.placing
        {
            let word = word.clone();
            ending.placing = Some(match result {
                Ok(placed) => Placing::Placed(word, placed),
                Err(why) => Placing::Failed(word, why),
            });
        }
    }

    /// An overlay opened: stop the clock until it closes (unless the person already had).
    pub fn hold_clock(&mut self) {
        if self.ending.is_none() && !self.held && !self.run.is_paused() {
            self.held = self.run.handle(Input::Pause).is_ok();
        }
    }

    /// The overlay closed: start the clock again if the overlay stopped it.
    pub fn release_clock(&mut self) {
        if std::mem::take(&mut self.held) {
            // A refusal here means there was nothing to resume.
            let _ = self.run.handle(Input::Resume);
        }
    }

    /// When the screen next has something new to show: ~30 fps while the pacer moves, the
    /// next second boundary of a countdown, or the runner's own next change; None means
    /// wait for a key.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        if self.ending.is_some() || self.run.is_paused() {
            return None;
        }
        let to_next_second = |d: Duration| match d.subsec_nanos() {
            0 => Duration::from_secs(1),
            ns => Duration::from_nanos(u64::from(ns)),
        };
        let soon = match self.run.timing() {
            Timing::Breath(v) if !v.done && !self.reduced_motion => Some(FRAME),
            Timing::Breath(v) if !v.done => Some(to_next_second(v.phase_left)),
            Timing::Timer { left, .. }
            | Timing::Say { left }
            | Timing::Hold(HoldView::Staying { left, .. }) => Some(to_next_second(left)),
            Timing::Hold(HoldView::Counting { elapsed }) => Some(
                Duration::from_secs(1)
                    .checked_sub(Duration::from_nanos(u64::from(elapsed.subsec_nanos())))
                    .unwrap(),
            ),
            _ => None,
        };
        [soon.map(|d| now + d), self.run.next_change()]
            .into_iter()
            .flatten()
            .min()
    }
}
