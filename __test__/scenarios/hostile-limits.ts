// Limits that take a lot of memory or stack, each in its own process: a .NET string longer
// than a JavaScript string can be, and JavaScript → .NET → JavaScript recursion until
// JavaScript's stack runs out.
import { DotnetException, load } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { attempt, report } from "./report.js";

const lib = load(fixture("Hostile"));
const which = process.argv[2];

if (which === "string") {
  const text = lib.bind("Hostile.Edges.Text");
  report({
    longest: attempt(() => (text(2 ** 29 - 24) as string).length),
    tooLong: attempt(() => text(2 ** 29)),
  });
} else if (which === "recursion") {
  const down = lib.bind("Hostile.Recursion.Down");
  let deepest = 0;
  const next = (depth: number): number => {
    deepest += 1;
    return down(next, depth) as number;
  };
  try {
    next(1_000_000);
    report({ returned: true });
  } catch (error) {
    let root: unknown = error;
    let links = 0;
    while (
      root instanceof Error &&
      root.cause !== undefined &&
      links < 10_000
    ) {
      root = root.cause;
      links += 1;
    }
    report({
      deepest,
      isDotnetException: error instanceof DotnetException,
      messageLength: (error as Error).message.length,
      messageEnd: (error as Error).message.slice(-60),
      links,
      root:
        root instanceof Error ? `${root.name}: ${root.message}` : String(root),
      // The process goes on: .NET and JavaScript both still work.
      after: down((depth: number) => depth * 2, 21),
    });
  }
} else {
  throw new Error(`unknown case ${which}`);
}
