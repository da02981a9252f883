//! The keys of every screen, as data. Each screen's table turns key events into `Action`s and
//! is also what the footer hints and the `?` overlay are drawn from, so what the screen says
//! and what the keys do cannot drift apart.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, ReviewAction};

/// Which set of keys is live: one per screen, and one per kind of question in a practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keymap {
    Home,
    Help,
    Support,
    /// Leaving a practice that has answers worth keeping.
    LeaveKeep,
    /// Leaving a practice with nothing answered yet.
    LeaveNothing,
    /// Text to read, moving on when the person is ready.
    Say,
    /// A running clock: an auto-advancing say, a breath or a timer.
    Timed,
    /// A breath, timer or auto-advancing say the person paused.
    TimedPaused,
    /// A hold counting up, before any urge to leave.
    Hold,
    /// A hold after the urge was marked: staying the extra seconds.
    HoldStaying,
    /// A hold the person paused.
    HoldPaused,
    Scale,
    /// One option from a list (single choice).
    Pick,
    /// One colour from the grid of swatches, which runs along its rows.
    PickColour,
    /// Several options (multiple choice).
    PickMany,
    /// Typing a word of one's own on the "other" row of a pick.
    PickOther,
    /// A colour typed on the "other" row looks like a typo: take the colour it may mean, or
    /// keep the word.
    PickAsk,
    /// A single-line text field or one answer of a list.
    Typing,
    /// A multiline text field.
    TypingMulti,
    /// The numbered answers of a list.
    List,
    /// The end of a practice, still saving (perhaps waiting for another steady's lock).
    Saving,
    /// The end of a practice, saved.
    Finished,
    /// The end of a practice whose save failed.
    SaveFailed,
    /// The end of a check-in, saved, asking where a feeling word of the person's own sits.
    Placing,
    /// Review, History: the table of entries.
    ReviewHistory,
    /// Review: one entry in full.
    ReviewDetail,
    /// Review: typing a search or a day.
    ReviewField,
    /// Review: choosing practices to show.
    ReviewPicker,
    /// Review: a yes-or-no question (delete, replace a file).
    ReviewConfirm,
    /// Review: editing a one-line text answer.
    ReviewEdit,
    /// Review: editing a multiline text answer.
    ReviewEditMulti,
    /// Review: the export dialog.
    ReviewExport,
    ReviewTrends,
    ReviewCalendar,
    /// Review: the entries of one calendar day.
    ReviewDay,
    /// The keys of a practice step that is the first one shown: the same, minus going back.
    NoBack(&'static Keymap),
    /// The safety plan editor.
    Plan,
    /// Typing a line of the safety plan.
    PlanTyping,
    /// Choosing a guide to start.
    GuideChoose,
    /// The step of a guide under way.
    GuideStep,
    /// "Your plans": the safety plan and the plans made in practices, to read.
    Plans,
    /// Choosing again a guide left midway: carry on where it was left, or start over.
    GuideResume,
    /// A yes-or-no question outside review: removing a line of the safety plan, leaving a
    /// guide. The question on screen says what yes does.
    Ask,
}

/// One key pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key with no modifier (Shift allowed: it is how `BackTab` and capitals arrive).
    Code(KeyCode),
    /// A letter or sign typed without Ctrl or Alt.
    Char(char),
    /// Ctrl with a letter.
    Ctrl(char),
    /// Alt with a key (Alt-Enter reaches steady through tmux, Ctrl-Enter does not).
    Alt(KeyCode),
    /// Any digit 0-9.
    Digit,
    /// Any key not matched earlier in the table (text fields take these).
    Rest,
}

/// What a binding does with the key it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Does {
    Act(Action),
    /// The digit becomes `Action::Number`.
    Number,
    /// The key goes to the text field as `Action::Edit`.
    Edit,
}

/// One line of a screen's key table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and in `?`.
    pub label: &'static str,
    /// What they do, in a few plain words.
    pub does: &'static str,
    pub act: Does,
    pub shown: Shown,
}

/// Where a binding is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// In the footer and in `?`.
    Everywhere,
    /// Only in `?`, where there is room for every key.
    HelpOnly,
    /// Only in the footer: one hint for keys `?` lists one by one ("↑↓ choose" for
    /// "↑ k previous" and "↓ j next"), so the footer stays short and `?` stays exact.
    FooterOnly,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    act: Action,
) -> Binding {
    Binding {
        keys,
        label,
        does,
        act: Does::Act(act),
        shown: Shown::Everywhere,
    }
}

/// A binding listed in `?` but left out of the footer.
const fn quiet(
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    act: Action,
) -> Binding {
    Binding {
        shown: Shown::HelpOnly,
        ..bind(keys, label, does, act)
    }
}

/// The footer's one hint for several keys that `?` lists one by one.
const fn sum_up(label: &'static str, does: &'static str) -> Binding {
    Binding {
        keys: &[],
        label,
        does,
        act: Does::Edit,
        shown: Shown::FooterOnly,
    }
}

use Key::{Char, Code, Ctrl};

const ENTER: Key = Code(KeyCode::Enter);
const ESC: Key = Code(KeyCode::Esc);
const SPACE: Key = Char(' ');
const UP: Key = Code(KeyCode::Up);
const DOWN: Key = Code(KeyCode::Down);
const LEFT: Key = Code(KeyCode::Left);
const RIGHT: Key = Code(KeyCode::Right);

const QUIT: Binding = bind(&[Char('q'), Ctrl('c')], "q", "quit", Action::Quit);
/// Ctrl-C in a practice, where what was answered is saved first.
const CTRL_C: Binding = quiet(
    &[Ctrl('c')],
    "Ctrl-C",
    "quit, keeping what you answered",
    Action::Quit,
);
/// Ctrl-C where nothing is being answered (review, guides, the safety plan, support).
const CTRL_C_QUIT: Binding = quiet(&[Ctrl('c')], "Ctrl-C", "quit", Action::Quit);
const HELP: Binding = bind(&[Char('?')], "?", "keys", Action::Help);
const SUPPORT: Binding = bind(&[Char('!')], "!", "support", Action::Support);
const HELP_F1: Binding = bind(&[Code(KeyCode::F(1))], "F1", "keys", Action::Help);
const SUPPORT_F2: Binding = bind(&[Code(KeyCode::F(2))], "F2", "support", Action::Support);
const LEAVE: Binding = bind(&[ESC], "Esc", "leave", Action::Leave);
const BACK: Binding = bind(
    &[Code(KeyCode::Backspace), Char('b')],
    "b",
    "back",
    Action::Back,
);
const BACK_TYPING: Binding = bind(&[Code(KeyCode::BackTab)], "Shift-Tab", "back", Action::Back);
const CLOSE: Binding = bind(&[ESC, Char('q')], "Esc", "close", Action::Close);

/// What every practice screen adds to its own keys.
const PRACTICE_COMMON: &[Binding] = &[LEAVE, HELP, SUPPORT, CTRL_C];
/// The same while typing, where `?` and `!` are letters.
const TYPING_COMMON: &[Binding] = &[LEAVE, HELP_F1, SUPPORT_F2, CTRL_C];

const HOME: &[Binding] = &[
    bind(&[ENTER], "Enter", "start", Action::Confirm),
    sum_up("↑↓", "choose"),
    quiet(&[UP, Char('k')], "↑ k", "previous practice", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "next practice", Action::Down),
    bind(&[Char('r')], "r", "review", Action::OpenReview),
    HELP,
    SUPPORT,
    QUIT,
    quiet(&[Char('g')], "g", "guides", Action::Guides),
    quiet(&[Char('p')], "p", "your plans", Action::Plans),
    // Last, so a short `?` box gives these up before the keys above.
    quiet(&[PG_UP], "PgUp", "a page up", Action::PageUp),
    quiet(&[PG_DOWN], "PgDn", "a page down", Action::PageDown),
    quiet(&[HOME_KEY], "Home", "first practice", Action::First),
    quiet(&[END_KEY], "End", "last practice", Action::Last),
];

const HELP_KEYS: &[Binding] = &[
    CLOSE,
    quiet(&[Char('?')], "?", "close", Action::Close),
    SUPPORT,
    CTRL_C_QUIT,
];
const SUPPORT_KEYS: &[Binding] = &[
    CLOSE,
    quiet(&[Char('!')], "!", "close", Action::Close),
    sum_up("↑↓", "scroll"),
    bind(&[Char('p')], "p", "my safety plan", Action::Plan),
];

/// Moving through a list or scrolling text taller than its window (support, the safety
/// plan, guides); the screen's own table says what ↑↓ do there.
const MOVE_KEYS: &[Binding] = &[
    quiet(&[UP, Char('k')], "↑ k", "up", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "down", Action::Down),
    quiet(&[PG_UP], "PgUp", "a page up", Action::PageUp),
    quiet(&[PG_DOWN], "PgDn", "a page down", Action::PageDown),
    quiet(&[HOME_KEY], "Home", "the top", Action::First),
    quiet(&[END_KEY], "End", "the end", Action::Last),
    CTRL_C_QUIT,
];

const PLAN: &[Binding] = &[
    bind(&[ENTER], "Enter", "edit", Action::Confirm),
    sum_up("↑↓", "move"),
    bind(&[Char('d')], "d", "remove a line", Action::Remove),
    CLOSE,
    HELP,
    SUPPORT,
];
const GUIDE_CHOOSE: &[Binding] = &[
    bind(&[ENTER], "Enter", "start", Action::Confirm),
    sum_up("↑↓", "choose"),
    CLOSE,
    HELP,
    SUPPORT,
];
const GUIDE_STEP: &[Binding] = &[
    bind(&[Char('n')], "n", "move on", Action::NextStep),
    bind(&[ENTER], "Enter", "start the practice", Action::Confirm),
    bind(&[Char('x')], "x", "leave the guide", Action::LeaveGuide),
    sum_up("↑↓", "practice"),
    CLOSE,
    HELP,
    SUPPORT,
];
const PLANS: &[Binding] = &[
    bind(&[ENTER], "Enter", "safety plan", Action::Plan),
    sum_up("↑↓", "scroll"),
    CLOSE,
    HELP,
    SUPPORT,
];
// Carrying on is "yes" to the question the screen asks; starting over is "no".
const GUIDE_RESUME: &[Binding] = &[
    bind(&[Char('c')], "c", "carry on there", Action::Yes),
    bind(&[Char('s')], "s", "start again", Action::No),
    bind(&[ESC], "Esc", "back to the guides", Action::Leave),
    HELP,
    SUPPORT,
    CTRL_C_QUIT,
];
const ASK: &[Binding] = &[
    bind(&[Char('y'), Char('Y')], "y", "yes", Action::Yes),
    bind(&[Char('n'), Char('N'), ESC], "n", "no", Action::No),
    HELP,
    SUPPORT,
    CTRL_C_QUIT,
];
const PLAN_TYPING: &[Binding] = &[
    bind(&[ENTER], "Enter", "keep", Action::Finish),
    bind(&[ESC], "Esc", "cancel", Action::Leave),
    HELP_F1,
    SUPPORT_F2,
    CTRL_C_QUIT,
    EDIT,
];

const LEAVE_KEEP: &[Binding] = &[
    bind(&[Char('k')], "k", "keep what I have", Action::Keep),
    bind(&[Char('d')], "d", "discard", Action::Discard),
    bind(&[Char('c'), ESC], "c", "carry on", Action::Close),
    HELP,
    SUPPORT,
    CTRL_C,
];
const LEAVE_NOTHING: &[Binding] = &[
    bind(&[Char('l'), Char('d')], "l", "leave", Action::Discard),
    bind(&[Char('c'), ESC], "c", "carry on", Action::Close),
    HELP,
    SUPPORT,
    CTRL_C,
];

const SAY: &[Binding] = &[bind(&[ENTER], "Enter", "go on", Action::Confirm), BACK];
const TIMED: &[Binding] = &[
    bind(&[SPACE, Char('p')], "Space", "pause", Action::Pause),
    bind(&[ENTER], "Enter", "go on", Action::Confirm),
    BACK,
];
// Pause is in `?` only here, so the footer keeps the three ways a hold can go.
const HOLD: &[Binding] = &[
    bind(&[SPACE], "Space", "urge to leave", Action::Mark),
    bind(&[ENTER], "Enter", "no urge", Action::Confirm),
    bind(&[Char('r')], "r", "already happened", Action::Recall),
    quiet(&[Char('p')], "p", "pause", Action::Pause),
    BACK,
];
const HOLD_STAYING: &[Binding] = &[
    bind(&[ENTER], "Enter", "go on", Action::Confirm),
    bind(&[Char('p')], "p", "pause", Action::Pause),
    BACK,
];
// While paused the runner takes only carrying on and going back.
const TIMED_PAUSED: &[Binding] = &[
    bind(&[SPACE, Char('p')], "Space", "carry on", Action::Pause),
    BACK,
];
const HOLD_PAUSED: &[Binding] = &[bind(&[Char('p')], "p", "carry on", Action::Pause), BACK];
// The main key of each question comes first: a narrow footer always keeps it.
const CONFIRM: Binding = bind(&[ENTER], "Enter", "confirm", Action::Confirm);
/// Home and End in every list, listed in `?` only.
const FIRST: Binding = quiet(&[HOME_KEY], "Home", "the first one", Action::First);
const LAST: Binding = quiet(&[END_KEY], "End", "the last one", Action::Last);
const SCALE: &[Binding] = &[
    CONFIRM,
    sum_up("←→", "choose"),
    quiet(
        &[LEFT, DOWN, Char('h'), Char('j')],
        "← ↓ h j",
        "lower",
        Action::Left,
    ),
    quiet(
        &[RIGHT, UP, Char('l'), Char('k')],
        "→ ↑ l k",
        "higher",
        Action::Right,
    ),
    help_only(&[Key::Digit], "1-9", "choose that number", Does::Number),
    FIRST,
    LAST,
    BACK,
];
const PICK: &[Binding] = &[
    CONFIRM,
    sum_up("↑↓", "choose"),
    quiet(&[UP, LEFT, Char('k')], "↑ ← k", "previous one", Action::Up),
    quiet(&[DOWN, RIGHT, Char('j')], "↓ → j", "next one", Action::Down),
    PICK_NUMBER,
    FIRST,
    LAST,
    BACK,
];
/// A digit picks the option in that place (counted from 1) in a list or the colour grid.
const PICK_NUMBER: Binding = help_only(
    &[Key::Digit],
    "1-9",
    "choose the one in that place",
    Does::Number,
);
/// The colour grid runs along its rows, so the footer names the arrows that point that way.
const PICK_COLOUR: &[Binding] = &[
    CONFIRM,
    sum_up("←→", "choose"),
    quiet(
        &[LEFT, UP, Char('h'), Char('k')],
        "← ↑ h k",
        "colour before",
        Action::Up,
    ),
    quiet(
        &[RIGHT, DOWN, Char('l'), Char('j')],
        "→ ↓ l j",
        "colour after",
        Action::Down,
    ),
    PICK_NUMBER,
    FIRST,
    LAST,
    BACK,
];
const PICK_MANY: &[Binding] = &[
    CONFIRM,
    bind(&[SPACE], "Space", "tick", Action::Toggle),
    sum_up("↑↓", "move"),
    quiet(&[UP, Char('k')], "↑ k", "up", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "down", Action::Down),
    FIRST,
    LAST,
    BACK,
];
/// Everything else goes to the field being typed in, in practice and in review alike.
const EDIT: Binding = editing(&[Key::Rest], "letters", "type");

/// A binding only `?` lists, whatever it does.
const fn help_only(
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    act: Does,
) -> Binding {
    Binding {
        keys,
        label,
        does,
        act,
        shown: Shown::HelpOnly,
    }
}

/// An editing key of the line editor, listed in `?` (F1) under every text field.
const fn editing(keys: &'static [Key], label: &'static str, does: &'static str) -> Binding {
    help_only(keys, label, does, Does::Edit)
}

/// ↑↓ in a list of answers or a multiline answer: the line above or below.
const MOVE_LINES: Binding = editing(&[UP, DOWN], "↑↓", "move between lines");

/// Every key the line editor acts on (`widgets::editor`), so `?` lists all of them.
const EDITOR: &[Binding] = &[
    editing(
        &[LEFT, RIGHT],
        "←→",
        "move by a letter (with Ctrl: by a word)",
    ),
    editing(&[HOME_KEY, Ctrl('a')], "Home Ctrl-A", "start of the line"),
    editing(&[END_KEY, Ctrl('e')], "End Ctrl-E", "end of the line"),
    editing(
        &[Code(KeyCode::Backspace), Code(KeyCode::Delete)],
        "Backspace Delete",
        "delete a letter",
    ),
    editing(&[Ctrl('w')], "Ctrl-W", "delete the word before"),
    editing(&[Ctrl('u')], "Ctrl-U", "delete to the start of the line"),
    editing(&[Ctrl('k')], "Ctrl-K", "delete to the end of the line"),
    editing(&[], "paste", "pastes into the field"),
];
const PICK_OTHER: &[Binding] = &[
    CONFIRM,
    bind(&[UP], "↑", "back to the list", Action::Up),
    quiet(&[DOWN], "↓", "down", Action::Down),
    BACK_TYPING,
    EDIT,
];
const PICK_ASK: &[Binding] = &[
    bind(&[Char('y'), ENTER], "y", "take it", Action::Confirm),
    bind(&[Char('n')], "n", "keep my word", Action::Keep),
    BACK_TYPING,
    EDIT,
];
const TYPING: &[Binding] = &[
    bind(&[ENTER], "Enter", "confirm", Action::Finish),
    BACK_TYPING,
    EDIT,
];
// Enter means the same on every line: the list is done. Moving between lines has keys of its
// own, so an empty line never takes an Enter meant for the answers.
const LIST: &[Binding] = &[
    bind(&[ENTER], "Enter", "done", Action::Finish),
    bind(&[TAB], "Tab", "next line", Action::Down),
    MOVE_LINES,
    BACK_TYPING,
    EDIT,
];
const TYPING_MULTI: &[Binding] = &[
    bind(
        &[Ctrl('d'), Key::Alt(KeyCode::Enter)],
        "Ctrl-D",
        "done",
        Action::Finish,
    ),
    quiet(&[ENTER], "Enter", "new line", Action::Confirm),
    MOVE_LINES,
    BACK_TYPING,
    EDIT,
];
const FINISHED: &[Binding] = &[bind(&[ENTER, Char('q')], "Enter", "done", Action::Confirm)];
/// The end of a check-in asking where a word of the person's own sits: a digit places it
/// (the places are numbered on screen, so a narrow footer keeps "not now" first).
const PLACING: &[Binding] = &[
    bind(&[Char('n')], "n", "not now", Action::NotNow),
    Binding {
        keys: &[Key::Digit],
        label: "1-4",
        does: "place it",
        act: Does::Number,
        shown: Shown::Everywhere,
    },
    FINISHED[0],
];
const SAVE_FAILED: &[Binding] = &[
    bind(&[Char('t')], "t", "try again", Action::Retry),
    bind(&[Char('q')], "q", "leave without saving", Action::Discard),
];
/// The end of a practice: the summary of what was recorded can be longer than the window.
const SUMMARY: &[Binding] = &[
    sum_up("↑↓", "scroll"),
    quiet(&[UP, Char('k')], "↑ k", "scroll up", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "scroll down", Action::Down),
    quiet(&[PG_UP], "PgUp", "a page up", Action::PageUp),
    quiet(&[PG_DOWN], "PgDn", "a page down", Action::PageDown),
    HELP,
    SUPPORT,
    CTRL_C_QUIT,
];

const PG_UP: Key = Code(KeyCode::PageUp);
const PG_DOWN: Key = Code(KeyCode::PageDown);
const HOME_KEY: Key = Code(KeyCode::Home);
const END_KEY: Key = Code(KeyCode::End);
const TAB: Key = Code(KeyCode::Tab);
const BACK_TAB: Key = Code(KeyCode::BackTab);

/// A review key: what it does is one `ReviewAction`, handled by the screen on top.
const fn review(
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    act: ReviewAction,
) -> Binding {
    bind(keys, label, does, Action::Review(act))
}

const fn review_quiet(
    keys: &'static [Key],
    label: &'static str,
    does: &'static str,
    act: ReviewAction,
) -> Binding {
    quiet(keys, label, does, Action::Review(act))
}

/// Esc in review: back one level, never out of review.
const REVIEW_BACK: Binding = review(&[ESC], "Esc", "back", ReviewAction::Back);
/// `q` leaves review from any of its screens.
const REVIEW_LEAVE: Binding = review(&[Char('q')], "q", "leave", ReviewAction::Leave);
/// Moving through a list: the footer sums it up, `?` lists each key.
const REVIEW_MOVES: [Binding; 3] = [
    sum_up("↑↓", "move"),
    quiet(&[UP, Char('k')], "↑ k", "up", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "down", Action::Down),
];

/// What every review screen adds: switching screens, leaving and support. `?` is second
/// in each screen's own table, so a narrow footer still names it.
const REVIEW_COMMON: &[Binding] = &[
    review(&[TAB], "Tab", "next screen", ReviewAction::NextScreen),
    review_quiet(
        &[BACK_TAB],
        "Shift-Tab",
        "screen before",
        ReviewAction::PreviousScreen,
    ),
    help_only(
        &[Char('1'), Char('2'), Char('3')],
        "1 2 3",
        "History, Trends, Calendar",
        Does::Number,
    ),
    REVIEW_LEAVE,
    SUPPORT,
    CTRL_C_QUIT,
];
/// The same while typing, where letters and digits are text.
const REVIEW_TYPING_COMMON: &[Binding] = &[HELP_F1, SUPPORT_F2, CTRL_C_QUIT];
/// A dialog over a review screen: its own keys, then help, support and Ctrl-C.
const REVIEW_DIALOG_COMMON: &[Binding] = &[HELP, SUPPORT, CTRL_C_QUIT];

const REVIEW_HISTORY: &[Binding] = &[
    bind(&[ENTER], "Enter", "open", Action::Confirm),
    HELP,
    REVIEW_MOVES[0],
    REVIEW_MOVES[1],
    REVIEW_MOVES[2],
    // The four ways to narrow the table share one hint, so the footer keeps room at 120
    // columns for editing, exporting, the next screen and leaving.
    sum_up("/ p f t", "find"),
    review_quiet(&[Char('/')], "/", "search", ReviewAction::Search),
    review_quiet(&[Char('p')], "p", "practices", ReviewAction::Practices),
    review_quiet(&[Char('f')], "f", "from a day", ReviewAction::From),
    review_quiet(&[Char('t')], "t", "until a day", ReviewAction::Until),
    review(&[Char('e')], "e", "edit", ReviewAction::EditAnswer),
    review(&[Char('x')], "x", "export", ReviewAction::Export),
    review(&[Char('d')], "d", "delete", ReviewAction::Delete),
    // Each change says "Press u to …" when it is made.
    review_quiet(&[Char('u')], "u", "undo", ReviewAction::Undo),
    review_quiet(&[ESC], "Esc", "clear the filters", ReviewAction::Back),
    quiet(&[PG_UP], "PgUp", "a page up", Action::PageUp),
    quiet(&[PG_DOWN], "PgDn", "a page down", Action::PageDown),
    quiet(&[HOME_KEY, Char('g')], "Home g", "newest", Action::First),
    quiet(&[END_KEY, Char('G')], "End G", "oldest", Action::Last),
];
const REVIEW_DETAIL: &[Binding] = &[
    REVIEW_BACK,
    HELP,
    sum_up("↑↓", "previous or next"),
    quiet(&[UP, Char('k')], "↑ k", "newer entry", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "older entry", Action::Down),
    review(
        &[Char('e')],
        "e",
        "edit an answer",
        ReviewAction::EditAnswer,
    ),
    review(&[Char('d')], "d", "delete", ReviewAction::Delete),
    review(&[Char('u')], "u", "undo", ReviewAction::Undo),
    REVIEW_LEAVE,
    SUPPORT,
    CTRL_C_QUIT,
];
/// Typing one line in review (a search, a day): the practice screen's text keys.
const REVIEW_FIELD: &[Binding] = &[
    bind(&[ENTER], "Enter", "done", Action::Finish),
    REVIEW_BACK,
    EDIT,
];
const REVIEW_PICKER: &[Binding] = &[
    bind(&[ENTER], "Enter", "show", Action::Confirm),
    bind(&[SPACE], "Space", "tick", Action::Toggle),
    REVIEW_MOVES[0],
    REVIEW_MOVES[1],
    REVIEW_MOVES[2],
    REVIEW_BACK,
];
const REVIEW_CONFIRM: &[Binding] = &[
    review(&[Char('y'), Char('Y')], "y", "yes", ReviewAction::Yes),
    review(&[Char('n'), Char('N'), ESC], "n", "no", ReviewAction::No),
];
/// Editing a one-line answer: Enter saves, Tab goes to the next answer.
const REVIEW_EDIT: &[Binding] = &[
    bind(&[ENTER], "Enter", "save", Action::Finish),
    review(&[TAB], "Tab", "next answer", ReviewAction::NextField),
    REVIEW_BACK,
    EDIT,
];
/// Editing a multiline answer: as in a practice, Enter is a new line and Ctrl-D saves.
const REVIEW_EDIT_MULTI: &[Binding] = &[
    bind(
        &[Ctrl('d'), Key::Alt(KeyCode::Enter)],
        "Ctrl-D",
        "save",
        Action::Finish,
    ),
    quiet(&[ENTER], "Enter", "new line", Action::Confirm),
    MOVE_LINES,
    review(&[TAB], "Tab", "next answer", ReviewAction::NextField),
    REVIEW_BACK,
    EDIT,
];
const REVIEW_EXPORT: &[Binding] = &[
    bind(&[ENTER], "Enter", "export", Action::Finish),
    review(&[TAB], "Tab", "format", ReviewAction::NextField),
    review_quiet(
        &[BACK_TAB],
        "Shift-Tab",
        "format before",
        ReviewAction::PreviousField,
    ),
    REVIEW_BACK,
    EDIT,
];
const REVIEW_TRENDS: &[Binding] = &[
    sum_up("r", "range"),
    quiet(
        &[Char('r')],
        "r",
        "range: 30 days, 90 days, a year, all",
        Action::Review(ReviewAction::Range),
    ),
    sum_up("←→", "charts"),
    quiet(&[RIGHT, Char('l')], "→ l", "next chart", Action::Right),
    quiet(&[LEFT, Char('h')], "← h", "chart before", Action::Left),
    HELP,
    review_quiet(&[ESC], "Esc", "back to History", ReviewAction::Back),
];
const REVIEW_CALENDAR: &[Binding] = &[
    bind(&[ENTER], "Enter", "entries", Action::Confirm),
    HELP,
    sum_up("←↑↓→", "day"),
    quiet(&[LEFT, Char('h')], "← h", "day before", Action::Left),
    quiet(&[RIGHT, Char('l')], "→ l", "day after", Action::Right),
    quiet(&[UP, Char('k')], "↑ k", "week before", Action::Up),
    quiet(&[DOWN, Char('j')], "↓ j", "week after", Action::Down),
    sum_up("PgUp PgDn", "month"),
    quiet(
        &[PG_UP],
        "PgUp",
        "month before (a year in the year view)",
        Action::PageUp,
    ),
    quiet(
        &[PG_DOWN],
        "PgDn",
        "month after (a year in the year view)",
        Action::PageDown,
    ),
    review(&[Char('v')], "v", "month or year", ReviewAction::View),
    review(&[Char('t'), HOME_KEY], "t", "today", ReviewAction::Today),
    review_quiet(&[ESC], "Esc", "back to History", ReviewAction::Back),
];
/// The entries of one calendar day, listed under the grid.
const REVIEW_DAY: &[Binding] = &[
    bind(&[ENTER], "Enter", "open", Action::Confirm),
    REVIEW_MOVES[0],
    REVIEW_MOVES[1],
    REVIEW_MOVES[2],
    REVIEW_BACK,
];

impl Keymap {
    /// The screen's own keys, then the keys it shares with its neighbours.
    pub fn bindings(self) -> std::vec::IntoIter<&'static Binding> {
        let (own, shared): (&[Binding], &[Binding]) = match self {
            Keymap::Home => (HOME, &[]),
            Keymap::Help => (HELP_KEYS, &[]),
            Keymap::Support => (SUPPORT_KEYS, MOVE_KEYS),
            Keymap::LeaveKeep => (LEAVE_KEEP, &[]),
            Keymap::LeaveNothing => (LEAVE_NOTHING, &[]),
            Keymap::Say => (SAY, PRACTICE_COMMON),
            Keymap::Timed => (TIMED, PRACTICE_COMMON),
            Keymap::TimedPaused => (TIMED_PAUSED, PRACTICE_COMMON),
            Keymap::Hold => (HOLD, PRACTICE_COMMON),
            Keymap::HoldStaying => (HOLD_STAYING, PRACTICE_COMMON),
            Keymap::HoldPaused => (HOLD_PAUSED, PRACTICE_COMMON),
            Keymap::Scale => (SCALE, PRACTICE_COMMON),
            Keymap::Pick => (PICK, PRACTICE_COMMON),
            Keymap::PickColour => (PICK_COLOUR, PRACTICE_COMMON),
            Keymap::PickMany => (PICK_MANY, PRACTICE_COMMON),
            Keymap::PickOther => (PICK_OTHER, TYPING_COMMON),
            Keymap::PickAsk => (PICK_ASK, TYPING_COMMON),
            Keymap::Typing => (TYPING, TYPING_COMMON),
            Keymap::TypingMulti => (TYPING_MULTI, TYPING_COMMON),
            Keymap::List => (LIST, TYPING_COMMON),
            Keymap::Saving => (&[], SUMMARY),
            Keymap::Finished => (FINISHED, SUMMARY),
            Keymap::SaveFailed => (SAVE_FAILED, SUMMARY),
            Keymap::Placing => (PLACING, SUMMARY),
            Keymap::ReviewHistory => (REVIEW_HISTORY, REVIEW_COMMON),
            Keymap::ReviewDetail => (REVIEW_DETAIL, &[]),
            Keymap::ReviewField => (REVIEW_FIELD, REVIEW_TYPING_COMMON),
            Keymap::ReviewPicker => (REVIEW_PICKER, REVIEW_DIALOG_COMMON),
            Keymap::ReviewConfirm => (REVIEW_CONFIRM, REVIEW_DIALOG_COMMON),
            Keymap::ReviewEdit => (REVIEW_EDIT, REVIEW_TYPING_COMMON),
            Keymap::ReviewEditMulti => (REVIEW_EDIT_MULTI, REVIEW_TYPING_COMMON),
            Keymap::ReviewExport => (REVIEW_EXPORT, REVIEW_TYPING_COMMON),
            Keymap::ReviewTrends => (REVIEW_TRENDS, REVIEW_COMMON),
            Keymap::ReviewCalendar => (REVIEW_CALENDAR, REVIEW_COMMON),
            Keymap::ReviewDay => (REVIEW_DAY, REVIEW_DIALOG_COMMON),
            Keymap::NoBack(inner) => return inner.bindings_without_back(),
            Keymap::Plan => (PLAN, MOVE_KEYS),
            Keymap::PlanTyping => (PLAN_TYPING, &[]),
            Keymap::GuideChoose => (GUIDE_CHOOSE, MOVE_KEYS),
            Keymap::GuideStep => (GUIDE_STEP, MOVE_KEYS),
            Keymap::Ask => (ASK, &[]),
            Keymap::GuideResume => (GUIDE_RESUME, &[]),
            Keymap::Plans => (PLANS, MOVE_KEYS),
        };
        // `Rest` catches everything, so it must be tried after the shared keys; the editor's
        // own keys are listed just before it wherever there is a text field.
        let (rest, own): (Vec<_>, Vec<_>) = own.iter().partition(|b| b.keys.contains(&Key::Rest));
        let editor = if rest.is_empty() { &[][..] } else { EDITOR };
        own.into_iter()
            .chain(shared.iter())
            .chain(editor)
            .chain(rest)
            .collect::<Vec<_>>()
            .into_iter()
    }

    fn bindings_without_back(self) -> std::vec::IntoIter<&'static Binding> {
        self.bindings()
            .filter(|b| b.act != Does::Act(Action::Back))
            .collect::<Vec<_>>()
            .into_iter()
    }

    /// The same keys with no going back: for the first step of a practice, where "back"
    /// would only say there is nothing before it.
    #[must_use]
    pub fn without_back(self) -> Keymap {
        match self {
            Keymap::Say => Keymap::NoBack(&Keymap::Say),
            Keymap::Timed => Keymap::NoBack(&Keymap::Timed),
            Keymap::TimedPaused => Keymap::NoBack(&Keymap::TimedPaused),
            Keymap::Hold => Keymap::NoBack(&Keymap::Hold),
            Keymap::HoldStaying => Keymap::NoBack(&Keymap::HoldStaying),
            Keymap::HoldPaused => Keymap::NoBack(&Keymap::HoldPaused),
            Keymap::Scale => Keymap::NoBack(&Keymap::Scale),
            Keymap::Pick => Keymap::NoBack(&Keymap::Pick),
            Keymap::PickColour => Keymap::NoBack(&Keymap::PickColour),
            Keymap::PickMany => Keymap::NoBack(&Keymap::PickMany),
            Keymap::PickOther => Keymap::NoBack(&Keymap::PickOther),
            Keymap::PickAsk => Keymap::NoBack(&Keymap::PickAsk),
            Keymap::Typing => Keymap::NoBack(&Keymap::Typing),
            Keymap::TypingMulti => Keymap::NoBack(&Keymap::TypingMulti),
            Keymap::List => Keymap::NoBack(&Keymap::List),
            other => other,
        }
    }

    /// The keymap a `NoBack` stands on (itself otherwise).
    #[must_use]
    pub fn base(self) -> Keymap {
        match self {
            Keymap::NoBack(inner) => *inner,
            other => other,
        }
    }

    /// The action a key event stands for here, if any.
    pub fn action(self, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        self.bindings().find_map(|b| {
            let matched = b.keys.iter().find(|k| k.matches(key))?;
            Some(match (b.act, matched) {
                (Does::Act(a), _) => a,
                (Does::Number, _) => match key.code {
                    KeyCode::Char(c) => Action::Number(c.to_digit(10)? as u8),
                    _ => return None,
                },
                (Does::Edit, _) => Action::Edit(key),
            })
        })
    }

    /// The footer's hints, in order.
    pub fn hints(self) -> impl Iterator<Item = &'static Binding> {
        self.bindings().filter(|b| b.shown != Shown::HelpOnly)
    }

    /// What `?` lists: every key, one line each.
    pub fn listed(self) -> impl Iterator<Item = &'static Binding> {
        self.bindings().filter(|b| b.shown != Shown::FooterOnly)
    }
}

impl Key {
    fn matches(self, key: KeyEvent) -> bool {
        let ctrl_or_alt = key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match self {
            Key::Code(code) => key.code == code && !ctrl_or_alt,
            Key::Char(c) => key.code == KeyCode::Char(c) && !ctrl_or_alt,
            Key::Ctrl(c) => {
                key.code == KeyCode::Char(c) && key.modifiers.contains(KeyModifiers::CONTROL)
            }
            Key::Alt(code) => key.code == code && key.modifiers.contains(KeyModifiers::ALT),
            Key::Digit => {
                matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()) && !ctrl_or_alt
            }
            Key::Rest => true,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    /// Every keymap, for tests that go through all of them.
    pub(crate) const ALL: [Keymap; 43] = [
        Keymap::Plans,
        Keymap::GuideResume,
        Keymap::Ask,
        Keymap::Placing,
        Keymap::PickColour,
        Keymap::HoldStaying,
        Keymap::NoBack(&Keymap::Say),
        Keymap::Home,
        Keymap::Help,
        Keymap::Support,
        Keymap::LeaveKeep,
        Keymap::LeaveNothing,
        Keymap::Say,
        Keymap::Timed,
        Keymap::TimedPaused,
        Keymap::Hold,
        Keymap::HoldPaused,
        Keymap::Scale,
        Keymap::Pick,
        Keymap::PickMany,
        Keymap::PickOther,
        Keymap::PickAsk,
        Keymap::Typing,
        Keymap::TypingMulti,
        Keymap::List,
        Keymap::Saving,
        Keymap::Finished,
        Keymap::SaveFailed,
        Keymap::ReviewHistory,
        Keymap::ReviewDetail,
        Keymap::ReviewField,
        Keymap::ReviewPicker,
        Keymap::ReviewConfirm,
        Keymap::ReviewEdit,
        Keymap::ReviewEditMulti,
        Keymap::ReviewExport,
        Keymap::ReviewTrends,
        Keymap::ReviewCalendar,
        Keymap::ReviewDay,
        Keymap::Plan,
        Keymap::PlanTyping,
        Keymap::GuideChoose,
        Keymap::GuideStep,
    ];

    #[test]
    fn space_pauses_a_clock_but_marks_a_hold() {
        assert_eq!(
            Keymap::Timed.action(press(KeyCode::Char(' '))),
            Some(Action::Pause)
        );
        assert_eq!(
            Keymap::Hold.action(press(KeyCode::Char(' '))),
            Some(Action::Mark)
        );
        assert_eq!(
            Keymap::PickMany.action(press(KeyCode::Char(' '))),
            Some(Action::Toggle)
        );
    }

    #[test]
    fn typing_keeps_letters_and_backspace_for_the_field() {
        for code in [
            KeyCode::Char('q'),
            KeyCode::Char('?'),
            KeyCode::Char('!'),
            KeyCode::Backspace,
        ] {
            assert_eq!(
                Keymap::Typing.action(press(code)),
                Some(Action::Edit(press(code)))
            );
        }
        assert_eq!(
            Keymap::Typing.action(press(KeyCode::BackTab)),
            Some(Action::Back)
        );
        assert_eq!(
            Keymap::Typing.action(press(KeyCode::Esc)),
            Some(Action::Leave)
        );
        assert_eq!(
            Keymap::Typing.action(press(KeyCode::F(2))),
            Some(Action::Support)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(Keymap::Typing.action(ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn multiline_confirms_with_ctrl_d_or_alt_enter() {
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(Keymap::TypingMulti.action(ctrl_d), Some(Action::Finish));
        assert_eq!(Keymap::TypingMulti.action(alt_enter), Some(Action::Finish));
        assert_eq!(
            Keymap::TypingMulti.action(press(KeyCode::Enter)),
            Some(Action::Confirm)
        );
    }

    #[test]
    fn digits_carry_their_value() {
        assert_eq!(
            Keymap::Scale.action(press(KeyCode::Char('4'))),
            Some(Action::Number(4))
        );
    }

    #[test]
    fn support_and_help_reach_every_screen_and_every_hint_is_a_live_key() {
        for map in ALL {
            let actions: Vec<Action> = map
                .bindings()
                .filter_map(|b| match b.act {
                    Does::Act(a) => Some(a),
                    _ => None,
                })
                .collect();
            if map != Keymap::Support {
                assert!(
                    actions.contains(&Action::Support),
                    "{map:?} has no support key"
                );
            }
            assert!(actions.contains(&Action::Quit), "{map:?} has no way out");
            assert!(map.hints().count() > 0, "{map:?} shows no hints");
        }
    }

    #[test]
    fn review_keys_are_review_actions_and_text_stays_text() {
        let q = press(KeyCode::Char('q'));
        assert_eq!(
            Keymap::ReviewHistory.action(q),
            Some(Action::Review(ReviewAction::Leave))
        );
        assert_eq!(Keymap::ReviewField.action(q), Some(Action::Edit(q)));
        let question = press(KeyCode::Char('?'));
        assert_eq!(Keymap::ReviewHistory.action(question), Some(Action::Help));
        assert_eq!(
            Keymap::ReviewField.action(question),
            Some(Action::Edit(question))
        );
        assert_eq!(
            Keymap::ReviewField.action(press(KeyCode::F(1))),
            Some(Action::Help)
        );
        // Esc steps back everywhere in review; it is never "quit".
        for map in ALL
            .iter()
            .filter(|m| format!("{m:?}").starts_with("Review"))
        {
            let esc = map.action(press(KeyCode::Esc));
            assert!(
                matches!(
                    esc,
                    Some(Action::Review(ReviewAction::Back | ReviewAction::No))
                ),
                "{map:?}: Esc is {esc:?}"
            );
        }
        // Multiline answers in review take the practice screen's keys.
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Keymap::ReviewEditMulti.action(ctrl_d), Some(Action::Finish));
        assert_eq!(
            Keymap::ReviewEditMulti.action(press(KeyCode::Enter)),
            Some(Action::Confirm)
        );
        assert_eq!(
            Keymap::ReviewHistory.action(press(KeyCode::Char('2'))),
            Some(Action::Number(2))
        );
        // A key review does not use is no action at all.
        assert_eq!(Keymap::ReviewTrends.action(press(KeyCode::Char('z'))), None);
    }

    /// The key a word of a label names; None for words that are not keys ("letters").
    fn named(word: &str) -> Option<Key> {
        Some(match word {
            "↑" => UP,
            "↓" => DOWN,
            "←" => LEFT,
            "→" => RIGHT,
            "Enter" => ENTER,
            "Esc" => ESC,
            "Space" => SPACE,
            "Tab" => TAB,
            "Shift-Tab" => BACK_TAB,
            "PgUp" => PG_UP,
            "PgDn" => PG_DOWN,
            "Home" => HOME_KEY,
            "End" => END_KEY,
            "Backspace" => Code(KeyCode::Backspace),
            "F1" => Code(KeyCode::F(1)),
            "F2" => Code(KeyCode::F(2)),
            "1-9" => Key::Digit,
            w if w.starts_with("Ctrl-") => Ctrl(w.chars().last()?.to_ascii_lowercase()),
            w if w.chars().count() == 1 => Char(w.chars().next()?),
            _ => return None,
        })
    }

    /// The words of a label, arrows one by one ("↑↓" is two keys).
    fn words(label: &str) -> Vec<String> {
        label
            .split_whitespace()
            .flat_map(|w| {
                if w.chars().all(|c| "↑↓←→".contains(c)) {
                    w.chars().map(String::from).collect()
                } else {
                    vec![w.to_owned()]
                }
            })
            .collect()
    }

    #[test]
    fn help_names_each_key_once_and_only_keys_its_line_has() {
        for map in ALL {
            let mut seen: Vec<String> = Vec::new();
            for b in map.listed() {
                for word in words(b.label) {
                    assert!(
                        !seen.contains(&word),
                        "{map:?}: `{word}` is written on two lines of ?"
                    );
                    if let Some(key) = named(&word)
                        && !b.keys.contains(&Key::Rest)
                    {
                        assert!(
                            b.keys.contains(&key),
                            "{map:?}: `{}` says {word} but that key does something else",
                            b.label
                        );
                    }
                    seen.push(word);
                }
            }
        }
    }

    #[test]
    fn the_first_step_offers_no_back_and_a_staying_hold_no_urge() {
        let first = Keymap::Say.without_back();
        assert!(first.bindings().all(|b| b.act != Does::Act(Action::Back)));
        assert_eq!(first.action(press(KeyCode::Char('b'))), None);
        assert_eq!(first.action(press(KeyCode::Enter)), Some(Action::Confirm));
        assert_eq!(first.base(), Keymap::Say);
        let staying: Vec<_> = Keymap::HoldStaying.hints().map(|b| b.act).collect();
        assert!(!staying.contains(&Does::Act(Action::Mark)));
        assert_eq!(
            Keymap::Hold.action(press(KeyCode::Enter)),
            Some(Action::Confirm)
        );
        assert_eq!(Keymap::Pick.action(press(KeyCode::End)), Some(Action::Last));
        assert_eq!(Keymap::List.action(press(KeyCode::Tab)), Some(Action::Down));
    }

    #[test]
    fn only_a_practice_promises_to_keep_answers_on_ctrl_c() {
        let practice = |m: &Keymap| {
            !format!("{m:?}").starts_with("Review")
                && !matches!(
                    m,
                    Keymap::Home
                        | Keymap::Help
                        | Keymap::Support
                        | Keymap::Plan
                        | Keymap::PlanTyping
                        | Keymap::GuideChoose
                        | Keymap::GuideStep
                        | Keymap::Saving
                        | Keymap::Finished
                        | Keymap::SaveFailed
                        | Keymap::Ask
                        | Keymap::GuideResume
                        | Keymap::Plans
                        | Keymap::Placing
                )
        };
        for map in ALL {
            let promises = map
                .listed()
                .any(|b| b.does.contains("keeping what you answered"));
            assert_eq!(promises, practice(&map), "{map:?}");
        }
    }

    #[test]
    fn every_text_field_lists_every_key_of_the_editor() {
        for map in [
            Keymap::Typing,
            Keymap::TypingMulti,
            Keymap::List,
            Keymap::PickOther,
            Keymap::PlanTyping,
            Keymap::ReviewField,
            Keymap::ReviewEdit,
            Keymap::ReviewEditMulti,
            Keymap::ReviewExport,
        ] {
            let labels: Vec<&str> = map.listed().map(|b| b.label).collect();
            for editing in EDITOR {
                assert!(labels.contains(&editing.label), "{map:?}: {labels:?}");
            }
            let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
            assert_eq!(map.action(ctrl_w), Some(Action::Edit(ctrl_w)), "{map:?}");
        }
        assert!(Keymap::Home.listed().all(|b| b.label != "Ctrl-W"));
    }

    #[test]
    fn the_colour_grid_footer_names_the_arrows_along_its_rows() {
        let hints: Vec<&str> = Keymap::PickColour.hints().map(|b| b.label).collect();
        assert!(hints.contains(&"←→") && !hints.contains(&"↑↓"), "{hints:?}");
        assert_eq!(
            Keymap::PickColour.action(press(KeyCode::Right)),
            Some(Action::Down)
        );
        assert_eq!(
            Keymap::PickColour.action(press(KeyCode::Left)),
            Some(Action::Up)
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut key = press(KeyCode::Enter);
        key.kind = KeyEventKind::Release;
        assert_eq!(Keymap::Home.action(key), None);
    }
}
