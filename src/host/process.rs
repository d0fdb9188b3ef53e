//! What is true of the whole process: which hostfxr runs the runtime, and whether a
//! primary context is open without having started it. hostfxr blocks every other
//! initialize call in that window (even on the same thread, which would hang Node), so
//! we refuse those calls instead.

use std::path::PathBuf;
use std::sync::Mutex;

use crate::error::{Error, Result};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Primary {
    None,
    /// Open, runtime not loaded yet: other initialize calls would block.
    Pending,
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

fn state() -> std::sync::MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The hostfxr that owns this process's runtime, once a context exists.
pub fn active_hostfxr() -> Option<PathBuf> {
    state().hostfxr.clone()
}

/// Checks that a new initialize call may go ahead with `hostfxr`.
pub fn before_initialize(hostfxr: &std::path::Path) -> Result<()> {
    let state = state();
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
    if state.primary == Primary::ShutDown {
        return Err(shut_down_error());
    }
    if state.primary == Primary::Pending {
        return Err(Error::state(
            "PrimaryContextPending",
            "a primary host context is open and has not started the runtime yet; hostfxr would block this call until it does",
        )
        .hint("Get a runtime delegate from the first context (which starts the runtime) or close it before initializing another."));
    }
    Ok(())
}

pub fn initialized(hostfxr: PathBuf, primary: bool) {
    let mut state = state();
    state.hostfxr = Some(hostfxr);
    if primary {
        state.primary = Primary::Pending;
    }
}

pub fn runtime_started() {
    let mut state = state();
    if state.primary != Primary::ShutDown {
        state.primary = Primary::Started;
    }
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
    if state.primary == Primary::Pending {
        state.primary = Primary::None;
    }
}

pub fn is_runtime_started() -> bool {
    matches!(state().primary, Primary::Started | Primary::ShutDown)
}
