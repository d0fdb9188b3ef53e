// Files and environment variables dotnet-host reads are input, and another local user may
// control some of them (docs/security.md): the runtimeconfig it writes for a library that
// has none lives in a private directory it checks, paths from the environment must be
// absolute and name the right kind of file, and a FIFO is never opened. POSIX only (modes,
// owners, FIFOs); each case runs in a child process with its own environment.
import test from "ava";
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { getEnvironmentInfo } from "../lib/index.js";
import { fixture, runScenario, tempDir } from "./helpers.js";

const uid = process.getuid?.() ?? -1;
/** The runtimeconfig dotnet-host writes is named after the newest installed runtime. */
const configName = `${getEnvironmentInfo()
  .frameworks.filter((framework) => framework.name === "Microsoft.NETCore.App")
  .map((framework) => framework.version)
  .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
  .pop()}.runtimeconfig.json`;

interface Outcome {
  ok?: unknown;
  error?: { name: string; code?: string; message: string };
}

/** Runs the generated-config case with TMPDIR set to a fresh directory `prepare` filled. */
function generated(prepare: (privateDir: string, tmp: string) => void): {
  outcome: Outcome;
  privateDir: string;
  stderr: string;
} {
  const tmp = tempDir("dotnet-host-tmpdir-");
  const privateDir = join(tmp, `dotnet-host-${uid}`);
  prepare(privateDir, tmp);
  const child = runScenario("trusted-paths", ["generated"], {
    env: { TMPDIR: tmp },
  });
  return {
    outcome: child.result as Outcome,
    privateDir,
    stderr: child.stderr,
  };
}

test("the runtimeconfig written for a library without one goes to a private directory (0700, file 0600)", (t) => {
  const run = generated(() => {});
  t.deepEqual(run.outcome, { ok: 42 }, run.stderr);
  t.is(lstatSync(run.privateDir).mode & 0o777, 0o700);
  const files = readdirSync(run.privateDir);
  t.is(files.length, 1, files.join(", "));
  t.regex(files[0]!, /^\d+\.\d+\.\d+\.runtimeconfig\.json$/);
  t.is(lstatSync(join(run.privateDir, files[0]!)).mode & 0o777, 0o600);
});

for (const [title, prepare, reason] of [
  [
    "open to other users",
    (dir: string) => {
      mkdirSync(dir);
      chmodSync(dir, 0o777);
    },
    /is open to other users \(mode 777\)/,
  ],
  [
    "a symbolic link",
    (dir: string, tmp: string) => {
      mkdirSync(join(tmp, "elsewhere"), { mode: 0o700 });
      symlinkSync(join(tmp, "elsewhere"), dir);
    },
    /it is a symbolic link/,
  ],
  [
    "a file",
    (dir: string) => writeFileSync(dir, "", { mode: 0o600 }),
    /it is not a directory/,
  ],
] as const) {
  test(`a private directory that is ${title} is refused (UnsafeFile)`, (t) => {
    const run = generated(prepare);
    t.is(run.outcome.error?.name, "HostStateError", run.stderr);
    t.is(run.outcome.error?.code, "UnsafeFile");
    t.regex(run.outcome.error?.message ?? "", reason);
  });
}

test("a private directory another user made first is refused (UnsafeFile)", (t) => {
  if (uid !== 0) {
    t.fail(
      "this test needs root: it gives the directory to another user (chown)",
    );
    return;
  }
  const run = generated((dir) => {
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
  });
  t.is(run.outcome.error?.code, "UnsafeFile", run.stderr);
  t.regex(
    run.outcome.error?.message ?? "",
    /belongs to user 65534, not to this user \(0\)/,
  );
});

test("a runtimeconfig planted in the private directory is never followed or trusted", (t) => {
  // A dangling symbolic link where the file goes: refused, and nothing is created at its
  // target.
  let target = "";
  const link = generated((dir, tmp) => {
    mkdirSync(dir, { mode: 0o700 });
    target = join(tmp, "planted.json");
    symlinkSync(target, join(dir, configName));
  });
  t.is(link.outcome.error?.code, "UnsafeFile", link.stderr);
  t.regex(link.outcome.error?.message ?? "", /it is a symbolic link/);
  t.false(existsSync(target), "the link was not followed");
  // A file of ours with other content (say, from an older version) is written anew.
  const stale = generated((dir) => {
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(
      join(dir, configName),
      '{"runtimeOptions":{"configProperties":{"planted":true}}}',
      { mode: 0o600 },
    );
  });
  t.deepEqual(stale.outcome, { ok: 42 }, stale.stderr);
  t.notRegex(
    readFileSync(join(stale.privateDir, configName), "utf8"),
    /planted/,
  );
});

test("load() refuses a FIFO as assembly or runtimeconfig instead of blocking on it", (t) => {
  const directory = tempDir();
  const fifo = join(directory, "pipe.dll");
  execFileSync("mkfifo", [fifo]);
  const beside = join(directory, "Typed.dll");
  copyFileSync(fixture("Typed"), beside);
  execFileSync("mkfifo", [join(directory, "Typed.runtimeconfig.json")]);
  const child = runScenario("trusted-paths", ["fifo", fifo, fifo, beside]);
  t.is(child.status, 0, child.stderr);
  const result = child.result as Record<string, Outcome>;
  for (const key of ["assembly", "config", "beside"]) {
    t.is(result[key]?.error?.name, "InvalidArgumentError", key);
    t.regex(result[key]?.error?.message ?? "", /is a FIFO \(named pipe\)/, key);
  }
  t.deepEqual(result.after, { ok: 3 });
});

test("DOTNET_HOST_BRIDGE_DIR must be absolute and hold the bridge itself", (t) => {
  const relative = runScenario("trusted-paths", ["bridge"], {
    env: { DOTNET_HOST_BRIDGE_DIR: "managed/out/DotnetHost.Bridge" },
  });
  const refused = relative.result as Outcome;
  t.is(refused.error?.name, "HostStateError", relative.stderr);
  t.is(refused.error?.code, "InvalidEnvironment");
  t.regex(refused.error?.message ?? "", /must be an absolute path/);
  // Another assembly under the bridge's file name: its types are not the bridge's.
  const impostor = tempDir();
  copyFileSync(fixture("Typed"), join(impostor, "DotnetHost.Bridge.dll"));
  const wrong = runScenario("trusted-paths", ["bridge"], {
    env: { DOTNET_HOST_BRIDGE_DIR: impostor },
  });
  const error = (wrong.result as Outcome).error;
  t.truthy(error, wrong.stdout + wrong.stderr);
  t.is(error?.name, "ManagedLoadError");
  t.regex(error?.message ?? "", /DotnetHost\.Bridge/);
});

test("DOTNET_HOST_NATIVE_PATH must be an absolute path to a .node file; nothing else is run", (t) => {
  const directory = tempDir();
  const marker = join(directory, "ran");
  const script = join(directory, "evil.js");
  writeFileSync(
    script,
    `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "x");`,
  );
  for (const [value, message] of [
    ["evil.js", /must be an absolute path/],
    [script, /must name the addon, a \.node file/],
    [join(directory, "missing.node"), /which is no file/],
  ] as const) {
    const child = runScenario("trusted-paths", ["native"], {
      env: { DOTNET_HOST_NATIVE_PATH: value },
    });
    const result = child.result as Outcome;
    t.regex(result.error?.message ?? "", message, child.stderr);
  }
  t.false(existsSync(marker), "the .js file never ran");
});
