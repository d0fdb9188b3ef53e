//! JavaScript objects that own a Rust value (`napi_wrap`), references that outlive a
//! callback (`napi_ref`), and handle scopes for work that creates many values.

use std::cell::RefCell;
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::env::{Env, Value};
use super::error::Result;
use super::external::TypeTag;
use super::sys::{self, napi_env, napi_ref};
use crate::ids::ById;

thread_local! {
    /// What `wrap` put in objects on this thread and Node has not finalized yet: the
    /// `Wrapped<T>` address, and the tag it was wrapped under. `napi_wrap`'s slot is shared
    /// by every addon in the isolate, so `unwrap` uses an address only once it is found
    /// here. (Tagging the object instead, `napi_type_tag_object`, stored a BigInt under a
    /// second private symbol: about 8 % of a construction's time.)
    static WRAPPED: RefCell<ById<usize, &'static TypeTag>> = RefCell::new(ById::default());
}

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

/// Called with the wrapped value when its object is collected or its environment ends.
pub type Finalizer<T> = fn(Env, Box<T>);

struct Wrapped<T> {
    value: T,
    finalize: Finalizer<T>,
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

    /// Makes `object` own `value`, found again by `unwrap` under `tag`; `finalize` gets it
    /// back once.
    pub fn wrap<T: 'static>(
        self,
        object: Value,
        value: T,
        tag: &'static TypeTag,
        finalize: Finalizer<T>,
    ) -> Result<()> {
        self.wrap_with(object, value, tag, finalize, None)
    }

    /// [`Env::wrap`], also giving the weak reference `napi_wrap` makes for the object: one
    /// reference per object, where a separate `napi_create_reference` would be a second.
    /// It must be deleted only once `finalize` has the value (Node's documented order; on
    /// older Node versions deleting it earlier kept the finalizer from ever running), so
    /// `value` cannot hold it: `slot` is where it goes, and the finalizer takes it from there.
    pub fn wrap_referenced<T: 'static>(
        self,
        object: Value,
        value: T,
        tag: &'static TypeTag,
        finalize: Finalizer<T>,
        slot: &std::cell::OnceCell<Reference>,
    ) -> Result<()> {
        self.wrap_with(object, value, tag, finalize, Some(slot))
    }

    fn wrap_with<T: 'static>(
        self,
        object: Value,
        value: T,
        tag: &'static TypeTag,
        finalize: Finalizer<T>,
        slot: Option<&std::cell::OnceCell<Reference>>,
    ) -> Result<()> {
        let data = Box::into_raw(Box::new(Wrapped { value, finalize }));
        let mut reference = std::ptr::null_mut();
        // SAFETY: ownership of data moves to the object; Node hands it to `finalize_wrapped`
        // once, when the object is collected or the environment ends. `reference` is an out
        // pointer, asked for only when there is a slot to keep it.
        let status = unsafe {
            sys::napi_wrap(
                self.0,
                object.0,
                data.cast(),
                Some(finalize_wrapped::<T>),
                std::ptr::null_mut(),
                if slot.is_some() {
                    &mut reference
                } else {
                    std::ptr::null_mut()
                },
            )
        };
        if let Err(error) = self.check(status) {
            // SAFETY: Node did not take ownership.
            drop(unsafe { Box::from_raw(data) });
            return Err(error);
        }
        WRAPPED.with(|wrapped| wrapped.borrow_mut().insert(data as usize, tag));
        if let Some(slot) = slot {
            // A fresh cell: the caller made it for this object.
            let _ = slot.set(Reference(reference));
        }
        Ok(())
    }

    /// The value wrapped in `object` under `tag`, or `None` for any other value. The borrow
    /// lasts for the current callback, in which `object` (an argument or receiver) is alive.
    pub fn unwrap<'a, T: 'static>(self, object: Value, tag: &'static TypeTag) -> Result<Option<&'a T>> {
        let mut data = std::ptr::null_mut();
        // SAFETY: object is live; data is an out pointer.
        let status = unsafe { sys::napi_unwrap(self.0, object.0, &mut data) };
        // Not an object, or nothing wrapped in it.
        if status == sys::napi_invalid_arg {
            return Ok(None);
        }
        self.check(status)?;
        let ours = WRAPPED.with(|wrapped| {
            wrapped
                .borrow()
                .get(&(data as usize))
                .is_some_and(|found| std::ptr::eq(*found, tag))
        });
        if !ours {
            return Ok(None);
        }
        // SAFETY: `wrap` made data a Wrapped<T> under this tag (tags are per type), and it is
        // not finalized (its entry would be gone): alive while the object is reachable.
        Ok(Some(unsafe { &(*data.cast::<Wrapped<T>>()).value }))
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

unsafe extern "C" fn finalize_wrapped<T>(env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // Gone before it is freed: no `unwrap` may find it after this. (At a thread's end the
        // table may already be destroyed; nothing can unwrap then either.)
        let _ = WRAPPED.try_with(|wrapped| wrapped.borrow_mut().remove(&(data as usize)));
        // SAFETY: data is the Box leaked in `wrap`; Node finalizes it once.
        let wrapped = unsafe { Box::from_raw(data.cast::<Wrapped<T>>()) };
        let Wrapped { value, finalize } = *wrapped;
        finalize(Env(env), Box::new(value));
    }));
}
