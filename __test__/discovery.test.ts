// Finding hostfxr, and what is installed. No runtime is started in this file.
import test from "ava";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import {
  HostLibraryError,
  HostfxrNotFoundError,
  InvalidArgumentError,
  HostStatusError,
  UnsupportedHostVersionError,
  getEnvironmentInfo,
  initializeForRuntimeConfig,
  resolveFrameworks,
  resolveHostfxr,
} from "../lib/index.js";
import { fixtureConfig, repoRoot, runScenario, tempDir } from "./helpers.js";

const found = resolveHostfxr();
const dotnetRoot = found.dotnetRoot ?? "";

/** The SDK's nethost, which ships in every .NET SDK's Host pack. */
function findNethost(): string {
  const packs = join(dotnetRoot, "packs");
  const libraryName =
    process.platform === "win32" ? "nethost.dll" : "libnethost.so";
  for (const pack of existsSync(packs) ? readdirSync(packs) : []) {
    if (!pack.startsWith("Microsoft.NETCore.App.Host.")) continue;
    for (const version of readdirSync(join(packs, pack))) {
      const runtimes = join(packs, pack, version, "runtimes");
      for (const rid of readdirSync(runtimes)) {
        const candidate = join(runtimes, rid, "native", libraryName);
        if (existsSync(candidate)) return candidate;
      }
    }
  }
  throw new Error(
    `no ${libraryName} under ${packs}: these tests need the .NET SDK's host pack`,
  );
}

/** A dotnet root made of symlinks to the real hostfxr. */
function fakeRoot(versions: string[], withLibraryIn: string[]): string {
  const root = tempDir("dotnet-root-");
  const libraryName = found.path.split(/[\\/]/).pop() ?? "";
  for (const version of versions) {
    const dir = join(root, "host", "fxr", version);
    mkdirSync(dir, { recursive: true });
    if (withLibraryIn.includes(version))
      symlinkSync(found.path, join(dir, libraryName));
  }
  return root;
}

test("automatic discovery finds hostfxr and records the trail", (t) => {
  t.true(existsSync(found.path));
  t.regex(found.path, /hostfxr/);
  t.truthy(found.dotnetRoot);
  t.truthy(found.version);
  const last = found.searched[found.searched.length - 1];
  t.is(last?.outcome, "accepted");
  t.true(
    found.searched
      .slice(0, -1)
      .every((attempt) => attempt.outcome === "rejected"),
  );
});

test("once loaded, hostfxr is found as already loaded", (t) => {
  getEnvironmentInfo();
  const again = resolveHostfxr();
  t.is(again.source, "alreadyLoaded");
  t.is(again.path, found.path);
});

test("an explicit hostfxrPath is used as is", (t) => {
  const result = resolveHostfxr({ hostfxrPath: found.path });
  t.is(result.source, "hostfxrPath");
  t.is(result.path, found.path);
});

test("a dotnetRoot picks the highest host/fxr version that contains the library", (t) => {
  const root = fakeRoot(
    ["8.0.1", "9.0.0", "10.0.0-rc.1", "99.0.0"],
    ["8.0.1", "9.0.0", "10.0.0-rc.1"],
  );
  const result = resolveHostfxr({ dotnetRoot: root });
  t.is(result.source, "dotnetRoot");
  t.is(result.version, "10.0.0-rc.1");
  t.is(result.dotnetRoot, root);
  t.is(
    result.path,
    join(
      root,
      "host",
      "fxr",
      "10.0.0-rc.1",
      found.path.split(/[\\/]/).pop() ?? "",
    ),
  );
});

test("a relative dotnetRoot is resolved against the current directory", (t) => {
  const root = fakeRoot(["8.0.0"], ["8.0.0"]);
  const result = resolveHostfxr({ dotnetRoot: relative(process.cwd(), root) });
  t.is(result.dotnetRoot, root);
});

test("an empty dotnetRoot is HostfxrNotFoundError listing why it was rejected", (t) => {
  const empty = tempDir();
  const error = t.throws(() => resolveHostfxr({ dotnetRoot: empty }), {
    instanceOf: HostfxrNotFoundError,
  });
  t.is(error.code, "HostfxrNotFound");
  t.is(error.searched.length, 1);
  t.is(error.searched[0]?.source, "dotnetRoot");
  t.is(error.searched[0]?.outcome, "rejected");
  t.regex(error.message, /was not found/);
  t.regex(
    error.message,
    new RegExp(empty.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
  );
  t.regex(error.hint ?? "", /DOTNET_ROOT/);
  const versionsWithout = fakeRoot(["9.0.0"], []);
  const missingLibrary = t.throws(
    () => resolveHostfxr({ dotnetRoot: versionsWithout }),
    {
      instanceOf: HostfxrNotFoundError,
    },
  );
  t.regex(missingLibrary.searched[0]?.reason ?? "", /9\.0\.0/);
});

test("a hostfxrPath that does not exist is HostfxrNotFoundError", (t) => {
  const error = t.throws(
    () => resolveHostfxr({ hostfxrPath: join(tempDir(), "libhostfxr.so") }),
    {
      instanceOf: HostfxrNotFoundError,
    },
  );
  t.is(error.searched[0]?.source, "hostfxrPath");
});

test("a hostfxrPath that is not a library, or not hostfxr, is HostLibraryError", (t) => {
  const text = join(tempDir(), "libhostfxr.so");
  writeFileSync(text, "not a library");
  const notLibrary = t.throws(() => resolveHostfxr({ hostfxrPath: text }), {
    instanceOf: HostLibraryError,
  });
  t.is(notLibrary.code, "CoreHostLibLoadFailure");
  const notHostfxr = t.throws(
    () => resolveHostfxr({ hostfxrPath: findNethost() }),
    {
      instanceOf: HostLibraryError,
    },
  );
  t.is(notHostfxr.code, "CoreHostEntryPointFailure");
  t.regex(notHostfxr.message, /hostfxr_main/);
});

test("a nethost library can be asked instead (get_hostfxr_path)", (t) => {
  const result = resolveHostfxr({ nethostPath: findNethost() });
  t.is(result.source, "nethost");
  t.true(existsSync(result.path));
  const text = join(tempDir(), "libnethost.so");
  writeFileSync(text, "nope");
  t.throws(() => resolveHostfxr({ nethostPath: text }), {
    instanceOf: HostLibraryError,
  });
});

test("DOTNET_ROOT in the environment is used before the platform default", (t) => {
  const root = fakeRoot(["8.0.0"], ["8.0.0"]);
  const run = runScenario("resolve", ["{}"], { env: { DOTNET_ROOT: root } });
  const result = run.result as { ok: { source: string; dotnetRoot: string } };
  t.is(result.ok.source, "environment", run.stderr);
  t.is(result.ok.dotnetRoot, root);
});

test("a relative DOTNET_ROOT is rejected, never searched from the current directory", (t) => {
  const run = runScenario("resolve", ["{}"], {
    env: { DOTNET_ROOT: "relative/dotnet" },
  });
  const result = run.result as {
    ok: { source: string; searched: { location: string; reason: string }[] };
  };
  t.not(result.ok.source, "environment");
  const rejected = result.ok.searched.find((attempt) =>
    attempt.location.startsWith("DOTNET_ROOT="),
  );
  t.regex(rejected?.reason ?? "", /relative/);
});

test("options are type-checked", (t) => {
  t.throws(() => resolveHostfxr({ dotnetRoot: 5 as unknown as string }), {
    instanceOf: InvalidArgumentError,
    message: /dotnetRoot must be a string path, got number/,
  });
  t.throws(() => resolveHostfxr("x" as unknown as object), {
    instanceOf: InvalidArgumentError,
    message: /options must be an object/,
  });
  t.throws(() => resolveHostfxr({ hostfxrPath: "" }), {
    instanceOf: InvalidArgumentError,
    message: /must not be empty/,
  });
});

test("environment info lists installed frameworks and SDKs", (t) => {
  const info = getEnvironmentInfo();
  t.is(info.hostfxrPath, found.path);
  t.regex(info.hostfxrVersion, /^\d+\.\d+\.\d+/);
  const runtime = info.frameworks.find(
    (framework) => framework.name === "Microsoft.NETCore.App",
  );
  t.truthy(runtime, "Microsoft.NETCore.App is installed");
  t.true(existsSync(runtime?.path ?? ""));
  // An SDK install lists its sdk/<version> folders; a runtime-only root (the .NET
  // matrix's private roots) has none, and the expectation follows what the root holds.
  const sdkDir = join(dotnetRoot, "sdk");
  const sdkVersions = existsSync(sdkDir)
    ? readdirSync(sdkDir).filter((version) =>
        existsSync(join(sdkDir, version, "dotnet.dll")),
      )
    : [];
  t.deepEqual(
    info.sdks.map((sdk) => sdk.version).sort(),
    sdkVersions.sort(),
    `the SDKs under ${sdkDir}`,
  );
  for (const sdk of info.sdks) t.true(existsSync(sdk.path));
  t.throws(() => getEnvironmentInfo({ dotnetRoot: tempDir() }), {
    instanceOf: HostfxrNotFoundError,
  });
});

test("initialize does not start a runtime when hostfxr cannot be found", (t) => {
  t.throws(
    () =>
      initializeForRuntimeConfig(fixtureConfig("Fixture"), {
        dotnetRoot: tempDir(),
      }),
    {
      instanceOf: HostfxrNotFoundError,
    },
  );
  t.throws(() => initializeForRuntimeConfig(42 as unknown as string), {
    instanceOf: InvalidArgumentError,
  });
  t.truthy(dirname(repoRoot));
});

test("resolveFrameworks says what a runtimeconfig would run on, without starting it", (t) => {
  // The API exists from hostfxr 9 on; older ones (the .NET 8 matrix root) must say so.
  if (Number.parseInt(found.version ?? "0", 10) < 9) {
    const error = t.throws(() => resolveFrameworks(fixtureConfig("Fixture")), {
      instanceOf: UnsupportedHostVersionError,
    });
    t.is(error.code, "HostApiUnsupportedVersion");
    t.is(error.requiredVersion, "9.0");
    return;
  }
  const result = resolveFrameworks(fixtureConfig("Fixture"));
  t.is(result.unresolved.length, 0);
  const runtime = result.resolved.find(
    (item) => item.name === "Microsoft.NETCore.App",
  );
  t.is(runtime?.requestedVersion, "8.0.0");
  t.regex(runtime?.resolvedVersion ?? "", /^\d+\.\d+\.\d+/);
  t.true(existsSync(runtime?.resolvedPath ?? ""));

  const missing = join(tempDir(), "fw99.runtimeconfig.json");
  writeFileSync(
    missing,
    JSON.stringify({
      runtimeOptions: {
        tfm: "net99.0",
        rollForward: "Disable",
        framework: { name: "Microsoft.NETCore.App", version: "99.0.0" },
      },
    }),
  );
  const unresolved = resolveFrameworks(missing);
  t.deepEqual(
    unresolved.unresolved.map((item) => [
      item.name,
      item.requestedVersion,
      item.resolvedVersion,
    ]),
    [["Microsoft.NETCore.App", "99.0.0", ""]],
  );

  const broken = join(tempDir(), "broken.runtimeconfig.json");
  writeFileSync(broken, "{");
  const error = t.throws(() => resolveFrameworks(broken), {
    instanceOf: HostStatusError,
  });
  t.is(error.code, "InvalidConfigFile");
});
