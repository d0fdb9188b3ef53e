// Typed-call scenarios that need a process of their own.
import test from "ava";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import {
  bridgeDirectory,
  frameworkMajor,
  unpacked,
} from "../lib/typed/runtime.js";
import { repoRoot, runScenario, tempDir } from "./helpers.js";

test("a library without runtimeconfig.json runs on the newest installed .NET 8+", (t) => {
  const run = runScenario("typed-no-config");
  const result = run.result as {
    result: { ok: number };
    runtimeVersion: { ok: string };
    newest: string;
  };
  t.deepEqual(result.result, { ok: 42 }, run.stderr);
  t.regex(result.newest, /^\d+\.\d+\.\d+/);
});

test("a second load whose config cannot run on the loaded runtime fails with HostIncompatibleConfig, and the first keeps working", (t) => {
  const run = runScenario("typed-conflict");
  const result = run.result as {
    first: { ok: number };
    second: { error: { name: string; code: string; message: string } };
    after: { ok: number };
  };
  t.deepEqual(result.first, { ok: 3 });
  t.is(result.second.error.name, "HostStatusError");
  t.is(result.second.error.code, "HostIncompatibleConfig");
  t.regex(result.second.error.message, /one runtime per process/);
  t.deepEqual(result.after, { ok: 7 });
});

function runExit(mode: string) {
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repoRoot, "__test__", "scenarios", "typed-exit.ts"),
      mode,
    ],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 20_000,
    },
  );
}

test("the process ends once the last Promise settled", (t) => {
  const run = runExit("settle-then-end");
  t.is(run.error, undefined, "the child ended by itself within 20 s");
  t.is(run.status, 0, run.stderr);
  t.regex(run.stdout, /settled 3/);
});

test("a process exiting with calls in flight exits cleanly", (t) => {
  const run = runExit("exit-with-pending");
  t.is(run.error, undefined, "no hang");
  t.is(run.status, 0, run.stderr);
  t.is(run.signal, null);
  t.regex(run.stdout, /exiting/);
});

test("typed calls work from worker threads, which can exit with Tasks pending", (t) => {
  const run = runScenario("typed-workers");
  const { results } = run.result as {
    results: { sum: number; later: number; thrown: string }[];
  };
  t.deepEqual(
    results,
    [1, 2, 3, 4].map((index) => ({
      sum: 49_995_000 + 10_000 * index,
      later: index + 1,
      thrown: "System.InvalidOperationException",
    })),
    run.stderr,
  );
  t.is(run.status, 0);
});

test("DOTNET_HOST_BRIDGE_DIR moves the managed bridge (e.g. to app.asar.unpacked)", (t) => {
  const copy = join(tempDir(), "app.asar.unpacked", "bridge");
  cpSync(bridgeDirectory, copy, { recursive: true });
  const run = runScenario("typed-bridge-dir", [], {
    env: { DOTNET_HOST_BRIDGE_DIR: copy },
  });
  t.deepEqual(
    run.result,
    { bridgeDirectory: copy, call: { ok: 42 } },
    run.stderr,
  );
  const missing = runScenario("typed-bridge-dir", [], {
    env: { DOTNET_HOST_BRIDGE_DIR: join(tempDir(), "none") },
  });
  const result = missing.result as {
    call: { error: { name: string; code: string } };
  };
  t.is(result.call.error.name, "HostStateError");
  t.is(result.call.error.code, "BridgeMissing");
});

test("a second copy of dotnet-host in the process gets a bridge of its own; each one's callbacks reach its functions", (t) => {
  // Both copies are told to use one bridge file: the first loads it into the default load
  // context, where the second finds it serving the first.
  const run = runScenario("two-copies", [], {
    env: { DOTNET_HOST_BRIDGE_DIR: bridgeDirectory },
  });
  t.deepEqual(
    run.result,
    {
      firstBridge: join(bridgeDirectory, "DotnetHost.Bridge.dll"),
      before: { ok: 2 },
      second: { ok: 11 },
      firstAgain: { ok: 101 },
    },
    run.stderr,
  );
});

test("paths inside app.asar map to app.asar.unpacked", (t) => {
  t.is(
    unpacked("/opt/app/resources/app.asar/node_modules/x"),
    "/opt/app/resources/app.asar.unpacked/node_modules/x",
  );
  t.is(
    unpacked("C:\\app\\resources\\app.asar\\x"),
    "C:\\app\\resources\\app.asar.unpacked\\x",
  );
  t.is(unpacked("/opt/app.asarx/y"), "/opt/app.asarx/y");
});

test("load() runs the ReadyToRun bridge built for this runtime's .NET major: none of its methods is JIT-compiled", (t) => {
  const shipped = ["linux-x64", "win-x64"].flatMap((rid) =>
    ["net8", "net10"].map((major) =>
      join(
        repoRoot,
        "managed",
        "out",
        "DotnetHost.Bridge.ReadyToRun",
        rid,
        major,
        "DotnetHost.Bridge.dll",
      ),
    ),
  );
  for (const file of shipped) t.true(existsSync(file), `${file} is built`);
  const scratch = mkdtempSync(join(tmpdir(), "dotnet-host-r2r-"));
  const listing = join(scratch, "jit.txt");
  const run = (env: NodeJS.ProcessEnv) =>
    runScenario("ready-to-run", [], {
      env: {
        DOTNET_JitStdOutFile: listing,
        DOTNET_JitDisasmSummary: "1",
        ...env,
      },
    });
  try {
    const precompiled = run({});
    t.is(precompiled.status, 0, precompiled.stderr);
    const report = precompiled.result as {
      result: number;
      major: number;
      rid: string;
      bridge: { file: string; readyToRun: boolean };
      compiledBridgeMethods: number;
    };
    t.is(report.result, 3);
    const { major, rid } = report;
    const image = join(
      repoRoot,
      "managed",
      "out",
      "DotnetHost.Bridge.ReadyToRun",
      rid,
      `net${major}`,
      "DotnetHost.Bridge.dll",
    );
    if (existsSync(image)) {
      t.true(
        report.bridge.readyToRun,
        `.NET ${major} on ${rid}: expected ${image}, loaded ${report.bridge.file}`,
      );
      t.is(report.bridge.file, image);
      t.is(
        report.compiledBridgeMethods,
        0,
        "the runtime used the precompiled code",
      );
    } else {
      // No image for this major (.NET 9, say): the IL bridge, compiled as it runs.
      t.false(report.bridge.readyToRun, `loaded ${report.bridge.file}`);
      t.true(report.compiledBridgeMethods > 20);
    }

    // DOTNET_HOST_BRIDGE_DIR names one bridge, used as it is: here the IL one, all JIT.
    const il = run({
      DOTNET_HOST_BRIDGE_DIR: join(
        repoRoot,
        "managed",
        "out",
        "DotnetHost.Bridge",
      ),
    });
    t.is(il.status, 0, il.stderr);
    const ilReport = il.result as typeof report;
    t.false(ilReport.bridge.readyToRun);
    t.true(
      ilReport.compiledBridgeMethods > 20,
      `${ilReport.compiledBridgeMethods} JIT-compiled`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test("frameworkMajor reads Microsoft.NETCore.App's version from hostfxr's deps file paths", (t) => {
  t.is(
    frameworkMajor(
      "/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/Microsoft.NETCore.App.deps.json",
    ),
    10,
  );
  t.is(
    frameworkMajor(
      "C:\\Program Files\\dotnet\\shared\\Microsoft.NETCore.App\\8.0.33\\Microsoft.NETCore.App.deps.json;",
    ),
    8,
  );
  t.is(
    frameworkMajor(
      "/x/shared/Microsoft.AspNetCore.App/9.0.1/a.deps.json;/x/shared/Microsoft.NETCore.App/9.0.22-rc.1/b.deps.json",
    ),
    9,
  );
  t.is(
    frameworkMajor("/x/shared/Microsoft.NETCore.App/latest/b.deps.json"),
    undefined,
  );
  t.is(frameworkMajor(""), undefined);
});
