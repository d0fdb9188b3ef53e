//! A bound .NET method and the two ways to call it: on the JavaScript thread, or on a
//! pool thread with a Promise.

use std::rc::Rc;

use super::api::{bridge, Bridge, Slot};
use super::arguments::{Arguments, Memory};
use super::kind::Wire;
use super::{callbacks, pool, results, tasks};
use crate::napi::{CallInfo, Env, JsError, Prop, Result, Value};

#[derive(Debug)]
pub struct Param {
    pub name: String,
    pub wire: Wire,
}

/// One compiled overload, as the bridge described it.
pub struct Method {
    /// For instance members: the declaring type's id, which the receiver must have.
    pub this_type: Option<i32>,
    /// The bridge's invoker id.
    pub id: i32,
    /// `int Add(int a, int b)`, for messages.
    pub display: String,
    pub params: Vec<Param>,
    pub returns: Wire,
}

const RETURNED: i32 = 0;
const THREW: i32 = 1;
const RETURNED_TASK: i32 = 2;

fn require_bridge() -> Result<&'static Bridge> {
    bridge().ok_or_else(|| {
        JsError::new(
            "HostStateError",
            "the managed bridge is not initialized: call load() first",
        )
        .prop("code", Prop::Str("BridgeNotInitialized".into()))
        .into()
    })
}

fn check_count(info: &CallInfo, method: &Method) -> Result<()> {
    let expected = method.params.len();
    if info.len() != expected {
        let detail = if info.len() < expected {
            let missing = &method.params[info.len()];
            format!("missing argument '{}' ({})", missing.name, missing.wire.type_name)
        } else {
            format!("{} arguments given", info.len())
        };
        return Err(JsError::invalid_argument(format!(
            "{} takes {expected} argument{}: {detail}",
            method.display,
            if expected == 1 { "" } else { "s" }
        ))
        .into());
    }
    Ok(())
}

fn finish(env: Env, bridge: &Bridge, method: &Method, status: i32, ret: Slot) -> Result<Value> {
    match status {
        RETURNED => results::to_js(env, bridge, &method.returns, &ret),
        THREW => Err(results::exception(env, bridge, &ret)),
        RETURNED_TASK => {
            let inner = method
                .returns
                .inner
                .as_deref()
                .cloned()
                .unwrap_or_else(|| method.returns.clone());
            tasks::promise(env, bridge, ret.a, inner)
        }
        other => Err(JsError::new(
            "DotnetHostError",
            format!("internal error: the bridge returned status {other}"),
        )
        .into()),
    }
}

/// Calls the method now, on this thread. Buffers passed as spans are used in place.
pub fn invoke(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    let bridge = require_bridge()?;
    check_count(info, method)?;
    let mut arguments = Arguments::empty();
    arguments.fill(method, env, info, Memory::Borrow)?;
    let mut ret = Slot::default();
    // Callbacks from other threads must know the JavaScript thread is blocked meanwhile.
    let sync_call = callbacks::enter_sync_call();
    // SAFETY: the slots point into `arguments` or into JavaScript values of this call,
    // all alive until invoke returns.
    let status = unsafe { bridge.invoke(method.id, arguments.as_mut_ptr(), &mut ret) };
    drop(sync_call);
    drop(arguments);
    finish(env, bridge, method, status, ret)
}

/// Runs the method on one of the addon's threads and returns a Promise of its result.
/// Arguments are copied first, so JavaScript may change its buffers meanwhile.
pub fn invoke_async(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    let bridge = require_bridge()?;
    check_count(info, method)?;
    let mut arguments = Arguments::empty();
    arguments.fill(method, env, info, Memory::Copy)?;
    let id = tasks::next_call_id();
    let promise = tasks::promise(env, bridge, id, method.returns.clone())?;
    let method_id = method.id;
    let started = pool::spawn(move || {
        let mut arguments = arguments;
        let mut ret = Slot::default();
        // SAFETY: every slot points into `arguments`' own copies, alive here.
        let status = unsafe { bridge.invoke(method_id, arguments.as_mut_ptr(), &mut ret) };
        let status = match status {
            RETURNED => tasks::SUCCEEDED,
            RETURNED_TASK => tasks::FORWARDED,
            _ => tasks::FAULTED,
        };
        tasks::complete(id, status, ret);
    });
    if let Err(message) = started {
        tasks::complete(id, tasks::FAULTED, Slot::default());
        return Err(JsError::new("DotnetHostError", message).into());
    }
    Ok(promise)
}
