// The human-readable form of an InfoReport.
import type { ConfigReport, ErrorReport, InfoReport } from "./info.js";

function errorLines(error: ErrorReport, indent: string): string[] {
  const lines = [
    `${indent}error: ${error.name} ${error.code}${error.hresultHex ? ` (${error.hresultHex})` : ""}`,
    `${indent}  ${error.message}`,
  ];
  if (error.hostMessage) {
    lines.push(
      ...error.hostMessage
        .split("\n")
        .map(
          (line, index) =>
            `${indent}  ${index === 0 ? "hostfxr: " : "         "}${line}`,
        ),
    );
  }
  if (error.requiredVersion)
    lines.push(`${indent}  requires: .NET ${error.requiredVersion}`);
  if (error.hint) lines.push(`${indent}  hint: ${error.hint}`);
  return lines;
}

function configLines(config: ConfigReport): string[] {
  const verdict = {
    resolved: "resolves",
    unresolved: "does NOT resolve",
    invalid: "is invalid",
    unsupported: "cannot be checked with this hostfxr",
  }[config.status];
  const lines = [
    "",
    `config ${config.path}`,
    `  ${verdict}: ${config.explanation}`,
  ];
  for (const framework of config.resolved) {
    lines.push(
      `  ✓ ${framework.name} ${framework.requestedVersion} -> ${framework.resolvedVersion} (${framework.resolvedPath})`,
    );
  }
  for (const framework of config.unresolved) {
    lines.push(
      `  ✗ ${framework.name} ${framework.requestedVersion}: not installed`,
    );
  }
  if (config.error) lines.push(...errorLines(config.error, "  "));
  return lines;
}

export function renderInfo(report: InfoReport): string {
  const { platform } = report;
  const lines = [
    "dotnet-host info",
    "",
    `platform   ${platform.os} ${platform.arch} (addon ${platform.addonTriple}), Node.js ${platform.node}, Node-API ${platform.napi ?? "?"}`,
  ];
  const hostfxr = report.hostfxr;
  if ("error" in hostfxr) {
    lines.push("hostfxr    NOT FOUND");
  } else {
    lines.push(
      `hostfxr    ${hostfxr.path}`,
      `found by   ${hostfxr.source}${hostfxr.version ? `, version ${hostfxr.version}` : ""}${hostfxr.dotnetRoot ? `, .NET root ${hostfxr.dotnetRoot}` : ""}`,
    );
  }
  lines.push("", "search trail (in order):");
  for (const attempt of hostfxr.searched) {
    lines.push(
      `  ${attempt.outcome === "accepted" ? "✓" : "✗"} ${attempt.source} ${attempt.location}: ${attempt.reason}`,
    );
  }
  if ("error" in hostfxr) {
    lines.push("", ...errorLines(hostfxr.error, ""));
    return `${lines.join("\n")}\n`;
  }
  const environment = report.environment;
  lines.push("");
  if (environment && "error" in environment) {
    lines.push(
      "installed .NET: unknown",
      ...errorLines(environment.error, "  "),
    );
  } else if (environment) {
    lines.push(
      `installed .NET (hostfxr ${environment.hostfxrVersion}, commit ${environment.hostfxrCommitHash || "?"}):`,
      "  runtimes:",
      ...(environment.frameworks.length > 0
        ? environment.frameworks.map(
            (f) => `    ${f.name} ${f.version} [${f.path}]`,
          )
        : ["    none"]),
      "  SDKs:",
      ...(environment.sdks.length > 0
        ? environment.sdks.map((s) => `    ${s.version} [${s.path}]`)
        : [
            "    none (a runtime-only install; the SDK is needed only to build .NET code)",
          ]),
    );
  }
  if (report.config) lines.push(...configLines(report.config));
  return `${lines.join("\n")}\n`;
}
