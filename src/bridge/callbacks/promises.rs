//! JavaScript functions for delegates that return a Task: the function's Promise (or
//! plain value) completes the Task the bridge created for the call. The bridge waits for
//! nothing; the Promise's reactions complete the Task on the JavaScript thread, and its
//! continuations run on .NET's thread pool.

use std::cell::Cell;
use std::rc::Rc;

use super::super::api::{bridge, Bridge, Slot};
use super::super::arguments::Arguments;
use super::super::kind::{DelegateSignature, Kind, Wire};
use super::outcome::{Outcome, CANNOT_RUN, SUCCEEDED, THREW};
use super::thrown::{describe_thrown, thrown};
use super::LOCAL;
use crate::napi::{CallInfo, Env, Result, Value, ValueType};

/// In the result slot's `b` when .NET calls: `a` is the id of the Task to complete
/// (`PromiseTasks.PendingMarker`).
pub(super) const PENDING_MARKER: i64 = -3;

/// One Task waiting for one Promise.
struct Pending {
    task: i64,
    /// The Task's result type, as it comes from JavaScript.
    wire: Wire,
    display: String,
    settled: Cell<bool>,
}

/// After the function returned `value`: complete Task `task` with it, now or when the
/// Promise settles. The call itself has succeeded either way.
pub(super) fn settle_later(
    env: Env,
    bridge: &Bridge,
    task: i64,
    signature: &DelegateSignature,
    value: Value,
) -> Outcome {
    let pending = Rc::new(Pending {
        task,
        wire: signature
            .returns
            .inner
            .as_deref()
            .cloned()
            .unwrap_or_else(|| Wire::simple(Kind::Void, "void".into())),
        display: signature.display.clone(),
        settled: Cell::new(false),
    });
    match then_of(env, value) {
        Some(then) => {
            if let Err(error) = subscribe(env, value, then, &pending) {
                // Not a Promise after all (its `then` threw): the Task fails with that.
                let outcome = thrown(env, error);
                finish(bridge, &pending, THREW, &outcome.slot);
            }
        }
        None => resolve(env, bridge, &pending, value),
    }
    Outcome {
        status: SUCCEEDED,
        slot: Slot::default(),
        owned: None,
    }
}

/// `value.then` when it is a function (a Promise or any thenable).
fn then_of(env: Env, value: Value) -> Option<Value> {
    if !matches!(env.type_of(value).ok()?, ValueType::Object | ValueType::Function) {
        return None;
    }
    let then = env.get(value, "then").ok()?;
    (env.type_of(then).ok()? == ValueType::Function).then_some(then)
}

fn subscribe(env: Env, promise: Value, then: Value, pending: &Rc<Pending>) -> Result<()> {
    let fulfilled = env.bound_function("dotnet-host:resolve", pending.clone(), on_fulfilled)?;
    let rejected = env.bound_function("dotnet-host:reject", pending.clone(), on_rejected)?;
    env.call_with_this(promise, then, &[fulfilled, rejected])?;
    LOCAL.with(|local| local.borrow_mut().pending_tasks.insert(pending.task));
    Ok(())
}

fn on_fulfilled(env: Env, info: &CallInfo, pending: &Rc<Pending>) -> Result<Value> {
    if let Some(bridge) = bridge() {
        resolve(env, bridge, pending, info.arg(env, 0)?);
    }
    env.undefined()
}

fn on_rejected(env: Env, info: &CallInfo, pending: &Rc<Pending>) -> Result<Value> {
    if let Some(bridge) = bridge() {
        let outcome = describe_thrown(env, Some(info.arg(env, 0)?));
        finish(bridge, pending, THREW, &outcome.slot);
    }
    env.undefined()
}

/// Completes the Task with `value`, converted to its result type (a value of the wrong
/// type fails the Task instead).
fn resolve(env: Env, bridge: &Bridge, pending: &Pending, value: Value) {
    if pending.wire.kind == Kind::Void {
        finish(bridge, pending, SUCCEEDED, &Slot::default());
        return;
    }
    let mut arguments = Arguments::empty();
    match arguments.convert_resolved(env, &pending.display, &pending.wire, value) {
        Ok(slot) => finish(bridge, pending, SUCCEEDED, &slot),
        Err(error) => {
            let outcome = thrown(env, error);
            finish(bridge, pending, THREW, &outcome.slot);
        }
    }
}

fn finish(bridge: &Bridge, pending: &Pending, status: i32, slot: &Slot) {
    if pending.settled.replace(true) {
        return;
    }
    LOCAL.with(|local| local.borrow_mut().pending_tasks.remove(&pending.task));
    bridge.complete_javascript_task(pending.task, status, slot);
}

/// At environment teardown: Tasks still waiting for this environment's Promises fail.
pub(super) fn abandon(tasks: impl IntoIterator<Item = i64>) {
    let Some(bridge) = bridge() else { return };
    let message = Outcome::cannot_run(
        "EnvironmentExited",
        "the JavaScript function's Promise can never settle: the worker or main thread it ran on has exited",
    );
    for task in tasks {
        bridge.complete_javascript_task(task, CANNOT_RUN, &message.slot);
    }
}
