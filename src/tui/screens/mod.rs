//! The TUI's screens, one module (or folder) each.

pub mod review;
