//! What a key means on the screen it was pressed on. The keymap turns key events into these;
//! `App::update` is the only thing that acts on them.

use ratatui::crossterm::event::KeyEvent;

/// One thing the person asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave steady (keeping anything already answered).
    Quit,
    /// Show every key of the current screen.
    Help,
    /// Show where to find help in a crisis.
    Support,
    /// Close the overlay on top.
    Close,
    Up,
    Down,
    Left,
    Right,
    /// A page up or down in a list.
    PageUp,
    PageDown,
    /// To the first or the last of a list.
    First,
    Last,
    /// Enter: start, go on, confirm.
    Confirm,
    /// Back to the previous question, its answer kept.
    Back,
    /// Esc in a practice: ask whether to keep, discard or carry on.
    Leave,
    /// Pause or resume the practice clock.
    Pause,
    /// On a hold step: the urge to leave has come.
    Mark,
    /// On a hold step: the moment already happened; tell it from memory.
    Recall,
    /// Tick or untick the option under the cursor (multiple choice).
    Toggle,
    /// A digit key, for choosing a scale value or an option by number.
    Number(u8),
    /// A key for the text field in focus (letters, arrows, Backspace, Enter in multiline).
    Edit(KeyEvent),
    /// Confirm a text field (in multiline fields Enter makes a new line).
    Finish,
    /// Leaving a practice: keep what was answered.
    Keep,
    /// Leaving a practice: let it go.
    Discard,
    /// Try saving again after a failed save.
    Retry,
    /// Pass a question by for now (where a feeling word of one's own sits).
    NotNow,
    /// Open the review screens (history, trends, calendar).
    OpenReview,
    /// A key of the review screens.
    Review(ReviewAction),
    /// Open the person's safety plan to write or change it.
    Plan,
    /// Remove the line under the cursor (the safety plan).
    Remove,
    /// Open the guides: choose one, or see the step under way.
    Guides,
    /// In a guide: move on to the next step (or finish the last).
    NextStep,
    /// In a guide: leave it.
    LeaveGuide,
    /// Open "your plans": the safety plan and the plans made in practices.
    Plans,
    /// Yes to a question outside review (remove a plan line, leave a guide).
    Yes,
    /// No to it: nothing changes.
    No,
}

/// What a key means on the review screens (History, Trends, Calendar and their dialogs),
/// beside the moves, Enter and typing they share with the rest of steady.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    /// The next screen (Tab) or the one before (Shift-Tab).
    NextScreen,
    PreviousScreen,
    /// Back one level: close what is open, clear the filters; never out of review.
    Back,
    /// Leave review (back home, or out when review was all steady opened).
    Leave,
    /// History: type a search.
    Search,
    /// History: choose practices to show.
    Practices,
    /// History: type the first day shown.
    From,
    /// History: type the last day shown.
    Until,
    /// History: delete the entry (asks first).
    Delete,
    /// History: edit or fill in a text answer of the entry.
    EditAnswer,
    /// History: take back the last delete or edit.
    Undo,
    /// History: export what is shown.
    Export,
    /// A dialog's next field or choice (the next answer, the next format), or the one before.
    NextField,
    PreviousField,
    /// A yes-or-no question: yes, or no.
    Yes,
    No,
    /// Trends: the next range (30 days, 90 days, a year, all).
    Range,
    /// Calendar: a month or a year.
    View,
    /// Calendar: back to today.
    Today,
}
