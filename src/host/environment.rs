//! Installed SDKs and frameworks, as hostfxr sees them (.NET 6+).

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::error::{Error, ErrorClass, Result};
use crate::hostfxr::host_string::{self, HostString};
use crate::hostfxr::status::Status;
use crate::hostfxr::sys;
use crate::hostfxr::Hostfxr;

#[derive(Clone, Debug, Default)]
pub struct Sdk {
    pub version: String,
    pub path: String,
}

#[derive(Clone, Debug, Default)]
pub struct Framework {
    pub name: String,
    pub version: String,
    pub path: String,
}

#[derive(Clone, Debug, Default)]
pub struct EnvironmentInfo {
    pub hostfxr_version: String,
    pub hostfxr_commit_hash: String,
    pub sdks: Vec<Sdk>,
    pub frameworks: Vec<Framework>,
}

/// # Safety
/// `items` must point to `count` valid structs (or be unused when count is 0).
unsafe fn slice<'a, T>(items: *const T, count: usize) -> &'a [T] {
    if count == 0 || items.is_null() {
        &[]
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { std::slice::from_raw_parts(items, count) }
    }
}

unsafe extern "C" fn receive(info: *const sys::hostfxr_dotnet_environment_info, context: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: context is the EnvironmentInfo passed by `environment_info`, and
        // hostfxr passes a valid info struct for the duration of this callback.
        let (out, info) = unsafe { (&mut *context.cast::<EnvironmentInfo>(), &*info) };
        // SAFETY: every string and array below is owned by hostfxr and valid now.
        unsafe {
            out.hostfxr_version = host_string::to_string(info.hostfxr_version);
            out.hostfxr_commit_hash = host_string::to_string(info.hostfxr_commit_hash);
            out.sdks = slice(info.sdks, info.sdk_count)
                .iter()
                .map(|sdk| Sdk {
                    version: host_string::to_string(sdk.version),
                    path: host_string::to_string(sdk.path),
                })
                .collect();
            out.frameworks = slice(info.frameworks, info.framework_count)
                .iter()
                .map(|framework| Framework {
                    name: host_string::to_string(framework.name),
                    version: host_string::to_string(framework.version),
                    path: host_string::to_string(framework.path),
                })
                .collect();
        }
    }));
}

pub fn environment_info(hostfxr: &Hostfxr, dotnet_root: Option<&Path>) -> Result<EnvironmentInfo> {
    let get = hostfxr.require(
        hostfxr.get_dotnet_environment_info,
        "hostfxr_get_dotnet_environment_info",
        "6.0",
    )?;
    let root = dotnet_root
        .or(hostfxr.dotnet_root.as_deref())
        .map(HostString::from_path)
        .transpose()
        .map_err(Error::invalid_argument)?;
    let mut info = EnvironmentInfo::default();
    let root_ptr = root.as_ref().map_or(std::ptr::null(), HostString::as_ptr);
    let info_ptr: *mut EnvironmentInfo = &mut info;
    // SAFETY: the callback runs synchronously, before this call returns, with info_ptr.
    let (code, text) =
        hostfxr.capture(|| unsafe { get(root_ptr, std::ptr::null_mut(), receive, info_ptr.cast()) });
    if Status::is_success(code) {
        Ok(info)
    } else {
        Err(Error::status(
            ErrorClass::HostStatus,
            "hostfxr_get_dotnet_environment_info",
            code,
        )
        .host_message(text))
    }
}

/// `Name Version` of every installed framework, best effort, for error hints.
pub fn installed_frameworks(hostfxr: &Hostfxr) -> Vec<String> {
    environment_info(hostfxr, None)
        .map(|info| {
            info.frameworks
                .iter()
                .map(|framework| format!("{} {}", framework.name, framework.version))
                .collect()
        })
        .unwrap_or_default()
}
