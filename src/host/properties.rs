//! Runtime properties of a host context.

use super::context::HostContext;
use super::process;
use crate::error::{Error, ErrorClass, Result};
use crate::hostfxr::host_string::{self, HostString};
use crate::hostfxr::status::Status;

fn name_string(name: &str) -> Result<HostString> {
    if name.is_empty() {
        return Err(Error::invalid_argument(
            "a runtime property name must not be empty",
        ));
    }
    HostString::new(name).map_err(|reason| Error::invalid_argument(format!("property name {reason}")))
}

impl HostContext {
    /// One property's value, or `None` when the context has no such property.
    pub fn property(&self, name: &str) -> Result<Option<String>> {
        let handle = self.handle("hostfxr_get_runtime_property_value")?;
        let get = self.hostfxr.require(
            self.hostfxr.get_runtime_property_value,
            "hostfxr_get_runtime_property_value",
            "3.0",
        )?;
        let key = name_string(name)?;
        let mut value = std::ptr::null();
        // SAFETY: handle is live; key is NUL-terminated; value is an out pointer.
        let (code, text) = self
            .hostfxr
            .capture(|| unsafe { get(handle, key.as_ptr(), &mut value) });
        if code == Status::HostPropertyNotFound.code() {
            return Ok(None);
        }
        if !Status::is_success(code) {
            return Err(
                Error::status(ErrorClass::HostStatus, "hostfxr_get_runtime_property_value", code)
                    .host_message(text),
            );
        }
        // SAFETY: on success value is a string owned by the context, valid until the
        // next set/run/close on it, none of which can happen before we copy it.
        Ok(Some(unsafe { host_string::to_string(value) }))
    }

    /// Sets (or with `None` removes) a property. Only the primary context may, and only
    /// before the runtime starts.
    pub fn set_property(&self, name: &str, value: Option<&str>) -> Result<()> {
        let handle = self.handle("hostfxr_set_runtime_property_value")?;
        if !self.is_primary() {
            return Err(Error::state(
                "SecondaryContext",
                format!("cannot set runtime property {name:?}: this is a secondary context, whose properties are read-only"),
            )
            .hint("Properties can be set only on the first (primary) context of the process, before the runtime starts."));
        }
        if process::is_runtime_started() {
            return Err(Error::state(
                "RuntimeAlreadyStarted",
                format!("cannot set runtime property {name:?}: the runtime has already started"),
            )
            .hint(
                "Set properties right after initializing, before the first getFunction/loadAssembly call.",
            ));
        }
        let set = self.hostfxr.require(
            self.hostfxr.set_runtime_property_value,
            "hostfxr_set_runtime_property_value",
            "3.0",
        )?;
        let key = name_string(name)?;
        let value = value
            .map(|text| {
                HostString::new(text)
                    .map_err(|reason| Error::invalid_argument(format!("property value {reason}")))
            })
            .transpose()?;
        let value_ptr = value.as_ref().map_or(std::ptr::null(), HostString::as_ptr);
        // SAFETY: handle is live; both strings are NUL-terminated or null (= remove).
        let (code, text) = self
            .hostfxr
            .capture(|| unsafe { set(handle, key.as_ptr(), value_ptr) });
        if Status::is_success(code) {
            Ok(())
        } else {
            Err(
                Error::status(ErrorClass::HostStatus, "hostfxr_set_runtime_property_value", code)
                    .host_message(text),
            )
        }
    }

    /// Every property, in hostfxr's order.
    pub fn properties(&self) -> Result<Vec<(String, String)>> {
        let handle = self.handle("hostfxr_get_runtime_properties")?;
        let get = self.hostfxr.require(
            self.hostfxr.get_runtime_properties,
            "hostfxr_get_runtime_properties",
            "3.0",
        )?;
        let mut capacity = 32usize;
        loop {
            let mut keys = vec![std::ptr::null(); capacity];
            let mut values = vec![std::ptr::null(); capacity];
            let mut count = capacity;
            // SAFETY: both buffers hold `count` pointers, as passed.
            let (code, text) = self
                .hostfxr
                .capture(|| unsafe { get(handle, &mut count, keys.as_mut_ptr(), values.as_mut_ptr()) });
            if code == Status::HostApiBufferTooSmall.code() && count > capacity {
                capacity = count;
                continue;
            }
            if !Status::is_success(code) {
                return Err(
                    Error::status(ErrorClass::HostStatus, "hostfxr_get_runtime_properties", code)
                        .host_message(text),
                );
            }
            return Ok((0..count.min(capacity))
                .map(|index| {
                    // SAFETY: hostfxr filled `count` valid string pointers owned by the
                    // context, unchanged until the next set/run/close.
                    unsafe {
                        (
                            host_string::to_string(keys[index]),
                            host_string::to_string(values[index]),
                        )
                    }
                })
                .collect());
        }
    }
}
