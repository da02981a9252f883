//! `steady man`: the manual page in roff, made by `clap_mangen` from the same definitions as
//! `--help`, with the sections a manual needs that clap has no place for: where to find a
//! person in a crisis, what each number steady shows means (and which way its scale runs),
//! the files steady uses, its environment and its exit codes.

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};

use super::args::Cli;
use super::{CliResult, out};

/// The files steady uses, as (path, what it is).
const FILES: [(&str, &str); 5] = [
    (
        "~/.local/share/steady/journal.jsonl",
        "The journal: one entry per line, JSON Lines, mode 0600. Change with --journal or STEADY_JOURNAL.",
    ),
    (
        "~/.config/steady/config.toml",
        "Settings (optional; every setting has a default). Change with --config or STEADY_CONFIG.",
    ),
    (
        "~/.config/steady/practices/",
        "Your own practices, one TOML file each; one with a built-in id replaces it. Change with --practices or STEADY_PRACTICES.",
    ),
    (
        "~/.config/steady/safety-plan.toml",
        "Your safety plan, when you have written one (mode 0600).",
    ),
    (
        "~/.config/steady/guides/",
        "Your own guides, beside the built-in ones.",
    ),
];

/// The environment steady reads, as (variable, what it does).
const ENVIRONMENT: [(&str, &str); 6] = [
    (
        "STEADY_JOURNAL",
        "The journal file, when --journal is not given.",
    ),
    (
        "STEADY_CONFIG",
        "The settings file, when --config is not given.",
    ),
    (
        "STEADY_PRACTICES",
        "Your practices folder, when --practices is not given.",
    ),
    (
        "NO_COLOR",
        "Any non-empty value turns colour off everywhere.",
    ),
    (
        "COLORTERM",
        "truecolor or 24bit lets the TUI use 24-bit colour; otherwise it keeps to the 256-colour palette.",
    ),
    (
        "TERM",
        "dumb makes `steady run ID` use plain lines (as with --plain).",
    ),
];

/// What each number steady shows measures and which way its scale runs, as (number, meaning).
const NUMBERS: [(&str, &str); 9] = [
    (
        "level (a check-in's strength)",
        "How strong the feeling is: 1 barely there, 3 clearly there, 5 filling everything. It is not how good it feels: strong calm and strong anxiety are both 5, so steady never averages it across different feelings.",
    ),
    (
        "mood",
        "How the moment felt overall: 1 very unpleasant … 5 very pleasant. Imports from Daylio and Pixels write it; it is shown beside strength, never merged with it.",
    ),
    (
        "pleasant, unpleasant, other",
        "How many check-ins named a feeling on the pleasant or the unpleasant side (How We Feel's first axis); other is \"not sure\" or a word of your own not yet placed. The end of a check-in that named a word of your own asks where it sits, and keeps the answer in the settings, where you can also write it yourself: [feelings] restless = { pleasant = false, energy = \"high\" }.",
    ),
    (
        "strength of the unpleasant ones",
        "The mean level of the check-ins that named an unpleasant feeling: 1 barely there … 5 filling everything.",
    ),
    (
        "different words",
        "How many different feeling words were named (\"not sure\" is not counted as a word).",
    ),
    (
        "seconds until the urge to leave",
        "In stay-present, how long you stayed before the urge to leave came: more means staying longer. A hold that ended with no urge at all is the best outcome and is counted apart.",
    ),
    (
        "settled, before and after",
        "A breath reset's two answers: 1 not at all … 5 very settled.",
    ),
    (
        "sentences of change",
        "stats, Trends and report compare a first and a last stretch that never share a day: with 60 days or more from the first day to the last, your first 30 days and your last 30 (\"your first month\", \"your last month\"); with 14 to 59 days, the first half and the second, named by their dates; with fewer than 14 days, a sentence saying the span is too short to compare, and no number.",
    ),
    (
        "days in a row",
        "Days with any practice up to today, or up to yesterday while today is still open; show_streaks = false leaves them out.",
    ),
];

/// The exit codes, as (code, meaning).
const EXIT_STATUS: [(&str, &str); 3] = [
    (
        "0",
        "Success. `steady due`: nothing has been practised today.",
    ),
    (
        "1",
        "Anything else went wrong; `steady due`: something was practised today; `steady doctor`: something needs attention; `steady import`: some lines were rejected.",
    ),
    (
        "2",
        "Bad usage or bad input: an unknown flag, a date or value steady cannot read, a settings file with an error, or (for the TUI) no terminal.",
    ),
];

pub fn run() -> CliResult {
    let page = page();
    out::print(|w| w.write_all(page.as_bytes()))
}

/// The whole page.
pub fn page() -> String {
    let man = clap_mangen::Man::new(Cli::command().disable_help_subcommand(true));
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = man
        .render_title(&mut page)
        .and_then(|()| man.render_name_section(&mut page))
        .and_then(|()| man.render_synopsis_section(&mut page))
        .and_then(|()| man.render_description_section(&mut page))
        .and_then(|()| man.render_options_section(&mut page));
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    let mut cli = Cli::command();
    cli.build();
    for command in cli.get_subcommands() {
        commands(&mut roff, command);
    }
    section(&mut roff, "WHAT THE NUMBERS MEAN", &NUMBERS);
    roff.control("SH", ["SUPPORT"]);
    let support = crate::support::lines::Support::for_region(None);
    roff.text([roman(format!(
        "steady is for self-reflection, not treatment. {} In the TUI, press ! on any screen (F2 while typing) for these lines, those for your region first (the region setting, else your locale), and your own safety plan.",
        support.danger()
    ))]);
    for line in support.sentences() {
        roff.control("IP", ["\\(bu", "2"]).text([roman(line)]);
    }
    section(&mut roff, "FILES", &FILES);
    section(&mut roff, "ENVIRONMENT", &ENVIRONMENT);
    section(&mut roff, "EXIT STATUS", &EXIT_STATUS);
    let _ = man.render_version_section(&mut page);
    // Each part rendered alone starts with roff's quote-mark preamble; the page needs it once.
    let preamble = Roff::new().render();
    let mut text = String::from_utf8_lossy(&page).replace(&preamble, "");
    text.insert_str(0, &preamble);
    // The version goes last, after steady's own sections.
    let version_at = text.rfind(".SH VERSION").unwrap_or(text.len());
    text.insert_str(version_at, &roff.render().replace(&preamble, ""));
    text
}

/// A command's usage and purpose, its own arguments and flags, then its subcommands.
fn commands(roff: &mut Roff, command: &clap::Command) {
    if command.is_hide_set() || command.get_name() == "help" {
        return;
    }
    let usage = command.clone().render_usage().to_string();
    let usage = usage.trim_start_matches("Usage: ");
    let about = command
        .get_about()
        .map(std::string::ToString::to_string)
        .unwrap_or_default();
    roff.control("TP", [])
        .text([bold(usage)])
        .text([roman(about)]);
    let own = command.get_arguments().filter(|a| {
        !a.is_global_set()
            && !a.is_hide_set()
            && !["help", "version"].contains(&a.get_id().as_str())
    });
    let mut any = false;
    for arg in own {
        if !any {
            roff.control("RS", []);
            any = true;
        }
        let value = arg
            .get_value_names()
            .and_then(|names| names.first())
            .filter(|_| arg.get_action().takes_values())
            .map(|v| format!(" {v}"))
            .or_else(|| {
                arg.is_positional()
                    .then(|| arg.get_id().to_string().to_uppercase())
            })
            .unwrap_or_default();
        let name = match (arg.get_long(), arg.get_short()) {
            (Some(long), Some(short)) => format!("-{short}, --{long}{value}"),
            (Some(long), None) => format!("--{long}{value}"),
            _ => value.trim_start().to_owned(),
        };
        // The long help where a flag has one (all of `--at`'s forms), else the short.
        let help = arg
            .get_long_help()
            .or_else(|| arg.get_help())
            .map(std::string::ToString::to_string)
            .unwrap_or_default();
        roff.control("TP", [])
            .text([bold(name)])
            .text([roman(help)]);
    }
    if any {
        roff.control("RE", []);
    }
    for sub in command.get_subcommands() {
        commands(roff, sub);
    }
}

/// A section of tagged paragraphs: each name in bold, its meaning under it.
fn section(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (name, meaning) in items {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*meaning)]);
    }
}
