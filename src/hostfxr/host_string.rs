//! `char_t` strings: UTF-8 `char` on Unix, UTF-16 `wchar_t` on Windows. Every path and
//! name that crosses hostfxr or a runtime delegate goes through [`HostString`].

use std::path::Path;

use super::sys::char_t;

/// An owned, NUL-terminated `char_t` string.
#[derive(Clone, Debug)]
pub struct HostString(Vec<char_t>);

impl HostString {
    /// Converts a Rust string; fails on an interior NUL, which would silently truncate
    /// the name on the native side.
    pub fn new(text: &str) -> Result<HostString, String> {
        if text.contains('\0') {
            return Err(format!("{text:?} contains a NUL character"));
        }
        #[cfg(windows)]
        let units: Vec<char_t> = text.encode_utf16().chain(Some(0)).collect();
        #[cfg(not(windows))]
        let units: Vec<char_t> = text.bytes().map(|byte| byte as char_t).chain(Some(0)).collect();
        Ok(HostString(units))
    }

    pub fn from_path(path: &Path) -> Result<HostString, String> {
        #[cfg(windows)]
        {
            use std::os::windows::ffi::OsStrExt;
            let units: Vec<char_t> = path.as_os_str().encode_wide().collect();
            if units.contains(&0) {
                return Err(format!("path {:?} contains a NUL character", path.display()));
            }
            Ok(HostString(units.into_iter().chain(Some(0)).collect()))
        }
        #[cfg(not(windows))]
        {
            use std::os::unix::ffi::OsStrExt;
            let bytes = path.as_os_str().as_bytes();
            if bytes.contains(&0) {
                return Err(format!("path {:?} contains a NUL character", path.display()));
            }
            Ok(HostString(
                bytes.iter().map(|byte| *byte as char_t).chain(Some(0)).collect(),
            ))
        }
    }

    pub fn as_ptr(&self) -> *const char_t {
        self.0.as_ptr()
    }
}

/// Copies a NUL-terminated `char_t` string owned by hostfxr into a Rust string.
///
/// # Safety
/// `text` must be null or point to a NUL-terminated `char_t` string valid for the call.
pub unsafe fn to_string(text: *const char_t) -> String {
    if text.is_null() {
        return String::new();
    }
    let mut length = 0;
    // SAFETY: the caller guarantees a terminator, so every read before it is in bounds.
    while unsafe { *text.add(length) } != 0 {
        length += 1;
    }
    // SAFETY: length units were just read successfully.
    let units = unsafe { std::slice::from_raw_parts(text, length) };
    #[cfg(windows)]
    {
        String::from_utf16_lossy(units)
    }
    #[cfg(not(windows))]
    {
        let bytes: Vec<u8> = units.iter().map(|unit| *unit as u8).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}
