//! Promises settled from Rust.

use super::env::{Env, Value};
use super::error::{Error, Result};
use super::sys;

/// The resolving half of a Promise. Settling consumes it; Node frees it then.
pub struct Deferred(sys::napi_deferred);

impl Env {
    pub fn promise(self) -> Result<(Deferred, Value)> {
        let mut deferred = std::ptr::null_mut();
        // SAFETY: env is live; both out pointers are valid.
        let promise = self.make(|out| unsafe { sys::napi_create_promise(self.0, &mut deferred, out) })?;
        Ok((Deferred(deferred), promise))
    }
}

impl Deferred {
    pub fn resolve(self, env: Env, value: Value) -> Result<()> {
        // SAFETY: the deferred belongs to this env and is settled exactly once (self is moved).
        env.check(unsafe { sys::napi_resolve_deferred(env.0, self.0, value.0) })
    }

    pub fn reject(self, env: Env, value: Value) -> Result<()> {
        // SAFETY: as in resolve.
        env.check(unsafe { sys::napi_reject_deferred(env.0, self.0, value.0) })
    }

    /// Settles with the outcome of `outcome`: its value, or its error as the rejection.
    pub fn settle(self, env: Env, outcome: Result<Value>) -> Result<()> {
        match outcome {
            Ok(value) => self.resolve(env, value),
            Err(error) => {
                let rejection = match error {
                    Error::Pending => env.take_exception().map_or_else(|| env.undefined(), Ok)?,
                    Error::Throw(js) => env.error_value(&js)?,
                };
                self.reject(env, rejection)
            }
        }
    }
}
