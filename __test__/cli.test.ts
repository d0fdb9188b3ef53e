// `dotnet-host info` (bin/dotnet-host.js -> dist/cli/main.js), run as users run it: in a
// child process. Expectations that depend on the hostfxr in use (resolving a config
// needs hostfxr 9+) are chosen from that hostfxr's version, explicitly.
import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getEnvironmentInfo, resolveHostfxr } from "../lib/index.js";
import { fixtureConfig, repoRoot, tempDir } from "./helpers.js";

const bin = join(repoRoot, "bin", "dotnet-host.js");
const found = resolveHostfxr();
const environment = getEnvironmentInfo();
const hostfxrMajor = Number.parseInt(environment.hostfxrVersion, 10);
const canResolve = hostfxrMajor >= 9;

function cli(...args: string[]) {
  if (!existsSync(join(repoRoot, "dist", "cli", "main.js"))) {
    throw new Error("dist/cli/main.js is missing: run `npm run build:ts`");
  }
  const child = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (child.error) throw child.error;
  return child;
}

function json(...args: string[]) {
  const child = cli("info", "--json", ...args);
  return {
    status: child.status,
    report: JSON.parse(child.stdout) as Record<string, any>,
  };
}

function config(contents: object | string): string {
  const path = join(tempDir(), "app.runtimeconfig.json");
  writeFileSync(
    path,
    typeof contents === "string" ? contents : JSON.stringify(contents),
  );
  return path;
}

test("info prints where hostfxr was found, the search trail, runtimes, SDKs and the architecture", (t) => {
  const child = cli("info");
  t.is(child.status, 0, child.stderr);
  t.regex(
    child.stdout,
    new RegExp(
      `^hostfxr +${found.path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
      "m",
    ),
  );
  t.regex(child.stdout, new RegExp(`^found by +${found.source}`, "m"));
  t.regex(
    child.stdout,
    new RegExp(`^platform +${process.platform} ${process.arch} `, "m"),
  );
  t.regex(child.stdout, /search trail \(in order\):/);
  for (const attempt of found.searched) {
    t.true(
      child.stdout.includes(
        `${attempt.source} ${attempt.location}: ${attempt.reason}`,
      ),
      attempt.location,
    );
  }
  for (const framework of environment.frameworks) {
    t.true(
      child.stdout.includes(`${framework.name} ${framework.version}`),
      framework.name,
    );
  }
  // A runtime-only root (the .NET matrix) has no SDK, and the doctor says so.
  if (environment.sdks.length === 0) t.regex(child.stdout, /SDKs:\n +none/);
  for (const sdk of environment.sdks)
    t.true(child.stdout.includes(sdk.version));
});

test("info --json is one JSON object with the same facts", (t) => {
  const { status, report } = json();
  t.is(status, 0);
  t.is(report.exitCode, 0);
  t.is(report.hostfxr.path, found.path);
  t.is(report.hostfxr.source, found.source);
  t.deepEqual(report.hostfxr.searched, found.searched);
  t.deepEqual(report.environment, environment);
  t.is(report.platform.arch, process.arch);
  t.is(report.platform.node, process.version);
});

test("info --config: a config that resolves names what it resolves to", (t) => {
  const { status, report } = json("--config", fixtureConfig("Faults"));
  if (canResolve) {
    t.is(status, 0);
    t.is(report.config.status, "resolved");
    const runtime = environment.frameworks
      .filter((f) => f.name === "Microsoft.NETCore.App")
      .pop();
    t.deepEqual(
      report.config.resolved.map((f: Record<string, string>) => [
        f.name,
        f.requestedVersion,
        f.resolvedVersion,
      ]),
      [["Microsoft.NETCore.App", "8.0.0", runtime?.version]],
    );
    const human = cli("info", "--config", fixtureConfig("Faults"));
    t.regex(human.stdout, /resolves: every framework/);
    t.regex(human.stdout, /✓ Microsoft\.NETCore\.App 8\.0\.0 -> /);
  } else {
    t.is(status, 3, "hostfxr < 9 cannot resolve without starting a runtime");
    t.is(report.config.status, "unsupported");
    t.is(report.config.error.code, "HostApiUnsupportedVersion");
    t.is(report.config.error.requiredVersion, "9.0");
    t.regex(report.config.explanation, /needs \.NET 9\.0 or later/);
  }
});

test("info --config: a config that does not resolve exits 1 and says what is installed", (t) => {
  const path = config({
    runtimeOptions: {
      tfm: "net99.0",
      rollForward: "Disable",
      framework: { name: "Microsoft.NETCore.App", version: "99.0.0" },
    },
  });
  const { status, report } = json("--config", path);
  if (canResolve) {
    t.is(status, 1);
    t.is(report.config.status, "unresolved");
    t.deepEqual(
      report.config.unresolved.map((f: Record<string, string>) => [
        f.name,
        f.requestedVersion,
      ]),
      [["Microsoft.NETCore.App", "99.0.0"]],
    );
    const human = cli("info", "--config", path);
    t.is(human.status, 1);
    t.regex(
      human.stdout,
      /does NOT resolve: no compatible version of Microsoft\.NETCore\.App 99\.0\.0 \(installed: \d/,
    );
  } else {
    t.is(status, 3);
    t.is(report.config.status, "unsupported");
    t.regex(
      report.config.explanation,
      /Microsoft\.NETCore\.App 99\.0\.0 \(installed: \d/,
    );
  }
});

test("info --config: malformed configs are reported, including shapes that would end hostfxr's process", (t) => {
  const fatal = json(
    "--config",
    config({ runtimeOptions: { rollForward: 3 } }),
  );
  t.is(fatal.status, 1);
  t.is(fatal.report.config.status, "invalid");
  t.regex(fatal.report.config.explanation, /rollForward is not a string/);
  const broken = json("--config", config("{"));
  t.is(broken.status, canResolve ? 1 : 3);
  if (canResolve) t.is(broken.report.config.status, "invalid");
  const missing = cli(
    "info",
    "--config",
    join(tempDir(), "missing.runtimeconfig.json"),
  );
  t.is(missing.status, canResolve ? 1 : 3);
  if (canResolve) {
    t.regex(
      missing.stdout,
      /error: HostStatusError InvalidConfigFile \(0x80008093\)/,
    );
    t.regex(
      missing.stdout,
      /hostfxr: The specified runtimeconfig\.json .* does not exist/,
    );
  }
});

test("info with a .NET root that holds no hostfxr exits 1 with the trail, code and hint", (t) => {
  const empty = tempDir();
  const human = cli("info", "--dotnet-root", empty);
  t.is(human.status, 1);
  t.regex(human.stdout, /^hostfxr +NOT FOUND$/m);
  t.regex(
    human.stdout,
    new RegExp(`✗ dotnetRoot ${empty}: .*host/fxr: directory does not exist`),
  );
  t.regex(human.stdout, /error: HostfxrNotFoundError HostfxrNotFound/);
  t.regex(human.stdout, /hint: Install a \.NET runtime/);
  const { status, report } = json("--dotnet-root", empty);
  t.is(status, 1);
  t.is(report.hostfxr.error.code, "HostfxrNotFound");
  t.is(report.hostfxr.searched[0].source, "dotnetRoot");
});

test("info with a hostfxr that is not a library prints the status code in hex", (t) => {
  const fake = join(tempDir(), "libhostfxr.so");
  writeFileSync(fake, "not a library");
  const child = cli("info", "--hostfxr", fake);
  t.is(child.status, 1);
  t.regex(
    child.stdout,
    /error: HostLibraryError CoreHostLibLoadFailure \(0x80008082\)/,
  );
});

test("bad usage exits 2 with the usage text; --help exits 0", (t) => {
  const bad = cli("info", "--bogus");
  t.is(bad.status, 2);
  t.regex(bad.stderr, /unknown option: --bogus/);
  t.regex(bad.stderr, /Usage: dotnet-host info/);
  const help = cli("--help");
  t.is(help.status, 0);
  t.regex(help.stdout, /--config <path>/);
});

test("typings and add: bad usage exits 2 and names the problem", (t) => {
  for (const [args, message] of [
    [["typings"], /typings needs one assembly, project or package folder/],
    [["typings", "a.dll", "b.dll"], /typings needs one/],
    [
      ["typings", "a.dll", "--naming", "pascal"],
      /--naming must be camelCase or dotnet/,
    ],
    [["typings", "a.dll", "--dir", "x"], /--dir is not an option of typings/],
    [["add"], /add needs a package id/],
    [["add", "X", "-o", "y"], /-o is not an option of add/],
    [["add", "X", "--no-framework-docs"], /is not an option of add/],
  ] as const) {
    const child = cli(...args);
    t.is(child.status, 2, args.join(" "));
    t.regex(child.stderr, message);
    t.regex(child.stderr, /dotnet-host typings <assembly\.dll/);
  }
});

test("typings writes declarations for an assembly, and names a missing one", (t) => {
  const out = join(tempDir(), "Typed.d.ts");
  const written = cli(
    "typings",
    fixtureConfig("Typed").replace(/\.runtimeconfig\.json$/, ".dll"),
    "-o",
    out,
  );
  t.is(written.status, 0, written.stderr);
  t.regex(written.stdout, /wrote .*Typed\.d\.ts \(\d+ types\)/);
  t.true(existsSync(out));
  const missing = cli("typings", join(tempDir(), "Nothing.dll"));
  t.is(missing.status, 1);
  t.regex(
    missing.stderr,
    /dotnet-host: InvalidArgumentError: there is no .*Nothing\.dll: name an assembly/,
  );
});
