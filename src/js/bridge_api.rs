//! Typed calls, as the TypeScript layer (`lib/typed/`) drives them.

use std::rc::Rc;
use std::sync::Arc;

use crate::bridge::{self, DelegateSignature, EnumMembers, Kind, Method, Param, Passing, Wire};
use crate::managed::ManagedFunction;
use crate::napi::{self, CallInfo, Env, EnvCleanup, JsError, Prop, Result, Value};

use super::function_api::FUNCTION_TAG;

/// Releases the environment's Promises, callbacks and wrappers when it shuts down.
struct BridgeCleanup {
    env: Env,
}

impl EnvCleanup for BridgeCleanup {
    fn cleanup(&self) {
        bridge::cleanup_environment(self.env);
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
    unsafe { bridge::initialize(function.address()) }.map_err(|error| match error {
        bridge::InitializeError::Taken => JsError::new(
            "DotnetHostError",
            "this bridge serves another copy of dotnet-host in this process",
        )
        .prop("code", Prop::Str("BridgeTaken".into())),
        bridge::InitializeError::Failed(message) => JsError::new("DotnetHostError", message),
    })?;
    bridge::init_environment(env)?;
    napi::own_cleanup(env, Rc::new(BridgeCleanup { env }))?;
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

/// A property that may be missing: `None` for undefined or null.
fn optional(env: Env, object: Value, name: &str) -> Result<Option<Value>> {
    let value = env.get(object, name)?;
    Ok((!env.is_nullish(value)?).then_some(value))
}

fn wire(env: Env, object: Value) -> Result<Wire> {
    let kind = env.get_u32(object, "kind")?;
    let kind =
        Kind::from_code(kind).ok_or_else(|| JsError::invalid_argument(format!("unknown kind {kind}")))?;
    let element = Kind::from_code(env.get_u32(object, "elementKind")?).unwrap_or(Kind::Void);
    let inner = optional(env, object, "inner")?
        .map(|inner| wire(env, inner).map(Box::new))
        .transpose()?;
    let type_id = match optional(env, object, "typeId")? {
        Some(_) => env.get_u32(object, "typeId")? as i32,
        None => 0,
    };
    let delegate = optional(env, object, "delegate")?
        .map(|signature| delegate_signature(env, signature))
        .transpose()?;
    let delegate_error = optional(env, object, "delegateError")?
        .map(|text| env.get_string(text, "delegateError"))
        .transpose()?;
    Ok(Wire {
        kind,
        nullable: env.get_bool(env.get(object, "nullable")?, "nullable")?,
        element,
        type_name: env.get_string(env.get(object, "type")?, "type")?,
        inner,
        type_id,
        delegate,
        delegate_error,
        is_struct: flag(env, object, "struct")?,
        enum_members: enum_members(env, object)?,
    })
}

/// `enumValues` (name → number) and `flags`, for an enum.
fn enum_members(env: Env, object: Value) -> Result<Option<Arc<EnumMembers>>> {
    let Some(values) = optional(env, object, "enumValues")? else {
        return Ok(None);
    };
    let names = env.property_names(values)?;
    let mut members = Vec::with_capacity(names.len());
    for name in names {
        let value = env.get(values, &name)?;
        let number = env
            .try_double(value)?
            .ok_or_else(|| JsError::invalid_argument("enum values must be numbers"))?;
        members.push((name, number as i64));
    }
    Ok(Some(Arc::new(EnumMembers {
        members,
        flags: flag(env, object, "flags")?,
    })))
}

/// An optional boolean property: false when missing.
fn flag(env: Env, object: Value, name: &str) -> Result<bool> {
    optional(env, object, name)?
        .map(|value| env.get_bool(value, name))
        .transpose()
        .map(|value| value.unwrap_or(false))
}

fn params(env: Env, list: Value) -> Result<Vec<Param>> {
    env.array_items(list, "parameters")?
        .into_iter()
        .map(|param| {
            let passing = match optional(env, param, "passing")? {
                Some(text) => match env.get_string(text, "passing")?.as_str() {
                    "ref" => Passing::Ref,
                    "out" => Passing::Out,
                    _ => Passing::Value,
                },
                None => Passing::Value,
            };
            Ok(Param {
                name: env.get_string(env.get(param, "name")?, "name")?,
                wire: wire(env, param)?,
                passing,
                optional: flag(env, param, "optional")?,
                write_back: flag(env, param, "writeBack")?,
            })
        })
        .collect()
}

fn delegate_signature(env: Env, object: Value) -> Result<Arc<DelegateSignature>> {
    Ok(Arc::new(DelegateSignature {
        type_id: env.get_u32(object, "typeId")? as i32,
        display: env.get_string(env.get(object, "signature")?, "signature")?,
        params: params(env, env.get(object, "parameters")?)?,
        returns: wire(env, env.get(object, "returns")?)?,
    }))
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
    let params = params(env, env.get(descriptor, "parameters")?)?;
    if params.len() >= CallInfo::max_args() {
        return Err(JsError::invalid_argument(format!(
            "methods with more than {} parameters are not supported",
            CallInfo::max_args() - 1
        ))
        .into());
    }
    let this_type = match optional(env, descriptor, "thisTypeId")? {
        Some(_) => Some(env.get_u32(descriptor, "thisTypeId")? as i32),
        None => None,
    };
    let this_wire = optional(env, descriptor, "thisWire")?
        .map(|value| wire(env, value))
        .transpose()?;
    let method = Rc::new(
        Method::new(
            this_type,
            this_wire,
            env.get_u32(descriptor, "id")? as i32,
            env.get_string(env.get(descriptor, "signature")?, "signature")?,
            params,
            wire(env, env.get(descriptor, "returns")?)?,
        )
        .adopting(flag(env, descriptor, "constructs")?),
    );
    let name = method.display.clone();
    let call = env.bound_function(&name, method.clone(), sync_call)?;
    let call_async = env.bound_function(&name, method, async_call)?;
    env.array([Ok(call), Ok(call_async)].into_iter())
}

/// `bridgeDiagnostics()` → counters of what the bridge holds for JavaScript.
pub fn diagnostics(env: Env, _info: &CallInfo) -> Result<Value> {
    let counters = require()?.diagnose();
    let (wrappers, functions) = bridge::environment_counts();
    let result = env.object()?;
    for (name, count) in [
        ("liveHandles", counters.live_handles),
        ("liveCancellations", counters.live_cancellations),
        ("boundMethods", counters.bound_methods),
        ("liveObjects", counters.live_objects),
        ("liveDelegates", counters.live_delegates),
        ("pendingPromises", counters.pending_javascript_tasks),
        ("wrappers", wrappers as i64),
        ("callbacks", functions as i64),
    ] {
        env.set(result, name, env.double(count as f64)?)?;
    }
    Ok(result)
}

fn number_arg(env: Env, info: &CallInfo, index: usize, what: &str) -> Result<i32> {
    match env.try_double(info.arg(env, index)?)? {
        Some(n) if n.fract() == 0.0 && (i32::MIN as f64..=i32::MAX as f64).contains(&n) => Ok(n as i32),
        _ => Err(JsError::invalid_argument(format!("{what} must be an integer")).into()),
    }
}

/// Text a bridge call answered, or its exception as a DotnetException.
fn text(env: Env, answer: std::result::Result<String, String>) -> Result<Value> {
    env.string(&answer.map_err(dotnet_exception)?)
}

/// `bridgeSetObjectFactory((typeId, receiver) => wrapper, stringify, reviver, exactTime,
/// receiverKey, allocate)`: how this environment makes wrappers, writes arguments as JSON
/// (wrappers inside by reference) and reads JSON results, the symbol under which Dates
/// keep their exact .NET value, the one under which wrappers keep their receiver key, and
/// how it makes small Buffers.
pub fn set_object_factory(env: Env, info: &CallInfo) -> Result<Value> {
    let (factory, stringify, reviver) = (info.arg(env, 0)?, info.arg(env, 1)?, info.arg(env, 2)?);
    let (exact_time, receiver_key, allocate) = (info.arg(env, 3)?, info.arg(env, 4)?, info.arg(env, 5)?);
    for function in [factory, stringify, reviver, allocate] {
        if env.type_of(function)? != napi::ValueType::Function {
            return Err(JsError::invalid_argument(
                "the object factory, stringify, reviver and allocate must be functions",
            )
            .into());
        }
    }
    for key in [exact_time, receiver_key] {
        if env.type_of(key)? != napi::ValueType::Symbol {
            return Err(JsError::invalid_argument("the exact time and receiver keys must be symbols").into());
        }
    }
    bridge::set_factory(
        env,
        bridge::Factory {
            factory,
            stringify,
            reviver,
            exact_time,
            receiver_key,
            allocate,
        },
    )
}

/// `bridgeRevive(token)`: the wrapper for `{"$dotnet": token, "$type": typeId}` in JSON the
/// bridge wrote (called by the reviver, and for an exception's object).
pub fn revive(env: Env, info: &CallInfo) -> Result<Value> {
    let token = env.get_string(info.arg(env, 0)?, "token")?;
    bridge::revive(env, require()?, &token)
}

/// `bridgeIsAssignable(to, from)`: whether an object of type `from` can be passed where `to`
/// is declared (variance included), as .NET answers it.
pub fn is_assignable(env: Env, info: &CallInfo) -> Result<Value> {
    let to = number_arg(env, info, 0, "to")?;
    let from = number_arg(env, info, 1, "from")?;
    env.boolean(bridge::assignable(require()?, to, from))
}

/// `bridgeTypeObject(typeId)`: the wrapper of the type's `System.Type` object.
pub fn type_object(env: Env, info: &CallInfo) -> Result<Value> {
    let type_id = number_arg(env, info, 0, "typeId")?;
    bridge::type_object(env, require()?, type_id)
}

/// `bridgeHandleOf(wrapper)`: the object's handle as text, for JSON references.
pub fn handle_of(env: Env, info: &CallInfo) -> Result<Value> {
    let handle = bridge::handle_of(env, info.arg(env, 0)?)?;
    env.string(&handle.to_string())
}

/// `bridgeFindType(assembly, name, typeArgumentsJson)` → `{"typeId"}` or a BindError as JSON.
pub fn find_type(env: Env, info: &CallInfo) -> Result<Value> {
    let assembly = number_arg(env, info, 0, "assembly")?;
    let name = env.get_string(info.arg(env, 1)?, "name")?;
    let arguments = env.get_optional_string(info.arg(env, 2)?, "typeArguments")?;
    text(env, require()?.find_type(assembly, &name, arguments.as_deref()))
}

pub fn list_types(env: Env, info: &CallInfo) -> Result<Value> {
    let assembly = number_arg(env, info, 0, "assembly")?;
    text(env, require()?.list_types(assembly))
}

/// `bridgeDescribeSurface(assembly, flags)`: 1 with its dependencies, 2 with framework docs.
pub fn describe_surface(env: Env, info: &CallInfo) -> Result<Value> {
    let assembly = number_arg(env, info, 0, "assembly")?;
    let flags = number_arg(env, info, 1, "flags")?;
    text(env, require()?.describe_surface(assembly, flags))
}

pub fn describe_type(env: Env, info: &CallInfo) -> Result<Value> {
    let type_id = number_arg(env, info, 0, "typeId")?;
    text(env, require()?.describe_type(type_id))
}

/// `bridgeBindMember(typeId, kind, name, isStatic, typeArgumentsJson, parameterTypesJson)`.
pub fn bind_member(env: Env, info: &CallInfo) -> Result<Value> {
    let type_id = number_arg(env, info, 0, "typeId")?;
    let kind = env.get_string(info.arg(env, 1)?, "kind")?;
    let name = env.get_string(info.arg(env, 2)?, "name")?;
    let is_static = env.get_bool(info.arg(env, 3)?, "isStatic")?;
    let arguments = env.get_optional_string(info.arg(env, 4)?, "typeArguments")?;
    let types = env.get_optional_string(info.arg(env, 5)?, "parameterTypes")?;
    text(
        env,
        require()?.bind_member(
            type_id,
            &kind,
            &name,
            is_static,
            arguments.as_deref(),
            types.as_deref(),
        ),
    )
}

/// `bridgeInferMember(typeId, name, isStatic, argumentsJson)`: candidates of the generic
/// methods `name`, closed over the type arguments the described arguments imply.
pub fn infer_member(env: Env, info: &CallInfo) -> Result<Value> {
    let type_id = number_arg(env, info, 0, "typeId")?;
    let name = env.get_string(info.arg(env, 1)?, "name")?;
    let is_static = env.get_bool(info.arg(env, 2)?, "isStatic")?;
    let arguments = env.get_string(info.arg(env, 3)?, "arguments")?;
    text(
        env,
        require()?.infer_member(type_id, &name, is_static, &arguments),
    )
}

pub fn dispose(env: Env, info: &CallInfo) -> Result<Value> {
    bridge::dispose(env, require()?, info.arg(env, 0)?)?;
    env.undefined()
}

/// `bridgeObjectJson(wrapper)`: the object serialized by System.Text.Json, parsed.
pub fn object_json(env: Env, info: &CallInfo) -> Result<Value> {
    let handle = bridge::handle_of(env, info.arg(env, 0)?)?;
    let json = text(env, require()?.object_json(handle))?;
    let parse = env.get(env.get(env.global()?, "JSON")?, "parse")?;
    env.call(parse, &[json])
}

/// `bridgeCreateDelegate(wire, function)`: a .NET delegate (its wrapper) that calls the
/// function, for subscriptions that must be removed with the same delegate later.
pub fn create_delegate(env: Env, info: &CallInfo) -> Result<Value> {
    let wire = wire(env, info.arg(env, 0)?)?;
    let function = info.arg(env, 1)?;
    if env.type_of(function)? != napi::ValueType::Function {
        return Err(JsError::invalid_argument(format!("expected a function for {}", wire.type_name)).into());
    }
    let slot = bridge::create_delegate_wrapper(env, require()?, function, &wire)?;
    Ok(slot)
}

pub fn set_deadlock_timeout(env: Env, info: &CallInfo) -> Result<Value> {
    match env.try_double(info.arg(env, 0)?)? {
        Some(ms) if ms.is_finite() && ms >= 0.0 => bridge::set_deadlock_timeout(ms as u64),
        _ => {
            return Err(JsError::invalid_argument(
                "the deadlock timeout must be a non-negative number of milliseconds",
            )
            .into())
        }
    }
    env.double(bridge::deadlock_timeout() as f64)
}

pub fn take_javascript_error(env: Env, info: &CallInfo) -> Result<Value> {
    let id = env
        .try_double(info.arg(env, 0)?)?
        .ok_or_else(|| JsError::invalid_argument("expected an error id"))?;
    match bridge::take_javascript_error(env, id as i64)? {
        Some(error) => Ok(error),
        None => env.undefined(),
    }
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
