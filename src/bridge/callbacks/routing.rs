//! Where a callback runs: the entry points the bridge calls (`invoke_callback` on any
//! thread, `release_callback` from the finalizer, `free_result`), the call on the
//! JavaScript thread itself, and the delivery of what other threads queue to it.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::Ordering;

use super::super::api::{bridge, Slot};
use super::super::kind::{DelegateSignature, Kind};
use super::super::results;
use super::call::call_js;
use super::outcome::{exited, Outcome, Owned};
use super::promises;
use super::waiting::{run_from_thread, State};
use super::{with_routes, Message, LOCAL};
use crate::napi::Env;

/// Called by the bridge, on any thread, when .NET invokes a delegate made for a
/// JavaScript function.
///
/// # Safety
/// `args` holds the delegate's parameters as slots (as many as its signature has) and
/// `ret` is writable; both stay valid for the call.
pub unsafe extern "system" fn invoke_callback(id: i64, args: *mut Slot, ret: *mut Slot) -> i32 {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // A function this thread holds is called here, at once: the common synchronous
        // callback takes no lock. Any other goes by its route.
        let here = LOCAL.with(|local| {
            local
                .borrow()
                .functions
                .get(&id)
                .map(|function| function.signature.clone())
        });
        let (signature, shared) = match here {
            Some(signature) => (signature, None),
            None => {
                let route = with_routes(|routes| {
                    routes
                        .get(&id)
                        .map(|route| (route.signature.clone(), route.env.clone()))
                });
                let Some((signature, shared)) = route else {
                    return Outcome::cannot_run("Released", "the JavaScript callback was already released");
                };
                (signature, Some(shared))
            }
        };
        let count = signature.params.len();
        let slots: &[Slot] = if count == 0 {
            &[]
        } else {
            // SAFETY: the bridge passes one slot per parameter of the signature, valid for
            // this call (a queued call copies them).
            unsafe { std::slice::from_raw_parts(args, count) }
        };
        if shared
            .as_ref()
            .is_some_and(|shared| !shared.alive.load(Ordering::SeqCst))
        {
            discard(slots);
            return exited(&signature);
        }
        // A delegate returning a Task passes the id of the Task to complete in `ret`.
        let pending = if signature.returns.kind == Kind::Task {
            // SAFETY: ret is valid for the call (the caller's contract).
            let slot = unsafe { *ret };
            if slot.b != promises::PENDING_MARKER {
                discard(slots);
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
        match shared {
            Some(shared) if std::thread::current().id() != shared.thread => {
                run_from_thread(&shared, call, signature, slots.to_vec())
            }
            _ => run_here(call, &signature, slots),
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
pub(super) fn discard(slots: &[Slot]) {
    if let Some(bridge) = bridge() {
        for slot in slots {
            results::discard(bridge, slot);
        }
    }
}

/// One invocation: which function, and for a delegate returning a Task, which Task.
#[derive(Clone, Copy)]
pub(super) struct Call {
    pub(super) id: i64,
    pub(super) pending: Option<i64>,
}

fn run_here(call: Call, signature: &DelegateSignature, slots: &[Slot]) -> Outcome {
    let Some(env) = LOCAL.with(|local| local.borrow().env) else {
        discard(slots);
        return exited(signature);
    };
    env.with_handle_scope(|| call_js(env, call, signature, slots))
        .unwrap_or_else(|_| Outcome::cannot_run("Internal", "could not open a handle scope"))
}

#[allow(clippy::boxed_local)] // the queue hands items over boxed (napi::Handler)
pub(super) fn deliver(env: Option<Env>, message: Box<Message>) {
    match *message {
        Message::Release(id) => {
            // An entry that kept a reference would have kept the delegate alive: it has
            // none to give back.
            let function = LOCAL.with(|local| {
                let mut local = local.borrow_mut();
                local.recent.retain(|entry| entry.id != id);
                local.functions.remove(&id)
            });
            if let (Some(env), Some(function)) = (env, function) {
                function.reference.delete(env);
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
            request.finished.store(true, Ordering::Release);
            request.done.notify_all();
        }
    }
}
