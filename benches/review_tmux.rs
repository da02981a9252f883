//! Review's first frame in a real terminal: the release binary in tmux at 120×40, a new
//! process each run, on the CLI bench's journal of 100,000 entries. The pane's shell waits
//! for a key before it starts `steady review`; the clock starts when that key is sent and
//! stops when the frame's "entries" reaches the pane's output, which tmux copies to a file
//! (`pipe-pane`) that this process reads every millisecond. Watching the output this way
//! takes no CPU from steady, which reads the journal on both cores; asking tmux for the
//! screen every few milliseconds (`capture-pane`) does, and adds 30–50 ms on this machine.
//! Peak memory is the kernel's high-water mark (`VmHWM`) after the frame.
//!
//! Run with `cargo bench --bench review_tmux` (needs tmux and Linux's /proc);
//! `STEADY_BENCH_RUNS` sets the runs (default 12). Target: under 0.2 s, under 100 MiB.

#[path = "../tests/tui_common/tmux.rs"]
mod tmux;

mod support;

use std::time::{Duration, Instant};

use tmux::{Home, Tmux};

const ENTRIES: usize = 100_000;

/// The seconds to the first frame, and the peak memory in KiB.
fn first_frame(home: &Home, run: usize) -> (Duration, u64) {
    let command = format!("read x; {}", home.command(tmux::binary(), "review"));
    let tmux = Tmux::start(&command);
    tmux.resize(120, 40);
    let output = home.dir.join(format!("pane-{run}.out"));
    tmux.pipe_output(&output);
    // The copy has begun once its file is there.
    let ready = Instant::now() + Duration::from_secs(10);
    while !output.exists() {
        assert!(
            Instant::now() < ready,
            "tmux did not start copying the pane"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let start = Instant::now();
    tmux.keys(&["Enter"]);
    let deadline = start + Duration::from_secs(10);
    let elapsed = loop {
        if std::fs::read(&output).is_ok_and(|o| o.windows(7).any(|w| w == b"entries")) {
            break start.elapsed();
        }
        assert!(Instant::now() < deadline, "review did not draw within 10 s");
        std::thread::sleep(Duration::from_millis(1));
    };
    let pid = tmux.steady_pid();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("steady runs");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .expect("VmHWM in /proc");
    tmux.keys(&["q"]);
    (elapsed, peak)
}

fn main() {
    if !tmux::available() {
        return;
    }
    let runs = support::runs(12);
    let home = Home::new("bench-review-tmux");
    support::generate(&home.journal(), ENTRIES);
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for run in 0..runs {
        let (time, peak) = first_frame(&home, run);
        times.push(time);
        peaks.push(peak);
    }
    times.sort();
    peaks.sort_unstable();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("review in tmux, 120x40, {ENTRIES} entries, {runs} runs");
    println!(
        "  first frame: median {:.0} ms, fastest {:.0} ms, slowest {:.0} ms (target < 200 ms)",
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
    println!(
        "  peak memory: {:.1}–{:.1} MiB (target < 100 MiB)",
        peaks[0] as f64 / 1024.0,
        peaks[runs - 1] as f64 / 1024.0
    );
}
