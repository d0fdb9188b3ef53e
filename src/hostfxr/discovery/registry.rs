//! The install location the .NET installer registers on Windows. The installer writes
//! it to the 32-bit registry view whatever the architecture, so that view is read.

use super::system::ARCH;

/// The registry value as shown in the trail.
pub(crate) fn install_location_value_name() -> String {
    format!(
        r"HKLM\SOFTWARE\dotnet\Setup\InstalledVersions\{}\InstallLocation (32-bit view)",
        ARCH.unwrap_or("<unknown architecture>")
    )
}

#[cfg(windows)]
pub(crate) use windows::read_install_location;

#[cfg(windows)]
mod windows {
    use std::ffi::{c_void, OsStr, OsString};
    use std::os::windows::ffi::{OsStrExt, OsStringExt};
    use std::path::PathBuf;
    use std::ptr;

    use super::ARCH;

    /// Predefined keys are sign-extended 32-bit values, not real handles; `HKEY` is
    /// pointer-sized, so `isize` has the same ABI.
    const HKEY_LOCAL_MACHINE: isize = 0x8000_0002_u32 as i32 as isize;
    const RRF_RT_REG_SZ: u32 = 0x0000_0002;
    const RRF_SUBKEY_WOW6432KEY: u32 = 0x0002_0000;
    const ERROR_SUCCESS: i32 = 0;
    const ERROR_MORE_DATA: i32 = 234;

    #[link(name = "advapi32")]
    extern "system" {
        fn RegGetValueW(
            key: isize,
            sub_key: *const u16,
            value: *const u16,
            flags: u32,
            value_type: *mut u32,
            data: *mut c_void,
            data_bytes: *mut u32,
        ) -> i32;
    }

    fn wide(text: &str) -> Vec<u16> {
        OsStr::new(text).encode_wide().chain(Some(0)).collect()
    }

    /// `None` when the value is missing, empty or unreadable: all of them mean "no
    /// registered location" to the search.
    pub(crate) fn read_install_location() -> Option<PathBuf> {
        let sub_key = wide(&format!(r"SOFTWARE\dotnet\Setup\InstalledVersions\{}", ARCH?));
        let value = wide("InstallLocation");
        let flags = RRF_RT_REG_SZ | RRF_SUBKEY_WOW6432KEY;
        // An installer may rewrite the value between the size query and the read.
        for _ in 0..3 {
            let mut bytes: u32 = 0;
            // SAFETY: both names are NUL-terminated and outlive the call; a null data
            // pointer with a valid size pointer only asks for the size.
            let status = unsafe {
                RegGetValueW(
                    HKEY_LOCAL_MACHINE,
                    sub_key.as_ptr(),
                    value.as_ptr(),
                    flags,
                    ptr::null_mut(),
                    ptr::null_mut(),
                    &mut bytes,
                )
            };
            if status != ERROR_SUCCESS {
                return None;
            }
            let mut buffer = vec![0u16; (bytes as usize).div_ceil(2)];
            let mut written = u32::try_from(buffer.len() * 2).ok()?;
            // SAFETY: `buffer` is writable for `written` bytes, and `written` tells
            // RegGetValueW so; the names are as above.
            let status = unsafe {
                RegGetValueW(
                    HKEY_LOCAL_MACHINE,
                    sub_key.as_ptr(),
                    value.as_ptr(),
                    flags,
                    ptr::null_mut(),
                    buffer.as_mut_ptr().cast(),
                    &mut written,
                )
            };
            match status {
                ERROR_SUCCESS => {
                    buffer.truncate(written as usize / 2);
                    while buffer.last() == Some(&0) {
                        buffer.pop();
                    }
                    return (!buffer.is_empty()).then(|| OsString::from_wide(&buffer).into());
                }
                ERROR_MORE_DATA => continue,
                _ => return None,
            }
        }
        None
    }
}
