//! Reading typed fields out of a parsed TOML table while remembering where each one was, so
//! that every problem can be reported at its line and column. Problems are collected, not
//! returned early: a person fixing a file wants to see all of them at once.

use std::ops::Range;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::PracticeError;
use crate::text;

/// The shortest and longest duration anywhere in a practice file, in milliseconds.
const MIN_MS: u64 = 1_000;
const MAX_MS: u64 = 2 * 60 * 60 * 1_000;

/// Collects the problems found in one file.
pub(crate) struct Checker<'a> {
    text: &'a str,
    path: &'a str,
    errors: Vec<PracticeError>,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(text: &'a str, path: &'a str) -> Self {
        Self {
            text,
            path,
            errors: Vec::new(),
        }
    }

    /// Records a problem found at the start of `span`.
    pub(crate) fn error(&mut self, span: &Range<usize>, message: impl AsRef<str>) {
        let (line, column) = text::line_col(self.text, span.start);
        self.errors
            .push(PracticeError::at(self.path, line, column, message));
    }

    /// Records a problem at `needle` where it is written as is inside `span` (the text of a
    /// string in the file); at the start of `span` when it is not (an escape sequence).
    pub(crate) fn error_at_text(
        &mut self,
        span: &Range<usize>,
        needle: &str,
        message: impl AsRef<str>,
    ) {
        let found = self
            .text
            .get(span.clone())
            .and_then(|written| written.find(needle))
            .map_or(span.start, |at| span.start + at);
        self.error(&(found..found), message);
    }

    pub(crate) fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every problem, in the order they appear in the file.
    pub(crate) fn into_errors(mut self) -> Vec<PracticeError> {
        self.errors.sort_by_key(|e| (e.line, e.column));
        self.errors
    }
}

/// How long a piece of text may be, and whether it may span lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextRule {
    pub max_chars: usize,
    pub multiline: bool,
}

/// An optional field that is there but wrong: the `Checker` has been told why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reported;

/// A table being read: its fields, where it starts, and how messages name it ("step 3").
pub(crate) struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    pub span: Range<usize>,
    pub place: String,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub(crate) fn new(table: &'t DeTable<'i>, span: Range<usize>, place: String) -> Self {
        Self { table, span, place }
    }

    pub(crate) fn get(&self, name: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(name)
    }

    /// Reports every field not in `allowed`; `takes` describes what the table does take.
    pub(crate) fn reject_unknown(&self, cx: &mut Checker, allowed: &[&str], takes: &str) {
        for key in self.table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                cx.error(
                    &key.span(),
                    format!(
                        "unknown field `{}` in {} ({takes})",
                        shown(key.get_ref()),
                        self.place
                    ),
                );
            }
        }
    }

    /// Reports a missing field; `hint` says what to add.
    pub(crate) fn missing(&self, cx: &mut Checker, name: &str, hint: &str) {
        cx.error(
            &self.span,
            format!("{} has no `{name}`; add {hint}", self.place),
        );
    }

    /// Reports a value that is not what `expected` says: of the wrong type, or out of range.
    fn wrong_type(&self, cx: &mut Checker, name: &str, value: &Spanned<DeValue>, expected: &str) {
        cx.error(
            &value.span(),
            format!(
                "`{name}` in {} must be {expected}, not {}",
                self.place,
                describe(value.get_ref())
            ),
        );
    }

    /// An optional piece of text, checked against `rule`. Leading and trailing whitespace
    /// is dropped.
    pub(crate) fn text(&self, cx: &mut Checker, name: &str, rule: TextRule) -> Option<String> {
        let value = self.get(name)?;
        let Some(s) = value.get_ref().as_str() else {
            self.wrong_type(cx, name, value, "text in quotes");
            return None;
        };
        let what = format!("`{name}` in {}", self.place);
        check_text(cx, &value.span(), &what, s, rule)
    }

    /// A piece of text that must be there; `hint` says what to add when it is not.
    pub(crate) fn required_text(
        &self,
        cx: &mut Checker,
        name: &str,
        rule: TextRule,
        hint: &str,
    ) -> Option<String> {
        if self.get(name).is_none() {
            self.missing(cx, name, hint);
            return None;
        }
        self.text(cx, name, rule)
    }

    pub(super) fn bool(&self, cx: &mut Checker, name: &str) -> Option<bool> {
        let value = self.get(name)?;
        let b = value.get_ref().as_bool();
        if b.is_none() {
            self.wrong_type(cx, name, value, "true or false");
        }
        b
    }

    /// An optional whole number, with where it was written.
    pub(super) fn int(&self, cx: &mut Checker, name: &str) -> Option<(i64, Range<usize>)> {
        let value = self.get(name)?;
        let Some(n) = value.get_ref().as_integer() else {
            self.wrong_type(cx, name, value, "a whole number");
            return None;
        };
        if let Ok(n) = i64::from_str_radix(n.as_str(), n.radix()) {
            Some((n, value.span()))
        } else {
            cx.error(
                &value.span(),
                format!("`{name}` in {} is far too large", self.place),
            );
            None
        }
    }

    /// A whole number from `min` to `max` that must be there.
    pub(super) fn int_within(
        &self,
        cx: &mut Checker,
        name: &str,
        min: i64,
        max: i64,
        hint: &str,
    ) -> Option<i64> {
        if self.get(name).is_none() {
            self.missing(cx, name, hint);
            return None;
        }
        let (n, span) = self.int(cx, name)?;
        if n < min || n > max {
            cx.error(
                &span,
                format!(
                    "`{name}` in {} must be from {min} to {max}, not {n}",
                    self.place
                ),
            );
            return None;
        }
        Some(n)
    }

    /// An optional duration in seconds (a whole or decimal number), from 1 s to 2 hours,
    /// kept to the millisecond.
    pub(super) fn duration(
        &self,
        cx: &mut Checker,
        name: &str,
    ) -> Option<(Duration, Range<usize>)> {
        let value = self.get(name)?;
        let expected = "a number of seconds from 1 to 7200 (2 hours)";
        let secs = match value.get_ref() {
            DeValue::Integer(n) => {
                i64::from_str_radix(n.as_str(), n.radix()).map_or(f64::INFINITY, |n| n as f64)
            }
            DeValue::Float(f) => f.as_str().parse::<f64>().unwrap_or(f64::NAN),
            _ => {
                self.wrong_type(cx, name, value, expected);
                return None;
            }
        };
        let ms = (secs * 1000.0).round();
        if !(ms >= MIN_MS as f64 && ms <= MAX_MS as f64) {
            // Out of range reads the same as the wrong type: the message says what fits.
            self.wrong_type(cx, name, value, expected);
            return None;
        }
        Some((Duration::from_millis(ms as u64), value.span()))
    }

    /// A duration that must be there.
    pub(super) fn required_duration(
        &self,
        cx: &mut Checker,
        name: &str,
        hint: &str,
    ) -> Option<(Duration, Range<usize>)> {
        if self.get(name).is_none() {
            self.missing(cx, name, hint);
            return None;
        }
        self.duration(cx, name)
    }

    /// An optional list of distinct pieces of text, from `min_len` to `max_len` of them.
    pub(crate) fn text_list(
        &self,
        cx: &mut Checker,
        name: &str,
        (min_len, max_len): (usize, usize),
        rule: TextRule,
    ) -> Option<Vec<String>> {
        let value = self.get(name)?;
        let expected = "a list of texts in quotes, like [\"one\", \"two\"]";
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_type(cx, name, value, expected);
            return None;
        };
        if items.len() < min_len || items.len() > max_len {
            cx.error(
                &value.span(),
                format!(
                    "`{name}` in {} must list from {min_len} to {max_len} items, not {}",
                    self.place,
                    items.len()
                ),
            );
            return None;
        }
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let what = format!("item {} of `{name}` in {}", i + 1, self.place);
            let Some(s) = item.get_ref().as_str() else {
                cx.error(
                    &item.span(),
                    format!(
                        "{what} must be text in quotes, not {}",
                        describe(item.get_ref())
                    ),
                );
                ok = false;
                continue;
            };
            match check_text(cx, &item.span(), &what, s, rule) {
                Some(s) if out.contains(&s) => {
                    cx.error(
                        &item.span(),
                        format!("{what} repeats \"{s}\"; each item must be different"),
                    );
                    ok = false;
                }
                Some(s) => out.push(s),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// Checks one piece of text: not empty, no control characters, not too long, one line
/// unless the rule allows more. Returns it trimmed.
pub(super) fn check_text(
    cx: &mut Checker,
    span: &Range<usize>,
    what: &str,
    s: &str,
    rule: TextRule,
) -> Option<String> {
    // Files saved on Windows carry CRLF inside multi-line strings; a lone CR is still refused.
    let normalised;
    let s = if rule.multiline {
        normalised = s.replace("\r\n", "\n");
        normalised.as_str()
    } else {
        s
    };
    let trimmed = s.trim();
    if trimmed.is_empty() {
        cx.error(span, format!("{what} is empty; write something there"));
        return None;
    }
    if let Some(c) = trimmed
        .chars()
        .find(|&c| text::is_control(c) && !(rule.multiline && c == '\n'))
    {
        let why = if c == '\n' {
            "must be one line".to_owned()
        } else {
            format!(
                "holds the control character U+{:04X}, which could garble the terminal; remove it",
                c as u32
            )
        };
        cx.error(span, format!("{what} {why}"));
        return None;
    }
    let chars = trimmed.chars().count();
    if chars > rule.max_chars {
        cx.error(
            span,
            format!(
                "{what} is {chars} characters long; at most {} fit",
                rule.max_chars
            ),
        );
        return None;
    }
    Some(trimmed.to_owned())
}

/// A value as a message may quote it: short, and never raw control characters.
pub(super) fn shown(s: &str) -> String {
    let cleaned = text::clean(s, false);
    let mut out: String = cleaned.chars().take(40).collect();
    if cleaned.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// A value described for a message: numbers and short texts as written, the rest by type.
pub(super) fn describe(value: &DeValue) -> String {
    match value {
        DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
            .map_or_else(|_| n.to_string(), |n| n.to_string()),
        DeValue::Float(f) => f.as_str().to_owned(),
        DeValue::String(s) => format!("\"{}\"", shown(s)),
        other => other.type_str().to_owned(),
    }
}
