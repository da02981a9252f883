//! steady: a calm terminal companion for guided practice.
//!
//! The core (`practice`, `runner`, `clock`, `journal`, `config`, `paths`, `text`, `support`) never
//! touches the terminal; `cli` and `tui` are thin layers around it, and `plain` drives a
//! run by lines instead of keys.

#![forbid(unsafe_code)]

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
