// Builds the C# projects (test fixtures, example) that are out of date.
//
//   tsx scripts/build-dotnet.ts <dir> [<dir>...]
//
// Every *.csproj under the given directories is built with
// `dotnet build -c Release`, one at a time, unless its inputs are unchanged
// since the last successful build. The inputs are every file in the project
// directory (except bin/, obj/ and out/), a `Shared` folder beside it if there is one,
// and the repo-wide Directory.Build.props and .editorconfig; their SHA-256 is kept in
// <output dir>/.build-stamp.
//
// The output directory is derived by convention instead of asking MSBuild
// (which costs about a second per project): Directory.Build.props sends
// <parent>/<Name>/<Name>.csproj to <parent>/out/<Name>/, e.g.
// __test__/fixtures/out/Fixture/ and example/out/Hello/.
// ProjectReferences are not followed: a project's stamp covers its own
// directory only.
//
// A project named <Name>.ReadyToRun (managed/DotnetHost.Bridge.ReadyToRun) compiles
// the sources of <Name> beside it, which its stamp covers too. It is published, not
// built: once per target framework and runtime identifier it lists, with ReadyToRun
// code, to <parent>/out/<Name>.ReadyToRun/<rid>/net<major>/.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const skippedDirs = new Set(["bin", "obj", "out", "node_modules"]);
const sharedInputs = ["Directory.Build.props", ".editorconfig"];
const stampFormat = "build-dotnet v1 Release";

function fail(message: string): never {
  console.error(`build-dotnet: ${message}`);
  process.exit(1);
}

function walk(dir: string, keep: (file: string) => boolean): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedDirs.has(entry.name)) files.push(...walk(full, keep));
    } else if (entry.isFile() && keep(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

function repoRelative(file: string): string {
  return path.relative(repoRoot, file).split(path.sep).join("/");
}

const READY_TO_RUN = ".ReadyToRun";

function computeStamp(projectDir: string): string {
  // Projects may compile code from a `Shared` folder beside them (__test__/compat), a
  // ReadyToRun project the sources of the project it precompiles.
  const name = path.basename(projectDir);
  const beside = [
    path.join(path.dirname(projectDir), "Shared"),
    ...(name.endsWith(READY_TO_RUN)
      ? [
          path.join(
            path.dirname(projectDir),
            name.slice(0, -READY_TO_RUN.length),
          ),
        ]
      : []),
  ];
  const files = [
    ...walk(projectDir, () => true),
    ...beside.flatMap((dir) => (existsSync(dir) ? walk(dir, () => true) : [])),
    ...sharedInputs.map((name) => path.join(repoRoot, name)),
  ].filter((file) => existsSync(file));
  const entries = files.map((file) => ({ rel: repoRelative(file), file }));
  entries.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  const hash = createHash("sha256").update(`${stampFormat}\0`);
  for (const { rel, file } of entries) {
    const content = readFileSync(file);
    hash.update(`${rel}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** `<TargetFrameworks>` and `<RuntimeIdentifiers>` of a ReadyToRun project. */
function readyToRunTargets(csproj: string): { tfm: string; rid: string }[] {
  const text = readFileSync(csproj, "utf8");
  const list = (tag: string) =>
    (new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(text)?.[1] ?? "")
      .split(";")
      .map((item) => item.trim())
      .filter(Boolean);
  const tfms = list("TargetFrameworks");
  const rids = list("RuntimeIdentifiers");
  if (tfms.length === 0 || rids.length === 0) {
    fail(
      `${repoRelative(csproj)} must list <TargetFrameworks> and <RuntimeIdentifiers>`,
    );
  }
  return rids.flatMap((rid) => tfms.map((tfm) => ({ tfm, rid })));
}

/** `net10.0` → `net10`: the folder load() looks in for a runtime of that major. */
const majorFolder = (tfm: string) => tfm.replace(/\.\d+$/, "");

function dotnet(args: string[], what: string): void {
  const result = spawnSync("dotnet", args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DOTNET_NOLOGO: "1" },
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      fail(
        "`dotnet` was not found on PATH. The .NET SDK (8 or later) is " +
          "needed to build the C# test fixtures and example: " +
          "https://dotnet.microsoft.com/download",
      );
    }
    fail(`could not run dotnet: ${result.error.message}`);
  }
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    fail(
      `dotnet ${args[0]} failed for ${what} ` +
        `(${result.status === null ? `signal ${result.signal}` : `exit code ${result.status}`})`,
    );
  }
}

function build(csproj: string): void {
  dotnet(
    ["build", csproj, "-c", "Release", "--nologo", "-v", "q"],
    repoRelative(csproj),
  );
}

/** Publishes each framework × runtime of a ReadyToRun project into `outDir`. */
function publishReadyToRun(csproj: string, outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  for (const { tfm, rid } of readyToRunTargets(csproj)) {
    const target = path.join(outDir, rid, majorFolder(tfm));
    dotnet(
      [
        "publish",
        csproj,
        "-c",
        "Release",
        "-f",
        tfm,
        "-r",
        rid,
        "-o",
        target,
        "--nologo",
        "-v",
        "q",
      ],
      `${repoRelative(csproj)} (${tfm}, ${rid})`,
    );
  }
}

function main(dirs: string[]): void {
  if (dirs.length === 0) {
    console.error("usage: tsx scripts/build-dotnet.ts <dir> [<dir>...]");
    process.exit(2);
  }
  const projects = new Set<string>();
  for (const dir of dirs) {
    const abs = path.resolve(dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      fail(`not a directory: ${dir}`);
    }
    const found = walk(abs, (name) => name.endsWith(".csproj"));
    if (found.length === 0) fail(`no *.csproj under ${dir}`);
    for (const csproj of found) projects.add(csproj);
  }

  for (const csproj of [...projects].sort()) {
    const projectDir = path.dirname(csproj);
    const name = path.basename(csproj, ".csproj");
    const outDir = path.join(path.dirname(projectDir), "out", name);
    const stampFile = path.join(outDir, ".build-stamp");
    const label = repoRelative(projectDir);

    const readyToRun = name.endsWith(READY_TO_RUN);
    const dlls = readyToRun
      ? readyToRunTargets(csproj).map(({ tfm, rid }) =>
          path.join(
            outDir,
            rid,
            majorFolder(tfm),
            `${name.slice(0, -READY_TO_RUN.length)}.dll`,
          ),
        )
      : [path.join(outDir, `${name}.dll`)];
    const stamp = computeStamp(projectDir);
    if (readText(stampFile) === stamp && dlls.every((dll) => existsSync(dll))) {
      console.log(`up to date ${label}`);
      continue;
    }

    const started = Date.now();
    rmSync(stampFile, { force: true });
    if (readyToRun) publishReadyToRun(csproj, outDir);
    else build(csproj);
    const missing = dlls.find((dll) => !existsSync(dll));
    if (missing) {
      fail(
        `built ${label} but found no ${repoRelative(missing)}: ` +
          "does it follow the layout set in Directory.Build.props?",
      );
    }
    mkdirSync(outDir, { recursive: true });
    writeFileSync(stampFile, `${stamp}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`built ${label} (${seconds} s)`);
  }
}

main(process.argv.slice(2));
