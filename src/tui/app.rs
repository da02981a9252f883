//! The app: a stack of modes (screens with overlays above them), `update` for actions and
//! `tick` for time, which queue `Effect`s, and `perform` as the one place where the queue is
//! drained (saving an entry, reading the journal for review, review's deletes, edits and
//! exports, placing a feeling word in the settings), whose results come back as state the
//! screens show. Saves, reads and review's rewrites and exports go to the `Worker` when the
//! journal has a second port for it (a file), and their news comes back through
//! `worker_said` (an event of the loop), so the screen stays live while one waits for
//! another steady's lock.
//! `render` only reads.

use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin};
use ratatui::widgets::{Clear, Paragraph};

use super::action::Action;
use super::care::Care;
use super::effect::{Done, Effect, Job, Tell, Worker, save};
use super::keymap::Keymap;
use super::lately::{Began, FIRST_PRACTICE, Lately, Past, Practised, keep_latest_plan};
use super::screens;
use super::screens::guide::{GuideOutcome, GuideScreen, GuideView};
use super::screens::help::HelpView;
use super::screens::home::{Home, HomeView};
use super::screens::leave::LeaveView;
use super::screens::plan::{PlanEditor, PlanOutcome, PlanView};
use super::screens::plans::{PlansScreen, PlansView};
use super::screens::practice::recorded::NotSaved;
use super::screens::practice::{Outcome, PracticeScreen, PracticeView};
use super::screens::review::data::{FIRST_SCREEN, Read, ReviewData};
use super::screens::review::{Review, ReviewOptions, ReviewOutcome, ReviewView, Work};
use super::screens::small::{self, SmallView};
use super::screens::support::{SupportScreen, SupportView};
use super::widgets::Theme;
use crate::clock::Clock;
use crate::config::Config;
use crate::config_write;
use crate::guide::progress::{self, GuideEvent};
use crate::journal::VaultError;
use crate::journal::entry::Entry;
use crate::journal::feelings::Place;
use crate::journal::lock::{LockWait, Waiting};
use crate::journal::vault::Vault;
use crate::practice::model::Practice;
use crate::support::plan::Plan;

/// Home's line about lately while the journal is first read.
const READING_PAST: &str = "Reading your journal…";

/// What kind of job was handed to the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Handed {
    Save,
    Rewrite,
    Read,
    ReadReview,
    Export,
}

/// One layer of the screen. Overlays (help, support, leave) sit above a screen.
enum Mode {
    Home(Home),
    Practice(Box<PracticeScreen>),
    /// History, trends and calendar over the journal.
    Review(Box<Review>),
    /// The keys of the mode beneath.
    Help(Keymap),
    Support(SupportScreen),
    /// The safety plan editor, over whatever it was opened from.
    Plan(Box<PlanEditor>),
    /// The guides, over home.
    Guide(GuideScreen),
    /// "Your plans", over home.
    Plans(PlansScreen),
    /// Esc in a practice; the keymap says whether there is anything to keep.
    Leave(Keymap),
}

/// A practice starting now, with the settings it needs and the colour words the journal
/// holds (none known when the journal was not read: `steady run`).
fn start(setup: &Setup, colours: &Arc<BTreeSet<String>>, practice: Arc<Practice>) -> Mode {
    Mode::Practice(Box::new(PracticeScreen::start(
        practice,
        setup.clock.clone(),
        &setup.config.palette,
        colours.clone(),
        setup.config.reduced_motion,
    )))
}

/// The practices (as indices into `setup.practices`) of the guide step under way, to be
/// listed first on home.
fn step_practices(setup: &Setup) -> Vec<usize> {
    let Some((guide, n)) = setup.care.guide_under_way() else {
        return Vec::new();
    };
    let ids = guide.step(n).map_or(&[][..], |s| s.practices.as_slice());
    ids.iter()
        .filter_map(|id| setup.practices.iter().position(|p| &p.id == id))
        .collect()
}

impl Mode {
    fn is_overlay(&self) -> bool {
        matches!(
            self,
            Mode::Help(_)
                | Mode::Support(_)
                | Mode::Plan(_)
                | Mode::Guide(_)
                | Mode::Plans(_)
                | Mode::Leave(_)
        )
    }
}

/// Everything the app starts with.
pub struct Setup {
    pub practices: Vec<Arc<Practice>>,
    /// How many practice files could not be used.
    pub problems: usize,
    /// The folder of the person's own practices, for the note about files that could not be used.
    pub practice_folder: PathBuf,
    pub config: Config,
    pub clock: Arc<dyn Clock>,
    /// The journal, through its port (`journal::Vault`).
    pub vault: Arc<dyn Vault>,
    /// Colour or not (`NO_COLOR`).
    pub theme: Theme,
    /// The region for crisis lines.
    pub care: Care,
    /// The settings file, where the place of a feeling word of the person's own is written
    /// when a check-in asks; None asks nothing (a test that keeps no settings).
    pub settings: Option<PathBuf>,
}

pub struct App {
    modes: Vec<Mode>,
    setup: Setup,
    /// The days practised, read once and kept up to date by our own saves, so coming home
    /// after a practice does not read the journal again.
    practised: Practised,
    /// The colour words the journal holds, read with the times.
    colours: Arc<BTreeSet<String>>,
    /// Home's line about lately; None while home's first read of the journal is under way
    /// (a save handed over meanwhile is told after it, so the read's times never hide one).
    lately: Option<Lately>,
    /// Home's first read waits for another steady's lock: said on home meanwhile.
    past_waits: Option<Waiting>,
    /// The latest plan made in each practice that makes one, for "your plans".
    plans: Vec<Entry>,
    /// What `perform` is to do next, in order.
    effects: Vec<Effect>,
    /// The thread saves and rewrites go to (when the journal is a file and the event loop
    /// runs).
    worker: Option<Worker>,
    /// Where review's newest entries are read beside the worker (whose queue may hold a
    /// read of the whole journal that takes seconds), and who hears of them: with the
    /// worker.
    beside: Option<(Arc<dyn Vault + Send + Sync>, Tell)>,
    /// What was handed to `worker` and has not been told ended yet, oldest first: whom
    /// a wait for the lock concerns.
    under_way: VecDeque<Handed>,
    /// A bell is due (the `bell` setting is on and a phase began or a timer ended).
    bell: bool,
    /// The window is smaller than the screens are made for.
    too_small: bool,
    /// Opened with `steady run ID`: the end of the practice is the end of steady.
    practice_only: bool,
    exit: Exit,
}

/// How steady is ending, once it is, and what to tell the person after the screen is gone.
#[derive(Default)]
struct Exit {
    quitting: bool,
    /// Stopped from outside (a signal, the terminal gone) rather than by the person.
    stopped: bool,
    /// A save that failed while steady was stopping, to tell the person after the screen is gone.
    error: Option<String>,
    /// Where an entry went that was saved while steady was stopping, so the person never
    /// saw it saved on screen.
    kept: Option<PathBuf>,
}

impl App {
    /// The home screen, with its line about lately (the only start that reads the
    /// journal's times: `run` and `review` end without ever showing home).
    pub fn home(setup: Setup) -> App {
        // The guide step's practices come first once the journal has been read.
        let home = Home::new(&setup.practices, &[]);
        let mut app = App::with(setup, Mode::Home(home), false);
        app.refresh_lately();
        app
    }

    /// The home screen drawn at once, its line about lately saying the journal is being
    /// read until the worker has read it (home's first frame costs the same at a hundred
    /// entries or a million).
    pub fn home_reading(setup: Setup) -> App {
        let home = Home::new(&setup.practices, &[]);
        let mut app = App::with(setup, Mode::Home(home), false);
        app.lately = None;
        app.effects.push(Effect::ReadTimes);
        app
    }

    /// Straight into one practice; steady ends when it does.
    pub fn practice(setup: Setup, practice: Arc<Practice>) -> App {
        let first = start(&setup, &Arc::default(), practice);
        App::with(setup, first, true)
    }

    /// Straight into review (`steady review`); steady ends when review does. A review of
    /// the newest entries only reads the rest once the loop runs (on the worker).
    pub fn review(setup: Setup, review: Review) -> App {
        let partial = review.is_partial();
        let mut app = App::with(setup, Mode::Review(Box::new(review)), false);
        if partial {
            app.effects.push(Effect::ReadReviewRest);
        }
        app
    }

    fn with(setup: Setup, first: Mode, practice_only: bool) -> App {
        App {
            modes: vec![first],
            setup,
            practised: Practised::default(),
            colours: Arc::default(),
            lately: Some(Lately::default()),
            past_waits: None,
            plans: Vec::new(),
            effects: Vec::new(),
            worker: None,
            beside: None,
            under_way: VecDeque::new(),
            bell: false,
            too_small: false,
            practice_only,
            exit: Exit::default(),
        }
    }

    /// Reads what home knows of the past (at start, and after review, which may have
    /// deleted entries, on the worker when there is one): the times for the line about
    /// lately, and the guide under way.
    fn refresh_lately(&mut self) {
        let past = Past::read(self.setup.vault.as_ref());
        self.took_past(past);
    }

    /// What home knows of the past, as just read.
    fn took_past(&mut self, past: Past) {
        self.past_waits = None;
        let before = step_practices(&self.setup);
        self.practised = Practised::of(&past.times, self.setup.config.day_starts_at);
        self.colours = Arc::new(past.colours);
        self.plans = past.plans;
        self.setup.care.guide_events = past.guide_events;
        self.count_lately();
        if let Some(lately) = self.lately.as_mut() {
            lately.sealed = past.sealed;
        }
        // Home keeps its place unless the guide's step (and so its list) changed.
        if step_practices(&self.setup) != before {
            self.rebuild_home();
        }
        // On the first run, home's cursor waits on a first practice to try (a guide under
        // way puts its own step's practices first instead).
        if self.lately.as_ref().is_some_and(|l| !l.ever && !l.sealed)
            && step_practices(&self.setup).is_empty()
            && let Some(Mode::Home(home)) = self.modes.first_mut()
        {
            home.choose(&self.setup.practices, FIRST_PRACTICE);
        }
    }

    /// Home's list again, with the practices of the guide step under way first.
    fn rebuild_home(&mut self) {
        let first = step_practices(&self.setup);
        if let Some(Mode::Home(home)) = self.modes.first_mut() {
            *home = Home::new(&self.setup.practices, &first);
        }
    }

    /// Counts home's line about lately again (after a save, or a new day), once the
    /// journal has been read: before that the times held are not all there are.
    fn recount_lately(&mut self) {
        if self.lately.is_some() {
            self.count_lately();
        }
    }

    fn count_lately(&mut self) {
        // A sealed journal not opened stays so: the days held are only this session's.
        let sealed = self.lately.as_ref().is_some_and(|l| l.sealed);
        self.lately = Some(Lately {
            sealed,
            ..Lately::from_days(
                &self.practised,
                self.setup.clock.wall(),
                self.setup.config.day_starts_at,
            )
        });
    }

    pub fn should_quit(&self) -> bool {
        self.exit.quitting
    }

    /// Why the last save or review's last change failed while quitting, if it did, in a
    /// sentence.
    pub fn exit_error(&self) -> Option<&str> {
        self.exit.error.as_deref()
    }

    /// The keys that work now.
    pub fn keymap(&self) -> Keymap {
        match self.modes.last() {
            Some(Mode::Home(_)) | None => Keymap::Home,
            Some(Mode::Practice(p)) => p.keymap(),
            Some(Mode::Review(r)) => r.keymap(),
            Some(Mode::Help(_)) => Keymap::Help,
            Some(Mode::Support(_)) => Keymap::Support,
            Some(Mode::Plan(editor)) => editor.keymap(),
            Some(Mode::Guide(g)) => g.keymap(&self.setup.care),
            Some(Mode::Plans(_)) => Keymap::Plans,
            Some(Mode::Leave(k)) => *k,
        }
    }

    fn practice_mut(&mut self) -> Option<&mut PracticeScreen> {
        self.modes.iter_mut().rev().find_map(|m| match m {
            Mode::Practice(p) => Some(p.as_mut()),
            _ => None,
        })
    }

    fn practice_screen(&self) -> Option<&PracticeScreen> {
        self.modes.iter().rev().find_map(|m| match m {
            Mode::Practice(p) => Some(p.as_ref()),
            _ => None,
        })
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => return self.interrupt(),
            Action::Help if !matches!(self.modes.last(), Some(Mode::Help(_))) => {
                let beneath = self.keymap();
                return self.open(Mode::Help(beneath));
            }
            Action::Support if !matches!(self.modes.last(), Some(Mode::Support(_))) => {
                return self.open(Mode::Support(SupportScreen::default()));
            }
            Action::Close => return self.close_overlay(),
            Action::Plan
                if matches!(
                    self.modes.last(),
                    Some(Mode::Home(_) | Mode::Support(_) | Mode::Plans(_))
                ) =>
            {
                return self.open_plan();
            }
            Action::Plans if matches!(self.modes.last(), Some(Mode::Home(_))) => {
                return self.open(Mode::Plans(PlansScreen::default()));
            }
            Action::Guides if matches!(self.modes.last(), Some(Mode::Home(_))) => {
                return self.open(Mode::Guide(GuideScreen::default()));
            }
            _ => {}
        }
        match self.modes.last_mut() {
            Some(Mode::Home(home)) => match action {
                Action::Confirm => self.start_selected(),
                Action::OpenReview => self.effects.push(Effect::OpenReview),
                _ => home.update(action),
            },
            Some(Mode::Review(review)) => {
                let mut asked = Vec::new();
                let outcome = review.update(action, &mut asked);
                self.effects.extend(asked.into_iter().map(Effect::Review));
                if outcome == ReviewOutcome::Exit {
                    self.close_review();
                }
            }
            Some(Mode::Support(support)) => support.update(action),
            Some(Mode::Plans(plans)) => plans.update(action),
            Some(Mode::Plan(editor)) => {
                if let PlanOutcome::Save(plan) = editor.update(action) {
                    self.effects.push(Effect::SavePlan(Box::new(plan)));
                }
            }
            Some(Mode::Guide(screen)) => {
                match screen.update(action, &self.setup.care, &self.setup.practices) {
                    GuideOutcome::Record(guide, step, event) => {
                        let at = self.setup.clock.wall();
                        self.effects.push(Effect::Save(Box::new(progress::entry(
                            &guide, step, event, at,
                        ))));
                    }
                    // A practice of the step: it takes the guide's place, and ends on home.
                    GuideOutcome::Practise(i) => {
                        if let Some(practice) = self.setup.practices.get(i).cloned() {
                            self.modes.pop();
                            let mode = start(&self.setup, &self.colours, practice);
                            self.modes.push(mode);
                        }
                    }
                    GuideOutcome::Stay => {}
                }
            }
            Some(Mode::Practice(p)) => {
                let outcome = p.update(action);
                self.follow(outcome);
            }
            Some(Mode::Leave(_)) => {
                self.modes.pop();
                match action {
                    Action::Keep => {
                        let outcome = self
                            .practice_mut()
                            .map_or(Outcome::Close, PracticeScreen::keep);
                        self.follow(outcome);
                    }
                    Action::Discard => self.close_practice(),
                    _ => self.release_clock(),
                }
            }
            _ => {}
        }
    }

    fn start_selected(&mut self) {
        let Some(Mode::Home(home)) = self.modes.last() else {
            return;
        };
        let Some(practice) = home
            .selected()
            .and_then(|i| self.setup.practices.get(i))
            .cloned()
        else {
            return;
        };
        let mode = start(&self.setup, &self.colours, practice);
        self.modes.push(mode);
    }

    /// Opens the safety plan editor, unless the plan's file cannot be read: then `!` says
    /// why (opened from home, it opens to say so), and the file is never written over.
    fn open_plan(&mut self) {
        match &self.setup.care.plan {
            Ok(plan) => {
                let editor = PlanEditor::new(plan.clone().unwrap_or_default());
                self.open(Mode::Plan(Box::new(editor)));
            }
            Err(_) if matches!(self.modes.last(), Some(Mode::Home(_))) => {
                self.open(Mode::Support(SupportScreen::default()));
            }
            Err(_) => {}
        }
    }

    /// How review looks here.
    fn review_options(&self) -> ReviewOptions {
        ReviewOptions {
            theme: self.setup.theme,
            ..ReviewOptions::from_env()
        }
    }

    /// Review with `said` in place of entries: why the journal could not be read, or
    /// (`reading`) that it is being read.
    fn review_saying(&self, said: String, reading: bool) -> Box<Review> {
        let (clock, options) = (self.setup.clock.clone(), self.review_options());
        Box::new(if reading {
            Review::reading(said, clock, options)
        } else {
            Review::unavailable(said, clock, options)
        })
    }

    /// Review, when it shows only the newest entries while the whole journal is read.
    fn review_partial(&mut self) -> Option<&mut Box<Review>> {
        self.modes.iter_mut().rev().find_map(|m| match m {
            Mode::Review(r) if r.is_partial() => Some(r),
            _ => None,
        })
    }

    /// Review, when it is still waiting for the journal to be read.
    fn review_reading(&mut self) -> Option<&mut Box<Review>> {
        self.modes.iter_mut().rev().find_map(|m| match m {
            Mode::Review(r) if r.is_reading() => Some(r),
            _ => None,
        })
    }

    /// Opens review over the journal: it says it is reading until its newest entries are
    /// read from the journal's end (beside the worker), shows them, and then reads the
    /// whole journal with the screen live (on the worker when there is one, so a wait for
    /// another steady's lock shows and `!` opens meanwhile); a journal that cannot be read
    /// is said on its screen.
    fn open_review(&mut self) {
        let reading = self.review_saying("Reading the journal…".to_owned(), true);
        self.modes.push(Mode::Review(reading));
        self.read_newest();
    }

    /// Reads the newest entries for review on a thread of their own beside the worker
    /// (a millisecond's read that must not wait behind home's read of a whole journal),
    /// told as `Done::ReviewNewest`; here only without a worker (a journal in memory, or
    /// the loop has ended), or when no thread can be started.
    fn read_newest(&mut self) {
        let day_starts_at = self.setup.config.day_starts_at;
        if let Some((vault, tell)) = self.beside.clone() {
            let read = move || {
                let read = Read::newest(vault.as_ref(), FIRST_SCREEN, day_starts_at);
                tell(Done::ReviewNewest(Box::new(read)));
            };
            if std::thread::Builder::new()
                .name("newest".into())
                .spawn(read)
                .is_ok()
            {
                return;
            }
        }
        let read = Read::newest(self.setup.vault.as_ref(), FIRST_SCREEN, day_starts_at);
        self.review_newest(read);
    }

    /// The newest entries were read for review: review shows them, unless it was left
    /// meanwhile, and the whole journal is read next (unless they are all it holds).
    fn review_newest(&mut self, read: Result<Read, VaultError>) {
        if self.review_reading().is_none() {
            return;
        }
        let partial = read.as_ref().is_ok_and(Read::is_partial);
        self.review_read(read);
        if partial {
            self.hand(Job::ReadReview(self.setup.config.day_starts_at));
        }
    }

    /// The journal (or its newest entries) was read for review: review shows it, unless it
    /// was left meanwhile; the whole journal read after the newest fills that review in.
    fn review_read(&mut self, read: Result<Read, VaultError>) {
        if self.review_partial().is_some() {
            let said = match read {
                Ok(read) if !read.is_partial() => {
                    if let Some(r) = self.review_partial() {
                        r.fill(read);
                    }
                    return;
                }
                Ok(_) => return,
                Err(why) => self.review_saying(why.to_string(), false),
            };
            if let Some(r) = self.review_partial() {
                *r = said;
            }
            return;
        }
        if self.review_reading().is_none() {
            return;
        }
        let review = match read {
            Ok(read) => Box::new(Review::over(
                read,
                self.setup.vault.clone(),
                &self.setup.config,
                self.setup.practices.iter().cloned(),
                self.setup.clock.clone(),
                self.review_options(),
            )),
            Err(why) => self.review_saying(why.to_string(), false),
        };
        if let Some(r) = self.review_reading() {
            *r = review;
        }
    }

    /// Back from review to home (entries may have gone or changed), or out of steady when
    /// review was all it opened.
    fn close_review(&mut self) {
        self.modes.pop();
        if self.modes.is_empty() {
            self.exit.quitting = true;
        } else {
            self.effects.push(Effect::ReadTimes);
        }
    }

    fn follow(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Stay => {}
            Outcome::AskToLeave => {
                let keys = self
                    .practice_screen()
                    .map_or(Keymap::LeaveNothing, PracticeScreen::leave_keymap);
                self.open(Mode::Leave(keys));
            }
            Outcome::Save(entry) => self.effects.push(Effect::Save(entry)),
            Outcome::Place(word, place) => self.effects.push(Effect::PlaceFeeling(word, place)),
            Outcome::Close => self.close_practice(),
        }
    }

    fn open(&mut self, overlay: Mode) {
        if let Some(p) = self.practice_mut() {
            p.hold_clock();
        }
        self.modes.push(overlay);
    }

    fn close_overlay(&mut self) {
        if self.modes.last().is_some_and(Mode::is_overlay) {
            self.modes.pop();
            self.release_clock();
        }
    }

    /// steady is about to be stopped (Ctrl-Z): the practice clock waits until `resumed`.
    pub fn suspend(&mut self) {
        if let Some(p) = self.practice_mut() {
            p.hold_clock();
        }
    }

    /// steady runs again after a stop: the clock goes on unless an overlay still holds it.
    pub fn resumed(&mut self) {
        self.release_clock();
    }

    /// Starts the practice clock again once no overlay is left above the practice.
    fn release_clock(&mut self) {
        if let Some(Mode::Practice(p)) = self.modes.last_mut() {
            p.release_clock();
        }
    }

    fn close_practice(&mut self) {
        while let Some(mode) = self.modes.pop() {
            if matches!(mode, Mode::Practice(_)) {
                break;
            }
        }
        if self.practice_only || self.modes.is_empty() {
            self.exit.quitting = true;
        } else {
            self.recount_lately();
        }
    }

    /// Stopping now (q, Ctrl-C, a signal): whatever was answered is saved, unfinished.
    pub fn interrupt(&mut self) {
        // Once is enough: a run is saved at most once, whatever else arrives.
        if self.exit.quitting {
            return;
        }
        if let Some(entry) = self
            .practice_mut()
            .and_then(PracticeScreen::entry_to_save_on_exit)
        {
            self.effects.push(Effect::Save(Box::new(entry)));
        }
        self.exit.quitting = true;
    }

    /// Stopping because steady was asked to from outside (SIGTERM, SIGHUP, SIGINT, the
    /// terminal gone): the same as `interrupt`, and remembered for the exit status.
    pub fn stop(&mut self) {
        self.exit.stopped = true;
        self.interrupt();
    }

    pub fn was_stopped(&self) -> bool {
        self.exit.stopped
    }

    /// The journal an unfinished entry was saved to on the way out (q, Ctrl-C), unseen.
    pub fn kept_on_exit(&self) -> Option<&Path> {
        self.exit.kept.as_deref()
    }

    /// The window is now `width`×`height`: a practice too small to be seen stops its clock
    /// until the window is big enough again.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.too_small = small::too_small(ratatui::layout::Rect::new(0, 0, width, height));
        let too_small = self.too_small;
        if let Some(p) = self.practice_mut() {
            p.squeeze(too_small);
        }
    }

    /// Lets time act on a running practice.
    pub fn tick(&mut self) {
        let too_small = self.too_small;
        let Some(p) = self.practice_mut() else { return };
        // A practice started while the window is small waits too.
        p.squeeze(too_small);
        let (outcome, cue) = p.tick();
        self.bell |= cue && self.setup.config.bell;
        self.follow(outcome);
    }

    /// Whether `perform` has something to do, so the loop can draw the key's effect first
    /// ("Saving…" before a rewrite of a large journal).
    pub fn has_pending_work(&self) -> bool {
        !self.effects.is_empty()
    }

    /// Carries out the queued effects in order, and hands back whether a bell is due. The
    /// only place the app does I/O.
    pub fn perform(&mut self) -> bool {
        for effect in std::mem::take(&mut self.effects) {
            match effect {
                Effect::Save(entry) => self.hand(Job::Save(entry)),
                Effect::OpenReview => self.open_review(),
                Effect::ReadReviewRest => {
                    self.hand(Job::ReadReview(self.setup.config.day_starts_at));
                }
                Effect::ReadTimes => self.hand(Job::ReadPast),
                Effect::SavePlan(plan) => self.save_plan(*plan),
                Effect::PlaceFeeling(word, place) => self.place_feeling(word, place),
                Effect::Review(effect) => match self.review_mut().and_then(|r| r.apply(effect)) {
                    Some(Work::Rewrite(rewrite)) => self.hand(Job::Rewrite(rewrite)),
                    Some(Work::Export(export)) => self.hand(Job::Export(export)),
                    None => {}
                },
            }
        }
        std::mem::take(&mut self.bell)
    }

    /// Review, which may be under an overlay opened in the same burst of keys.
    fn review_mut(&mut self) -> Option<&mut Review> {
        self.modes.iter_mut().rev().find_map(|m| match m {
            Mode::Review(r) => Some(r.as_mut()),
            _ => None,
        })
    }

    /// Hands `job` to the worker, or does it here when there is none (a journal in
    /// memory, or the loop has ended).
    fn hand(&mut self, job: Job) {
        let handed = match &job {
            Job::Save(_) => Handed::Save,
            Job::Rewrite(_) => Handed::Rewrite,
            Job::ReadPast => Handed::Read,
            Job::ReadReview(_) => Handed::ReadReview,
            Job::Export(_) => Handed::Export,
        };
        let job = match &self.worker {
            Some(worker) => match worker.hand(job) {
                Ok(()) => return self.under_way.push_back(handed),
                Err(unsent) => unsent,
            },
            None => job,
        };
        match job {
            Job::Save(entry) => {
                let result = save(self.setup.vault.as_ref(), &entry);
                self.saved(&entry, result);
            }
            Job::Rewrite(rewrite) => {
                if let Some(review) = self.review_mut() {
                    review.rewrite_here(rewrite);
                }
            }
            Job::ReadPast => self.refresh_lately(),
            Job::ReadReview(day_starts_at) => {
                let read = ReviewData::read(self.setup.vault.as_ref(), day_starts_at);
                self.review_read(read);
            }
            Job::Export(export) => {
                if let Some(review) = self.review_mut() {
                    review.export_here(*export);
                }
            }
        }
    }

    /// From now on saves and review's rewrites go to a worker thread (when the journal is
    /// a file), which waits for another steady's lock up to `lock_wait_seconds` and tells
    /// what it does through `tell`, to be handed back to `worker_said`.
    pub fn save_on_worker(&mut self, tell: Tell) -> std::io::Result<()> {
        let waiting = tell.clone();
        let wait = LockWait::up_to(self.setup.config.lock_wait)
            .telling(move |w| waiting(Done::Waiting(w.clone())));
        let beside = tell.clone();
        let waiting = tell.clone();
        if let Some(vault) = self.setup.vault.waiting(wait) {
            self.worker = Some(Worker::start(vault, tell)?);
        }
        let wait = LockWait::up_to(self.setup.config.lock_wait)
            .telling(move |w| waiting(Done::ReviewWaiting(w.clone())));
        if let (Some(_), Some(vault)) = (&self.worker, self.setup.vault.waiting(wait)) {
            self.beside = Some((vault, beside));
        }
        Ok(())
    }

    /// Lets the writes handed to the worker end and stops it; each end has been told
    /// through its `tell` by then. With only reads left (for home or review), steady does
    /// not wait for them (one may be waiting for another steady's lock, and nothing is lost
    /// by not reading). Writes from here on happen in place.
    pub fn end_worker(&mut self) {
        self.beside = None;
        if let Some(worker) = self.worker.take()
            && self.is_saving()
        {
            worker.finish();
        }
    }

    /// A save, rewrite or export handed to the worker has not ended yet: steady does not
    /// end before it has.
    pub fn is_saving(&self) -> bool {
        self.under_way
            .iter()
            .any(|h| matches!(h, Handed::Save | Handed::Rewrite | Handed::Export))
    }

    /// What the worker tells: the job under way waits for another steady, or a job has
    /// ended (the worker does them in the order they were handed over).
    pub fn worker_said(&mut self, done: Done) {
        match done {
            Done::Waiting(waiting) => match self.under_way.front().copied() {
                Some(Handed::Rewrite | Handed::Export) => {
                    if let Some(review) = self.review_mut() {
                        review.waiting(&waiting);
                    }
                }
                // Home's first read says on home that it waits; a later one (after review)
                // keeps home's line as it was until the journal is read.
                Some(Handed::Read) => {
                    if self.lately.is_none() {
                        self.past_waits = Some(waiting);
                    }
                }
                Some(Handed::ReadReview) => self.review_waits(&waiting),
                _ => {
                    if let Some(p) = self.practice_mut() {
                        p.waiting(&waiting);
                    }
                }
            },
            Done::Saved(entry, result) => {
                self.under_way.pop_front();
                self.saved(&entry, result);
            }
            Done::Rewrote(rewrote) => {
                self.under_way.pop_front();
                if let Err(why) = &rewrote.result {
                    self.failed_while_leaving(format!(
                        "the change asked for in review was not made: {why}"
                    ));
                }
                if let Some(review) = self.review_mut() {
                    review.rewritten(*rewrote);
                }
            }
            Done::Read(past) => {
                self.under_way.pop_front();
                self.took_past(*past);
            }
            // Read beside the worker (`read_newest`): nothing handed to it ended.
            Done::ReviewWaiting(waiting) => self.review_waits(&waiting),
            Done::ReviewNewest(read) => self.review_newest(*read),
            Done::ReviewRead(read) => {
                self.under_way.pop_front();
                self.review_read(*read);
            }
            Done::Exported(exported) => {
                self.under_way.pop_front();
                // Each says whole that the export was not written, and why.
                if let Err(why) = &exported.result {
                    self.failed_while_leaving(why.to_string());
                }
                if let Some(review) = self.review_mut() {
                    review.exported(*exported);
                }
            }
        }
    }

    /// Review's read waits for another steady's lock: said in place of the entries while
    /// none are shown (the newest entries shown say themselves that the rest is coming).
    fn review_waits(&mut self, waiting: &crate::journal::lock::Waiting) {
        if self.review_partial().is_some() {
            return;
        }
        let said = self.review_saying(format!("Reading the journal… ({waiting})."), true);
        if let Some(review) = self.review_reading() {
            *review = said;
        }
    }

    /// Review's change or export failed: when steady is ending, `why` is told after the
    /// screen is gone (the person never saw it on screen).
    fn failed_while_leaving(&mut self, why: String) {
        if self.exit.quitting {
            self.exit.error = Some(why);
        }
    }

    /// How saving `entry` went, shown where it was asked for.
    fn saved(&mut self, entry: &Entry, result: Result<Option<String>, VaultError>) {
        if let Some(event) = progress::event_of(entry) {
            return self.guide_saved(event, result.as_ref().map(|_| ()));
        }
        if result.is_ok() {
            self.practised
                .add(Began::of(entry), self.setup.config.day_starts_at);
            keep_latest_plan(&mut self.plans, entry);
        }
        // A saved check-in that named a word nobody has placed asks where it sits.
        let unplaced = (result.is_ok() && self.setup.settings.is_some())
            .then(|| config_write::unplaced_word(entry, &self.setup.config))
            .flatten();
        let path = self.setup.vault.place().to_owned();
        if self.exit.quitting {
            match &result {
                // Only an unfinished practice is told as kept on the way out; a finished one
                // whose save was under way when the person left was shown as saving.
                Ok(_) if entry.completed => {}
                Ok(_) => self.exit.kept = Some(path.clone()),
                Err(why) => {
                    self.exit.error = Some(format!("what you answered could not be saved: {why}"));
                }
            }
        }
        if let Some(p) = self.practice_mut() {
            p.saved(result.map_err(|e| NotSaved::from(&e)), path);
            if let Some(word) = unplaced {
                p.ask_placement(word);
            }
        }
    }

    /// Writes where a feeling word sits into the settings file, and into the settings in
    /// force, so Trends places it from now on.
    fn place_feeling(&mut self, word: String, place: Place) {
        let Some(path) = &self.setup.settings else {
            return;
        };
        let result = config_write::place_feeling(path, &word, place);
        if let Ok(placed) = result {
            self.setup.config.feelings.insert(word, placed.place());
        }
        if let Some(p) = self.practice_mut() {
            p.placed(result);
        }
    }

    fn save_plan(&mut self, plan: Plan) {
        let path = self.setup.care.plan_path.clone();
        let result = plan.save(&path);
        if result.is_ok() {
            self.setup.care.plan = Ok(Some(plan));
        }
        if let Some(Mode::Plan(editor)) = self.modes.last_mut() {
            editor.saved(result, &path);
        }
    }

    /// A guide event was recorded (or not): progress moves only when it was, and home
    /// shows the step's practices first.
    fn guide_saved(&mut self, event: GuideEvent, result: Result<(), &VaultError>) {
        let ok = result.is_ok();
        if let Some(Mode::Guide(screen)) = self.modes.last_mut() {
            screen.saved(event.event, event.step, result);
        }
        if ok {
            self.setup.care.guide_events.push(event);
            self.rebuild_home();
        }
    }

    /// When something will next change on screen without a key; None means wait for input.
    pub fn next_wake(&self, now: Instant) -> Option<Instant> {
        match self.modes.last() {
            Some(Mode::Practice(p)) => p.next_wake(now),
            _ => None,
        }
    }

    /// Draws every mode from the topmost whole screen up, and the footer. Each screen is a
    /// view over what it reads; the cursor goes where the last screen with one put it.
    pub fn render(&mut self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.setup.theme;
        if small::too_small(area) {
            let practice = self.practice_screen().is_some();
            return frame.render_widget(SmallView { practice }, area);
        }
        // One footer for every screen, from the keys of whatever is on top: under an
        // overlay it names the overlay's keys, not the practice's.
        let keymap = self.keymap();
        let [body, foot] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let base = self
            .modes
            .iter()
            .rposition(|m| !m.is_overlay())
            .unwrap_or(0);
        let lately = self.lately.as_ref().map_or_else(
            || match &self.past_waits {
                Some(waiting) => format!("{READING_PAST} ({waiting})."),
                None => READING_PAST.to_owned(),
            },
            |l| l.sentence(self.setup.config.show_streaks),
        );
        let setup = &self.setup;
        for mode in &mut self.modes[base..] {
            match mode {
                Mode::Home(home) => {
                    let view = HomeView {
                        practices: &setup.practices,
                        theme,
                        practice_folder: &setup.practice_folder,
                        problems: setup.problems,
                        care: &setup.care,
                        lately: &lately,
                    };
                    frame.render_stateful_widget(view, body, home);
                }
                Mode::Practice(p) => {
                    frame.render_stateful_widget(PracticeView { theme }, body, p.as_mut());
                    if let Some(at) = p.cursor() {
                        frame.set_cursor_position(at);
                    }
                }
                Mode::Review(r) => frame.render_stateful_widget(ReviewView, body, r.as_mut()),
                Mode::Help(keys) => frame.render_widget(
                    HelpView {
                        beneath: *keys,
                        theme,
                    },
                    body,
                ),
                Mode::Support(s) => {
                    let view = SupportView {
                        care: &setup.care,
                        theme,
                    };
                    frame.render_stateful_widget(view, body, s);
                }
                Mode::Plan(editor) => {
                    frame.render_stateful_widget(PlanView { theme }, body, editor.as_mut());
                    if let Some(at) = editor.cursor() {
                        frame.set_cursor_position(at);
                    }
                }
                Mode::Guide(g) => {
                    let view = GuideView {
                        theme,
                        care: &setup.care,
                        practices: &setup.practices,
                    };
                    frame.render_stateful_widget(view, body, g);
                }
                Mode::Plans(p) => {
                    let view = PlansView {
                        theme,
                        care: &setup.care,
                        plans: &self.plans,
                        practices: &setup.practices,
                    };
                    frame.render_stateful_widget(view, body, p);
                }
                Mode::Leave(keys) => frame.render_widget(
                    LeaveView {
                        keymap: *keys,
                        theme,
                    },
                    body,
                ),
            }
        }
        frame.render_widget(Clear, foot);
        let foot = foot.inner(Margin::new(1, 0));
        frame.render_widget(
            Paragraph::new(screens::footer(keymap, theme, foot.width)),
            foot,
        );
    }
}
