//! Per-environment state. Node calls the register function once per environment (the
//! main thread and every worker), and each gets its own [`Instance`].

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::rc::{Rc, Weak};

use super::env::{Env, Value};
use super::error::Result;
use super::sys::{self, napi_env, napi_ref};

/// Something that must be released when its environment shuts down (a worker exits or
/// the main thread ends), even if JavaScript never dropped it.
pub trait EnvCleanup {
    fn cleanup(&self);
}

struct Instance {
    error_factory: Cell<napi_ref>,
    cleanups: RefCell<Vec<Weak<dyn EnvCleanup>>>,
    /// Cleanups the environment owns outright (not tied to a JavaScript object).
    owned: RefCell<Vec<Rc<dyn EnvCleanup>>>,
}

fn instance(env: Env) -> Result<Option<&'static Instance>> {
    let mut data = ptr::null_mut();
    // SAFETY: env is live; data is an out pointer.
    env.check(unsafe { sys::napi_get_instance_data(env.0, &mut data) })?;
    // SAFETY: the only instance data this addon sets is a leaked `Instance`, freed by
    // the environment's own finalizer after every callback has finished.
    Ok(unsafe { data.cast::<Instance>().as_ref() })
}

/// Creates this environment's state and the teardown hook that runs its cleanups.
pub(crate) fn install_instance(env: Env) -> Result<()> {
    let state = Box::into_raw(Box::new(Instance {
        error_factory: Cell::new(ptr::null_mut()),
        cleanups: RefCell::new(Vec::new()),
        owned: RefCell::new(Vec::new()),
    }));
    // SAFETY: state is a fresh heap pointer whose ownership moves to Node, which hands
    // it back to `finalize_instance` exactly once.
    let status =
        unsafe { sys::napi_set_instance_data(env.0, state.cast(), Some(finalize_instance), ptr::null_mut()) };
    if let Err(error) = env.check(status) {
        // SAFETY: Node did not take ownership; reclaim it.
        drop(unsafe { Box::from_raw(state) });
        return Err(error);
    }
    // The cookie is the Instance itself: unique per environment, as Node requires.
    // SAFETY: the hook and cookie stay valid until the instance finalizer, which Node
    // runs after the cleanup hooks.
    env.check(unsafe { sys::napi_add_env_cleanup_hook(env.0, Some(run_cleanups), state.cast()) })
}

unsafe extern "C" fn run_cleanups(arg: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: arg is the Instance registered in `install_instance`, still alive.
        let state = unsafe { &*arg.cast::<Instance>() };
        let pending: Vec<_> = state.cleanups.borrow_mut().drain(..).collect();
        for cleanup in pending.iter().filter_map(Weak::upgrade) {
            cleanup.cleanup();
        }
        let owned: Vec<_> = state.owned.borrow_mut().drain(..).collect();
        for cleanup in owned {
            cleanup.cleanup();
        }
    }));
}

unsafe extern "C" fn finalize_instance(env: napi_env, data: *mut c_void, _hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: data is the Box leaked in `install_instance`; Node finalizes it once.
        let state = unsafe { Box::from_raw(data.cast::<Instance>()) };
        let factory = state.error_factory.get();
        if !factory.is_null() {
            // SAFETY: the reference belongs to this env, which is still valid here.
            unsafe { sys::napi_delete_reference(env, factory) };
        }
    }));
}

/// Remembers the JavaScript function that builds error objects of the exported classes.
pub(crate) fn set_error_factory(env: Env, factory: Value) -> Result<()> {
    let Some(state) = instance(env)? else {
        return Ok(());
    };
    let mut reference = ptr::null_mut();
    // SAFETY: factory is live; the reference keeps it alive until deleted.
    env.check(unsafe { sys::napi_create_reference(env.0, factory.0, 1, &mut reference) })?;
    let previous = state.error_factory.replace(reference);
    if !previous.is_null() {
        // SAFETY: previous was created by this function for this env.
        env.check(unsafe { sys::napi_delete_reference(env.0, previous) })?;
    }
    Ok(())
}

pub(super) fn error_factory(env: Env) -> Result<Option<Value>> {
    let Some(state) = instance(env)? else {
        return Ok(None);
    };
    let reference = state.error_factory.get();
    if reference.is_null() {
        return Ok(None);
    }
    // SAFETY: reference is a live strong reference of this env.
    let value = env.make(|out| unsafe { sys::napi_get_reference_value(env.0, reference, out) })?;
    Ok(Some(value))
}

/// Runs `cleanup` at environment teardown if it is still alive then.
pub(crate) fn register_cleanup(env: Env, cleanup: &Rc<dyn EnvCleanup>) -> Result<()> {
    if let Some(state) = instance(env)? {
        let mut cleanups = state.cleanups.borrow_mut();
        cleanups.retain(|weak| weak.strong_count() > 0);
        cleanups.push(Rc::downgrade(cleanup));
    }
    Ok(())
}

/// Runs `cleanup` at environment teardown; the environment keeps it alive until then.
pub(crate) fn own_cleanup(env: Env, cleanup: Rc<dyn EnvCleanup>) -> Result<()> {
    if let Some(state) = instance(env)? {
        state.owned.borrow_mut().push(cleanup);
    }
    Ok(())
}
