//! Host contexts. A runtime-config context hosts components; a command-line context
//! runs an app. Both can read and set properties and hand out runtime delegates; only
//! the command-line kind can `run_app`.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::delegates::Delegates;
use super::process;
use super::resolve::{self, ResolveOptions, Resolved};
use crate::error::{Detail, Error, ErrorClass, Result};
use crate::hostfxr::host_string::HostString;
use crate::hostfxr::status::Status;
use crate::hostfxr::sys::{self, hostfxr_handle};
use crate::hostfxr::Hostfxr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContextKind {
    RuntimeConfig,
    CommandLine,
}

impl ContextKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContextKind::RuntimeConfig => "runtimeConfig",
            ContextKind::CommandLine => "commandLine",
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct InitializeOptions {
    pub resolve: ResolveOptions,
    /// `hostfxr_initialize_parameters.host_path`.
    pub host_path: Option<PathBuf>,
}

/// One hostfxr host context. Used only on the JavaScript thread that created it.
pub struct HostContext {
    pub(super) hostfxr: Arc<Hostfxr>,
    handle: Cell<hostfxr_handle>,
    pub kind: ContextKind,
    /// The success code initialize returned: 0 primary, 1 or 2 secondary.
    pub status: Status,
    pub source: &'static str,
    pub(super) delegates: Delegates,
}

struct Parameters {
    _strings: (Option<HostString>, Option<HostString>),
    raw: sys::hostfxr_initialize_parameters,
}

fn parameters(hostfxr: &Hostfxr, options: &InitializeOptions) -> Result<Parameters> {
    let host_path = options
        .host_path
        .as_deref()
        .map(HostString::from_path)
        .transpose()
        .map_err(Error::invalid_argument)?;
    let root = options
        .resolve
        .dotnet_root
        .as_deref()
        .or(hostfxr.dotnet_root.as_deref());
    let dotnet_root = root
        .map(HostString::from_path)
        .transpose()
        .map_err(Error::invalid_argument)?;
    let raw = sys::hostfxr_initialize_parameters {
        size: std::mem::size_of::<sys::hostfxr_initialize_parameters>(),
        host_path: host_path.as_ref().map_or(std::ptr::null(), HostString::as_ptr),
        dotnet_root: dotnet_root.as_ref().map_or(std::ptr::null(), HostString::as_ptr),
    };
    Ok(Parameters {
        _strings: (host_path, dotnet_root),
        raw,
    })
}

fn path_string(path: &Path, what: &str) -> Result<HostString> {
    HostString::from_path(path).map_err(|reason| Error::invalid_argument(format!("{what}: {reason}")))
}

impl HostContext {
    pub fn initialize_for_runtime_config(config: &Path, options: &InitializeOptions) -> Result<HostContext> {
        if !config.is_absolute() {
            return Err(Error::invalid_argument(format!(
                "runtimeConfigPath must be an absolute path, got {}",
                config.display()
            )));
        }
        let Resolved { hostfxr, source, .. } = resolve::resolve(&options.resolve)?;
        let initialize = hostfxr.require(
            hostfxr.initialize_for_runtime_config,
            "hostfxr_initialize_for_runtime_config",
            "3.0",
        )?;
        let config_string = path_string(config, "runtimeConfigPath")?;
        let params = parameters(&hostfxr, options)?;
        process::before_initialize(hostfxr.path())?;
        let mut handle = std::ptr::null_mut();
        // SAFETY: every pointer is NUL-terminated or a valid struct that outlives the call.
        let (code, text) =
            hostfxr.capture(|| unsafe { initialize(config_string.as_ptr(), &params.raw, &mut handle) });
        Self::finish(
            hostfxr,
            source,
            ContextKind::RuntimeConfig,
            code,
            text,
            handle,
            &config.display().to_string(),
        )
    }

    pub fn initialize_for_dotnet_command_line(
        args: &[String],
        options: &InitializeOptions,
    ) -> Result<HostContext> {
        if args.is_empty() {
            return Err(Error::invalid_argument(
                "args must contain at least the path of the app's .dll",
            ));
        }
        let app = Path::new(&args[0]);
        if !app.is_absolute() {
            return Err(Error::invalid_argument(format!(
                "args[0] must be the absolute path of the app's .dll, got {}",
                args[0]
            )));
        }
        let mut resolve_options = options.resolve.clone();
        resolve_options.app_path.get_or_insert_with(|| app.to_path_buf());
        let Resolved { hostfxr, source, .. } = resolve::resolve(&resolve_options)?;
        let initialize = hostfxr.require(
            hostfxr.initialize_for_dotnet_command_line,
            "hostfxr_initialize_for_dotnet_command_line",
            "3.0",
        )?;
        let strings = args
            .iter()
            .map(|arg| HostString::new(arg).map_err(Error::invalid_argument))
            .collect::<Result<Vec<_>>>()?;
        let argv: Vec<*const sys::char_t> = strings.iter().map(HostString::as_ptr).collect();
        let params = parameters(&hostfxr, options)?;
        process::before_initialize(hostfxr.path())?;
        let mut handle = std::ptr::null_mut();
        // SAFETY: argv holds argc valid strings; params and its strings outlive the call.
        let (code, text) = hostfxr
            .capture(|| unsafe { initialize(argv.len() as i32, argv.as_ptr(), &params.raw, &mut handle) });
        Self::finish(
            hostfxr,
            source,
            ContextKind::CommandLine,
            code,
            text,
            handle,
            &args[0],
        )
    }

    fn finish(
        hostfxr: Arc<Hostfxr>,
        source: &'static str,
        kind: ContextKind,
        code: i32,
        text: String,
        handle: hostfxr_handle,
        target: &str,
    ) -> Result<HostContext> {
        let operation = match kind {
            ContextKind::RuntimeConfig => "hostfxr_initialize_for_runtime_config",
            ContextKind::CommandLine => "hostfxr_initialize_for_dotnet_command_line",
        };
        if !Status::is_success(code) {
            return Err(initialize_error(&hostfxr, operation, code, text, target));
        }
        let status = Status::from_code(code);
        process::initialized(hostfxr.path().to_path_buf(), status == Status::Success);
        Ok(HostContext {
            hostfxr,
            handle: Cell::new(handle),
            kind,
            status,
            source,
            delegates: Delegates::default(),
        })
    }

    pub fn is_primary(&self) -> bool {
        self.status == Status::Success
    }

    pub fn is_closed(&self) -> bool {
        self.handle.get().is_null()
    }

    pub fn hostfxr_path(&self) -> &Path {
        self.hostfxr.path()
    }

    /// The live handle, or the error every use after `close` (or after the app ran)
    /// gets.
    pub(super) fn handle(&self, operation: &str) -> Result<hostfxr_handle> {
        process::check_not_shut_down()?;
        let handle = self.handle.get();
        if handle.is_null() {
            Err(Error::state(
                "ContextClosed",
                format!("{operation}: the host context is closed"),
            )
            .hint("Create a new context; function pointers obtained before closing stay valid."))
        } else {
            Ok(handle)
        }
    }

    /// Closes the handle; later calls are no-ops.
    pub fn close(&self) -> Result<()> {
        let handle = self.handle.replace(std::ptr::null_mut());
        if handle.is_null() {
            return Ok(());
        }
        if self.is_primary() {
            process::primary_closed();
        }
        let close = self.hostfxr.require(self.hostfxr.close, "hostfxr_close", "3.0")?;
        // SAFETY: handle is live and no longer reachable from this context.
        let (code, text) = self.hostfxr.capture(|| unsafe { close(handle) });
        if Status::is_success(code) {
            Ok(())
        } else {
            Err(Error::status(ErrorClass::HostStatus, "hostfxr_close", code).host_message(text))
        }
    }

    /// Runs the app's Main on this thread; returns its exit code. The runtime shuts down
    /// for good afterwards.
    pub fn run_app(&self) -> Result<i32> {
        if self.kind != ContextKind::CommandLine {
            return Err(Error::state(
                "WrongContextKind",
                "runApp needs a command-line context; this one was initialized from a runtimeconfig",
            )
            .hint("Use initializeForCommandLine([appDllPath, ...args]) to run an app."));
        }
        let handle = self.handle("hostfxr_run_app")?;
        let run = self
            .hostfxr
            .require(self.hostfxr.run_app, "hostfxr_run_app", "3.0")?;
        process::runtime_started();
        super::membarrier::wait_until_registered();
        // SAFETY: handle is live; run_app blocks until Main returns.
        let (code, text) = self.hostfxr.capture(|| unsafe { run(handle) });
        process::app_finished();
        // A negative value may be the app's own exit code; only hosting failures that
        // left a message are reported as errors.
        if !Status::is_success(code) && !text.trim().is_empty() {
            return Err(Error::status(ErrorClass::HostStatus, "hostfxr_run_app", code).host_message(text));
        }
        Ok(code)
    }
}

impl Drop for HostContext {
    fn drop(&mut self) {
        // Never leave a primary context dangling: it would block every later initialize.
        let _ = self.close();
    }
}

fn initialize_error(hostfxr: &Hostfxr, operation: &str, code: i32, text: String, target: &str) -> Error {
    let error = Error::status(ErrorClass::HostStatus, operation, code).host_message(text);
    match Status::from_code(code) {
        Status::InvalidConfigFile => error.hint(format!(
            "Check that {target} exists and is a valid runtimeconfig.json naming a shared framework (self-contained configs cannot be hosted)."
        )),
        Status::FrameworkMissingFailure => {
            let installed = super::environment::installed_frameworks(hostfxr);
            let hint = if installed.is_empty() {
                "Install the .NET runtime the config asks for, or let it roll forward (\"rollForward\": \"Major\").".to_string()
            } else {
                format!(
                    "Installed frameworks: {}. Install the one the config asks for, or let it roll forward (\"rollForward\": \"Major\").",
                    installed.join(", ")
                )
            };
            error.hint(hint).detail("installedFrameworks", Detail::Strings(installed))
        }
        Status::HostIncompatibleConfig => error.hint(
            "The runtime is already running with frameworks this config cannot use: one runtime per process. Use a config compatible with the first one.",
        ),
        Status::HostInvalidState => error.hint(
            "A command-line context must be the first context of the process (and only one per process); use a child process to run an app.",
        ),
        Status::CoreHostLibMissingFailure | Status::CoreHostLibLoadFailure => {
            error.hint("The .NET installation looks incomplete: reinstall the runtime or point dotnetRoot at a complete one.")
        }
        _ => error,
    }
}
