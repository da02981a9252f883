//! `steady checkin`: records a feeling check-in from flags, the same entry the TUI's
//! feeling check-in writes, without opening the TUI. Bad input writes nothing (exit 2): a
//! level or mood off its scale, a colour word that looks like a slip of the keyboard for a
//! palette colour (`colours::likely_typo`; `--new-colour` keeps it), a time it cannot be.

use chrono::{
    DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};
use serde_json::{Map, Value};

use super::args::CheckinArgs;
use super::{CliError, CliResult, Context, out};
use crate::colours;
use crate::journal::entry::{Entry, FORMAT_VERSION, Via};
use crate::journal::id;
use crate::journal::query::day_of;
use crate::journal::summary::SCALE_MAX;
use crate::practice::model::StepKind;
use crate::practice::{Library, origin_text};
use crate::text;

const PRACTICE: &str = "feeling-check-in";
/// The longest note, in characters.
const MAX_NOTE: usize = 4000;
/// The longest feeling or colour word, in characters.
const MAX_WORD: usize = 40;

pub fn run(ctx: &Context, args: &CheckinArgs) -> CliResult {
    let entry = build(ctx, args)?;
    ctx.write_journal(|vault| vault.append(std::slice::from_ref(&entry)))?;
    out::message(&format!(
        "Saved your check-in (level {}, {}) to {}.",
        entry.int("level").unwrap_or_default(),
        entry.str("colour").unwrap_or_default(),
        ctx.paths.journal.display()
    ));
    Ok(())
}

/// The entry the flags describe, or why they do not describe one.
fn build(ctx: &Context, args: &CheckinArgs) -> Result<Entry, CliError> {
    // Read first, so a bad settings file is named whether or not --at needs it.
    let day_starts_at = ctx.config()?.day_starts_at;
    let (title, min, max) = practice(ctx)?;
    if !(min..=max).contains(&args.level) {
        return Err(CliError::usage(format!(
            "--level {} is outside the check-in's scale; give a whole number from {min} to {max}",
            args.level
        )));
    }
    // Colour words are kept lowercase, as the TUI keeps them, so "Green" and "green" are one.
    let colour = word("--colour", &args.colour)?
        .ok_or_else(|| {
            CliError::usage("--colour is empty; give the feeling's colour in a word, such as blue")
        })?
        .to_lowercase();
    let feeling = args
        .feeling
        .as_deref()
        .map(|f| word("--feeling", f))
        .transpose()?
        .flatten();
    if let Some(mood) = args.mood
        && !(1..=SCALE_MAX).contains(&mood)
    {
        return Err(CliError::usage(format!(
            "--mood {mood} is outside its scale; give a whole number from 1 (very unpleasant) to {SCALE_MAX} (very pleasant)"
        )));
    }
    if !args.new_colour {
        question_colour(ctx, &colour)?;
    }
    let note = args.note.as_deref().map(note).transpose()?.flatten();
    let now = ctx.clock.wall();
    let at = match &args.at {
        Some(when) => parse_at(when, now, day_starts_at)?,
        None => now,
    };

    let mut responses = Map::new();
    if let Some(feeling) = feeling {
        responses.insert("feeling".into(), Value::from(feeling));
    }
    responses.insert("level".into(), Value::from(args.level));
    if let Some(mood) = args.mood {
        responses.insert("mood".into(), Value::from(mood));
    }
    responses.insert("colour".into(), Value::from(colour));
    if let Some(note) = note {
        responses.insert("note".into(), Value::from(note));
    }
    Ok(Entry {
        v: FORMAT_VERSION,
        id: id::new_id(at),
        practice: PRACTICE.into(),
        title,
        started_at: at,
        ended_at: at,
        completed: true,
        via: Via::Cli,
        responses,
        tags: Vec::new(),
        extra: Map::new(),
    })
}

/// Refuses a colour word that is likely a slip of the keyboard for a palette colour (one
/// letter away, never used before), naming the colour it may have meant.
fn question_colour(ctx: &Context, colour: &str) -> Result<(), CliError> {
    // Asking means reading the journal; a check-in never waits for a sealed journal's
    // passphrase, so there a likely slip is let through.
    if ctx.sealed_keys()?.is_some() {
        return Ok(());
    }
    let palette = &ctx.config()?.palette;
    let vault = ctx.vault()?;
    let mut unreadable = None;
    let used = |word: &str| {
        colours::used_in_journal(vault.as_ref(), word).unwrap_or_else(|e| {
            unreadable = Some(e);
            true
        })
    };
    let near = colours::likely_typo(colour, palette, used);
    if let Some(e) = unreadable {
        return Err(CliError::failure(e.to_string()));
    }
    match near {
        Some(near) => Err(CliError::usage(format!(
            "did you mean {near}? (pass --new-colour to keep '{colour}')"
        ))),
        None => Ok(()),
    }
}

/// The feeling check-in practice in use (a person's own file may replace the built-in one):
/// its title, and the range of its `level` scale.
fn practice(ctx: &Context) -> Result<(String, i64, i64), CliError> {
    let practice = Library::load(&ctx.paths.practices)
        .get(PRACTICE)
        .ok_or_else(|| {
            CliError::failure(format!(
                "there is no {PRACTICE} practice; check your practices folder {}",
                ctx.paths.practices.display()
            ))
        })?;
    match practice.step_by_key("level").map(|s| &s.kind) {
        Some(StepKind::Scale { min, max, .. }) => Ok((practice.title.clone(), *min, *max)),
        _ => Err(CliError::failure(format!(
            "the {PRACTICE} practice ({}) has no `level` scale step, so --level has nowhere to go; give it one",
            origin_text(&practice.origin)
        ))),
    }
}

/// A one-word answer, trimmed; `None` when nothing is left. A character that would hide or
/// disguise it is refused.
fn word(flag: &str, given: &str) -> Result<Option<String>, CliError> {
    refuse_hidden(flag, given)?;
    let cleaned = text::clean(given, false).trim().to_owned();
    if cleaned.chars().count() > MAX_WORD {
        return Err(CliError::usage(format!(
            "{flag} is longer than {MAX_WORD} characters; give a word or two"
        )));
    }
    Ok((!cleaned.is_empty()).then_some(cleaned))
}

/// The note, trimmed, line breaks kept; `None` when empty.
fn note(given: &str) -> Result<Option<String>, CliError> {
    refuse_hidden("--note", given)?;
    let cleaned = text::clean(given, true).trim().to_owned();
    let chars = cleaned.chars().count();
    if chars > MAX_NOTE {
        return Err(CliError::usage(format!(
            "--note is {chars} characters long; keep it to 4,000 characters or fewer"
        )));
    }
    Ok((!cleaned.is_empty()).then_some(cleaned))
}

fn refuse_hidden(flag: &str, given: &str) -> Result<(), CliError> {
    match text::hidden_char(given) {
        Some(c) => Err(CliError::usage(format!(
            "{flag} holds an invisible character (U+{:04X}) that can hide or reorder what it says; give it again without it",
            c as u32
        ))),
        None => Ok(()),
    }
}

/// `--at`: RFC 3339, `HH:MM` (today), `yesterday` (a day ago, at the time it is now),
/// `yesterday HH:MM` or `YYYY-MM-DD HH:MM` in local time.
/// In the small hours, before the day starts (`day_starts_at`), "today" is still the day
/// before, so at 00:30 `--at 23:45` is the evening just gone. A local time the clocks skip,
/// a year before 2000 and a time more than a minute ahead are refused.
fn parse_at(
    when: &str,
    now: DateTime<FixedOffset>,
    day_starts_at: NaiveTime,
) -> Result<DateTime<FixedOffset>, CliError> {
    let when = when.trim();
    let clock = |s: &str| NaiveTime::parse_from_str(s, "%H:%M").ok();
    let at = if let Ok(at) = DateTime::parse_from_rfc3339(when) {
        at
    } else if let Some(time) = clock(when) {
        let today = now.date_naive();
        let evening_just_gone = today
            .pred_opt()
            .and_then(|d| local(d, time, when).ok())
            .filter(|&t| day_of(t, day_starts_at) == day_of(now, day_starts_at));
        match local(today, time, when)? {
            t if t > now => evening_just_gone.unwrap_or(t),
            t => t,
        }
    } else if when.eq_ignore_ascii_case("yesterday") {
        // The same time a calendar day ago; where the clocks skip that hour, it is refused.
        let yesterday = now
            .date_naive()
            .pred_opt()
            .ok_or_else(|| not_a_time(when))?;
        let time = now.time().with_nanosecond(0).unwrap_or(now.time());
        local(yesterday, time, when)?
    } else if let Some(time) = when
        .strip_prefix("yesterday ")
        .and_then(|t| clock(t.trim()))
    {
        // The calendar day before today, as `date -d yesterday` reads it.
        let yesterday = now
            .date_naive()
            .pred_opt()
            .ok_or_else(|| not_a_time(when))?;
        local(yesterday, time, when)?
    } else if let Ok(at) = NaiveDateTime::parse_from_str(when, "%Y-%m-%d %H:%M") {
        local(at.date(), at.time(), when)?
    } else {
        return Err(not_a_time(when));
    };
    if let Some(why) = crate::journal::import::check::time_problem(when, at, now) {
        return Err(CliError::usage(format!("--at {when} {why}")));
    }
    Ok(at)
}

fn not_a_time(when: &str) -> CliError {
    CliError::usage(format!(
        "--at {when:?} is not a time; give HH:MM for today, yesterday, \"yesterday HH:MM\", \"YYYY-MM-DD HH:MM\" or an RFC 3339 time such as 2026-11-22T08:30:00+01:00"
    ))
}

/// `time` on `date` in local time, with the offset in force then (which differs from now's
/// across a daylight-saving change). A time the clocks skip is refused, never moved: chrono
/// hands back an instant for the first moment of a gap (02:00 on a spring-forward day)
/// that local clocks show as 03:00, so the instant is read back and must show the time
/// asked for.
fn local(date: NaiveDate, time: NaiveTime, when: &str) -> Result<DateTime<FixedOffset>, CliError> {
    let asked = date.and_time(time);
    Local
        .from_local_datetime(&asked)
        .earliest()
        // Read back from the instant, not from the offset chrono chose.
        .filter(|t| Local.from_utc_datetime(&t.naive_utc()).naive_local() == asked)
        .map(|t| t.fixed_offset())
        .ok_or_else(|| {
            CliError::usage(format!(
                "--at {when} does not exist on {date}: the clocks skip that hour; give another time"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-22T10:00:00+01:00").unwrap()
    }

    #[test]
    fn rfc3339_times_are_taken_as_given_and_the_future_is_refused() {
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let at = parse_at("2026-11-21T22:15:00-05:00", now(), four).unwrap();
        assert_eq!(at.to_rfc3339(), "2026-11-21T22:15:00-05:00");
        // Within a minute of now is clock drift, not the future.
        assert!(parse_at("2026-11-22T10:00:59+01:00", now(), four).is_ok());
        let err = parse_at("2026-11-22T10:01:01+01:00", now(), four).unwrap_err();
        assert_eq!(err.code, 2);
        assert!(err.message.contains("future"), "{}", err.message);
        assert_eq!(parse_at("tomorrow", now(), four).unwrap_err().code, 2);
        assert_eq!(parse_at("25:00", now(), four).unwrap_err().code, 2);
    }

    #[test]
    fn words_are_cleaned_and_limited() {
        assert_eq!(
            word("--colour", " blue\t").unwrap().as_deref(),
            Some("blue")
        );
        assert_eq!(word("--colour", "bl\u{1b}[2Jue").unwrap_err().code, 2);
        assert_eq!(word("--colour", "gr\u{200B}een").unwrap_err().code, 2);
        assert_eq!(word("--colour", &"x".repeat(41)).unwrap_err().code, 2);
        assert_eq!(
            note(&"é".repeat(4000)).unwrap().map(|n| n.chars().count()),
            Some(4000)
        );
        assert_eq!(note(&"é".repeat(4001)).unwrap_err().code, 2);
        assert_eq!(note("one\ntwo").unwrap().as_deref(), Some("one\ntwo"));
    }
}
