//! History's day fields (`f` from, `t` until): a date in the same forms as the command
//! line's `--since`/`--until`; empty removes the bound; a wrong form says what to type.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::super::Step;
use super::super::field::{self, FieldView, Typed};
use crate::journal::query::{DATE_FORMS, DateSpec};
use crate::tui::action::Action;
use crate::tui::widgets::{LineEditor, Theme};

#[derive(Debug, Clone)]
pub struct DateField {
    /// The last day shown (`t`), rather than the first (`f`).
    pub until: bool,
    input: LineEditor,
    error: Option<String>,
}

impl DateField {
    pub fn new(until: bool, current: Option<NaiveDate>) -> Self {
        Self {
            until,
            input: field::field(&current.map(|d| d.to_string()).unwrap_or_default()),
            error: None,
        }
    }

    /// `Done(None)` removes the bound, `Done(Some(day))` sets it.
    pub fn update(&mut self, action: Action, today: NaiveDate) -> Step<Option<NaiveDate>> {
        match field::type_into(&mut self.input, action) {
            Typed::Submit if self.input.text().trim().is_empty() => Step::Done(None),
            Typed::Submit => match DateSpec::parse(self.input.text()) {
                Ok(spec) => Step::Done(Some(spec.resolve(today))),
                Err(e) => {
                    self.error = Some(format!("{e}; type {DATE_FORMS}."));
                    Step::Stay
                }
            },
            Typed::Cancel => Step::Back,
            Typed::Changed => {
                self.error = None;
                Step::Stay
            }
            Typed::Moved | Typed::Other => Step::Stay,
        }
    }
}

/// The date field, or why what was typed is not a day.
pub struct DateView<'a> {
    pub field: &'a DateField,
    pub theme: Theme,
}

impl Widget for DateView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (field, theme) = (self.field, self.theme);
        if let Some(error) = &field.error {
            Span::styled(error.as_str(), theme.strong()).render(area, buf);
            return;
        }
        let label = if field.until {
            "Until (YYYY-MM-DD, today, yesterday, Nd; empty for none): "
        } else {
            "From (YYYY-MM-DD, today, yesterday, Nd; empty for none): "
        };
        FieldView {
            label,
            editor: &field.input,
            theme,
        }
        .render(area, buf);
    }
}
