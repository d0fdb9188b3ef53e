use std::ffi::{c_void, CStr};
use std::os::windows::ffi::OsStrExt;
use std::path::Path;

pub type Handle = *mut c_void;

const LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR: u32 = 0x0000_0100;
const LOAD_LIBRARY_SEARCH_DEFAULT_DIRS: u32 = 0x0000_1000;
const FORMAT_MESSAGE_FROM_SYSTEM: u32 = 0x0000_1000;
const FORMAT_MESSAGE_IGNORE_INSERTS: u32 = 0x0000_0200;

#[link(name = "kernel32")]
extern "system" {
    fn LoadLibraryExW(name: *const u16, file: *mut c_void, flags: u32) -> *mut c_void;
    fn GetProcAddress(module: *mut c_void, name: *const u8) -> *mut c_void;
    fn GetModuleHandleW(name: *const u16) -> *mut c_void;
    fn GetLastError() -> u32;
    fn FormatMessageW(
        flags: u32,
        source: *const c_void,
        message_id: u32,
        language_id: u32,
        buffer: *mut u16,
        size: u32,
        arguments: *mut c_void,
    ) -> u32;
}

/// NUL-terminated UTF-16 for the loader. Outside `\\?\` paths, `/` becomes `\`, as
/// Win32 path normalization would do: LoadLibraryExW's documentation asks for
/// backslashes, and with LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR the DLL's directory is taken
/// from the path as given.
fn wide(path: &Path) -> Vec<u16> {
    let units: Vec<u16> = path.as_os_str().encode_wide().collect();
    let verbatim = units.starts_with(&[92, 92, 63, 92]); // \\?\
    units
        .into_iter()
        .map(|unit| {
            if unit == u16::from(b'/') && !verbatim {
                u16::from(b'\\')
            } else {
                unit
            }
        })
        .chain(Some(0))
        .collect()
}

fn describe(code: u32) -> String {
    let mut buffer = [0u16; 512];
    // SAFETY: buffer is writable for its full length, which is what we pass.
    let length = unsafe {
        FormatMessageW(
            FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
            std::ptr::null(),
            code,
            0,
            buffer.as_mut_ptr(),
            buffer.len() as u32,
            std::ptr::null_mut(),
        )
    } as usize;
    let text = String::from_utf16_lossy(&buffer[..length.min(buffer.len())]);
    format!("{} (Windows error {code})", text.trim_end())
}

pub fn open(path: &Path) -> Result<Handle, String> {
    let name = wide(path);
    if name[..name.len() - 1].contains(&0) {
        return Err(format!("path `{}` contains a NUL character", path.display()));
    }
    // SAFETY: name is NUL-terminated UTF-16. Searching the DLL's own directory lets
    // hostfxr find its neighbours without consulting the current directory.
    let handle = unsafe {
        LoadLibraryExW(
            name.as_ptr(),
            std::ptr::null_mut(),
            LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR | LOAD_LIBRARY_SEARCH_DEFAULT_DIRS,
        )
    };
    if handle.is_null() {
        // SAFETY: reads the calling thread's last-error value.
        Err(describe(unsafe { GetLastError() }))
    } else {
        Ok(handle)
    }
}

pub fn symbol(handle: Handle, name: &CStr) -> *mut c_void {
    // SAFETY: handle is a module that is never freed; name is NUL-terminated ANSI.
    unsafe { GetProcAddress(handle, name.as_ptr().cast()) }
}

pub fn host_symbol(name: &CStr) -> *mut c_void {
    // SAFETY: a null name asks for the executable's own module, which lives as long as
    // the process.
    let exe = unsafe { GetModuleHandleW(std::ptr::null()) };
    let found = symbol(exe, name);
    if !found.is_null() {
        return found;
    }
    let libnode: Vec<u16> = "libnode.dll\0".encode_utf16().collect();
    // SAFETY: libnode is NUL-terminated; GetModuleHandleW never loads anything.
    let module = unsafe { GetModuleHandleW(libnode.as_ptr()) };
    if module.is_null() {
        std::ptr::null_mut()
    } else {
        symbol(module, name)
    }
}
