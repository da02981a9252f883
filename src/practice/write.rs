//! Writing a practice back out as a practice file. What `to_toml` writes, `parse` reads back
//! to the same practice (durations are kept to the millisecond, as `parse` keeps them).

use std::fmt::Write as _;
use std::time::Duration;

use super::model::{Practice, StepKind};

/// The practice as the text of a practice file.
pub fn to_toml(practice: &Practice) -> String {
    let mut out = String::new();
    line(&mut out, "id", &quote(&practice.id));
    line(&mut out, "title", &quote(&practice.title));
    line(&mut out, "summary", &quote(&practice.summary));
    line(&mut out, "source", &quote(&practice.source));
    if !practice.tags.is_empty() {
        line(&mut out, "tags", &list(&practice.tags));
    }
    if practice.private {
        line(&mut out, "private", "true");
    }
    for step in &practice.steps {
        out.push_str("\n[[steps]]\n");
        line(&mut out, "kind", &quote(step.kind.name()));
        if let Some(key) = &step.key {
            line(&mut out, "key", &quote(key));
        }
        write_kind(&mut out, &step.kind);
        if let Some(when) = &step.when {
            line(&mut out, "when", &when.to_toml());
        }
    }
    out
}

fn write_kind(out: &mut String, kind: &StepKind) {
    match kind {
        StepKind::Say {
            text,
            advance_after,
        } => {
            line(out, "text", &quote(text));
            if let Some(d) = advance_after {
                line(out, "seconds", &seconds(*d));
            }
        }
        StepKind::Breathe { pattern, total } => {
            line(out, "seconds", &seconds(*total));
            let phases: Vec<String> = pattern
                .iter()
                .map(|p| {
                    format!(
                        "{{ phase = {}, seconds = {} }}",
                        quote(p.kind.as_str()),
                        seconds(p.duration)
                    )
                })
                .collect();
            line(out, "pattern", &format!("[{}]", phases.join(", ")));
        }
        StepKind::Timer {
            prompt,
            duration,
            bell_every,
        } => {
            line(out, "prompt", &quote(prompt));
            line(out, "seconds", &seconds(*duration));
            if let Some(d) = bell_every {
                line(out, "bell_every", &seconds(*d));
            }
        }
        StepKind::Hold { prompt, extra } => {
            line(out, "prompt", &quote(prompt));
            line(out, "extra_seconds", &seconds(*extra));
        }
        StepKind::Scale {
            prompt,
            min,
            max,
            labels,
        } => {
            line(out, "prompt", &quote(prompt));
            line(out, "min", &min.to_string());
            line(out, "max", &max.to_string());
            if !labels.is_empty() {
                let pairs: Vec<String> = labels
                    .iter()
                    .map(|(at, words)| format!("{at} = {}", quote(words)))
                    .collect();
                line(out, "labels", &format!("{{ {} }}", pairs.join(", ")));
            }
        }
        StepKind::Colour {
            prompt,
            choices,
            other,
        } => {
            line(out, "prompt", &quote(prompt));
            if let Some(choices) = choices {
                line(out, "choices", &list(choices));
            }
            flag(out, "other", *other);
        }
        StepKind::Choice {
            prompt,
            options,
            multiple,
            other,
        } => {
            line(out, "prompt", &quote(prompt));
            line(out, "options", &list(options));
            flag(out, "multiple", *multiple);
            flag(out, "other", *other);
        }
        StepKind::Text {
            prompt,
            optional,
            multiline,
            max_chars,
        } => {
            line(out, "prompt", &quote(prompt));
            flag(out, "optional", *optional);
            flag(out, "multiline", *multiline);
            if let Some(n) = max_chars {
                line(out, "max_chars", &n.to_string());
            }
        }
        StepKind::List { prompt, count } => {
            line(out, "prompt", &quote(prompt));
            line(out, "count", &count.to_string());
        }
    }
}

fn line(out: &mut String, name: &str, value: &str) {
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{name} = {value}");
}

/// Writes `name = true`; false is the default and is left out.
fn flag(out: &mut String, name: &str, on: bool) {
    if on {
        line(out, name, "true");
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Whole seconds as an integer, anything finer as seconds with up to three decimals.
pub(super) fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        (ms / 1000).to_string()
    } else {
        let frac = format!("{:03}", ms % 1000);
        format!("{}.{}", ms / 1000, frac.trim_end_matches('0'))
    }
}

/// A TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if crate::text::is_control(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_keep_milliseconds() {
        assert_eq!(seconds(Duration::from_secs(90)), "90");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5");
        assert_eq!(seconds(Duration::from_millis(1005)), "1.005");
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(quote("say \"hi\"\\\nnow"), r#""say \"hi\"\\\nnow""#);
        assert_eq!(quote("\u{1b}"), r#""\u001B""#);
    }
}
