// Scenarios that need a runtime of their own each run in a child process.
import test from "ava";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureConfig, runScenario, tempDir } from "./helpers.js";

type Outcome = {
  ok?: unknown;
  error?: {
    name: string;
    code: string;
    message: string;
    hresultHex?: string;
    hostMessage?: string;
    hint?: string;
    installedFrameworks?: string[];
    searched?: { source: string; reason: string }[];
  };
};

function writeConfig(contents: string): string {
  const path = join(tempDir(), "case.runtimeconfig.json");
  writeFileSync(path, contents);
  return path;
}

function initialize(config: string, dotnetRoot?: string): Outcome {
  const run = runScenario(
    "initialize",
    dotnetRoot ? [config, dotnetRoot] : [config],
  );
  if (run.result === undefined) {
    throw new Error(
      `scenario printed no result (exit ${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run.result as Outcome;
}

test("a fresh process's first context is primary", (t) => {
  t.deepEqual(initialize(fixtureConfig("Fixture")).ok, {
    status: "Success",
    isPrimary: true,
  });
});

test("a missing runtimeconfig is InvalidConfigFile, with hostfxr's message", (t) => {
  const { error } = initialize(join(tempDir(), "missing.runtimeconfig.json"));
  t.is(error?.name, "HostStatusError");
  t.is(error?.code, "InvalidConfigFile");
  t.is(error?.hresultHex, "0x80008093");
  t.regex(error?.hostMessage ?? "", /does not exist/);
  t.regex(error?.hint ?? "", /valid runtimeconfig\.json/);
});

test("a malformed runtimeconfig is InvalidConfigFile naming the JSON problem", (t) => {
  const { error } = initialize(writeConfig('{ "runtimeOptions": '));
  t.is(error?.code, "InvalidConfigFile");
  t.regex(error?.hostMessage ?? "", /JSON parsing exception/);
});

test("a self-contained runtimeconfig is rejected as InvalidConfigFile", (t) => {
  const { error } = initialize(
    writeConfig(
      JSON.stringify({
        runtimeOptions: {
          tfm: "net8.0",
          includedFrameworks: [
            { name: "Microsoft.NETCore.App", version: "8.0.0" },
          ],
        },
      }),
    ),
  );
  t.is(error?.code, "InvalidConfigFile");
  t.regex(error?.hostMessage ?? "", /self-contained/);
});

test("a framework version that does not exist is FrameworkMissingFailure listing what is installed", (t) => {
  const { error } = initialize(
    writeConfig(
      JSON.stringify({
        runtimeOptions: {
          tfm: "net99.0",
          rollForward: "Disable",
          framework: { name: "Microsoft.NETCore.App", version: "99.0.0" },
        },
      }),
    ),
  );
  t.is(error?.name, "HostStatusError");
  t.is(error?.code, "FrameworkMissingFailure");
  t.is(error?.hresultHex, "0x80008096");
  t.regex(error?.hostMessage ?? "", /99\.0\.0/);
  t.true(
    (error?.installedFrameworks ?? []).some((name) =>
      name.startsWith("Microsoft.NETCore.App "),
    ),
  );
  t.regex(error?.hint ?? "", /Installed frameworks: .*Microsoft\.NETCore\.App/);
});

test("initialize with a dotnetRoot that holds no .NET is HostfxrNotFoundError", (t) => {
  const empty = tempDir();
  const { error } = initialize(fixtureConfig("Fixture"), empty);
  t.is(error?.name, "HostfxrNotFoundError");
  t.is(error?.code, "HostfxrNotFound");
  t.is(error?.searched?.[0]?.source, "dotnetRoot");
  t.regex(error?.searched?.[0]?.reason ?? "", /host\/fxr/);
});

test("a pending primary context makes a second initialize fail fast, and closing it lets the next one be primary", (t) => {
  const run = runScenario("pending-primary");
  const result = run.result as { second: Outcome; third: string; call: number };
  t.is(result.second.error?.code, "PrimaryContextPending");
  t.is(result.second.error?.name, "HostStateError");
  t.is(result.third, "Success");
  t.is(result.call, 4);
});

test("garbage collection closes a dropped primary context", (t) => {
  const run = runScenario("gc-close", [], { nodeArgs: ["--expose-gc"] });
  t.deepEqual(run.result, { ok: "Success" }, run.stderr);
});

test("environment teardown closes a worker's primary context", (t) => {
  const run = runScenario("worker-teardown");
  t.deepEqual(
    run.result,
    {
      fromWorker: { status: "Success", isPrimary: true },
      main: { ok: { status: "Success", isPrimary: true } },
    },
    run.stderr,
  );
});

test("worker threads each get a module instance and share the runtime", (t) => {
  const run = runScenario("workers");
  const { results } = run.result as {
    results: { status: string; total: number; errorClass: string }[];
  };
  t.deepEqual(
    results,
    [1, 2, 3, 4].map((index) => ({
      status: "Success_HostAlreadyInitialized",
      total: 1000 * (index + 1),
      errorClass: "TypeLoad",
    })),
  );
});

test("a command-line context runs the app and then refuses every use of the shut-down runtime", (t) => {
  const run = runScenario("run-app", ["7", "b"], {
    env: { DOTNET_HOST_TEST_PROPERTY: "DotnetHost.Test.AppProperty" },
  });
  t.regex(run.stdout, /App started with 2 args: 7\|b/);
  t.regex(run.stdout, /PROP DotnetHost\.Test\.AppProperty=from node/);
  const result = run.result as {
    before: {
      kind: string;
      status: string;
      isPrimary: boolean;
      loadAssembly: Outcome;
    };
    exitCode: number;
    after: Record<string, Outcome>;
  };
  t.is(result.before.kind, "commandLine");
  t.is(result.before.status, "Success");
  t.true(result.before.isPrimary);
  t.is(result.before.loadAssembly.error?.code, "WrongContextKind");
  t.is(result.exitCode, 7);
  for (const key of ["runAgain", "getProperty", "initialize"]) {
    t.is(result.after[key]?.error?.code, "RuntimeShutDown", key);
  }
  t.deepEqual(result.after.close, {});
  t.is(run.status, 0);
});
