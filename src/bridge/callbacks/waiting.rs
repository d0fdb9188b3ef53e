//! Callbacks from other threads: the request queued to the JavaScript thread, and the
//! .NET thread's wait for it, which gives up when the JavaScript thread stays inside one
//! synchronous .NET call for longer than the deadlock timeout.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use super::super::api::Slot;
use super::super::kind::DelegateSignature;
use super::outcome::{exited, Outcome};
use super::routing::{discard, Call};
use super::{with_routes, Message, Shared};

static DEADLOCK_TIMEOUT_MS: AtomicU64 = AtomicU64::new(1000);

/// How long a callback from another thread waits while the JavaScript thread stays in one
/// synchronous .NET call before it is declared a deadlock.
pub fn set_deadlock_timeout(milliseconds: u64) {
    DEADLOCK_TIMEOUT_MS.store(milliseconds, Ordering::Relaxed);
}

pub fn deadlock_timeout() -> u64 {
    DEADLOCK_TIMEOUT_MS.load(Ordering::Relaxed)
}

/// A call from another thread, waiting for the JavaScript thread.
pub(super) struct Request {
    pub(super) call: Call,
    pub(super) signature: Arc<DelegateSignature>,
    pub(super) slots: Vec<Slot>,
    pub(super) state: Mutex<State>,
    pub(super) done: Condvar,
    /// Set with `State::Done`, so the waiting thread can spin on it before it sleeps.
    pub(super) finished: AtomicBool,
}

pub(super) enum State {
    Pending,
    Running,
    Done(Outcome),
    /// The caller stopped waiting (deadlock or exit); whoever picks it up discards it.
    Abandoned,
}

// SAFETY: the slots are integers and handles (pinned .NET memory, object handles), valid on
// any thread; the outcome's memory is owned heap data. Only the JavaScript thread converts.
unsafe impl Send for Request {}
// SAFETY: as above; all mutation goes through the mutex.
unsafe impl Sync for Request {}

pub(super) fn run_from_thread(
    shared: &Arc<Shared>,
    call: Call,
    signature: Arc<DelegateSignature>,
    slots: Vec<Slot>,
) -> Outcome {
    let request = Arc::new(Request {
        call,
        signature,
        slots,
        state: Mutex::new(State::Pending),
        done: Condvar::new(),
        finished: AtomicBool::new(false),
    });
    let posted = with_routes(|_| {
        shared.alive.load(Ordering::SeqCst)
            && shared
                .queue
                .call(Box::new(Message::Invoke(request.clone())))
                .is_ok()
    });
    if !posted {
        discard(&request.slots);
        return exited(&request.signature);
    }
    wait(shared, &request)
}

/// How long the waiting thread spins before it sleeps. A callback from a thread is a round
/// trip; the JavaScript thread usually answers within tens of microseconds, and waking a
/// sleeping thread costs about as much again on a loaded machine.
const SPIN: Duration = Duration::from_micros(50);

fn wait(shared: &Shared, request: &Request) -> Outcome {
    let spinning = Instant::now();
    while !request.finished.load(Ordering::Acquire) && spinning.elapsed() < SPIN {
        for _ in 0..64 {
            std::hint::spin_loop();
        }
    }
    let timeout = Duration::from_millis(deadlock_timeout());
    let mut state = request
        .state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // The synchronous call the JavaScript thread has been inside since when, if it is.
    let mut blocked: Option<(u64, Instant)> = None;
    loop {
        if matches!(*state, State::Done(_)) {
            if let State::Done(outcome) = std::mem::replace(&mut *state, State::Abandoned) {
                return outcome;
            }
        }
        if matches!(*state, State::Pending) {
            if !shared.alive.load(Ordering::SeqCst) {
                *state = State::Abandoned;
                return exited(&request.signature);
            }
            let calls = shared.sync_calls.load(Ordering::SeqCst);
            if shared.sync_depth.load(Ordering::SeqCst) == 0 {
                blocked = None;
            } else {
                match blocked {
                    Some((call, since)) if call == calls => {
                        if since.elapsed() >= timeout {
                            *state = State::Abandoned;
                            return Outcome::cannot_run(
                                "Deadlock",
                                &deadlock_message(&request.signature, timeout),
                            );
                        }
                    }
                    _ => blocked = Some((calls, Instant::now())),
                }
            }
        } else {
            // Running: the JavaScript thread has it; it will finish.
            blocked = None;
        }
        state = request
            .done
            .wait_timeout(state, Duration::from_millis(10))
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .0;
    }
}

fn deadlock_message(signature: &DelegateSignature, timeout: Duration) -> String {
    format!(
        "a JavaScript callback ({}) was called from another thread while the JavaScript thread stayed inside one synchronous .NET call for {} ms; if that call waits for this thread, neither can go on (a deadlock). Call the .NET method with callAsync() so the JavaScript thread stays free to run callbacks, or raise the limit with setDeadlockTimeout()",
        signature.display,
        timeout.as_millis()
    )
}
