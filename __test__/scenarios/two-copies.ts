// Two copies of dotnet-host in one process (the sources here, the bundle with a copy of the
// addon), both told to use the same bridge file (DOTNET_HOST_BRIDGE_DIR): the first loads it
// into the default load context; the second finds it serving the first and loads a bridge
// of its own. Callbacks of each copy must reach that copy's functions.
import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as first from "../../lib/index.js";
import { loadedBridge } from "../../lib/typed/runtime.js";
import { fixture, repoRoot, tempDir } from "../helpers.js";
import { attempt, report } from "./report.js";

type Library = typeof first;
const apply = (library: Library, offset: number) => {
  const { Calls } = library.load(fixture("Objects")).namespaces.Objects as {
    Calls: { apply(f: (value: number) => number, value: number): number };
  };
  return Calls.apply((value) => value + offset, 1);
};

const before = attempt(() => apply(first, 1));
const built = readdirSync(repoRoot).find(
  (name) =>
    name.startsWith(`dotnet-host.${process.platform}-${process.arch}`) &&
    name.endsWith(".node"),
);
if (!built) throw new Error(`no addon for ${process.platform} in ${repoRoot}`);
const addon = join(tempDir(), built);
copyFileSync(join(repoRoot, built), addon);
process.env.DOTNET_HOST_NATIVE_PATH = addon;
const second = (await import(
  pathToFileURL(join(repoRoot, "dist", "bundle", "index.js")).href
)) as Library;
report({
  firstBridge: loadedBridge?.file,
  before,
  second: attempt(() => apply(second, 10)),
  firstAgain: attempt(() => apply(first, 100)),
});
