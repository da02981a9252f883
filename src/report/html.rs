//! The report page, written with maud: every value is escaped by the template unless it is
//! a chart (`charts::Svg`, which only plotters makes) or the page's own style sheet, so what
//! a person typed can never become markup. One HTML file with its styles inline and a policy
//! that forbids loading anything. The first page is the summary (the range, what was
//! practised and how often, and the sentences of change from `Stats::sentences`); then one
//! section per thing recorded, each chart with its numbers folded away beneath it (and left
//! out in print); then the person's own words; the crisis lines at the bottom. A range with
//! nothing in it says so kindly instead of drawing empty axes.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use super::charts::{self, Bar, Line, Marker, Svg};
use super::{Answer, MOOD, Report, Scale, Words, calendar, dates};
use crate::journal::feelings::{Tones, Total};
use crate::journal::signals::Urge;
use crate::journal::stats::{Week, one_decimal, week_of};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #222; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; break-after: avoid; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; break-after: avoid; }
.range { font-size: 1.2rem; margin: 0 0 1rem; }
.note { border: 2px solid #222; border-radius: 6px; padding: .6rem 1rem; background: #f6f6f2; }
figure { margin: 1rem 0 .5rem; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: #444; font-size: .9em; }
table.numbers { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95em; }
table.numbers th, table.numbers td { border: 1px solid #bbb; padding: .2rem .6rem; text-align: left; }
table.numbers td.n, table.numbers th.n { text-align: right; font-variant-numeric: tabular-nums; }
details.numbers { margin: 0 0 1rem; }
details.numbers summary { cursor: pointer; color: #333; }
.months { display: flex; flex-wrap: wrap; gap: 1rem; }
table.month { border-collapse: collapse; font-size: .85rem; break-inside: avoid; }
table.month caption { font-weight: 600; text-align: left; }
table.month th, table.month td { width: 2.1rem; height: 1.8rem; text-align: center; border: 1px solid #ddd; }
table.month td.on { background: #d9e6dc; font-weight: 700; border: 1px solid #222; }
table.month td.out { background: #f3f3f3; color: #999; }
.dot { display: block; font-size: .6rem; line-height: .6rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.words .entry { break-inside: avoid; margin: 0 0 .6rem; }
.words .head { margin: 0; font-weight: 600; }
.words .tags, .words .chosen { font-weight: 400; color: #444; }
.words .chosen strong { color: #222; }
.words .a { margin: 0 0 0 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.words .q { color: #555; white-space: normal; }
.questions { font-size: .85em; color: #333; margin: 0 0 1rem; }
.questions dt { font-weight: 600; }
.questions dd { margin: 0 0 .2rem 1rem; }
.questions .q { font-style: italic; }
.support { margin-top: 3rem; border-top: 2px solid #222; padding-top: .5rem; break-inside: avoid; }
.support h2 { border-bottom: 0; margin-top: .5rem; }
.made { color: #666; font-size: .85rem; }
@page { margin: 14mm; }
@media print {
  body { font-size: 10pt; line-height: 1.35; }
  main { max-width: none; padding: 0; }
  .ends-page { break-after: page; }
  h2 { margin-top: 1.2rem; }
  details.numbers { display: none; }
  figure svg { width: 52%; }
  table.month { font-size: 8pt; }
  table.month th, table.month td { width: 1.6rem; height: 1.2rem; }
  .words .days { columns: 2; column-gap: 7mm; font-size: 8.5pt; }
  .words .days h3 { margin: .4rem 0 .1rem; font-size: 9.5pt; }
  .words .entry { margin: 0 0 .3rem; }
  .words .a { margin-left: .6rem; }
  .support { margin-top: 1rem; }
  .support ul { columns: 3; column-gap: 5mm; margin: .3rem 0; font-size: 8.5pt; }
  .support p { margin: .3rem 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// What the page's policy allows: nothing from anywhere but its own inline styles and
/// data images.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// "entry" or "entries" after `n`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How much of the page is made before it is handed on to be written (in bytes).
const CHUNK: usize = 64 * 1024;

/// Writes the whole page to `out`. The page is made in one buffer, handed on to `out` a
/// [`CHUNK`] at a time while the words are written into it, so a long report never holds
/// the whole page (on a journal of 100,000 entries, a page made whole and then written held
/// about 60 MB more at its peak, most of it the copies a growing buffer leaves behind).
pub fn page(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let range = dates::span(report.since, report.until);
    let sink = Sink(RefCell::new(Ok(out)));
    let rest = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="generator" content={ "steady " (env!("CARGO_PKG_VERSION")) };
                title { "A self-report from steady, " (range) }
                style { (PreEscaped(STYLE)) }
            }
            body { main {
                // In print the summary is a page of its own, when pages follow it.
                section.first.ends-page[report.stats.entries > 0] {
                    header {
                        h1 { "A self-report from steady" }
                        p.range { (range) }
                        p.note role="note" {
                            strong { "Please read this first." }
                            " This page is a self-report: what one person chose to record in steady, \
    a self-reflection tool, in their own numbers and words. It is not an assessment, a diagnosis or a \
    measurement, and its numbers are not scores."
                        }
                    }
                    @if report.stats.entries == 0 {
                        h2 { "Nothing recorded in these days" }
                        p { "There are no entries from " (range) ". That is all right: quiet stretches are part of it too. \
    When there is something to bring, " code { "steady report" } " makes a new page, and " code { "--since" }
                            " and " code { "--until" } " choose other days." }
                    } @else {
                        (summary(report))
                    }
                }
                @if report.stats.entries > 0 {
                    (check_ins(report))
                    (colours(report))
                    (staying(report))
                    (breath(report))
                    (days(report))
                    @if !report.words.is_empty() || !report.private_left_out.is_empty() {
                        section.words {
                            (words_intro(report))
                            div.days { (Entries { words: &report.words, sink: &sink }) }
                        }
                    }
                }
                (support(report))
            } }
        }
    };
    sink.finish(&rest.into_string())
}

/// Where the page goes as it is made: the writer, or the first error in writing to it
/// (after which the rest of the page is made but not written).
struct Sink<'w>(RefCell<io::Result<&'w mut dyn Write>>);

impl Sink<'_> {
    /// Writes what `buffer` holds, once it holds a [`CHUNK`], and empties it.
    fn pass(&self, buffer: &mut String) {
        if buffer.len() < CHUNK {
            return;
        }
        let mut state = self.0.borrow_mut();
        let written = match &mut *state {
            Ok(out) => out.write_all(buffer.as_bytes()),
            Err(_) => Ok(()),
        };
        if let Err(e) = written {
            *state = Err(e);
        }
        buffer.clear();
    }

    /// Writes the end of the page, or gives the first error in writing it.
    fn finish(self, rest: &str) -> io::Result<()> {
        self.0.into_inner()?.write_all(rest.as_bytes())
    }
}

/// The first page: how many entries on how many days, each practice with its entries and
/// days, and what changed in a few words.
fn summary(report: &Report) -> Markup {
    let stats = &report.stats;
    let span = (report.until - report.since).num_days() + 1;
    let mut days: BTreeMap<&str, usize> = BTreeMap::new();
    for day in report.series.days.values() {
        for id in day.practices.keys() {
            *days.entry(id).or_default() += 1;
        }
    }
    let mut practices: Vec<(&str, usize)> = stats
        .per_practice
        .iter()
        .map(|(id, n)| (id.as_str(), *n))
        .collect();
    practices.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let sentences = stats.sentences();
    html! {
        h2 { "What was practised, and how often" }
        p {
            (count(stats.entries, "entry", "entries")) " on "
            (count(stats.days_practised, "day", "days")) " of these " (span) "."
        }
        table.numbers {
            caption.sr { "Entries and days per practice" }
            thead { tr { th scope="col" { "Practice" } th.n scope="col" { "Entries" } th.n scope="col" { "Days with one" } } }
            tbody {
                @for (id, n) in &practices {
                    tr {
                        td { (report.title(id)) }
                        td.n { (n) }
                        td.n { (days.get(id).copied().unwrap_or(0)) }
                    }
                }
            }
        }
        @if !sentences.is_empty() {
            h2 { "What changed, in a few words" }
            ul { @for sentence in &sentences { li { (sentence) } } }
        }
        p {
            "The pages after this one show each thing recorded as a chart, the days practised, and "
            "what was written and chosen, in the person's own words."
        }
    }
}

/// A chart (or nothing, when it could not be drawn), named for a screen reader and in its
/// caption.
fn figure(svg: Option<Svg>, caption: &str) -> Markup {
    html! {
        @if let Some(svg) = svg {
            figure {
                div role="img" aria-label=(caption) { (svg) }
                figcaption { (caption) }
            }
        }
    }
}

/// A section for one thing recorded: its heading, what it shows, the chart with its caption,
/// and the chart's numbers (a header row and rows) folded beneath it.
fn chart_section(
    heading: &str,
    intro: &Markup,
    (chart, caption): (Option<Svg>, &str),
    (head, rows): (&[&str], &[Vec<String>]),
) -> Markup {
    html! {
        section {
            h2 { (heading) }
            p { (intro) }
            (figure(chart, caption))
            (numbers(caption, head, rows))
        }
    }
}

/// A chart's numbers as a table, folded away on screen and left out in print.
fn numbers(caption: &str, head: &[&str], rows: &[Vec<String>]) -> Markup {
    html! {
        details.numbers {
            summary { "The numbers in this chart" }
            (table(caption, head, rows))
        }
    }
}

/// A table with a header row; the first column names the row, the others are numbers.
fn table(caption: &str, head: &[&str], rows: &[Vec<String>]) -> Markup {
    html! {
        table.numbers {
            caption.sr { (caption) }
            thead { tr {
                @for (i, h) in head.iter().enumerate() {
                    @if i == 0 { th scope="col" { (h) } } @else { th.n scope="col" { (h) } }
                }
            } }
            tbody {
                @for row in rows {
                    tr {
                        @for (i, cell) in row.iter().enumerate() {
                            @if i == 0 { td { (cell) } } @else { td.n { (cell) } }
                        }
                    }
                }
            }
        }
    }
}

/// Weekly lines on `scale`, each week on the axis by its Monday, `axis` saying what the
/// numbers measure; None for a single week, which is clearer as a number than as a chart.
fn weekly_chart(
    weeks: impl ExactSizeIterator<Item = Week>,
    lines: &[Line],
    scale: &Scale,
    axis: &str,
) -> Option<Svg> {
    if weeks.len() < 2 {
        return None;
    }
    let mondays: Vec<NaiveDate> = weeks.map(|w| dates::week_days(w).0).collect();
    charts::weekly(&mondays, lines, (scale.min, scale.max), axis)
}

/// The check-ins week by week, each figure on its own scale: how many named a pleasant or an
/// unpleasant feeling, how strong the unpleasant ones were, mood, and how many different
/// words. Strength is never averaged across different feelings.
fn check_ins(report: &Report) -> Markup {
    let mut weeks: BTreeMap<Week, Tones> = BTreeMap::new();
    for (day, tones) in &report.stats.check_ins {
        weeks.entry(week_of(*day)).or_default().merge(tones);
    }
    if weeks.is_empty() {
        return html! {};
    }
    let mean = |t: Total| t.mean().map_or_else(|| "–".to_owned(), one_decimal);
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|(week, t)| {
            vec![
                dates::week(*week),
                (t.pleasant + t.unpleasant + t.unplaced).to_string(),
                t.pleasant.to_string(),
                t.unpleasant.to_string(),
                t.unplaced.to_string(),
                mean(t.unpleasant_strength),
                mean(t.mood),
                t.words.len().to_string(),
            ]
        })
        .collect();
    let caption = "The check-ins, week by week";
    html! {
        section {
            h2 { "Check-ins, week by week" }
            p {
                "Pleasant and unpleasant count the feeling words named; other is \"not sure\" \
                 or a word not yet placed. Strength is how strong the feeling was, "
                (report.level_scale.runs())
                ", not how good it felt: shown for unpleasant feelings only, never averaged \
                 across different feelings. Mood: 1 very unpleasant … 5 very pleasant. \
                 –: nothing to average."
            }
            (table(caption, &[
                "Week", "Check-ins", "Pleasant", "Unpleasant", "Other",
                "Unpleasant: strength", "Mood", "Words",
            ], &rows))
        }
    }
}

fn colours(report: &Report) -> Markup {
    let colours = &report.stats.colours;
    if colours.is_empty() {
        return html! {};
    }
    let mut counts: Vec<(&str, usize)> = colours.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(label, value)| Bar {
            label,
            value: *value,
            fill: charts::colour_fill(label),
        })
        .collect();
    let caption = "How many times each colour was chosen (longer bar: chosen more often)";
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|(name, n)| vec![(*name).to_owned(), n.to_string()])
        .collect();
    chart_section(
        "Colours",
        &html! { "The colours chosen for feelings, each with how many times it was chosen." },
        (charts::bars(&bars), caption),
        (&["Colour", "Times chosen"], &rows),
    )
}

fn staying(report: &Report) -> Markup {
    let Some(trend) = &report.stats.stay_present else {
        return html! {};
    };
    let holds = &report.series.stay;
    let caption = "Each hold by day: ○ seconds until the urge to leave came (higher: it came later); \
▲ along the top, \"no urge\": the moment ended with no urge to leave";
    // One hold is clearer as a sentence than as a chart.
    let chart = (holds.len() >= 2)
        .then(|| charts::over_days(holds, report.since, report.until))
        .flatten();
    let rows: Vec<Vec<String>> = holds
        .iter()
        .map(|(day, urge)| {
            let how = match urge {
                Urge::After(secs) => format!("the urge came after {} s", one_decimal(*secs)),
                Urge::NoneCame => "no urge came".to_owned(),
            };
            vec![dates::short_day(*day), how]
        })
        .collect();
    chart_section(
        "Staying present",
        &html! {
            (count(trend.entries, "practice", "practices"))
            " of staying a little longer in a moment of closeness. The chart shows the seconds \
        until the urge to leave came (higher: it came later)"
            @if trend.no_urge > 0 {
                " and, along the top, the " (trend.no_urge) " that ended with no urge to leave at \
        all, which is what the practice hopes for"
            }
            "."
        },
        (chart, caption),
        (&["Day", "How it went"], &rows),
    )
}

fn breath(report: &Report) -> Markup {
    if report.stats.breath_reset.is_none() {
        return html! {};
    }
    let scale = &report.breath_scale;
    // Weekly means of the resets' own before and after answers.
    let mut weeks: BTreeMap<Week, (i64, i64, usize)> = BTreeMap::new();
    for b in &report.series.breath {
        let week = weeks.entry(week_of(b.day)).or_default();
        *week = (week.0 + b.before, week.1 + b.after, week.2 + 1);
    }
    let mean = |sum: i64, n: usize| sum as f64 / n as f64;
    let line = |marker, pick: fn(&(i64, i64, usize)) -> i64| Line {
        values: weeks.values().map(|w| Some(mean(pick(w), w.2))).collect(),
        marker,
    };
    let lines = [
        line(Marker::FilledSquare, |w| w.0),
        line(Marker::OpenCircle, |w| w.1),
    ];
    let caption = format!(
        "How settled it felt before (■) and after (○) a breath reset, weekly means, {}",
        scale.runs()
    );
    let chart = weekly_chart(
        weeks.keys().copied(),
        &lines,
        scale,
        "settled (higher: more)",
    );
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|(week, w)| {
            vec![
                dates::week(*week),
                one_decimal(mean(w.0, w.2)),
                one_decimal(mean(w.1, w.2)),
                w.2.to_string(),
            ]
        })
        .collect();
    chart_section(
        "Breath reset: before and after",
        &html! {
            "How settled it felt just before and just after each breath reset, " (scale.runs())
            ", as the mean of each week: before as filled squares, after as open circles."
        },
        (chart, &caption),
        (&["Week", "Before (mean)", "After (mean)", "Resets"], &rows),
    )
}

fn days(report: &Report) -> Markup {
    html! {
        section {
            h2 { "Days practised" }
            p { "A marked day (a dot and a shade) has at least one entry." }
            div.months { (calendar::months(&report.series.days, report.since, report.until)) }
        }
    }
}

/// The start of the words section: what it holds, each practice's questions once, and
/// what was left out as private.
fn words_intro(report: &Report) -> Markup {
    let left_out = &report.private_left_out;
    let moods = report
        .words
        .iter()
        .any(|w| w.answers.iter().any(|a| matches!(a, Answer::Mood(_))));
    html! {
        h2 { "In their own words" }
        p {
            "What was written and chosen in answers, as it was typed, oldest first: each \
    entry's time, practice and tags (activities and tags, some from other apps) and its chosen \
    answers on one line, then what was written. Each answer is named by a word for its question:"
        }
        dl.questions {
            @if moods {
                dt { "Mood" }
                dd { span.q { "mood" } " " (MOOD.0) ", " (MOOD.1) "; not the check-in's level, which is how strong a feeling is" }
            }
            @for q in &report.questions {
                dt { (q.practice) }
                dd {
                    @for (i, (name, prompt)) in q.asked.iter().enumerate() {
                        @if i > 0 { " · " }
                        span.q { (name) } " " (prompt)
                    }
                }
            }
        }
        @if !left_out.is_empty() {
            p {
                "The words of private practices are left out ("
                @for (i, (title, n)) in left_out.iter().enumerate() {
                    @if i > 0 { "; " }
                    (title) ": " (count(*n, "entry", "entries"))
                }
                "); they are counted on the first page. "
                code { "steady report --include-private" } " puts them in."
            }
        }
    }
}

/// Every entry's words under its day, written straight into the page (the longest part of
/// a long report is never built apart and copied in) and handed on to `sink` as it grows.
struct Entries<'a, 'w> {
    words: &'a [Words],
    sink: &'a Sink<'w>,
}

impl Render for Entries<'_, '_> {
    fn render_to(&self, buffer: &mut String) {
        let mut current = None;
        for w in self.words {
            if current != Some(w.day) {
                current = Some(w.day);
                html! { h3 { (dates::short_day(w.day)) " " (w.day.year()) } }.render_to(buffer);
            }
            entry(w).render_to(buffer);
            self.sink.pass(buffer);
        }
    }
}

/// One entry: its time, practice and tags, and its chosen answers (and mood) on one line;
/// then each typed answer. Each answer is named by its key (the questions above say what
/// each name asks).
fn entry(w: &Words) -> Markup {
    let chosen: Vec<&Answer> = w
        .answers
        .iter()
        .filter(|a| !matches!(a, Answer::Typed { .. }))
        .collect();
    html! {
        div.entry {
            p.head {
                (w.at.format("%H:%M")) " · " (w.practice)
                @if !w.tags.is_empty() {
                    span.tags { " · tags: " (w.tags.join(", ")) }
                }
                @if !chosen.is_empty() {
                    span.chosen {
                        " — "
                        @for (i, answer) in chosen.iter().enumerate() {
                            @if i > 0 { " · " }
                            @match answer {
                                Answer::Chosen { name, choice } => {
                                    span.q { (name) } " " strong { (choice) }
                                }
                                Answer::Mood(mood) => {
                                    span.q { "mood (" (MOOD.1) ")" } " " strong { (mood) }
                                }
                                Answer::Typed { .. } => {}
                            }
                        }
                    }
                }
            }
            @for answer in &w.answers {
                @if let Answer::Typed { name, text } = answer {
                    p.a {
                        span.q { (name) ": " } (text)
                    }
                }
            }
        }
    }
}

fn support(report: &Report) -> Markup {
    html! {
        footer.support {
            h2 { "If you need someone now" }
            p { (report.danger) }
            ul { @for line in &report.support { li { (line) } } }
            p { "steady is for self-reflection, not treatment. Reaching out is a kind thing to do." }
            p.made {
                "Made by steady " (env!("CARGO_PKG_VERSION")) " on "
                (dates::day_month_year(report.made_at.date_naive())) " at " (report.made_at.format("%H:%M")) "."
            }
        }
    }
}
