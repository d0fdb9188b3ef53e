//! Dynamic library loading: the one place that calls `dlopen`/`LoadLibraryExW`.
//!
//! Libraries opened here are never closed. hostfxr, hostpolicy and CoreCLR cannot be
//! unloaded once the runtime has started, and function pointers handed out by the
//! runtime stay valid only while their library stays mapped.

use std::ffi::{c_void, CStr};
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as platform;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as platform;

/// A library loaded for the rest of the process lifetime.
#[derive(Debug)]
pub struct Library {
    handle: platform::Handle,
    path: PathBuf,
}

// SAFETY: a module handle is a process-wide token; the loader APIs that take it are
// thread-safe on every supported platform.
unsafe impl Send for Library {}
// SAFETY: as above; `symbol` only reads.
unsafe impl Sync for Library {}

impl Library {
    /// Loads the library at `path`, which must be absolute so that the loader's search
    /// path (and with it the current directory) is never consulted.
    pub fn open(path: &Path) -> Result<Library, String> {
        if !path.is_absolute() {
            return Err(format!(
                "refusing to load `{}`: library paths must be absolute",
                path.display()
            ));
        }
        let handle = platform::open(path)?;
        Ok(Library {
            handle,
            path: path.to_path_buf(),
        })
    }

    /// The address of an exported symbol, or null when the library lacks it.
    pub fn symbol(&self, name: &CStr) -> *mut c_void {
        platform::symbol(self.handle, name)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Looks a symbol up among what the host executable (and the libraries it loaded
/// globally, such as a shared `libnode`) exports. Null when absent.
pub fn host_symbol(name: &CStr) -> *mut c_void {
    platform::host_symbol(name)
}
