use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

pub type Handle = *mut c_void;

const RTLD_NOW: c_int = 2;
const RTLD_NOLOAD: c_int = 4;
#[cfg(not(target_os = "macos"))]
const RTLD_DEFAULT: *mut c_void = std::ptr::null_mut();
#[cfg(target_os = "macos")]
const RTLD_DEFAULT: *mut c_void = -2isize as *mut c_void;

#[cfg_attr(all(target_os = "linux", target_env = "gnu"), link(name = "dl"))]
extern "C" {
    fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn dlerror() -> *mut c_char;
}

fn last_error() -> String {
    // SAFETY: dlerror returns a thread-local, NUL-terminated message or null.
    let message = unsafe { dlerror() };
    if message.is_null() {
        "unknown dlopen error".to_string()
    } else {
        // SAFETY: non-null dlerror results are valid C strings until the next dl call.
        unsafe { CStr::from_ptr(message) }.to_string_lossy().into_owned()
    }
}

pub fn open(path: &Path) -> Result<Handle, String> {
    let c_path = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| format!("path `{}` contains a NUL character", path.display()))?;
    // SAFETY: c_path is a valid C string; RTLD_NOW makes missing symbols fail here,
    // not at a later call.
    let handle = unsafe { dlopen(c_path.as_ptr(), RTLD_NOW) };
    if handle.is_null() {
        Err(last_error())
    } else {
        Ok(handle)
    }
}

pub fn symbol(handle: Handle, name: &CStr) -> *mut c_void {
    // SAFETY: handle came from a successful dlopen and is never closed.
    unsafe { dlsym(handle, name.as_ptr()) }
}

pub fn host_symbol(name: &CStr) -> *mut c_void {
    // SAFETY: RTLD_DEFAULT searches the global scope: the executable and every library
    // loaded with RTLD_GLOBAL.
    let found = unsafe { dlsym(RTLD_DEFAULT, name.as_ptr()) };
    if !found.is_null() {
        return found;
    }
    // An embedder may have loaded libnode with RTLD_LOCAL; reach it by soname.
    for soname in [c"libnode.so", c"libnode.dylib"] {
        // SAFETY: RTLD_NOLOAD only returns a handle to an already-loaded library.
        let handle = unsafe { dlopen(soname.as_ptr(), RTLD_NOW | RTLD_NOLOAD) };
        if !handle.is_null() {
            // SAFETY: handle is a live library handle.
            let found = unsafe { dlsym(handle, name.as_ptr()) };
            if !found.is_null() {
                return found;
            }
        }
    }
    std::ptr::null_mut()
}
