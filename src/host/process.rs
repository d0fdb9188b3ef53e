//! What is true of the whole process: which hostfxr runs the runtime, and whether a
//! primary context is open without having started it. hostfxr blocks every other
//! initialize call in that window (even on the same thread, which would hang Node), so
//! we refuse those calls instead.

use std::path::PathBuf;
use std::sync::{Condvar, Mutex};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Primary {
    None,
    /// Open on this thread, runtime not loaded yet: other initialize calls block until it
    /// starts the runtime or closes.
    Pending(ThreadId),
    Started,
    /// An app ran to completion: the runtime is shut down for good, and hostfxr crashes
    /// on further use instead of failing.
    ShutDown,
}

struct State {
    hostfxr: Option<PathBuf>,
    primary: Primary,
}

static STATE: Mutex<State> = Mutex::new(State {
    hostfxr: None,
    primary: Primary::None,
});
/// Signalled when a pending primary context starts the runtime or closes.
static SETTLED: Condvar = Condvar::new();

/// How long an initialize on one thread waits for another thread's primary context.
const WAIT_FOR_PRIMARY: Duration = Duration::from_secs(60);

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The hostfxr that owns this process's runtime, once a context exists.
pub fn active_hostfxr() -> Option<PathBuf> {
    state().hostfxr.clone()
}

/// Checks that a new initialize call may go ahead with `hostfxr`.
pub fn before_initialize(hostfxr: &std::path::Path) -> Result<()> {
    let mut state = state();
    if let Some(active) = &state.hostfxr {
        if active != hostfxr {
            return Err(Error::state(
                "RuntimeAlreadyLoaded",
                format!(
                    "this process already hosts .NET through {}; a second hostfxr ({}) cannot be used",
                    active.display(),
                    hostfxr.display()
                ),
            )
            .hint(
                "One .NET runtime per process: omit hostfxrPath/dotnetRoot, or pass the ones already in use.",
            ));
        }
    }
    let deadline = Instant::now() + WAIT_FOR_PRIMARY;
    loop {
        match state.primary {
            Primary::ShutDown => return Err(shut_down_error()),
            Primary::Pending(owner) if owner == std::thread::current().id() => {
                return Err(Error::state(
                    "PrimaryContextPending",
                    "a primary host context is open on this thread and has not started the runtime yet; hostfxr would block this call forever",
                )
                .hint("Get a runtime delegate from the first context (which starts the runtime) or close it before initializing another."));
            }
            Primary::Pending(_) => {
                // Another thread (a worker) is starting the runtime: wait for it, as
                // hostfxr would, but not forever.
                let now = Instant::now();
                if now >= deadline {
                    return Err(Error::state(
                        "PrimaryContextPending",
                        "another thread has held a primary host context without starting the runtime for 60 s",
                    )
                    .hint("That thread must get a runtime delegate (or close its context) before others can initialize."));
                }
                state = SETTLED
                    .wait_timeout(state, deadline - now)
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .0;
            }
            _ => return Ok(()),
        }
    }
}

pub fn initialized(hostfxr: PathBuf, primary: bool) {
    let mut state = state();
    state.hostfxr = Some(hostfxr);
    if primary {
        state.primary = Primary::Pending(std::thread::current().id());
    }
}

pub fn runtime_started() {
    let mut state = state();
    if state.primary != Primary::ShutDown {
        state.primary = Primary::Started;
    }
    SETTLED.notify_all();
}

pub fn app_finished() {
    state().primary = Primary::ShutDown;
}

/// Fails once an app has run: nothing may touch the runtime afterwards.
pub fn check_not_shut_down() -> Result<()> {
    if state().primary == Primary::ShutDown {
        Err(shut_down_error())
    } else {
        Ok(())
    }
}

fn shut_down_error() -> Error {
    Error::state(
        "RuntimeShutDown",
        "the .NET runtime of this process was shut down when runApp returned; it cannot be used or restarted",
    )
    .hint("Run apps in a child process if the parent needs .NET afterwards.")
}

pub fn primary_closed() {
    let mut state = state();
    if matches!(state.primary, Primary::Pending(_)) {
        state.primary = Primary::None;
    }
    SETTLED.notify_all();
}

pub fn is_runtime_started() -> bool {
    matches!(state().primary, Primary::Started | Primary::ShutDown)
}
