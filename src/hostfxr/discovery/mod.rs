//! Finding the hostfxr library: nethost's search order, then the places nethost misses
//! (`dotnet` on PATH, distro package roots, per-user installs), never the current
//! directory. Every place looked at is kept in a trail so a failure can say exactly why.

mod loaded;
mod registry;
mod root;
mod search;
mod system;
mod version;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod testutil;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

pub use loaded::loaded_hostfxr;
pub use version::compare_versions;

use search::Search;

#[cfg(windows)]
pub const HOSTFXR_LIBRARY_NAME: &str = "hostfxr.dll";
#[cfg(target_os = "macos")]
pub const HOSTFXR_LIBRARY_NAME: &str = "libhostfxr.dylib";
#[cfg(not(any(windows, target_os = "macos")))]
pub const HOSTFXR_LIBRARY_NAME: &str = "libhostfxr.so";

/// How a hostfxr candidate was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    HostfxrPath,
    AlreadyLoaded,
    DotnetRoot,
    AppLocal,
    Environment,
    InstallLocation,
    Registry,
    PlatformDefault,
    DotnetOnPath,
    WellKnownPath,
    UserHome,
}

impl Source {
    /// Stable camelCase name, for JavaScript-facing objects.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::HostfxrPath => "hostfxrPath",
            Source::AlreadyLoaded => "alreadyLoaded",
            Source::DotnetRoot => "dotnetRoot",
            Source::AppLocal => "appLocal",
            Source::Environment => "environment",
            Source::InstallLocation => "installLocation",
            Source::Registry => "registry",
            Source::PlatformDefault => "platformDefault",
            Source::DotnetOnPath => "dotnetOnPath",
            Source::WellKnownPath => "wellKnownPath",
            Source::UserHome => "userHome",
        }
    }

    /// Words put before an attempt's location in messages. PATH attempts have none
    /// because their locations already start with "PATH".
    fn label(self) -> &'static str {
        match self {
            Source::HostfxrPath => "hostfxr path",
            Source::AlreadyLoaded => "loaded library",
            Source::DotnetRoot => "dotnet root",
            Source::AppLocal => "next to app",
            Source::Environment => "environment",
            Source::InstallLocation => "install location",
            Source::Registry => "registry",
            Source::PlatformDefault => "platform default",
            Source::DotnetOnPath => "",
            Source::WellKnownPath => "well-known path",
            Source::UserHome => "user home",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One place the search looked at.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub source: Source,
    /// The path, variable or registry value looked at, human readable.
    pub location: String,
    /// `Ok(hostfxr path)` when accepted, `Err(reason)` when rejected.
    pub result: Result<PathBuf, String>,
}

impl Attempt {
    /// "environment DOTNET_ROOT", "PATH entry \"\"": what was looked at, without the outcome.
    pub fn heading(&self) -> String {
        heading(self.source, &self.location)
    }
}

fn heading(source: Source, location: &str) -> String {
    match source.label() {
        "" => location.to_string(),
        label => format!("{label} {location}"),
    }
}

impl fmt::Display for Attempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.result {
            Ok(path) => write!(f, "{}: found {}", self.heading(), path.display()),
            Err(reason) => write!(f, "{}: {reason}", self.heading()),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Found {
    /// The hostfxr library file.
    pub path: PathBuf,
    /// The dotnet root it belongs to; for an app-local hostfxr, the app directory.
    pub dotnet_root: Option<PathBuf>,
    /// The `host/fxr/<version>` folder name, when it came from one.
    pub version: Option<String>,
    pub source: Source,
    pub trail: Vec<Attempt>,
}

#[derive(Clone, Debug)]
pub struct NotFound {
    pub trail: Vec<Attempt>,
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hostfxr ({HOSTFXR_LIBRARY_NAME}) was not found. Searched:")?;
        for attempt in &self.trail {
            write!(f, "\n  - {attempt}")?;
        }
        Ok(())
    }
}

impl std::error::Error for NotFound {}

pub struct SearchOptions<'a> {
    /// Use exactly this file; nothing else is tried.
    pub hostfxr_path: Option<&'a Path>,
    /// Use exactly this dotnet root; nothing else is tried.
    pub dotnet_root: Option<&'a Path>,
    /// The app or assembly: a self-contained app has hostfxr next to it. When it does
    /// not, the automatic search follows.
    pub app_path: Option<&'a Path>,
    pub system: &'a System,
}

/// Looks up an environment variable.
pub type EnvLookup = Box<dyn Fn(&str) -> Option<OsString> + Send + Sync>;
/// Produces a path from the machine (the registry, the loaded modules), if it has one.
pub type PathProvider = Box<dyn Fn() -> Option<PathBuf> + Send + Sync>;

/// Everything the search reads from the machine, injectable so unit tests use temp dirs.
/// Build it with [`System::current`] in production.
pub struct System {
    /// Environment lookup (`std::env::var_os` in production).
    pub env: EnvLookup,
    /// Holds `install_location[_<arch>]`: `/etc/dotnet` on Unix, `None` on Windows,
    /// which has no such files.
    pub etc_dotnet_dir: Option<PathBuf>,
    pub platform_defaults: Vec<PathBuf>,
    /// `/usr/lib/dotnet`, `/usr/lib64/dotnet` on Unix; empty on Windows.
    pub well_known: Vec<PathBuf>,
    /// Reads the registered install location; `None` (the field) where there is no
    /// registry, so the trail does not mention one.
    pub registry_install_location: Option<PathProvider>,
    /// [`loaded_hostfxr`] in production.
    pub loaded_hostfxr: PathProvider,
}

/// Finds hostfxr. An explicit `hostfxr_path` or `dotnet_root` is the only place looked
/// at: a user who names one wants that one, not a silent substitute. Otherwise: an
/// already-loaded hostfxr, next to `app_path`, `DOTNET_ROOT_<ARCH>`, `DOTNET_ROOT(x86)`
/// (32-bit Windows), `DOTNET_ROOT`, `/etc/dotnet/install_location[_<arch>]`, the
/// registry, the platform default, `dotnet` on PATH, the well-known package roots and
/// `~/.dotnet`. The first half is nethost's order, so a machine that works for
/// `dotnet` works here; the rest is where nethost fails users.
pub fn find_hostfxr(opts: &SearchOptions) -> Result<Found, NotFound> {
    let mut search = Search::new(opts.system);
    let hit = if let Some(path) = opts.hostfxr_path {
        search.explicit_hostfxr(path)
    } else if let Some(root) = opts.dotnet_root {
        search.explicit_root(root)
    } else {
        // One hostfxr per process: one already loaded wins even over an app-local one.
        search
            .already_loaded()
            .or_else(|| opts.app_path.and_then(|app| search.app_local(app)))
            .or_else(|| search.automatic())
    };
    search.finish(hit)
}
