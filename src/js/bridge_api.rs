//! Typed calls, as the TypeScript layer (`lib/typed/`) drives them.

use std::rc::Rc;

use crate::bridge::{self, Kind, Method, Param, Wire};
use crate::managed::ManagedFunction;
use crate::napi::{self, CallInfo, Env, EnvCleanup, JsError, Prop, Result, Value};

use super::function_api::FUNCTION_TAG;

struct TaskCleanup;

impl EnvCleanup for TaskCleanup {
    fn cleanup(&self) {
        bridge::cleanup_environment();
    }
}

fn dotnet_exception(details: String) -> napi::Error {
    JsError::new("DotnetException", "a .NET exception was thrown")
        .prop("details", Prop::Str(details))
        .into()
}

/// `bridgeInitialize(initializeFunction)`: hands the bridge its callback and takes its
/// function table. Idempotent per process; registers this environment's teardown.
pub fn initialize(env: Env, info: &CallInfo) -> Result<Value> {
    let function: &ManagedFunction = env.external_ref(info.arg(env, 0)?, &FUNCTION_TAG)?;
    // SAFETY: the TypeScript layer passes the bridge's `Initialize` export, bound as
    // [UnmanagedCallersOnly] from the bridge assembly shipped with this addon.
    unsafe { bridge::initialize(function.address()) }
        .map_err(|message| JsError::new("DotnetHostError", message))?;
    napi::own_cleanup(env, Rc::new(TaskCleanup))?;
    env.undefined()
}

fn require() -> Result<&'static bridge::Bridge> {
    bridge::bridge()
        .ok_or_else(|| JsError::new("DotnetHostError", "the managed bridge is not initialized").into())
}

pub fn load_assembly(env: Env, info: &CallInfo) -> Result<Value> {
    let path = env.get_string(info.arg(env, 0)?, "assemblyPath")?;
    let isolated = env.get_bool(info.arg(env, 1)?, "isolated")?;
    let id = require()?
        .load_assembly(&path, isolated)
        .map_err(dotnet_exception)?;
    env.int32(id)
}

pub fn bind(env: Env, info: &CallInfo) -> Result<Value> {
    let assembly =
        env.try_double(info.arg(env, 0)?)?
            .ok_or_else(|| JsError::invalid_argument("assembly must be an assembly id"))? as i32;
    let type_name = env.get_string(info.arg(env, 1)?, "typeName")?;
    let method = env.get_string(info.arg(env, 2)?, "methodName")?;
    let types = env.get_optional_string(info.arg(env, 3)?, "parameterTypes")?;
    let json = require()?
        .bind(assembly, &type_name, &method, types.as_deref())
        .map_err(dotnet_exception)?;
    env.string(&json)
}

fn wire(env: Env, object: Value) -> Result<Wire> {
    let kind = env.get_u32(object, "kind")?;
    let kind =
        Kind::from_code(kind).ok_or_else(|| JsError::invalid_argument(format!("unknown kind {kind}")))?;
    let element = Kind::from_code(env.get_u32(object, "elementKind")?).unwrap_or(Kind::Void);
    let inner_value = env.get(object, "inner")?;
    let inner = if env.is_nullish(inner_value)? {
        None
    } else {
        Some(Box::new(wire(env, inner_value)?))
    };
    Ok(Wire {
        kind,
        nullable: env.get_bool(env.get(object, "nullable")?, "nullable")?,
        element,
        type_name: env.get_string(env.get(object, "type")?, "type")?,
        inner,
    })
}

fn sync_call(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    bridge::invoke(env, info, method)
}

fn async_call(env: Env, info: &CallInfo, method: &Rc<Method>) -> Result<Value> {
    bridge::invoke_async(env, info, method)
}

/// `bridgePrepare(candidate)` → `[call, callAsync]`: native functions bound to one
/// compiled overload, so a call needs no lookup.
pub fn prepare(env: Env, info: &CallInfo) -> Result<Value> {
    let descriptor = info.arg(env, 0)?;
    let params = env
        .array_items(env.get(descriptor, "parameters")?, "parameters")?
        .into_iter()
        .map(|param| {
            Ok(Param {
                name: env.get_string(env.get(param, "name")?, "name")?,
                wire: wire(env, param)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if params.len() >= CallInfo::max_args() {
        return Err(JsError::invalid_argument(format!(
            "methods with more than {} parameters are not supported",
            CallInfo::max_args() - 1
        ))
        .into());
    }
    let method = Rc::new(Method {
        id: env.get_u32(descriptor, "id")? as i32,
        display: env.get_string(env.get(descriptor, "signature")?, "signature")?,
        params,
        returns: wire(env, env.get(descriptor, "returns")?)?,
    });
    let name = method.display.clone();
    let call = env.bound_function(&name, method.clone(), sync_call)?;
    let call_async = env.bound_function(&name, method, async_call)?;
    env.array([Ok(call), Ok(call_async)].into_iter())
}

/// `bridgeDiagnostics()` → counters of what the bridge holds for JavaScript.
pub fn diagnostics(env: Env, _info: &CallInfo) -> Result<Value> {
    let counters = require()?.diagnose();
    let result = env.object()?;
    env.set(result, "liveHandles", env.double(counters.live_handles as f64)?)?;
    env.set(
        result,
        "liveCancellations",
        env.double(counters.live_cancellations as f64)?,
    )?;
    env.set(result, "boundMethods", env.double(counters.bound_methods as f64)?)?;
    Ok(result)
}

pub fn create_cancellation(env: Env, _info: &CallInfo) -> Result<Value> {
    env.bigint_i64(require()?.create_cancellation())
}

fn handle(env: Env, info: &CallInfo) -> Result<i64> {
    match env.try_bigint_i64(info.arg(env, 0)?)? {
        Some((handle, true)) => Ok(handle),
        _ => Err(JsError::invalid_argument("expected a cancellation handle").into()),
    }
}

pub fn cancel(env: Env, info: &CallInfo) -> Result<Value> {
    require()?.cancel(handle(env, info)?);
    env.undefined()
}

pub fn free_cancellation(env: Env, info: &CallInfo) -> Result<Value> {
    require()?.free_cancellation(handle(env, info)?);
    env.undefined()
}
