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
use std::collections::{HashSet, VecDeque};
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

/// Callback ids, which this module counts up itself.
type ById<V> = crate::ids::ById<i64, V>;

/// Callback id → where to run it. An entry lives until .NET finalizes the delegate.
static ROUTES: Mutex<Option<ById<Route>>> = Mutex::new(None);

fn with_routes<T>(f: impl FnOnce(&mut ById<Route>) -> T) -> T {
    let mut guard = ROUTES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f(guard.get_or_insert_with(ById::default))
}

/// A JavaScript function this environment holds for a .NET delegate.
struct Function {
    reference: Reference,
    /// Also in its route: kept here so a call on this thread needs neither the routes'
    /// lock nor a thread check (an id found here was made on this thread).
    signature: Arc<DelegateSignature>,
}

/// A callback made lately, which the same function passed again may get (`reuse`).
struct Recent {
    id: i64,
    /// Its delegate type.
    type_id: i32,
    /// A reference to its delegate this entry keeps once the function came back (0 before):
    /// lent to synchronous calls, and given back when the entry goes.
    held: i64,
}

#[derive(Default)]
struct Local {
    env: Option<Env>,
    shared: Option<Arc<Shared>>,
    functions: ById<Function>,
    /// The callbacks made last, newest first (see `reuse`).
    recent: Vec<Recent>,
    /// Synchronous calls in progress here (see `Lending`).
    lending: u32,
    /// References kept by entries that left `recent` while a call was in progress, which
    /// it may have been lent: given back when no call is.
    retired: Vec<i64>,
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

/// A delegate's object handle, for an argument's slot.
pub enum DelegateHandle {
    /// One reference, which the caller gives back when the call is over.
    Owned(i64),
    /// The reference a `Recent` entry keeps, which lasts until this thread makes more
    /// delegates: only for a synchronous call, which reads its slots before anything else
    /// runs here.
    Lent(i64),
}

/// A .NET delegate of `wire`'s type that calls `function`: its object handle, one
/// reference owned by the caller.
pub fn create_delegate(env: Env, bridge: &Bridge, function: Value, wire: &Wire) -> Result<i64> {
    match delegate_argument(env, bridge, function, wire, false)? {
        DelegateHandle::Owned(handle) => Ok(handle),
        DelegateHandle::Lent(_) => unreachable!("nothing is lent unless asked"),
    }
}

/// The same for an argument's slot: `lend` (a synchronous call) takes the reference kept
/// for a function passed again, with no call into .NET.
pub fn delegate_argument(
    env: Env,
    bridge: &Bridge,
    function: Value,
    wire: &Wire,
    lend: bool,
) -> Result<DelegateHandle> {
    // Borrowed, not cloned, until a new delegate needs them: a function passed again (the
    // common case, `reuse`) then costs no atomic reference count.
    let Some(signature) = wire.delegate.as_ref() else {
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
    let not_initialized = || {
        JsError::new(
            "HostStateError",
            "the bridge is not initialized in this environment",
        )
    };
    if LOCAL.with(|local| local.borrow().shared.is_none()) {
        return Err(not_initialized().into());
    }
    if let Some(handle) = reuse(env, bridge, function, signature.type_id, lend)? {
        return Ok(handle);
    }
    let shared = LOCAL
        .with(|local| local.borrow().shared.clone())
        .ok_or_else(not_initialized)?;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let reference = env.reference(function, true)?;
    LOCAL.with(|local| {
        local.borrow_mut().functions.insert(
            id,
            Function {
                reference,
                signature: signature.clone(),
            },
        )
    });
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
            let dropped = LOCAL.with(|local| {
                let recent = &mut local.borrow_mut().recent;
                let dropped = recent.split_off(recent.len().min(RECENT - 1));
                recent.insert(
                    0,
                    Recent {
                        id,
                        type_id: signature.type_id,
                        held: 0,
                    },
                );
                dropped
            });
            give_back(bridge, dropped);
            Ok(DelegateHandle::Owned(handle))
        }
        Err(details) => {
            with_routes(|routes| routes.remove(&id));
            if let Some(function) = LOCAL.with(|local| local.borrow_mut().functions.remove(&id)) {
                function.reference.delete(env);
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
/// among the last few, instead of a new delegate (with its reference, route, finalizer and
/// release) for every call that passes the function, as `list.Sort(compare)` or
/// `items.Where(predicate)` in a loop do. C# passes one delegate again too. Once .NET has
/// let go of the delegate, a new one is made. The second time, the entry keeps a reference
/// of its own, which synchronous calls borrow from then on: a delegate passed again and
/// again costs no call into .NET. That keeps the delegate (and the function) alive while
/// it is among the last few made here.
fn reuse(
    env: Env,
    bridge: &Bridge,
    function: Value,
    type_id: i32,
    lend: bool,
) -> Result<Option<DelegateHandle>> {
    // The references are read first: comparing runs no JavaScript, but keeps no borrow.
    let mut candidates = [None; RECENT];
    LOCAL.with(|local| -> Result<()> {
        let local = local.borrow();
        for (index, entry) in local.recent.iter().enumerate() {
            if entry.type_id != type_id {
                continue;
            }
            if let Some(function) = local.functions.get(&entry.id) {
                candidates[index] = env
                    .reference_value(&function.reference)?
                    .map(|value| (index, entry.id, entry.held, value));
            }
        }
        Ok(())
    })?;
    for (index, id, held, value) in candidates.into_iter().flatten() {
        if !env.strict_equals(value, function)? {
            continue;
        }
        if lend && held != 0 {
            promote(index, id, |_| ());
            return Ok(Some(DelegateHandle::Lent(held)));
        }
        let found = bridge.reuse_delegate(id).map_err(|details| {
            crate::napi::Error::from(
                JsError::new("DotnetException", "a .NET exception was thrown")
                    .prop("details", Prop::Str(details)),
            )
        })?;
        let Some(handle) = found else {
            // .NET let go of it: the entry goes (it held nothing, or .NET would have it).
            let dropped = LOCAL.with(|local| {
                let recent = &mut local.borrow_mut().recent;
                let at = recent.iter().position(|entry| entry.id == id);
                at.map(|at| recent.remove(at)).into_iter().collect()
            });
            give_back(bridge, dropped);
            return Ok(None);
        };
        let mut kept = false;
        promote(index, id, |entry| {
            if lend && entry.held == 0 {
                entry.held = handle;
                kept = true;
            }
        });
        return Ok(Some(if kept {
            DelegateHandle::Lent(handle)
        } else {
            DelegateHandle::Owned(handle)
        }));
    }
    Ok(None)
}

/// Moves entry `id` (at `index` when it was read) to the front, after `update`.
fn promote(index: usize, id: i64, update: impl FnOnce(&mut Recent)) {
    LOCAL.with(|local| {
        let recent = &mut local.borrow_mut().recent;
        let at = if recent.get(index).is_some_and(|entry| entry.id == id) {
            Some(index)
        } else {
            recent.iter().position(|entry| entry.id == id)
        };
        if let Some(at) = at {
            let mut entry = recent.remove(at);
            update(&mut entry);
            recent.insert(0, entry);
        }
    });
}

/// Gives back the references entries that left `recent` kept, or, while a synchronous call
/// is in progress (one of them may be lent to it), once none is.
fn give_back(bridge: &Bridge, entries: Vec<Recent>) {
    let now = LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let held = entries.iter().map(|entry| entry.held).filter(|held| *held != 0);
        if local.lending == 0 {
            held.collect()
        } else {
            local.retired.extend(held);
            Vec::new()
        }
    });
    for held in now {
        bridge.release_object(held);
    }
}

/// Marks a synchronous call in progress, from reading its arguments until it returned:
/// a reference lent to it (`DelegateHandle::Lent`) stays valid meanwhile, even if later
/// arguments (new delegates) push its entry out of `recent`.
pub struct Lending(());

pub fn lending() -> Lending {
    LOCAL.with(|local| local.borrow_mut().lending += 1);
    Lending(())
}

impl Drop for Lending {
    fn drop(&mut self) {
        let retired = LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            local.lending -= 1;
            if local.lending == 0 {
                std::mem::take(&mut local.retired)
            } else {
                Vec::new()
            }
        });
        if let Some(bridge) = super::api::bridge() {
            for held in retired {
                bridge.release_object(held);
            }
        }
    }
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
    if let Some(bridge) = super::api::bridge() {
        let held = local.recent.iter().map(|entry| entry.held).chain(local.retired);
        for held in held.filter(|held| *held != 0) {
            bridge.release_object(held);
        }
    }
    for function in local.functions.into_values() {
        function.reference.delete(env);
    }
    promises::abandon(local.pending_tasks);
    for (_, reference) in local.errors {
        reference.delete(env);
    }
}
