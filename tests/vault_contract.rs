//! The journal port's contract, one suite run over every implementation: the JSON Lines
//! file (`FileVault`) and the journal in memory (`MemoryVault`). A new implementation is
//! added to `each_vault` and must pass all of it: reading in passes that agree, the newest
//! entries from the end, byte-exact removal, edits and undo of both, references that follow
//! other changes, refusing a stale reference, unreadable lines kept, and union import by id.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use steady::journal::VaultError;
use steady::journal::entry::Entry;
use steady::journal::vault::{FileVault, Found, MemoryVault, Vault};

fn line(id: &str, day: u32, note: &str) -> String {
    format!(
        r#"{{"v":1,"id":"{id}","practice":"x","title":"X","started_at":"2026-11-{day:02}T10:00:00.000+01:00","ended_at":"2026-11-{day:02}T10:00:00.000+01:00","completed":true,"via":"tui","responses":{{"note":"{note}"}}}}"#
    )
}

/// Odd spacing, an unknown field and an unreadable line: every byte of these must survive.
fn start() -> String {
    let b = line("B", 2, "two").replace(r#""v":1,"#, r#""v":1,  "zz":[1],"#);
    format!(
        "{}\nnot json\n{b}\n{}\n",
        line("A", 1, "one"),
        line("C", 3, "three")
    )
}

/// A temp folder for one test and implementation.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("steady-vault-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Each implementation over a journal holding `bytes`, with a way to read its bytes back.
fn each_vault(name: &str, bytes: &str, test: impl Fn(&dyn Vault, &dyn Fn() -> Vec<u8>)) {
    let dir = folder(name);
    let path = dir.join("journal.jsonl");
    std::fs::write(&path, bytes).unwrap();
    let file = FileVault::new(steady::journal::Store::new(&path));
    test(&file, &|| std::fs::read(&path).unwrap());
    let memory = MemoryVault::from_bytes(bytes.as_bytes().to_vec());
    test(&memory, &|| memory.bytes());
    let _ = std::fs::remove_dir_all(&dir);
}

fn all(vault: &dyn Vault) -> (Vec<Found>, usize) {
    let mut found = Vec::new();
    let unreadable = vault.open().unwrap().entries(|f| found.push(f)).unwrap();
    (found, unreadable)
}

fn ids(found: &[Found]) -> Vec<&str> {
    found.iter().map(|f| f.entry.id.as_str()).collect()
}

#[test]
fn reading_gives_every_entry_in_order_and_counts_the_rest() {
    each_vault("read", &start(), |vault, _| {
        let (found, unreadable) = all(vault);
        assert_eq!(ids(&found), ["A", "B", "C"]);
        assert_eq!(unreadable, 1);
        for f in &found {
            assert_eq!(vault.get(&f.at).unwrap().as_ref(), Some(&f.entry));
        }
    });
}

#[test]
fn a_snapshot_reads_the_same_version_in_every_pass() {
    each_vault("snapshot", &start(), |vault, _| {
        let snapshot = vault.open().unwrap();
        let entry: Entry = serde_json::from_str(&line("D", 4, "four")).unwrap();
        vault.append(&[entry]).unwrap();
        let count = || {
            let mut n = 0;
            snapshot.entries(|_| n += 1).unwrap();
            n
        };
        assert_eq!(
            (count(), count()),
            (3, 3),
            "the append came after it was opened"
        );
        assert_eq!(all(vault).0.len(), 4);
    });
}

#[test]
fn newest_reads_back_from_the_end() {
    each_vault("newest", &start(), |vault, _| {
        let newest = vault.newest(2).unwrap();
        assert_eq!(ids(&newest.entries), ["C", "B"]);
        assert!(!newest.whole);
        let everything = vault.newest(10).unwrap();
        assert_eq!(ids(&everything.entries), ["C", "B", "A"]);
        assert_eq!(everything.unreadable, 1);
        assert!(everything.whole);
        let (found, _) = all(vault);
        assert_eq!(
            everything.entries[0].at, found[2].at,
            "one reference either way"
        );
    });
    each_vault("newest-empty", "", |vault, _| {
        let newest = vault.newest(5).unwrap();
        assert!(newest.entries.is_empty() && newest.whole);
    });
}

#[test]
fn remove_and_restore_give_back_the_exact_bytes() {
    each_vault("remove", &start(), |vault, bytes| {
        let original = bytes();
        let (found, _) = all(vault);
        let b = found[1].at;
        let mut c = found[2].at;
        let removed = vault.remove(&b).unwrap().value;
        assert!(!String::from_utf8(bytes()).unwrap().contains(r#""id":"B""#));
        assert!(matches!(vault.remove(&b), Err(VaultError::Changed)));
        c.follow(removed.shift);
        assert_eq!(
            vault.get(&c).unwrap().unwrap().id,
            "C",
            "C's reference followed"
        );
        let restored = vault.restore(&removed.kept).unwrap().value;
        assert_eq!(restored.at, b);
        c.follow(restored.shift);
        assert_eq!(c, found[2].at);
        assert_eq!(bytes(), original);
    });
}

#[test]
fn replace_changes_only_that_entry_and_restore_undoes_it() {
    each_vault("replace", &start(), |vault, bytes| {
        let original = bytes();
        let (found, _) = all(vault);
        let mut b = found[1].entry.clone();
        b.responses["note"] = "a longer note than before".into();
        let replaced = vault.replace(&found[1].at, &b).unwrap().value;
        let text = String::from_utf8(bytes()).unwrap();
        let expected = String::from_utf8(original.clone())
            .unwrap()
            .replace(r#""two""#, r#""a longer note than before""#);
        assert_eq!(text, expected, "the unknown field and spacing stay");
        assert!(
            vault.replace(&found[1].at, &b).is_err(),
            "the entry it was read from has changed"
        );
        let mut c = found[2].at;
        c.follow(replaced.shift);
        assert_eq!(vault.get(&c).unwrap().unwrap().id, "C");
        assert_eq!(vault.get(&replaced.at).unwrap().unwrap(), b);
        vault.restore(&replaced.kept).unwrap();
        assert_eq!(bytes(), original);
    });
}

#[test]
fn appends_go_at_the_end_all_together() {
    each_vault("append", &start(), |vault, bytes| {
        let before = bytes();
        let d: Entry = serde_json::from_str(&line("D", 4, "four")).unwrap();
        let e: Entry = serde_json::from_str(&line("E", 5, "five")).unwrap();
        vault.append(&[d.clone(), e.clone()]).unwrap();
        let after = bytes();
        assert!(after.starts_with(&before), "nothing before the end changes");
        let added = format!("{}\n{}\n", d.to_line(), e.to_line());
        assert_eq!(&after[before.len()..], added.as_bytes());
    });
}

#[test]
fn import_adds_only_ids_the_journal_does_not_hold() {
    each_vault("import", &start(), |vault, bytes| {
        let before = bytes();
        let dir = folder("import-spool");
        let spool_path = dir.join("spool");
        let mut spool = std::fs::File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&spool_path)
            .unwrap();
        let mut lines = Vec::new();
        let mut at = 0;
        for (id, day) in [("A", 1), ("D", 4), ("D", 4)] {
            let text = format!("{}\n", line(id, day, "new"));
            spool.write_all(text.as_bytes()).unwrap();
            lines.push((id.to_owned(), at..at + text.len() as u64));
            at += text.len() as u64;
        }
        let dry = vault
            .import(Some(&spool), &lines, &|_| None, true)
            .unwrap()
            .value;
        assert_eq!((dry.added, dry.duplicates, dry.repeated), (1, 1, 1));
        assert_eq!(bytes(), before, "a dry run writes nothing");
        let done = vault
            .import(Some(&spool), &lines, &|_| None, false)
            .unwrap()
            .value;
        assert_eq!(done, dry);
        let after = bytes();
        assert!(after.starts_with(&before));
        assert_eq!(
            &after[before.len()..],
            format!("{}\n", line("D", 4, "new")).as_bytes()
        );
        let _ = std::fs::remove_dir_all(&dir);
    });
}

/// Which entries a `latest` selects.
type Keep = dyn Fn(&Entry) -> bool + Sync;

/// A journal of `count` entries about ten minutes apart, written mostly in time order, with
/// every 97th entry back-dated by a year, every 501st line unreadable, and, when `future_at`
/// is given, the entry on that line beginning after every other.
fn out_of_order(count: usize, future_at: Option<usize>) -> String {
    let mut text = String::new();
    for i in 0..count {
        if i % 501 == 0 {
            text.push_str("not an entry\n");
        }
        let minutes = if future_at == Some(i) {
            count as i64 * 10 + 60
        } else if i % 97 == 0 {
            i as i64 * 10 - 525_600
        } else {
            i as i64 * 10
        };
        let at = chrono::DateTime::parse_from_rfc3339("2024-01-01T08:00:00+01:00").unwrap()
            + chrono::Duration::minutes(minutes);
        let at = at.to_rfc3339_opts(chrono::SecondsFormat::Millis, false);
        let practice = if i % 3 == 0 { "y" } else { "x" };
        writeln!(
            text,
            r#"{{"v":1,"id":"E{i:025}","practice":"{practice}","title":"X","started_at":"{at}","ended_at":"{at}","completed":true,"via":"tui","responses":{{"note":"{}"}}}}"#,
            "a few words about the morning ".repeat(7)
        )
        .unwrap();
    }
    text
}

/// `latest` of the file (read from its end with its order index once the journal is large)
/// and of the journal in memory (read whole) agree, and agree again after appends (the
/// index grows) and after a rewrite (the index is made again).
#[test]
fn latest_agrees_with_a_whole_read_on_a_large_journal_out_of_order() {
    for (name, future_at) in [("latest", None), ("latest-future", Some(40))] {
        let dir = folder(name);
        let path = dir.join("journal.jsonl");
        let text = out_of_order(16_000, future_at);
        assert!(text.len() > 5 * 1024 * 1024, "large enough to be indexed");
        std::fs::write(&path, &text).unwrap();
        let file = FileVault::new(steady::journal::Store::new(&path));
        let memory = MemoryVault::from_bytes(text.into_bytes());
        let every = |_: &Entry| true;
        let only_y = |e: &Entry| e.practice == "y";
        let same = |round: &str| {
            let cases: [(usize, &Keep); 3] = [(1, &every), (20, &only_y), (300, &every)];
            for (n, keep) in cases {
                let (f, m) = (
                    file.latest(n, keep).unwrap(),
                    memory.latest(n, keep).unwrap(),
                );
                assert_eq!(f.lines, m.lines, "{name} {round}: n = {n}");
                assert_eq!(
                    (f.entries, f.unreadable),
                    (m.entries, m.unreadable),
                    "{name} {round}: n = {n}"
                );
                assert!(f.selected >= f.lines.len() && f.selected <= m.selected);
            }
        };
        same("first read");
        assert!(
            dir.join("journal.jsonl.order").exists(),
            "the index is kept"
        );
        same("with the index");
        // Appends after the last mark: a back-dated one, and enough to add marks.
        let more: Vec<Entry> = out_of_order(3_500, None)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .map(|mut e: Entry| {
                e.id = format!("N{}", &e.id[1..]);
                e.started_at += chrono::Duration::days(400);
                e
            })
            .collect();
        file.append(&more).unwrap();
        memory.append(&more).unwrap();
        same("after appends");
        same("after appends, the index grown");
        // A rewrite renames a new file into place: the index no longer holds for it.
        let (found, _) = all(&file);
        file.remove(&found[10].at).unwrap();
        let (found, _) = all(&memory);
        memory.remove(&found[10].at).unwrap();
        same("after a rewrite");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
