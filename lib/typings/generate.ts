// generateTypings(): TypeScript declarations for an assembly, a C# project or a package
// folder, from the bridge's description of its public surface.
import { spawnSync } from "./sdk.js";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import type { MemberNaming } from "../objects/names.js";
import { describe } from "../paths.js";
import { assemblyIdOf, load, type DotnetAssembly } from "../typed/assembly.js";
import { emitDeclarations } from "./emit.js";
import { isDirectory, readManifest } from "./folder.js";
import type { SurfaceModel } from "./model.js";

export interface TypingsOptions {
  /** Where to write the declarations (a `.d.ts` path); without it they are only returned. */
  out?: string;
  /** The member naming the program uses (setMemberNaming); default camelCase. */
  naming?: MemberNaming;
  /** The module the declarations import the runtime types from; default "dotnet-host". */
  runtimeModule?: string;
  /**
   * Document framework types from the .NET SDK's reference pack (default true; without
   * an SDK there is nothing to read). Off, the output does not depend on the SDK installed.
   */
  frameworkDocs?: boolean;
}

export interface TypingsResult {
  /** The declarations. */
  text: string;
  /** The file written, with `out`. */
  path?: string;
  /** The assembly described. */
  assemblyPath: string;
  /** The name `load()` knows it by (file name without `.dll`, or the package folder's name). */
  assemblyName: string;
  /** How many types were declared, and how many could not be read. */
  types: number;
  failures: number;
}

interface Target {
  assemblyPath: string;
  assemblyName: string;
  withDependencies: boolean;
  source: string;
}

/** Builds a C# project with the .NET SDK and returns the assembly it makes. */
function buildProject(project: string): string {
  const dotnet = process.env.DOTNET_HOST_SDK ?? "dotnet";
  const build = spawnSync(
    dotnet,
    ["build", project, "-c", "Release", "-nologo", "-v", "q"],
    {
      encoding: "utf8",
      timeout: 600_000,
    },
  );
  if (build.error || build.status !== 0) {
    throw new InvalidArgumentError(
      `building ${project} failed (the .NET SDK is needed to build a project): ${build.error?.message ?? `${build.stdout}${build.stderr}`.trim().slice(-2000)}`,
    );
  }
  const property = spawnSync(
    dotnet,
    [
      "msbuild",
      project,
      "-getProperty:TargetPath",
      "-p:Configuration=Release",
      "-nologo",
    ],
    { encoding: "utf8", timeout: 120_000 },
  );
  const targetPath = property.stdout?.trim();
  if (property.status !== 0 || !targetPath) {
    throw new InvalidArgumentError(
      `could not ask MSBuild for ${project}'s TargetPath: ${`${property.stdout}${property.stderr}`.trim()}`,
    );
  }
  return targetPath;
}

function resolveTarget(target: string): Target {
  const path = resolve(target);
  if (isDirectory(path)) {
    const manifest = readManifest(path);
    if (manifest) {
      return {
        assemblyPath: resolve(path, manifest.assembly),
        assemblyName: basename(path),
        withDependencies: true,
        source: `the packages in ${basename(path)}/ (${Object.entries(
          manifest.packages,
        )
          .map(([id, version]) => `${id} ${version}`)
          .join(", ")})`,
      };
    }
    const projects = readdirSync(path).filter((name) =>
      name.endsWith(".csproj"),
    );
    if (projects.length !== 1) {
      throw new InvalidArgumentError(
        `${path} is a folder with ${projects.length} .csproj files and no ${"dotnet-host.json"}: name the .dll, the .csproj, or a folder made by \`dotnet-host add\``,
      );
    }
    return fromProject(join(path, projects[0]!));
  }
  if (!existsSync(path)) {
    throw new InvalidArgumentError(
      `there is no ${path}: name an assembly (.dll), a C# project or a folder made by \`dotnet-host add\``,
    );
  }
  if (extname(path) === ".csproj") return fromProject(path);
  return {
    assemblyPath: path,
    assemblyName: basename(path, extname(path)),
    withDependencies: false,
    source: basename(path),
  };
}

function fromProject(project: string): Target {
  const assemblyPath = buildProject(project);
  return {
    assemblyPath,
    assemblyName: basename(assemblyPath, ".dll"),
    withDependencies: false,
    source: `${basename(dirname(project))}/${basename(project)}`,
  };
}

/** What the bridge says about an assembly's public surface (managed/DotnetHost.Bridge/Surface.cs). */
export function describeSurface(
  target: Target | string,
  frameworkDocs = true,
): SurfaceModel {
  const resolved = typeof target === "string" ? resolveTarget(target) : target;
  const assembly = load<DotnetAssembly>(resolved.assemblyPath);
  return JSON.parse(
    native.bridgeDescribeSurface(
      assemblyIdOf(assembly),
      (resolved.withDependencies ? 1 : 0) | (frameworkDocs ? 2 : 0),
    ),
  ) as SurfaceModel;
}

/**
 * Writes TypeScript declarations for `target`: an assembly (`MyLib.dll`), a C# project
 * (its folder or `.csproj`, built with the .NET SDK) or a folder made by `dotnet-host add`.
 * It loads the assembly into this process's runtime to read it.
 */
export function generateTypings(
  target: string,
  options: TypingsOptions = {},
): TypingsResult {
  if (typeof target !== "string" || target.length === 0) {
    throw new InvalidArgumentError(
      `target must be the path of an assembly, a C# project or a package folder, got ${describe(target)}`,
    );
  }
  if (
    options.naming !== undefined &&
    options.naming !== "camelCase" &&
    options.naming !== "dotnet"
  ) {
    throw new InvalidArgumentError(
      `naming must be "camelCase" or "dotnet", got ${describe(options.naming)}`,
    );
  }
  const resolved = resolveTarget(target);
  const model = describeSurface(resolved, options.frameworkDocs !== false);
  const text = emitDeclarations(model, {
    naming: options.naming,
    assemblyName: resolved.assemblyName,
    runtimeModule: options.runtimeModule,
    source: resolved.source,
  });
  let path: string | undefined;
  if (options.out !== undefined) {
    path = resolve(options.out);
    writeFileSync(path, text);
  }
  return {
    text,
    path,
    assemblyPath: resolved.assemblyPath,
    assemblyName: resolved.assemblyName,
    types: model.types.filter((type) => type.error === undefined).length,
    failures:
      model.failures.length +
      model.types.filter((type) => type.error !== undefined).length,
  };
}
