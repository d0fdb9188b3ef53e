// Running the .NET SDK, which only declaration generation and `add` need: child_process
// is loaded on that first use, not when the package is imported (about 4 ms of start-up).
import { createRequire } from "node:module";
import type {
  SpawnSyncOptionsWithStringEncoding,
  SpawnSyncReturns,
} from "node:child_process";

const require = createRequire(import.meta.url);

export function spawnSync(
  command: string,
  args: readonly string[],
  options: SpawnSyncOptionsWithStringEncoding,
): SpawnSyncReturns<string> {
  const childProcess =
    require("node:child_process") as typeof import("node:child_process");
  return childProcess.spawnSync(command, args, options);
}
