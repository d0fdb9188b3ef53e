// A folder made by `dotnet-host add`: NuGet packages published next to a small generated
// project that references them all, so one load context resolves every package and its
// dependencies from the project's .deps.json.
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { InvalidArgumentError } from "../errors.js";

/** The manifest `dotnet-host add` writes into the folder. */
export const MANIFEST = "dotnet-host.json";

export interface PackageManifest {
  /** The layout version. */
  format: 1;
  /** The generated project's assembly, relative to the folder. */
  assembly: string;
  /** The target framework the packages were restored for (`net8.0`). */
  framework: string;
  /** Package id → version, as requested (and resolved) by `add`. */
  packages: Record<string, string>;
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/** The manifest of a package folder; undefined when `folder` is not one. */
export function readManifest(folder: string): PackageManifest | undefined {
  if (!isDirectory(folder)) return undefined;
  const path = join(folder, MANIFEST);
  const fail = (why: string): never => {
    throw new InvalidArgumentError(
      `${path} is not a dotnet-host package manifest: ${why}. Run \`npx dotnet-host add <PackageId>\` again to rewrite it`,
    );
  };
  // The manifest is input: only a small regular file is read (a FIFO would block the read).
  let stats;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!stats) return undefined;
  if (!stats.isFile()) return fail("it is not a regular file");
  if (stats.size > 1 << 20)
    return fail(`it is ${stats.size} bytes (at most 1 MiB)`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return fail((error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail((error as Error).message);
  }
  const manifest = parsed as Partial<PackageManifest> | null;
  if (typeof manifest !== "object" || manifest === null)
    return fail("not an object");
  if (manifest.format !== 1)
    return fail(`format ${String(manifest.format)} is not 1`);
  if (
    typeof manifest.assembly !== "string" ||
    !manifest.assembly.endsWith(".dll")
  )
    return fail("`assembly` must name the project's .dll");
  // The manifest is input: its assembly must be inside the folder.
  const inside = relative(folder, resolve(folder, manifest.assembly));
  if (
    isAbsolute(manifest.assembly) ||
    inside.startsWith("..") ||
    isAbsolute(inside)
  )
    return fail("`assembly` must be a path inside the folder");
  if (typeof manifest.framework !== "string")
    return fail("`framework` must be a string");
  if (
    typeof manifest.packages !== "object" ||
    manifest.packages === null ||
    Object.values(manifest.packages).some(
      (version) => typeof version !== "string",
    )
  )
    return fail("`packages` must map package ids to versions");
  return manifest as PackageManifest;
}

/** For a package folder, the path of the assembly `load()` opens; undefined otherwise. */
export function packageFolderAssembly(path: unknown): string | undefined {
  if (typeof path !== "string" || path.length === 0 || path.includes("\0"))
    return undefined;
  const folder = resolve(path);
  const manifest = readManifest(folder);
  return manifest ? resolve(folder, manifest.assembly) : undefined;
}
