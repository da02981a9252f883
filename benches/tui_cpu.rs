//! CPU used by the TUI while it waits: the release binary runs in tmux, once on a moving
//! breath pacer and once on a question, and its user+system time over wall time is read
//! from /proc. Targets: under 3% of one core while breathing, under 0.5% on a question.
//!
//! Run with `cargo bench --bench tui_cpu` (needs tmux and Linux's /proc).

#[path = "../tests/tui_common/tmux.rs"]
mod tmux;

use std::path::Path;
use std::time::{Duration, Instant};

use tmux::{Home, Tmux};

const BREATH: &str = r#"
id = "bench-breath"
title = "Bench breath"
summary = "A long breath for measuring."
source = "A benchmark."
tags = ["bench"]

[[steps]]
kind = "breathe"
key = "breath"
seconds = 90
pattern = [{ phase = "in", seconds = 4 }, { phase = "out", seconds = 6 }]
"#;

const QUESTION: &str = r#"
id = "bench-question"
title = "Bench question"
summary = "A question left open for measuring."
source = "A benchmark."
tags = ["bench"]

[[steps]]
kind = "text"
key = "answer"
prompt = "Take your time with this one."
"#;

const MEASURE: Duration = Duration::from_secs(20);

fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// Percent of one core used by steady while it shows `wait_for`.
fn measure(home: &Home, id: &str, wait_for: &str) -> f64 {
    let tmux = Tmux::start(&home.command(
        Path::new(env!("CARGO_BIN_EXE_steady")),
        &format!("run {id}"),
    ));
    tmux.wait_for(wait_for);
    let pid = tmux.steady_pid();
    let (t0, c0) = (Instant::now(), tmux::cpu_ticks(pid));
    std::thread::sleep(MEASURE);
    let (t1, c1) = (Instant::now(), tmux::cpu_ticks(pid));
    let cpu = (c1 - c0) as f64 / clock_ticks_per_second();
    100.0 * cpu / (t1 - t0).as_secs_f64()
}

fn main() {
    if !tmux::available() {
        return;
    }
    let home = Home::new("bench-cpu");
    home.add_practice("bench-breath", BREATH);
    home.add_practice("bench-question", QUESTION);
    let breath = measure(&home, "bench-breath", "Breathe");
    let question = measure(&home, "bench-question", "Take your time");
    println!("tui_cpu: breath pacer {breath:.2}% of one core (target < 3%)");
    println!("tui_cpu: waiting on a question {question:.2}% of one core (target < 0.5%)");
    if breath >= 3.0 || question >= 0.5 {
        eprintln!("tui_cpu: over target");
        std::process::exit(1);
    }
}
