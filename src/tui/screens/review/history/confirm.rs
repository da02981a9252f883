//! A yes-or-no question in History (delete this entry?): y is yes; n and Esc are no.

use super::super::Step;
use crate::tui::action::{Action, ReviewAction};

/// `Done` on yes, `Back` on no, `Stay` on anything else (the question stays on screen).
pub fn answer(action: Action) -> Step<()> {
    match action {
        Action::Review(ReviewAction::Yes) => Step::Done(()),
        Action::Review(ReviewAction::No | ReviewAction::Back) => Step::Back,
        _ => Step::Stay,
    }
}
