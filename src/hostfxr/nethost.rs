//! Asking a user-supplied nethost library where hostfxr is (`get_hostfxr_path`).

use std::ffi::c_void;
use std::path::{Path, PathBuf};

use super::host_string::{self, HostString};
use super::status::Status;
use super::sys::char_t;
use crate::dl::Library;
use crate::error::{Error, ErrorClass, Result};

#[repr(C)]
#[allow(non_camel_case_types)]
struct get_hostfxr_parameters {
    size: usize,
    assembly_path: *const char_t,
    dotnet_root: *const char_t,
}

#[allow(non_camel_case_types)]
type get_hostfxr_path_fn = unsafe extern "C" fn(
    buffer: *mut char_t,
    buffer_size: *mut usize,
    parameters: *const get_hostfxr_parameters,
) -> i32;

fn host_string(path: Option<&Path>) -> Result<Option<HostString>> {
    path.map(HostString::from_path)
        .transpose()
        .map_err(Error::invalid_argument)
}

pub fn get_hostfxr_path(
    nethost: &Path,
    assembly_path: Option<&Path>,
    dotnet_root: Option<&Path>,
) -> Result<PathBuf> {
    let library = Library::open(nethost).map_err(|reason| {
        Error::library(
            super::Status::CoreHostLibLoadFailure,
            format!("nethost at {} could not be loaded: {reason}", nethost.display()),
        )
    })?;
    let symbol = library.symbol(c"get_hostfxr_path");
    if symbol.is_null() {
        return Err(Error::library(
            super::Status::CoreHostEntryPointFailure,
            format!(
                "{} does not export get_hostfxr_path: it is not a nethost library",
                nethost.display()
            ),
        ));
    }
    // SAFETY: nethost.h declares get_hostfxr_path with exactly this signature.
    let get_path = unsafe { std::mem::transmute::<*mut c_void, get_hostfxr_path_fn>(symbol) };
    let assembly = host_string(assembly_path)?;
    let root = host_string(dotnet_root)?;
    let parameters = get_hostfxr_parameters {
        size: std::mem::size_of::<get_hostfxr_parameters>(),
        assembly_path: assembly.as_ref().map_or(std::ptr::null(), HostString::as_ptr),
        dotnet_root: root.as_ref().map_or(std::ptr::null(), HostString::as_ptr),
    };
    let mut buffer: Vec<char_t> = vec![0; 512];
    loop {
        let mut size = buffer.len();
        // SAFETY: buffer holds `size` units; parameters and its strings outlive the call.
        let code = unsafe { get_path(buffer.as_mut_ptr(), &mut size, &parameters) };
        if code == Status::HostApiBufferTooSmall.code() && size > buffer.len() {
            buffer.resize(size, 0);
            continue;
        }
        if !Status::is_success(code) {
            return Err(
                Error::status(ErrorClass::HostStatus, "nethost get_hostfxr_path", code)
                    .hint("nethost found no .NET installation; set DOTNET_ROOT or pass dotnetRoot."),
            );
        }
        // SAFETY: on success nethost wrote a NUL-terminated path into buffer.
        return Ok(PathBuf::from(unsafe { host_string::to_string(buffer.as_ptr()) }));
    }
}
