//! Raw hostfxr and runtime-delegate types, named as in `hostfxr.h` and
//! `coreclr_delegates.h`.
#![allow(non_camel_case_types, non_upper_case_globals)]

use std::ffi::c_void;

#[cfg(windows)]
pub type char_t = u16;
#[cfg(not(windows))]
pub type char_t = std::ffi::c_char;

pub type hostfxr_handle = *mut c_void;

pub type hostfxr_delegate_type = i32;
pub const hdt_com_activation: hostfxr_delegate_type = 0;
pub const hdt_load_in_memory_assembly: hostfxr_delegate_type = 1;
pub const hdt_winrt_activation: hostfxr_delegate_type = 2;
pub const hdt_com_register: hostfxr_delegate_type = 3;
pub const hdt_com_unregister: hostfxr_delegate_type = 4;
pub const hdt_load_assembly_and_get_function_pointer: hostfxr_delegate_type = 5;
pub const hdt_get_function_pointer: hostfxr_delegate_type = 6;
pub const hdt_load_assembly: hostfxr_delegate_type = 7;
pub const hdt_load_assembly_bytes: hostfxr_delegate_type = 8;

#[repr(C)]
pub struct hostfxr_initialize_parameters {
    pub size: usize,
    pub host_path: *const char_t,
    pub dotnet_root: *const char_t,
}

#[repr(C)]
pub struct hostfxr_dotnet_environment_sdk_info {
    pub size: usize,
    pub version: *const char_t,
    pub path: *const char_t,
}

#[repr(C)]
pub struct hostfxr_dotnet_environment_framework_info {
    pub size: usize,
    pub name: *const char_t,
    pub version: *const char_t,
    pub path: *const char_t,
}

#[repr(C)]
pub struct hostfxr_dotnet_environment_info {
    pub size: usize,
    pub hostfxr_version: *const char_t,
    pub hostfxr_commit_hash: *const char_t,
    pub sdk_count: usize,
    pub sdks: *const hostfxr_dotnet_environment_sdk_info,
    pub framework_count: usize,
    pub frameworks: *const hostfxr_dotnet_environment_framework_info,
}

pub type hostfxr_error_writer_fn = Option<unsafe extern "C" fn(message: *const char_t)>;
pub type hostfxr_set_error_writer_fn =
    unsafe extern "C" fn(error_writer: hostfxr_error_writer_fn) -> hostfxr_error_writer_fn;
pub type hostfxr_initialize_for_runtime_config_fn = unsafe extern "C" fn(
    runtime_config_path: *const char_t,
    parameters: *const hostfxr_initialize_parameters,
    host_context_handle: *mut hostfxr_handle,
) -> i32;
pub type hostfxr_initialize_for_dotnet_command_line_fn = unsafe extern "C" fn(
    argc: i32,
    argv: *const *const char_t,
    parameters: *const hostfxr_initialize_parameters,
    host_context_handle: *mut hostfxr_handle,
) -> i32;
pub type hostfxr_get_runtime_property_value_fn = unsafe extern "C" fn(
    host_context_handle: hostfxr_handle,
    name: *const char_t,
    value: *mut *const char_t,
) -> i32;
pub type hostfxr_set_runtime_property_value_fn = unsafe extern "C" fn(
    host_context_handle: hostfxr_handle,
    name: *const char_t,
    value: *const char_t,
) -> i32;
pub type hostfxr_get_runtime_properties_fn = unsafe extern "C" fn(
    host_context_handle: hostfxr_handle,
    count: *mut usize,
    keys: *mut *const char_t,
    values: *mut *const char_t,
) -> i32;
pub type hostfxr_run_app_fn = unsafe extern "C" fn(host_context_handle: hostfxr_handle) -> i32;
pub type hostfxr_get_runtime_delegate_fn = unsafe extern "C" fn(
    host_context_handle: hostfxr_handle,
    r#type: hostfxr_delegate_type,
    delegate: *mut *mut c_void,
) -> i32;
pub type hostfxr_close_fn = unsafe extern "C" fn(host_context_handle: hostfxr_handle) -> i32;
pub type hostfxr_get_dotnet_environment_info_result_fn =
    unsafe extern "C" fn(info: *const hostfxr_dotnet_environment_info, result_context: *mut c_void);
pub type hostfxr_get_dotnet_environment_info_fn = unsafe extern "C" fn(
    dotnet_root: *const char_t,
    reserved: *mut c_void,
    result: hostfxr_get_dotnet_environment_info_result_fn,
    result_context: *mut c_void,
) -> i32;

#[repr(C)]
pub struct hostfxr_framework_result {
    pub size: usize,
    pub name: *const char_t,
    pub requested_version: *const char_t,
    pub resolved_version: *const char_t,
    pub resolved_path: *const char_t,
}

#[repr(C)]
pub struct hostfxr_resolve_frameworks_result {
    pub size: usize,
    pub resolved_count: usize,
    pub resolved_frameworks: *const hostfxr_framework_result,
    pub unresolved_count: usize,
    pub unresolved_frameworks: *const hostfxr_framework_result,
}

pub type hostfxr_resolve_frameworks_result_fn =
    unsafe extern "C" fn(result: *const hostfxr_resolve_frameworks_result, result_context: *mut c_void);
pub type hostfxr_resolve_frameworks_for_runtime_config_fn = unsafe extern "C" fn(
    runtime_config_path: *const char_t,
    parameters: *const hostfxr_initialize_parameters,
    callback: hostfxr_resolve_frameworks_result_fn,
    result_context: *mut c_void,
) -> i32;

/// `UNMANAGEDCALLERSONLY_METHOD` from coreclr_delegates.h.
pub const UNMANAGEDCALLERSONLY_METHOD: *const char_t = usize::MAX as *const char_t;

// Runtime delegates use __stdcall on 32-bit Windows, i.e. "system" everywhere.
pub type load_assembly_and_get_function_pointer_fn = unsafe extern "system" fn(
    assembly_path: *const char_t,
    type_name: *const char_t,
    method_name: *const char_t,
    delegate_type_name: *const char_t,
    reserved: *mut c_void,
    delegate: *mut *mut c_void,
) -> i32;
pub type get_function_pointer_fn = unsafe extern "system" fn(
    type_name: *const char_t,
    method_name: *const char_t,
    delegate_type_name: *const char_t,
    load_context: *mut c_void,
    reserved: *mut c_void,
    delegate: *mut *mut c_void,
) -> i32;
pub type load_assembly_fn = unsafe extern "system" fn(
    assembly_path: *const char_t,
    load_context: *mut c_void,
    reserved: *mut c_void,
) -> i32;
pub type load_assembly_bytes_fn = unsafe extern "system" fn(
    assembly_bytes: *const c_void,
    assembly_bytes_len: usize,
    symbols_bytes: *const c_void,
    symbols_bytes_len: usize,
    load_context: *mut c_void,
    reserved: *mut c_void,
) -> i32;
pub type component_entry_point_fn =
    unsafe extern "system" fn(arg: *mut c_void, arg_size_in_bytes: i32) -> i32;
