//! Picking hostfxr inside one dotnet root: the highest `host/fxr/<version>/` that really
//! holds the library. A version folder can be left empty by a half-finished uninstall,
//! so the presence of the file, not of the folder, decides.

use std::cmp::Ordering;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::version::{compare_versions, is_version};
use super::HOSTFXR_LIBRARY_NAME;

pub(crate) struct InRoot {
    pub path: PathBuf,
    pub version: String,
}

/// Looks for hostfxr under `root`; the error is a reason fit for the trail.
pub(crate) fn find_in_root(root: &Path) -> Result<InRoot, String> {
    match fs::metadata(root) {
        Ok(metadata) if metadata.is_dir() => {}
        Ok(_) => return Err("not a directory".to_string()),
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Err("directory does not exist".to_string())
        }
        Err(error) => return Err(format!("cannot access: {error}")),
    }
    let fxr = root.join("host").join("fxr");
    let entries = match fs::read_dir(&fxr) {
        Ok(entries) => entries,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Err(format!("{}: directory does not exist", fxr.display()))
        }
        Err(error) => return Err(format!("{}: cannot read: {error}", fxr.display())),
    };
    let mut versions: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| is_version(name))
        .collect();
    if versions.is_empty() {
        return Err(format!("{}: no version folders", fxr.display()));
    }
    versions.sort_by(|a, b| newest_first(a, b));
    for version in &versions {
        let library = fxr.join(version).join(HOSTFXR_LIBRARY_NAME);
        if library.is_file() {
            return Ok(InRoot {
                path: library,
                version: version.clone(),
            });
        }
    }
    Err(format!(
        "{}: no version folder contains {HOSTFXR_LIBRARY_NAME} (checked {})",
        fxr.display(),
        versions.join(", ")
    ))
}

/// Equal precedence ("8.0.0" and "8.0.0+build") falls back to the name, so the choice
/// does not depend on directory listing order.
fn newest_first(a: &str, b: &str) -> Ordering {
    let by_version = compare_versions(b, a).unwrap_or(Ordering::Equal);
    by_version.then_with(|| b.cmp(a))
}

/// The root and version of a path laid out as `<root>/host/fxr/<version>/<library>`,
/// for a hostfxr reached without scanning a root (explicit path, already loaded).
pub(crate) fn layout_of(library: &Path) -> Option<(PathBuf, String)> {
    let version_dir = library.parent()?;
    let version = version_dir.file_name()?.to_str()?;
    let fxr = version_dir.parent()?;
    let host = fxr.parent()?;
    let root = host.parent()?;
    let is_layout = is_version(version) && fxr.file_name()? == "fxr" && host.file_name()? == "host";
    is_layout.then(|| (root.to_path_buf(), version.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::TempDir;
    use super::*;

    #[test]
    fn highest_version_with_the_library_wins() {
        let temp = TempDir::new("root-highest");
        let root = temp.dotnet_root("dotnet", &["8.0.0", "10.0.0", "9.0.1"], &[]);
        let found = find_in_root(&root).unwrap();
        assert_eq!(found.version, "10.0.0");
        assert_eq!(
            found.path,
            root.join("host/fxr/10.0.0").join(HOSTFXR_LIBRARY_NAME)
        );
    }

    #[test]
    fn higher_folder_without_the_library_is_skipped() {
        let temp = TempDir::new("root-skip");
        let root = temp.dotnet_root("dotnet", &["8.0.0", "9.0.1"], &["10.0.0"]);
        let found = find_in_root(&root).unwrap();
        assert_eq!(found.version, "9.0.1");
    }

    #[test]
    fn pre_release_ranks_below_release_and_junk_is_ignored() {
        let temp = TempDir::new("root-pre");
        let root = temp.dotnet_root("dotnet", &["10.0.0-rc.1.25451.107", "10.0.0"], &[]);
        fs::create_dir_all(root.join("host/fxr/zzz-not-a-version")).unwrap();
        assert_eq!(find_in_root(&root).unwrap().version, "10.0.0");
    }

    #[test]
    fn reasons_name_the_problem() {
        let temp = TempDir::new("root-reasons");
        let missing = temp.path().join("missing");
        assert_eq!(find_in_root(&missing).err().unwrap(), "directory does not exist");

        let file = temp.path().join("file");
        fs::write(&file, "").unwrap();
        assert_eq!(find_in_root(&file).err().unwrap(), "not a directory");

        let bare = temp.path().join("bare");
        fs::create_dir_all(&bare).unwrap();
        let fxr = bare.join("host").join("fxr");
        assert_eq!(
            find_in_root(&bare).err().unwrap(),
            format!("{}: directory does not exist", fxr.display())
        );

        fs::create_dir_all(fxr.join("latest")).unwrap();
        assert_eq!(
            find_in_root(&bare).err().unwrap(),
            format!("{}: no version folders", fxr.display())
        );

        let empty = temp.dotnet_root("empty", &[], &["8.0.0", "9.0.1"]);
        assert_eq!(
            find_in_root(&empty).err().unwrap(),
            format!(
                "{}: no version folder contains {HOSTFXR_LIBRARY_NAME} (checked 9.0.1, 8.0.0)",
                empty.join("host").join("fxr").display()
            )
        );
    }

    #[test]
    fn layout_gives_root_and_version() {
        let library = Path::new("/opt/dotnet/host/fxr/8.0.1").join(HOSTFXR_LIBRARY_NAME);
        assert_eq!(
            layout_of(&library),
            Some((PathBuf::from("/opt/dotnet"), "8.0.1".to_string()))
        );
        let app_local = Path::new("/srv/app").join(HOSTFXR_LIBRARY_NAME);
        assert_eq!(layout_of(&app_local), None);
    }
}
