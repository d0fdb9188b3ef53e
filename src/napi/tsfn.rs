//! Delivering values from any thread to the JavaScript thread (`napi_threadsafe_function`).

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::env::Env;
use super::error::Result;
use super::sys::{self, napi_env, napi_value};

/// Receives each delivered item on the JavaScript thread; `None` env means the environment
/// is shutting down and the item must only be released.
pub type Handler<T> = fn(Option<Env>, Box<T>);

/// A queue into one environment's JavaScript thread. Cheap to copy; safe to call from any
/// thread until released.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadsafeFunction(sys::napi_threadsafe_function);

// SAFETY: Node-API documents napi_call_threadsafe_function (and release) as callable from
// any thread; the handle is an opaque token.
unsafe impl Send for ThreadsafeFunction {}
// SAFETY: as above.
unsafe impl Sync for ThreadsafeFunction {}

impl ThreadsafeFunction {
    pub fn new<T: Send + 'static>(env: Env, name: &str, handler: Handler<T>) -> Result<ThreadsafeFunction> {
        let name = env.string(name)?;
        let mut raw = std::ptr::null_mut();
        // SAFETY: the handler fn pointer is 'static and passed as context; no JS function
        // is needed because call_js does the work.
        env.check(unsafe {
            sys::napi_create_threadsafe_function(
                env.0,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                name.0,
                0,
                1,
                std::ptr::null_mut(),
                None,
                handler as *mut c_void,
                Some(call_js::<T>),
                &mut raw,
            )
        })?;
        Ok(ThreadsafeFunction(raw))
    }

    /// Queues `item`; gives it back when the function is closing.
    pub fn call<T>(self, item: Box<T>) -> std::result::Result<(), Box<T>> {
        let raw = Box::into_raw(item);
        // SAFETY: the function is not released (the caller's contract, enforced by the
        // owner's bookkeeping); ownership of raw moves to call_js on success.
        let status =
            unsafe { sys::napi_call_threadsafe_function(self.0, raw.cast(), sys::napi_tsfn_nonblocking) };
        if status == sys::napi_ok {
            Ok(())
        } else {
            // SAFETY: Node did not take the item.
            Err(unsafe { Box::from_raw(raw) })
        }
    }

    /// Whether a pending item keeps the event loop alive.
    pub fn set_ref(self, env: Env, keep_alive: bool) -> Result<()> {
        // SAFETY: called on the owning JavaScript thread with a live function.
        env.check(unsafe {
            if keep_alive {
                sys::napi_ref_threadsafe_function(env.0, self.0)
            } else {
                sys::napi_unref_threadsafe_function(env.0, self.0)
            }
        })
    }

    /// Releases it; no call may follow.
    pub fn release(self) {
        // SAFETY: the owner releases once and stops calling it first.
        unsafe { sys::napi_release_threadsafe_function(self.0, sys::napi_tsfn_release) };
    }
}

unsafe extern "C" fn call_js<T>(
    raw_env: napi_env,
    _callback: napi_value,
    context: *mut c_void,
    data: *mut c_void,
) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: context is the Handler<T> given to `new`; data is a Box<T> from `call`.
        let (handler, item) = unsafe {
            (
                std::mem::transmute::<*mut c_void, Handler<T>>(context),
                Box::from_raw(data.cast::<T>()),
            )
        };
        let env = (!raw_env.is_null()).then_some(Env(raw_env));
        handler(env, item);
    }));
}
