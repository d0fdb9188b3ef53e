//! Tasks returned by .NET settle JavaScript Promises. The bridge reports a completion from
//! whatever thread finished the Task (or inline, before the call even returned); it is
//! queued to the JavaScript thread of the environment that made the call.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use super::api::{bridge, Bridge, Slot};
use super::arguments::Arguments;
use super::kind::Wire;
use super::results;
use crate::napi::{Deferred, Env, JsError, Prop, Result, ThreadsafeFunction, Value};

pub const SUCCEEDED: i32 = 0;
pub const FAULTED: i32 = 1;
/// A callAsync whose method returned a Task: `slot.a` is that Task's id, which the
/// Promise follows from now on.
pub const FORWARDED: i32 = 3;

static LAST_CALL_ID: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Ids for callAsync completions: negative, so they never meet the bridge's Task ids.
pub fn next_call_id() -> i64 {
    -LAST_CALL_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed) - 1
}

struct Completed {
    id: i64,
    status: i32,
    slot: Slot,
    /// A `callAsync` call's arguments: the copies .NET wrote into, for JavaScript's
    /// arrays when the Promise settles.
    arguments: Option<Arguments>,
}

impl Completed {
    /// Frees what the result pinned (or the object it holds), when it will never be converted.
    fn discard(self) {
        if let Some(bridge) = bridge() {
            results::discard(bridge, &self.slot);
        }
    }
}

/// Completions in flight, shared by every thread.
#[derive(Default)]
struct Registry {
    /// Task id → the queue of the environment awaiting it.
    waiting: HashMap<i64, ThreadsafeFunction>,
    /// Completions that arrived before their call had registered.
    early: HashMap<i64, Completed>,
    /// Tasks whose environment ended before they completed: their results are dropped.
    abandoned: HashSet<i64>,
}

static REGISTRY: Mutex<Option<Registry>> = Mutex::new(None);

fn with_registry<T>(f: impl FnOnce(&mut Registry) -> T) -> T {
    let mut guard = REGISTRY.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f(guard.get_or_insert_with(Registry::default))
}

/// Called by the bridge from any thread. Must not unwind (it is `extern`): everything it
/// does is allocation and a queue push, and a poisoned lock is recovered.
pub unsafe extern "system" fn on_complete(id: i64, status: i32, slot: *const Slot) {
    // SAFETY: the bridge passes a valid slot for the duration of this call.
    let slot = unsafe { *slot };
    complete(id, status, slot);
}

/// Routes a completion to the environment waiting for it, from any thread.
pub fn complete(id: i64, status: i32, slot: Slot) {
    complete_with(id, status, slot, None);
}

/// A completion that hands back the call's arguments (see `Completed::arguments`).
pub fn complete_with(id: i64, status: i32, slot: Slot, arguments: Option<Arguments>) {
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let completed = Completed {
            id,
            status,
            slot,
            arguments,
        };
        let undelivered = with_registry(|registry| match registry.waiting.remove(&id) {
            Some(queue) => queue.call(Box::new(completed)).err().map(|item| *item),
            None if registry.abandoned.remove(&id) => Some(completed),
            None => {
                registry.early.insert(id, completed);
                None
            }
        });
        if let Some(completed) = undelivered {
            completed.discard();
        }
    }));
}

struct Pending {
    deferred: Deferred,
    wire: Wire,
    /// The arguments of a synchronous call that returned a Task: copies of its arrays that
    /// .NET may write into until the Task ends.
    arguments: Option<Arguments>,
}

/// This environment's side: its queue and the Promises it owes. One Node environment
/// runs on one thread, so a thread-local is per environment.
#[derive(Default)]
struct EnvTasks {
    queue: Option<ThreadsafeFunction>,
    pending: HashMap<i64, Pending>,
}

thread_local! {
    static TASKS: RefCell<EnvTasks> = RefCell::new(EnvTasks::default());
}

fn queue(env: Env) -> Result<ThreadsafeFunction> {
    TASKS.with(|tasks| {
        let mut tasks = tasks.borrow_mut();
        if let Some(queue) = tasks.queue {
            return Ok(queue);
        }
        let queue = ThreadsafeFunction::new::<Completed>(env, "dotnet-host:task", deliver)?;
        // Only pending Promises keep the process alive; see `update_ref`.
        queue.set_ref(env, false)?;
        tasks.queue = Some(queue);
        Ok(queue)
    })
}

fn update_ref(env: Env) {
    TASKS.with(|tasks| {
        let tasks = tasks.borrow();
        if let Some(queue) = tasks.queue {
            let _ = queue.set_ref(env, !tasks.pending.is_empty());
        }
    });
}

/// A Promise for Task `id`, whose result crosses as `wire`; `arguments` are kept until it
/// settles, when .NET's writes into their arrays are copied back.
pub fn promise(
    env: Env,
    bridge: &Bridge,
    id: i64,
    wire: Wire,
    arguments: Option<Arguments>,
) -> Result<Value> {
    let (deferred, promise) = env.promise()?;
    await_completion(
        env,
        bridge,
        id,
        Pending {
            deferred,
            wire,
            arguments,
        },
    )?;
    Ok(promise)
}

fn await_completion(env: Env, bridge: &Bridge, id: i64, pending: Pending) -> Result<()> {
    let queue = queue(env)?;
    TASKS.with(|tasks| tasks.borrow_mut().pending.insert(id, pending));
    update_ref(env);
    let early = with_registry(|registry| {
        let early = registry.early.remove(&id);
        if early.is_none() {
            registry.waiting.insert(id, queue);
        }
        early
    });
    if let Some(completed) = early {
        settle(env, bridge, completed);
    }
    Ok(())
}

#[allow(clippy::boxed_local)] // the queue hands items over boxed (napi::Handler)
fn deliver(env: Option<Env>, completed: Box<Completed>) {
    match (env, bridge()) {
        (Some(env), Some(bridge)) => settle(env, bridge, *completed),
        _ => completed.discard(),
    }
}

fn canceled() -> crate::napi::Error {
    let details = r#"{"type":"System.Threading.Tasks.TaskCanceledException","message":"A task was canceled.","stack":"","hresult":-2146233029}"#;
    JsError::new("DotnetException", "a .NET task was canceled")
        .prop("details", Prop::Str(details.into()))
        .into()
}

fn settle(env: Env, bridge: &Bridge, completed: Completed) {
    let pending = TASKS.with(|tasks| tasks.borrow_mut().pending.remove(&completed.id));
    let Some(pending) = pending else {
        completed.discard();
        return;
    };
    let Pending {
        deferred,
        wire,
        arguments,
    } = pending;
    let arguments = arguments.or(completed.arguments);
    let outcome = match completed.status {
        FORWARDED => {
            let inner = wire.inner.as_deref().cloned().unwrap_or_else(|| wire.clone());
            let follow = Pending {
                deferred,
                wire: inner,
                arguments,
            };
            // Registering cannot fail once this environment's queue exists.
            let _ = await_completion(env, bridge, completed.slot.a, follow);
            update_ref(env);
            return;
        }
        SUCCEEDED => results::to_js(env, bridge, &wire, &completed.slot),
        FAULTED => Err(results::exception(env, bridge, &completed.slot)),
        _ => {
            results::discard(bridge, &completed.slot);
            Err(canceled())
        }
    };
    // .NET is done with the arrays: its writes reach JavaScript before the Promise settles.
    let written = match arguments {
        Some(mut arguments) => arguments.write_back(env),
        None => Ok(()),
    };
    let outcome = match (outcome, written) {
        (Ok(_), Err(error)) => Err(error),
        (outcome, _) => outcome,
    };
    let _ = deferred.settle(env, outcome);
    update_ref(env);
}

/// At environment teardown: stop routing completions here and close the queue. Promises
/// still pending are dropped with the environment.
pub fn cleanup_environment() {
    let (queue, pending) = TASKS.with(|tasks| {
        let mut tasks = tasks.borrow_mut();
        let pending: Vec<i64> = tasks.pending.drain().map(|(id, _)| id).collect();
        (tasks.queue.take(), pending)
    });
    if let Some(queue) = queue {
        // Under the lock no completion can be mid-call on this queue; afterwards none
        // can find it, and those still to come are dropped (their pinned results freed)
        // instead of waiting forever for a call that will never register.
        with_registry(|registry| {
            registry.waiting.retain(|_, waiting| *waiting != queue);
            registry.abandoned.extend(pending);
        });
        queue.release();
    }
}
