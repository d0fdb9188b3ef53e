use std::rc::Rc;

use crate::host::HostContext;
use crate::hostfxr::status;
use crate::napi::{self, CallInfo, Env, EnvCleanup, Result, TypeTag, Value};

use super::options;

/// What a context external owns. Dropping the last reference (garbage collection)
/// closes the context, and so does environment teardown.
struct ContextCell(HostContext);

impl EnvCleanup for ContextCell {
    fn cleanup(&self) {
        let _ = self.0.close();
    }
}

static CONTEXT_TAG: TypeTag = TypeTag {
    tag: napi::sys::napi_type_tag {
        lower: 0x6474_6e68_6374_7831,
        upper: 0x9c1e_52a4_3b7d_4e01,
    },
    name: "host context",
};

fn wrap(env: Env, context: HostContext) -> Result<Value> {
    let cell = Rc::new(ContextCell(context));
    let cleanup: Rc<dyn EnvCleanup> = cell.clone();
    napi::register_cleanup(env, &cleanup)?;
    env.external(cell, &CONTEXT_TAG)
}

pub(super) fn context<'a>(env: Env, info: &CallInfo) -> Result<&'a HostContext> {
    let cell: &Rc<ContextCell> = env.external_ref(info.arg(env, 0)?, &CONTEXT_TAG)?;
    Ok(&cell.0)
}

pub fn initialize_for_runtime_config(env: Env, info: &CallInfo) -> Result<Value> {
    let config = options::path(env, info.arg(env, 0)?, "runtimeConfigPath")?;
    let options = options::initialize_options(env, info.arg(env, 1)?)?;
    wrap(
        env,
        HostContext::initialize_for_runtime_config(&config, &options)?,
    )
}

pub fn initialize_for_command_line(env: Env, info: &CallInfo) -> Result<Value> {
    let argv = env.get_string_array(info.arg(env, 0)?, "args")?;
    let options = options::initialize_options(env, info.arg(env, 1)?)?;
    wrap(
        env,
        HostContext::initialize_for_dotnet_command_line(&argv, &options)?,
    )
}

pub fn context_info(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let result = env.object()?;
    let (name, _) = status::describe(context.status.code());
    env.set(result, "kind", env.string(context.kind.as_str())?)?;
    env.set(result, "isPrimary", env.boolean(context.is_primary())?)?;
    env.set(result, "status", env.int32(context.status.code())?)?;
    env.set(result, "statusName", env.string(&name)?)?;
    env.set(
        result,
        "hostfxrPath",
        env.string(&context.hostfxr_path().display().to_string())?,
    )?;
    env.set(result, "hostfxrSource", env.string(context.source)?)?;
    env.set(result, "closed", env.boolean(context.is_closed())?)?;
    Ok(result)
}

pub fn get_property(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let name = env.get_string(info.arg(env, 1)?, "name")?;
    match context.property(&name)? {
        Some(value) => env.string(&value),
        None => env.undefined(),
    }
}

pub fn set_property(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let name = env.get_string(info.arg(env, 1)?, "name")?;
    let value = env.get_optional_string(info.arg(env, 2)?, "value")?;
    context.set_property(&name, value.as_deref())?;
    env.undefined()
}

pub fn get_properties(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let result = env.object()?;
    for (key, value) in context.properties()? {
        env.set(result, &key, env.string(&value)?)?;
    }
    Ok(result)
}

pub fn run_app(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    env.int32(context.run_app()?)
}

pub fn close_context(env: Env, info: &CallInfo) -> Result<Value> {
    context(env, info)?.close()?;
    env.undefined()
}
