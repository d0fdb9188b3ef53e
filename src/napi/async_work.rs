//! Running Rust work on the libuv thread pool and settling a Promise with the result.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::env::{Env, Value};
use super::error::{JsError, Result};
use super::promise::Deferred;
use super::sys::{self, napi_env, napi_status};

type Complete<T> = Box<dyn FnOnce(Env, T) -> Result<Value>>;

struct Work<T> {
    run: Option<Box<dyn FnOnce() -> T + Send>>,
    result: Option<std::thread::Result<T>>,
    complete: Option<Complete<T>>,
    deferred: Option<Deferred>,
    handle: sys::napi_async_work,
}

impl Env {
    /// Runs `run` on a pool thread, then `complete` with its result back on this thread;
    /// returns a Promise of what `complete` returns. `run` must not touch JavaScript.
    pub fn run_async<T: Send + 'static>(
        self,
        name: &str,
        run: impl FnOnce() -> T + Send + 'static,
        complete: impl FnOnce(Env, T) -> Result<Value> + 'static,
    ) -> Result<Value> {
        let (deferred, promise) = self.promise()?;
        let work = Box::into_raw(Box::new(Work::<T> {
            run: Some(Box::new(run)),
            result: None,
            complete: Some(Box::new(complete)),
            deferred: Some(deferred),
            handle: std::ptr::null_mut(),
        }));
        let name = self.string(name)?;
        // SAFETY: work stays alive until `complete_work` reclaims it; Node calls both
        // callbacks with it exactly once.
        let created = self.check(unsafe {
            sys::napi_create_async_work(
                self.0,
                std::ptr::null_mut(),
                name.0,
                Some(execute_work::<T>),
                Some(complete_work::<T>),
                work.cast(),
                &mut (*work).handle,
            )
        });
        // SAFETY: on success the handle is live and queued once.
        let queued =
            created.and_then(|()| self.check(unsafe { sys::napi_queue_async_work(self.0, (*work).handle) }));
        if let Err(error) = queued {
            // SAFETY: Node holds no reference to a work item it failed to create or queue.
            let work = unsafe { Box::from_raw(work) };
            if !work.handle.is_null() {
                // SAFETY: the handle was created and never queued.
                unsafe { sys::napi_delete_async_work(self.0, work.handle) };
            }
            return Err(error);
        }
        Ok(promise)
    }
}

unsafe extern "C" fn execute_work<T>(_env: napi_env, data: *mut c_void) {
    // SAFETY: data is the Work<T> from `run_async`; only this callback touches it now.
    let work = unsafe { &mut *data.cast::<Work<T>>() };
    if let Some(run) = work.run.take() {
        work.result = Some(catch_unwind(AssertUnwindSafe(run)));
    }
}

unsafe extern "C" fn complete_work<T>(raw_env: napi_env, _status: napi_status, data: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: data is the Work<T> from `run_async`, reclaimed exactly once here.
        let mut work = unsafe { Box::from_raw(data.cast::<Work<T>>()) };
        let env = Env(raw_env);
        // SAFETY: the work item finished and is deleted once.
        unsafe { sys::napi_delete_async_work(raw_env, work.handle) };
        let (Some(deferred), Some(complete)) = (work.deferred.take(), work.complete.take()) else {
            return;
        };
        let outcome = match work.result.take() {
            Some(Ok(result)) => complete(env, result),
            // Cancelled before it ran, or it panicked: reject rather than hang.
            _ => Err(JsError::new(
                "DotnetHostError",
                "internal error: the asynchronous call did not run",
            )
            .into()),
        };
        let _ = deferred.settle(env, outcome);
    }));
}
