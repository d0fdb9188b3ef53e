//! Reading option objects and paths passed from JavaScript.

use std::path::PathBuf;

use crate::host::resolve::ResolveOptions;
use crate::host::{DelegateType, InitializeOptions};
use crate::napi::{Env, JsError, Result, Value, ValueType};

pub fn optional_path(env: Env, object: Value, name: &str) -> Result<Option<PathBuf>> {
    let value = env.get(object, name)?;
    Ok(env.get_optional_string(value, name)?.map(PathBuf::from))
}

fn options_object(env: Env, value: Value) -> Result<Option<Value>> {
    match env.type_of(value)? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::Object => Ok(Some(value)),
        other => {
            Err(JsError::invalid_argument(format!("options must be an object, got {}", other.name())).into())
        }
    }
}

pub fn resolve_options(env: Env, value: Value) -> Result<ResolveOptions> {
    let Some(object) = options_object(env, value)? else {
        return Ok(ResolveOptions::default());
    };
    Ok(ResolveOptions {
        hostfxr_path: optional_path(env, object, "hostfxrPath")?,
        dotnet_root: optional_path(env, object, "dotnetRoot")?,
        app_path: optional_path(env, object, "appPath")?,
        nethost_path: optional_path(env, object, "nethostPath")?,
    })
}

pub fn initialize_options(env: Env, value: Value) -> Result<InitializeOptions> {
    let resolve = resolve_options(env, value)?;
    let host_path = match options_object(env, value)? {
        Some(object) => optional_path(env, object, "hostPath")?,
        None => None,
    };
    Ok(InitializeOptions { resolve, host_path })
}

pub fn path(env: Env, value: Value, what: &str) -> Result<PathBuf> {
    Ok(PathBuf::from(env.get_string(value, what)?))
}

/// `(delegateTypeName | null, unmanagedCallersOnly)` → DelegateType.
pub fn delegate_type(env: Env, name: Value, unmanaged_callers_only: Value) -> Result<DelegateType> {
    let name = env.get_optional_string(name, "delegateType")?;
    let uco = env.get_bool(unmanaged_callers_only, "unmanagedCallersOnly")?;
    match (name, uco) {
        (Some(_), true) => Err(JsError::invalid_argument(
            "delegateType and unmanagedCallersOnly exclude each other: an [UnmanagedCallersOnly] method has no delegate type",
        )
        .into()),
        (Some(name), false) => Ok(DelegateType::Custom(name)),
        (None, true) => Ok(DelegateType::UnmanagedCallersOnly),
        (None, false) => Ok(DelegateType::Default),
    }
}
