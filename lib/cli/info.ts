// Gathers what `dotnet-host info` reports, as plain data: the same object is printed as
// text or as JSON. Nothing here starts a .NET runtime.
import { resolve } from "node:path";
import { DotnetHostError } from "../errors.js";
import {
  getEnvironmentInfo,
  resolveFrameworks,
  resolveHostfxr,
  type DotnetEnvironmentInfo,
  type FrameworkResolution,
  type HostfxrLocation,
} from "../hostfxr.js";
import { platformTriples } from "../native/loader.js";
import type { HostfxrOptions } from "../options.js";
import type { InfoArgs } from "./args.js";
import { precheck, type RequestedFramework } from "../runtime-config-check.js";

export interface ErrorReport {
  name: string;
  code: string;
  hresultHex?: string | undefined;
  message: string;
  hostMessage?: string | undefined;
  hint?: string | undefined;
  requiredVersion?: string | undefined;
}

export type ConfigStatus =
  "resolved" | "unresolved" | "invalid" | "unsupported";

export interface ConfigReport {
  path: string;
  status: ConfigStatus;
  /** What the config asks for, as read by JavaScript. */
  requested: RequestedFramework[];
  rollForward: string | undefined;
  resolved: FrameworkResolution[];
  unresolved: FrameworkResolution[];
  explanation: string;
  error?: ErrorReport | undefined;
}

export interface InfoReport {
  platform: {
    os: string;
    arch: string;
    addonTriple: string;
    node: string;
    napi: string | undefined;
  };
  hostfxr:
    | HostfxrLocation
    | { error: ErrorReport; searched: HostfxrLocation["searched"] };
  environment: DotnetEnvironmentInfo | { error: ErrorReport } | undefined;
  config: ConfigReport | undefined;
  exitCode: number;
}

export function errorReport(error: unknown): ErrorReport {
  if (error instanceof Error) {
    const record = error as Error & Record<string, unknown>;
    const text = (key: string) =>
      typeof record[key] === "string" ? (record[key] as string) : undefined;
    return {
      name: error.name,
      code: text("code") ?? "Unknown",
      hresultHex:
        error instanceof DotnetHostError ? error.hresultHex : undefined,
      // The first line: the rest repeats hostMessage and hint.
      message: (error.message.split("\n")[0] ?? "").replace(/ Searched:$/, ""),
      hostMessage: text("hostMessage"),
      hint: text("hint"),
      requiredVersion: text("requiredVersion"),
    };
  }
  return { name: "Error", code: "Unknown", message: String(error) };
}

function installedVersions(
  environment: InfoReport["environment"],
  name: string,
): string[] {
  if (!environment || "error" in environment) return [];
  return environment.frameworks
    .filter((framework) => framework.name === name)
    .map((framework) => framework.version);
}

function checkConfig(
  path: string,
  options: HostfxrOptions,
  environment: InfoReport["environment"],
): ConfigReport {
  const absolute = resolve(path);
  const base = {
    path: absolute,
    requested: [] as RequestedFramework[],
    rollForward: undefined as string | undefined,
    resolved: [] as FrameworkResolution[],
    unresolved: [] as FrameworkResolution[],
  };
  const pre = precheck(absolute);
  if (pre.kind === "fatalShape") {
    return {
      ...base,
      status: "invalid",
      explanation: `not passed to hostfxr: ${pre.reason}. Fix the runtimeconfig.json.`,
    };
  }
  if (pre.kind === "ok") {
    base.requested = pre.frameworks;
    base.rollForward = pre.rollForward;
  }
  let result;
  try {
    result = resolveFrameworks(absolute, options);
  } catch (error) {
    const report = errorReport(error);
    if (report.code === "HostApiUnsupportedVersion") {
      const asked = base.requested
        .map(
          (framework) =>
            `${framework.name} ${framework.version} (installed: ${installedVersions(environment, framework.name).join(", ") || "none"})`,
        )
        .join("; ");
      return {
        ...base,
        status: "unsupported",
        error: report,
        explanation:
          `this hostfxr cannot resolve a config without starting a runtime: hostfxr_resolve_frameworks_for_runtime_config needs .NET ${report.requiredVersion ?? "9.0"} or later. ` +
          `The config asks for ${asked || "no framework"}` +
          `${base.rollForward ? ` with rollForward ${base.rollForward}` : ""}. ` +
          "Check it with a .NET 9+ hostfxr (--dotnet-root), or initialize it and read the error.",
      };
    }
    return {
      ...base,
      status: "invalid",
      error: report,
      explanation: "hostfxr could not read this runtimeconfig.json.",
    };
  }
  base.resolved = result.resolved;
  base.unresolved = result.unresolved;
  if (result.resolved.length === 0 && result.unresolved.length === 0) {
    // hostfxr 9 answers Success with no frameworks for a config it cannot parse.
    return {
      ...base,
      status: "invalid",
      explanation:
        "hostfxr reported no frameworks at all: the file is not a valid framework-dependent runtimeconfig.json" +
        (pre.kind === "notJson" ? ` (${pre.reason})` : "") +
        ".",
    };
  }
  if (result.unresolved.length > 0) {
    return {
      ...base,
      status: "unresolved",
      explanation: `no compatible version of ${result.unresolved
        .map(
          (framework) =>
            `${framework.name} ${framework.requestedVersion} (installed: ${installedVersions(environment, framework.name).join(", ") || "none"})`,
        )
        .join(
          "; ",
        )} is installed. Install one, or let the config roll forward (rollForward "Major" or "LatestMajor").`,
    };
  }
  return {
    ...base,
    status: "resolved",
    explanation: "every framework the config asks for is installed.",
  };
}

export function gatherInfo(args: InfoArgs): InfoReport {
  const options: HostfxrOptions = {};
  if (args.dotnetRoot !== undefined) options.dotnetRoot = args.dotnetRoot;
  if (args.hostfxrPath !== undefined) options.hostfxrPath = args.hostfxrPath;
  const platform = {
    os: process.platform,
    arch: process.arch,
    addonTriple: platformTriples()[0] ?? "",
    node: process.version,
    napi: process.versions.napi,
  };
  let hostfxr: InfoReport["hostfxr"];
  try {
    hostfxr = resolveHostfxr(options);
  } catch (error) {
    const searched =
      (error as { searched?: HostfxrLocation["searched"] }).searched ?? [];
    return {
      platform,
      hostfxr: { error: errorReport(error), searched },
      environment: undefined,
      config: undefined,
      exitCode: 1,
    };
  }
  let environment: InfoReport["environment"];
  try {
    environment = getEnvironmentInfo(options);
  } catch (error) {
    environment = { error: errorReport(error) };
  }
  const config =
    args.config === undefined
      ? undefined
      : checkConfig(args.config, options, environment);
  const exitCode =
    config === undefined || config.status === "resolved"
      ? 0
      : config.status === "unsupported"
        ? 3
        : 1;
  return { platform, hostfxr, environment, config, exitCode };
}
