//! A hostfxr already loaded in this process. A process can run only one .NET runtime,
//! so if someone (another addon, the embedder) loaded hostfxr first, that is the one
//! to use.

pub use imp::loaded_hostfxr;

#[cfg(target_os = "linux")]
mod imp {
    use std::ffi::{c_char, c_int, c_void, CStr, OsString};
    use std::mem::{offset_of, size_of};
    use std::os::unix::ffi::OsStringExt;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::path::PathBuf;

    use super::super::HOSTFXR_LIBRARY_NAME;

    /// `struct dl_phdr_info` from `<link.h>`, the same in glibc and musl. `ElfW(Addr)`
    /// and pointers are pointer-sized on every Linux target, so `usize` fits both
    /// x86_64 and aarch64 (and 32-bit targets). Only `dlpi_name` is read; the rest is
    /// declared so that its offset is right and the type matches what the loader hands
    /// over.
    #[repr(C)]
    #[allow(dead_code)]
    struct DlPhdrInfo {
        dlpi_addr: usize,
        dlpi_name: *const c_char,
        dlpi_phdr: *const c_void,
        dlpi_phnum: u16,
        dlpi_adds: u64,
        dlpi_subs: u64,
        dlpi_tls_modid: usize,
        dlpi_tls_data: *mut c_void,
    }

    type Callback = unsafe extern "C" fn(*mut DlPhdrInfo, usize, *mut c_void) -> c_int;

    extern "C" {
        fn dl_iterate_phdr(callback: Option<Callback>, data: *mut c_void) -> c_int;
    }

    /// The loader reports how many bytes of the struct it filled in; older loaders fill
    /// in fewer fields, so reading `dlpi_name` needs at least this many.
    const NAME_END: usize = offset_of!(DlPhdrInfo, dlpi_name) + size_of::<*const c_char>();

    fn is_hostfxr(path: &[u8]) -> bool {
        let file_name = path.rsplit(|&byte| byte == b'/').next().unwrap_or(path);
        file_name == HOSTFXR_LIBRARY_NAME.as_bytes()
    }

    /// Called by the loader for each loaded object, with the loader's lock held. It must
    /// not unwind into C: everything here is non-panicking comparisons except the copy,
    /// whose only failure (allocation) aborts rather than unwinds, and `catch_unwind`
    /// covers even that.
    unsafe extern "C" fn visit(info: *mut DlPhdrInfo, size: usize, data: *mut c_void) -> c_int {
        if info.is_null() || data.is_null() || size < NAME_END {
            return 0;
        }
        // SAFETY: the loader passes a valid `info` for the duration of the call, and
        // `size` covers `dlpi_name` (checked above). The field is read through the raw
        // pointer, without a reference to the possibly shorter struct.
        let name = unsafe { (*info).dlpi_name };
        if name.is_null() {
            return 0;
        }
        // SAFETY: `dlpi_name` is a NUL-terminated string owned by the loader, alive
        // while the object stays loaded, which it does while the loader lock is held.
        let name = unsafe { CStr::from_ptr(name) }.to_bytes();
        if !is_hostfxr(name) {
            return 0;
        }
        // SAFETY: `data` is the `&mut Option<Vec<u8>>` that `loaded_hostfxr` passed; it
        // is borrowed only here, for this call.
        let found = unsafe { &mut *data.cast::<Option<Vec<u8>>>() };
        if let Ok(copy) = catch_unwind(AssertUnwindSafe(|| name.to_vec())) {
            *found = Some(copy);
        }
        1
    }

    /// The full path of a `libhostfxr.so` loaded in this process, if any.
    pub fn loaded_hostfxr() -> Option<PathBuf> {
        let mut found: Option<Vec<u8>> = None;
        // SAFETY: `visit` has the signature dl_iterate_phdr expects and touches `data`
        // only as the `Option<Vec<u8>>` it is; dl_iterate_phdr does not keep the
        // pointer past its return, and `found` outlives the call.
        unsafe { dl_iterate_phdr(Some(visit), (&mut found as *mut Option<Vec<u8>>).cast()) };
        found.map(|bytes| PathBuf::from(OsString::from_vec(bytes)))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn only_the_exact_file_name_matches() {
            assert!(is_hostfxr(b"/usr/share/dotnet/host/fxr/8.0.0/libhostfxr.so"));
            assert!(is_hostfxr(b"libhostfxr.so"));
            assert!(!is_hostfxr(b"/x/libhostfxr.so.1"));
            assert!(!is_hostfxr(b"/x/libhostfxr.so/other"));
            assert!(!is_hostfxr(b"/x/mylibhostfxr.so"));
            assert!(!is_hostfxr(b""));
        }
    }
}

#[cfg(windows)]
mod imp {
    use std::ffi::{c_void, OsStr, OsString};
    use std::os::windows::ffi::{OsStrExt, OsStringExt};
    use std::path::PathBuf;

    use super::super::HOSTFXR_LIBRARY_NAME;

    #[link(name = "kernel32")]
    extern "system" {
        fn GetModuleHandleW(module_name: *const u16) -> *mut c_void;
        fn GetModuleFileNameW(module: *mut c_void, file_name: *mut u16, size: u32) -> u32;
    }

    /// Paths can exceed MAX_PATH, up to 32,767 characters plus the terminator.
    const LONGEST_PATH: u32 = 32_768;

    /// The full path of a `hostfxr.dll` loaded in this process, if any.
    pub fn loaded_hostfxr() -> Option<PathBuf> {
        let name: Vec<u16> = OsStr::new(HOSTFXR_LIBRARY_NAME)
            .encode_wide()
            .chain(Some(0))
            .collect();
        // SAFETY: `name` is NUL-terminated and outlives the call.
        let module = unsafe { GetModuleHandleW(name.as_ptr()) };
        if module.is_null() {
            return None;
        }
        let mut capacity: u32 = 260;
        loop {
            let mut buffer = vec![0u16; capacity as usize];
            // SAFETY: `buffer` has room for `capacity` UTF-16 units. GetModuleHandleW
            // takes no reference, so the module may be unloaded meanwhile; the call
            // then fails and returns 0, which is handled.
            let length = unsafe { GetModuleFileNameW(module, buffer.as_mut_ptr(), capacity) };
            if length == 0 {
                return None;
            }
            // A full buffer means the name was truncated.
            if length < capacity {
                buffer.truncate(length as usize);
                return Some(OsString::from_wide(&buffer).into());
            }
            if capacity >= LONGEST_PATH {
                return None;
            }
            capacity = (capacity * 2).min(LONGEST_PATH);
        }
    }
}

/// macOS is not a target of this package, and other Unixes lack a portable way to list
/// loaded objects; there the search simply moves on to the next place.
#[cfg(not(any(target_os = "linux", windows)))]
mod imp {
    use std::path::PathBuf;

    pub fn loaded_hostfxr() -> Option<PathBuf> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::isolated;
    use super::loaded_hostfxr;

    #[test]
    fn nothing_loaded_in_a_fresh_process() {
        // In a child process, so that tests elsewhere in the crate that load hostfxr
        // cannot make this flaky.
        isolated(module_path!(), "nothing_loaded_in_a_fresh_process", || {
            assert_eq!(loaded_hostfxr(), None);
        });
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dlopened_hostfxr_is_found() {
        use std::ffi::{c_char, c_int, c_void, CString};
        use std::os::unix::ffi::OsStrExt;

        extern "C" {
            fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
        }
        const RTLD_NOW: c_int = 2;

        let fxr = std::path::Path::new("/usr/share/dotnet/host/fxr");
        let Some(library) = std::fs::read_dir(fxr).ok().and_then(|entries| {
            entries
                .filter_map(|entry| Some(entry.ok()?.path().join("libhostfxr.so")))
                .find(|path| path.is_file())
        }) else {
            eprintln!("skipped: no libhostfxr.so under {}", fxr.display());
            return;
        };
        // Loading pollutes the process for good, so it happens in a child.
        isolated(module_path!(), "dlopened_hostfxr_is_found", || {
            let c_path = CString::new(library.as_os_str().as_bytes()).unwrap();
            // SAFETY: `c_path` is a valid C string; libhostfxr has no constructors that
            // need anything from this process.
            let handle = unsafe { dlopen(c_path.as_ptr(), RTLD_NOW) };
            assert!(!handle.is_null(), "dlopen {}", library.display());
            assert_eq!(loaded_hostfxr(), Some(library.clone()));
        });
    }
}
