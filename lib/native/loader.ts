// Finds and loads the compiled addon for this platform: a `dotnet-host.<triple>.node`
// next to the package (local builds), else the `dotnet-host-<triple>` package that npm
// installed as an optional dependency.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function isMusl(): boolean {
  if (process.platform !== "linux") return false;
  // The C library this process runs on, from its own mappings: a fraction of a
  // millisecond, where process.report.getReport() takes about 8.
  try {
    const maps = readFileSync("/proc/self/maps", "utf8");
    if (/\/ld-musl-|\/libc\.musl-/.test(maps)) return true;
    if (/\/libc(\.so\.6|-2\.\d+\.so)$/m.test(maps)) return false;
  } catch {
    // No /proc: ask the report.
  }
  const report = process.report?.getReport() as
    { header?: { glibcVersionRuntime?: string } } | undefined;
  if (report?.header?.glibcVersionRuntime) return false;
  try {
    return readFileSync("/usr/bin/ldd", "utf8").includes("musl");
  } catch {
    return true;
  }
}

/** The napi-rs platform names to try, best first. */
export function platformTriples(): string[] {
  const { platform, arch } = process;
  if (platform === "linux")
    return [`linux-${arch}-${isMusl() ? "musl" : "gnu"}`];
  if (platform === "win32") return [`win32-${arch}-msvc`, `win32-${arch}-gnu`];
  return [`${platform}-${arch}`];
}

/**
 * `DOTNET_HOST_NATIVE_PATH`, checked: an absolute path (never relative to the current
 * directory) to a `.node` file (`require` would run a `.js` file as code).
 */
function nativePath(value: string): string {
  if (!isAbsolute(value)) {
    throw new Error(
      `DOTNET_HOST_NATIVE_PATH must be an absolute path, got ${JSON.stringify(value)}: a relative one would depend on the current directory`,
    );
  }
  if (!value.endsWith(".node")) {
    throw new Error(
      `DOTNET_HOST_NATIVE_PATH must name the addon, a .node file; ${value} is not one (anything else would be loaded as JavaScript)`,
    );
  }
  if (!statSync(value, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`DOTNET_HOST_NATIVE_PATH names ${value}, which is no file`);
  }
  return value;
}

export function loadNativeAddon<T>(): T {
  const override = process.env.DOTNET_HOST_NATIVE_PATH;
  if (override) return require(nativePath(override)) as T;
  const tried: string[] = [];
  for (const triple of platformTriples()) {
    // Electron: a .node file inside app.asar is loaded from app.asar.unpacked.
    const local = join(packageRoot, `dotnet-host.${triple}.node`).replace(
      /([\\/])app\.asar([\\/])/,
      "$1app.asar.unpacked$2",
    );
    tried.push(local);
    if (existsSync(local)) return require(local) as T;
    const packageName = `dotnet-host-${triple}`;
    tried.push(packageName);
    try {
      return require(packageName) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") {
        throw error;
      }
    }
  }
  throw new Error(
    `dotnet-host has no native binary for ${process.platform}-${process.arch}. Tried:\n  ${tried.join("\n  ")}\n` +
      "Reinstall without --no-optional / --omit=optional, or build it with `npm run build`.",
  );
}
