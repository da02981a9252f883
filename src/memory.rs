//! Running out of memory, said in a sentence: a global allocator that hands every call to
//! another one and, when that one has no memory to give, writes one plain sentence to
//! standard error and exits with status 1, instead of Rust's abort (status 134, "memory
//! allocation failed"). Nothing here may allocate: the sentence is a static byte string
//! written with one `write(2)` to descriptor 2, and the exit (`_exit(2)`) runs nothing more. The journal
//! is as it was: an append is one write, and a rewrite only replaces the journal by a
//! rename once its new file is whole.

#![expect(
    unsafe_code,
    reason = "a global allocator is an unsafe trait; every call is passed on unchanged"
)]

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;
use std::sync::atomic::{AtomicBool, Ordering};

const SENTENCE: &[u8] = b"steady: there was not enough memory to go on, so steady stopped; your journal is as it was. Close other programs or raise the memory limit (ulimit -v), then try again.\n";

/// `A`, with running out of memory said in a sentence.
pub struct Sentence<A>(pub A);

/// Set by the first failure: a second one (while exiting) is left to Rust's own handler.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Says so and exits, the first time; hands the null pointer back after that.
fn out_of_memory() -> *mut u8 {
    if !FAILED.swap(true, Ordering::SeqCst) {
        // SAFETY: descriptor 2 is standard error, open or not; `ManuallyDrop` keeps
        // it from being closed. `File::write` on it is one `write(2)` call, with no
        // buffer and no allocation. A failed write changes nothing.
        let stderr = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) });
        let _ = (&*stderr).write_all(SENTENCE);
        // SAFETY: `_exit` ends the process at once, running nothing (no atexit handler, no
        // flush, no destructor): `std::process::exit` would run them, and they may need
        // the memory that just ran out (a crash or a hang instead of the sentence's exit).
        unsafe { libc::_exit(1) }
    }
    std::ptr::null_mut()
}

// SAFETY: every call goes to `A` unchanged; only a null result is looked at.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Sentence<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller keeps `alloc`'s contract, which is passed on.
        let p = unsafe { self.0.alloc(layout) };
        if p.is_null() { out_of_memory() } else { p }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if p.is_null() { out_of_memory() } else { p }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `alloc`.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if p.is_null() { out_of_memory() } else { p }
    }
}
