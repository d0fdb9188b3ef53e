// `npm run test:matrix`: the ava suite against private .NET 8, 9 and 10 roots (each
// selected with DOTNET_ROOT) and on Node.js 18, 20, 22, 24 and 26, with the addon built
// once. What it needs is downloaded once into the cache (see cache.ts).
//
//   tsx scripts/matrix/run.ts [--dotnet=8,9,10|none] [--node=18,20,22,24,26|none] [-- <ava args>]
//
// Every entry first runs probe.ts to check that the Node.js and hostfxr it selected
// are the ones actually used, then ava on every test file except __test__/matrix*.test.ts:
// those pick their .NET roots themselves, so they run once, as the first entry.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir } from "./cache.js";
import {
  DOTNET_VERSIONS,
  ensureMajorRoot,
  type DotnetMajor,
} from "./dotnet-roots.js";
import { NODE_VERSIONS, ensureNode, type NodeMajor } from "./node-binaries.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const addon = join(repoRoot, "dotnet-host.linux-x64-gnu.node");
const avaCli = join(repoRoot, "node_modules", "ava", "entrypoints", "cli.mjs");

interface Entry {
  name: string;
  node: string;
  env: NodeJS.ProcessEnv;
  files: string[];
  /** What the probe must report: a hostfxr under this root, this Node.js version. */
  expectRoot?: string;
  expectNode?: string;
}

interface Outcome {
  name: string;
  passed: number;
  failed: number;
  seconds: number;
  ok: boolean;
  note: string;
}

function fail(message: string): never {
  process.stderr.write(`test:matrix: ${message}\n`);
  process.exit(1);
}

function parseList<K extends string>(
  args: string[],
  flag: string,
  all: readonly K[],
): K[] {
  const given = args.find((arg) => arg.startsWith(`--${flag}=`));
  if (!given) return [...all];
  const value = given.slice(flag.length + 3);
  if (value === "none") return [];
  const picked = value.split(",");
  for (const item of picked) {
    if (!all.includes(item as K)) {
      fail(`--${flag}: unknown version ${item}; choose from ${all.join(", ")}`);
    }
  }
  return picked as K[];
}

function checkPrerequisites(): void {
  const missing = [
    [addon, "npm run build:native"],
    [join(repoRoot, "dist", "index.js"), "npm run build:ts"],
    [
      join(repoRoot, "__test__", "fixtures", "out", "Fixture", "Fixture.dll"),
      "npm run build:fixtures",
    ],
    [
      join(repoRoot, "example", "out", "Hello", "Hello.dll"),
      "npm run build:fixtures",
    ],
    [avaCli, "npm ci"],
  ].filter(([path]) => !existsSync(path ?? ""));
  if (missing.length > 0) {
    fail(
      `missing build output:\n${missing.map(([path, fix]) => `  ${path} (run \`${fix}\`)`).join("\n")}`,
    );
  }
}

/** The environment with every DOTNET_ROOT* removed, so only what we set selects .NET. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("DOTNET_ROOT")) delete env[key];
  }
  return env;
}

function probe(entry: Entry): string {
  const child = spawnSync(
    entry.node,
    ["--import", "tsx", join(repoRoot, "scripts", "matrix", "probe.ts")],
    { cwd: repoRoot, env: entry.env, encoding: "utf8", timeout: 60_000 },
  );
  const line = child.stdout?.trim().split("\n").pop() ?? "";
  let seen: {
    node: string;
    hostfxr: string;
    frameworks: string[];
    sdks: string[];
  };
  try {
    seen = JSON.parse(line) as typeof seen;
  } catch {
    throw new Error(
      `probe failed (exit ${child.status}):\n${child.stdout}${child.stderr}`,
    );
  }
  if (entry.expectRoot && !seen.hostfxr.startsWith(`${entry.expectRoot}/`)) {
    throw new Error(
      `DOTNET_ROOT=${entry.expectRoot} did not take: hostfxr is ${seen.hostfxr}`,
    );
  }
  if (entry.expectNode && seen.node !== `v${entry.expectNode}`) {
    throw new Error(
      `expected Node.js v${entry.expectNode}, the probe ran on ${seen.node}`,
    );
  }
  return `node ${seen.node}, hostfxr ${seen.hostfxr}, frameworks [${seen.frameworks.join(", ")}], SDKs [${seen.sdks.join(", ")}]`;
}

/** Counts ava's per-test lines: ✔ (passed, or an expected failure), ✘ and skips. */
function counts(log: string): {
  passed: number;
  failed: number;
  skipped: number;
} {
  const lines = log.split("\n");
  const count = (pattern: RegExp) =>
    lines.filter((line) => pattern.test(line)).length;
  return {
    passed: count(/^\s*✔/),
    failed: count(/^\s*✘/),
    skipped: count(/^\s*- \[(skip|todo)\]/),
  };
}

function runEntry(entry: Entry, avaArgs: string[], logDir: string): Outcome {
  const started = Date.now();
  process.stdout.write(`\n::: ${entry.name}\n`);
  let note: string;
  try {
    note = probe(entry);
  } catch (error) {
    process.stdout.write(`    ${(error as Error).message}\n`);
    return {
      name: entry.name,
      passed: 0,
      failed: 0,
      seconds: 0,
      ok: false,
      note: "probe failed",
    };
  }
  process.stdout.write(`    ${note}\n`);
  const child = spawnSync(entry.node, [avaCli, ...entry.files, ...avaArgs], {
    cwd: repoRoot,
    env: entry.env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
  const log = `${child.stdout ?? ""}${child.stderr ?? ""}`;
  const logFile = join(logDir, `${entry.name.replace(/[^\w.-]+/g, "_")}.log`);
  writeFileSync(logFile, log);
  const seconds = (Date.now() - started) / 1000;
  const { passed, failed, skipped } = counts(log);
  // ava exits non-zero on failures, on uncaught errors and on timeouts; a run that
  // passed nothing, or skipped anything, fails too (no silent skips).
  const ok = child.status === 0 && failed === 0 && skipped === 0 && passed > 0;
  if (!ok) {
    process.stdout.write(
      log
        .split("\n")
        .filter((line) => !line.includes("✔"))
        .join("\n"),
    );
  }
  process.stdout.write(
    `    ${ok ? "ok" : "FAILED"}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${seconds.toFixed(1)} s (exit ${child.status ?? child.signal}; log ${logFile})\n`,
  );
  return { name: entry.name, passed, failed, seconds, ok, note };
}

function main(argv: string[]): void {
  const separator = argv.indexOf("--");
  const args = separator === -1 ? argv : argv.slice(0, separator);
  const avaArgs = separator === -1 ? [] : argv.slice(separator + 1);
  const dotnetMajors = parseList(
    args,
    "dotnet",
    Object.keys(DOTNET_VERSIONS) as DotnetMajor[],
  );
  const nodeMajors = parseList(
    args,
    "node",
    Object.keys(NODE_VERSIONS) as NodeMajor[],
  );
  checkPrerequisites();

  const testDir = join(repoRoot, "__test__");
  const testFiles = readdirSync(testDir)
    .filter((file) => file.endsWith(".test.ts"))
    .sort();
  const onceFiles = testFiles
    .filter((file) => file.startsWith("matrix"))
    .map((file) => join("__test__", file));
  const suiteFiles = testFiles
    .filter((file) => !file.startsWith("matrix"))
    .map((file) => join("__test__", file));
  const addonHash = createHash("sha256")
    .update(readFileSync(addon))
    .digest("hex")
    .slice(0, 16);
  process.stdout.write(
    `test:matrix: addon ${addon} (sha256 ${addonHash}…), built once and loaded by every entry\n` +
      `suite: ${suiteFiles.length} files per entry; run once: ${onceFiles.join(", ") || "none"}\n` +
      `cache: ${cacheDir()}\n`,
  );

  // Download everything first, so entry timings are test time only.
  const entries: Entry[] = [];
  if (onceFiles.length > 0) {
    entries.push({
      name: "roll-forward and old hostfxr (once)",
      node: process.execPath,
      env: cleanEnv(),
      files: onceFiles,
    });
  }
  for (const major of dotnetMajors) {
    const root = ensureMajorRoot(major);
    entries.push({
      name: `.NET ${DOTNET_VERSIONS[major]} (DOTNET_ROOT, runtime only), Node ${process.version}`,
      node: process.execPath,
      env: { ...cleanEnv(), DOTNET_ROOT: root },
      files: suiteFiles,
      expectRoot: root,
    });
  }
  for (const major of nodeMajors) {
    const version = NODE_VERSIONS[major];
    const node = ensureNode(version);
    const env = cleanEnv();
    env.PATH = `${dirname(node)}:${env.PATH ?? ""}`;
    entries.push({
      name: `Node ${version}, default .NET`,
      node,
      env,
      files: suiteFiles,
      expectNode: version,
    });
  }

  const logDir = join(cacheDir(), "matrix-logs");
  mkdirSync(logDir, { recursive: true });
  const outcomes = entries.map((entry) => runEntry(entry, avaArgs, logDir));

  process.stdout.write("\ntest:matrix summary\n");
  for (const outcome of outcomes) {
    process.stdout.write(
      `  ${outcome.ok ? "ok    " : "FAILED"} ${outcome.name}: ${outcome.passed} passed, ${outcome.failed} failed, ${outcome.seconds.toFixed(1)} s\n`,
    );
  }
  const passed = outcomes.reduce((sum, outcome) => sum + outcome.passed, 0);
  const failed = outcomes.reduce((sum, outcome) => sum + outcome.failed, 0);
  const broken = outcomes.filter((outcome) => !outcome.ok).length;
  process.stdout.write(`matrix: ${passed} passed, ${failed} failed\n`);
  if (broken > 0) {
    process.stdout.write(
      `${broken} of ${outcomes.length} matrix entries failed\n`,
    );
    process.exit(1);
  }
}

main(process.argv.slice(2));
