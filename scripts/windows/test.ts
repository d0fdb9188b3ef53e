// npm run test:windows: runs dotnet-host's Windows build under Windows Node.js on wine.
//
//   1. the crate's Rust unit tests, built for x86_64-pc-windows-gnu
//   2. clippy for that target (the cfg(windows) code, which Linux clippy never sees)
//   3. the core ava suite (__test__/), with known wine/test-portability failures listed
//      in known-failures.ts and checked against their evidence
//   4. the example
//   5. checks.ts: every Windows route to hostfxr and the Windows path rules
//
// Expects build:windows, build:ts, build:managed and build:fixtures to have run (the
// pretest:windows script runs them). Prepares the rig (rig.ts) on first use.
// Prints "windows: N passed, N failed" last.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { unicodeFolder } from "./layout.js";
import { knownFailures, notRunUnderWine } from "./known-failures.js";
import {
  dotnetVersion,
  driveC,
  fail,
  linkLinuxSdk,
  nodeVersion,
  repoRoot,
  symlink,
  endWineProcesses,
  wine,
  windowsDotnetRoot,
  windowsEsbuild,
  windowsNode,
  windowsPath,
  winePrefix,
} from "./rig.js";

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const step = (title: string) =>
  console.log(`\n::: windows: ${title} (${elapsed()})`);

for (const [file, how] of [
  ["dotnet-host.win32-x64-gnu.node", "npm run build:windows"],
  [join("dist", "index.js"), "npm run build:ts"],
  [
    join("__test__", "fixtures", "out", "Fixture", "Fixture.dll"),
    "npm run build:fixtures",
  ],
  [join("example", "out", "Hello", "Hello.dll"), "npm run build:fixtures"],
] as const) {
  if (!existsSync(join(repoRoot, file)))
    fail(`${file} is missing: run \`${how}\` first`);
}

// The Debian packages the rig needs; .ci/run installs them (docs/windows.md).
const commands: [string, string][] = [
  ["wine", "wine"],
  ["/usr/lib/wine/wine64", "wine64"],
  ["wineserver", "wine"],
  ["x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64"],
  ["/usr/bin/cargo-clippy", "rust-web-clippy"],
];
const absent = commands.filter(
  ([command]) => spawnSync("sh", ["-c", `command -v ${command}`]).status !== 0,
);
if (absent.length > 0) {
  fail(
    `missing ${absent.map(([command]) => command).join(", ")}: apt-get install -y --no-install-recommends ${[...new Set(absent.map(([, pkg]) => pkg))].join(" ")}`,
  );
}

step("preparing the rig (cached after the first run)");
const node = windowsNode();
const esbuild = windowsEsbuild();
const root = windowsDotnetRoot();
winePrefix();
// Installed the way the .NET installer does, so the suite's automatic search finds it.
symlink(root, driveC("Program Files", "dotnet"));
symlink(root, driveC(unicodeFolder, "dotnet"));
const sdk = linkLinuxSdk(root);
// The suite leaves temp folders behind; start each run from an empty %TEMP%.
for (const user of readdirSync(driveC("users"))) {
  rmSync(driveC("users", user, "Temp"), { recursive: true, force: true });
}
console.log(`Windows Node.js ${nodeVersion}: ${node}`);
console.log(
  `Windows .NET ${dotnetVersion}: ${root} (C:\\Program Files\\dotnet)`,
);
console.log(`SDK listed by hostfxr: ${sdk} (linked; see rig.ts)`);

const windowsEnv = {
  ESBUILD_BINARY_PATH: windowsPath(esbuild),
  DOTNET_HOST_CHECK_LINUX_ROOT: windowsPath(root),
};
const results: string[] = [];
let failures = 0;

step("Rust unit tests for x86_64-pc-windows-gnu");
const cargoOutput = execFileSync(
  join(repoRoot, "scripts", "windows", "cargo.sh"),
  ["test", "--release", "--lib", "--no-run", "--message-format=json"],
  { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
const testExe = cargoOutput
  .split("\n")
  .filter((line) => line.startsWith("{"))
  .map(
    (line) =>
      JSON.parse(line) as { reason?: string; executable?: string | null },
  )
  .find(
    (message) => message.reason === "compiler-artifact" && message.executable,
  )?.executable;
if (!testExe) fail("cargo built no unit-test executable");
const unit = wine([testExe], { env: windowsEnv });
process.stdout.write(unit.stdout + unit.stderr);
const unitSummary = /test result: \w+\. (\d+) passed; (\d+) failed/.exec(
  unit.stdout,
);
if (unit.status !== 0 || !unitSummary || unitSummary[1] === "0") {
  failures++;
  results.push(`Rust unit tests: FAILED (exit ${unit.status})`);
} else {
  results.push(
    `Rust unit tests: ${unitSummary[1]} passed (${unit.seconds.toFixed(0)} s)`,
  );
}

step(
  "clippy for x86_64-pc-windows-gnu (the cfg(windows) code Linux clippy never sees)",
);
// Debian's clippy, which matches Debian's rustc. missing_const_for_thread_local is
// allowed: clippy 1.96 reports it for a thread_local! that is already const.
const clippy = spawnSync(
  join(repoRoot, "scripts", "windows", "cargo.sh"),
  [
    "clippy",
    "--release",
    "--lib",
    "--",
    "-D",
    "warnings",
    "-A",
    "clippy::missing_const_for_thread_local",
  ],
  {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, PATH: `/usr/bin:${process.env.PATH ?? ""}` },
  },
);
if (clippy.status === 0) {
  results.push("clippy (Windows target): clean");
} else {
  failures++;
  results.push(`clippy (Windows target): FAILED (exit ${clippy.status})`);
}

step(`core suite (ava) under Windows Node.js ${nodeVersion}`);
for (const { file, reason } of notRunUnderWine) {
  console.log(`not run under wine: ${file}\n  why: ${reason}`);
}
// The suite's files (package.json "ava.files"), less those, named to ava explicitly.
const testFiles = readdirSync(join(repoRoot, "__test__"), { recursive: true })
  .map((name) => `__test__/${String(name).replaceAll("\\", "/")}`)
  .filter((file) => file.endsWith(".test.ts"))
  .sort()
  .filter(
    (file) =>
      !notRunUnderWine.some((entry) =>
        entry.file.endsWith("/")
          ? file.startsWith(entry.file)
          : entry.file === file,
      ),
  )
  // DOTNET_HOST_WINDOWS_TESTS=<file>,<file>: only those (when working on them).
  .filter(
    (file) =>
      !process.env.DOTNET_HOST_WINDOWS_TESTS ||
      process.env.DOTNET_HOST_WINDOWS_TESTS.split(",").includes(file),
  );
const ava = wine(
  [
    node,
    join(repoRoot, "node_modules", "ava", "entrypoints", "cli.mjs"),
    ...testFiles,
    // One test file at a time: wine on two cores is slow enough that the suite's own
    // child-process timeouts (20 s in places) fire when files run side by side.
    "--concurrency=1",
    // ava's timeout counts time without a finished test. Under wine some files spend
    // minutes in child processes that a native machine finishes in seconds.
    "--timeout=6m",
  ],
  { env: windowsEnv, timeoutMs: 25 * 60_000 },
);
// A test that times out can leave its Windows child processes running (a stack overflow
// does not end a process under wine); end whatever is left in the prefix, which is ours,
// so that it does not slow down what follows.
endWineProcesses();

// ava's default reporter (its TAP reporter crashes when a test file's process dies):
// "√ <title>" per pass, "× [fail]: <title> <message>" per failure, any other "×" line
// for a crashed file or a timeout; then, after a "─" line, each failure's details under
// its title.
const avaLines = ava.stdout.split(/\r?\n/);
const separator = avaLines.findIndex((line) => line.trim() === "─");
const listing = separator === -1 ? avaLines : avaLines.slice(0, separator);
const details = separator === -1 ? [] : avaLines.slice(separator + 1);
const passedTitles = listing.flatMap((line) => {
  const match = /^\s+[√✔] (.+?)(?: \([\d.]+m?s\))?$/.exec(line);
  return match?.[1] ? [match[1]] : [];
});
const failureLines = listing.flatMap((line) => {
  const match = /^\s+[×✘✖] (.+)$/.exec(line);
  return match?.[1] ? [match[1]] : [];
});
/** The detail block of each failed test, by the title heading it. */
const headings = details.flatMap((line, index) =>
  /^ {2}\S.* › /.test(line) && details[index + 1]?.trim() === "" ? [index] : [],
);
const detailOf = (title: string) => {
  const at = headings.find((index) => details[index]?.trim() === title);
  if (at === undefined) return "";
  const next = headings.find((index) => index > at) ?? details.length;
  return details.slice(at, next).join("\n");
};
let avaKnown = 0;
let avaFailed = 0;
const failedTitles: string[] = [];
for (const line of failureLines) {
  const text = line.replace(/^\[fail\]: /, "");
  // The listing appends the assertion message to the title; the details name the title alone.
  const title =
    headings
      .map((index) => details[index]?.trim() ?? "")
      .filter((heading) => text === heading || text.startsWith(`${heading} `))
      .sort((a, b) => b.length - a.length)[0] ?? text;
  failedTitles.push(title);
  const detail = `${line}\n${detailOf(title)}`;
  const known = line.startsWith("[fail]: ")
    ? knownFailures.find((entry) =>
        typeof entry.title === "string"
          ? entry.title === title
          : entry.title.test(title),
      )
    : undefined;
  if (known && known.evidence.test(detail)) {
    avaKnown++;
    console.log(`known failure: ${title}\n  why: ${known.reason}`);
  } else {
    avaFailed++;
    console.log(`FAILED: ${title}\n${detail}`);
  }
}
for (const entry of knownFailures) {
  const matchesAny = [...passedTitles, ...failedTitles].some((title) =>
    typeof entry.title === "string"
      ? title === entry.title
      : entry.title.test(title),
  );
  if (!matchesAny) {
    console.log(
      `known-failures.ts names no test of this run: ${String(entry.title)}`,
    );
  }
  for (const title of passedTitles) {
    const matches =
      typeof entry.title === "string"
        ? entry.title === title
        : entry.title.test(title);
    if (matches)
      console.log(`now passes, remove it from known-failures.ts: ${title}`);
  }
}
const avaPassed = passedTitles.length;
if (avaPassed === 0 || avaFailed > 0)
  process.stdout.write(ava.stdout + ava.stderr);
if (avaPassed === 0) {
  failures++;
  results.push(`ava: ran no test (exit ${ava.status})`);
} else {
  if (avaFailed > 0 || (ava.status !== 0 && avaKnown === 0)) failures++;
  results.push(
    `ava: ${avaPassed} passed, ${avaFailed} failed, ${avaKnown} known failures (${ava.seconds.toFixed(0)} s)`,
  );
}

step("the example");
const example = wine(
  [node, "--import", "tsx", join(repoRoot, "example", "index.ts")],
  {
    env: windowsEnv,
  },
);
process.stdout.write(example.stdout + example.stderr);
// Hello's output is ASCII apart from its greeting, which the console code page may turn
// into '?' (see known-failures.ts); everything else must be exactly right.
const exampleOk =
  example.status === 0 &&
  /^hostfxr: C:\\Program Files\\dotnet\\host\\fxr\\[\d.]+\\hostfxr\.dll \(found by platformDefault\)$/m.test(
    example.stderr,
  ) &&
  /^Hello world! .+ argPtr=0 argSize=0\r$/m.test(example.stdout) &&
  /^Hello world! .+ argPtr=[1-9]\d* argSize=28\r$/m.test(example.stdout) &&
  /^Message from JS: .+ from Node\.js\r$/m.test(example.stdout) &&
  /^\.NET returned 28$/m.test(example.stderr);
if (!exampleOk) failures++;
results.push(
  `example: ${exampleOk ? "ok" : `FAILED (exit ${example.status})`}`,
);

step("Windows routes and paths (checks.ts)");
let checksPassed = 0;
let checksFailed = 0;
const installedLink = driveC("Program Files", "dotnet");
for (const phase of ["installed", "bare"] as const) {
  // "bare": a machine without %ProgramFiles%\dotnet, for the routes after it.
  if (phase === "bare") rmSync(installedLink);
  try {
    const checks = wine(
      [
        node,
        "--import",
        "tsx",
        join(repoRoot, "scripts", "windows", "checks.ts"),
        phase,
      ],
      { env: windowsEnv, timeoutMs: 15 * 60_000 },
    );
    process.stdout.write(checks.stdout + checks.stderr);
    const summary = /^checks \(\w+\): (\d+) passed, (\d+) failed$/m.exec(
      checks.stdout,
    );
    checksPassed += Number(summary?.[1] ?? 0);
    checksFailed += Number(summary?.[2] ?? 0);
    if (checks.status !== 0 || !summary) {
      failures++;
      results.push(`checks (${phase}): FAILED (exit ${checks.status})`);
    } else {
      results.push(
        `checks (${phase}): ${summary[1]} passed (${checks.seconds.toFixed(0)} s)`,
      );
    }
  } finally {
    symlink(root, installedLink);
  }
}

console.log(`\n::: windows: summary (${elapsed()})`);
for (const line of results) console.log(`  ${line}`);
const passed =
  Number(unitSummary?.[1] ?? 0) +
  avaPassed +
  (exampleOk ? 1 : 0) +
  checksPassed;
const failed =
  Number(unitSummary?.[2] ?? 0) +
  avaFailed +
  (exampleOk ? 0 : 1) +
  checksFailed;
console.log(`windows: ${passed} passed, ${failed} failed`);
process.exitCode = failures === 0 ? 0 : 1;
