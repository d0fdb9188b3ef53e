//! What a runtimeconfig would resolve to, without starting anything (.NET 9+).

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::error::{Error, ErrorClass, Result};
use crate::hostfxr::host_string::{self, HostString};
use crate::hostfxr::status::Status;
use crate::hostfxr::sys;
use crate::hostfxr::Hostfxr;

#[derive(Clone, Debug, Default)]
pub struct FrameworkResolution {
    pub name: String,
    pub requested_version: String,
    /// Empty for an unresolved framework.
    pub resolved_version: String,
    pub resolved_path: String,
}

#[derive(Clone, Debug, Default)]
pub struct Resolution {
    pub resolved: Vec<FrameworkResolution>,
    pub unresolved: Vec<FrameworkResolution>,
}

/// # Safety
/// `items` must point to `count` valid structs whose strings are valid now.
unsafe fn collect(items: *const sys::hostfxr_framework_result, count: usize) -> Vec<FrameworkResolution> {
    if items.is_null() || count == 0 {
        return Vec::new();
    }
    // SAFETY: forwarded from the caller.
    let items = unsafe { std::slice::from_raw_parts(items, count) };
    items
        .iter()
        .map(|item| {
            // SAFETY: hostfxr's strings are NUL-terminated or null during the callback.
            unsafe {
                FrameworkResolution {
                    name: host_string::to_string(item.name),
                    requested_version: host_string::to_string(item.requested_version),
                    resolved_version: host_string::to_string(item.resolved_version),
                    resolved_path: host_string::to_string(item.resolved_path),
                }
            }
        })
        .collect()
}

unsafe extern "C" fn receive(result: *const sys::hostfxr_resolve_frameworks_result, context: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: context is the Resolution passed by `resolve_frameworks`; hostfxr
        // passes a valid result for the duration of this callback.
        let (out, result) = unsafe { (&mut *context.cast::<Resolution>(), &*result) };
        // SAFETY: the arrays and counts come from hostfxr together.
        unsafe {
            out.resolved = collect(result.resolved_frameworks, result.resolved_count);
            out.unresolved = collect(result.unresolved_frameworks, result.unresolved_count);
        }
    }));
}

/// Resolves the frameworks `config` asks for against the installation of `hostfxr`.
/// A config with missing frameworks is not an error here: they are listed as
/// unresolved (hostfxr returns FrameworkMissingFailure along with the result).
pub fn resolve_frameworks(
    hostfxr: &Hostfxr,
    config: &Path,
    dotnet_root: Option<&Path>,
) -> Result<Resolution> {
    let resolve = hostfxr.require(
        hostfxr.resolve_frameworks_for_runtime_config,
        "hostfxr_resolve_frameworks_for_runtime_config",
        "9.0",
    )?;
    let config_string = HostString::from_path(config).map_err(Error::invalid_argument)?;
    let root = dotnet_root
        .or(hostfxr.dotnet_root.as_deref())
        .map(HostString::from_path)
        .transpose()
        .map_err(Error::invalid_argument)?;
    let parameters = sys::hostfxr_initialize_parameters {
        size: std::mem::size_of::<sys::hostfxr_initialize_parameters>(),
        host_path: std::ptr::null(),
        dotnet_root: root.as_ref().map_or(std::ptr::null(), HostString::as_ptr),
    };
    let mut resolution = Resolution::default();
    let context: *mut Resolution = &mut resolution;
    // SAFETY: all strings and the parameters outlive the call; the callback runs
    // synchronously with `context`.
    let (code, text) =
        hostfxr.capture(|| unsafe { resolve(config_string.as_ptr(), &parameters, receive, context.cast()) });
    let missing = code == Status::FrameworkMissingFailure.code() && !resolution.unresolved.is_empty();
    // hostfxr 9.0 answers a runtimeconfig it cannot parse with Success and no framework at
    // all (its parse error goes only to the error writer); 10.0 returns InvalidConfigFile.
    // A framework-dependent config always names a framework, so report it as 10.0 does.
    if Status::is_success(code) && resolution.resolved.is_empty() && resolution.unresolved.is_empty() {
        return Err(Error::status(
            ErrorClass::HostStatus,
            "hostfxr_resolve_frameworks_for_runtime_config",
            Status::InvalidConfigFile.code(),
        )
        .host_message(text)
        .hint(format!(
            "hostfxr found no framework in {}: check that it is a valid runtimeconfig.json naming a shared framework.",
            config.display()
        )));
    }
    if Status::is_success(code) || missing {
        Ok(resolution)
    } else {
        Err(Error::status(
            ErrorClass::HostStatus,
            "hostfxr_resolve_frameworks_for_runtime_config",
            code,
        )
        .host_message(text))
    }
}
