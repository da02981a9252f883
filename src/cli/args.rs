//! The command line as clap sees it. Names, flags and exit codes are fixed by the contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A calm terminal companion for guided practice, with a private local journal.
#[derive(Debug, Parser)]
#[command(
    name = "steady",
    version,
    about,
    propagate_version = true,
    after_help = "In the TUI, press ! on any screen (F2 while typing) for crisis lines where you are and your own safety plan."
)]
pub struct Cli {
    /// The journal file [env: STEADY_JOURNAL] [default: <data dir>/journal.jsonl]
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,
    /// Your own practices folder [env: STEADY_PRACTICES] [default: <config dir>/practices]
    #[arg(long, global = true, value_name = "DIR")]
    pub practices: Option<PathBuf>,
    /// The settings file [env: STEADY_CONFIG] [default: <config dir>/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open one practice in the TUI; back to the shell when it ends
    Run {
        /// The practice id (see `steady practices`)
        id: String,
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
    /// Add entries from an export or another journal (union by id)
    Import {
        /// A json or jsonl export, or another journal
        file: PathBuf,
    },
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
    /// Print a shell completion script
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Subcommand)]
pub enum PracticesAction {
    /// Print one practice's steps
    Show { id: String },
    /// Check practice files or folders; exit 2 if any is bad
    Validate {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GuidesAction {
    /// Print one guide's steps
    Show { id: String },
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
    /// One sentence naming the feeling and the need
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When it was: RFC 3339, or HH:MM today
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
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
    #[arg(long = "practice", id = "practice", value_name = "ID")]
    pub practices: Vec<String>,
    /// Only entries whose text answers contain TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
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
pub struct ExportArgs {
    /// The format to write
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE instead of standard output
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
