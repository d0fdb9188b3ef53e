//! References that outlive a callback (`napi_ref`), finalizers on objects
//! (`napi_add_finalizer`), and handle scopes for work that creates many values.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::env::{Env, Value};
use super::error::Result;
use super::sys::{self, napi_env, napi_ref};

/// A reference to a JavaScript value. A strong one keeps the value alive; a weak one
/// (`napi_create_reference` with count 0) does not, and reads as `None` once the value is
/// collected. Deleted explicitly, on its environment's thread: it has no `Drop` because
/// deleting needs the environment.
#[derive(Debug)]
pub struct Reference(napi_ref);

impl Reference {
    pub fn delete(self, env: Env) {
        // SAFETY: the reference belongs to env and is deleted once (self is moved).
        unsafe { sys::napi_delete_reference(env.0, self.0) };
    }
}

/// What runs when an object given to [`Env::add_finalizer`] is collected, or its
/// environment ends: two words chosen by the caller, and no allocation per object.
pub trait WordFinalizer {
    fn finalize(env: Env, first: usize, second: usize);
}

impl Env {
    pub fn reference(self, value: Value, strong: bool) -> Result<Reference> {
        let mut reference = std::ptr::null_mut();
        // SAFETY: value is live in this callback; reference is an out pointer.
        self.check(unsafe { sys::napi_create_reference(self.0, value.0, strong as u32, &mut reference) })?;
        Ok(Reference(reference))
    }

    /// The referenced value, or `None` when a weak reference's value was collected.
    pub fn reference_value(self, reference: &Reference) -> Result<Option<Value>> {
        // SAFETY: the reference belongs to this env and is not deleted (it is borrowed).
        let value = self.make(|out| unsafe { sys::napi_get_reference_value(self.0, reference.0, out) })?;
        Ok((!value.0.is_null()).then_some(value))
    }

    /// Has `F::finalize(env, first, second)` called once `object` is collected or its
    /// environment ends. Node deletes the reference it makes for this itself.
    pub fn add_finalizer<F: WordFinalizer>(self, object: Value, first: usize, second: usize) -> Result<()> {
        // SAFETY: object is live; the two words are plain integers handed back as they are,
        // never dereferenced; no result reference is asked for, so Node owns the one it makes.
        self.check(unsafe {
            sys::napi_add_finalizer(
                self.0,
                object.0,
                first as *mut c_void,
                Some(finalize_words::<F>),
                second as *mut c_void,
                std::ptr::null_mut(),
            )
        })
    }

    /// Runs `f` in a handle scope of its own, so the values it creates are released when
    /// it returns (for work repeated inside one callback, such as .NET calling back into
    /// JavaScript in a loop).
    pub fn with_handle_scope<R>(self, f: impl FnOnce() -> R) -> Result<R> {
        let mut scope = std::ptr::null_mut();
        // SAFETY: env is live on this thread; scope is an out pointer.
        self.check(unsafe { sys::napi_open_handle_scope(self.0, &mut scope) })?;
        let result = f();
        // SAFETY: the scope was opened above and every value created in it is done with.
        unsafe { sys::napi_close_handle_scope(self.0, scope) };
        Ok(result)
    }

    pub fn global(self) -> Result<Value> {
        // SAFETY: env is live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_get_global(self.0, out) })
    }

    /// `String(value)`, as JavaScript would write it.
    pub fn to_display_string(self, value: Value) -> Result<String> {
        // SAFETY: value is live; the out pointer is valid.
        let text = self.make(|out| unsafe { sys::napi_coerce_to_string(self.0, value.0, out) })?;
        self.get_string(text, "value")
    }

    /// Tells V8 how much memory outside its heap its objects keep alive, so it collects
    /// them as soon as that memory matters rather than when its own heap fills.
    pub fn adjust_external_memory(self, change_in_bytes: i64) {
        let mut adjusted = 0;
        // SAFETY: env is live on this thread; adjusted is an out pointer.
        unsafe { sys::napi_adjust_external_memory(self.0, change_in_bytes, &mut adjusted) };
    }

    pub fn is_error(self, value: Value) -> Result<bool> {
        let mut result = false;
        // SAFETY: value is live; result is an out pointer.
        self.check(unsafe { sys::napi_is_error(self.0, value.0, &mut result) })?;
        Ok(result)
    }
}

unsafe extern "C" fn finalize_words<F: WordFinalizer>(env: napi_env, data: *mut c_void, hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        F::finalize(Env(env), data as usize, hint as usize)
    }));
}
