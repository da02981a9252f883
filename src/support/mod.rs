//! Care for a bad hour: which crisis lines fit where the person is (`region`, `lines`) and
//! the person's own safety plan (`plan`). Plain data and files; the TUI draws them.

pub mod lines;
pub mod plan;
pub mod region;
