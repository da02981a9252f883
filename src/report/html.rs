//! The report page: one HTML file with its styles inline and a policy that forbids loading
//! anything (no fonts, scripts or styles from elsewhere), the self-report note at the top,
//! one section per thing recorded (a chart with its numbers in a table beside it), the
//! person's own words escaped as typed, and the crisis lines at the bottom. A print
//! stylesheet puts each section on its own page. A range with nothing in it says so kindly
//! instead of drawing empty axes.

use std::collections::BTreeMap;
use std::fmt::Write;

use chrono::NaiveDate;

use super::charts::{self, Bar, Line, Marker};
use super::{Report, calendar};
use crate::journal::signals::Urge;
use crate::journal::stats::{Week, breath_sentence, urge_sentence, week_label, week_of};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  color: #222; background: #fff; margin: 0; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.range { color: #555; margin: 0 0 1rem; }
.note { border: 2px solid #222; border-radius: 6px; padding: .75rem 1rem; background: #f6f6f2; }
figure { margin: 1rem 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: #555; font-size: .9rem; }
table.numbers { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; }
table.numbers th, table.numbers td { border: 1px solid #bbb; padding: .2rem .6rem; text-align: left; }
table.numbers td.n { text-align: right; font-variant-numeric: tabular-nums; }
ul.numbers { columns: 3 12rem; column-gap: 2rem; padding-left: 1.2rem; font-size: .9rem;
  font-variant-numeric: tabular-nums; margin: .5rem 0 1rem; }
.months { display: flex; flex-wrap: wrap; gap: 1rem; }
table.month { border-collapse: collapse; font-size: .85rem; break-inside: avoid; }
table.month caption { font-weight: 600; text-align: left; }
table.month th, table.month td { width: 2.1rem; height: 1.8rem; text-align: center; border: 1px solid #ddd; }
table.month td.on { background: #d9e6dc; font-weight: 700; border: 1px solid #222; }
table.month td.out { background: #f3f3f3; color: #999; }
.dot { display: block; font-size: .6rem; line-height: .6rem; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.words article { break-inside: avoid; }
.words dt { color: #555; font-size: .9rem; margin-top: .6rem; }
.words dd { margin: .1rem 0 0 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.support { margin-top: 3rem; border-top: 2px solid #222; padding-top: .5rem; }
.support h2 { border-bottom: 0; margin-top: .5rem; }
.words dd .q { display: block; color: #555; font-size: .9rem; white-space: normal; }
.made { color: #666; font-size: .85rem; }
@page { margin: 16mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section + section { break-before: page; }
  .support { break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Text made safe for HTML: control characters dropped (line breaks kept), markup escaped.
pub fn esc(text: &str) -> String {
    let clean = crate::text::clean(text, true);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A day as people write it: "Sunday 22 November 2026".
fn long_day(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// A mean to one decimal, without a trailing ".0" (the one rule in `text`).
use crate::text::one_decimal as num;

pub fn page(report: &Report) -> String {
    let mut html = String::with_capacity(64 * 1024);
    let range = format!("{} to {}", long_day(report.since), long_day(report.until));
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
<meta name=\"generator\" content=\"steady {version}\">\
<title>A self-report from steady, {range}</title><style>{STYLE}</style></head><body><main>\
<header><h1>A self-report from steady</h1><p class=\"range\">{range}</p>\
<p class=\"note\" role=\"note\"><strong>Please read this first.</strong> This page is a self-report: \
what one person chose to record in steady, a self-reflection tool, in their own numbers and words. \
It is not an assessment, a diagnosis or a measurement, and its numbers are not scores.</p></header>",
        version = env!("CARGO_PKG_VERSION"),
    );
    if report.stats.entries == 0 {
        let _ = write!(
            html,
            "<section><h2>Nothing recorded in these days</h2><p>There are no entries from {range}. \
That is all right: quiet stretches are part of it too. When there is something to bring, \
<code>steady report</code> makes a new page, and <code>--since</code> and <code>--until</code> choose other days.</p></section>"
        );
    } else {
        overview(&mut html, report);
        levels(&mut html, report);
        colours(&mut html, report);
        staying(&mut html, report);
        breath(&mut html, report);
        days(&mut html, report);
        words(&mut html, report);
    }
    support(&mut html, report);
    html.push_str("</main></body></html>\n");
    html
}

/// A chart (or nothing, when it could not be drawn) with its caption.
fn figure(html: &mut String, svg: Option<String>, label: &str) {
    if let Some(svg) = svg {
        let labelled = svg.replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-label=\"{}\" ", esc(label)),
            1,
        );
        let _ = write!(
            html,
            "<figure>{labelled}<figcaption>{}</figcaption></figure>",
            esc(label)
        );
    }
}

/// Counts, most first: a bar chart (each bar filled by `fill` when it gives a colour) and
/// the same numbers in a table.
fn counted(
    html: &mut String,
    caption: &str,
    head: [&str; 2],
    mut counts: Vec<(&str, usize)>,
    fill: fn(&str) -> Option<plotters::style::RGBColor>,
) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(label, value)| Bar {
            label,
            value: *value,
            fill: fill(label),
        })
        .collect();
    figure(html, charts::bars(&bars), caption);
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|(name, n)| vec![name.to_string(), n.to_string()])
        .collect();
    table(html, caption, &head, &rows);
}

/// Weekly means: the chart (from two weeks on) and the numbers as a list.
fn weekly(
    html: &mut String,
    labels: &[String],
    lines: &[Line],
    (min, max): (i64, i64),
    caption: &str,
    items: &[String],
) {
    if labels.len() >= 2 {
        figure(html, charts::weekly(labels, lines, min, max), caption);
    }
    list(html, caption, items);
}

/// Numbers as a list that flows into columns (long series stay short on paper).
fn list(html: &mut String, label: &str, items: &[String]) {
    let _ = write!(html, "<ul class=\"numbers\" aria-label=\"{}\">", esc(label));
    for item in items {
        let _ = write!(html, "<li>{}</li>", esc(item));
    }
    html.push_str("</ul>");
}

/// `one` or `many` for a count.
fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A table of rows of cells; cells after the first are numbers.
fn table(html: &mut String, caption: &str, head: &[&str], rows: &[Vec<String>]) {
    let _ = write!(
        html,
        "<table class=\"numbers\"><caption class=\"sr\">{}</caption><thead><tr>",
        esc(caption)
    );
    for h in head {
        let _ = write!(html, "<th scope=\"col\">{}</th>", esc(h));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"n\"" };
            let _ = write!(html, "<td{class}>{}</td>", esc(cell));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
}

fn overview(html: &mut String, report: &Report) {
    let stats = &report.stats;
    let span = (report.until - report.since).num_days() + 1;
    let entries = if stats.entries == 1 {
        "entry"
    } else {
        "entries"
    };
    let days = if stats.days_practised == 1 {
        "day"
    } else {
        "days"
    };
    let _ = write!(
        html,
        "<section><h2>What was practised</h2><p>{} {entries} on {} {days} of these {span}.</p>",
        stats.entries, stats.days_practised
    );
    let counts = stats
        .per_practice
        .iter()
        .map(|(id, n)| (report.title(id), *n))
        .collect();
    counted(
        html,
        "Entries per practice",
        ["Practice", "Entries"],
        counts,
        |_| None,
    );
    let sentences = stats.sentences();
    if !sentences.is_empty() {
        html.push_str("<h3>What changed, in a few words</h3><ul>");
        for sentence in sentences {
            let _ = write!(html, "<li>{}</li>", esc(&sentence));
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
}

fn levels(html: &mut String, report: &Report) {
    let weeks = &report.stats.level_by_week;
    if weeks.is_empty() {
        return;
    }
    let (min, max) = report.level_scale;
    let _ = write!(
        html,
        "<section><h2>Check-in level, week by week</h2><p>The mean of the feeling check-ins' level each week, on the check-in's own scale from {min} to {max}.</p>"
    );
    let labels: Vec<String> = weeks.iter().map(|w| week_label(w.week)).collect();
    let line = Line {
        values: weeks.iter().map(|w| Some(w.mean)).collect(),
        marker: Marker::FilledSquare,
    };
    let items: Vec<String> = weeks
        .iter()
        .zip(&labels)
        .map(|(w, label)| {
            format!(
                "{label}: {} ({} {})",
                num(w.mean),
                w.count,
                plural(w.count, "check-in", "check-ins")
            )
        })
        .collect();
    let caption = "Mean check-in level per week";
    weekly(html, &labels, &[line], (min, max), caption, &items);
    html.push_str("</section>");
}

fn colours(html: &mut String, report: &Report) {
    let colours = &report.stats.colours;
    if colours.is_empty() {
        return;
    }
    html.push_str("<section><h2>Colours</h2><p>The colours chosen for feelings, each with how often it was chosen.</p>");
    let counts = colours.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    let caption = "How often each colour was chosen";
    counted(
        html,
        caption,
        ["Colour", "Times"],
        counts,
        charts::colour_fill,
    );
    html.push_str("</section>");
}

fn staying(html: &mut String, report: &Report) {
    let Some(trend) = &report.stats.stay_present else {
        return;
    };
    let holds = &report.series.stay;
    let _ = write!(
        html,
        "<section><h2>Staying present</h2><p>{} {} of staying a little longer in a moment of closeness. \
Each circle is one where the urge to leave came: the seconds until it came. {}</p>",
        trend.entries,
        plural(trend.entries, "practice", "practices"),
        esc(&urge_sentence(trend.then.as_ref(), trend.no_urge))
    );
    let came: Vec<(NaiveDate, f64)> = holds
        .iter()
        .filter_map(|(day, urge)| urge.seconds().map(|s| (*day, s)))
        .collect();
    // One point is clearer as a number than as a chart.
    let chart = (came.len() >= 2).then(|| charts::over_days(&came, report.since, report.until));
    let caption = "Seconds until the urge to leave, per practice";
    figure(html, chart.flatten(), caption);
    let items: Vec<String> = holds
        .iter()
        .map(|(day, urge)| {
            let how = match urge {
                Urge::After(secs) => format!("{} s", num(*secs)),
                Urge::NoneCame => "no urge came".to_owned(),
            };
            format!("{}: {how}", day.format("%-d %b %Y"))
        })
        .collect();
    list(html, caption, &items);
    html.push_str("</section>");
}

fn breath(html: &mut String, report: &Report) {
    let Some(change) = &report.stats.breath_reset else {
        return;
    };
    let (min, max) = report.breath_scale;
    let _ = write!(
        html,
        "<section><h2>Breath reset: before and after</h2><p>How settled it felt before and after each breath reset, \
on the practice's scale from {min} to {max}, as weekly means: before as filled squares, after as open circles. \
{}</p>",
        esc(&breath_sentence(
            change.mean_before,
            change.mean_after,
            change.entries
        ))
    );
    // Weekly means of the resets' own before and after answers.
    let mut weeks: BTreeMap<Week, (i64, i64, usize)> = BTreeMap::new();
    for b in &report.series.breath {
        let week = weeks.entry(week_of(b.day)).or_default();
        *week = (week.0 + b.before, week.1 + b.after, week.2 + 1);
    }
    let mean = |sum: i64, n: usize| sum as f64 / n as f64;
    let labels: Vec<String> = weeks.keys().map(|w| week_label(*w)).collect();
    let line = |marker, pick: fn(&(i64, i64, usize)) -> i64| Line {
        values: weeks.values().map(|w| Some(mean(pick(w), w.2))).collect(),
        marker,
    };
    let lines = [
        line(Marker::FilledSquare, |w| w.0),
        line(Marker::OpenCircle, |w| w.1),
    ];
    let items: Vec<String> = weeks
        .values()
        .zip(&labels)
        .map(|(w, label)| {
            format!(
                "{label}: {} before, {} after ({} {})",
                num(mean(w.0, w.2)),
                num(mean(w.1, w.2)),
                w.2,
                plural(w.2, "reset", "resets")
            )
        })
        .collect();
    let caption = "Settledness before and after a breath reset, weekly means";
    weekly(html, &labels, &lines, (min, max), caption, &items);
    html.push_str("</section>");
}

fn days(html: &mut String, report: &Report) {
    html.push_str("<section><h2>Days practised</h2><p>A marked day (a dot and a shade) has at least one entry.</p><div class=\"months\">");
    html.push_str(&calendar::months(
        &report.series.days,
        report.since,
        report.until,
    ));
    html.push_str("</div></section>");
}

fn words(html: &mut String, report: &Report) {
    if report.words.is_empty() {
        return;
    }
    html.push_str("<section class=\"words\"><h2>In their own words</h2><p>Everything written in answers, as it was typed, oldest first.</p>");
    let mut current: Option<NaiveDate> = None;
    for w in &report.words {
        if current != Some(w.day) {
            if current.is_some() {
                html.push_str("</dl></article>");
            }
            let _ = write!(html, "<article><h3>{}</h3><dl>", long_day(w.day));
            current = Some(w.day);
        }
        let _ = write!(
            html,
            "<dt>{} · {}</dt>",
            w.at.format("%H:%M"),
            esc(&w.practice)
        );
        for (prompt, text) in &w.answers {
            let _ = write!(
                html,
                "<dd><span class=\"q\">{}</span>{}</dd>",
                esc(prompt),
                esc(text)
            );
        }
    }
    html.push_str("</dl></article></section>");
}

fn support(html: &mut String, report: &Report) {
    let _ = write!(
        html,
        "<footer class=\"support\"><h2>If you need someone now</h2><p>{}</p><ul>",
        esc(&report.danger)
    );
    for line in &report.support {
        let _ = write!(html, "<li>{}</li>", esc(line));
    }
    let _ = write!(
        html,
        "</ul><p>steady is for self-reflection, not treatment. Reaching out is a kind thing to do.</p>\
<p class=\"made\">Made by steady {} on {}.</p></footer>",
        env!("CARGO_PKG_VERSION"),
        report.made_at.format("%-d %B %Y at %H:%M")
    );
}
