//! The command line as clap sees it. Names, flags and exit codes are fixed by the contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCandidates;

use super::completions::{guide_ids, practice_ids};

/// The last line of `steady --help`: the key that shows the crisis lines, and the phone lines
/// themselves (text lines and the finder are under `!`).
fn crisis_help() -> String {
    let calls: Vec<String> = crate::support::lines::LINES
        .iter()
        .filter(|l| l.reach.starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| format!("{} ({})", l.reach, l.who))
        .collect();
    format!(
        "In a crisis, press ! on any screen (F2 while typing) for the lines where you are and your own safety plan, or call {}; findahelpline.com lists more.",
        calls.join(", ")
    )
}

/// A calm terminal companion for guided practice, with a private local journal.
#[derive(Debug, Parser)]
#[command(
    name = "steady",
    version,
    about,
    propagate_version = true,
    after_help = crisis_help()
)]
pub struct Cli {
    /// The journal file [env: `STEADY_JOURNAL`] [default: <data dir>/journal.jsonl]
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Your own practices folder [env: `STEADY_PRACTICES`] [default: <config dir>/practices]
    #[arg(long, global = true, value_name = "DIR")]
    pub practices: Option<PathBuf>,
    /// The settings file [env: `STEADY_CONFIG`] [default: <config dir>/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// No messages about what was done (data and errors are still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open one practice in the TUI (or as plain lines); back to the shell when it ends
    Run {
        /// The practice id (see `steady practices`)
        #[arg(add = ArgValueCandidates::new(practice_ids))]
        id: String,
        /// Plain numbered lines on stdin/stdout instead of the full screen (screen readers,
        /// dumb terminals, scripts); used by itself when TERM=dumb
        #[arg(long)]
        plain: bool,
    },
    /// Open the review screens (history, trends, calendar)
    Review,
    /// Record a feeling check-in without the TUI
    Checkin(CheckinArgs),
    /// List entries, newest first
    Log(LogArgs),
    /// Counts, streaks and trends over the journal
    Stats(StatsArgs),
    /// Write entries as CSV, JSON, JSON Lines or Markdown
    Export(ExportArgs),
    /// Add entries from an export, another journal or another app (union by id)
    Import(ImportArgs),
    /// List, show or check practices
    Practices {
        #[command(subcommand)]
        action: Option<PracticesAction>,
    },
    /// List, show or check guides (step-by-step paths through practices)
    Guides {
        #[command(subcommand)]
        action: Option<GuidesAction>,
    },
    /// Print the journal, settings, practice, guide and safety plan paths in use
    Paths,
    /// Check the journal for problems and say what to do
    Doctor,
    /// An HTML page to read, print or bring to a session (default: the last 30 days)
    Report(ReportArgs),
    /// For prompts: a gentle line (exit 0) if nothing was practised today, else exit 1
    Due,
    /// Seal the journal with age: adding needs no passphrase, reading asks for it
    Encrypt,
    /// Turn a sealed journal back into plain text, byte for byte
    Decrypt,
    /// Change a sealed journal's passphrase (no entry is touched)
    Passphrase,
    /// Print the manual page (roff)
    Man,
    /// Print a shell completion script
    Completions {
        /// bash, zsh, fish, elvish or powershell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum PracticesAction {
    /// Print one practice's steps
    Show {
        /// The practice id (see `steady practices`)
        #[arg(add = ArgValueCandidates::new(practice_ids))]
        id: String,
    },
    /// Check practice files or folders; exit 2 if any is bad
    Validate {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GuidesAction {
    /// Print one guide's steps
    Show {
        #[arg(add = ArgValueCandidates::new(guide_ids))]
        id: String,
    },
    /// Check guide files or folders; exit 2 if any is bad
    Validate {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct CheckinArgs {
    /// How strong the feeling is, on the check-in's scale (1 to 5)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub level: i64,
    /// The feeling's colour, in a word
    #[arg(long, value_name = "WORD")]
    pub colour: String,
    /// The feeling, in a word
    #[arg(long, value_name = "WORD")]
    pub feeling: Option<String>,
    /// How the moment felt overall: 1 very unpleasant, 2 unpleasant, 3 neither, 4 pleasant,
    /// 5 very pleasant (kept apart from --level)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub mood: Option<i64>,
    /// One sentence naming the feeling and the need
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When it was (default: now); see --help for the forms
    #[arg(
        long,
        value_name = "WHEN",
        long_help = "When it was (default: now): HH:MM (today; in the small hours, before the day starts, the evening just gone), yesterday (a day ago, at the time it is now), yesterday HH:MM, YYYY-MM-DD HH:MM (local time), or RFC 3339 such as 2026-11-22T08:30:00+01:00. A local time the clocks skip, a year before 2000 or a time more than a minute ahead is refused."
    )]
    pub at: Option<String>,
    /// Keep a colour word that looks like a typo of a palette colour (checkin asks otherwise)
    #[arg(long)]
    pub new_colour: bool,
}

/// Which entries a command looks at.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// From this day on: YYYY-MM-DD, today, yesterday or Nd (the last N days)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day (same forms as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this practice (repeatable)
    #[arg(long = "practice", id = "practice", value_name = "ID", add = ArgValueCandidates::new(practice_ids))]
    pub practices: Vec<String>,
    /// Only entries whose text answers contain TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only entries with this tag, any case (repeatable: any of them)
    #[arg(long = "tag", id = "tag", value_name = "NAME")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most N entries
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// One entry per line, exactly as stored
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Machine-readable JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What FILE is: a steady export or journal, a Daylio CSV export, a jrnl JSON export or a
    /// Pixels JSON backup
    #[arg(long, value_enum, default_value = "steady")]
    pub from: ImportFrom,
    /// Say what would be added and rejected, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Where a Daylio mood of your own sits on the mood scale: NAME=N, N from 1 (very unpleasant) to 5 (very pleasant) (repeatable)
    #[arg(long = "mood", value_name = "NAME=N")]
    pub moods: Vec<String>,
    /// The file to import, or - for standard input
    pub file: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFrom {
    Steady,
    Daylio,
    Jrnl,
    Pixels,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format to write
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE instead of standard output (- is standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Put in the words of private practices too (the unsent letter); they are left out otherwise
    #[arg(long = "include-private")]
    pub include_private: bool,
    /// Write to FILE instead of standard output (`-` is standard output)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
    Md,
}
