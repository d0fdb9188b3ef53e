// Private .NET roots for the runtime matrix, laid out from the NuGet mirror's runtime
// packs: a runtime-only install (no SDK, no `dotnet` muxer) with
//   host/fxr/<v>/libhostfxr.so                 from Microsoft.NETCore.App.Runtime.linux-x64
//   shared/Microsoft.NETCore.App/<v>/...        from the same runtime pack
//   packs/Microsoft.NETCore.App.Host.linux-x64/<v>/  (libnethost.so), from the Host pack
// The Host pack has no hostfxr; the runtime pack (made for self-contained apps) does.
// A root can also pair an older hostfxr with a newer framework, which is how the
// "requires .NET X" errors are provoked with real libraries.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { cacheDir, run } from "./cache.js";

/** The newest patch of each major the mirror served when this was written. */
export const DOTNET_VERSIONS = {
  "8": "8.0.33",
  "9": "9.0.22",
  "10": "10.0.14",
} as const;
export type DotnetMajor = keyof typeof DOTNET_VERSIONS;

/** The oldest hostfxr the mirror serves for linux-x64 (no 5.0/6.0/7.0 runtime packs). */
export const OLD_HOSTFXR_VERSION = "3.1.3";

const RUNTIME_PACK = "Microsoft.NETCore.App.Runtime.linux-x64";
const HOST_PACK = "Microsoft.NETCore.App.Host.linux-x64";

export interface RootSpec {
  /** Version of the runtime pack whose libhostfxr.so goes into host/fxr/. */
  hostfxr: string;
  /** Versions of Microsoft.NETCore.App to install under shared/. */
  frameworks: string[];
  /** Version of the Host pack to put under packs/ (nethost); none when omitted. */
  hostPack?: string;
}

/** The plain runtime-only root of one .NET version. */
export function runtimeRootSpec(version: string): RootSpec {
  return { hostfxr: version, frameworks: [version], hostPack: version };
}

function packagesDir(): string {
  return join(cacheDir(), "nuget-packages");
}

function packageDir(id: string, version: string): string {
  return join(packagesDir(), id.toLowerCase(), version);
}

/**
 * Downloads the packs with a throw-away restore project: `dotnet restore` with
 * PackageDownload items is the ordinary NuGet client path and honours the
 * machine's NuGet.Config (and so its mirror). Skips what is already there.
 */
export function ensurePackages(
  wanted: { id: string; version: string }[],
): void {
  const missing = wanted.filter(
    ({ id, version }) =>
      !existsSync(join(packageDir(id, version), ".nupkg.metadata")),
  );
  if (missing.length === 0) return;
  const byId = new Map<string, Set<string>>();
  for (const { id, version } of missing) {
    byId.set(id, (byId.get(id) ?? new Set()).add(version));
  }
  const items = [...byId]
    .map(
      ([id, versions]) =>
        `    <PackageDownload Include="${id}" Version="${[...versions].map((v) => `[${v}]`).join(";")}" />`,
    )
    .join("\n");
  const project = join(cacheDir(), "restore");
  rmSync(project, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  // No framework reference: nothing but the listed packages is downloaded, and no
  // Directory.Build.* from a parent folder is imported.
  writeFileSync(
    join(project, "restore.csproj"),
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryBuildTargets>false</ImportDirectoryBuildTargets>
  </PropertyGroup>
  <ItemGroup>
${items}
  </ItemGroup>
</Project>
`,
  );
  process.stderr.write(
    `matrix: downloading ${missing.map((p) => `${p.id} ${p.version}`).join(", ")}\n`,
  );
  try {
    run("dotnet", ["restore", project, "--packages", packagesDir()], {
      env: {
        ...process.env,
        DOTNET_NOLOGO: "1",
        DOTNET_CLI_TELEMETRY_OPTOUT: "1",
      },
    });
  } catch (error) {
    throw new Error(
      `could not download the .NET runtime packs (needs the .NET SDK on PATH and the NuGet feed): ${(error as Error).message}`,
    );
  }
}

function nativeDir(version: string): string {
  return join(
    packageDir(RUNTIME_PACK, version),
    "runtimes",
    "linux-x64",
    "native",
  );
}

function managedDir(version: string): string {
  const lib = join(
    packageDir(RUNTIME_PACK, version),
    "runtimes",
    "linux-x64",
    "lib",
  );
  const [tfm] = readdirSync(lib);
  if (!tfm) throw new Error(`${lib} is empty`);
  return join(lib, tfm);
}

export function rootName(spec: RootSpec): string {
  const frameworks = spec.frameworks.join("+");
  return spec.frameworks.length === 1 &&
    spec.frameworks[0] === spec.hostfxr &&
    spec.hostPack === spec.hostfxr
    ? `dotnet-${spec.hostfxr}`
    : `hostfxr-${spec.hostfxr}_fx-${frameworks}${spec.hostPack ? `_host-${spec.hostPack}` : ""}`;
}

/** Lays the root out once (atomically, so concurrent test processes agree) and returns it. */
export function ensureDotnetRoot(spec: RootSpec): string {
  const root = join(cacheDir(), "roots", rootName(spec));
  if (existsSync(join(root, ".complete"))) return root;
  const versions = new Set([spec.hostfxr, ...spec.frameworks]);
  ensurePackages([
    ...[...versions].map((version) => ({ id: RUNTIME_PACK, version })),
    ...(spec.hostPack ? [{ id: HOST_PACK, version: spec.hostPack }] : []),
  ]);
  // A root folder without its .complete marker is a leftover of an interrupted run.
  rmSync(root, { recursive: true, force: true });
  const staging = `${root}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const fxr = join(staging, "host", "fxr", spec.hostfxr);
  mkdirSync(fxr, { recursive: true });
  cpSync(
    join(nativeDir(spec.hostfxr), "libhostfxr.so"),
    join(fxr, "libhostfxr.so"),
  );
  for (const version of spec.frameworks) {
    const framework = join(staging, "shared", "Microsoft.NETCore.App", version);
    mkdirSync(framework, { recursive: true });
    cpSync(managedDir(version), framework, { recursive: true });
    for (const file of readdirSync(nativeDir(version))) {
      // hostfxr belongs in host/fxr; static libraries are for native AOT linking.
      if (file === "libhostfxr.so" || file.endsWith(".a")) continue;
      cpSync(join(nativeDir(version), file), join(framework, file));
    }
  }
  if (spec.hostPack) {
    const pack = join(staging, "packs", HOST_PACK, spec.hostPack);
    mkdirSync(pack, { recursive: true });
    cpSync(
      join(packageDir(HOST_PACK, spec.hostPack), "runtimes"),
      join(pack, "runtimes"),
      {
        recursive: true,
      },
    );
  }
  writeFileSync(join(staging, ".complete"), `${JSON.stringify(spec)}\n`);
  mkdirSync(join(root, ".."), { recursive: true });
  try {
    renameSync(staging, root);
  } catch (error) {
    // Another process finished the same root first: use theirs.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(root, ".complete"))) throw error;
  }
  return root;
}

/** The root of a matrix entry, e.g. `ensureMajorRoot("8")`. */
export function ensureMajorRoot(major: DotnetMajor): string {
  return ensureDotnetRoot(runtimeRootSpec(DOTNET_VERSIONS[major]));
}
