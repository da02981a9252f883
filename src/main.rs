//! The `steady` binary: parse the command line, hand over, turn the outcome into an exit
//! status and one plain sentence.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // No Rust panic message reaches a person: one plain sentence instead. (The TUI's own
    // hook restores the terminal first and then calls this one.)
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "steady stopped because of a bug{place}; your journal is as it was. Please report it."
        );
    }));
    steady::cli::answer_completion();
    let cli = steady::cli::args::Cli::parse();
    match steady::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if !e.message.is_empty() {
                eprintln!("steady: {}", e.message);
            }
            ExitCode::from(e.code)
        }
    }
}
