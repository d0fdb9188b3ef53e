use crate::host::DelegateType;
use crate::managed::ManagedFunction;
use crate::napi::{self, CallInfo, Env, JsError, Result, TypeTag, Value};

use super::context_api::context;
use super::options;

pub(super) static FUNCTION_TAG: TypeTag = TypeTag {
    tag: napi::sys::napi_type_tag {
        lower: 0x6474_6e68_666e_7074,
        upper: 0x4f2a_91c3_77e0_1b02,
    },
    name: "managed function",
};

pub fn load_assembly_and_get_function_pointer(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let assembly = options::path(env, info.arg(env, 1)?, "assemblyPath")?;
    let type_name = env.get_string(info.arg(env, 2)?, "typeName")?;
    let method = env.get_string(info.arg(env, 3)?, "methodName")?;
    let delegate_type = options::delegate_type(env, info.arg(env, 4)?, info.arg(env, 5)?)?;
    let function =
        context.load_assembly_and_get_function_pointer(&assembly, &type_name, &method, delegate_type)?;
    env.external(function, &FUNCTION_TAG)
}

pub fn get_function_pointer(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let type_name = env.get_string(info.arg(env, 1)?, "typeName")?;
    let method = env.get_string(info.arg(env, 2)?, "methodName")?;
    let delegate_type = options::delegate_type(env, info.arg(env, 3)?, info.arg(env, 4)?)?;
    let pointer = context.get_function_pointer(&type_name, &method, delegate_type)?;
    env.external(ManagedFunction::new(pointer), &FUNCTION_TAG)
}

pub fn load_assembly(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let assembly = options::path(env, info.arg(env, 1)?, "assemblyPath")?;
    context.load_assembly(&assembly)?;
    env.undefined()
}

pub fn load_assembly_bytes(env: Env, info: &CallInfo) -> Result<Value> {
    let context = context(env, info)?;
    let assembly = env.bytes(info.arg(env, 1)?, "assembly")?.to_vec();
    let symbols_value = info.arg(env, 2)?;
    let symbols = if env.is_nullish(symbols_value)? {
        None
    } else {
        Some(env.bytes(symbols_value, "symbols")?.to_vec())
    };
    context.load_assembly_bytes(&assembly, symbols.as_deref())?;
    env.undefined()
}

pub fn function_info(env: Env, info: &CallInfo) -> Result<Value> {
    let function: &ManagedFunction = env.external_ref(info.arg(env, 0)?, &FUNCTION_TAG)?;
    let origin = function.origin();
    let result = env.object()?;
    env.set(result, "address", env.bigint_u64(function.address() as u64)?)?;
    env.set(result, "loader", env.string(origin.loader)?)?;
    env.set(result, "typeName", env.string(&origin.type_name)?)?;
    env.set(result, "methodName", env.string(&origin.method)?)?;
    env.set(result, "delegateType", env.string(origin.delegate_type.as_str())?)?;
    if let DelegateType::Custom(name) = &origin.delegate_type {
        env.set(result, "delegateTypeName", env.string(name)?)?;
    }
    if let Some(path) = &origin.assembly_path {
        env.set(result, "assemblyPath", env.string(path)?)?;
    }
    Ok(result)
}

/// `callEntryPoint(fn, bytes?)`: calls `int (IntPtr args, int sizeBytes)` with the
/// memory of the JavaScript buffer itself, not a copy.
pub fn call_entry_point(env: Env, info: &CallInfo) -> Result<Value> {
    let function: &ManagedFunction = env.external_ref(info.arg(env, 0)?, &FUNCTION_TAG)?;
    let argument = info.arg(env, 1)?;
    let bytes = if env.is_nullish(argument)? {
        None
    } else {
        Some(env.bytes(argument, "args")?)
    };
    let (pointer, length) = match &bytes {
        Some(bytes) => (bytes.as_mut_ptr(), bytes.len()),
        None => (std::ptr::null_mut(), 0),
    };
    let size = i32::try_from(length).map_err(|_| {
        JsError::invalid_argument(format!(
            "args is {length} bytes; the entry point takes at most {} bytes",
            i32::MAX
        ))
    })?;
    // SAFETY: the function was obtained for an `int (IntPtr, int)` method (documented
    // contract of call()); the bytes belong to an argument of this call and stay
    // alive and in place until it returns.
    let result = unsafe { function.call_entry_point(pointer, size) };
    env.int32(result)
}
