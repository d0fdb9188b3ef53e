// edge-js on CoreCLR. edge calls only `Task<object> Method(dynamic input)`, so
// bench/EdgeWrappers (build: `npx tsx scripts/build-typed.ts bench`) forwards each call to
// the same Typed method; its output folder is edge's app root (EDGE_APP_ROOT), whose
// .deps.json also brings edge's managed runtime (bench/EdgeJs).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { coldStart } from "../cold-start.js";
import {
  measure,
  measureInFlight,
  order,
  peakRssMb,
  report,
  row,
  text100,
  type Row,
  type RowName,
} from "../measure.js";

type Callback = (error: Error | null, result: unknown) => void;
/** A function from edge.func(): `true` instead of a callback runs it synchronously. */
interface EdgeFunc {
  (input: unknown, sync: true): unknown;
  (input: unknown, callback: Callback): void;
}
interface Edge {
  func(options: {
    assemblyFile: string;
    typeName: string;
    methodName: string;
  }): EdgeFunc;
}

const require = createRequire(import.meta.url);
const version = (
  JSON.parse(
    readFileSync(
      new URL("../node_modules/edge-js/package.json", import.meta.url),
      "utf8",
    ),
  ) as { version: string }
).version;
const appRoot = new URL("../out/EdgeWrappers/", import.meta.url).pathname;
const wrappers = `${appRoot}EdgeWrappers.dll`;

// edge reads these when its native module loads, so they are set before require(); the
// cold-start children inherit them.
process.env.EDGE_USE_CORECLR = "1";
process.env.EDGE_APP_ROOT = appRoot;

/** edge.func() options for a wrapper method. */
const wrapper = (methodName: string) => ({
  assemblyFile: wrappers,
  typeName: "EdgeWrappers.Startup",
  methodName,
});

/**
 * Why edge cannot start. Its native module prints the cause to stderr and then leaves
 * edge.func() failing with "edge.initializeClrFunc is not a function", so a child process
 * repeats the start-up to capture that text.
 */
function startupError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const probe = spawnSync(
    process.execPath,
    [
      "-e",
      `require(${JSON.stringify(require.resolve("edge-js"))}).func(${JSON.stringify(wrapper("Add"))})`,
    ],
    { encoding: "utf8" },
  );
  const cause = probe.stderr
    .split("\n")
    .find((line) => /CoreClrEmbedding|fatal error|Error:/.test(line));
  return cause ? `${cause.trim()} (then: ${message})` : message;
}

function start() {
  if (!existsSync(wrappers)) {
    throw new Error(
      `${wrappers} is missing: run \`npx tsx scripts/build-typed.ts bench\``,
    );
  }
  let edge: Edge;
  let add: EdgeFunc;
  try {
    edge = require("edge-js") as Edge;
    add = edge.func(wrapper("Add"));
  } catch (error) {
    throw new Error(startupError(error));
  }
  const bind = (methodName: string) => edge.func(wrapper(methodName));
  return {
    add,
    echo: bind("Echo"),
    spanLength: bind("SpanLength"),
    discount: bind("Discount"),
    completed: bind("Completed"),
    runtimeVersion: bind("RuntimeVersion"),
  };
}

let typed: ReturnType<typeof start>;
try {
  typed = start();
} catch (error) {
  // edge cannot run here: every row this target reports says why.
  const reason = { unavailable: (error as Error).message };
  const names: RowName[] = [
    "add",
    "echo100",
    "span1",
    "span1M",
    "json",
    "async100k",
    "coldStart",
    "rss",
  ];
  report({
    target: "edge-js",
    version,
    rows: Object.fromEntries(names.map((name) => [name, reason])),
  });
  process.exit(0);
}
const runtime = String(typed.runtimeVersion(null, true));
// Per-call rows use edge's synchronous mode: the wrappers return completed Tasks.
const sync = "synchronous mode: func(input, true)";
const oneByte = Buffer.alloc(1);
const oneMiB = Buffer.alloc(1 << 20);

// Start-up memory: the runtime is up and one call made, before any benchmark allocates.
const startupRss = peakRssMb();

const noObjects: Row = {
  unavailable:
    "edge-js has no object model: .NET objects cannot be held or called from JavaScript",
};
const rows: Record<string, Row> = {
  add: await row(() => ({
    ...measure(() => typed.add([1, 2], true)),
    note: `${sync}; [a, b] arrives as object[]`,
  })),
  echo100: await row(() => ({
    ...measure(() => typed.echo(text100, true)),
    note: sync,
  })),
  span1: await row(() => ({
    ...measure(() => typed.spanLength(oneByte, true)),
    note: `${sync}; edge copies the Buffer into a byte[]`,
  })),
  span1M: await row(() => {
    // A call takes milliseconds: batches of 100 keep a batch under 2 s.
    return {
      ...measure(() => typed.spanLength(oneMiB, true), 100),
      note: `${sync}; edge copies the Buffer into a byte[]; batches of 100`,
    };
  }),
  json: await row(() => ({
    ...measure(() => typed.discount([order, 10], true)),
    note:
      `${sync}; edge turns the object into an ExpandoObject (the wrapper builds the Order) ` +
      `and the returned record into {Id, Total: "89.55" (decimal as string), Items, Color: "Green"}`,
  })),
  // edge-js has no object model: each .NET entry point is a Func<object, Task<object>>
  // that the C# wrapper writes by hand, and JavaScript holds no .NET objects.
  construct: noObjects,
  instanceCall: noObjects,
  propertyGet: noObjects,
  callbackSync: noObjects,
  callbackThread: noObjects,
  async100k: await row(async () => ({
    ...(await measureInFlight(
      () =>
        new Promise((resolve, reject) =>
          typed.completed(1, (error, result) =>
            error ? reject(error) : resolve(result),
          ),
        ),
    )),
    note: "edge's callback mode wrapped in a Promise; edge calls back before func() returns when the Task is already complete",
  })),
  coldStart: await row(() =>
    coldStart(
      `import edge from ${JSON.stringify(pathToFileURL(require.resolve("edge-js")).href)};` +
        `const add = edge.func(${JSON.stringify(wrapper("Add"))});` +
        `console.log(add([1, 2], true));`,
    ),
  ),
  rss: startupRss,
};
report({
  target: "edge-js",
  version: `${version} (CoreCLR, .NET ${runtime})`,
  rows,
});
