//! Typed calls: the native half of the managed bridge (managed/DotnetHost.Bridge).
//! JavaScript values become slots, the bridge's compiled invoker calls the .NET method,
//! and the result slot becomes a JavaScript value again.

mod api;
mod arguments;
mod callbacks;
mod identity;
mod kind;
mod method;
mod objects;
mod pool;
mod results;
mod tasks;

pub use api::{bridge, initialize, Bridge, Diagnostics, InitializeError, Slot};
pub use callbacks::{deadlock_timeout, set_deadlock_timeout};
pub use kind::{DelegateSignature, EnumMembers, Kind, Wire};
pub use method::{invoke, invoke_async, Method, Param, Passing};
pub use objects::{assignable, dispose, handle_of, revive, set_factory, Factory};

/// Everything a JavaScript environment needs for typed calls, set up once per environment.
pub fn init_environment(env: crate::napi::Env) -> crate::napi::Result<()> {
    callbacks::init_environment(env)
}

/// At environment teardown (a worker exits, the main thread ends): Promises, callbacks and
/// wrappers of this environment are let go, and every .NET reference they held is given
/// back.
pub fn cleanup_environment(env: crate::napi::Env) {
    tasks::cleanup_environment();
    callbacks::cleanup_environment(env);
    objects::cleanup_environment(env);
}

/// Wrappers and JavaScript functions this environment holds for .NET (diagnostics).
pub fn environment_counts() -> (usize, usize) {
    (objects::live_wrappers(), callbacks::live_functions())
}

/// A .NET delegate for `function`, as its wrapper.
pub fn create_delegate_wrapper(
    env: crate::napi::Env,
    bridge: &Bridge,
    function: crate::napi::Value,
    wire: &Wire,
) -> crate::napi::Result<crate::napi::Value> {
    let handle = callbacks::create_delegate(env, bridge, function, wire)?;
    objects::to_js(env, bridge, handle, wire.type_id)
}

/// The wrapper of a type's `System.Type` object.
pub fn type_object(
    env: crate::napi::Env,
    bridge: &Bridge,
    type_id: i32,
) -> crate::napi::Result<crate::napi::Value> {
    let (handle, runtime_type) = bridge.type_object(type_id).map_err(|details| {
        crate::napi::JsError::new("DotnetException", "a .NET exception was thrown")
            .prop("details", crate::napi::Prop::Str(details))
    })?;
    objects::to_js(env, bridge, handle, runtime_type)
}

/// The JavaScript error a callback threw, if it is still kept.
pub fn take_javascript_error(
    env: crate::napi::Env,
    id: i64,
) -> crate::napi::Result<Option<crate::napi::Value>> {
    callbacks::take_error(env, id)
}
