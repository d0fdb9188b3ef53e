//! Captures what hostfxr writes through `hostfxr_set_error_writer` during one call.
//! The writer is per thread, so it is installed around each call on the calling thread
//! and the previous writer is restored afterwards.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::host_string;
use super::sys::char_t;
use super::sys::{hostfxr_error_writer_fn, hostfxr_set_error_writer_fn};

thread_local! {
    static CAPTURED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn collect(message: *const char_t) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: hostfxr passes a NUL-terminated string valid during this callback.
        let text = unsafe { host_string::to_string(message) };
        let _ = CAPTURED.try_with(|captured| captured.borrow_mut().push(text));
    }));
}

/// Runs `call` with hostfxr's messages captured; returns its result and the messages.
/// Without a `set_error_writer` export (never seen in practice) messages are lost.
pub fn capture<T>(set_writer: Option<hostfxr_set_error_writer_fn>, call: impl FnOnce() -> T) -> (T, String) {
    let Some(set_writer) = set_writer else {
        return (call(), String::new());
    };
    let outer = CAPTURED.with(|captured| std::mem::take(&mut *captured.borrow_mut()));
    // SAFETY: `collect` never unwinds and lives for the whole program.
    let previous: hostfxr_error_writer_fn = unsafe { set_writer(Some(collect)) };
    let result = call();
    // SAFETY: restores whatever writer was active before, as hostfxr expects.
    unsafe { set_writer(previous) };
    let lines = CAPTURED.with(|captured| std::mem::replace(&mut *captured.borrow_mut(), outer));
    (result, lines.join("\n"))
}
