// Finding hostfxr and asking it what is installed.
import type { SearchAttempt } from "./errors.js";
import { native } from "./native/binding.js";
import { toNativeOptions, type HostfxrOptions } from "./options.js";
import { toFilePath } from "./paths.js";

/** How hostfxr was found. */
export type HostfxrSource =
  | "hostfxrPath"
  | "alreadyLoaded"
  | "dotnetRoot"
  | "appLocal"
  | "environment"
  | "installLocation"
  | "registry"
  | "platformDefault"
  | "dotnetOnPath"
  | "wellKnownPath"
  | "userHome"
  | "nethost";

export interface HostfxrLocation {
  /** Absolute path of the hostfxr library. */
  path: string;
  source: HostfxrSource;
  /** The `host/fxr/<version>` folder name, when found under a .NET root. */
  version: string | null;
  /** The .NET root it belongs to, when known. */
  dotnetRoot: string | null;
  /** Every place looked at, in order, ending with the accepted one. */
  searched: SearchAttempt[];
}

/** Finds hostfxr the way every dotnet-host call does, and says how. */
export function resolveHostfxr(options?: HostfxrOptions): HostfxrLocation {
  const found = native.resolveHostfxr(toNativeOptions(options));
  return { ...found, source: found.source as HostfxrSource };
}

export interface DotnetSdk {
  version: string;
  path: string;
}

export interface DotnetFramework {
  /** e.g. `Microsoft.NETCore.App`. */
  name: string;
  version: string;
  path: string;
}

export interface DotnetEnvironmentInfo {
  hostfxrPath: string;
  hostfxrVersion: string;
  hostfxrCommitHash: string;
  sdks: DotnetSdk[];
  frameworks: DotnetFramework[];
}

/**
 * Installed SDKs and frameworks (`hostfxr_get_dotnet_environment_info`). Needs a
 * .NET 6+ hostfxr; older ones throw UnsupportedHostVersionError.
 */
export function getEnvironmentInfo(
  options?: HostfxrOptions,
): DotnetEnvironmentInfo {
  return native.environmentInfo(toNativeOptions(options));
}

/** One framework a runtimeconfig asks for, and what it resolves to. */
export interface FrameworkResolution {
  /** e.g. `Microsoft.NETCore.App`. */
  name: string;
  requestedVersion: string;
  /** Empty when the framework could not be resolved. */
  resolvedVersion: string;
  resolvedPath: string;
}

export interface RuntimeConfigResolution {
  hostfxrPath: string;
  resolved: FrameworkResolution[];
  /** Frameworks with no compatible installed version. */
  unresolved: FrameworkResolution[];
}

/**
 * What a runtimeconfig.json would run on, without starting a runtime
 * (`hostfxr_resolve_frameworks_for_runtime_config`). Needs a .NET 9+ hostfxr; older
 * ones throw UnsupportedHostVersionError. A malformed config is HostStatusError.
 */
export function resolveFrameworks(
  runtimeConfigPath: string,
  options?: HostfxrOptions,
): RuntimeConfigResolution {
  return native.resolveFrameworks(
    toFilePath(runtimeConfigPath, "runtimeConfigPath"),
    toNativeOptions(options),
  );
}
