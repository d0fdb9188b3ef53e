//! Test helpers: throw-away dotnet roots and tests that need a process of their own.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::system::without_verbatim_prefix;
use super::HOSTFXR_LIBRARY_NAME;

/// A directory under the system temp dir, unique per test, removed on drop.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "dotnet-host-discovery-{}-{name}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        // Canonical, so that results which resolve symlinks (a temp dir under a
        // symlinked /tmp or /var) compare equal to what the test built.
        TempDir(without_verbatim_prefix(fs::canonicalize(&path).unwrap()))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }

    /// A dotnet root at `relative` with `host/fxr/<version>/` folders, with and without
    /// the hostfxr library inside.
    pub(crate) fn dotnet_root(
        &self,
        relative: &str,
        with_library: &[&str],
        without_library: &[&str],
    ) -> PathBuf {
        let root = self.0.join(relative);
        fs::create_dir_all(&root).unwrap();
        for version in with_library {
            let folder = root.join("host").join("fxr").join(version);
            fs::create_dir_all(&folder).unwrap();
            fs::write(folder.join(HOSTFXR_LIBRARY_NAME), "").unwrap();
        }
        for version in without_library {
            fs::create_dir_all(root.join("host").join("fxr").join(version)).unwrap();
        }
        root
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const ISOLATED_TEST: &str = "DOTNET_HOST_DISCOVERY_ISOLATED_TEST";

/// Runs `body` in a fresh copy of the test binary that runs only this test, for tests
/// that observe or change process-wide state (loaded libraries). `module` is the
/// caller's `module_path!()` and `name` its test function.
pub(crate) fn isolated(module: &str, name: &str, body: impl FnOnce()) {
    // Test names leave out the crate name that module_path! starts with.
    let module = module.split_once("::").map_or(module, |(_, rest)| rest);
    let test = format!("{module}::{name}");
    if std::env::var_os(ISOLATED_TEST).is_some_and(|value| value == test.as_str()) {
        body();
        return;
    }
    let output = Command::new(std::env::current_exe().unwrap())
        .args([test.as_str(), "--exact", "--nocapture", "--test-threads=1"])
        .env(ISOLATED_TEST, &test)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // A filter matching nothing also succeeds, hence the count.
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "isolated test {test} failed:\n{stdout}\n{stderr}"
    );
}
