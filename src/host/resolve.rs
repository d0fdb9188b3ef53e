//! From user options to a loaded hostfxr: explicit path, nethost, or discovery.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::process;
use crate::error::{Detail, Error, ErrorClass, Result};
use crate::hostfxr::discovery::{self, Attempt, SearchOptions, System};
use crate::hostfxr::{nethost, Hostfxr};

#[derive(Clone, Debug, Default)]
pub struct ResolveOptions {
    pub hostfxr_path: Option<PathBuf>,
    pub dotnet_root: Option<PathBuf>,
    pub app_path: Option<PathBuf>,
    pub nethost_path: Option<PathBuf>,
}

/// Where hostfxr was found and how.
pub struct Resolved {
    pub hostfxr: Arc<Hostfxr>,
    pub source: &'static str,
    pub version: Option<String>,
    pub trail: Vec<Attempt>,
}

fn records(trail: &[Attempt]) -> Vec<Vec<(&'static str, String)>> {
    trail
        .iter()
        .map(|attempt| {
            let (outcome, reason) = match &attempt.result {
                Ok(path) => ("accepted", path.display().to_string()),
                Err(reason) => ("rejected", reason.clone()),
            };
            vec![
                ("source", attempt.source.as_str().to_string()),
                ("location", attempt.location.clone()),
                ("outcome", outcome.to_string()),
                ("reason", reason),
            ]
        })
        .collect()
}

pub fn trail_records(trail: &[Attempt]) -> Vec<Vec<(&'static str, String)>> {
    records(trail)
}

fn absolute(path: &Path, what: &str) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::invalid_argument(format!("{what} must not be empty")));
    }
    if !path.is_absolute() {
        return Err(Error::invalid_argument(format!(
            "{what} must be an absolute path, got {}",
            path.display()
        ))
        .hint(
            "Resolve it first, e.g. path.resolve(p); relative paths would depend on the current directory.",
        ));
    }
    Ok(())
}

pub fn resolve(options: &ResolveOptions) -> Result<Resolved> {
    for (path, what) in [
        (&options.hostfxr_path, "hostfxrPath"),
        (&options.dotnet_root, "dotnetRoot"),
        (&options.app_path, "appPath"),
        (&options.nethost_path, "nethostPath"),
    ] {
        if let Some(path) = path {
            absolute(path, what)?;
        }
    }
    if let Some(nethost) = &options.nethost_path {
        let path = nethost::get_hostfxr_path(
            nethost,
            options.app_path.as_deref(),
            options.dotnet_root.as_deref(),
        )?;
        let root = options.dotnet_root.clone().or_else(|| root_of(&path));
        return Ok(Resolved {
            hostfxr: Hostfxr::load(&path, root)?,
            source: "nethost",
            version: None,
            trail: Vec::new(),
        });
    }
    let mut system = System::current();
    // The hostfxr we already run the runtime with counts as "already loaded", even
    // when the platform lookup cannot see it.
    if let Some(active) = process::active_hostfxr() {
        system.loaded_hostfxr = Box::new(move || Some(active.clone()));
    }
    let search = SearchOptions {
        hostfxr_path: options.hostfxr_path.as_deref(),
        dotnet_root: options.dotnet_root.as_deref(),
        app_path: options.app_path.as_deref(),
        system: &system,
    };
    match discovery::find_hostfxr(&search) {
        Ok(found) => {
            let root = found.dotnet_root.clone().or_else(|| root_of(&found.path));
            Ok(Resolved {
                hostfxr: Hostfxr::load(&found.path, root)?,
                source: found.source.as_str(),
                version: found.version,
                trail: found.trail,
            })
        }
        Err(not_found) => Err(Error::new(
            ErrorClass::HostfxrNotFound,
            "HostfxrNotFound",
            not_found.to_string(),
        )
        .hint(format!(
            "Install a .NET runtime (8 or later), set DOTNET_ROOT to its folder, or pass dotnetRoot/hostfxrPath. `{}` is the library searched for.",
            discovery::HOSTFXR_LIBRARY_NAME
        ))
        .detail("searched", Detail::Records(records(&not_found.trail)))),
    }
}

/// `<root>/host/fxr/<version>/hostfxr` → `<root>`.
fn root_of(hostfxr: &Path) -> Option<PathBuf> {
    let version_dir = hostfxr.parent()?;
    let fxr = version_dir.parent()?;
    let host = fxr.parent()?;
    (fxr.file_name()? == "fxr" && host.file_name()? == "host")
        .then(|| host.parent().map(Path::to_path_buf))?
}
