//! JavaScript functions as .NET delegates. A delegate made for a function carries the
//! function's callback id; when .NET invokes it, the bridge calls `invoke_callback`:
//!
//! - on the environment's own JavaScript thread (a synchronous call that calls back), the
//!   function runs at once;
//! - on any other thread, the call is queued to the JavaScript thread through the
//!   environment's threadsafe function and the .NET thread waits for the result. If the
//!   JavaScript thread stays inside one synchronous .NET call meanwhile, which would
//!   deadlock when that call waits for this thread, the wait fails after the deadlock
//!   timeout with a `JavaScriptException` (reason `Deadlock`) in the .NET caller.
//!
//! The function is held (a strong reference) until .NET finalizes the delegate, which calls
//! `release_callback`; the reference is then deleted on the JavaScript thread. Meanwhile
//! the same function passed again as the same delegate type gets that delegate (`reuse`).
//!
//! This module keeps each environment's state and its lifecycle (set-up, delegates made,
//! teardown); `routing` decides where a call runs, `waiting` is the .NET thread's side of
//! a queued call, `call` runs the function, `thrown` captures what it throws, `promises`
//! completes .NET Tasks from Promises and `outcome` is what goes back to .NET.

mod call;
mod outcome;
mod promises;
mod routing;
mod thrown;
mod waiting;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;

use super::api::Bridge;
use super::kind::{DelegateSignature, Wire};
use crate::napi::{Env, JsError, Prop, Reference, Result, ThreadsafeFunction, Value};
use routing::deliver;
pub use routing::{free_result, invoke_callback, release_callback};
pub use thrown::take_error;
use waiting::Request;
pub use waiting::{deadlock_timeout, set_deadlock_timeout};

/// Ids of callbacks and of kept errors, from one sequence.
static NEXT_ID: AtomicI64 = AtomicI64::new(1);

/// What other threads know about an environment.
struct Shared {
    thread: ThreadId,
    queue: ThreadsafeFunction,
    /// False from teardown on; read and written under the routes lock when posting.
    alive: AtomicBool,
    /// Synchronous .NET calls the JavaScript thread is inside now.
    sync_depth: AtomicU32,
    /// Synchronous .NET calls it has started: tells one long call from many short ones.
    sync_calls: AtomicU64,
}

struct Route {
    env: Arc<Shared>,
    signature: Arc<DelegateSignature>,
}

/// Callback id → where to run it. An entry lives until .NET finalizes the delegate.
static ROUTES: Mutex<Option<HashMap<i64, Route>>> = Mutex::new(None);

fn with_routes<T>(f: impl FnOnce(&mut HashMap<i64, Route>) -> T) -> T {
    let mut guard = ROUTES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f(guard.get_or_insert_with(HashMap::new))
}

#[derive(Default)]
struct Local {
    env: Option<Env>,
    shared: Option<Arc<Shared>>,
    functions: HashMap<i64, Reference>,
    /// The callbacks made last, newest first, with their delegate types (see `reuse`).
    recent: Vec<(i64, i32)>,
    errors: VecDeque<(i64, Reference)>,
    /// .NET Tasks waiting for Promises of this environment.
    pending_tasks: HashSet<i64>,
}

thread_local! {
    static LOCAL: RefCell<Local> = RefCell::new(Local::default());
}

/// What other threads queue to the JavaScript thread.
enum Message {
    Invoke(Arc<Request>),
    Release(i64),
}

/// Sets this environment up for callbacks; idempotent.
pub fn init_environment(env: Env) -> Result<()> {
    if LOCAL.with(|local| local.borrow().shared.is_some()) {
        return Ok(());
    }
    let queue = ThreadsafeFunction::new::<Message>(env, "dotnet-host:callback", deliver)?;
    // .NET holding a callback does not keep Node alive, as a JavaScript listener would not.
    queue.set_ref(env, false)?;
    let shared = Arc::new(Shared {
        thread: std::thread::current().id(),
        queue,
        alive: AtomicBool::new(true),
        sync_depth: AtomicU32::new(0),
        sync_calls: AtomicU64::new(0),
    });
    LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        local.env = Some(env);
        local.shared = Some(shared);
    });
    Ok(())
}

/// An environment's count of the synchronous .NET calls its JavaScript thread is inside,
/// which a callback from another thread reads to tell a deadlock (see `waiting`). A bound
/// method keeps one, so a call reaches it without a thread-local lookup.
#[derive(Clone)]
pub struct SyncCounter(Arc<Shared>);

/// This environment's counter, once `init_environment` has run here.
pub fn sync_counter() -> Option<SyncCounter> {
    LOCAL.with(|local| local.borrow().shared.clone().map(SyncCounter))
}

/// Marks the JavaScript thread as inside a synchronous .NET call until dropped.
pub struct SyncCall<'a>(&'a Shared);

impl SyncCounter {
    pub fn enter(&self) -> SyncCall<'_> {
        let shared = &*self.0;
        // Only the environment's own thread writes these (other threads read them), so a
        // load and a store do: no locked instruction on every call.
        let calls = shared.sync_calls.load(Ordering::Relaxed);
        shared.sync_calls.store(calls.wrapping_add(1), Ordering::Relaxed);
        let depth = shared.sync_depth.load(Ordering::Relaxed);
        shared.sync_depth.store(depth + 1, Ordering::Release);
        SyncCall(shared)
    }
}

impl Drop for SyncCall<'_> {
    fn drop(&mut self) {
        let depth = self.0.sync_depth.load(Ordering::Relaxed);
        self.0
            .sync_depth
            .store(depth.saturating_sub(1), Ordering::Release);
    }
}

/// A .NET delegate of `wire`'s type that calls `function`: its object handle, one
/// reference owned by the caller.
pub fn create_delegate(env: Env, bridge: &Bridge, function: Value, wire: &Wire) -> Result<i64> {
    let Some(signature) = wire.delegate.clone() else {
        let why = wire
            .delegate_error
            .clone()
            .unwrap_or_else(|| format!("{} is not a delegate type", wire.type_name));
        return Err(JsError::invalid_argument(format!(
            "a JavaScript function cannot be passed as {}: {why}; pass a .NET delegate instead",
            wire.type_name
        ))
        .into());
    };
    let shared = LOCAL.with(|local| local.borrow().shared.clone()).ok_or_else(|| {
        JsError::new(
            "HostStateError",
            "the bridge is not initialized in this environment",
        )
    })?;
    if let Some(handle) = reuse(env, bridge, function, signature.type_id)? {
        return Ok(handle);
    }
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let reference = env.reference(function, true)?;
    LOCAL.with(|local| local.borrow_mut().functions.insert(id, reference));
    with_routes(|routes| {
        routes.insert(
            id,
            Route {
                env: shared,
                signature: signature.clone(),
            },
        )
    });
    match bridge.create_delegate(signature.type_id, id) {
        Ok(handle) => {
            LOCAL.with(|local| {
                let recent = &mut local.borrow_mut().recent;
                recent.truncate(RECENT - 1);
                recent.insert(0, (id, signature.type_id));
            });
            Ok(handle)
        }
        Err(details) => {
            with_routes(|routes| routes.remove(&id));
            if let Some(reference) = LOCAL.with(|local| local.borrow_mut().functions.remove(&id)) {
                reference.delete(env);
            }
            Err(JsError::new("DotnetException", "a .NET exception was thrown")
                .prop("details", Prop::Str(details))
                .into())
        }
    }
}

/// How many callbacks `reuse` remembers.
const RECENT: usize = 4;

/// The delegate .NET still has for `function`, if it was passed as this delegate type
/// among the last few: one more reference to it, instead of a new delegate (with its
/// reference, route, finalizer and release) for every call that passes the function, as
/// `list.Sort(compare)` or `items.Where(predicate)` in a loop do. C# passes one delegate
/// again too. Once .NET has let go of the delegate, a new one is made.
fn reuse(env: Env, bridge: &Bridge, function: Value, type_id: i32) -> Result<Option<i64>> {
    // The references are read first: comparing runs no JavaScript, but keeps no borrow.
    let mut candidates = [None; RECENT];
    LOCAL.with(|local| -> Result<()> {
        let local = local.borrow();
        for (index, (id, recent_type)) in local.recent.iter().enumerate() {
            if *recent_type != type_id {
                continue;
            }
            if let Some(reference) = local.functions.get(id) {
                candidates[index] = env.reference_value(reference)?.map(|value| (index, *id, value));
            }
        }
        Ok(())
    })?;
    for (index, id, value) in candidates.into_iter().flatten() {
        if !env.strict_equals(value, function)? {
            continue;
        }
        let found = bridge.reuse_delegate(id).map_err(|details| {
            crate::napi::Error::from(
                JsError::new("DotnetException", "a .NET exception was thrown")
                    .prop("details", Prop::Str(details)),
            )
        })?;
        LOCAL.with(|local| {
            let recent = &mut local.borrow_mut().recent;
            if index < recent.len() && recent[index].0 == id {
                let entry = recent.remove(index);
                if found.is_some() {
                    recent.insert(0, entry);
                }
            }
        });
        return Ok(found);
    }
    Ok(None)
}

/// JavaScript functions this environment holds for .NET delegates (diagnostics).
pub fn live_functions() -> usize {
    LOCAL.with(|local| local.borrow().functions.len())
}

/// At environment teardown: no callback runs here any more, and the functions and kept
/// errors are released. .NET delegates still alive fail with `EnvironmentExited`.
pub fn cleanup_environment(env: Env) {
    let local = LOCAL.with(|local| std::mem::take(&mut *local.borrow_mut()));
    if let Some(shared) = &local.shared {
        with_routes(|_| {
            shared.alive.store(false, Ordering::SeqCst);
            // Under the lock no other thread is posting; after it none will.
            shared.queue.release();
        });
    }
    for reference in local.functions.into_values() {
        reference.delete(env);
    }
    promises::abandon(local.pending_tasks);
    for (_, reference) in local.errors {
        reference.delete(env);
    }
}
