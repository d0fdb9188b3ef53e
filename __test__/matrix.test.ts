// Compatibility across .NET versions, with private .NET roots laid out from the NuGet
// feed's runtime packs (scripts/matrix/dotnet-roots.ts; downloaded once into a cache
// outside the repository, so the first run needs the feed): roll-forward of a net8.0
// component onto a root that has only .NET 10, and features that need a newer hostfxr
// failing with UnsupportedHostVersionError on older ones instead of crashing.
// These tests pick their roots themselves; `npm run test:matrix` runs them once.
import test from "ava";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  UnsupportedHostVersionError,
  getEnvironmentInfo,
  resolveFrameworks,
  resolveHostfxr,
} from "../lib/index.js";
import {
  DOTNET_VERSIONS,
  OLD_HOSTFXR_VERSION,
  ensureDotnetRoot,
  ensureMajorRoot,
} from "../scripts/matrix/dotnet-roots.js";
import { fixture, runScenario, tempDir } from "./helpers.js";

const v8 = DOTNET_VERSIONS["8"];
const v10 = DOTNET_VERSIONS["10"];
const roots = { only10: "", only8: "", oldHostfxr: "" };

test.before(
  "lay out the .NET roots (downloads the runtime packs once)",
  (t) => {
    t.timeout(15 * 60_000);
    roots.only10 = ensureMajorRoot("10");
    roots.only8 = ensureMajorRoot("8");
    // hostfxr 3.1 (the oldest the feed serves for linux-x64) over the .NET 8 framework.
    roots.oldHostfxr = ensureDotnetRoot({
      hostfxr: OLD_HOSTFXR_VERSION,
      frameworks: [v8],
    });
  },
);

/** The Faults fixture with its runtimeconfig's runtimeOptions replaced. */
function faultsWith(runtimeOptions: object): string {
  const dir = join(tempDir("dotnet-host-matrix-"), "Faults");
  cpSync(join(fixture("Faults"), ".."), dir, { recursive: true });
  const config = join(dir, "Faults.runtimeconfig.json");
  writeFileSync(config, JSON.stringify({ runtimeOptions }));
  return config;
}

const net8 = { name: "Microsoft.NETCore.App", version: "8.0.0" };
type Outcome = {
  init?: { ok?: string; error?: Record<string, any> };
  ops?: Record<string, { ok?: unknown; error?: Record<string, any> }>;
  runtimeMajor?: { ok?: number; error?: unknown };
};
function initialize(
  config: string,
  root: string,
  ops: string[] = [],
  env = {},
): Outcome {
  const run = runScenario("matrix-initialize", [config, root, ...ops], { env });
  if (run.result === undefined) {
    throw new Error(
      `scenario printed no result (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run.result as Outcome;
}

test("roll-forward: a net8.0 component without rollForward fails on a root with only .NET 10, naming what is installed", (t) => {
  const config = faultsWith({ tfm: "net8.0", framework: net8 });
  const { init } = initialize(config, roots.only10);
  t.is(init?.error?.name, "HostStatusError");
  t.is(init?.error?.code, "FrameworkMissingFailure");
  t.is(init?.error?.hresultHex, "0x80008096");
  t.deepEqual(init?.error?.installedFrameworks, [
    `Microsoft.NETCore.App ${v10}`,
  ]);
  t.regex(
    init?.error?.hostMessage ?? "",
    new RegExp(`Framework: 'Microsoft\\.NETCore\\.App', version '8\\.0\\.0'`),
  );
  t.true(
    (init?.error?.hostMessage ?? "").includes(v10),
    "hostfxr's message lists the installed 10",
  );
});

for (const [title, runtimeOptions, env] of [
  [
    'rollForward "Major" in the runtimeconfig',
    { tfm: "net8.0", rollForward: "Major", framework: net8 },
    {},
  ],
  [
    'rollForward "LatestMajor" in the runtimeconfig',
    { tfm: "net8.0", rollForward: "LatestMajor", framework: net8 },
    {},
  ],
  [
    "DOTNET_ROLL_FORWARD=Major in the environment",
    { tfm: "net8.0", framework: net8 },
    { DOTNET_ROLL_FORWARD: "Major" },
  ],
] as const) {
  test(`roll-forward: with ${title}, the net8.0 component runs on .NET 10`, (t) => {
    const result = initialize(
      faultsWith(runtimeOptions),
      roots.only10,
      [],
      env,
    );
    t.is(result.init?.ok, "Success", JSON.stringify(result));
    t.is(result.runtimeMajor?.ok, 10);
  });
}

test("roll-forward: on a root with only .NET 8, the same component runs on 8 without rolling forward", (t) => {
  const result = initialize(
    faultsWith({ tfm: "net8.0", framework: net8 }),
    roots.only8,
  );
  t.is(result.init?.ok, "Success", JSON.stringify(result));
  t.is(result.runtimeMajor?.ok, 8);
});

test("roll-forward: resolveFrameworks predicts both outcomes on the .NET 10 root without starting a runtime", (t) => {
  const strict = resolveFrameworks(
    faultsWith({ tfm: "net8.0", framework: net8 }),
    { dotnetRoot: roots.only10 },
  );
  t.deepEqual(strict.resolved, []);
  t.deepEqual(
    strict.unresolved.map((f) => [
      f.name,
      f.requestedVersion,
      f.resolvedVersion,
    ]),
    [["Microsoft.NETCore.App", "8.0.0", ""]],
  );
  const major = resolveFrameworks(
    faultsWith({ tfm: "net8.0", rollForward: "Major", framework: net8 }),
    { dotnetRoot: roots.only10 },
  );
  t.deepEqual(
    major.resolved.map((f) => [f.name, f.resolvedVersion]),
    [["Microsoft.NETCore.App", v10]],
  );
});

function unsupported(
  t: import("ava").ExecutionContext,
  run: () => unknown,
  requiredVersion: string,
) {
  const error = t.throws(run, { instanceOf: UnsupportedHostVersionError });
  t.is(error.constructor, UnsupportedHostVersionError);
  t.is(error.code, "HostApiUnsupportedVersion");
  t.is(error.hresultHex, "0x800080a2");
  t.is(error.requiredVersion, requiredVersion);
  t.regex(
    error.message,
    new RegExp(
      `requires \\.NET ${requiredVersion.replace(".", "\\.")} or later`,
    ),
  );
}

test(`old hostfxr: resolveFrameworks on hostfxr ${v8} requires .NET 9.0, and the library stays usable`, (t) => {
  unsupported(
    t,
    () =>
      resolveFrameworks(fixture("Faults", "Faults.runtimeconfig.json"), {
        dotnetRoot: roots.only8,
      }),
    "9.0",
  );
  t.is(getEnvironmentInfo({ dotnetRoot: roots.only8 }).hostfxrVersion, v8);
});

test(`old hostfxr: getEnvironmentInfo on hostfxr ${OLD_HOSTFXR_VERSION} requires .NET 6.0`, (t) => {
  unsupported(
    t,
    () => getEnvironmentInfo({ dotnetRoot: roots.oldHostfxr }),
    "6.0",
  );
  t.is(
    resolveHostfxr({ dotnetRoot: roots.oldHostfxr }).version,
    OLD_HOSTFXR_VERSION,
  );
});

test(`old hostfxr: resolveFrameworks on hostfxr ${OLD_HOSTFXR_VERSION} requires .NET 9.0`, (t) => {
  unsupported(
    t,
    () =>
      resolveFrameworks(fixture("Faults", "Faults.runtimeconfig.json"), {
        dotnetRoot: roots.oldHostfxr,
      }),
    "9.0",
  );
});

let oldRun: Outcome | undefined;
const oldHostfxrRun = (): Outcome =>
  (oldRun ??= initialize(
    fixture("Faults", "Faults.runtimeconfig.json"),
    roots.oldHostfxr,
    ["loadAssembly", "getFunctionPointer", "loadAssemblyBytes"],
  ));

test(`old hostfxr: hostfxr ${OLD_HOSTFXR_VERSION} runs the .NET 8 framework, refuses newer delegates with an error, and keeps working`, (t) => {
  const result = oldHostfxrRun();
  t.is(result.init?.ok, "Success", JSON.stringify(result));
  for (const op of [
    "loadAssembly",
    "getFunctionPointer",
    "loadAssemblyBytes",
  ]) {
    t.truthy(result.ops?.[op]?.error, `${op} is refused`);
  }
  t.is(
    result.runtimeMajor?.ok,
    8,
    "load_assembly_and_get_function_pointer (3.0) works afterwards",
  );
});

test(`old hostfxr: load() on hostfxr ${OLD_HOSTFXR_VERSION} starts the bridge the way 3.0 knows, and calls`, (t) => {
  const run = runScenario("typed-old-hostfxr", [roots.oldHostfxr]);
  t.deepEqual(
    run.result,
    { hostfxr: OLD_HOSTFXR_VERSION, call: { ok: 42 } },
    run.stderr,
  );
});

// hostfxr 3.x answers a delegate type it does not know with LibHostInvalidArgs
// (0x80008092): the error is UnsupportedHostVersionError (the class says "too old"), and
// its code stays the status hostfxr really returned.
for (const [op, requiredVersion] of [
  ["loadAssembly", "8.0"],
  ["getFunctionPointer", "5.0"],
  ["loadAssemblyBytes", "8.0"],
] as const) {
  test(`old hostfxr: ${op} on hostfxr ${OLD_HOSTFXR_VERSION} is UnsupportedHostVersionError requiring .NET ${requiredVersion}`, (t) => {
    const error = oldHostfxrRun().ops?.[op]?.error;
    t.is(error?.name, "UnsupportedHostVersionError", JSON.stringify(error));
    t.is(error?.code, "LibHostInvalidArgs");
    t.is(error?.requiredVersion, requiredVersion);
  });
}

test("the private roots are runtime-only installs laid out from the packs", (t) => {
  const complete = JSON.parse(
    readFileSync(join(roots.oldHostfxr, ".complete"), "utf8"),
  ) as { hostfxr: string };
  t.is(complete.hostfxr, OLD_HOSTFXR_VERSION);
  const info = getEnvironmentInfo({ dotnetRoot: roots.only10 });
  t.deepEqual(info.sdks, []);
  t.deepEqual(
    info.frameworks.map((f) => `${f.name} ${f.version}`),
    [`Microsoft.NETCore.App ${v10}`],
  );
});
