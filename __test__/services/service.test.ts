// The example service (example/service) under HTTP load, the short CI version of
// `npm run soak:service`: 30 s at a fixed rate with every endpoint, bad input next to good
// and a price stream, then SIGTERM; and SIGTERM in the middle of load. Asserts no errors
// and a clean shutdown; no timing asserts (the 10-minute soak checks memory growth).
import test from "ava";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../helpers.js";

const serviceDir = join(repoRoot, "example", "service");

/** Installs the service's npm packages and builds its .NET library if needed, or throws why not. */
function prepare(): void {
  const run = (command: string, args: string[], what: string) => {
    const result = spawnSync(command, args, {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 300_000,
    });
    if (result.error || result.status !== 0) {
      throw new Error(
        `${what} failed (\`${command} ${args.join(" ")}\`: ${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
      );
    }
  };
  if (
    !existsSync(join(serviceDir, "node_modules", "autocannon", "package.json"))
  ) {
    run(
      "npm",
      ["--prefix", serviceDir, "ci", "--no-audit", "--no-fund"],
      "installing example/service's npm packages (autocannon, piscina, node-api-dotnet) from the npm registry",
    );
  }
  run(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repoRoot, "scripts", "build-dotnet.ts"),
      serviceDir,
    ],
    "building example/service/Pricing (needs the .NET SDK 8+)",
  );
}

let prepared: Error | undefined;
test.before(() => {
  try {
    prepare();
  } catch (error) {
    prepared = error as Error;
  }
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the driver printed for people: every line but its JSON ones. */
  summary: string;
  result: Record<string, unknown> | undefined;
}

function runDriver(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(repoRoot, "scripts", "service", script),
        ...args,
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout
      .setEncoding("utf8")
      .on("data", (chunk: string) => (stdout += chunk));
    child.stderr
      .setEncoding("utf8")
      .on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split("\n").at(-1) ?? "";
      let result: Record<string, unknown> | undefined;
      try {
        result = JSON.parse(last) as Record<string, unknown>;
      } catch {
        result = undefined;
      }
      const summary = stdout
        .split("\n")
        .filter((line) => !line.startsWith("{"))
        .join("\n");
      resolve({ code, stdout, stderr, summary, result });
    });
  });
}

test("30 s of mixed load: no errors, bad input answered per request, clean SIGTERM", async (t) => {
  if (prepared) return t.fail(prepared.message);
  const run = await runDriver("soak.ts", [
    "--duration",
    "30",
    "--warmup",
    "3",
    "--sample",
    "10",
    "--settle",
    "2",
  ]);
  t.log(run.summary);
  const result = run.result as
    | {
        ok: boolean;
        failures: string[];
        soak: {
          total: number;
          errors: number;
          timeouts: number;
          non2xx: number;
        };
        badSent: number;
        badWrong: number;
        goodAfterBad: number;
        ticks: number;
        after: { liveHandles: number; pendingPromises: number };
        shutdown: { code: number | null; serverErrors: number };
      }
    | undefined;
  if (!result) return t.fail(`no result line:\n${run.stdout}\n${run.stderr}`);
  t.deepEqual(result.failures, []);
  t.true(result.soak.total > 0);
  t.is(result.soak.errors, 0);
  t.is(result.soak.timeouts, 0);
  t.is(result.soak.non2xx, 0);
  t.true(result.badSent > 0);
  t.is(result.badWrong, 0);
  t.is(result.goodAfterBad, result.badSent);
  t.true(result.ticks > 0, "the .NET price feed reached the SSE client");
  t.is(result.after.liveHandles, 0);
  t.is(result.after.pendingPromises, 0);
  t.is(result.shutdown.code, 0);
  t.is(result.shutdown.serverErrors, 0);
  t.is(run.code, 0, run.stderr);
});

test("SIGTERM in the middle of load: every accepted request answered, exit 0", async (t) => {
  if (prepared) return t.fail(prepared.message);
  const run = await runDriver("sigterm.ts", [
    "--clients",
    "24",
    "--before",
    "3",
  ]);
  t.log(run.summary);
  const result = run.result as
    | {
        failures: string[];
        answered: number;
        serviceAccepted: number;
        serviceAnswered: number;
        resetsBeforeSignal: number;
        exitCode: number | null;
      }
    | undefined;
  if (!result) return t.fail(`no result line:\n${run.stdout}\n${run.stderr}`);
  t.deepEqual(result.failures, []);
  t.true(result.answered > 0);
  t.is(result.serviceAnswered, result.serviceAccepted);
  t.is(result.resetsBeforeSignal, 0);
  t.is(result.exitCode, 0);
  t.is(run.code, 0, run.stderr);
});
