use std::ffi::{c_char, CString};
use std::ptr;

use super::error::{Error, JsError, Result};
use super::sys::{self, napi_env, napi_status, napi_value};

/// The Node-API environment of the current call. Only valid on the thread and during
/// the callback it was handed to.
#[derive(Clone, Copy)]
pub struct Env(pub(super) napi_env);

/// A JavaScript value, valid in the handle scope of the current callback. Transparent, so a
/// slice of values is an array of `napi_value`s as Node-API takes them.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Value(pub(super) napi_value);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    Undefined,
    Null,
    Boolean,
    Number,
    String,
    Object,
    Function,
    External,
    BigInt,
    Symbol,
}

impl ValueType {
    pub fn name(self) -> &'static str {
        match self {
            ValueType::Undefined => "undefined",
            ValueType::Null => "null",
            ValueType::Boolean => "boolean",
            ValueType::Number => "number",
            ValueType::String => "string",
            ValueType::Object => "object",
            ValueType::Function => "function",
            ValueType::External => "external",
            ValueType::BigInt => "bigint",
            ValueType::Symbol => "symbol",
        }
    }
}

fn c_name(name: &str) -> Result<CString> {
    CString::new(name).map_err(|_| JsError::invalid_argument("names must not contain NUL").into())
}

impl Env {
    /// Turns a Node-API status into a Rust error: an exception Node already raised is
    /// kept, anything else becomes an `Error` with Node's own description.
    pub fn check(self, status: napi_status) -> Result<()> {
        if status == sys::napi_ok {
            return Ok(());
        }
        if status == sys::napi_pending_exception || self.is_exception_pending() {
            return Err(Error::Pending);
        }
        let mut info = ptr::null();
        // SAFETY: env is live during the callback; info is an out pointer.
        let described = unsafe { sys::napi_get_last_error_info(self.0, &mut info) };
        let text = if described == sys::napi_ok && !info.is_null() {
            // SAFETY: Node returns a valid struct whose message is null or a C string.
            let message = unsafe { (*info).error_message };
            if message.is_null() {
                None
            } else {
                // SAFETY: non-null, NUL-terminated, owned by Node.
                Some(
                    unsafe { std::ffi::CStr::from_ptr(message) }
                        .to_string_lossy()
                        .into_owned(),
                )
            }
        } else {
            None
        };
        let message = text.unwrap_or_else(|| format!("Node-API call failed with status {status}"));
        Err(JsError::new("DotnetHostError", format!("Node-API: {message}")).into())
    }

    pub fn is_exception_pending(self) -> bool {
        let mut pending = false;
        // SAFETY: env is live; pending is an out pointer.
        let status = unsafe { sys::napi_is_exception_pending(self.0, &mut pending) };
        status == sys::napi_ok && pending
    }

    /// Runs a `sys` function that fills one `napi_value`, and checks its status.
    pub(super) fn make(self, f: impl FnOnce(*mut napi_value) -> napi_status) -> Result<Value> {
        let mut result = ptr::null_mut();
        self.check(f(&mut result))?;
        Ok(Value(result))
    }

    pub fn undefined(self) -> Result<Value> {
        // SAFETY: env is live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_get_undefined(self.0, out) })
    }

    pub fn null(self) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_get_null(self.0, out) })
    }

    pub fn boolean(self, value: bool) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_get_boolean(self.0, value, out) })
    }

    pub fn int32(self, value: i32) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_create_int32(self.0, value, out) })
    }

    pub fn uint32(self, value: u32) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_create_uint32(self.0, value, out) })
    }

    pub fn double(self, value: f64) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_create_double(self.0, value, out) })
    }

    pub fn bigint_u64(self, value: u64) -> Result<Value> {
        // SAFETY: as above.
        self.make(|out| unsafe { sys::napi_create_bigint_uint64(self.0, value, out) })
    }

    pub fn string(self, value: &str) -> Result<Value> {
        // SAFETY: the pointer and byte length describe valid UTF-8 that outlives the call.
        self.make(|out| unsafe {
            sys::napi_create_string_utf8(self.0, value.as_ptr().cast::<c_char>(), value.len(), out)
        })
    }

    pub fn object(self) -> Result<Value> {
        // SAFETY: env is live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_create_object(self.0, out) })
    }

    pub fn array(self, items: impl ExactSizeIterator<Item = Result<Value>>) -> Result<Value> {
        let length = items.len();
        // SAFETY: env is live; the out pointer is valid.
        let array = self.make(|out| unsafe { sys::napi_create_array_with_length(self.0, length, out) })?;
        for (index, item) in items.enumerate() {
            let item = item?;
            // SAFETY: array and item are live values of this env.
            self.check(unsafe { sys::napi_set_element(self.0, array.0, index as u32, item.0) })?;
        }
        Ok(array)
    }

    pub fn set_element(self, array: Value, index: u32, value: Value) -> Result<()> {
        // SAFETY: array and value are live values of this env.
        self.check(unsafe { sys::napi_set_element(self.0, array.0, index, value.0) })
    }

    pub fn set(self, object: Value, name: &str, value: Value) -> Result<()> {
        let name = c_name(name)?;
        // SAFETY: object and value are live; name is NUL-terminated.
        self.check(unsafe { sys::napi_set_named_property(self.0, object.0, name.as_ptr(), value.0) })
    }

    pub fn get(self, object: Value, name: &str) -> Result<Value> {
        let name = c_name(name)?;
        // SAFETY: object is live; name is NUL-terminated; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_get_named_property(self.0, object.0, name.as_ptr(), out) })
    }

    /// Sets a property whose key is a value (a symbol).
    pub fn set_property(self, object: Value, key: Value, value: Value) -> Result<()> {
        // SAFETY: object, key and value are live.
        self.check(unsafe { sys::napi_set_property(self.0, object.0, key.0, value.0) })
    }

    /// Reads a property whose key is a value (a symbol).
    pub fn get_property(self, object: Value, key: Value) -> Result<Value> {
        // SAFETY: object and key are live; the out pointer is valid.
        self.make(|out| unsafe { sys::napi_get_property(self.0, object.0, key.0, out) })
    }

    pub fn type_of(self, value: Value) -> Result<ValueType> {
        let mut kind = 0;
        // SAFETY: value is live; kind is an out pointer.
        self.check(unsafe { sys::napi_typeof(self.0, value.0, &mut kind) })?;
        Ok(match kind {
            sys::napi_undefined => ValueType::Undefined,
            sys::napi_null => ValueType::Null,
            sys::napi_boolean => ValueType::Boolean,
            sys::napi_number => ValueType::Number,
            sys::napi_string => ValueType::String,
            sys::napi_object => ValueType::Object,
            sys::napi_function => ValueType::Function,
            sys::napi_external => ValueType::External,
            sys::napi_bigint => ValueType::BigInt,
            // napi_symbol, the only other type node_api.h has.
            _ => ValueType::Symbol,
        })
    }

    pub fn is_nullish(self, value: Value) -> Result<bool> {
        Ok(matches!(
            self.type_of(value)?,
            ValueType::Undefined | ValueType::Null
        ))
    }

    /// Reads a string argument; `what` names it in the error.
    pub fn get_string(self, value: Value, what: &str) -> Result<String> {
        let kind = self.type_of(value)?;
        if kind != ValueType::String {
            return Err(
                JsError::invalid_argument(format!("{what} must be a string, got {}", kind.name())).into(),
            );
        }
        let mut length = 0;
        // SAFETY: a null buffer asks for the UTF-8 length only.
        self.check(unsafe {
            sys::napi_get_value_string_utf8(self.0, value.0, ptr::null_mut(), 0, &mut length)
        })?;
        let mut buffer = vec![0u8; length + 1];
        let mut written = 0;
        // SAFETY: buffer holds length + 1 bytes, as passed.
        self.check(unsafe {
            sys::napi_get_value_string_utf8(
                self.0,
                value.0,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut written,
            )
        })?;
        buffer.truncate(written);
        // Node produced UTF-8 (lone surrogates become U+FFFD), so this cannot fail.
        String::from_utf8(buffer)
            .map_err(|_| JsError::invalid_argument(format!("{what} is not valid UTF-8")).into())
    }

    pub fn get_optional_string(self, value: Value, what: &str) -> Result<Option<String>> {
        if self.is_nullish(value)? {
            Ok(None)
        } else {
            self.get_string(value, what).map(Some)
        }
    }

    pub fn get_bool(self, value: Value, what: &str) -> Result<bool> {
        match self.type_of(value)? {
            ValueType::Undefined | ValueType::Null => Ok(false),
            ValueType::Boolean => {
                let mut result = false;
                // SAFETY: value is a live boolean; result is an out pointer.
                self.check(unsafe { sys::napi_get_value_bool(self.0, value.0, &mut result) })?;
                Ok(result)
            }
            other => Err(JsError::invalid_argument(format!(
                "{what} must be a boolean, got {}",
                other.name()
            ))
            .into()),
        }
    }

    pub fn get_string_array(self, value: Value, what: &str) -> Result<Vec<String>> {
        let mut is_array = false;
        // SAFETY: value is live; is_array is an out pointer.
        self.check(unsafe { sys::napi_is_array(self.0, value.0, &mut is_array) })?;
        if !is_array {
            return Err(JsError::invalid_argument(format!("{what} must be an array of strings")).into());
        }
        let mut length = 0;
        // SAFETY: value is an array; length is an out pointer.
        self.check(unsafe { sys::napi_get_array_length(self.0, value.0, &mut length) })?;
        (0..length)
            .map(|index| {
                // SAFETY: index is within the array's length.
                let item = self.make(|out| unsafe { sys::napi_get_element(self.0, value.0, index, out) })?;
                self.get_string(item, &format!("{what}[{index}]"))
            })
            .collect()
    }

    /// An object's own enumerable string keys (`Object.keys`).
    pub fn property_names(self, object: Value) -> Result<Vec<String>> {
        // SAFETY: object is live; the out pointer is valid.
        let names = self.make(|out| unsafe { sys::napi_get_property_names(self.0, object.0, out) })?;
        self.get_string_array(names, "property names")
    }

    /// `a === b`.
    pub fn strict_equals(self, a: Value, b: Value) -> Result<bool> {
        let mut equal = false;
        // SAFETY: both values are live; equal is an out pointer.
        self.check(unsafe { sys::napi_strict_equals(self.0, a.0, b.0, &mut equal) })?;
        Ok(equal)
    }

    pub fn is_array(self, value: Value) -> Result<bool> {
        let mut is_array = false;
        // SAFETY: value is live; is_array is an out pointer.
        self.check(unsafe { sys::napi_is_array(self.0, value.0, &mut is_array) })?;
        Ok(is_array)
    }

    /// The elements of an array.
    pub fn array_items(self, value: Value, what: &str) -> Result<Vec<Value>> {
        let mut is_array = false;
        // SAFETY: value is live; is_array is an out pointer.
        self.check(unsafe { sys::napi_is_array(self.0, value.0, &mut is_array) })?;
        if !is_array {
            return Err(JsError::invalid_argument(format!("{what} must be an array")).into());
        }
        let mut length = 0;
        // SAFETY: value is an array; length is an out pointer.
        self.check(unsafe { sys::napi_get_array_length(self.0, value.0, &mut length) })?;
        (0..length)
            // SAFETY: index is within the array's length.
            .map(|index| self.make(|out| unsafe { sys::napi_get_element(self.0, value.0, index, out) }))
            .collect()
    }

    /// A number property as u32, for descriptors built by the TypeScript layer.
    pub fn get_u32(self, object: Value, name: &str) -> Result<u32> {
        let value = self.get(object, name)?;
        match self.try_double(value)? {
            Some(number) if number >= 0.0 && number <= u32::MAX as f64 && number.fract() == 0.0 => {
                Ok(number as u32)
            }
            _ => Err(JsError::invalid_argument(format!("{name} must be a non-negative integer")).into()),
        }
    }

    /// Calls a JavaScript function with `this` undefined.
    pub fn call(self, function: Value, args: &[Value]) -> Result<Value> {
        self.call_with_this(self.undefined()?, function, args)
    }

    /// Calls a JavaScript function as a method of `receiver`.
    pub fn call_with_this(self, receiver: Value, function: Value, args: &[Value]) -> Result<Value> {
        // SAFETY: all values are live in this scope; `Value` is a transparent `napi_value`,
        // so `args` is the array Node-API reads, alive for the call.
        self.make(|out| unsafe {
            sys::napi_call_function(
                self.0,
                receiver.0,
                function.0,
                args.len(),
                args.as_ptr().cast::<napi_value>(),
                out,
            )
        })
    }
}

impl Env {
    pub fn from_raw(env: napi_env) -> Env {
        Env(env)
    }
}

impl Value {
    pub fn from_raw(value: napi_value) -> Value {
        Value(value)
    }
}
