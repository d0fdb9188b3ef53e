//! Native functions exposed to JavaScript, and the one boundary where Rust errors and
//! panics become JavaScript exceptions.

use std::ffi::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use super::env::{Env, Value};
use super::error::{Error, JsError, Prop, Result};
use super::instance;
use super::sys::{self, napi_callback_info, napi_env, napi_value};

/// Typed calls pass up to 16 arguments; more are reported, not dropped.
const MAX_ARGS: usize = 17;

/// The signature of every native function: arguments in, one value or an error out.
pub type Callback = fn(Env, &CallInfo) -> Result<Value>;

pub struct CallInfo {
    args: [napi_value; MAX_ARGS],
    argc: usize,
    this: napi_value,
}

impl CallInfo {
    /// How many arguments JavaScript passed (may exceed what is readable).
    pub fn len(&self) -> usize {
        self.argc
    }

    pub fn is_empty(&self) -> bool {
        self.argc == 0
    }

    pub fn max_args() -> usize {
        MAX_ARGS
    }

    /// The receiver: the object a method was called on.
    pub fn this(&self) -> Value {
        Value(self.this)
    }

    /// The same call with its first argument as the receiver: how the TypeScript layer
    /// passes an instance member's object (a token, see bridge/objects.rs `Receivers`).
    /// Without arguments the receiver is `undefined`.
    pub fn receiver_first(&self, env: Env) -> Result<CallInfo> {
        let this = self.arg(env, 0)?.0;
        let mut args = [ptr::null_mut(); MAX_ARGS];
        let readable = self.argc.min(MAX_ARGS);
        if readable > 1 {
            args[..readable - 1].copy_from_slice(&self.args[1..readable]);
        }
        Ok(CallInfo {
            args,
            argc: self.argc.saturating_sub(1),
            this,
        })
    }

    /// The argument at `index`, or `undefined` when fewer were passed.
    pub fn arg(&self, env: Env, index: usize) -> Result<Value> {
        if index < self.argc.min(MAX_ARGS) {
            Ok(Value(self.args[index]))
        } else {
            env.undefined()
        }
    }
}

impl Env {
    pub fn function(self, name: &str, callback: Callback) -> Result<Value> {
        // SAFETY: the name pointer/length pair is valid UTF-8; a fn pointer fits in the
        // data pointer on every supported target and is read back in `trampoline`.
        self.make(|out| unsafe {
            sys::napi_create_function(
                self.0,
                name.as_ptr().cast::<c_char>(),
                name.len(),
                Some(trampoline),
                callback as *mut c_void,
                out,
            )
        })
    }

    /// Throws `error` as a JavaScript exception unless one is already pending.
    pub fn throw(self, error: Error) {
        let Error::Throw(error) = error else { return };
        if self.is_exception_pending() {
            return;
        }
        match self.error_value(&error) {
            // SAFETY: value is a live error object of this env.
            Ok(value) => unsafe {
                sys::napi_throw(self.0, value.0);
            },
            Err(_) if self.is_exception_pending() => {}
            Err(_) => {
                // Building the rich error failed; a plain one still reaches the caller.
                if let Ok(message) = self.string(&error.message) {
                    let mut plain = ptr::null_mut();
                    // SAFETY: message is live; plain is an out pointer.
                    unsafe {
                        if sys::napi_create_error(self.0, ptr::null_mut(), message.0, &mut plain)
                            == sys::napi_ok
                        {
                            sys::napi_throw(self.0, plain);
                        }
                    }
                }
            }
        }
    }

    /// The error object `error` describes, of its exported class when registered.
    pub fn error_value(self, error: &JsError) -> Result<Value> {
        let props = self.object()?;
        for (name, value) in &error.props {
            let value = match value {
                Prop::Str(text) => self.string(text)?,
                Prop::Num(number) => self.double(*number)?,
                Prop::Strings(items) => self.array(items.iter().map(|item| self.string(item)))?,
                Prop::Records(records) => self.array(records.iter().map(|record| {
                    let object = self.object()?;
                    for (key, text) in record {
                        self.set(object, key, self.string(text)?)?;
                    }
                    Ok(object)
                }))?,
            };
            self.set(props, name, value)?;
        }
        let class = self.string(error.class)?;
        let message = self.string(&error.message)?;
        if let Some(factory) = instance::error_factory(self)? {
            return self.call(factory, &[class, message, props]);
        }
        // No TypeScript layer registered (the addon used directly): a standard error
        // with the same properties.
        // SAFETY: message is live; the out pointer is valid.
        let plain = self.make(|out| unsafe {
            match error.class {
                "InvalidArgumentError" => {
                    sys::napi_create_type_error(self.0, ptr::null_mut(), message.0, out)
                }
                "ArgumentRangeError" => sys::napi_create_range_error(self.0, ptr::null_mut(), message.0, out),
                _ => sys::napi_create_error(self.0, ptr::null_mut(), message.0, out),
            }
        })?;
        self.set(plain, "errorClass", class)?;
        for (name, _) in &error.props {
            self.set(plain, name, self.get(props, name)?)?;
        }
        Ok(plain)
    }
}

/// A native function that carries its own Rust data, for functions made at run time
/// (one per bound .NET method): the data comes straight from the call, with no lookup.
pub type BoundCallback<T> = fn(Env, &CallInfo, &T) -> Result<Value>;

struct Bound<T> {
    callback: BoundCallback<T>,
    data: T,
}

impl Env {
    pub fn bound_function<T: 'static>(
        self,
        name: &str,
        data: T,
        callback: BoundCallback<T>,
    ) -> Result<Value> {
        let bound = Box::into_raw(Box::new(Bound { callback, data }));
        // SAFETY: bound stays alive until the function's finalizer frees it.
        let function = self.make(|out| unsafe {
            sys::napi_create_function(
                self.0,
                name.as_ptr().cast::<c_char>(),
                name.len(),
                Some(bound_trampoline::<T>),
                bound.cast(),
                out,
            )
        });
        let function = match function {
            Ok(function) => function,
            Err(error) => {
                // SAFETY: Node did not take the pointer.
                drop(unsafe { Box::from_raw(bound) });
                return Err(error);
            }
        };
        // SAFETY: ownership of bound moves to the finalizer, which runs once when the
        // function is collected or the environment ends.
        self.check(unsafe {
            sys::napi_add_finalizer(
                self.0,
                function.0,
                bound.cast(),
                Some(finalize_bound::<T>),
                ptr::null_mut(),
                ptr::null_mut(),
            )
        })?;
        Ok(function)
    }
}

unsafe extern "C" fn finalize_bound<T>(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: data is the Box leaked in `bound_function`, finalized once.
        drop(unsafe { Box::from_raw(data.cast::<Bound<T>>()) });
    }));
}

unsafe extern "C" fn bound_trampoline<T>(raw_env: napi_env, info: napi_callback_info) -> napi_value {
    let env = Env(raw_env);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut call = CallInfo::empty();
        let data = read_call(env, info, &mut call)?;
        // SAFETY: data is the Bound<T> of this function, alive while it can be called.
        let bound = unsafe { &*data.cast::<Bound<T>>() };
        (bound.callback)(env, &call, &bound.data)
    }));
    finish(env, outcome)
}

/// Reads a call's arguments into `call` (in place: a `CallInfo` is 150 bytes, and moving
/// it out of a function cost a `memcpy` on every call) and returns the data pointer its
/// function was created with.
fn read_call(env: Env, info: napi_callback_info, call: &mut CallInfo) -> Result<*mut c_void> {
    let mut data = ptr::null_mut();
    call.argc = MAX_ARGS;
    // SAFETY: args has room for argc values; Node writes at most argc of them.
    env.check(unsafe {
        sys::napi_get_cb_info(
            env.0,
            info,
            &mut call.argc,
            call.args.as_mut_ptr(),
            &mut call.this,
            &mut data,
        )
    })?;
    Ok(data)
}

impl CallInfo {
    fn empty() -> CallInfo {
        CallInfo {
            args: [ptr::null_mut(); MAX_ARGS],
            argc: 0,
            this: ptr::null_mut(),
        }
    }
}

fn finish(env: Env, outcome: std::thread::Result<Result<Value>>) -> napi_value {
    let error = match outcome {
        Ok(Ok(value)) => return value.0,
        Ok(Err(error)) => error,
        Err(payload) => JsError::new(
            "DotnetHostError",
            format!(
                "internal error in dotnet-host (please report it): {}",
                panic_message(payload.as_ref())
            ),
        )
        .into(),
    };
    // A panic while throwing must not unwind into Node either.
    let _ = catch_unwind(AssertUnwindSafe(|| env.throw(error)));
    ptr::null_mut()
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

unsafe extern "C" fn trampoline(raw_env: napi_env, info: napi_callback_info) -> napi_value {
    let env = Env(raw_env);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut call = CallInfo::empty();
        let data = read_call(env, info, &mut call)?;
        // SAFETY: data is the Callback stored by `Env::function`.
        let callback: Callback = unsafe { std::mem::transmute::<*mut c_void, Callback>(data) };
        callback(env, &call)
    }));
    finish(env, outcome)
}
