//! The `steady` binary: parse the command line, hand over, turn the outcome into an exit
//! status and one plain sentence.

#![deny(unsafe_code)]

mod memory;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: reading a journal allocates a few small
/// strings and maps per line, and lines are parsed on one thread and freed on another,
/// which glibc's allocator does slowly (a 100k-entry export spent a third of its time in
/// malloc and free). Wrapped so that running out of memory ends with a sentence, not an
/// abort. Declared in the binary, not the library: a program using the library chooses
/// its own allocator.
#[global_allocator]
static ALLOCATOR: memory::Sentence<mimalloc::MiMalloc> = memory::Sentence(mimalloc::MiMalloc);

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
