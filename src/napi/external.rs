//! Rust values owned by JavaScript objects (`napi_external`), tagged so that a value of
//! one kind can never be read as another.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::env::{Env, Value, ValueType};
use super::error::{JsError, Result};
use super::sys::{self, napi_env, napi_type_tag};

/// A unique tag per Rust type stored in externals.
pub struct TypeTag {
    pub tag: napi_type_tag,
    pub name: &'static str,
}

impl Env {
    /// Moves `value` into a new external; Node drops it when the object is collected or
    /// the environment ends.
    pub fn external<T: 'static>(self, value: T, tag: &'static TypeTag) -> Result<Value> {
        let data = Box::into_raw(Box::new(value));
        // SAFETY: ownership of data moves to Node, which passes it to `finalize::<T>` once.
        let created = self.make(|out| unsafe {
            sys::napi_create_external(
                self.0,
                data.cast(),
                Some(finalize::<T>),
                std::ptr::null_mut(),
                out,
            )
        });
        let external = match created {
            Ok(external) => external,
            Err(error) => {
                // SAFETY: Node did not take ownership.
                drop(unsafe { Box::from_raw(data) });
                return Err(error);
            }
        };
        // SAFETY: external is live; the tag is 'static.
        self.check(unsafe { sys::napi_type_tag_object(self.0, external.0, &tag.tag) })?;
        Ok(external)
    }

    /// Borrows the Rust value inside an external created with the same tag. The borrow
    /// lasts for the current callback, during which the argument keeps it alive.
    pub fn external_ref<'a, T: 'static>(self, value: Value, tag: &'static TypeTag) -> Result<&'a T> {
        let kind = self.type_of(value)?;
        let mut matches = false;
        if kind == ValueType::External {
            // SAFETY: value is live; the tag is 'static; matches is an out pointer.
            self.check(unsafe { sys::napi_check_object_type_tag(self.0, value.0, &tag.tag, &mut matches) })?;
        }
        if !matches {
            return Err(JsError::invalid_argument(format!("expected a native {} handle", tag.name)).into());
        }
        let mut data = std::ptr::null_mut();
        // SAFETY: value is an external; data is an out pointer.
        self.check(unsafe { sys::napi_get_value_external(self.0, value.0, &mut data) })?;
        // SAFETY: the tag proves data is the Box<T> leaked in `external`, alive while the
        // value is reachable, which it is for the duration of this callback.
        Ok(unsafe { &*data.cast::<T>() })
    }
}

unsafe extern "C" fn finalize<T>(_env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: data is the Box<T> leaked in `Env::external`; Node finalizes it once.
        drop(unsafe { Box::from_raw(data.cast::<T>()) });
    }));
}
