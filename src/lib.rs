//! dotnet-host: a Node-API addon that hosts .NET through hostfxr.
//!
//! Layers, bottom up (each may use only those below it; see docs/architecture.md):
//! `dl` (dynamic libraries) · `napi` (Node-API bindings) · `hostfxr` (discovery,
//! bindings, status codes) · `host` (contexts, properties, delegates) · `managed`
//! (calling function pointers) · `bridge` (typed calls through the managed bridge) ·
//! `js` (what JavaScript sees). `numbers` (checked number conversions), `ids` (hash maps
//! keyed by the crate's own ids) and `error` sit beside them, used by several layers.
#![deny(unsafe_op_in_unsafe_fn)]
// The written rules for unsafe code (every block says why it is sound, every unsafe fn
// says what its caller must uphold), enforced rather than reviewed.
#![deny(clippy::undocumented_unsafe_blocks, clippy::missing_safety_doc)]

pub mod bridge;
pub mod dl;
pub mod error;
pub mod host;
pub mod hostfxr;
pub mod ids;
mod js;
pub mod managed;
pub mod napi;
pub mod numbers;

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Node calls this once per environment (main thread and each worker).
///
/// # Safety
/// Called by Node with a live environment and its exports object.
#[no_mangle]
pub unsafe extern "C" fn napi_register_module_v1(
    env: napi::sys::napi_env,
    exports: napi::sys::napi_value,
) -> napi::sys::napi_value {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if let Err(message) = napi::sys::load() {
            // Without Node-API there is no way to report anything but through stderr
            // and a null return, which Node turns into a load error.
            eprintln!("dotnet-host: {message}");
            return std::ptr::null_mut();
        }
        let env = napi::Env::from_raw(env);
        let exports_value = napi::Value::from_raw(exports);
        match js::register(env, exports_value) {
            Ok(()) => exports,
            Err(error) => {
                env.throw(error);
                std::ptr::null_mut()
            }
        }
    }));
    outcome.unwrap_or(std::ptr::null_mut())
}

/// Opts into Node-API 8 (type tags, cleanup hooks), present since Node 12.22/14.17.
#[no_mangle]
pub extern "C" fn node_api_module_get_api_version_v1() -> i32 {
    8
}
