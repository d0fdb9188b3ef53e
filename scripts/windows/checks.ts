// Runs under Windows Node.js (test.ts starts it under wine): checks every Windows route
// to hostfxr and the Windows path rules, each scenario in a fresh process (probe.ts):
// DOTNET_ROOT_X64 and DOTNET_ROOT, the registry's InstallLocation (32-bit view),
// %ProgramFiles%\dotnet, dotnet.exe on PATH, %USERPROFILE%\.dotnet, the explicit
// options, the not-found trail, and paths with drive letters, forward slashes, \\?\
// prefixes, UNC names (where reachable), spaces and 世界. Prints
// "checks (<phase>): N passed, N failed", and a "note:" for what could not be checked.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unicodeFolder } from "./layout.js";
import type { Outcome, Step } from "./probe.js";

if (process.platform !== "win32") {
  throw new Error(
    "checks.ts runs under Windows Node.js: use npm run test:windows",
  );
}
// test.ts runs this twice: "installed" with the .NET root linked at %ProgramFiles%\dotnet,
// as the installer puts it, then "bare" without it. (Moving it aside from here is not
// an option: wine's rename of a linked folder moves the folder it links to.)
type Phase = "installed" | "bare";
const phase = process.argv[2] as Phase;
if (phase !== "installed" && phase !== "bare") {
  throw new Error("usage: checks.ts installed|bare");
}

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const probeScript = fileURLToPath(new URL("./probe.ts", import.meta.url));
// By URL: probes run in other current directories, where a bare "tsx" would not resolve.
const tsx = import.meta.resolve("tsx");
const fixtureDir = join(repoRoot, "__test__", "fixtures", "out", "Fixture");
const fixtureConfig = join(fixtureDir, "Fixture.runtimeconfig.json");
const fixtureDll = join(fixtureDir, "Fixture.dll");

// What a Windows machine with .NET installed has: test.ts links the root there.
const systemDrive = process.env.SystemDrive ?? "C:";
const programFiles =
  process.env.ProgramFiles ?? `${systemDrive}\\Program Files`;
const installed = join(programFiles, "dotnet");
const unicodeRoot = join(`${systemDrive}\\`, unicodeFolder, "dotnet");
const fxrVersion = readdirSync(join(unicodeRoot, "host", "fxr"))[0] ?? "";
const hostfxrIn = (root: string) =>
  join(root, "host", "fxr", fxrVersion, "hostfxr.dll");
const nethost = join(
  installed,
  "packs",
  "Microsoft.NETCore.App.Host.win-x64",
  fxrVersion,
  "runtimes",
  "win-x64",
  "native",
  "nethost.dll",
);

const scratch = mkdtempSync(join(tmpdir(), "dotnet-host-checks-"));
const empty = join(scratch, "empty");
mkdirSync(empty);
const systemPath = `${systemDrive}\\windows\\system32;${systemDrive}\\windows`;

/** A root holding only hostfxr (and a stand-in dotnet.exe): enough for the search. */
function miniRoot(dir: string): string {
  mkdirSync(dirname(hostfxrIn(dir)), { recursive: true });
  copyFileSync(hostfxrIn(unicodeRoot), hostfxrIn(dir));
  // The search only checks that dotnet.exe is a file; NuGet ships no muxer to copy.
  writeFileSync(join(dir, "dotnet.exe"), "");
  return dir;
}

/** The environment of a probe: none of the routes set unless the scenario sets them. */
function probeEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^DOTNET_ROOT/i.test(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(vars)) {
    for (const key of Object.keys(env)) {
      // Windows variable names ignore case; keep exactly one spelling.
      if (key.toLowerCase() === name.toLowerCase()) delete env[key];
    }
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function probe(
  steps: Step[],
  vars: Record<string, string | undefined> = {},
  cwd = repoRoot,
): Outcome[] {
  const child = spawnSync(
    process.execPath,
    ["--import", tsx, probeScript, JSON.stringify(steps)],
    { cwd, env: probeEnv(vars), encoding: "utf8", timeout: 120_000 },
  );
  if (child.error) {
    throw new Error(
      `probe ${JSON.stringify(steps)} did not run: ${child.error.message}`,
    );
  }
  const last = child.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as Outcome[];
  } catch {
    throw new Error(
      `probe printed no result (exit ${child.status}):\n${child.stdout}\n${child.stderr}`,
    );
  }
}

function registry(action: "add" | "delete", view: "32" | "64", root = "") {
  const key = "HKLM\\SOFTWARE\\dotnet\\Setup\\InstalledVersions\\x64";
  const args =
    action === "add"
      ? ["add", key, "/v", "InstallLocation", "/t", "REG_SZ", "/d", root]
      : ["delete", key, "/v", "InstallLocation"];
  const result = spawnSync("reg", [...args, `/reg:${view}`, "/f"], {
    encoding: "utf8",
  });
  if (action === "add" && result.status !== 0) {
    throw new Error(
      `reg ${args.join(" ")} failed: ${result.stdout}${result.stderr}`,
    );
  }
}

let passed = 0;
let failed = 0;
const notes: string[] = [];

/** Runs a check in its phase (each check runs in exactly one of the two). */
function check(name: string, run: () => void, when: Phase = "installed"): void {
  if (when !== phase) return;
  try {
    run();
    passed++;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    const detail = error instanceof Error ? error.message : String(error);
    console.log(`not ok - ${name}\n  ${detail.replaceAll("\n", "\n  ")}`);
  }
}

function expect(condition: boolean, what: string, actual?: unknown): void {
  if (!condition) {
    throw new Error(
      actual === undefined
        ? what
        : `${what}; got ${JSON.stringify(actual, null, 1)}`,
    );
  }
}

type Location = {
  path: string;
  source: string;
  dotnetRoot: string | null;
  searched: {
    source: string;
    location: string;
    outcome: string;
    reason: string;
  }[];
};
type Ran = {
  status: string;
  hostfxrPath: string;
  hostfxrSource: string;
  assemblyPath: string;
  returned: number;
};

function ok<T>(outcome: Outcome | undefined, what: string): T {
  expect(outcome?.ok !== undefined, `${what} succeeds`, outcome?.error);
  return outcome?.ok as T;
}

const sourcesOf = (location: Location) =>
  location.searched.map((attempt) => attempt.source);

// Leftovers of an interrupted run would change every automatic search.
registry("delete", "32");
registry("delete", "64");

check("the addon loads from the package root (win32-x64-gnu)", () => {
  const [addon] = probe([{ op: "addon" }]);
  const files = ok<string[]>(addon, "loading the package");
  expect(
    files.length === 1 &&
      files[0] === join(repoRoot, "dotnet-host.win32-x64-gnu.node"),
    "the loader picked dotnet-host.win32-x64-gnu.node next to the package",
    files,
  );
});

check(
  "%ProgramFiles%\\dotnet (platform default): found, runs .NET, environment info",
  () => {
    const [ran, again, info] = probe([
      { op: "run", config: fixtureConfig, assembly: fixtureDll },
      { op: "resolve" },
      { op: "environmentInfo" },
    ]);
    const result = ok<Ran>(ran, "initialize and call");
    expect(
      result.hostfxrSource === "platformDefault",
      "found by platformDefault",
      result,
    );
    expect(
      result.hostfxrPath === hostfxrIn(installed),
      "the installed hostfxr",
      result,
    );
    expect(
      result.returned === 7 && result.status === "Success",
      "Size returned 7",
      result,
    );
    const location = ok<Location>(again, "resolve after start");
    expect(location.source === "alreadyLoaded", "then alreadyLoaded", location);
    const environment = ok<{
      frameworks: { name: string; version: string; path: string }[];
      sdks: { path: string }[];
    }>(info, "environment info");
    expect(
      environment.frameworks.some(
        (framework) =>
          framework.name === "Microsoft.NETCore.App" &&
          framework.version === fxrVersion &&
          framework.path === join(installed, "shared", "Microsoft.NETCore.App"),
      ),
      "lists Microsoft.NETCore.App under %ProgramFiles%\\dotnet\\shared",
      environment.frameworks,
    );
    expect(environment.sdks.length > 0, "lists the linked SDK", environment);
  },
);

check(
  "the automatic search order on Windows, ending at the platform default",
  () => {
    const [found] = probe([{ op: "resolve" }]);
    const location = ok<Location>(found, "resolve");
    expect(
      sourcesOf(location).join(",") ===
        "alreadyLoaded,environment,environment,registry,platformDefault",
      "no install_location files or well-known Unix paths; registry before %ProgramFiles%",
      location.searched,
    );
    const registryAttempt = location.searched[3];
    expect(
      registryAttempt?.location ===
        "HKLM\\SOFTWARE\\dotnet\\Setup\\InstalledVersions\\x64\\InstallLocation (32-bit view)" &&
        registryAttempt.reason === "not set",
      "the registry value is named and not set",
      registryAttempt,
    );
  },
);

check(
  "DOTNET_ROOT_X64 with a space and 世界: found, runs .NET from such a path",
  () => {
    const copy = join(scratch, "with space 世界");
    mkdirSync(copy);
    // File by file: fs.cpSync of Node 22 corrupts non-ASCII names on Windows (nodejs/node#58768).
    for (const file of readdirSync(fixtureDir)) {
      copyFileSync(join(fixtureDir, file), join(copy, file));
    }
    const [ran] = probe(
      [
        {
          op: "run",
          config: join(copy, "Fixture.runtimeconfig.json"),
          assembly: join(copy, "Fixture.dll"),
        },
      ],
      { DOTNET_ROOT_X64: unicodeRoot, DOTNET_ROOT: empty },
    );
    const result = ok<Ran>(ran, "initialize and call");
    expect(
      result.hostfxrSource === "environment",
      "found by environment",
      result,
    );
    expect(
      result.hostfxrPath === hostfxrIn(unicodeRoot),
      "the hostfxr under 世界",
      result,
    );
    expect(
      result.assemblyPath === join(copy, "Fixture.dll"),
      "assembly path round-trips",
      result,
    );
    expect(result.returned === 7, "Size returned 7", result);
  },
);

check("DOTNET_ROOT with forward slashes loads and runs", () => {
  const forward = installed.replaceAll("\\", "/");
  const [found, ran] = probe(
    [
      { op: "resolve" },
      { op: "run", config: fixtureConfig, assembly: fixtureDll },
    ],
    { DOTNET_ROOT: forward },
  );
  const location = ok<Location>(found, "resolve");
  expect(
    location.source === "environment" &&
      location.searched.at(-1)?.location === `DOTNET_ROOT=${forward}`,
    "found by DOTNET_ROOT as written",
    location,
  );
  expect(ok<Ran>(ran, "initialize and call").returned === 7, "Size returned 7");
});

check(
  "registry InstallLocation (32-bit view) is used, before %ProgramFiles%",
  () => {
    registry("add", "32", unicodeRoot);
    try {
      const [found, ran] = probe([
        { op: "resolve" },
        { op: "run", config: fixtureConfig, assembly: fixtureDll },
      ]);
      const location = ok<Location>(found, "resolve");
      expect(location.source === "registry", "found by registry", location);
      expect(
        location.path === hostfxrIn(unicodeRoot),
        "the registered root",
        location,
      );
      expect(
        location.searched
          .at(-1)
          ?.location.endsWith(`(32-bit view) = ${unicodeRoot}`) === true,
        "the trail shows the registered value",
        location.searched.at(-1),
      );
      expect(
        ok<Ran>(ran, "initialize and call").returned === 7,
        "Size returned 7",
      );
    } finally {
      registry("delete", "32");
    }
  },
);

check(
  "the 64-bit registry view is not read (the installer writes the 32-bit one)",
  () => {
    registry("add", "64", unicodeRoot);
    try {
      const [found] = probe([{ op: "resolve" }]);
      const location = ok<Location>(found, "resolve");
      expect(
        location.source === "platformDefault",
        "falls through to %ProgramFiles%",
        location,
      );
      expect(
        location.searched[3]?.reason === "not set",
        "registry not set",
        location.searched[3],
      );
    } finally {
      registry("delete", "64");
    }
  },
);

check(
  "dotnet.exe on PATH; relative and empty PATH entries are ignored",
  () => {
    const root = miniRoot(join(scratch, "path root"));
    const [found] = probe([{ op: "resolve" }], {
      PATH: `${systemPath};relative\\bin;;${root}`,
    });
    const location = ok<Location>(found, "resolve");
    expect(
      location.source === "dotnetOnPath",
      "found by dotnetOnPath",
      location,
    );
    expect(
      location.path === hostfxrIn(root),
      "the root of dotnet.exe",
      location,
    );
    const pathAttempts = location.searched.filter(
      (attempt) => attempt.source === "dotnetOnPath",
    );
    expect(
      pathAttempts.some(
        (attempt) =>
          attempt.location === 'PATH entry "relative\\bin"' &&
          /ignored/.test(attempt.reason),
      ),
      "the relative entry is rejected",
      pathAttempts,
    );
    expect(
      pathAttempts.at(-1)?.location === `PATH ${join(root, "dotnet.exe")}`,
      "the accepted entry names dotnet.exe without a \\\\?\\ prefix",
      pathAttempts.at(-1),
    );
  },
  "bare",
);

check(
  "%USERPROFILE%\\.dotnet comes last",
  () => {
    const home = join(scratch, "home");
    miniRoot(join(home, ".dotnet"));
    const [found] = probe([{ op: "resolve" }], {
      PATH: systemPath,
      USERPROFILE: home,
    });
    const location = ok<Location>(found, "resolve");
    expect(location.source === "userHome", "found by userHome", location);
    expect(
      location.path === hostfxrIn(join(home, ".dotnet")),
      "under .dotnet",
      location,
    );
  },
  "bare",
);

check(
  "nothing found: HostfxrNotFoundError with the whole Windows trail",
  () => {
    // The current directory holds a root reachable by the relative DOTNET_ROOT: it must
    // not be found.
    const cwd = join(scratch, "cwd");
    miniRoot(join(cwd, "relative", "dotnet"));
    const [found] = probe(
      [{ op: "resolve" }],
      {
        DOTNET_ROOT_X64: "",
        DOTNET_ROOT: "relative\\dotnet",
        PATH: `${systemPath};relative`,
        USERPROFILE: empty,
      },
      cwd,
    );
    const error = found?.error;
    expect(
      error?.name === "HostfxrNotFoundError",
      "HostfxrNotFoundError",
      found,
    );
    expect(error?.code === "HostfxrNotFound", "code HostfxrNotFound", error);
    const trail = (error?.searched ?? []).map(
      (attempt) => `${attempt.source} ${attempt.location}: ${attempt.reason}`,
    );
    const expected = [
      "alreadyLoaded hostfxr.dll: not loaded in this process",
      "environment DOTNET_ROOT_X64: set but empty",
      /^environment DOTNET_ROOT=relative\\dotnet: relative path ignored/,
      "registry HKLM\\SOFTWARE\\dotnet\\Setup\\InstalledVersions\\x64\\InstallLocation (32-bit view): not set",
      `platformDefault ${installed}: directory does not exist`,
      /^dotnetOnPath PATH entry "relative": ignored/,
      /^dotnetOnPath PATH: no dotnet\.exe in any absolute entry \(searched C:\\windows\\system32, C:\\windows\)$/i,
      `userHome ${join(empty, ".dotnet")}: directory does not exist`,
    ];
    expect(
      trail.length === expected.length &&
        expected.every((want, index) =>
          typeof want === "string"
            ? trail[index] === want
            : want.test(trail[index] ?? ""),
        ),
      "every Windows place, in order, with its reason",
      trail,
    );
    expect(
      (error?.message ?? "").startsWith(
        "hostfxr (hostfxr.dll) was not found. Searched:",
      ),
      "the message lists the search",
      error?.message,
    );
    expect(
      /hostfxr\.dll/.test(String(error?.hint)),
      "the hint names hostfxr.dll",
      error?.hint,
    );
  },
  "bare",
);

// %ProgramFiles% names the platform default. Wine resets it in every process it starts,
// so its override (and the C:\\Program Files fallback when it is unset) can be checked
// only where a child sees what its parent passed.
const [programFilesSeen] =
  phase === "installed"
    ? probe([{ op: "env", name: "ProgramFiles" }], { ProgramFiles: empty })
    : [];
if (phase === "bare") {
  // Checked in the "installed" phase.
} else if (programFilesSeen?.ok === empty) {
  check("%ProgramFiles% names the platform default", () => {
    const [found] = probe([{ op: "resolve" }], { ProgramFiles: empty });
    const location = ok<Location>(found, "resolve");
    expect(
      location.searched[4]?.location === join(empty, "dotnet"),
      "",
      location,
    );
  });
  check("%ProgramFiles% unset falls back to C:\\Program Files\\dotnet", () => {
    const [found] = probe([{ op: "resolve" }], { ProgramFiles: undefined });
    const location = ok<Location>(found, "resolve");
    expect(
      location.searched[4]?.location === "C:\\Program Files\\dotnet",
      "the documented fallback",
      location,
    );
  });
} else {
  notes.push(
    `%ProgramFiles% override not checked: a child given ProgramFiles=${empty} saw ${JSON.stringify(programFilesSeen)} (wine sets it in every process)`,
  );
}

check(
  "explicit options: drive letters, forward slashes, \\\\?\\ and relative roots",
  () => {
    const verbatim = `\\\\?\\${installed}`;
    const linuxRoot = process.env.DOTNET_HOST_CHECK_LINUX_ROOT ?? "";
    expect(
      linuxRoot.startsWith("Z:\\"),
      "test.ts passes the root's Z: path",
      linuxRoot,
    );
    const outcomes = probe(
      [
        {
          op: "resolve",
          options: { dotnetRoot: installed.replaceAll("\\", "/") },
        },
        { op: "resolve", options: { dotnetRoot: verbatim } },
        { op: "resolve", options: { dotnetRoot: "dotnet" } },
        { op: "resolve", options: { dotnetRoot: linuxRoot } },
        { op: "resolve", options: { hostfxrPath: hostfxrIn(unicodeRoot) } },
        { op: "environmentInfo", options: { dotnetRoot: unicodeRoot } },
      ],
      {},
      programFiles,
    );
    const [forward, prefixed, relative, zDrive, direct] = outcomes.map(
      (outcome, index) => ok<Location>(outcome, `step ${index + 1}`),
    );
    expect(
      forward?.source === "dotnetRoot" && forward.path === hostfxrIn(installed),
      "forward slashes become a Windows path",
      forward,
    );
    expect(
      prefixed?.path === hostfxrIn(verbatim) &&
        prefixed.dotnetRoot === verbatim,
      "a \\\\?\\ root keeps its prefix and loads",
      prefixed,
    );
    expect(
      relative?.path === hostfxrIn(installed),
      "relative to the current directory",
      relative,
    );
    expect(
      zDrive?.path === hostfxrIn(linuxRoot),
      "a Z: (wine's Linux root) path",
      zDrive,
    );
    expect(
      direct?.source === "hostfxrPath" &&
        direct.path === hostfxrIn(unicodeRoot),
      "an explicit hostfxr.dll under 世界",
      direct,
    );
    const info = ok<{ hostfxrPath: string; frameworks: { path: string }[] }>(
      outcomes[5],
      "environment info",
    );
    expect(
      info.frameworks.some(
        (framework) =>
          framework.path ===
          join(unicodeRoot, "shared", "Microsoft.NETCore.App"),
      ),
      "environment info of a root under 世界",
      info,
    );
  },
);

check("\\\\?\\ paths for the runtimeconfig and the assembly", () => {
  const [ran] = probe([
    {
      op: "run",
      config: `\\\\?\\${fixtureConfig}`,
      assembly: `\\\\?\\${fixtureDll}`,
      options: { dotnetRoot: `\\\\?\\${installed}` },
    },
  ]);
  const result = ok<Ran>(ran, "initialize and call");
  expect(result.returned === 7, "Size returned 7", result);
});

// \\localhost\C$ is the administrative share of C: on every Windows. Wine serves no
// SMB shares, so there the UNC check cannot run; it is then reported, not passed.
const share = `\\\\localhost\\${systemDrive.replace(":", "$")}`;
if (phase === "bare") {
  // Checked in the "installed" phase.
} else if (existsSync(`${share}\\windows`)) {
  check("UNC paths", () => {
    const root = `${share}${installed.slice(systemDrive.length)}`;
    const [found] = probe([{ op: "resolve", options: { dotnetRoot: root } }]);
    const location = ok<Location>(found, "resolve");
    expect(location.path === hostfxrIn(root), "a UNC root loads", location);
  });
} else {
  notes.push(
    `UNC paths not checked: ${share}\\windows is not reachable (wine serves no SMB shares)`,
  );
}

check("bad paths fail with the reason, never with a crash", () => {
  const notALibrary = join(scratch, "fake", "hostfxr.dll");
  mkdirSync(dirname(notALibrary));
  writeFileSync(notALibrary, "not a library");
  const outcomes = probe([
    { op: "resolve", options: { hostfxrPath: join(empty, "hostfxr.dll") } },
    { op: "resolve", options: { hostfxrPath: empty } },
    { op: "resolve", options: { hostfxrPath: notALibrary } },
    { op: "resolve", options: { hostfxrPath: nethost } },
    { op: "resolve", options: { dotnetRoot: hostfxrIn(installed) } },
    { op: "resolve", options: { dotnetRoot: "C:\\dotnet\0host" } },
    { op: "resolve", options: { nethostPath: nethost } },
  ]);
  const [missing, directory, text, wrongLibrary, fileAsRoot, nul, viaNethost] =
    outcomes;
  expect(
    missing?.error?.name === "HostfxrNotFoundError" &&
      missing.error.searched?.[0]?.reason === "file does not exist",
    "a missing hostfxrPath",
    missing,
  );
  expect(
    directory?.error?.searched?.[0]?.reason ===
      "is a directory, not the library file",
    "a directory as hostfxrPath",
    directory,
  );
  expect(
    text?.error?.name === "HostLibraryError" &&
      text.error.code === "CoreHostLibLoadFailure" &&
      /Windows error \d+/.test(text.error.message),
    "a file that is not a DLL: the Windows loader's error",
    text,
  );
  expect(
    wrongLibrary?.error?.code === "CoreHostEntryPointFailure" &&
      /hostfxr_main/.test(wrongLibrary.error.message),
    "nethost.dll is not hostfxr",
    wrongLibrary,
  );
  expect(
    fileAsRoot?.error?.searched?.[0]?.reason === "not a directory",
    "a file as dotnetRoot",
    fileAsRoot,
  );
  expect(nul?.error?.name === "InvalidArgumentError", "a NUL character", nul);
  const location = ok<Location>(viaNethost, "nethost's get_hostfxr_path");
  expect(
    location.source === "nethost" && location.path === hostfxrIn(installed),
    "nethost finds the installed hostfxr",
    location,
  );
});

for (const note of notes) console.log(`note: ${note}`);
console.log(`checks (${phase}): ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
