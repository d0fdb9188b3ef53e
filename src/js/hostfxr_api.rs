use crate::host::resolve::{self, trail_records};
use crate::host::{environment, frameworks};
use crate::napi::{CallInfo, Env, Result, Value};

use super::options;

fn records(env: Env, records: Vec<Vec<(&'static str, String)>>) -> Result<Value> {
    env.array(records.into_iter().map(|record| {
        let object = env.object()?;
        for (key, text) in record {
            env.set(object, key, env.string(&text)?)?;
        }
        Ok(object)
    }))
}

fn optional_string(env: Env, text: Option<&str>) -> Result<Value> {
    match text {
        Some(text) => env.string(text),
        None => env.null(),
    }
}

/// `resolveHostfxr(options)` → where hostfxr is and how it was found.
pub fn resolve_hostfxr(env: Env, info: &CallInfo) -> Result<Value> {
    let options = options::resolve_options(env, info.arg(env, 0)?)?;
    let resolved = resolve::resolve(&options)?;
    let result = env.object()?;
    env.set(
        result,
        "path",
        env.string(&resolved.hostfxr.path().display().to_string())?,
    )?;
    env.set(result, "source", env.string(resolved.source)?)?;
    env.set(
        result,
        "version",
        optional_string(env, resolved.version.as_deref())?,
    )?;
    let root = resolved
        .hostfxr
        .dotnet_root
        .as_ref()
        .map(|root| root.display().to_string());
    env.set(result, "dotnetRoot", optional_string(env, root.as_deref())?)?;
    env.set(result, "searched", records(env, trail_records(&resolved.trail))?)?;
    Ok(result)
}

/// `environmentInfo(options)` → installed SDKs and frameworks.
pub fn environment_info(env: Env, info: &CallInfo) -> Result<Value> {
    let options = options::resolve_options(env, info.arg(env, 0)?)?;
    let resolved = resolve::resolve(&options)?;
    let data = environment::environment_info(&resolved.hostfxr, options.dotnet_root.as_deref())?;
    let result = env.object()?;
    env.set(
        result,
        "hostfxrPath",
        env.string(&resolved.hostfxr.path().display().to_string())?,
    )?;
    env.set(result, "hostfxrVersion", env.string(&data.hostfxr_version)?)?;
    env.set(
        result,
        "hostfxrCommitHash",
        env.string(&data.hostfxr_commit_hash)?,
    )?;
    let sdks = data
        .sdks
        .iter()
        .map(|sdk| vec![("version", sdk.version.clone()), ("path", sdk.path.clone())])
        .collect();
    env.set(result, "sdks", records(env, sdks)?)?;
    let frameworks = data
        .frameworks
        .iter()
        .map(|framework| {
            vec![
                ("name", framework.name.clone()),
                ("version", framework.version.clone()),
                ("path", framework.path.clone()),
            ]
        })
        .collect();
    env.set(result, "frameworks", records(env, frameworks)?)?;
    Ok(result)
}

fn framework_records(items: &[frameworks::FrameworkResolution]) -> Vec<Vec<(&'static str, String)>> {
    items
        .iter()
        .map(|item| {
            vec![
                ("name", item.name.clone()),
                ("requestedVersion", item.requested_version.clone()),
                ("resolvedVersion", item.resolved_version.clone()),
                ("resolvedPath", item.resolved_path.clone()),
            ]
        })
        .collect()
}

/// `resolveFrameworks(runtimeConfigPath, options)` → what the config would run on.
pub fn resolve_frameworks(env: Env, info: &CallInfo) -> Result<Value> {
    let config = options::path(env, info.arg(env, 0)?, "runtimeConfigPath")?;
    let options = options::resolve_options(env, info.arg(env, 1)?)?;
    let resolved = resolve::resolve(&options)?;
    let resolution =
        frameworks::resolve_frameworks(&resolved.hostfxr, &config, options.dotnet_root.as_deref())?;
    let result = env.object()?;
    env.set(
        result,
        "hostfxrPath",
        env.string(&resolved.hostfxr.path().display().to_string())?,
    )?;
    env.set(
        result,
        "resolved",
        records(env, framework_records(&resolution.resolved))?,
    )?;
    env.set(
        result,
        "unresolved",
        records(env, framework_records(&resolution.unresolved))?,
    )?;
    Ok(result)
}
