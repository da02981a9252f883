//! What sealing costs, line by line, on the 100,000 realistic entries of `support`: parsing a
//! plain line (what every read does), opening a sealed line with the identity alone (one
//! X25519 agreement and one age file each, what `age -d` does), opening it through the
//! sealed cache of opened lines (what steady does), reading the cache itself, and sealing
//! one line and a cache batch for it (what an append adds).
//! Whole-journal figures are given on one thread and on every core (the journal reader
//! parses on every core). Then whole commands of the release binary, plain against sealed,
//! on the same journal: reads (which open the key with the passphrase first: age's scrypt,
//! about a second by design, timed alone on an empty sealed journal) and a check-in. Run
//! with `cargo bench --bench seal`.

/// The allocator the binary runs with (`src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod support;

use std::time::{Duration, Instant};

use age::x25519;
use steady::journal::Store;
use steady::journal::read::parse_line;
use steady::journal::seal::keys::KeyFiles;
use steady::journal::seal::line::{open, seal};
use steady::journal::seal::passphrase::{Asker, Source};
use steady::journal::seal::{Batch, LineCache, Opener, SealedVault};
use steady::journal::vault::{FileVault, Vault};

const ENTRIES: usize = 100_000;
/// Lines opened with the identity alone (each costs an agreement; fewer are enough).
const SLOW: usize = 2_000;

/// The best of `runs` timings of `work` (the least disturbed by the other users of the
/// machine).
fn best(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// `each` over `items` on every core, in as many chunks as there are cores.
fn on_every_core<T: Sync>(items: &[T], each: &(dyn Fn(&T) + Sync)) {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        for chunk in items.chunks(items.len().div_ceil(cores)) {
            scope.spawn(move || chunk.iter().for_each(each));
        }
    });
}

fn per_line(total: Duration, lines: usize) -> f64 {
    total.as_secs_f64() * 1e6 / lines as f64
}

#[expect(
    clippy::too_many_lines,
    reason = "a benchmark reads best as one script from setup to report"
)]
fn main() {
    let runs = support::runs(5);
    let dir = std::env::temp_dir().join(format!("steady-bench-seal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    let journal = dir.join("journal.jsonl");
    let bytes = support::generate(&journal, ENTRIES);
    let text = std::fs::read_to_string(&journal).expect("read the bench journal");
    let plain: Vec<&[u8]> = text.lines().map(str::as_bytes).collect();

    let identity = x25519::Identity::generate();
    let recipient = identity.to_public();
    let mut batch = Batch::default();
    let started = Instant::now();
    let sealed: Vec<String> = plain
        .iter()
        .map(|line| {
            let sealed = seal(line, &recipient);
            batch.add(sealed.as_bytes(), line);
            sealed
        })
        .collect();
    let seal_each = per_line(started.elapsed(), ENTRIES);
    let sealed_bytes: usize = sealed.iter().map(|l| l.len() + 1).sum();
    let cache = dir.join("journal.jsonl.cache");
    let started = Instant::now();
    batch.rewrite(&cache, &recipient).expect("write the cache");
    let cache_write = started.elapsed();
    let cache_bytes = std::fs::metadata(&cache).map_or(0, |m| m.len());
    println!(
        "steady seal bench: {ENTRIES} entries, {:.1} MB plain, {:.1} MB sealed, cache {:.1} MB; best of {runs} runs\n",
        bytes as f64 / 1e6,
        sealed_bytes as f64 / 1e6,
        cache_bytes as f64 / 1e6
    );

    let parse = best(runs, || {
        for line in &plain {
            std::hint::black_box(parse_line(line));
        }
    });
    let slow_opener = Opener::new(identity.clone(), LineCache::default());
    let slow = best(runs, || {
        for line in &sealed[..SLOW] {
            std::hint::black_box(open(line.as_bytes(), &slow_opener).expect("opens"));
        }
    });
    let cache_read = best(runs, || {
        std::hint::black_box(LineCache::read(&cache, &identity).expect("read the cache"));
    });
    let (lines, _) = LineCache::read(&cache, &identity).expect("read the cache");
    let opener = Opener::new(identity.clone(), lines);
    let cached = best(runs, || {
        for line in &sealed {
            std::hint::black_box(open(line.as_bytes(), &opener).expect("opens"));
        }
    });
    let open_and_parse = |line: &String| {
        let plain = open(line.as_bytes(), &opener).expect("opens");
        std::hint::black_box(parse_line(&plain));
    };
    let cached_parse = best(runs, || sealed.iter().for_each(open_and_parse));
    let parse_cores = best(runs, || {
        on_every_core(&plain, &|line| {
            std::hint::black_box(parse_line(line));
        });
    });
    let sealed_cores = best(runs, || on_every_core(&sealed, &open_and_parse));
    let seal_one = best(runs, || {
        std::hint::black_box(seal(plain[0], &recipient));
    });
    let one_batch = dir.join("one.cache");
    let append_one = best(runs, || {
        let sealed = seal(plain[0], &recipient);
        let mut batch = Batch::default();
        batch.add(sealed.as_bytes(), plain[0]);
        batch
            .append_to(&one_batch, &recipient)
            .expect("append a batch");
    });

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("per line, one thread:");
    println!(
        "  parse a plain line                      {:>8.2} µs",
        per_line(parse, ENTRIES)
    );
    println!(
        "  open a sealed line, identity only       {:>8.2} µs  (one X25519 agreement each)",
        per_line(slow, SLOW)
    );
    println!(
        "  open a sealed line, from the cache      {:>8.2} µs",
        per_line(cached, ENTRIES)
    );
    println!(
        "  open (cached) and parse                 {:>8.2} µs",
        per_line(cached_parse, ENTRIES)
    );
    println!("  seal a line (while sealing all)         {seal_each:>8.2} µs");
    println!(
        "  seal one line                           {:>8.2} µs",
        seal_one.as_secs_f64() * 1e6
    );
    println!(
        "  seal one line and append its cache batch {:>7.2} µs  (with the cache's fsync)",
        append_one.as_secs_f64() * 1e6
    );
    println!("\n{ENTRIES} lines:");
    println!(
        "  write the cache, one batch              {:>8.1} ms",
        ms(cache_write)
    );
    println!(
        "  read the cache of opened lines           {:>8.1} ms",
        ms(cache_read)
    );
    println!(
        "  parse plain, one thread                 {:>8.1} ms",
        ms(parse)
    );
    println!(
        "  open and parse sealed, one thread       {:>8.1} ms  ({:.2}× plain)",
        ms(cached_parse + cache_read),
        (cached_parse + cache_read).as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "  parse plain, every core                 {:>8.1} ms",
        ms(parse_cores)
    );
    println!(
        "  open and parse sealed, every core       {:>8.1} ms  ({:.2}× plain)",
        ms(sealed_cores + cache_read),
        (sealed_cores + cache_read).as_secs_f64() / parse_cores.as_secs_f64()
    );
    println!(
        "  identity only, every line (estimated)   {:>8.1} ms",
        per_line(slow, SLOW) * ENTRIES as f64 / 1e3
    );
    commands(&dir, runs);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every entry read through the journal port, plain and sealed, in this process: what a
/// command or a TUI session does once the key is open (the key's opening, scrypt and the
/// sealed cache's, timed on its own).
fn port_reads(plain: &std::path::Path, sealed: &std::path::Path, runs: usize) {
    let plain = FileVault::new(Store::new(plain));
    let keys = KeyFiles::beside(sealed).expect("the bench's key files");
    let sealed = SealedVault::new(Store::new(sealed), keys, Asker::new(Source::current(None)));
    let started = Instant::now();
    sealed
        .unlock()
        .expect("the bench's passphrase opens the key");
    let unlock = started.elapsed();
    let read = |vault: &dyn Vault| {
        best(runs, || {
            let mut entries = 0;
            vault
                .open()
                .expect("the journal opens")
                .entries(|found| {
                    std::hint::black_box(found);
                    entries += 1;
                })
                .expect("the journal reads");
            assert_eq!(entries, ENTRIES);
        })
    };
    let (plain_read, sealed_read) = (read(&plain), read(&sealed));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "
every entry read through the journal port, every core, best of {runs}:"
    );
    println!(
        "  opening the key (scrypt) and the sealed cache, once a command or session {:>8.1} ms",
        ms(unlock)
    );
    println!(
        "  plain {:.1} ms, sealed {:.1} ms ({:.2}× plain)",
        ms(plain_read),
        ms(sealed_read),
        sealed_read.as_secs_f64() / plain_read.as_secs_f64()
    );
}

/// The median of `runs` runs of `steady ARGS` on `journal`, in milliseconds.
fn median_ms(dir: &std::path::Path, journal: &std::path::Path, args: &[&str], runs: usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| match support::run(dir, journal, args) {
            Ok((took, _)) => took.as_secs_f64() * 1e3,
            Err(why) => panic!("steady {args:?}: {why}"),
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Whole commands, plain against sealed.
fn commands(dir: &std::path::Path, runs: usize) {
    let pass = dir.join("passphrase");
    std::fs::write(&pass, "bench words\n").expect("write the passphrase file");
    // SAFETY: set before any thread of this bench reads the environment; the children
    // steady runs inherit it.
    unsafe { std::env::set_var("STEADY_PASSPHRASE_FILE", &pass) };
    let plain = dir.join("plain.jsonl");
    let sealed = dir.join("sealed.jsonl");
    let empty = dir.join("empty.jsonl");
    let source = support::cached(ENTRIES);
    for journal in [&plain, &sealed] {
        std::fs::copy(&source, journal).expect("copy the bench journal");
    }
    let started = Instant::now();
    support::run(dir, &sealed, &["encrypt"]).expect("encrypt the bench journal");
    let encrypt = started.elapsed();
    // The same key beside an empty journal: opening it costs exactly what it costs the
    // sealed journal (age picks scrypt's work when a key is made).
    for suffix in [".recipient", ".identity.age"] {
        let name = |journal: &std::path::Path| format!("{}{suffix}", journal.display());
        std::fs::copy(name(&sealed), name(&empty)).expect("copy the key");
    }
    let unlock = median_ms(dir, &empty, &["log"], runs);
    port_reads(&plain, &sealed, runs);
    println!(
        "\nwhole commands, release binary, median of {runs} ({ENTRIES} entries; encrypt took {:.1} s):",
        encrypt.as_secs_f64()
    );
    println!("  open the key (scrypt) and read an empty journal  {unlock:>8.1} ms");
    println!(
        "  {:<28} {:>10} {:>10} {:>16}",
        "command", "plain", "sealed", "sealed - key"
    );
    let checkin: &[&str] = &[
        "checkin", "--level", "3", "--colour", "blue", "--note", "bench",
    ];
    let out = dir.join("export.jsonl");
    let out = out.to_str().expect("a UTF-8 temp path");
    let cases: [&[&str]; 4] = [
        &["stats"],
        &["log", "--limit", "20"],
        &["export", "--format", "jsonl", "-o", out, "--force"],
        checkin,
    ];
    for args in cases {
        let reads = args[0] != "checkin";
        let plain_ms = median_ms(dir, &plain, args, runs);
        let sealed_ms = median_ms(dir, &sealed, args, runs);
        let without_key = if reads { sealed_ms - unlock } else { sealed_ms };
        println!(
            "  {:<28} {plain_ms:>7.1} ms {sealed_ms:>7.1} ms {without_key:>8.1} ms ({:.2}×)",
            args.join(" "),
            without_key / plain_ms
        );
    }
}
