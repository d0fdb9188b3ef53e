//! The search as a whole, against throw-away roots and an injected [`System`].

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};

use super::search::{RELATIVE, RELATIVE_PATH_ENTRY};
use super::system::{with_native_separators, ARCH, DOTNET_EXECUTABLE, HOME_VARIABLE};
use super::testutil::{isolated, TempDir};
use super::*;

fn arch_variable() -> String {
    format!("DOTNET_ROOT_{}", ARCH.unwrap().to_ascii_uppercase())
}

/// A machine with nothing on it but the given environment; tests add the rest.
fn machine(temp: &TempDir, vars: &[(&str, &OsStr)]) -> System {
    let vars: HashMap<String, OsString> = vars
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_os_string()))
        .collect();
    System {
        env: Box::new(move |name| vars.get(name).cloned()),
        etc_dotnet_dir: Some(temp.path().join("etc")),
        platform_defaults: Vec::new(),
        well_known: Vec::new(),
        registry_install_location: None,
        loaded_hostfxr: Box::new(|| None),
    }
}

fn automatic(system: &System) -> Result<Found, NotFound> {
    find_hostfxr(&SearchOptions {
        hostfxr_path: None,
        dotnet_root: None,
        app_path: None,
        system,
    })
}

fn library(root: &Path, version: &str) -> PathBuf {
    root.join("host")
        .join("fxr")
        .join(version)
        .join(HOSTFXR_LIBRARY_NAME)
}

fn rejection<'t>(trail: &'t [Attempt], heading: &str) -> &'t str {
    let attempt = trail
        .iter()
        .find(|attempt| attempt.heading() == heading)
        .unwrap_or_else(|| panic!("no attempt {heading:?} in {trail:#?}"));
    attempt.result.as_ref().unwrap_err()
}

#[test]
fn explicit_hostfxr_path_is_used() {
    let temp = TempDir::new("explicit-path");
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    let system = machine(&temp, &[]);
    let path = library(&root, "8.0.0");
    let found = find_hostfxr(&SearchOptions {
        hostfxr_path: Some(&path),
        dotnet_root: None,
        app_path: None,
        system: &system,
    })
    .unwrap();
    assert_eq!(found.path, path);
    assert_eq!(found.source, Source::HostfxrPath);
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
    assert_eq!(found.version.as_deref(), Some("8.0.0"));
    assert_eq!(found.trail.len(), 1);
}

#[test]
fn explicit_hostfxr_path_missing_or_directory_has_no_fallback() {
    let temp = TempDir::new("explicit-path-bad");
    let good = temp.dotnet_root("good", &["8.0.0"], &[]);
    let system = machine(&temp, &[("DOTNET_ROOT", good.as_os_str())]);
    let missing = temp.path().join(HOSTFXR_LIBRARY_NAME);
    let directory = temp.path().join("good");
    for (path, reason) in [
        (&missing, "file does not exist"),
        (&directory, "is a directory, not the library file"),
    ] {
        let error = find_hostfxr(&SearchOptions {
            hostfxr_path: Some(path),
            dotnet_root: None,
            app_path: None,
            system: &system,
        })
        .unwrap_err();
        assert_eq!(error.trail.len(), 1, "{error}");
        assert_eq!(error.trail[0].source, Source::HostfxrPath);
        assert_eq!(error.trail[0].location, path.display().to_string());
        assert_eq!(error.trail[0].result.as_ref().unwrap_err(), reason);
    }
}

#[test]
fn explicit_dotnet_root_is_the_only_place() {
    let temp = TempDir::new("explicit-root");
    let good = temp.dotnet_root("good", &["8.0.0"], &[]);
    let chosen = temp.dotnet_root("chosen", &["9.0.1"], &[]);
    let mut system = machine(&temp, &[("DOTNET_ROOT", good.as_os_str())]);
    system.platform_defaults = vec![good.clone()];
    let options = |root| SearchOptions {
        hostfxr_path: None,
        dotnet_root: Some(root),
        app_path: None,
        system: &system,
    };

    let found = find_hostfxr(&options(&chosen)).unwrap();
    assert_eq!(found.source, Source::DotnetRoot);
    assert_eq!(found.path, library(&chosen, "9.0.1"));
    assert_eq!(found.dotnet_root.as_deref(), Some(chosen.as_path()));

    let missing = temp.path().join("missing");
    let error = find_hostfxr(&options(&missing)).unwrap_err();
    assert_eq!(error.trail.len(), 1, "{error}");
    assert_eq!(
        error.trail[0].to_string(),
        format!("dotnet root {}: directory does not exist", missing.display())
    );
}

#[test]
fn app_local_hostfxr_is_found_next_to_the_app() {
    let temp = TempDir::new("app-local");
    let app = temp.path().join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join(HOSTFXR_LIBRARY_NAME), "").unwrap();
    fs::write(app.join("App.dll"), "").unwrap();
    let system = machine(&temp, &[]);
    for app_path in [app.join("App.dll"), app.clone()] {
        let found = find_hostfxr(&SearchOptions {
            hostfxr_path: None,
            dotnet_root: None,
            app_path: Some(&app_path),
            system: &system,
        })
        .unwrap();
        assert_eq!(found.source, Source::AppLocal);
        assert_eq!(found.path, app.join(HOSTFXR_LIBRARY_NAME));
        assert_eq!(found.dotnet_root.as_deref(), Some(app.as_path()));
        assert_eq!(found.version, None);
    }
}

#[test]
fn app_without_hostfxr_falls_back_to_the_automatic_search() {
    let temp = TempDir::new("app-fallback");
    let app = temp.path().join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join("App.dll"), "").unwrap();
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    let system = machine(&temp, &[("DOTNET_ROOT", root.as_os_str())]);
    let found = find_hostfxr(&SearchOptions {
        hostfxr_path: None,
        dotnet_root: None,
        app_path: Some(&app.join("App.dll")),
        system: &system,
    })
    .unwrap();
    assert_eq!(found.source, Source::Environment);
    assert_eq!(found.path, library(&root, "8.0.0"));
    assert_eq!(found.trail[0].source, Source::AlreadyLoaded);
    assert_eq!(found.trail[1].source, Source::AppLocal);
    assert_eq!(
        found.trail[1].to_string(),
        format!(
            "next to app {}: no {HOSTFXR_LIBRARY_NAME} in this directory",
            app.display()
        )
    );
}

#[test]
fn already_loaded_comes_first_and_knows_its_root() {
    let temp = TempDir::new("loaded");
    let loaded = temp.dotnet_root("loaded", &["9.0.0"], &[]);
    let other = temp.dotnet_root("other", &["10.0.0"], &[]);
    let mut system = machine(&temp, &[("DOTNET_ROOT", other.as_os_str())]);
    let path = library(&loaded, "9.0.0");
    let reported = path.clone();
    system.loaded_hostfxr = Box::new(move || Some(reported.clone()));
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::AlreadyLoaded);
    assert_eq!(found.path, path);
    assert_eq!(found.dotnet_root.as_deref(), Some(loaded.as_path()));
    assert_eq!(found.version.as_deref(), Some("9.0.0"));
    assert_eq!(found.trail.len(), 1);

    // A process runs one runtime, so even a self-contained app gets the loaded one.
    let app = temp.path().join("app");
    fs::create_dir_all(&app).unwrap();
    fs::write(app.join(HOSTFXR_LIBRARY_NAME), "").unwrap();
    let found = find_hostfxr(&SearchOptions {
        hostfxr_path: None,
        dotnet_root: None,
        app_path: Some(&app),
        system: &system,
    })
    .unwrap();
    assert_eq!(found.source, Source::AlreadyLoaded);
    assert_eq!(found.path, path);
}

#[test]
fn arch_specific_variable_comes_before_dotnet_root() {
    let temp = TempDir::new("env-order");
    let arch_root = temp.dotnet_root("arch", &["8.0.0"], &[]);
    let plain_root = temp.dotnet_root("plain", &["9.0.0"], &[]);
    let arch = arch_variable();
    let system = machine(
        &temp,
        &[
            (arch.as_str(), arch_root.as_os_str()),
            ("DOTNET_ROOT", plain_root.as_os_str()),
        ],
    );
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::Environment);
    assert_eq!(found.dotnet_root.as_deref(), Some(arch_root.as_path()));
    assert_eq!(
        found.trail.last().unwrap().location,
        format!("{arch}={}", arch_root.display())
    );

    // A broken arch-specific root does not hide DOTNET_ROOT.
    let missing = temp.path().join("missing");
    let system = machine(
        &temp,
        &[
            (arch.as_str(), missing.as_os_str()),
            ("DOTNET_ROOT", plain_root.as_os_str()),
        ],
    );
    let found = automatic(&system).unwrap();
    assert_eq!(found.dotnet_root.as_deref(), Some(plain_root.as_path()));
    let heading = format!("environment {arch}={}", missing.display());
    assert_eq!(rejection(&found.trail, &heading), "directory does not exist");
}

#[test]
fn relative_and_empty_variables_are_rejected() {
    let temp = TempDir::new("env-relative");
    let arch = arch_variable();
    let system = machine(
        &temp,
        &[
            (arch.as_str(), OsStr::new("")),
            ("DOTNET_ROOT", OsStr::new("relative/dotnet")),
            (HOME_VARIABLE, OsStr::new("home")),
        ],
    );
    let error = automatic(&system).unwrap_err();
    assert_eq!(
        rejection(&error.trail, &format!("environment {arch}")),
        "set but empty"
    );
    assert_eq!(
        rejection(&error.trail, "environment DOTNET_ROOT=relative/dotnet"),
        RELATIVE
    );
    assert_eq!(
        rejection(&error.trail, &format!("user home {HOME_VARIABLE}=home")),
        RELATIVE
    );
}

#[test]
fn empty_and_relative_path_entries_are_ignored() {
    let temp = TempDir::new("path-relative");
    let empty_bin = temp.path().join("empty-bin");
    fs::create_dir_all(&empty_bin).unwrap();
    let path = std::env::join_paths([Path::new(""), Path::new("rel/bin"), &empty_bin]).unwrap();
    let system = machine(&temp, &[("PATH", &path)]);
    let error = automatic(&system).unwrap_err();
    assert_eq!(rejection(&error.trail, "PATH entry \"\""), RELATIVE_PATH_ENTRY);
    assert_eq!(
        rejection(&error.trail, "PATH entry \"rel/bin\""),
        RELATIVE_PATH_ENTRY
    );
    assert_eq!(
        rejection(&error.trail, "PATH"),
        format!(
            "no {DOTNET_EXECUTABLE} in any absolute entry (searched {})",
            empty_bin.display()
        )
    );

    // After ignored entries, an absolute one still counts.
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    fs::write(root.join(DOTNET_EXECUTABLE), "").unwrap();
    let path = std::env::join_paths([Path::new(""), Path::new("rel"), &root]).unwrap();
    let system = machine(&temp, &[("PATH", &path)]);
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::DotnetOnPath);
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
}

#[cfg(unix)]
#[test]
fn dotnet_on_path_through_a_symlink_resolves_to_its_real_root() {
    let temp = TempDir::new("path-symlink");
    let root = temp.dotnet_root("opt/dotnet", &["8.0.0"], &[]);
    fs::write(root.join("dotnet"), "").unwrap();
    let bin = temp.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink("../opt/dotnet/dotnet", bin.join("dotnet")).unwrap();
    let system = machine(&temp, &[("PATH", bin.as_os_str())]);
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::DotnetOnPath);
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
    assert_eq!(found.path, library(&root, "8.0.0"));
    assert_eq!(
        found.trail.last().unwrap().location,
        format!(
            "PATH {} -> {}",
            bin.join("dotnet").display(),
            root.join("dotnet").display()
        )
    );
}

#[test]
fn install_location_file_first_line_is_used() {
    let temp = TempDir::new("install-location");
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    let etc = temp.path().join("etc");
    fs::create_dir_all(&etc).unwrap();
    let generic = etc.join("install_location");
    fs::write(&generic, format!("  {}  \r\n/elsewhere\n", root.display())).unwrap();
    let system = machine(&temp, &[]);
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::InstallLocation);
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
    let arch_file = etc.join(format!("install_location_{}", ARCH.unwrap()));
    let heading = format!("install location {}", arch_file.display());
    assert_eq!(rejection(&found.trail, &heading), "file does not exist");

    // The arch-specific file wins over the generic one.
    let arch_root = temp.dotnet_root("arch", &["9.0.0"], &[]);
    fs::write(&arch_file, format!("{}\n", arch_root.display())).unwrap();
    let found = automatic(&system).unwrap();
    assert_eq!(found.dotnet_root.as_deref(), Some(arch_root.as_path()));

    // A relative location is never resolved against the current directory.
    fs::write(&arch_file, "dotnet\n").unwrap();
    fs::write(&generic, "\n").unwrap();
    let error = automatic(&system).unwrap_err();
    let heading = format!("install location {} -> dotnet", arch_file.display());
    assert_eq!(rejection(&error.trail, &heading), RELATIVE);
    let heading = format!("install location {}", generic.display());
    assert_eq!(rejection(&error.trail, &heading), "first line is empty");
}

#[test]
fn registry_location_is_used_when_present() {
    let temp = TempDir::new("registry");
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    let mut system = machine(&temp, &[]);
    let registered = root.clone();
    system.registry_install_location = Some(Box::new(move || Some(registered.clone())));
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::Registry);
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
}

#[test]
fn well_known_paths_and_user_home_come_last() {
    let temp = TempDir::new("well-known");
    let well_known = temp.dotnet_root("usr/lib64/dotnet", &["8.0.0"], &[]);
    let mut system = machine(&temp, &[]);
    system.well_known = vec![temp.path().join("usr/lib/dotnet"), well_known.clone()];
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::WellKnownPath);
    assert_eq!(found.dotnet_root.as_deref(), Some(well_known.as_path()));

    let home = temp.path().join("home");
    let user_root = temp.dotnet_root("home/.dotnet", &["8.0.0"], &[]);
    let system = machine(&temp, &[(HOME_VARIABLE, home.as_os_str())]);
    let found = automatic(&system).unwrap();
    assert_eq!(found.source, Source::UserHome);
    assert_eq!(found.dotnet_root.as_deref(), Some(user_root.as_path()));
}

#[test]
fn a_root_reached_twice_is_checked_once() {
    let temp = TempDir::new("duplicate");
    let root = temp.dotnet_root("dotnet", &[], &["8.0.0"]);
    let mut system = machine(&temp, &[("DOTNET_ROOT", root.as_os_str())]);
    system.platform_defaults = vec![root.clone()];
    let error = automatic(&system).unwrap_err();
    assert_eq!(
        rejection(&error.trail, &format!("platform default {}", root.display())),
        format!(
            "already checked above (environment DOTNET_ROOT={})",
            root.display()
        )
    );
}

#[test]
fn not_found_trail_lists_every_place_in_order() {
    let temp = TempDir::new("not-found");
    let bin = temp.path().join("bin");
    fs::create_dir_all(&bin).unwrap();
    let home = temp.path().join("home");
    let mut system = machine(
        &temp,
        &[("PATH", bin.as_os_str()), (HOME_VARIABLE, home.as_os_str())],
    );
    let default = temp.path().join("share/dotnet");
    let lib = temp.path().join("lib/dotnet");
    let lib64 = temp.dotnet_root("lib64/dotnet", &[], &["9.0.1", "8.0.0"]);
    system.platform_defaults = vec![default.clone()];
    system.well_known = vec![lib.clone(), lib64.clone()];
    system.registry_install_location = Some(Box::new(|| None));
    let arch = arch_variable();
    let etc = temp.path().join("etc");
    let arch_name = ARCH.unwrap();

    let error = automatic(&system).unwrap_err();
    let mut expected = vec![
        format!("loaded library {HOSTFXR_LIBRARY_NAME}: not loaded in this process"),
        format!("environment {arch}: not set"),
    ];
    if cfg!(all(windows, target_arch = "x86")) {
        expected.push("environment DOTNET_ROOT(x86): not set".to_string());
    }
    expected.extend([
        "environment DOTNET_ROOT: not set".to_string(),
        format!(
            "install location {}: file does not exist",
            etc.join(format!("install_location_{arch_name}")).display()
        ),
        format!(
            "install location {}: file does not exist",
            etc.join("install_location").display()
        ),
        format!(
            r"registry HKLM\SOFTWARE\dotnet\Setup\InstalledVersions\{arch_name}\InstallLocation (32-bit view): not set"
        ),
        format!(
            "platform default {}: directory does not exist",
            default.display()
        ),
        format!(
            "PATH: no {DOTNET_EXECUTABLE} in any absolute entry (searched {})",
            bin.display()
        ),
        format!(
            "well-known path {}: directory does not exist",
            lib.display()
        ),
        format!(
            "well-known path {}: {}: no version folder contains {HOSTFXR_LIBRARY_NAME} (checked 9.0.1, 8.0.0)",
            lib64.display(),
            // The location is as configured; the reason names the root as searched.
            with_native_separators(&lib64).join("host").join("fxr").display()
        ),
        format!(
            "user home {}: directory does not exist",
            home.join(".dotnet").display()
        ),
    ]);
    let actual: Vec<String> = error.trail.iter().map(ToString::to_string).collect();
    assert_eq!(actual, expected);
}

#[test]
fn not_found_display_is_a_readable_list() {
    let error = NotFound {
        trail: vec![
            Attempt {
                source: Source::Environment,
                location: "DOTNET_ROOT".to_string(),
                result: Err("not set".to_string()),
            },
            Attempt {
                source: Source::DotnetOnPath,
                location: "PATH entry \"\"".to_string(),
                result: Err(RELATIVE_PATH_ENTRY.to_string()),
            },
            Attempt {
                source: Source::PlatformDefault,
                location: "/usr/share/dotnet".to_string(),
                result: Err("directory does not exist".to_string()),
            },
        ],
    };
    assert_eq!(
        error.to_string(),
        format!(
            "hostfxr ({HOSTFXR_LIBRARY_NAME}) was not found. Searched:\n\
             \x20 - environment DOTNET_ROOT: not set\n\
             \x20 - PATH entry \"\": ignored: relative/empty entries would search the current directory\n\
             \x20 - platform default /usr/share/dotnet: directory does not exist"
        )
    );
}

#[test]
fn source_names_are_camel_case() {
    let names: Vec<&str> = [
        Source::HostfxrPath,
        Source::AlreadyLoaded,
        Source::DotnetRoot,
        Source::AppLocal,
        Source::Environment,
        Source::InstallLocation,
        Source::Registry,
        Source::PlatformDefault,
        Source::DotnetOnPath,
        Source::WellKnownPath,
        Source::UserHome,
    ]
    .into_iter()
    .map(Source::as_str)
    .collect();
    assert_eq!(
        names,
        [
            "hostfxrPath",
            "alreadyLoaded",
            "dotnetRoot",
            "appLocal",
            "environment",
            "installLocation",
            "registry",
            "platformDefault",
            "dotnetOnPath",
            "wellKnownPath",
            "userHome"
        ]
    );
}

#[test]
fn finds_the_dotnet_installed_on_this_machine() {
    // In a child process: a test elsewhere in the crate that loads hostfxr would make
    // the answer "already loaded".
    let name = "finds_the_dotnet_installed_on_this_machine";
    isolated(module_path!(), name, find_on_this_machine);
}

fn find_on_this_machine() {
    let system = System::current();
    match automatic(&system) {
        Ok(found) => {
            eprintln!("found {} via {}", found.path.display(), found.source);
            // Any automatic route may be right on some machine (this one: the platform
            // default); nothing was loaded and no option was given.
            let automatic_route = !matches!(
                found.source,
                Source::HostfxrPath | Source::DotnetRoot | Source::AppLocal | Source::AlreadyLoaded
            );
            assert!(automatic_route, "{found:#?}");
            assert!(found.path.is_file());
            assert_eq!(
                found.path.file_name().unwrap().to_str(),
                Some(HOSTFXR_LIBRARY_NAME)
            );
        }
        // Only a machine without .NET in its default place may fail.
        Err(error) => {
            let has_fxr = |root: &PathBuf| root.join("host").join("fxr").is_dir();
            let installed = system.platform_defaults.iter().any(has_fxr);
            assert!(!installed, "{error}");
        }
    }
}

#[cfg(windows)]
#[test]
fn forward_slashes_in_a_variable_become_backslashes() {
    // hostfxr needs the root with native separators (see `with_native_separators`).
    let temp = TempDir::new("forward-slashes");
    let root = temp.dotnet_root("dotnet", &["8.0.0"], &[]);
    let written = root.to_str().unwrap().replace('\\', "/");
    let system = machine(&temp, &[("DOTNET_ROOT", OsStr::new(&written))]);
    let found = automatic(&system).unwrap();
    assert_eq!(found.dotnet_root.as_deref(), Some(root.as_path()));
    assert_eq!(found.path, library(&root, "8.0.0"));
    assert_eq!(
        found.trail.last().unwrap().location,
        format!("DOTNET_ROOT={written}")
    );
}
