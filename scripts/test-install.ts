// npm run test:install: what `npm install dotnet-host` gives a user with only Node.js and
// a .NET runtime.
//
//   1. `npm pack` the root package and the linux-x64-gnu platform package (npm/), and
//      check that each tarball ships what the package needs and nothing else.
//   2. Give the root package the optionalDependencies that `napi prepublish` adds at
//      release time (docs/releasing.md), as the registry would serve it.
//   3. Install both tarballs into a fresh project; the other platforms' packages are
//      unpublished, which npm skips as it does for any optional dependency.
//   4. With PATH holding only `node` (no cargo, no dotnet SDK) and DOTNET_ROOT naming a
//      runtime-only .NET root, import the package (ESM and CommonJS), find hostfxr, call
//      a C# fixture through an entry point and through a typed binding, load the addon
//      from an overridden path (as Electron's app.asar.unpacked needs), and type-check a
//      TypeScript consumer against the installed typings.
//
// Needs `npm run build`, `npm run build:fixtures` and a .NET 8+ runtime on this machine.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const platform = "linux-x64-gnu";
const addonName = `dotnet-host.${platform}.node`;
const started = Date.now();

function fail(message: string): never {
  console.error(`test:install: ${message}`);
  process.exit(1);
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env?: NodeJS.ProcessEnv,
): string {
  const result = spawnSync(command, args, {
    cwd,
    env: env ?? process.env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    fail(
      `${command} ${args.join(" ")} (in ${cwd}) failed: ${result.error?.message ?? `exit ${result.status}`}\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

const readJson = <T>(file: string): T =>
  JSON.parse(readFileSync(file, "utf8")) as T;

for (const [file, how] of [
  [addonName, "npm run build"],
  [join("dist", "index.js"), "npm run build:ts"],
  [
    join("managed", "out", "DotnetHost.Bridge", "DotnetHost.Bridge.dll"),
    "npm run build:managed",
  ],
  [
    join("__test__", "fixtures", "out", "Fixture", "Fixture.dll"),
    "npm run build:fixtures",
  ],
  [
    join("__test__", "fixtures", "out", "Typed", "Typed.dll"),
    "npm run build:fixtures",
  ],
] as const) {
  if (!existsSync(join(repoRoot, file)))
    fail(`${file} is missing: run \`${how}\` first`);
}

const work = mkdtempSync(join(tmpdir(), "dotnet-host-install-"));
let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail: unknown = ""): void {
  if (ok) passed++;
  else failed++;
  console.log(
    `${ok ? "ok" : "not ok"} - ${name}${ok ? "" : `\n  ${String(detail).replaceAll("\n", "\n  ")}`}`,
  );
}

// ---- 1. Pack -----------------------------------------------------------------------

const rootManifest = readJson<{
  name: string;
  version: string;
  napi: { targets: string[] };
}>(join(repoRoot, "package.json"));
const platformDir = join(repoRoot, "npm", platform);
const platformManifest = readJson<{ name: string; version: string }>(
  join(platformDir, "package.json"),
);
if (platformManifest.version !== rootManifest.version) {
  fail(
    `npm/${platform} is version ${platformManifest.version} but the root is ${rootManifest.version}: run \`napi version\``,
  );
}
// The platform package as `napi artifacts` fills it: its folder plus the addon. Staged in
// the temp dir, so npm/ keeps only what is committed.
const staged = join(work, "stage", platform);
cpSync(platformDir, staged, { recursive: true });
copyFileSync(join(repoRoot, addonName), join(staged, addonName));

type Packed = { filename: string; files: { path: string }[] }[];
const tarballs = join(work, "tarballs");
mkdirSync(tarballs);
const pack = (dir: string) =>
  (
    JSON.parse(
      run("npm", ["pack", dir, "--json", "--pack-destination", tarballs], work),
    ) as Packed
  )[0];
const rootPack = pack(repoRoot);
const platformPack = pack(staged);
if (!rootPack || !platformPack) fail("npm pack printed no result");

const rootFiles = rootPack.files.map((file) => file.path).sort();
const allowed = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE(\.\w+)?$/,
  /^index\.(js|d\.ts)$/,
  /^bin\/dotnet-host\.js$/,
  /^dist\/.+\.(js|d\.ts|js\.map)$/,
  /^docs\/[\w-]+\.md$/,
  /^managed\/out\/DotnetHost\.Bridge\/DotnetHost\.Bridge\.(dll|deps\.json|runtimeconfig\.json|pdb)$/,
  /^managed\/out\/DotnetHost\.Bridge\.ReadyToRun\/(linux|win)-x64\/net\d+\/DotnetHost\.Bridge\.(dll|deps\.json)$/,
];
const required = [
  "package.json",
  "README.md",
  "index.js",
  "index.d.ts",
  "dist/index.js",
  "dist/bundle/index.js",
  "dist/index.d.ts",
  "dist/native/loader.js",
  "bin/dotnet-host.js",
  "docs/architecture.md",
  // lib/typed/runtime.ts loads the bridge from managed/out/DotnetHost.Bridge/.
  "managed/out/DotnetHost.Bridge/DotnetHost.Bridge.dll",
  "managed/out/DotnetHost.Bridge/DotnetHost.Bridge.deps.json",
  // …and, on .NET 8 and 10, the bridge precompiled for that runtime.
  ...["linux-x64", "win-x64"].flatMap((rid) =>
    ["net8", "net10"].flatMap((major) =>
      ["dll", "deps.json"].map(
        (ext) =>
          `managed/out/DotnetHost.Bridge.ReadyToRun/${rid}/${major}/DotnetHost.Bridge.${ext}`,
      ),
    ),
  ),
];
const unexpected = rootFiles.filter(
  (file) => !allowed.some((pattern) => pattern.test(file)),
);
const missing = required.filter((file) => !rootFiles.includes(file));
check(
  `${rootPack.filename} ships only the package (${rootFiles.length} files)`,
  unexpected.length === 0,
  `unexpected: ${unexpected.join(", ")}`,
);
check(
  `${rootPack.filename} ships what the package loads`,
  missing.length === 0,
  `missing: ${missing.join(", ")} (package.json "files")`,
);
check(
  `${platformPack.filename} ships exactly the addon`,
  platformPack.files
    .map((file) => file.path)
    .sort()
    .join(",") === ["README.md", addonName, "package.json"].sort().join(","),
  platformPack.files.map((file) => file.path).join(", "),
);

// Every platform package must be installable where its binary runs. npm skips an optional
// dependency whose os/cpu/libc do not match, silently; and it treats any "libc" field as
// a mismatch off Linux, where there is no libc to compare (npm-install-checks). napi
// create-npm-dirs writes libc ["glibc"] for win32-x64-gnu too: that package would then
// never install on Windows.
for (const folder of readdirSync(join(repoRoot, "npm")).sort()) {
  const manifest = readJson<{
    name: string;
    os?: string[];
    cpu?: string[];
    libc?: string[];
  }>(join(repoRoot, "npm", folder, "package.json"));
  const [os, cpu, abi] = folder.split("-");
  const libc = os === "linux" ? [abi === "musl" ? "musl" : "glibc"] : undefined;
  check(
    `npm/${folder}: ${manifest.name} declares os ${os}, cpu ${cpu}, libc ${libc?.[0] ?? "none"}`,
    manifest.name === `${rootManifest.name}-${folder}` &&
      JSON.stringify(manifest.os) === JSON.stringify([os]) &&
      JSON.stringify(manifest.cpu) === JSON.stringify([cpu]) &&
      JSON.stringify(manifest.libc) === JSON.stringify(libc),
    JSON.stringify({
      name: manifest.name,
      os: manifest.os,
      cpu: manifest.cpu,
      libc: manifest.libc,
    }),
  );
}

// ---- 2. The root package as published ------------------------------------------------

// `napi prepublish` writes one optionalDependency per napi target, at the root's version
// (see resolveRootOptionalDependencies in @napi-rs/cli). The target names map to the
// npm/<platform> folders that `napi create-npm-dirs` made.
const unpacked = join(work, "root");
mkdirSync(unpacked);
run(
  "tar",
  [
    "xzf",
    join(tarballs, rootPack.filename),
    "-C",
    unpacked,
    "--strip-components=1",
  ],
  work,
);
const publishedManifest = readJson<Record<string, unknown>>(
  join(unpacked, "package.json"),
);
const platformFolders = readdirSync(join(repoRoot, "npm")).sort();
if (platformFolders.length !== rootManifest.napi.targets.length) {
  fail(
    `npm/ has ${platformFolders.length} platform folders for ${rootManifest.napi.targets.length} napi targets: run \`napi create-npm-dirs\``,
  );
}
publishedManifest.optionalDependencies = Object.fromEntries(
  platformFolders.map((folder) => [
    `${rootManifest.name}-${folder}`,
    rootManifest.version,
  ]),
);
writeFileSync(
  join(unpacked, "package.json"),
  `${JSON.stringify(publishedManifest, null, 2)}\n`,
);
rmSync(join(tarballs, rootPack.filename));
const publishedPack = pack(unpacked);
if (!publishedPack) fail("npm pack printed no result");

// ---- 3. Install ----------------------------------------------------------------------

const project = join(work, "project");
mkdirSync(project);
writeFileSync(
  join(project, "package.json"),
  `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2)}\n`,
);
const installStarted = Date.now();
run(
  "npm",
  [
    "install",
    join(tarballs, publishedPack.filename),
    join(tarballs, platformPack.filename),
    "--no-audit",
    "--no-fund",
  ],
  project,
);
const installed = readdirSync(join(project, "node_modules"))
  .filter((name) => !name.startsWith("."))
  .sort();
check(
  `npm install of both tarballs (${((Date.now() - installStarted) / 1000).toFixed(1)} s) installs the package and its ${platform} binary only`,
  installed.join(",") === `${rootManifest.name},${platformManifest.name}`,
  installed.join(", "),
);

// ---- 4. Use it with only Node.js and a .NET runtime -----------------------------------

// A runtime-only .NET root: this machine's hostfxr and Microsoft.NETCore.App, no SDK.
const runtimes = run("dotnet", ["--list-runtimes"], work);
const netcore = /^Microsoft\.NETCore\.App (\S+) \[(.+)\]$/m.exec(runtimes);
if (!netcore?.[2])
  fail(`no Microsoft.NETCore.App in \`dotnet --list-runtimes\`:\n${runtimes}`);
const machineRoot = dirname(dirname(netcore[2]));
const runtimeRoot = join(work, "dotnet");
mkdirSync(join(runtimeRoot, "shared"), { recursive: true });
symlinkSync(join(machineRoot, "host"), join(runtimeRoot, "host"));
symlinkSync(netcore[2], join(runtimeRoot, "shared", "Microsoft.NETCore.App"));
// PATH holds node and nothing else: no cargo, rustc or dotnet.
const bin = join(work, "bin");
mkdirSync(bin);
symlinkSync(process.execPath, join(bin, "node"));
const env: NodeJS.ProcessEnv = {
  PATH: bin,
  HOME: join(work, "home"),
  DOTNET_ROOT: runtimeRoot,
  DOTNET_CLI_TELEMETRY_OPTOUT: "1",
};

const fixtureDir = join(repoRoot, "__test__", "fixtures", "out", "Fixture");
const typedDll = join(
  repoRoot,
  "__test__",
  "fixtures",
  "out",
  "Typed",
  "Typed.dll",
);
const body = (importLine: string) => `${importLine}
const report = {};
const found = dotnetHost.resolveHostfxr();
report.source = found.source;
report.hostfxr = found.path;
report.sdks = dotnetHost.getEnvironmentInfo().sdks.length;
const context = dotnetHost.initializeForRuntimeConfig(${JSON.stringify(join(fixtureDir, "Fixture.runtimeconfig.json"))});
report.size = context
  .loadAssemblyAndGetFunctionPointer(${JSON.stringify(join(fixtureDir, "Fixture.dll"))}, "Fixture.Entry, Fixture", "Size")
  .call(Buffer.alloc(11));
context.close();
report.add = dotnetHost.load(${JSON.stringify(typedDll)}).bind("Typed.Calc.Add")(20, 22);
report.addon = Object.keys(require.cache).filter((key) => key.endsWith(".node"));
// The bridge .NET mapped: the installed ReadyToRun image for this runtime.
report.bridge = [...new Set(require("node:fs").readFileSync("/proc/self/maps", "utf8")
  .split("\\n").map((line) => line.slice(line.indexOf("/"))).filter((path) => path.endsWith("/DotnetHost.Bridge.dll")))];
console.log(JSON.stringify(report));
`;
writeFileSync(
  join(project, "esm.mjs"),
  body(
    `import * as dotnetHost from "dotnet-host";\nimport { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);`,
  ),
);
writeFileSync(
  join(project, "cjs.cjs"),
  body(`const dotnetHost = require("dotnet-host");`),
);

type Report = {
  source: string;
  hostfxr: string;
  sdks: number;
  size: number;
  add: number;
  addon: string[];
  bridge: string[];
};
function use(
  script: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Report | string {
  const result = spawnSync("node", [script], {
    cwd: project,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
    timeout: 60_000,
  });
  try {
    return JSON.parse(result.stdout.trim().split("\n").pop() ?? "") as Report;
  } catch {
    return `exit ${result.status}${result.error ? ` (${result.error.message})` : ""}\n${result.stdout}${result.stderr}`;
  }
}
const expectedAddon = join(
  project,
  "node_modules",
  platformManifest.name,
  addonName,
);
function checkUse(name: string, report: Report | string, addon: string): void {
  const ok =
    typeof report === "object" &&
    report.source === "environment" &&
    report.hostfxr.startsWith(`${runtimeRoot}/host/fxr/`) &&
    report.sdks === 0 &&
    report.size === 11 &&
    report.add === 42 &&
    report.addon.length === 1 &&
    report.addon[0] === addon &&
    report.bridge.length === 1 &&
    report.bridge[0]!.startsWith(
      join(
        project,
        "node_modules",
        "dotnet-host",
        "managed",
        "out",
        "DotnetHost.Bridge.ReadyToRun",
        "linux-x64",
      ),
    );
  check(name, ok, typeof report === "string" ? report : JSON.stringify(report));
}
checkUse(
  "ESM import: finds hostfxr, calls .NET (entry point and typed), addon from the platform package, the ReadyToRun bridge",
  use("esm.mjs"),
  expectedAddon,
);
checkUse("CommonJS require(): the same", use("cjs.cjs"), expectedAddon);

// The package's command, as `npx dotnet-host info` runs it.
const info = spawnSync(
  join(project, "node_modules", ".bin", "dotnet-host"),
  ["info", "--json"],
  {
    cwd: project,
    env,
    encoding: "utf8",
    timeout: 60_000,
  },
);
let infoReport: { hostfxr?: { path?: string; source?: string } } | undefined;
try {
  infoReport = JSON.parse(info.stdout) as typeof infoReport;
} catch {
  infoReport = undefined;
}
check(
  "npx dotnet-host info --json: the installed command runs",
  info.status === 0 && infoReport?.hostfxr?.source === "environment",
  `exit ${info.status}\n${info.stdout}${info.stderr}`,
);

// Electron packs node_modules into app.asar, from which no .node file can be loaded; the
// addon is unpacked elsewhere and named by DOTNET_HOST_NATIVE_PATH.
const unpackedAddon = join(work, "app.asar.unpacked", addonName);
mkdirSync(dirname(unpackedAddon));
copyFileSync(expectedAddon, unpackedAddon);
checkUse(
  "DOTNET_HOST_NATIVE_PATH loads the addon from another place",
  use("esm.mjs", { DOTNET_HOST_NATIVE_PATH: unpackedAddon }),
  unpackedAddon,
);

// The typings as a TypeScript user sees them, ESM and CommonJS, with this repository's tsc.
writeFileSync(
  join(project, "consumer.mts"),
  `import { initializeForRuntimeConfig, resolveHostfxr, HostfxrNotFoundError, type HostfxrLocation } from "dotnet-host";
const found: HostfxrLocation = resolveHostfxr({ dotnetRoot: "/opt/dotnet" });
using context = initializeForRuntimeConfig("x.runtimeconfig.json");
const size: number = context.loadAssemblyAndGetFunctionPointer("x.dll", "T, x", "M").call(new Uint8Array(4));
export const summary = [found.source, size, HostfxrNotFoundError.name];
`,
);
writeFileSync(
  join(project, "consumer.cts"),
  `import dotnetHost = require("dotnet-host");
export const source: string = dotnetHost.resolveHostfxr().source;
`,
);
const tsc = spawnSync(
  process.execPath,
  [
    join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--target",
    "es2022",
    "--lib",
    "es2023,esnext.disposable",
    "--types",
    "node",
    "--typeRoots",
    join(repoRoot, "node_modules", "@types"),
    "consumer.mts",
    "consumer.cts",
  ],
  { cwd: project, encoding: "utf8" },
);
check(
  "the typings resolve for TypeScript consumers (ESM and CommonJS)",
  tsc.status === 0,
  `${tsc.stdout}${tsc.stderr}`,
);

rmSync(work, { recursive: true, force: true });
console.log(
  `install: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
process.exitCode = failed === 0 ? 0 : 1;
