//! steady: a calm terminal companion for guided practice.
//!
//! The core (`practice`, `runner`, `clock`, `journal`, `config`, `paths`, `text`, `support`) never
//! touches the terminal; `cli` and `tui` are thin layers around it, and `plain` drives a
//! run by lines instead of keys.

#![forbid(unsafe_code)]

/// mimalloc instead of the system allocator: reading a journal allocates a few small
/// strings and maps per line, and lines are parsed on one thread and freed on another,
/// which glibc's allocator does slowly (a 100k-entry export spent a third of its time in
/// malloc and free). Declared here, so the tests and benchmarks run what the binary runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod cli;
pub mod clock;
pub mod colours;
pub mod config;
pub mod config_write;
pub mod fsutil;
pub mod guide;
pub mod journal;
pub mod paths;
pub mod plain;
pub mod practice;
pub mod report;
pub mod runner;
pub mod support;
pub mod text;
pub mod tui;
