import { InvalidArgumentError } from "./errors.js";
import type { NativeResolveOptions } from "./native/binding.js";
import { describe, optionalPath } from "./paths.js";

/** Where to look for hostfxr. All optional; the default is the automatic search. */
export interface HostfxrOptions {
  /** Use exactly this hostfxr library; no search. */
  hostfxrPath?: string;
  /** Use the highest `host/fxr/<version>` under this .NET root; no fallback. */
  dotnetRoot?: string;
  /** An app or assembly: a self-contained app's hostfxr next to it is tried first. */
  appPath?: string;
  /** Ask this nethost library (`get_hostfxr_path`) instead of searching ourselves. */
  nethostPath?: string;
}

/** Options for initializing a host context. */
export interface InitializeOptions extends HostfxrOptions {
  /** `host_path` passed to hostfxr: the path of the native host (optional). */
  hostPath?: string;
}

export function toNativeOptions(
  options: InitializeOptions | undefined,
): NativeResolveOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object") {
    throw new InvalidArgumentError(
      `options must be an object, got ${describe(options)}`,
    );
  }
  return {
    hostfxrPath: optionalPath(options.hostfxrPath, "hostfxrPath"),
    dotnetRoot: optionalPath(options.dotnetRoot, "dotnetRoot"),
    appPath: optionalPath(options.appPath, "appPath"),
    nethostPath: optionalPath(options.nethostPath, "nethostPath"),
    hostPath: optionalPath(options.hostPath, "hostPath"),
  };
}
