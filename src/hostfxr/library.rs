//! A loaded hostfxr and its exports, bound one by one so that a missing export fails
//! only the feature that needs it.

use std::ffi::CStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::sys;
use crate::dl::Library;
use crate::error::{Error, ErrorClass, Result};

pub struct Hostfxr {
    library: Library,
    /// The dotnet root this hostfxr belongs to, when discovery knew it.
    pub dotnet_root: Option<PathBuf>,
    pub set_error_writer: Option<sys::hostfxr_set_error_writer_fn>,
    pub initialize_for_runtime_config: Option<sys::hostfxr_initialize_for_runtime_config_fn>,
    pub initialize_for_dotnet_command_line: Option<sys::hostfxr_initialize_for_dotnet_command_line_fn>,
    pub get_runtime_property_value: Option<sys::hostfxr_get_runtime_property_value_fn>,
    pub set_runtime_property_value: Option<sys::hostfxr_set_runtime_property_value_fn>,
    pub get_runtime_properties: Option<sys::hostfxr_get_runtime_properties_fn>,
    pub run_app: Option<sys::hostfxr_run_app_fn>,
    pub get_runtime_delegate: Option<sys::hostfxr_get_runtime_delegate_fn>,
    pub close: Option<sys::hostfxr_close_fn>,
    pub get_dotnet_environment_info: Option<sys::hostfxr_get_dotnet_environment_info_fn>,
    pub resolve_frameworks_for_runtime_config: Option<sys::hostfxr_resolve_frameworks_for_runtime_config_fn>,
}

/// Every hostfxr this process loaded, by path: loading one twice returns the same.
static LOADED: Mutex<Vec<Arc<Hostfxr>>> = Mutex::new(Vec::new());

fn bind<F: Copy>(library: &Library, name: &CStr) -> Option<F> {
    let symbol = library.symbol(name);
    if symbol.is_null() {
        return None;
    }
    debug_assert_eq!(
        std::mem::size_of::<F>(),
        std::mem::size_of::<*mut std::ffi::c_void>()
    );
    // SAFETY: F is the function-pointer type hostfxr.h declares for `name`, and
    // function pointers have the size of data pointers on every supported target.
    Some(unsafe { std::mem::transmute_copy::<*mut std::ffi::c_void, F>(&symbol) })
}

impl Hostfxr {
    pub fn load(path: &Path, dotnet_root: Option<PathBuf>) -> Result<Arc<Hostfxr>> {
        let mut loaded = LOADED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(existing) = loaded.iter().find(|hostfxr| hostfxr.path() == path) {
            return Ok(existing.clone());
        }
        let library = Library::open(path).map_err(|reason| {
            Error::library(
                super::Status::CoreHostLibLoadFailure,
                format!("hostfxr at {} could not be loaded: {reason}", path.display()),
            )
            .hint("Check that the file is a hostfxr library for this platform and architecture.")
        })?;
        if library.symbol(c"hostfxr_main").is_null() {
            return Err(Error::library(
                super::Status::CoreHostEntryPointFailure,
                format!(
                    "{} does not export hostfxr_main: it is not a hostfxr library",
                    path.display()
                ),
            ));
        }
        let hostfxr = Arc::new(Hostfxr {
            dotnet_root,
            set_error_writer: bind(&library, c"hostfxr_set_error_writer"),
            initialize_for_runtime_config: bind(&library, c"hostfxr_initialize_for_runtime_config"),
            initialize_for_dotnet_command_line: bind(&library, c"hostfxr_initialize_for_dotnet_command_line"),
            get_runtime_property_value: bind(&library, c"hostfxr_get_runtime_property_value"),
            set_runtime_property_value: bind(&library, c"hostfxr_set_runtime_property_value"),
            get_runtime_properties: bind(&library, c"hostfxr_get_runtime_properties"),
            run_app: bind(&library, c"hostfxr_run_app"),
            get_runtime_delegate: bind(&library, c"hostfxr_get_runtime_delegate"),
            close: bind(&library, c"hostfxr_close"),
            get_dotnet_environment_info: bind(&library, c"hostfxr_get_dotnet_environment_info"),
            resolve_frameworks_for_runtime_config: bind(
                &library,
                c"hostfxr_resolve_frameworks_for_runtime_config",
            ),
            library,
        });
        loaded.push(hostfxr.clone());
        Ok(hostfxr)
    }

    pub fn path(&self) -> &Path {
        self.library.path()
    }

    /// An optional export, or the error that says which .NET version brought it.
    pub fn require<F>(&self, export: Option<F>, name: &str, since: &str) -> Result<F> {
        export.ok_or_else(|| {
            let mut error = Error::new(
                ErrorClass::UnsupportedHostVersion,
                "HostApiUnsupportedVersion",
                format!(
                    "{name} requires .NET {since} or later, but the hostfxr at {} does not export it",
                    self.path().display()
                ),
            )
            .hint(format!(
                "Install a .NET {since}+ runtime, or point dotnetRoot/hostfxrPath at a newer one."
            ));
            error.hresult = Some(super::Status::HostApiUnsupportedVersion.code());
            error
                .details
                .push(("requiredVersion", crate::error::Detail::Str(since.to_string())));
            error
        })
    }

    /// Runs a hostfxr call with its error writer captured on this thread.
    pub fn capture<T>(&self, call: impl FnOnce() -> T) -> (T, String) {
        super::error_writer::capture(self.set_error_writer, call)
    }
}
