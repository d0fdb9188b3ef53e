// The TypeScript half of the compatibility suite. Each library has a C# project beside
// this file (`<Project>/`) that runs its tasks as a C# user writes them and prints the
// results (Shared/Oracle.cs); its test file runs the same tasks through dotnet-host and
// compares every result with C#'s own. C# is the oracle: no expected value is written
// by hand.
import test from "ava";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  DotnetException,
  DotnetObject,
  load,
  type DotnetAssembly,
} from "../../index.js";
import { repoRoot } from "../helpers.js";

export const compatOut = join(repoRoot, "__test__", "compat", "out");

type Outcome =
  { value: unknown; error?: undefined } | { error: string; message: string };

/** Runs the C# project's tasks with `dotnet` and returns their outcomes by id. */
function runOracle(dll: string): Record<string, Outcome> {
  const child = spawnSync("dotnet", [dll], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (child.error || child.status !== 0) {
    throw new Error(
      `the C# oracle ${dll} failed (${child.error?.message ?? `exit code ${child.status}`}): ${child.stderr}`,
    );
  }
  return JSON.parse(child.stdout) as Record<string, Outcome>;
}

/**
 * A JavaScript result in the form the oracle writes (Shared/Oracle.cs): bigints as
 * strings, Dates as Unix milliseconds, TypedArrays as arrays, non-finite numbers by name.
 */
export function normalize(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (value === Infinity) return "Infinity";
    if (value === -Infinity) return "-Infinity";
    return value;
  }
  if (typeof value !== "object") return value;
  if (value instanceof DotnetObject) {
    throw new TypeError(
      `a task returned a .NET object (${value.constructor.name}); return plain values to compare`,
    );
  }
  if (value instanceof Date) return value.getTime();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<unknown>, normalize);
  }
  if (Array.isArray(value)) return value.map(normalize);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, normalize(item)]),
  );
}

async function outcomeOf(run: () => unknown): Promise<Outcome> {
  try {
    return { value: normalize(await run()) };
  } catch (error) {
    if (error instanceof DotnetException) {
      return { error: error.dotnetType, message: error.dotnetMessage };
    }
    throw error;
  }
}

export interface CompatTask {
  /** A task that must give C#'s result. */
  (id: string, run: () => unknown): void;
  /** A task known not to work yet, with the reason (listed in docs/compatibility.md). */
  failing(id: string, reason: string, run: () => unknown): void;
}

/**
 * Loads `__test__/compat/out/<project>/<project>.dll` (the library's packages come with it
 * through its deps.json) and returns it with `task` to register the TypeScript twin of
 * each C# task.
 */
export function compat(project: string): {
  lib: DotnetAssembly;
  task: CompatTask;
} {
  const dll = join(compatOut, project, `${project}.dll`);
  if (!existsSync(dll)) {
    throw new Error(
      `${dll} is missing: run \`npm run build:fixtures\` (needs the .NET SDK and the NuGet feed)`,
    );
  }
  const lib = load(dll);
  let oracle: Record<string, Outcome> | undefined;
  const expected = (id: string): Outcome => {
    oracle ??= runOracle(dll);
    const outcome = oracle[id];
    if (!outcome) throw new Error(`the C# oracle has no task ${id}`);
    return outcome;
  };
  const registered = new Set<string>();

  const check =
    (id: string, run: () => unknown) =>
    async (t: import("ava").ExecutionContext) => {
      const want = expected(id);
      const got = await outcomeOf(run);
      if (want.error !== undefined) {
        t.deepEqual(
          got.error,
          want.error,
          `C# threw ${want.error} (${want.message}); JavaScript ${got.error === undefined ? `returned ${JSON.stringify(got.value)}` : `threw ${got.error}`}`,
        );
        return;
      }
      if (got.error !== undefined) {
        t.fail(
          `JavaScript threw ${got.error}: ${got.message}; C# returned ${JSON.stringify(want.value)}`,
        );
        return;
      }
      t.deepEqual(
        got.value,
        want.value,
        "WRONG VALUE: JavaScript's result differs from C#'s",
      );
    };

  const task = ((id: string, run: () => unknown) => {
    registered.add(id);
    test(`${project}: ${id}`, check(id, run));
  }) as CompatTask;
  task.failing = (id, reason, run) => {
    registered.add(id);
    test.failing(`${project}: ${id} (known: ${reason})`, check(id, run));
  };

  test(`${project}: every C# task has a TypeScript twin and the other way round`, (t) => {
    oracle ??= runOracle(dll);
    t.deepEqual([...registered].sort(), Object.keys(oracle).sort());
  });
  return { lib, task };
}
