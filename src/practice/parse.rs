//! Reading a practice file: TOML with positions in, a checked `Practice` out, or every
//! problem found, each with its line, column and what was expected. Files may be hostile,
//! so sizes are bounded and no text with control characters gets through.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::PracticeError;
use super::fields::{Checker, Fields, TextRule, describe, shown};
use super::model::{Origin, Practice, Step};
use super::steps::read_step;

/// The largest practice file read, in bytes.
pub const MAX_FILE_BYTES: usize = 64 * 1024;
/// The most steps one practice may have.
pub const MAX_STEPS: usize = 100;
/// The longest piece of text anywhere in a practice, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The longest id or key, in characters.
pub(super) const MAX_NAME_CHARS: usize = 64;

/// Prompts, summaries, sources: one line each.
pub(crate) const LINE: TextRule = TextRule {
    max_chars: MAX_TEXT_CHARS,
    multiline: false,
};
/// What a `say` step shows may run over several lines.
pub(crate) const PARAGRAPH: TextRule = TextRule {
    max_chars: MAX_TEXT_CHARS,
    multiline: true,
};
/// Titles, options and labels, which sit in lists and headings.
pub(crate) const SHORT: TextRule = TextRule {
    max_chars: 100,
    multiline: false,
};
/// Colour names, as in the settings' palette.
pub(super) const COLOUR: TextRule = TextRule {
    max_chars: 24,
    multiline: false,
};

const TOP_FIELDS: [&str; 7] = [
    "id", "title", "summary", "source", "tags", "private", "steps",
];

/// Reads and checks one practice file. `origin` is kept in the practice and names the file
/// in errors (a built-in practice is named `built-in`).
pub fn parse(text: &str, origin: Origin) -> Result<Practice, Vec<PracticeError>> {
    let label = match &origin {
        Origin::BuiltIn => "built-in".to_owned(),
        Origin::File(path) => path.display().to_string(),
    };
    parse_labelled(text, origin, &label)
}

/// As `parse`, naming the file `label` in errors.
pub(super) fn parse_labelled(
    text: &str,
    origin: Origin,
    label: &str,
) -> Result<Practice, Vec<PracticeError>> {
    parse_toml(text, label, |cx, doc| read_practice(cx, doc, origin))
}

/// Reads one of steady's TOML files (a practice, a guide): the size limit, syntax errors
/// at their place, then `read` over the table; every problem with its line and column.
pub(crate) fn parse_toml<T>(
    text: &str,
    label: &str,
    read: impl FnOnce(&mut Checker, &DeTable) -> Option<T>,
) -> Result<T, Vec<PracticeError>> {
    if text.len() > MAX_FILE_BYTES {
        return Err(vec![too_large(label, text.len())]);
    }
    let mut cx = Checker::new(text, label);
    let (doc, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        // What recovery makes of a broken file is a guess; checking it would only add
        // confusing follow-on errors.
        for e in &syntax {
            let span = e.span().unwrap_or(0..0);
            cx.error(&span, syntax_message(text, e.message(), &span));
        }
        return Err(cx.into_errors());
    }
    match read(&mut cx, doc.get_ref()) {
        Some(item) if !cx.has_errors() => Ok(item),
        _ => Err(cx.into_errors()),
    }
}

/// The problem with a file over the size limit.
pub(crate) fn too_large(label: &str, bytes: usize) -> PracticeError {
    PracticeError::whole_file(
        label,
        format!(
            "is {} KiB; steady reads files of at most {} KiB, so split it or shorten its texts",
            bytes.div_ceil(1024),
            MAX_FILE_BYTES / 1024
        ),
    )
}

fn syntax_message(text: &str, message: &str, span: &Range<usize>) -> String {
    if message == "duplicate key" {
        let key = text.get(span.clone()).unwrap_or("");
        return format!("`{}` is set twice; keep one of them", shown(key));
    }
    format!(
        "this is not valid TOML ({}); check the quotes, brackets and `=` here",
        message.trim_end_matches('.')
    )
}

fn read_practice(cx: &mut Checker, doc: &DeTable, origin: Origin) -> Option<Practice> {
    let top = Fields::new(doc, 0..0, "the practice".to_owned());
    top.reject_unknown(
        cx,
        &TOP_FIELDS,
        &format!("a practice takes: {}", TOP_FIELDS.join(", ")),
    );
    let id = read_id(cx, &top, "breath-reset");
    let title = top.required_text(
        cx,
        "title",
        SHORT,
        "a short title, like title = \"Breath reset\"",
    );
    let summary = top.required_text(
        cx,
        "summary",
        LINE,
        "one sentence saying what the practice is for",
    );
    let source = top.required_text(
        cx,
        "source",
        LINE,
        "one sentence naming the idea and tradition it comes from",
    );
    let tags = read_tags(cx, &top);
    let private = super::steps::optional_bool(cx, &top, "private");
    let steps = match top.get("steps") {
        None => {
            top.missing(cx, "steps", "at least one [[steps]] table");
            None
        }
        Some(value) => read_steps(cx, value),
    };
    Some(Practice {
        id: id?,
        title: title?,
        summary: summary?,
        source: source?,
        tags: tags?,
        private: private?,
        steps: steps?,
        origin,
    })
}

fn read_tags(cx: &mut Checker, top: &Fields) -> Option<Vec<String>> {
    if top.get("tags").is_none() {
        return Some(Vec::new());
    }
    let rule = TextRule {
        max_chars: 32,
        multiline: false,
    };
    let tags = top.text_list(cx, "tags", (0, 10), rule)?;
    if let Some(bad) = tags.iter().find(|t| !is_kebab(t)) {
        let span = top.get("tags").map(Spanned::span).unwrap_or(0..0);
        cx.error(
            &span,
            format!("tag \"{bad}\" must be kebab-case (lowercase letters and digits joined by -)"),
        );
        return None;
    }
    Some(tags)
}

fn read_steps(cx: &mut Checker, value: &Spanned<DeValue>) -> Option<Vec<Step>> {
    let Some(items) = value.get_ref().as_array() else {
        cx.error(
            &value.span(),
            format!(
                "`steps` must be a list of [[steps]] tables, not {}",
                describe(value.get_ref())
            ),
        );
        return None;
    };
    if items.is_empty() {
        cx.error(&value.span(), "a practice needs at least one step");
        return None;
    }
    let mut ok = true;
    if let Some(extra) = items.get(MAX_STEPS) {
        cx.error(
            &extra.span(),
            format!(
                "this practice has {} steps; at most {MAX_STEPS} fit, so split it in two",
                items.len()
            ),
        );
        ok = false;
    }
    let mut seen_keys = Vec::new();
    let mut steps = Vec::with_capacity(items.len().min(MAX_STEPS));
    for (i, item) in items.iter().take(MAX_STEPS).enumerate() {
        let n = i + 1;
        let Some(table) = item.get_ref().as_table() else {
            cx.error(
                &item.span(),
                format!("step {n} must be a table of fields, written under [[steps]]"),
            );
            ok = false;
            continue;
        };
        match read_step(cx, table, item.span(), n, &mut seen_keys, &steps) {
            Some(step) => steps.push(step),
            None => ok = false,
        }
    }
    ok.then_some(steps)
}

/// The file's kebab-case `id`; `example` shows one in the message when it is missing.
pub(crate) fn read_id(cx: &mut Checker, top: &Fields, example: &str) -> Option<String> {
    let hint = format!("a kebab-case id, like id = \"{example}\"");
    top.required_text(cx, "id", LINE, &hint).and_then(|id| {
        check_name(
            cx,
            top,
            "id",
            id,
            is_kebab,
            "kebab-case (lowercase letters and digits joined by -)",
        )
    })
}

/// Checks an id or key against `rule` and the length limit.
pub(crate) fn check_name(
    cx: &mut Checker,
    f: &Fields,
    field: &str,
    name: String,
    rule: fn(&str) -> bool,
    expected: &str,
) -> Option<String> {
    if rule(&name) && name.len() <= MAX_NAME_CHARS {
        return Some(name);
    }
    let span = f.get(field).map(Spanned::span).unwrap_or(0..0);
    cx.error(
        &span,
        format!(
            "`{field}` in {} must be {expected}, at most {MAX_NAME_CHARS} characters, not \"{}\"",
            f.place,
            shown(&name)
        ),
    );
    None
}

/// `breath-reset`, `4-7-8`.
pub(crate) fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// `level`, `how-settled`, `urge_s`: starts with a letter.
pub(super) fn is_key_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.split(['-', '_']).all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}
