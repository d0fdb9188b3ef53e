// dotnet-host: the floor (an empty native call and add() in Rust through the same
// Node-API path), typed calls, and the raw [UnmanagedCallersOnly] pointer.
import { createRequire } from "node:module";
import { declareFunction, load } from "../../index.js";
import { native } from "../../dist/native/binding.js";
import {
  measure,
  measureCallbacks,
  measureInFlight,
  objectsDll,
  order,
  peakRssMb,
  report,
  row,
  text100,
  typedDll,
  wrappersInChild,
  wrappersOnly,
  wrappersRss,
  type Row,
} from "../measure.js";
import { coldStart } from "../cold-start.js";

const require = createRequire(import.meta.url);
const version = (require("../../package.json") as { version: string }).version;
const typed = load(typedDll);
const add = typed.bind("Typed.Calc.Add") as (a: number, b: number) => number;
const echo = typed.bind("Typed.Text.Echo") as (value: string) => string;
const spanLength = typed.bind("Typed.Buffers.SpanLength") as (
  value: Uint8Array,
) => number;
const discount = typed.bind("Typed.Records.Discount") as (
  value: unknown,
  percent: number,
) => unknown;
const completed = typed.bind("Typed.Async.Completed") as (
  value: number,
) => Promise<number>;
const addressOf = typed.bind("Typed.Native.AddressOf") as (
  name: string,
) => bigint;
const addRaw = declareFunction(addressOf("Add"), {
  returns: "int32",
  parameters: ["int32", "int32"],
});
const oneByte = new Uint8Array(1);
const oneMiB = new Uint8Array(1 << 20);

// Start-up memory: the runtime is up, the Typed functions bound and one call made, before
// any benchmark allocates (and before the object model's assembly, which edge-js cannot
// load: every target measures the same work here).
add(1, 2);
const startupRss = peakRssMb();

// The object model: a .NET class as a JavaScript class.
const { Objects } = load(objectsDll).namespaces;
// Hoisted, as hot code is written; `addLookup` goes through the namespaces every call.
const { Counter, Calls } = Objects;
const counter = new Counter(0);
const plusOne = (value: number) => value + 1;

// The floor, hoisted as the typed functions are.
const floor = native.benchmarkFloor;
if (wrappersOnly) {
  process.stdout.write(
    `${JSON.stringify(wrappersRss((index) => new Counter(index)))}\n`,
  );
  process.exit(0);
}
// In a process of its own, so neither its objects nor the rows' garbage blur the other.
const wrappers100k = await row(() => wrappersInChild(import.meta.url));

// Each row also paired with the floor, batch by batch (see `measure`).
const floorAdd = () => floor.add(1, 2);
const paired = (fn: () => unknown, batchSize?: number) =>
  measure(fn, batchSize, undefined, floorAdd);
const rows: Record<string, Row> = {
  empty: await row(() => measure(() => floor.noop())),
  rustAdd: await row(() => measure(floorAdd)),
  add: await row(() => paired(() => add(1, 2))),
  addLookup: await row(() =>
    paired(() => typed.namespaces.Typed.Calc.add(1, 2)),
  ),
  addRaw: await row(() => paired(() => addRaw(1, 2))),
  echo100: await row(() => paired(() => echo(text100))),
  span1: await row(() => paired(() => spanLength(oneByte))),
  span1M: await row(() => paired(() => spanLength(oneMiB))),
  json: await row(() => paired(() => discount(order, 10), 5_000)),
  construct: await row(() => paired(() => new Counter(5))),
  instanceCall: await row(() => paired(() => counter.increment())),
  propertyGet: await row(() => paired(() => counter.count)),
  callbackSync: await row(() => paired(() => Calls.apply(plusOne, 1))),
  callbackThread: await row(() =>
    measureCallbacks((count) => Calls.manyOnThread(plusOne, count)),
  ),
  async100k: await row(() => measureInFlight(() => completed(1))),
  coldStart: await row(() =>
    coldStart(
      `import { load } from ${JSON.stringify(new URL("../../index.js", import.meta.url).href)};` +
        `console.log(load(${JSON.stringify(typedDll)}).bind("Typed.Calc.Add")(1, 2));`,
    ),
  ),
  rss: startupRss,
  wrappers100k,
};
report({ target: "dotnet-host", version, rows });
