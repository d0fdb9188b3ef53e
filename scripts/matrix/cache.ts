// Where the matrix keeps what it downloads (NuGet runtime packs, .NET roots laid out
// from them, Node.js binaries): outside the repository, so nothing fetched is ever
// committed, and reused between runs. Delete the folder to start from scratch.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** `$DOTNET_HOST_CACHE`, else `$XDG_CACHE_HOME/dotnet-host`, else `~/.cache/dotnet-host`. */
export function cacheDir(): string {
  const dir =
    process.env.DOTNET_HOST_CACHE ||
    join(
      process.env.XDG_CACHE_HOME || join(homedir(), ".cache"),
      "dotnet-host",
    );
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs a command to completion; throws with its output when it fails. */
export function run(
  command: string,
  args: string[],
  options: SpawnSyncOptions = {},
): string {
  const child = spawnSync(command, args, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  });
  if (child.error) {
    throw new Error(`could not run ${command}: ${child.error.message}`);
  }
  if (child.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${child.status ?? child.signal}):\n${String(child.stdout)}${String(child.stderr)}`,
    );
  }
  return String(child.stdout);
}
