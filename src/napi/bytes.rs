//! Borrowing the memory behind Buffers, TypedArrays, DataViews and ArrayBuffers, and
//! copying into a Buffer.

use std::ffi::c_void;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::Arc;

use super::env::{Env, Value};
use super::error::{JsError, Result};
use super::sys;
use super::values::TypedArrayKind;

/// Memory owned by a JavaScript object, borrowed for the current callback without
/// copying. The object is an argument of the callback, so it cannot be collected (and
/// V8 never moves ArrayBuffer backing stores) while this exists.
pub struct Bytes<'scope> {
    data: *mut u8,
    len: usize,
    /// The `napi_typedarray_type` of a TypedArray (a Buffer is a Uint8Array), or `None`
    /// for a DataView or ArrayBuffer.
    pub typed_array: Option<sys::napi_typedarray_type>,
    _scope: PhantomData<&'scope mut [u8]>,
}

impl Bytes<'_> {
    pub fn as_mut_ptr(&self) -> *mut u8 {
        self.data
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn to_vec(&self) -> Vec<u8> {
        if self.len == 0 {
            return Vec::new();
        }
        // SAFETY: data points to len readable bytes for the borrow's lifetime.
        unsafe { std::slice::from_raw_parts(self.data, self.len) }.to_vec()
    }
}

fn element_size(kind: sys::napi_typedarray_type) -> usize {
    match kind {
        0..=2 => 1,
        3 | 4 | 11 => 2,
        5..=7 => 4,
        _ => 8,
    }
}

impl Env {
    fn is(
        self,
        value: Value,
        test: unsafe fn(sys::napi_env, sys::napi_value, *mut bool) -> i32,
    ) -> Result<bool> {
        let mut result = false;
        // SAFETY: value is live; result is an out pointer.
        self.check(unsafe { test(self.0, value.0, &mut result) })?;
        Ok(result)
    }

    /// Copies `length` bytes into `buffer`, a Buffer (or Uint8Array) of exactly that length;
    /// false, and nothing copied, for anything else.
    ///
    /// # Safety
    /// `data` must point to `length` readable bytes.
    pub unsafe fn copy_into_buffer_raw(self, buffer: Value, data: *const u8, length: usize) -> Result<bool> {
        if !self.is(buffer, sys::napi_is_buffer)? {
            return Ok(false);
        }
        let (mut target, mut target_length) = (ptr::null_mut(), 0);
        // SAFETY: buffer is a Buffer or Uint8Array; out pointers are valid.
        self.check(unsafe { sys::napi_get_buffer_info(self.0, buffer.0, &mut target, &mut target_length) })?;
        if target_length != length || target.is_null() {
            return Ok(false);
        }
        // SAFETY: the caller's `length` bytes at data; `target` holds `length` bytes, and no
        // JavaScript runs between reading its address and this copy.
        unsafe { ptr::copy_nonoverlapping(data, target.cast::<u8>(), length) };
        Ok(true)
    }

    /// The bytes of a Buffer, any TypedArray, a DataView or an ArrayBuffer.
    pub fn bytes<'scope>(self, value: Value, what: &str) -> Result<Bytes<'scope>> {
        let mut data: *mut std::ffi::c_void = ptr::null_mut();
        let mut len = 0usize;
        let mut typed_array = None;
        if self.is(value, sys::napi_is_typedarray)? {
            let mut kind = 0;
            let mut count = 0;
            // SAFETY: value is a TypedArray; all out pointers are valid or null.
            self.check(unsafe {
                sys::napi_get_typedarray_info(
                    self.0,
                    value.0,
                    &mut kind,
                    &mut count,
                    &mut data,
                    ptr::null_mut(),
                    ptr::null_mut(),
                )
            })?;
            len = count * element_size(kind);
            typed_array = Some(kind);
        } else if self.is(value, sys::napi_is_dataview)? {
            // SAFETY: value is a DataView; all out pointers are valid or null.
            self.check(unsafe {
                sys::napi_get_dataview_info(
                    self.0,
                    value.0,
                    &mut len,
                    &mut data,
                    ptr::null_mut(),
                    ptr::null_mut(),
                )
            })?;
        } else if self.is(value, sys::napi_is_arraybuffer)? {
            // SAFETY: value is an ArrayBuffer; out pointers are valid.
            self.check(unsafe { sys::napi_get_arraybuffer_info(self.0, value.0, &mut data, &mut len) })?;
        } else if self.is(value, sys::napi_is_buffer)? {
            // SAFETY: value is a Buffer; out pointers are valid.
            self.check(unsafe { sys::napi_get_buffer_info(self.0, value.0, &mut data, &mut len) })?;
        } else {
            return Err(JsError::invalid_argument(format!(
                "{what} must be a Buffer, TypedArray, DataView or ArrayBuffer, got {}",
                self.type_of(value)?.name()
            ))
            .into());
        }
        Ok(Bytes {
            data: if len == 0 { ptr::null_mut() } else { data.cast() },
            len,
            typed_array,
            _scope: PhantomData,
        })
    }
}

/// An integer the addon posts for JavaScript to read without a call: an `Int32Array` of
/// one element over memory the addon and V8 share. Each owns a count of it (V8's goes with
/// the ArrayBuffer's finalizer), so a post is one store, and neither side can see it
/// freed, whatever JavaScript does with the buffer (detaching it included).
pub struct Mailbox(Arc<AtomicI32>);

/// The ArrayBuffer's finalizer: V8's count of the shared memory goes.
unsafe extern "C" fn release_shared(_env: sys::napi_env, _data: *mut c_void, hint: *mut c_void) {
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: `hint` is the count `Arc::into_raw` gave V8 in `mailbox`, taken back once
        // (V8 calls a buffer's finalizer once).
        drop(unsafe { Arc::from_raw(hint.cast_const().cast::<AtomicI32>()) });
    }));
}

impl Env {
    /// A new mailbox and the `Int32Array` JavaScript reads it through, or `None` where the
    /// runtime refuses external ArrayBuffers (Node-API allows runtimes other than Node to).
    pub fn mailbox(self) -> Result<Option<(Mailbox, Value)>> {
        let cell = Arc::new(AtomicI32::new(0));
        let data = cell.as_ptr().cast::<c_void>();
        let hint = Arc::into_raw(cell.clone()).cast_mut().cast::<c_void>();
        let mut buffer = ptr::null_mut();
        // SAFETY: `data` is 4 bytes that stay allocated while `hint`'s count lives, which the
        // finalizer gives back when V8 is done with the buffer; env is live; out pointer.
        let status = unsafe {
            sys::napi_create_external_arraybuffer(
                self.0,
                data,
                size_of::<i32>(),
                Some(release_shared),
                hint,
                &mut buffer,
            )
        };
        // On failure V8's count is left as it is, four bytes once per environment at most:
        // Node may already have called the finalizer (its Buffer code frees what it was
        // given when it cannot make the Buffer), and giving the count back here too would
        // free the memory twice.
        if status == sys::napi_no_external_buffers_allowed {
            return Ok(None);
        }
        self.check(status)?;
        // SAFETY: `buffer` is a live ArrayBuffer of 4 bytes: one Int32 element at offset 0.
        let view = self.make(|out| unsafe {
            sys::napi_create_typedarray(
                self.0,
                TypedArrayKind::Int32 as sys::napi_typedarray_type,
                1,
                buffer,
                0,
                out,
            )
        })?;
        Ok(Some((Mailbox(cell), view)))
    }
}

impl Mailbox {
    /// Writes `value` where the mailbox's `Int32Array` reads it.
    pub fn post(&self, value: i32) {
        self.0.store(value, Ordering::Relaxed);
    }
}
