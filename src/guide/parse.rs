//! Reading a guide file: the same TOML machinery as practice files (sizes bounded, control
//! characters refused, every problem with its line and column), and the guide's own fields.
//! A step may name only practices steady has.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::{Guide, GuideStep};
use crate::practice::fields::{Checker, Fields};
use crate::practice::parse::{LINE, PARAGRAPH, SHORT, parse_toml, read_id};
use crate::practice::{Origin, PracticeError};

/// The most steps one guide may have.
pub const MAX_STEPS: usize = 30;

const TOP_FIELDS: [&str; 5] = ["id", "title", "summary", "source", "steps"];
const STEP_FIELDS: [&str; 5] = ["title", "text", "actions", "practices", "source"];

/// Reads and checks one guide file; `label` names it in errors and `known` says which
/// practice ids exist.
pub fn parse(
    text: &str,
    origin: Origin,
    label: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<Guide, Vec<PracticeError>> {
    parse_toml(text, label, |cx, doc| read_guide(cx, doc, origin, known))
}

fn read_guide(
    cx: &mut Checker,
    doc: &DeTable,
    origin: Origin,
    known: &dyn Fn(&str) -> bool,
) -> Option<Guide> {
    let top = Fields::new(doc, 0..0, "the guide".to_owned());
    top.reject_unknown(
        cx,
        &TOP_FIELDS,
        &format!("a guide takes: {}", TOP_FIELDS.join(", ")),
    );
    let id = read_id(cx, &top, "eight-steps");
    let title = top.required_text(cx, "title", SHORT, "a short title");
    let summary = top.required_text(
        cx,
        "summary",
        LINE,
        "one sentence saying what the guide is for",
    );
    let source = top.required_text(
        cx,
        "source",
        LINE,
        "one sentence naming where the guide comes from",
    );
    let steps = match top.get("steps") {
        None => {
            top.missing(cx, "steps", "at least one [[steps]] table");
            None
        }
        Some(value) => read_steps(cx, value, known),
    };
    Some(Guide {
        id: id?,
        title: title?,
        summary: summary?,
        source: source?,
        steps: steps?,
        origin,
    })
}

fn read_steps(
    cx: &mut Checker,
    value: &Spanned<DeValue>,
    known: &dyn Fn(&str) -> bool,
) -> Option<Vec<GuideStep>> {
    let items = match value.get_ref().as_array() {
        Some(items) if !items.is_empty() && items.len() <= MAX_STEPS => items,
        _ => {
            cx.error(
                &value.span(),
                format!("`steps` must be 1 to {MAX_STEPS} [[steps]] tables"),
            );
            return None;
        }
    };
    let mut steps = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let place = format!("step {}", i + 1);
        let Some(table) = item.get_ref().as_table() else {
            cx.error(
                &item.span(),
                format!("{place} must be a table of fields, written under [[steps]]"),
            );
            ok = false;
            continue;
        };
        match read_step(cx, &Fields::new(table, item.span(), place), known) {
            Some(step) => steps.push(step),
            None => ok = false,
        }
    }
    ok.then_some(steps)
}

fn read_step(cx: &mut Checker, f: &Fields, known: &dyn Fn(&str) -> bool) -> Option<GuideStep> {
    f.reject_unknown(
        cx,
        &STEP_FIELDS,
        &format!("a guide step takes: {}", STEP_FIELDS.join(", ")),
    );
    let title = f.required_text(cx, "title", SHORT, "a short title for the step");
    let text = f.required_text(cx, "text", PARAGRAPH, "a few sentences about the step");
    let source = f.required_text(
        cx,
        "source",
        LINE,
        "one sentence naming the passage the step comes from",
    );
    let actions = if f.get("actions").is_none() {
        f.missing(
            cx,
            "actions",
            "a list of what to do, like actions = [\"…\"]",
        );
        None
    } else {
        f.text_list(cx, "actions", (1, 12), LINE)
    };
    let practices = if f.get("practices").is_none() {
        Some(Vec::new())
    } else {
        f.text_list(cx, "practices", (0, 12), SHORT)
    };
    if let (Some(ids), Some(value)) = (&practices, f.get("practices")) {
        for (id, item) in ids
            .iter()
            .zip(value.get_ref().as_array().into_iter().flatten())
        {
            if !known(id) {
                cx.error(
                    &item.span(),
                    format!(
                        "{} names the practice `{id}`, which steady does not have; `steady practices` lists the ids",
                        f.place
                    ),
                );
            }
        }
    }
    Some(GuideStep {
        title: title?,
        text: text?,
        actions: actions?,
        practices: practices?,
        source: source?,
    })
}
