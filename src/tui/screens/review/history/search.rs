//! History's search field: the text answers are searched as it is typed; Enter keeps the
//! search, Esc puts back the one before.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::super::Step;
use super::super::field::{self, FieldView, Typed};
use crate::tui::action::Action;
use crate::tui::widgets::{LineEditor, Theme};

#[derive(Debug, Clone)]
pub struct SearchField {
    input: LineEditor,
    /// The search to go back to on Esc.
    before: String,
}

impl SearchField {
    pub fn new(search: &str) -> Self {
        Self {
            input: field::field(search),
            before: search.to_owned(),
        }
    }

    /// The search as typed so far.
    pub fn text(&self) -> &str {
        self.input.text()
    }

    /// `Done` keeps the search typed; `Back` gives the one to put back.
    pub fn update(&mut self, action: Action) -> Step<String> {
        match field::type_into(&mut self.input, action) {
            Typed::Submit => Step::Done(self.input.text().to_owned()),
            Typed::Cancel => Step::Back,
            Typed::Changed | Typed::Moved | Typed::Other => Step::Stay,
        }
    }

    /// The search to put back when the field is left with Esc.
    pub fn before(&self) -> &str {
        &self.before
    }
}

/// The search field, drawn.
pub struct SearchView<'a> {
    pub field: &'a SearchField,
    pub theme: Theme,
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        FieldView {
            label: "Search text answers: ",
            editor: &self.field.input,
            theme: self.theme,
        }
        .render(area, buf);
    }
}
