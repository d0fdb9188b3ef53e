// Starting (or joining) the process's one .NET runtime for typed calls, and the managed
// bridge that performs them.
import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  initializeForRuntimeConfig,
  runtimeOfProcess,
  type RuntimeConfigContext,
} from "../context.js";
import {
  HostStateError,
  HostStatusError,
  ManagedLoadError,
  UnsupportedHostVersionError,
} from "../errors.js";
import { functionHandle } from "../function.js";
import { getEnvironmentInfo } from "../hostfxr.js";
import { native } from "../native/binding.js";
import type { InitializeOptions } from "../options.js";
import { installObjectFactory } from "../objects/factory.js";
import { toFilePath } from "../paths.js";
import { privateFile } from "./private-files.js";

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/**
 * Native code cannot open files inside an Electron `app.asar` archive; packagers unpack
 * them to `app.asar.unpacked` next to it.
 */
export function unpacked(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, "$1app.asar.unpacked$2");
}

/**
 * The managed bridge's folder: `DOTNET_HOST_BRIDGE_DIR` when set (for bundlers and
 * Electron apps that move shipped files), else where the package ships it.
 */
export const bridgeDirectory =
  process.env.DOTNET_HOST_BRIDGE_DIR ||
  unpacked(join(packageRoot, "managed", "out", "DotnetHost.Bridge"));

/**
 * The bridge precompiled for .NET `major` on runtime `rid` (`linux-x64`, `win-x64`), built
 * by managed/DotnetHost.Bridge.ReadyToRun: a runtime uses ReadyToRun code only when it was
 * compiled against its own major version, and then skips most of the bridge's start-up
 * JIT (about 20 ms of the first bind).
 */
function readyToRunBridge(major: number, rid: string): string {
  return unpacked(
    join(
      packageRoot,
      "managed",
      "out",
      "DotnetHost.Bridge.ReadyToRun",
      rid,
      `net${major}`,
      "DotnetHost.Bridge.dll",
    ),
  );
}

/**
 * The major version of the Microsoft.NETCore.App a context runs, from the deps file paths
 * hostfxr resolved (`…/shared/Microsoft.NETCore.App/10.0.12/…`), or undefined.
 */
export function frameworkMajor(depsFiles: string): number | undefined {
  const found =
    /[\\/]Microsoft\.NETCore\.App[\\/](\d+)\.\d+\.\d+[^\\/]*[\\/]/.exec(
      depsFiles,
    );
  return found ? Number(found[1]) : undefined;
}

/** The bridge this process loaded, and whether it is a ReadyToRun image (diagnostics). */
export let loadedBridge: { file: string; readyToRun: boolean } | undefined;

/** Configs this module instance has already joined the runtime with. */
const joined = new Set<string>();

function compareVersions(a: string, b: string): number {
  const parse = (version: string) =>
    version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parse(a), parse(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * A runtimeconfig for a library that has none: the newest installed
 * Microsoft.NETCore.App 8.0 or later.
 */
function generatedConfig(options: InitializeOptions): string {
  const frameworks = getEnvironmentInfo(options).frameworks.filter(
    (framework) =>
      framework.name === "Microsoft.NETCore.App" &&
      compareVersions(framework.version, "8.0.0") >= 0,
  );
  const newest = frameworks.sort((a, b) =>
    compareVersions(b.version, a.version),
  )[0];
  if (!newest) {
    throw new HostStateError(
      "no Microsoft.NETCore.App 8.0 or later is installed, so a library without a runtimeconfig.json cannot be loaded",
      {
        code: "NoSuitableRuntime",
        hint: "Install a .NET 8+ runtime, or pass runtimeConfig.",
      },
    );
  }
  const major = newest.version.split(".")[0];
  // In this user's own directory, never a shared one another user could write first.
  return privateFile(
    `${newest.version}.runtimeconfig.json`,
    JSON.stringify({
      runtimeOptions: {
        tfm: `net${major}.0`,
        framework: { name: "Microsoft.NETCore.App", version: newest.version },
      },
    }),
  );
}

/** The runtimeconfig for an assembly: the given one, the one next to it, or a generated one. */
export function runtimeConfigFor(
  assemblyPath: string,
  options: InitializeOptions & { runtimeConfig?: string },
): string {
  if (options.runtimeConfig) return options.runtimeConfig;
  const beside = join(
    dirname(assemblyPath),
    `${basename(assemblyPath).replace(/\.dll$/i, "")}.runtimeconfig.json`,
  );
  return existsSync(beside)
    ? toFilePath(beside, "the runtimeconfig beside the assembly")
    : generatedConfig(options);
}

/**
 * Makes sure the runtime runs with a config compatible with `configPath` and the bridge is
 * ready in this environment. The first call in the process starts the runtime; later ones
 * open (and close) a secondary context, which fails with HostIncompatibleConfig when the
 * config cannot run on the runtime already loaded.
 */
export function joinRuntime(
  configPath: string,
  options: InitializeOptions,
): void {
  if (joined.has(configPath)) return;
  if (process.env.DOTNET_HOST_BRIDGE_DIR && !isAbsolute(bridgeDirectory)) {
    throw new HostStateError(
      `DOTNET_HOST_BRIDGE_DIR must be an absolute path, got ${JSON.stringify(bridgeDirectory)}: a relative one would depend on the current directory`,
      {
        code: "InvalidEnvironment",
        hint: "Set it to the absolute path of the folder holding DotnetHost.Bridge.dll, or unset it.",
      },
    );
  }
  const bridgeFile = join(bridgeDirectory, "DotnetHost.Bridge.dll");
  if (existsSync(bridgeFile) && !statSync(bridgeFile).isFile()) {
    throw new HostStateError(`${bridgeFile} is not a regular file`, {
      code: "BridgeMissing",
      hint: "Reinstall dotnet-host, or point DOTNET_HOST_BRIDGE_DIR at a copy of managed/out/DotnetHost.Bridge.",
    });
  }
  if (!existsSync(bridgeFile)) {
    throw new HostStateError(
      `the managed bridge is missing from ${bridgeDirectory}`,
      {
        code: "BridgeMissing",
        hint: "Reinstall dotnet-host, or run `npm run build:managed` in a checkout.",
      },
    );
  }
  let context;
  try {
    context = initializeForRuntimeConfig(configPath, options);
    // Start-up marks for `npm run bench -- --startup` (bench/startup.ts); a few µs each.
    performance.mark("dotnet-host:hostfxr-initialized");
  } catch (error) {
    if (
      error instanceof HostStatusError &&
      error.code === "HostIncompatibleConfig"
    ) {
      throw new HostStatusError(
        `${error.message}\nThis process already runs .NET with other frameworks: one runtime per process, so ${configPath} cannot be loaded alongside it.`,
        {
          code: error.code,
          hresult: error.hresult,
          hostMessage: error.hostMessage,
          hint: error.hint,
        },
      );
    }
    throw error;
  }
  // The shipped bridge unless DOTNET_HOST_BRIDGE_DIR names one: its ReadyToRun image for
  // this runtime where there is one, else the IL bridge (which any runtime can JIT).
  let bridge = bridgeFile;
  // The runtime is the one the primary context resolved (this one or an earlier one);
  // started by another host, it is unknown here and the IL bridge runs.
  const runtime = runtimeOfProcess();
  if (!process.env.DOTNET_HOST_BRIDGE_DIR && runtime) {
    const major = frameworkMajor(runtime.depsFiles);
    const { rid } = runtime;
    if (major !== undefined && /^[a-z]+(-[a-z]+)?-(x64|arm64)$/.test(rid)) {
      const precompiled = readyToRunBridge(major, rid);
      if (statSync(precompiled, { throwIfNoEntry: false })?.isFile()) {
        bridge = precompiled;
      }
    }
  }
  try {
    startBridge(context, bridge);
    loadedBridge = { file: bridge, readyToRun: bridge !== bridgeFile };
    installObjectFactory();
    performance.mark("dotnet-host:bridge-ready");
  } finally {
    // The runtime and every pointer obtained stay; the context is no longer needed.
    context.close();
  }
  joined.add(configPath);
}

/** The bridge's type: the name carries the assembly's, so a file of another one fails. */
const bridgeExports = "DotnetHost.Bridge.Exports, DotnetHost.Bridge";

/**
 * Loads the bridge into the default load context and initializes it. The way
 * `loadAssemblyAndGetFunctionPointer` goes, the bridge gets a load context of its own,
 * which checks its name with `InvariantCultureIgnoreCase`: ICU then builds a collator from
 * rules, about 15 ms of every start-up (bench/PROFILE.md). It still goes that way where the
 * default context cannot serve: a hostfxr older than 8.0 (no `loadAssembly`), or a bridge
 * of that name already there, which another copy of dotnet-host in this process
 * initialized, or which is the other build of this one (a worker's environment may pick
 * the IL bridge where the main thread loaded the ReadyToRun one).
 */
function startBridge(context: RuntimeConfigContext, bridge: string): void {
  try {
    context.loadAssembly(bridge);
    native.bridgeInitialize(
      functionHandle(
        context.getFunctionPointer(bridgeExports, "Initialize", {
          unmanagedCallersOnly: true,
        }),
      ),
    );
    return;
  } catch (error) {
    const elsewhere =
      error instanceof UnsupportedHostVersionError ||
      (error instanceof ManagedLoadError && error.code === "FileLoad") ||
      (error as { code?: unknown }).code === "BridgeTaken";
    if (!elsewhere) throw error;
  }
  const initialize = context.loadAssemblyAndGetFunctionPointer(
    bridge,
    bridgeExports,
    "Initialize",
    { unmanagedCallersOnly: true },
  );
  native.bridgeInitialize(functionHandle(initialize));
}
