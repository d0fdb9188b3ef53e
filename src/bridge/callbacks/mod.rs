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
//! `release_callback`; the reference is then deleted on the JavaScript thread.

mod outcome;
mod promises;
mod waiting;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet, VecDeque};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::ThreadId;

use super::api::{bridge, Bridge, Slot};
use super::arguments::Arguments;
use super::kind::{DelegateSignature, Kind, Wire};
use super::results;
use crate::napi::{Env, Error, JsError, Prop, Reference, Result, ThreadsafeFunction, Value};
use outcome::{exited, json_string, Outcome, Owned, SUCCEEDED, THREW};
pub use waiting::{deadlock_timeout, set_deadlock_timeout};
use waiting::{run_from_thread, Request, State};

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

/// How many JavaScript errors thrown by callbacks are kept for `takeJavaScriptError`.
const KEPT_ERRORS: usize = 32;

#[derive(Default)]
struct Local {
    env: Option<Env>,
    shared: Option<Arc<Shared>>,
    functions: HashMap<i64, Reference>,
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

/// Marks this thread as inside a synchronous .NET call until the guard is dropped.
pub struct SyncCall(());

pub fn enter_sync_call() -> SyncCall {
    LOCAL.with(|local| {
        if let Some(shared) = &local.borrow().shared {
            shared.sync_calls.fetch_add(1, Ordering::Relaxed);
            shared.sync_depth.fetch_add(1, Ordering::SeqCst);
        }
    });
    SyncCall(())
}

impl Drop for SyncCall {
    fn drop(&mut self) {
        LOCAL.with(|local| {
            if let Ok(local) = local.try_borrow() {
                if let Some(shared) = &local.shared {
                    shared.sync_depth.fetch_sub(1, Ordering::SeqCst);
                }
            }
        });
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
        Ok(handle) => Ok(handle),
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

/// JavaScript functions this environment holds for .NET delegates (diagnostics).
pub fn live_functions() -> usize {
    LOCAL.with(|local| local.borrow().functions.len())
}

/// The JavaScript error a callback threw, kept for the DotnetException it became.
pub fn take_error(env: Env, id: i64) -> Result<Option<Value>> {
    let reference = LOCAL.with(|local| {
        let mut local = local.borrow_mut();
        let at = local.errors.iter().position(|(error_id, _)| *error_id == id)?;
        local.errors.remove(at).map(|(_, reference)| reference)
    });
    let Some(reference) = reference else {
        return Ok(None);
    };
    let value = env.reference_value(&reference);
    reference.delete(env);
    value
}

/// Called by the bridge, on any thread, when .NET invokes a delegate made for a
/// JavaScript function.
///
/// # Safety
/// `args` holds the delegate's parameters as slots (as many as its signature has) and
/// `ret` is writable; both stay valid for the call.
pub unsafe extern "system" fn invoke_callback(id: i64, args: *mut Slot, ret: *mut Slot) -> i32 {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let route = with_routes(|routes| {
            routes
                .get(&id)
                .map(|route| (route.env.clone(), route.signature.clone()))
        });
        let Some((shared, signature)) = route else {
            return Outcome::cannot_run("Released", "the JavaScript callback was already released");
        };
        let count = signature.params.len();
        let slots = if count == 0 {
            Vec::new()
        } else {
            // SAFETY: the bridge passes one slot per parameter of the signature.
            unsafe { std::slice::from_raw_parts(args, count) }.to_vec()
        };
        if !shared.alive.load(Ordering::SeqCst) {
            discard(&slots);
            return exited(&signature);
        }
        // A delegate returning a Task passes the id of the Task to complete in `ret`.
        let pending = if signature.returns.kind == Kind::Task {
            // SAFETY: ret is valid for the call (the caller's contract).
            let slot = unsafe { *ret };
            if slot.b != promises::PENDING_MARKER {
                discard(&slots);
                return Outcome::cannot_run(
                    "Internal",
                    "the bridge passed no Task for a Task-returning delegate",
                );
            }
            Some(slot.a)
        } else {
            None
        };
        let call = Call { id, pending };
        if std::thread::current().id() == shared.thread {
            run_here(call, &signature, slots)
        } else {
            run_from_thread(&shared, call, signature, slots)
        }
    }));
    let outcome = outcome.unwrap_or_else(|_| {
        Outcome::cannot_run(
            "Internal",
            "internal error in dotnet-host while calling JavaScript",
        )
    });
    // SAFETY: ret is writable (the caller's contract).
    outcome.write(unsafe { &mut *ret })
}

/// .NET finalized a callback delegate: let its environment drop the function.
///
/// # Safety
/// Called by the bridge (from its finalizer thread) with an id it got from this module.
pub unsafe extern "system" fn release_callback(id: i64) {
    let _ = catch_unwind(|| {
        with_routes(|routes| {
            if let Some(route) = routes.remove(&id) {
                if route.env.alive.load(Ordering::SeqCst) {
                    let _ = route.env.queue.call(Box::new(Message::Release(id)));
                }
            }
        });
    });
}

/// .NET has read a callback's result: free what it pointed into.
///
/// # Safety
/// `token` is 0 or a token from `Outcome::write`, given back exactly once.
pub unsafe extern "system" fn free_result(token: i64) {
    let _ = catch_unwind(|| {
        if token != 0 {
            // SAFETY: token is the Box leaked by `Outcome::write`, given back once.
            drop(unsafe { Box::from_raw(token as *mut Owned) });
        }
    });
}

/// Releases what argument slots own when they will never reach JavaScript.
fn discard(slots: &[Slot]) {
    if let Some(bridge) = bridge() {
        for slot in slots {
            results::discard(bridge, slot);
        }
    }
}

/// One invocation: which function, and for a delegate returning a Task, which Task.
#[derive(Clone, Copy)]
struct Call {
    id: i64,
    pending: Option<i64>,
}

fn run_here(call: Call, signature: &DelegateSignature, slots: Vec<Slot>) -> Outcome {
    let Some(env) = LOCAL.with(|local| local.borrow().env) else {
        discard(&slots);
        return exited(signature);
    };
    env.with_handle_scope(|| call_js(env, call, signature, &slots))
        .unwrap_or_else(|_| Outcome::cannot_run("Internal", "could not open a handle scope"))
}

/// Runs the function on this (its JavaScript) thread and converts what it returns.
fn call_js(env: Env, call: Call, signature: &DelegateSignature, slots: &[Slot]) -> Outcome {
    let Some(bridge) = bridge() else {
        return Outcome::cannot_run("Internal", "the bridge is not initialized");
    };
    let mut values = Vec::with_capacity(slots.len());
    // Arrays of numbers stay pinned while the function runs: what it writes into its copy
    // goes back into .NET's array when it returns (or throws), as a C# callee's writes
    // would be seen (a Stream.Read implemented in JavaScript fills .NET's buffer).
    let mut arrays = Vec::new();
    for (index, (param, slot)) in signature.params.iter().zip(slots).enumerate() {
        let pinned_array = param.wire.kind == Kind::Array && slot.a != 0 && slot.b > 0;
        let converted = if pinned_array {
            results::array_keeping_pin(env, &param.wire, slot)
        } else {
            results::to_js(env, bridge, &param.wire, slot)
        };
        match converted {
            Ok(value) => {
                if pinned_array {
                    arrays.push((value, *slot));
                }
                values.push(value);
            }
            Err(error) => {
                if pinned_array {
                    bridge.release(slot.c);
                }
                copy_back_arrays(env, bridge, &[], &arrays);
                discard(&slots[index + 1..]);
                return thrown(env, error);
            }
        }
    }
    let outcome = call_function(env, bridge, call, signature, &values);
    copy_back_arrays(env, bridge, &values, &arrays);
    outcome
}

/// Copies the function's writes into each pinned array back to .NET (none when `values`
/// is empty: the function did not run), then releases the pins.
fn copy_back_arrays(env: Env, bridge: &Bridge, values: &[Value], arrays: &[(Value, Slot)]) {
    for (value, slot) in arrays {
        if !values.is_empty() {
            results::copy_back(env, *value, slot);
        }
        bridge.release(slot.c);
    }
}

fn call_function(
    env: Env,
    bridge: &Bridge,
    call: Call,
    signature: &DelegateSignature,
    values: &[Value],
) -> Outcome {
    let function = LOCAL.with(|local| {
        local
            .borrow()
            .functions
            .get(&call.id)
            .map(|reference| env.reference_value(reference))
    });
    let function = match function {
        Some(Ok(Some(function))) => function,
        _ => return Outcome::cannot_run("Released", "the JavaScript callback was already released"),
    };
    let returned = match env.call(function, values) {
        Ok(value) => value,
        Err(error) => return thrown(env, error),
    };
    if let Some(task) = call.pending {
        return promises::settle_later(env, bridge, task, signature, returned);
    }
    if signature.returns.kind == Kind::Void {
        return Outcome {
            status: SUCCEEDED,
            slot: Slot::default(),
            owned: None,
        };
    }
    let mut arguments = Arguments::empty();
    match arguments.convert_return(env, signature, returned) {
        Ok(slot) => Outcome {
            status: SUCCEEDED,
            slot,
            owned: Some(Box::new(Owned {
                arguments: Some(arguments),
                text: Vec::new(),
            })),
        },
        Err(error) => thrown(env, error),
    }
}

/// A JavaScript exception (or a conversion error) as the JSON .NET turns into a
/// JavaScriptException. The error object itself is kept, so the DotnetException it may
/// become in JavaScript can point back at it.
fn thrown(env: Env, error: Error) -> Outcome {
    let value = match error {
        Error::Pending => env.take_exception(),
        Error::Throw(js) => env.error_value(&js).ok(),
    };
    describe_thrown(env, value)
}

/// A thrown (or rejected-with) JavaScript value as the JSON of a JavaScriptException.
fn describe_thrown(env: Env, value: Option<Value>) -> Outcome {
    let Some(value) = value else {
        return Outcome::text(THREW, r#"{"message":"a JavaScript callback failed"}"#);
    };
    let describe = |name: &str| -> Option<String> {
        let property = env.get(value, name).ok()?;
        if env.is_nullish(property).ok()? {
            return None;
        }
        env.to_display_string(property).ok()
    };
    let is_error = env.is_error(value).unwrap_or(false);
    let (name, message, stack) = if is_error {
        (
            describe("name"),
            describe("message").unwrap_or_default(),
            describe("stack"),
        )
    } else {
        (
            None,
            env.to_display_string(value)
                .unwrap_or_else(|_| "a JavaScript value was thrown".into()),
            None,
        )
    };
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if let Ok(reference) = env.reference(value, true) {
        let evicted = LOCAL.with(|local| {
            let mut local = local.borrow_mut();
            local.errors.push_back((id, reference));
            (local.errors.len() > KEPT_ERRORS)
                .then(|| local.errors.pop_front())
                .flatten()
        });
        if let Some((_, old)) = evicted {
            old.delete(env);
        }
    }
    let mut json = format!("{{\"errorId\":{id},\"message\":{}", json_string(&message));
    if let Some(name) = name {
        json.push_str(&format!(",\"name\":{}", json_string(&name)));
    }
    if let Some(stack) = stack {
        json.push_str(&format!(",\"stack\":{}", json_string(&stack)));
    }
    json.push('}');
    Outcome::text(THREW, &json)
}

#[allow(clippy::boxed_local)] // the queue hands items over boxed (napi::Handler)
fn deliver(env: Option<Env>, message: Box<Message>) {
    match *message {
        Message::Release(id) => {
            let reference = LOCAL.with(|local| local.borrow_mut().functions.remove(&id));
            if let (Some(env), Some(reference)) = (env, reference) {
                reference.delete(env);
            }
        }
        Message::Invoke(request) => {
            {
                let mut state = request
                    .state
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                if !matches!(*state, State::Pending) {
                    drop(state);
                    discard(&request.slots);
                    return;
                }
                *state = State::Running;
            }
            let outcome = match env {
                Some(env) => env
                    .with_handle_scope(|| call_js(env, request.call, &request.signature, &request.slots))
                    .unwrap_or_else(|_| Outcome::cannot_run("Internal", "could not open a handle scope")),
                None => {
                    discard(&request.slots);
                    exited(&request.signature)
                }
            };
            let mut state = request
                .state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            *state = State::Done(outcome);
            request.done.notify_all();
        }
    }
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
