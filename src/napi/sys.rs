//! Raw Node-API: the C names and types of `node_api.h`, nothing more.
//!
//! The addon links against no Node library. Every function is looked up once in the
//! host process when the module registers (see [`load`]), so the same binary works with
//! `node`, `node.exe` and an embedder's `libnode`, and a missing function is an error
//! message instead of a loader failure.
#![allow(non_camel_case_types, non_upper_case_globals)]

use std::ffi::{c_char, c_int, c_void, CStr};
use std::sync::OnceLock;

pub type napi_status = i32;
pub const napi_ok: napi_status = 0;
pub const napi_invalid_arg: napi_status = 1;
pub const napi_string_expected: napi_status = 3;
pub const napi_number_expected: napi_status = 6;
pub const napi_bigint_expected: napi_status = 17;
pub const napi_pending_exception: napi_status = 10;
pub const napi_no_external_buffers_allowed: napi_status = 22;

#[repr(C)]
pub struct napi_env__ {
    _private: [u8; 0],
}
pub type napi_env = *mut napi_env__;

#[repr(C)]
pub struct napi_value__ {
    _private: [u8; 0],
}
pub type napi_value = *mut napi_value__;

#[repr(C)]
pub struct napi_ref__ {
    _private: [u8; 0],
}
pub type napi_ref = *mut napi_ref__;

#[repr(C)]
pub struct napi_handle_scope__ {
    _private: [u8; 0],
}
pub type napi_handle_scope = *mut napi_handle_scope__;

#[repr(C)]
pub struct napi_callback_info__ {
    _private: [u8; 0],
}
pub type napi_callback_info = *mut napi_callback_info__;

pub type napi_callback = Option<unsafe extern "C" fn(env: napi_env, info: napi_callback_info) -> napi_value>;
pub type napi_finalize = Option<unsafe extern "C" fn(env: napi_env, data: *mut c_void, hint: *mut c_void)>;
pub type napi_cleanup_hook = Option<unsafe extern "C" fn(arg: *mut c_void)>;

pub type napi_valuetype = i32;
pub const napi_undefined: napi_valuetype = 0;
pub const napi_null: napi_valuetype = 1;
pub const napi_boolean: napi_valuetype = 2;
pub const napi_number: napi_valuetype = 3;
pub const napi_string: napi_valuetype = 4;
pub const napi_object: napi_valuetype = 6;
pub const napi_function: napi_valuetype = 7;
pub const napi_external: napi_valuetype = 8;
pub const napi_bigint: napi_valuetype = 9;

pub type napi_typedarray_type = i32;

#[repr(C)]
pub struct napi_deferred__ {
    _private: [u8; 0],
}
pub type napi_deferred = *mut napi_deferred__;

#[repr(C)]
pub struct napi_async_work__ {
    _private: [u8; 0],
}
pub type napi_async_work = *mut napi_async_work__;

#[repr(C)]
pub struct napi_threadsafe_function__ {
    _private: [u8; 0],
}
pub type napi_threadsafe_function = *mut napi_threadsafe_function__;

pub type napi_async_execute_callback = Option<unsafe extern "C" fn(env: napi_env, data: *mut c_void)>;
pub type napi_async_complete_callback =
    Option<unsafe extern "C" fn(env: napi_env, status: napi_status, data: *mut c_void)>;
pub type napi_threadsafe_function_call_js = Option<
    unsafe extern "C" fn(env: napi_env, js_callback: napi_value, context: *mut c_void, data: *mut c_void),
>;
pub type napi_threadsafe_function_release_mode = i32;
pub const napi_tsfn_release: napi_threadsafe_function_release_mode = 0;
pub type napi_threadsafe_function_call_mode = i32;
pub const napi_tsfn_nonblocking: napi_threadsafe_function_call_mode = 0;

#[repr(C)]
pub struct napi_type_tag {
    pub lower: u64,
    pub upper: u64,
}

#[repr(C)]
pub struct napi_extended_error_info {
    pub error_message: *const c_char,
    pub engine_reserved: *mut c_void,
    pub engine_error_code: u32,
    pub error_code: napi_status,
}

/// Declares the function table and a free function per entry with the C name, so
/// call sites read exactly like C and can be grepped against `node_api.h`.
macro_rules! napi_functions {
    ($( fn $name:ident($($arg:ident: $ty:ty),* $(,)?); )*) => {
        #[allow(non_snake_case)]
        struct Functions {
            $( $name: unsafe extern "C" fn($($ty),*) -> napi_status, )*
        }

        impl Functions {
            fn resolve(lookup: &dyn Fn(&CStr) -> *mut c_void) -> Result<Self, String> {
                Ok(Self {
                    $( $name: {
                        let symbol = lookup(
                            CStr::from_bytes_with_nul(concat!(stringify!($name), "\0").as_bytes())
                                .expect("literal has one trailing NUL"),
                        );
                        if symbol.is_null() {
                            return Err(stringify!($name).to_string());
                        }
                        // SAFETY: the symbol was exported by Node under this C name, whose
                        // prototype in node_api.h is the one declared here.
                        unsafe {
                            std::mem::transmute::<*mut c_void, unsafe extern "C" fn($($ty),*) -> napi_status>(symbol)
                        }
                    }, )*
                })
            }
        }

        $(
            /// # Safety
            /// Same contract as the C function of this name; [`load`] must have succeeded.
            #[inline]
            #[allow(clippy::too_many_arguments)] // the C signature decides
            pub unsafe fn $name($($arg: $ty),*) -> napi_status {
                // SAFETY: forwarded contract; the pointer came from a successful lookup.
                unsafe { (functions().$name)($($arg),*) }
            }
        )*
    };
}

napi_functions! {
    fn napi_get_last_error_info(env: napi_env, result: *mut *const napi_extended_error_info);
    fn napi_get_undefined(env: napi_env, result: *mut napi_value);
    fn napi_get_null(env: napi_env, result: *mut napi_value);
    fn napi_get_boolean(env: napi_env, value: bool, result: *mut napi_value);
    fn napi_create_object(env: napi_env, result: *mut napi_value);
    fn napi_create_array_with_length(env: napi_env, length: usize, result: *mut napi_value);
    fn napi_create_int32(env: napi_env, value: i32, result: *mut napi_value);
    fn napi_create_uint32(env: napi_env, value: u32, result: *mut napi_value);
    fn napi_create_double(env: napi_env, value: f64, result: *mut napi_value);
    fn napi_create_bigint_uint64(env: napi_env, value: u64, result: *mut napi_value);
    fn napi_create_string_utf8(env: napi_env, str: *const c_char, length: usize, result: *mut napi_value);
    fn napi_create_function(env: napi_env, utf8name: *const c_char, length: usize, cb: napi_callback, data: *mut c_void, result: *mut napi_value);
    fn napi_create_error(env: napi_env, code: napi_value, msg: napi_value, result: *mut napi_value);
    fn napi_create_type_error(env: napi_env, code: napi_value, msg: napi_value, result: *mut napi_value);
    fn napi_create_external(env: napi_env, data: *mut c_void, finalize_cb: napi_finalize, finalize_hint: *mut c_void, result: *mut napi_value);
    fn napi_typeof(env: napi_env, value: napi_value, result: *mut napi_valuetype);
    fn napi_get_value_double(env: napi_env, value: napi_value, result: *mut f64);
    fn napi_get_value_int32(env: napi_env, value: napi_value, result: *mut i32);
    fn napi_get_value_bool(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_value_string_utf8(env: napi_env, value: napi_value, buf: *mut c_char, bufsize: usize, result: *mut usize);
    fn napi_get_value_external(env: napi_env, value: napi_value, result: *mut *mut c_void);
    fn napi_is_array(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_strict_equals(env: napi_env, lhs: napi_value, rhs: napi_value, result: *mut bool);
    fn napi_get_array_length(env: napi_env, value: napi_value, result: *mut u32);
    fn napi_get_element(env: napi_env, object: napi_value, index: u32, result: *mut napi_value);
    fn napi_set_element(env: napi_env, object: napi_value, index: u32, value: napi_value);
    fn napi_set_named_property(env: napi_env, object: napi_value, utf8name: *const c_char, value: napi_value);
    fn napi_get_named_property(env: napi_env, object: napi_value, utf8name: *const c_char, result: *mut napi_value);
    fn napi_set_property(env: napi_env, object: napi_value, key: napi_value, value: napi_value);
    fn napi_get_property(env: napi_env, object: napi_value, key: napi_value, result: *mut napi_value);
    fn napi_get_property_names(env: napi_env, object: napi_value, result: *mut napi_value);
    fn napi_get_cb_info(env: napi_env, cbinfo: napi_callback_info, argc: *mut usize, argv: *mut napi_value, this_arg: *mut napi_value, data: *mut *mut c_void);
    fn napi_call_function(env: napi_env, recv: napi_value, func: napi_value, argc: usize, argv: *const napi_value, result: *mut napi_value);
    fn napi_throw(env: napi_env, error: napi_value);
    fn napi_is_exception_pending(env: napi_env, result: *mut bool);
    fn napi_is_buffer(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_buffer_info(env: napi_env, value: napi_value, data: *mut *mut c_void, length: *mut usize);
    fn napi_is_typedarray(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_typedarray_info(env: napi_env, typedarray: napi_value, r#type: *mut napi_typedarray_type, length: *mut usize, data: *mut *mut c_void, arraybuffer: *mut napi_value, byte_offset: *mut usize);
    fn napi_is_dataview(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_dataview_info(env: napi_env, dataview: napi_value, bytelength: *mut usize, data: *mut *mut c_void, arraybuffer: *mut napi_value, byte_offset: *mut usize);
    fn napi_is_arraybuffer(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_arraybuffer_info(env: napi_env, arraybuffer: napi_value, data: *mut *mut c_void, byte_length: *mut usize);
    fn napi_create_reference(env: napi_env, value: napi_value, initial_refcount: u32, result: *mut napi_ref);
    fn napi_delete_reference(env: napi_env, r#ref: napi_ref);
    fn napi_get_reference_value(env: napi_env, r#ref: napi_ref, result: *mut napi_value);
    fn napi_set_instance_data(env: napi_env, data: *mut c_void, finalize_cb: napi_finalize, finalize_hint: *mut c_void);
    fn napi_get_instance_data(env: napi_env, data: *mut *mut c_void);
    fn napi_add_env_cleanup_hook(env: napi_env, fun: napi_cleanup_hook, arg: *mut c_void);
    fn napi_remove_env_cleanup_hook(env: napi_env, fun: napi_cleanup_hook, arg: *mut c_void);
    fn napi_get_value_string_utf16(env: napi_env, value: napi_value, buf: *mut u16, bufsize: usize, result: *mut usize);
    fn napi_create_string_utf16(env: napi_env, str: *const u16, length: usize, result: *mut napi_value);
    fn napi_create_string_latin1(env: napi_env, str: *const c_char, length: usize, result: *mut napi_value);
    fn napi_get_value_bigint_int64(env: napi_env, value: napi_value, result: *mut i64, lossless: *mut bool);
    fn napi_get_value_bigint_uint64(env: napi_env, value: napi_value, result: *mut u64, lossless: *mut bool);
    fn napi_create_bigint_int64(env: napi_env, value: i64, result: *mut napi_value);
    fn napi_get_value_bigint_words(
        env: napi_env,
        value: napi_value,
        sign_bit: *mut c_int,
        word_count: *mut usize,
        words: *mut u64,
    );
    fn napi_is_date(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_get_date_value(env: napi_env, value: napi_value, result: *mut f64);
    fn napi_create_date(env: napi_env, time: f64, result: *mut napi_value);
    fn napi_create_arraybuffer(env: napi_env, byte_length: usize, data: *mut *mut c_void, result: *mut napi_value);
    fn napi_create_external_arraybuffer(env: napi_env, external_data: *mut c_void, byte_length: usize, finalize_cb: napi_finalize, finalize_hint: *mut c_void, result: *mut napi_value);
    fn napi_create_typedarray(env: napi_env, r#type: napi_typedarray_type, length: usize, arraybuffer: napi_value, byte_offset: usize, result: *mut napi_value);
    fn napi_create_buffer_copy(env: napi_env, length: usize, data: *const c_void, result_data: *mut *mut c_void, result: *mut napi_value);
    fn napi_create_range_error(env: napi_env, code: napi_value, msg: napi_value, result: *mut napi_value);
    fn napi_create_promise(env: napi_env, deferred: *mut napi_deferred, promise: *mut napi_value);
    fn napi_resolve_deferred(env: napi_env, deferred: napi_deferred, resolution: napi_value);
    fn napi_reject_deferred(env: napi_env, deferred: napi_deferred, rejection: napi_value);
    fn napi_create_async_work(env: napi_env, async_resource: napi_value, async_resource_name: napi_value, execute: napi_async_execute_callback, complete: napi_async_complete_callback, data: *mut c_void, result: *mut napi_async_work);
    fn napi_queue_async_work(env: napi_env, work: napi_async_work);
    fn napi_delete_async_work(env: napi_env, work: napi_async_work);
    fn napi_create_threadsafe_function(env: napi_env, func: napi_value, async_resource: napi_value, async_resource_name: napi_value, max_queue_size: usize, initial_thread_count: usize, thread_finalize_data: *mut c_void, thread_finalize_cb: napi_finalize, context: *mut c_void, call_js_cb: napi_threadsafe_function_call_js, result: *mut napi_threadsafe_function);
    fn napi_call_threadsafe_function(func: napi_threadsafe_function, data: *mut c_void, is_blocking: napi_threadsafe_function_call_mode);
    fn napi_release_threadsafe_function(func: napi_threadsafe_function, mode: napi_threadsafe_function_release_mode);
    fn napi_ref_threadsafe_function(env: napi_env, func: napi_threadsafe_function);
    fn napi_unref_threadsafe_function(env: napi_env, func: napi_threadsafe_function);
    fn napi_add_finalizer(env: napi_env, js_object: napi_value, finalize_data: *mut c_void, finalize_cb: napi_finalize, finalize_hint: *mut c_void, result: *mut napi_ref);
    fn napi_get_and_clear_last_exception(env: napi_env, result: *mut napi_value);
    fn napi_type_tag_object(env: napi_env, value: napi_value, type_tag: *const napi_type_tag);
    fn napi_check_object_type_tag(env: napi_env, value: napi_value, type_tag: *const napi_type_tag, result: *mut bool);
    fn napi_wrap(env: napi_env, js_object: napi_value, native_object: *mut c_void, finalize_cb: napi_finalize, finalize_hint: *mut c_void, result: *mut napi_ref);
    fn napi_unwrap(env: napi_env, js_object: napi_value, result: *mut *mut c_void);
    fn napi_open_handle_scope(env: napi_env, result: *mut napi_handle_scope);
    fn napi_close_handle_scope(env: napi_env, scope: napi_handle_scope);
    fn napi_get_global(env: napi_env, result: *mut napi_value);
    fn napi_coerce_to_string(env: napi_env, value: napi_value, result: *mut napi_value);
    fn napi_is_error(env: napi_env, value: napi_value, result: *mut bool);
    fn napi_adjust_external_memory(env: napi_env, change_in_bytes: i64, adjusted_value: *mut i64);
}

static FUNCTIONS: OnceLock<Result<Functions, String>> = OnceLock::new();

fn functions() -> &'static Functions {
    match FUNCTIONS.get() {
        Some(Ok(functions)) => functions,
        // Registration refuses to export anything when the lookup failed, so no caller
        // can reach this; a panic here is caught at the callback boundary.
        _ => panic!("Node-API functions used before a successful load"),
    }
}

/// Looks every function up in the host process. Idempotent; the first result sticks,
/// since the host process cannot change under a loaded addon.
pub fn load() -> Result<(), String> {
    let result = FUNCTIONS.get_or_init(|| {
        Functions::resolve(&crate::dl::host_symbol)
            .map_err(|name| format!("Node-API function `{name}` was not found in the host process"))
    });
    result.as_ref().map(|_| ()).map_err(Clone::clone)
}
