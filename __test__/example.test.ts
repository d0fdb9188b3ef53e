// The README's first command runs this example; it must print the seed's line.
import test from "ava";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./helpers.js";

test("the example prints the greeting from .NET with the pointer and size it was given", (t) => {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "example", "index.ts")],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  t.is(run.status, 0, run.stderr);
  const lines = run.stdout.split("\n");
  t.is(lines[0], "Hello world! 世界に挨拶します\u3000argPtr=0 argSize=0");
  t.regex(
    lines[1] ?? "",
    /^Hello world! 世界に挨拶します\u3000argPtr=[1-9]\d* argSize=28$/,
  );
  t.is(lines[2], "Message from JS: こんにちは from Node.js");
  t.deepEqual(lines.slice(3, 6), [
    "event from .NET: Hello, Node.js!",
    "Hello, Node.js!",
    "greeted 1 time(s)",
  ]);
});
