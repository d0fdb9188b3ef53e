// matrix-initialize.ts <runtimeconfig> <dotnetRoot> [op...]: in a fresh process,
// initializes from the config with exactly that .NET root, runs each op (loadAssembly,
// getFunctionPointer, loadAssemblyBytes) and reports its outcome, then binds
// Faults.Entry.RuntimeMajor from the config's folder and reports which .NET ran it.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { describeError, report } from "./report.js";

/** report.ts's attempt(), keeping requiredVersion too. */
function outcome(run: () => unknown): Record<string, unknown> {
  try {
    return { ok: run() ?? null };
  } catch (error) {
    const { requiredVersion } = error as { requiredVersion?: string };
    return { error: { ...describeError(error), requiredVersion } };
  }
}

const [config = "", dotnetRoot = "", ...ops] = process.argv.slice(2);
const dll = join(dirname(config), "Faults.dll");
const init = outcome(() => initializeForRuntimeConfig(config, { dotnetRoot }));
const context = init.ok as
  ReturnType<typeof initializeForRuntimeConfig> | undefined;
if (!context) {
  report({ init });
} else {
  const run: Record<string, () => unknown> = {
    loadAssembly: () => context.loadAssembly(dll),
    getFunctionPointer: () =>
      context
        .getFunctionPointer("Faults.Entry, Faults", "Sum")
        .call(Buffer.from([2])),
    loadAssemblyBytes: () => context.loadAssemblyBytes(readFileSync(dll)),
  };
  const results: Record<string, unknown> = {};
  for (const op of ops) results[op] = outcome(() => run[op]?.());
  const runtimeMajor = outcome(() =>
    context
      .loadAssemblyAndGetFunctionPointer(
        dll,
        "Faults.Entry, Faults",
        "RuntimeMajor",
      )
      .call(),
  );
  report({ init: { ok: context.status }, ops: results, runtimeMajor });
}
