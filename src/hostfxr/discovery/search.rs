//! The steps of the search. Each records what it looked at and why it was rejected; the
//! first accepted place ends the search.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::registry::install_location_value_name;
use super::root::{find_in_root, layout_of};
use super::system::{
    dotnet_root_variables, with_native_separators, without_verbatim_prefix, ARCH, DOTNET_EXECUTABLE,
    HOME_VARIABLE,
};
use super::{heading, Attempt, Found, NotFound, Source, System, HOSTFXR_LIBRARY_NAME};

pub(crate) const RELATIVE: &str = "relative path ignored: it would be resolved against the current directory";
pub(crate) const RELATIVE_PATH_ENTRY: &str =
    "ignored: relative/empty entries would search the current directory";

pub(crate) struct Hit {
    path: PathBuf,
    dotnet_root: Option<PathBuf>,
    version: Option<String>,
    source: Source,
}

impl Hit {
    /// For a library reached directly rather than by scanning a root: its root and
    /// version are known only when it sits in the usual `host/fxr/<version>` layout.
    fn library(path: PathBuf, source: Source) -> Hit {
        let (dotnet_root, version) = match layout_of(&path) {
            Some((root, version)) => (Some(root), Some(version)),
            None => (None, None),
        };
        Hit {
            path,
            dotnet_root,
            version,
            source,
        }
    }
}

pub(crate) struct Search<'s> {
    system: &'s System,
    trail: Vec<Attempt>,
    /// Roots already scanned, by canonical path, with the heading of the first route
    /// that reached them, so a root found twice is not scanned twice.
    checked: Vec<(PathBuf, String)>,
}

impl<'s> Search<'s> {
    pub(crate) fn new(system: &'s System) -> Search<'s> {
        Search {
            system,
            trail: Vec::new(),
            checked: Vec::new(),
        }
    }

    pub(crate) fn finish(self, hit: Option<Hit>) -> Result<Found, NotFound> {
        match hit {
            Some(hit) => Ok(Found {
                path: hit.path,
                dotnet_root: hit.dotnet_root,
                version: hit.version,
                source: hit.source,
                trail: self.trail,
            }),
            None => Err(NotFound { trail: self.trail }),
        }
    }

    fn reject(&mut self, source: Source, location: impl Into<String>, reason: impl Into<String>) {
        self.trail.push(Attempt {
            source,
            location: location.into(),
            result: Err(reason.into()),
        });
    }

    fn accept(&mut self, source: Source, location: impl Into<String>, library: &Path) {
        self.trail.push(Attempt {
            source,
            location: location.into(),
            result: Ok(library.to_path_buf()),
        });
    }

    /// Explicit options may be relative: the user named them, so the current directory
    /// is what they asked for. They are made absolute so that the loader never gets a
    /// bare file name, which it would look up in its own search path instead.
    fn absolute(&mut self, source: Source, path: &Path) -> Option<PathBuf> {
        match std::path::absolute(path) {
            Ok(path) => Some(path),
            Err(error) => {
                let reason = format!("cannot make the path absolute: {error}");
                self.reject(source, path.display().to_string(), reason);
                None
            }
        }
    }

    pub(crate) fn explicit_hostfxr(&mut self, path: &Path) -> Option<Hit> {
        let source = Source::HostfxrPath;
        let path = self.absolute(source, path)?;
        let location = path.display().to_string();
        let problem = match fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => None,
            Ok(metadata) if metadata.is_dir() => Some("is a directory, not the library file".to_string()),
            Ok(_) => Some("not a regular file".to_string()),
            Err(error) if error.kind() == ErrorKind::NotFound => Some("file does not exist".to_string()),
            Err(error) => Some(format!("cannot access: {error}")),
        };
        if let Some(reason) = problem {
            self.reject(source, location, reason);
            return None;
        }
        self.accept(source, location, &path);
        Some(Hit::library(path, source))
    }

    pub(crate) fn explicit_root(&mut self, root: &Path) -> Option<Hit> {
        let root = self.absolute(Source::DotnetRoot, root)?;
        self.try_root(Source::DotnetRoot, root.display().to_string(), &root)
    }

    pub(crate) fn app_local(&mut self, app: &Path) -> Option<Hit> {
        let source = Source::AppLocal;
        let app = self.absolute(source, app)?;
        let directory = match fs::metadata(&app) {
            Ok(metadata) if metadata.is_dir() => app,
            Ok(_) => app.parent().map(Path::to_path_buf)?,
            Err(error) => {
                let reason = match error.kind() {
                    ErrorKind::NotFound => "app path does not exist".to_string(),
                    _ => format!("cannot access: {error}"),
                };
                self.reject(source, app.display().to_string(), reason);
                return None;
            }
        };
        let library = directory.join(HOSTFXR_LIBRARY_NAME);
        let location = directory.display().to_string();
        if !library.is_file() {
            let reason = format!("no {HOSTFXR_LIBRARY_NAME} in this directory");
            self.reject(source, location, reason);
            return None;
        }
        self.accept(source, location, &library);
        Some(Hit {
            path: library,
            dotnet_root: Some(directory),
            version: None,
            source,
        })
    }

    /// nethost's order first, then the places it misses.
    pub(crate) fn automatic(&mut self) -> Option<Hit> {
        let steps: [fn(&mut Self) -> Option<Hit>; 7] = [
            Self::environment,
            Self::install_location,
            Self::registry,
            Self::platform_defaults,
            Self::dotnet_on_path,
            Self::well_known,
            Self::user_home,
        ];
        steps.iter().find_map(|step| step(self))
    }

    pub(crate) fn already_loaded(&mut self) -> Option<Hit> {
        let source = Source::AlreadyLoaded;
        let Some(path) = (self.system.loaded_hostfxr)() else {
            self.reject(source, HOSTFXR_LIBRARY_NAME, "not loaded in this process");
            return None;
        };
        self.accept(source, HOSTFXR_LIBRARY_NAME, &path);
        Some(Hit::library(path, source))
    }

    fn environment(&mut self) -> Option<Hit> {
        let source = Source::Environment;
        for name in dotnet_root_variables() {
            match (self.system.env)(&name) {
                None => self.reject(source, name, "not set"),
                Some(value) if value.is_empty() => self.reject(source, name, "set but empty"),
                Some(value) => {
                    let root = PathBuf::from(value);
                    let location = format!("{name}={}", root.display());
                    if let Some(hit) = self.try_root(source, location, &root) {
                        return Some(hit);
                    }
                }
            }
        }
        None
    }

    fn install_location(&mut self) -> Option<Hit> {
        let source = Source::InstallLocation;
        let directory = self.system.etc_dotnet_dir.as_ref()?;
        let mut files = Vec::new();
        if let Some(arch) = ARCH {
            files.push(directory.join(format!("install_location_{arch}")));
        }
        files.push(directory.join("install_location"));
        for file in files {
            match first_line(&file) {
                Err(reason) => self.reject(source, file.display().to_string(), reason),
                Ok(line) => {
                    let location = format!("{} -> {line}", file.display());
                    if let Some(hit) = self.try_root(source, location, Path::new(&line)) {
                        return Some(hit);
                    }
                }
            }
        }
        None
    }

    fn registry(&mut self) -> Option<Hit> {
        let source = Source::Registry;
        let system = self.system;
        let read = system.registry_install_location.as_ref()?;
        let value = install_location_value_name();
        match read() {
            None => {
                self.reject(source, value, "not set");
                None
            }
            Some(root) => self.try_root(source, format!("{value} = {}", root.display()), &root),
        }
    }

    fn platform_defaults(&mut self) -> Option<Hit> {
        let system = self.system;
        self.try_roots(Source::PlatformDefault, &system.platform_defaults)
    }

    fn well_known(&mut self) -> Option<Hit> {
        let system = self.system;
        self.try_roots(Source::WellKnownPath, &system.well_known)
    }

    /// Roots where `dotnet` is on PATH but nethost does not look, such as a tarball
    /// install under /opt with a symlink in /usr/local/bin.
    fn dotnet_on_path(&mut self) -> Option<Hit> {
        let source = Source::DotnetOnPath;
        let Some(path) = (self.system.env)("PATH") else {
            self.reject(source, "PATH", "not set");
            return None;
        };
        let mut searched = Vec::new();
        let mut found_any = false;
        for entry in std::env::split_paths(&path) {
            if !entry.is_absolute() {
                let location = format!("PATH entry \"{}\"", entry.display());
                self.reject(source, location, RELATIVE_PATH_ENTRY);
                continue;
            }
            let executable = entry.join(DOTNET_EXECUTABLE);
            if !executable.is_file() {
                searched.push(entry.display().to_string());
                continue;
            }
            found_any = true;
            // A symlinked dotnet (/usr/bin/dotnet) lives apart from its root; the real
            // file's directory is the root.
            let real = match fs::canonicalize(&executable) {
                Ok(real) => without_verbatim_prefix(real),
                Err(error) => {
                    let location = format!("PATH {}", executable.display());
                    self.reject(source, location, format!("cannot resolve: {error}"));
                    continue;
                }
            };
            let location = if real == executable {
                format!("PATH {}", executable.display())
            } else {
                format!("PATH {} -> {}", executable.display(), real.display())
            };
            let Some(root) = real.parent() else { continue };
            if let Some(hit) = self.try_root(source, location, root) {
                return Some(hit);
            }
        }
        if !found_any {
            let reason = if searched.is_empty() {
                "no absolute entries to search".to_string()
            } else {
                format!(
                    "no {DOTNET_EXECUTABLE} in any absolute entry (searched {})",
                    searched.join(", ")
                )
            };
            self.reject(source, "PATH", reason);
        }
        None
    }

    fn user_home(&mut self) -> Option<Hit> {
        let source = Source::UserHome;
        let home = match (self.system.env)(HOME_VARIABLE) {
            None => {
                self.reject(source, HOME_VARIABLE, "not set");
                return None;
            }
            Some(home) if home.is_empty() => {
                self.reject(source, HOME_VARIABLE, "set but empty");
                return None;
            }
            Some(home) => PathBuf::from(home),
        };
        if !home.is_absolute() {
            let location = format!("{HOME_VARIABLE}={}", home.display());
            self.reject(source, location, RELATIVE);
            return None;
        }
        let root = home.join(".dotnet");
        self.try_root(source, root.display().to_string(), &root)
    }

    fn try_roots(&mut self, source: Source, roots: &[PathBuf]) -> Option<Hit> {
        roots
            .iter()
            .find_map(|root| self.try_root(source, root.display().to_string(), root))
    }

    fn try_root(&mut self, source: Source, location: String, root: &Path) -> Option<Hit> {
        if !root.is_absolute() {
            self.reject(source, location, RELATIVE);
            return None;
        }
        // The location keeps the value as written; the root itself is what hostfxr gets.
        let root = &with_native_separators(root);
        let key = fs::canonicalize(root)
            .map(without_verbatim_prefix)
            .unwrap_or_else(|_| root.to_path_buf());
        if let Some((_, first)) = self.checked.iter().find(|(checked, _)| *checked == key) {
            let reason = format!("already checked above ({first})");
            self.reject(source, location, reason);
            return None;
        }
        self.checked.push((key, heading(source, &location)));
        match find_in_root(root) {
            Ok(found) => {
                self.accept(source, location, &found.path);
                Some(Hit {
                    path: found.path,
                    dotnet_root: Some(root.to_path_buf()),
                    version: Some(found.version),
                    source,
                })
            }
            Err(reason) => {
                self.reject(source, location, reason);
                None
            }
        }
    }
}

/// The first line of an install_location file, trimmed, as nethost reads it.
fn first_line(file: &Path) -> Result<String, String> {
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == ErrorKind::NotFound => return Err("file does not exist".to_string()),
        Err(error) => return Err(format!("cannot read: {error}")),
    };
    let text = String::from_utf8(bytes).map_err(|_| "not valid UTF-8".to_string())?;
    let line = text.lines().next().unwrap_or("");
    let line = line.trim_start_matches('\u{FEFF}').trim();
    if line.is_empty() {
        Err("first line is empty".to_string())
    } else {
        Ok(line.to_string())
    }
}
