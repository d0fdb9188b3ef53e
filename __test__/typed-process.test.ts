// Typed-call scenarios that need a process of their own.
import test from "ava";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { cpSync } from "node:fs";
import { bridgeDirectory, unpacked } from "../lib/typed/runtime.js";
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
