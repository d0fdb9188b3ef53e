//! Reading and creating the values typed calls exchange: UTF-16 strings, numbers, bigints,
//! dates and typed arrays.

use std::ffi::c_void;
use std::mem::MaybeUninit;
use std::ptr;

use super::env::{Env, Value};
use super::error::{JsError, Prop, Result};
use super::sys;

/// The element type of a TypedArray to create (`napi_typedarray_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedArrayKind {
    Int8 = 0,
    Uint8 = 1,
    Int16 = 3,
    Uint16 = 4,
    Int32 = 5,
    Uint32 = 6,
    Float32 = 7,
    Float64 = 8,
    BigInt64 = 9,
    BigUint64 = 10,
}

/// V8's limit on a string's length on 64-bit platforms (`v8::String::kMaxLength`,
/// 2^29 - 24): beyond it Node-API only says "invalid argument".
pub const MAX_STRING_LENGTH: usize = (1 << 29) - 24;

impl Env {
    /// The number, or `None` when the value is not a number (one Node-API call).
    pub fn try_double(self, value: Value) -> Result<Option<f64>> {
        let mut result = 0.0;
        // SAFETY: value is live; result is an out pointer.
        let status = unsafe { sys::napi_get_value_double(self.0, value.0, &mut result) };
        if status == sys::napi_number_expected {
            return Ok(None);
        }
        self.check(status)?;
        Ok(Some(result))
    }

    /// A bigint as i64 and whether that was lossless, or `None` for a non-bigint.
    pub fn try_bigint_i64(self, value: Value) -> Result<Option<(i64, bool)>> {
        let (mut result, mut lossless) = (0i64, false);
        // SAFETY: value is live; out pointers are valid.
        let status = unsafe { sys::napi_get_value_bigint_int64(self.0, value.0, &mut result, &mut lossless) };
        if status == sys::napi_bigint_expected {
            return Ok(None);
        }
        self.check(status)?;
        Ok(Some((result, lossless)))
    }

    pub fn try_bigint_u64(self, value: Value) -> Result<Option<(u64, bool)>> {
        let (mut result, mut lossless) = (0u64, false);
        // SAFETY: value is live; out pointers are valid.
        let status =
            unsafe { sys::napi_get_value_bigint_uint64(self.0, value.0, &mut result, &mut lossless) };
        if status == sys::napi_bigint_expected {
            return Ok(None);
        }
        self.check(status)?;
        Ok(Some((result, lossless)))
    }

    /// A bigint's sign and 64-bit words (least significant first) if it has at most
    /// `max_words` (more are not copied: a bigint may have a billion bits), or `None` for a
    /// non-bigint.
    pub fn try_bigint_words(self, value: Value, max_words: usize) -> Result<Option<BigIntWords>> {
        let mut count = 0usize;
        // SAFETY: value is live; null sign and words pointers ask for the count (Node checks
        // both for null before it writes either).
        let status = unsafe {
            sys::napi_get_value_bigint_words(self.0, value.0, ptr::null_mut(), &mut count, ptr::null_mut())
        };
        if status == sys::napi_bigint_expected {
            return Ok(None);
        }
        self.check(status)?;
        if count > max_words {
            return Ok(Some(BigIntWords::TooMany));
        }
        let (mut sign, mut words) = (0, vec![0u64; count]);
        // SAFETY: words has room for `count` words, as passed.
        self.check(unsafe {
            sys::napi_get_value_bigint_words(self.0, value.0, &mut sign, &mut count, words.as_mut_ptr())
        })?;
        words.truncate(count);
        Ok(Some(BigIntWords::Words(sign != 0, words)))
    }

    pub fn bigint_i64(self, value: i64) -> Result<Value> {
        // SAFETY: env is live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_create_bigint_int64(self.0, value, out) })
    }

    /// A string's UTF-16 code units, lone surrogates included.
    pub fn get_string_utf16(self, value: Value) -> Result<Vec<u16>> {
        let mut length = 0;
        // SAFETY: a null buffer asks for the length in code units.
        self.check(unsafe {
            sys::napi_get_value_string_utf16(self.0, value.0, ptr::null_mut(), 0, &mut length)
        })?;
        // Not zeroed first: Node writes the units (and a terminator) before any is read.
        let mut units: Vec<u16> = Vec::with_capacity(length + 1);
        let mut written = 0;
        // SAFETY: units has capacity for length + 1 code units, as passed.
        self.check(unsafe {
            sys::napi_get_value_string_utf16(self.0, value.0, units.as_mut_ptr(), length + 1, &mut written)
        })?;
        // SAFETY: Node wrote `written` (at most `length`) units from the start.
        unsafe { units.set_len(written.min(length)) };
        Ok(units)
    }

    /// A string's UTF-16 code units, lone surrogates included, into `room` if all of them
    /// fit beside Node's terminator, in one Node-API call: their count, else `None` (what was
    /// written is then not the whole string, or `value` is no string).
    pub fn read_string_utf16_into(
        self,
        value: Value,
        room: &mut [MaybeUninit<u16>],
    ) -> Result<Option<usize>> {
        if room.len() < 2 {
            return Ok(None);
        }
        let mut written = 0;
        // SAFETY: room has room.len() writable code units, as passed.
        let status = unsafe {
            sys::napi_get_value_string_utf16(
                self.0,
                value.0,
                room.as_mut_ptr().cast(),
                room.len(),
                &mut written,
            )
        };
        if status == sys::napi_string_expected {
            return Ok(None);
        }
        self.check(status)?;
        Ok((written < room.len() - 1).then_some(written))
    }

    /// A JavaScript string from UTF-16 code units.
    ///
    /// # Safety
    /// `units` must point to `length` readable code units for the duration of the call.
    pub unsafe fn string_utf16_raw(self, units: *const u16, length: usize) -> Result<Value> {
        check_string_length(length)?;
        // SAFETY: forwarded from the caller.
        self.make(|out| unsafe { sys::napi_create_string_utf16(self.0, units, length, out) })
    }

    /// A JavaScript string from Latin-1 bytes (one character each). V8 copies them into a
    /// one-byte string as they are, where from UTF-16 it first scans every unit for one.
    ///
    /// # Safety
    /// `bytes` must point to `length` readable bytes for the duration of the call.
    pub unsafe fn string_latin1_raw(self, bytes: *const u8, length: usize) -> Result<Value> {
        check_string_length(length)?;
        // SAFETY: forwarded from the caller.
        self.make(|out| unsafe { sys::napi_create_string_latin1(self.0, bytes.cast(), length, out) })
    }

    pub fn is_date(self, value: Value) -> Result<bool> {
        let mut result = false;
        // SAFETY: value is live; result is an out pointer.
        self.check(unsafe { sys::napi_is_date(self.0, value.0, &mut result) })?;
        Ok(result)
    }

    pub fn date_value(self, value: Value) -> Result<f64> {
        let mut result = 0.0;
        // SAFETY: value is a Date (checked by the caller); result is an out pointer.
        self.check(unsafe { sys::napi_get_date_value(self.0, value.0, &mut result) })?;
        Ok(result)
    }

    pub fn date(self, milliseconds: f64) -> Result<Value> {
        // SAFETY: env is live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_create_date(self.0, milliseconds, out) })
    }

    /// A Buffer holding a copy of `length` bytes at `data`.
    ///
    /// # Safety
    /// `data` must point to `length` readable bytes.
    pub unsafe fn buffer_copy_raw(self, data: *const u8, length: usize) -> Result<Value> {
        let mut copied = ptr::null_mut();
        // SAFETY: forwarded from the caller; copied is an out pointer.
        self.make(|out| unsafe {
            sys::napi_create_buffer_copy(self.0, length, data.cast(), &mut copied, out)
        })
    }

    /// A TypedArray over a new ArrayBuffer holding a copy of `byte_length` bytes.
    ///
    /// # Safety
    /// `data` must point to `byte_length` readable bytes, a multiple of the element size.
    pub unsafe fn typed_array_copy_raw(
        self,
        kind: TypedArrayKind,
        element_size: usize,
        data: *const u8,
        byte_length: usize,
    ) -> Result<Value> {
        let mut backing: *mut c_void = ptr::null_mut();
        // SAFETY: env is live; backing and the out pointer are valid.
        let buffer =
            self.make(|out| unsafe { sys::napi_create_arraybuffer(self.0, byte_length, &mut backing, out) })?;
        if byte_length > 0 {
            // SAFETY: backing has byte_length writable bytes; data has as many readable.
            unsafe { ptr::copy_nonoverlapping(data, backing.cast::<u8>(), byte_length) };
        }
        let length = byte_length / element_size;
        // SAFETY: buffer is a live ArrayBuffer of byte_length bytes.
        self.make(|out| unsafe { sys::napi_create_typedarray(self.0, kind as i32, length, buffer.0, 0, out) })
    }

    /// The pending exception, cleared, if there is one.
    pub fn take_exception(self) -> Option<Value> {
        if !self.is_exception_pending() {
            return None;
        }
        // SAFETY: an exception is pending; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_get_and_clear_last_exception(self.0, out) })
            .ok()
    }
}

/// A string longer than V8's limit is an error that says so (Node-API would only fail).
fn check_string_length(length: usize) -> Result<()> {
    if length > MAX_STRING_LENGTH {
        return Err(JsError::new(
            "RangeError",
            format!(
                "a string of {length} characters is longer than a JavaScript string can be ({MAX_STRING_LENGTH})"
            ),
        )
        .prop("code", Prop::Str("StringTooLong".into()))
        .into());
    }
    Ok(())
}

/// A bigint's words, or that it has more than were asked for (`Env::try_bigint_words`).
pub enum BigIntWords {
    /// Its sign (true: negative) and words, least significant first.
    Words(bool, Vec<u64>),
    TooMany,
}
