// Paths to the compiled C# fixtures, and a runner for scenarios that need a fresh
// process (one .NET runtime per process).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
export const fixturesOut = join(repoRoot, "__test__", "fixtures", "out");

export function fixture(project: string, file = `${project}.dll`): string {
  const path = join(fixturesOut, project, file);
  if (!existsSync(path)) {
    throw new Error(
      `fixture ${path} is missing: run \`npm run build:fixtures\` (needs the .NET SDK 8+)`,
    );
  }
  return path;
}

export const fixtureConfig = (project: string): string =>
  fixture(project, `${project}.runtimeconfig.json`);

export const FIXTURE_TYPE = "Fixture.Entry, Fixture";

export function tempDir(prefix = "dotnet-host-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ScenarioResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The JSON the scenario printed on its last stdout line. */
  result: unknown;
}

/**
 * Runs `__test__/scenarios/<name>.ts` in a new Node process with tsx, killed after
 * `timeoutMs` (60 s unless given).
 */
export function runScenario(
  name: string,
  args: string[] = [],
  options: {
    env?: NodeJS.ProcessEnv;
    nodeArgs?: string[];
    timeoutMs?: number;
  } = {},
): ScenarioResult {
  const script = join(repoRoot, "__test__", "scenarios", `${name}.ts`);
  const child = spawnSync(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", script, ...args],
    {
      cwd: repoRoot,
      encoding: "utf8",
      env: { ...process.env, ...options.env },
      timeout: options.timeoutMs ?? 60_000,
    },
  );
  if (child.error) throw child.error;
  const lines = child.stdout.trim().split("\n");
  let result: unknown;
  try {
    result = JSON.parse(lines[lines.length - 1] ?? "");
  } catch {
    result = undefined;
  }
  return {
    status: child.status,
    signal: child.signal,
    stdout: child.stdout,
    stderr: child.stderr,
    result,
  };
}
