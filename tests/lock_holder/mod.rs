//! A test helper holding a journal's lock from another process: `flock(1)` (util-linux),
//! which can be stopped with SIGSTOP as Ctrl-Z stops a steady in the middle of an import.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdin, Command, Stdio};

/// `flock(1)` holding the journal's lock until its stdin closes, stopped with SIGSTOP as
/// Ctrl-Z would stop a steady in the middle of an import.
pub struct Holder {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Holder {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn take(lock: &std::path::Path) -> Holder {
        let mut child = Command::new("flock")
            .arg(lock)
            .args(["-c", "echo locked; read line"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("flock(1), from util-linux, runs");
        let mut said = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut said)
            .unwrap();
        assert_eq!(said, "locked\n", "flock took the lock");
        let stdin = child.stdin.take();
        Holder { child, stdin }
    }

    pub fn signal(&self, signal: &str) {
        let pid = self.child.id().to_string();
        assert!(
            Command::new("kill")
                .args([signal, &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Lets it run again and end, which lets the lock go.
    pub fn release(mut self) {
        self.signal("-CONT");
        drop(self.stdin.take());
        self.child.wait().unwrap();
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
