//! The runtime delegates a context hands out, fetched once and cached, and the calls
//! that load assemblies and return function pointers.

use std::cell::Cell;
use std::ffi::c_void;
use std::path::Path;

use super::context::HostContext;
use super::function_cache::{self, Key};
use super::function_pointer::{DelegateType, FunctionOrigin, FunctionPointer};
use super::load_errors::load_error;
use super::process;
use crate::error::{Detail, Error, ErrorClass, Result};
use crate::hostfxr::host_string::HostString;
use crate::hostfxr::status::Status;
use crate::hostfxr::sys::{self, hostfxr_delegate_type};

#[derive(Default)]
pub struct Delegates {
    load_assembly_and_get_function_pointer: Cell<Option<sys::load_assembly_and_get_function_pointer_fn>>,
    get_function_pointer: Cell<Option<sys::get_function_pointer_fn>>,
    load_assembly: Cell<Option<sys::load_assembly_fn>>,
    load_assembly_bytes: Cell<Option<sys::load_assembly_bytes_fn>>,
}

fn text(value: &str, what: &str) -> Result<HostString> {
    if value.is_empty() {
        return Err(Error::invalid_argument(format!("{what} must not be empty")));
    }
    HostString::new(value).map_err(|reason| Error::invalid_argument(format!("{what} {reason}")))
}

fn assembly_path(path: &Path) -> Result<HostString> {
    if !path.is_absolute() {
        return Err(Error::invalid_argument(format!(
            "assemblyPath must be an absolute path, got {}",
            path.display()
        )));
    }
    HostString::from_path(path).map_err(Error::invalid_argument)
}

impl HostContext {
    /// Fetches (once) and returns a runtime delegate; this starts the runtime.
    fn delegate<F: Copy>(
        &self,
        cache: &Cell<Option<F>>,
        kind: hostfxr_delegate_type,
        name: &str,
        since: &str,
    ) -> Result<F> {
        let handle = self.handle(name)?;
        if let Some(cached) = cache.get() {
            return Ok(cached);
        }
        if self.kind == super::ContextKind::CommandLine
            && !matches!(
                kind,
                sys::hdt_load_assembly_and_get_function_pointer | sys::hdt_get_function_pointer
            )
        {
            return Err(Error::state(
                "WrongContextKind",
                format!("{name} is not available from a command-line context"),
            )
            .hint("Command-line contexts support only loadAssemblyAndGetFunctionPointer and getFunctionPointer; use a runtime-config context."));
        }
        let get = self.hostfxr.require(
            self.hostfxr.get_runtime_delegate,
            "hostfxr_get_runtime_delegate",
            "3.0",
        )?;
        // The first delegate starts the runtime, which registers for membarrier(2).
        super::membarrier::wait_until_registered();
        let mut delegate = std::ptr::null_mut();
        // SAFETY: handle is live; delegate is an out pointer.
        let (code, host_text) = self
            .hostfxr
            .capture(|| unsafe { get(handle, kind, &mut delegate) });
        if !Status::is_success(code) || delegate.is_null() {
            // A hostfxr older than the delegate type refuses it before loading anything:
            // InvalidArgFailure (5.0+), LibHostInvalidArgs (3.x) or HostApiUnsupportedVersion.
            // Every 3.0+ hostfxr knows load_assembly_and_get_function_pointer, so a failure of
            // that one is a real failure.
            let unsupported = since != "3.0"
                && matches!(
                    Status::from_code(code),
                    Status::InvalidArgFailure
                        | Status::LibHostInvalidArgs
                        | Status::HostApiUnsupportedVersion
                );
            let class = if unsupported {
                ErrorClass::UnsupportedHostVersion
            } else {
                ErrorClass::HostStatus
            };
            let error = Error::status(class, "hostfxr_get_runtime_delegate", code).host_message(host_text);
            return Err(if unsupported {
                error
                    .hint(format!(
                        "{name} needs .NET {since} or later: both the hostfxr ({}) and the runtime this context loaded must be that new.",
                        self.hostfxr.path().display()
                    ))
                    .detail("requiredVersion", Detail::Str(since.to_string()))
            } else {
                error
            });
        }
        process::runtime_started();
        // SAFETY: hostfxr returned the delegate of `kind`, whose C type is F.
        let typed = unsafe { std::mem::transmute_copy::<*mut c_void, F>(&delegate) };
        cache.set(Some(typed));
        Ok(typed)
    }

    pub fn load_assembly_and_get_function_pointer(
        &self,
        assembly: &Path,
        type_name: &str,
        method: &str,
        delegate_type: DelegateType,
    ) -> Result<FunctionPointer> {
        let path = assembly_path(assembly)?;
        let (type_string, method_string, delegate_string) = names(type_name, method, &delegate_type)?;
        let load = self.delegate(
            &self.delegates.load_assembly_and_get_function_pointer,
            sys::hdt_load_assembly_and_get_function_pointer,
            "load_assembly_and_get_function_pointer",
            "3.0",
        )?;
        let origin = FunctionOrigin {
            loader: "loadAssemblyAndGetFunctionPointer",
            assembly_path: Some(assembly.display().to_string()),
            type_name: type_name.to_string(),
            method: method.to_string(),
            delegate_type,
        };
        cached_or(origin, |origin| {
            let mut function = std::ptr::null_mut();
            // SAFETY: every string is NUL-terminated (or the UCO sentinel); reserved is null.
            let code = unsafe {
                load(
                    path.as_ptr(),
                    type_string.as_ptr(),
                    method_string.as_ptr(),
                    delegate_ptr(&delegate_string, &origin.delegate_type),
                    std::ptr::null_mut(),
                    &mut function,
                )
            };
            (code, function)
        })
    }

    pub fn get_function_pointer(
        &self,
        type_name: &str,
        method: &str,
        delegate_type: DelegateType,
    ) -> Result<FunctionPointer> {
        let (type_string, method_string, delegate_string) = names(type_name, method, &delegate_type)?;
        let get = self.delegate(
            &self.delegates.get_function_pointer,
            sys::hdt_get_function_pointer,
            "get_function_pointer",
            "5.0",
        )?;
        let origin = FunctionOrigin {
            loader: "getFunctionPointer",
            assembly_path: None,
            type_name: type_name.to_string(),
            method: method.to_string(),
            delegate_type,
        };
        cached_or(origin, |origin| {
            let mut function = std::ptr::null_mut();
            // SAFETY: strings are NUL-terminated (or the UCO sentinel); load_context and
            // reserved must be null.
            let code = unsafe {
                get(
                    type_string.as_ptr(),
                    method_string.as_ptr(),
                    delegate_ptr(&delegate_string, &origin.delegate_type),
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    &mut function,
                )
            };
            (code, function)
        })
    }

    pub fn load_assembly(&self, assembly: &Path) -> Result<()> {
        let path = assembly_path(assembly)?;
        let load = self.delegate(
            &self.delegates.load_assembly,
            sys::hdt_load_assembly,
            "load_assembly",
            "8.0",
        )?;
        // SAFETY: path is NUL-terminated; load_context and reserved must be null.
        let code = unsafe { load(path.as_ptr(), std::ptr::null_mut(), std::ptr::null_mut()) };
        if code == 0 {
            return Ok(());
        }
        let mut error = load_error("load_assembly", code, None, Some(assembly));
        error
            .summary
            .push_str(&format!(" (assembly {})", assembly.display()));
        Err(error.detail("assemblyPath", Detail::Str(assembly.display().to_string())))
    }

    pub fn load_assembly_bytes(&self, assembly: &[u8], symbols: Option<&[u8]>) -> Result<()> {
        if assembly.is_empty() {
            return Err(Error::invalid_argument("assembly bytes must not be empty"));
        }
        let load = self.delegate(
            &self.delegates.load_assembly_bytes,
            sys::hdt_load_assembly_bytes,
            "load_assembly_bytes",
            "8.0",
        )?;
        let (symbols_ptr, symbols_len) = match symbols {
            Some(bytes) if !bytes.is_empty() => (bytes.as_ptr().cast(), bytes.len()),
            _ => (std::ptr::null(), 0),
        };
        // SAFETY: both slices outlive the call, which copies what it keeps.
        let code = unsafe {
            load(
                assembly.as_ptr().cast(),
                assembly.len(),
                symbols_ptr,
                symbols_len,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        if code == 0 {
            Ok(())
        } else {
            Err(load_error("load_assembly_bytes", code, None, None))
        }
    }
}

fn names(
    type_name: &str,
    method: &str,
    delegate_type: &DelegateType,
) -> Result<(HostString, HostString, Option<HostString>)> {
    let type_string = text(type_name, "typeName")?;
    let method_string = text(method, "methodName")?;
    let delegate_string = match delegate_type {
        DelegateType::Custom(name) => Some(text(name, "delegateType")?),
        _ => None,
    };
    Ok((type_string, method_string, delegate_string))
}

fn delegate_ptr(custom: &Option<HostString>, delegate_type: &DelegateType) -> *const sys::char_t {
    match (delegate_type, custom) {
        (DelegateType::UnmanagedCallersOnly, _) => sys::UNMANAGEDCALLERSONLY_METHOD,
        (DelegateType::Custom(_), Some(name)) => name.as_ptr(),
        _ => std::ptr::null(),
    }
}

/// The pointer handed out before for `origin`, or the one `resolve` gets from .NET
/// (kept when it succeeds).
fn cached_or(
    origin: FunctionOrigin,
    resolve: impl FnOnce(&FunctionOrigin) -> (i32, *mut c_void),
) -> Result<FunctionPointer> {
    let key = cache_key(&origin);
    if let Some(address) = function_cache::get(&key) {
        return Ok(FunctionPointer { address, origin });
    }
    let (code, function) = resolve(&origin);
    finish(code, function, origin, key)
}

fn cache_key(origin: &FunctionOrigin) -> Key {
    Key {
        loader: origin.loader,
        assembly_path: origin.assembly_path.clone(),
        type_name: origin.type_name.clone(),
        method: origin.method.clone(),
        delegate_type: origin.delegate_type.clone(),
    }
}

fn finish(code: i32, function: *mut c_void, origin: FunctionOrigin, key: Key) -> Result<FunctionPointer> {
    if code == 0 && !function.is_null() {
        function_cache::insert(key, function as usize);
        return Ok(FunctionPointer {
            address: function as usize,
            origin,
        });
    }
    let assembly = origin.assembly_path.as_deref().map(Path::new);
    Err(load_error(origin.loader_c_name(), code, Some(&origin), assembly))
}
