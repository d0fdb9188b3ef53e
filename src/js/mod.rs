//! The functions the addon exports to its TypeScript layer (`lib/native/binding.ts`). This is
//! the only module that knows both Node-API and the host types.

mod bridge_api;
mod context_api;
mod declare_api;
mod errors;
mod floor;
mod function_api;
mod hostfxr_api;
mod options;

use crate::napi::{self, CallInfo, Env, Result, Value};

const EXPORTS: &[(&str, napi::Callback)] = &[
    ("setErrorFactory", set_error_factory),
    ("resolveHostfxr", hostfxr_api::resolve_hostfxr),
    ("environmentInfo", hostfxr_api::environment_info),
    ("resolveFrameworks", hostfxr_api::resolve_frameworks),
    (
        "initializeForRuntimeConfig",
        context_api::initialize_for_runtime_config,
    ),
    (
        "initializeForCommandLine",
        context_api::initialize_for_command_line,
    ),
    ("contextInfo", context_api::context_info),
    ("getProperty", context_api::get_property),
    ("setProperty", context_api::set_property),
    ("getProperties", context_api::get_properties),
    ("runApp", context_api::run_app),
    ("closeContext", context_api::close_context),
    (
        "loadAssemblyAndGetFunctionPointer",
        function_api::load_assembly_and_get_function_pointer,
    ),
    ("getFunctionPointer", function_api::get_function_pointer),
    ("loadAssembly", function_api::load_assembly),
    ("loadAssemblyBytes", function_api::load_assembly_bytes),
    ("functionInfo", function_api::function_info),
    ("callEntryPoint", function_api::call_entry_point),
    ("declareFunction", declare_api::declare_function),
    ("bridgeInitialize", bridge_api::initialize),
    ("bridgeLoadAssembly", bridge_api::load_assembly),
    ("bridgeBind", bridge_api::bind),
    ("bridgePrepare", bridge_api::prepare),
    ("bridgeCreateCancellation", bridge_api::create_cancellation),
    ("bridgeDiagnostics", bridge_api::diagnostics),
    ("bridgeCancel", bridge_api::cancel),
    ("bridgeFreeCancellation", bridge_api::free_cancellation),
    ("bridgeSetObjectFactory", bridge_api::set_object_factory),
    ("bridgeHandleOf", bridge_api::handle_of),
    ("bridgeRevive", bridge_api::revive),
    ("bridgeTypeObject", bridge_api::type_object),
    ("bridgeIsAssignable", bridge_api::is_assignable),
    ("bridgeInferMember", bridge_api::infer_member),
    ("bridgeFindType", bridge_api::find_type),
    ("bridgeListTypes", bridge_api::list_types),
    ("bridgeDescribeType", bridge_api::describe_type),
    ("bridgeDescribeSurface", bridge_api::describe_surface),
    ("bridgeBindMember", bridge_api::bind_member),
    ("bridgeDispose", bridge_api::dispose),
    ("bridgeObjectJson", bridge_api::object_json),
    ("bridgeCreateDelegate", bridge_api::create_delegate),
    ("bridgeSetDeadlockTimeout", bridge_api::set_deadlock_timeout),
    ("bridgeTakeJavaScriptError", bridge_api::take_javascript_error),
];

/// Fills `exports` for one Node environment.
pub fn register(env: Env, exports: Value) -> Result<()> {
    // Before anything else: the sooner it starts, the more of its wait overlaps the program.
    crate::host::membarrier::register_in_background();
    napi::install_instance(env)?;
    for (name, callback) in EXPORTS {
        env.set(exports, name, env.function(name, *callback)?)?;
    }
    // Benchmark-only functions sit apart, so the table above is what the library uses.
    let floor = env.object()?;
    for (name, callback) in floor::EXPORTS {
        env.set(floor, name, env.function(name, *callback)?)?;
    }
    env.set(exports, "benchmarkFloor", floor)
}

fn set_error_factory(env: Env, info: &CallInfo) -> Result<Value> {
    let factory = info.arg(env, 0)?;
    if env.type_of(factory)? != napi::ValueType::Function {
        return Err(napi::JsError::invalid_argument("setErrorFactory expects a function").into());
    }
    napi::set_error_factory(env, factory)?;
    env.undefined()
}
