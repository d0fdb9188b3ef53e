//! What differs per platform and architecture: names, default roots, and
//! [`System::current`], the real machine as the search sees it.

use std::path::{Path, PathBuf};

use super::{loaded_hostfxr, PathProvider, System};

/// The architecture name .NET uses in install_location files, registry keys and
/// (upper-cased) `DOTNET_ROOT_<ARCH>`; `None` where .NET has no name for it, which
/// skips the arch-specific places.
#[cfg(target_arch = "x86_64")]
pub(crate) const ARCH: Option<&str> = Some("x64");
#[cfg(target_arch = "aarch64")]
pub(crate) const ARCH: Option<&str> = Some("arm64");
#[cfg(target_arch = "x86")]
pub(crate) const ARCH: Option<&str> = Some("x86");
#[cfg(target_arch = "arm")]
pub(crate) const ARCH: Option<&str> = Some("arm");
#[cfg(target_arch = "riscv64")]
pub(crate) const ARCH: Option<&str> = Some("riscv64");
#[cfg(target_arch = "loongarch64")]
pub(crate) const ARCH: Option<&str> = Some("loongarch64");
#[cfg(target_arch = "s390x")]
pub(crate) const ARCH: Option<&str> = Some("s390x");
#[cfg(all(target_arch = "powerpc64", target_endian = "little"))]
pub(crate) const ARCH: Option<&str> = Some("ppc64le");
#[cfg(not(any(
    target_arch = "x86_64",
    target_arch = "aarch64",
    target_arch = "x86",
    target_arch = "arm",
    target_arch = "riscv64",
    target_arch = "loongarch64",
    target_arch = "s390x",
    all(target_arch = "powerpc64", target_endian = "little"),
)))]
pub(crate) const ARCH: Option<&str> = None;

#[cfg(windows)]
pub(crate) const DOTNET_EXECUTABLE: &str = "dotnet.exe";
#[cfg(not(windows))]
pub(crate) const DOTNET_EXECUTABLE: &str = "dotnet";

#[cfg(windows)]
pub(crate) const HOME_VARIABLE: &str = "USERPROFILE";
#[cfg(not(windows))]
pub(crate) const HOME_VARIABLE: &str = "HOME";

/// The environment variables naming a dotnet root, in nethost's order.
pub(crate) fn dotnet_root_variables() -> Vec<String> {
    let mut names = Vec::new();
    if let Some(arch) = ARCH {
        names.push(format!("DOTNET_ROOT_{}", arch.to_ascii_uppercase()));
    }
    // nethost reads this only in a 32-bit process on 64-bit Windows, where it names the
    // x86 install next to an x64 one; elsewhere it would point at the wrong architecture.
    if cfg!(all(windows, target_arch = "x86")) {
        names.push("DOTNET_ROOT(x86)".to_string());
    }
    names.push("DOTNET_ROOT".to_string());
    names
}

fn platform_defaults() -> Vec<PathBuf> {
    if cfg!(windows) {
        // In a 32-bit process on 64-bit Windows, %ProgramFiles% already names
        // "Program Files (x86)", where the x86 dotnet lives.
        let program_files = std::env::var_os("ProgramFiles")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(r"C:\Program Files"));
        vec![program_files.join("dotnet")]
    } else if cfg!(target_os = "macos") {
        vec![PathBuf::from("/usr/local/share/dotnet")]
    } else {
        vec![PathBuf::from("/usr/share/dotnet")]
    }
}

fn well_known() -> Vec<PathBuf> {
    if cfg!(unix) {
        // Ubuntu's own packages install here, Fedora's and RHEL's under lib64; nethost
        // knows neither.
        vec![
            PathBuf::from("/usr/lib/dotnet"),
            PathBuf::from("/usr/lib64/dotnet"),
        ]
    } else {
        Vec::new()
    }
}

impl System {
    pub fn current() -> System {
        System {
            env: Box::new(|name| std::env::var_os(name)),
            etc_dotnet_dir: (!cfg!(windows)).then(|| PathBuf::from("/etc/dotnet")),
            platform_defaults: platform_defaults(),
            well_known: well_known(),
            registry_install_location: registry_reader(),
            loaded_hostfxr: Box::new(loaded_hostfxr),
        }
    }
}

#[cfg(windows)]
fn registry_reader() -> Option<PathProvider> {
    Some(Box::new(super::registry::read_install_location))
}

#[cfg(not(windows))]
fn registry_reader() -> Option<PathProvider> {
    None
}

/// Windows: a root as written in DOTNET_ROOT, the registry or PATH may use `/`. Win32
/// path normalization turns it into `\` everywhere but in `\\?\` paths, and hostfxr
/// needs the root in that form: it builds the framework's TRUSTED_PLATFORM_ASSEMBLIES
/// from the root as given but adds System.Private.CoreLib under the normalized path, so a
/// root with `/` lists CoreLib twice and CoreCLR fails to start (E_INVALIDARG, reported
/// as CoreClrInitFailure).
#[cfg(windows)]
pub(crate) fn with_native_separators(path: &Path) -> PathBuf {
    use std::ffi::OsString;
    use std::os::windows::ffi::{OsStrExt, OsStringExt};

    let wide: Vec<u16> = path.as_os_str().encode_wide().collect();
    let verbatim: Vec<u16> = r"\\?\".encode_utf16().collect();
    if wide.starts_with(&verbatim) {
        return path.to_path_buf();
    }
    let slash = u16::from(b'/');
    let backslash = u16::from(b'\\');
    let native: Vec<u16> = wide
        .into_iter()
        .map(|unit| if unit == slash { backslash } else { unit })
        .collect();
    PathBuf::from(OsString::from_wide(&native))
}

#[cfg(not(windows))]
pub(crate) fn with_native_separators(path: &Path) -> PathBuf {
    path.to_path_buf()
}

/// Shortens `\\?\C:\...`, which `canonicalize` returns on Windows, to `C:\...` so
/// messages show the path users know. Both forms load the same file.
#[cfg(windows)]
pub(crate) fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    let text = path.as_os_str().to_string_lossy();
    let rest = match text.strip_prefix(r"\\?\") {
        Some(rest) => rest,
        None => return path,
    };
    let bytes = rest.as_bytes();
    let is_drive_path =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\';
    // Without the prefix Windows would cap the length at MAX_PATH and strip trailing
    // dots and spaces from names, so keep it whenever that could change the meaning;
    // and only a lossless round trip may replace the original.
    let normalization_safe = rest.len() < 260
        && rest
            .split('\\')
            .all(|name| !name.ends_with('.') && !name.ends_with(' '));
    if is_drive_path && normalization_safe && !text.contains('\u{FFFD}') {
        PathBuf::from(rest)
    } else {
        path
    }
}

#[cfg(not(windows))]
pub(crate) fn without_verbatim_prefix(path: PathBuf) -> PathBuf {
    path
}
