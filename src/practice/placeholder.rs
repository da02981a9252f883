//! Words from an earlier answer in a later `say` step: `text = "I'm having the thought that
//! {thought}"` shows what the person wrote under the key `thought`. A placeholder is a key in
//! braces; `{{` and `}}` write a brace itself. Each placeholder is checked when the file is
//! read: it must name an earlier step that always records words (a required text, a single
//! choice, a colour, never shown only sometimes), so a run always has something to put in.

use std::borrow::Cow;

use super::fields::{Checker, shown};
use super::model::{Step, StepKind};
use super::parse::is_key_name;

/// One piece of a text: words as written, or the key of an answer to put in.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'t> {
    Words(Cow<'t, str>),
    Answer(&'t str),
}

/// A brace that is not part of a placeholder, at this byte offset of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StrayBrace(usize);

/// The pieces of `text`, or the first brace that is neither a placeholder nor doubled.
fn pieces(text: &str) -> Result<Vec<Piece<'_>>, StrayBrace> {
    let mut pieces = Vec::new();
    let mut words = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        words.push_str(&rest[..at]);
        let offset = text.len() - rest.len() + at;
        let after = &rest[at + 1..];
        let brace = &rest[at..=at];
        if after.starts_with(brace) {
            words.push_str(brace);
            rest = &after[1..];
            continue;
        }
        let key = after.split_once('}').map(|(key, _)| key);
        match key {
            Some(key) if brace == "{" && is_key_name(key) => {
                if !words.is_empty() {
                    pieces.push(Piece::Words(Cow::Owned(std::mem::take(&mut words))));
                }
                pieces.push(Piece::Answer(key));
                rest = &after[key.len() + 1..];
            }
            _ => return Err(StrayBrace(offset)),
        }
    }
    words.push_str(rest);
    if !words.is_empty() {
        pieces.push(Piece::Words(Cow::Owned(words)));
    }
    Ok(pieces)
}

/// `text` with each placeholder replaced by `answer` of its key ("…" when there is none),
/// and doubled braces made single. Text with no braces comes back as it is.
pub fn fill(text: &str, answer: impl Fn(&str) -> Option<String>) -> Cow<'_, str> {
    if !text.contains(['{', '}']) {
        return Cow::Borrowed(text);
    }
    // A text that was read is well formed; anything else is shown as written.
    let Ok(pieces) = pieces(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    for piece in pieces {
        match piece {
            Piece::Words(words) => out.push_str(&words),
            Piece::Answer(key) => out.push_str(&answer(key).unwrap_or_else(|| "…".to_owned())),
        }
    }
    Cow::Owned(out)
}

/// The keys of the placeholders in `text`, in order (none when a brace is stray).
pub fn keys(text: &str) -> Vec<&str> {
    pieces(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| match p {
            Piece::Answer(key) => Some(key),
            Piece::Words(_) => None,
        })
        .collect()
}

/// Checks the placeholders of `text`, the `field` of step `n` written at `span`: each names an
/// earlier step (of `earlier`) that always records words. Reports every problem; false when
/// there was any.
pub(super) fn check(
    cx: &mut Checker,
    span: &std::ops::Range<usize>,
    field: &str,
    text: &str,
    n: usize,
    earlier: &[Step],
    seen_keys: &[(String, usize)],
) -> bool {
    let pieces = match pieces(text) {
        Ok(pieces) => pieces,
        Err(StrayBrace(at)) => {
            let brace = &text[at..=at];
            cx.error_at_text(
                span,
                &text[at..],
                format!(
                    "`{field}` in step {n} has a `{brace}` that is not a placeholder; a placeholder is an earlier key in braces, like {{thought}}, and {brace}{brace} writes the brace itself"
                ),
            );
            return false;
        }
    };
    let mut ok = true;
    for key in pieces.iter().filter_map(|p| match p {
        Piece::Answer(key) => Some(*key),
        Piece::Words(_) => None,
    }) {
        let written = format!("{{{key}}}");
        let why = match earlier.iter().find(|s| s.key.as_deref() == Some(key)) {
            None if seen_keys.iter().any(|(k, _)| k == key) => continue,
            None => "which no earlier step records; name the key of a step before it".to_owned(),
            Some(step) if step.when.is_some() => {
                "whose step is shown only sometimes; name a step that is always shown".to_owned()
            }
            Some(step) => match &step.kind {
                StepKind::Text {
                    optional: false, ..
                }
                | StepKind::Colour { .. }
                | StepKind::Choice {
                    multiple: false, ..
                } => continue,
                StepKind::Text { .. } => {
                    "an optional text that may be left empty; name a text that must be answered"
                        .to_owned()
                }
                kind => format!(
                    "a `{}` step; a placeholder takes words from a text, a single choice or a colour",
                    kind.name()
                ),
            },
        };
        cx.error_at_text(
            span,
            &written,
            format!(
                "{written} in the `{field}` of step {n} names `{}`, {why}",
                shown(key)
            ),
        );
        ok = false;
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_doubled_braces() {
        let answer = |key: &str| (key == "thought").then(|| "they'll leave".to_owned());
        assert_eq!(fill("plain", answer), "plain");
        assert_eq!(
            fill("I'm having the thought that {thought}.", answer),
            "I'm having the thought that they'll leave."
        );
        assert_eq!(
            fill("{{thought}} {thought}", answer),
            "{thought} they'll leave"
        );
        assert_eq!(fill("{other}", answer), "…");
        assert_eq!(keys("{a} and {b-c} but {{d}}"), ["a", "b-c"]);
        assert_eq!(pieces("a { b"), Err(StrayBrace(2)));
        assert_eq!(pieces("a } b"), Err(StrayBrace(2)));
        assert_eq!(pieces("{Thought}"), Err(StrayBrace(0)));
        assert_eq!(pieces("{thought"), Err(StrayBrace(0)));
    }
}
