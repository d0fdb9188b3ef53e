// node-api-dotnet (Microsoft): loads Typed.dll and calls the same methods through its
// dynamic projection of .NET namespaces, with the functions and classes hoisted
// (`const { Add } = dotnet.Typed.Calc`), as its users write hot code.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { coldStart } from "../cold-start.js";
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

/** .NET objects come back as proxies whose properties read the .NET object. */
interface OrderProxy {
  readonly Id: string;
  readonly Items: string[];
  readonly Color: number;
}

/** The part of the projected `Typed` namespace used here. */
interface TypedNamespace {
  Calc: { Add(a: number, b: number): number };
  Text: { Echo(value: string): string };
  Buffers: Record<string, unknown>;
  Records: { Discount(order: OrderProxy, percent: number): OrderProxy };
  Async: { Completed(value: number): Promise<number> };
  Order: new (
    id: string,
    total: number,
    items: string[],
    color: number,
  ) => OrderProxy;
  Color: Record<string, string | number>;
}

/** The part of the projected `Objects` namespace used here. */
interface ObjectsNamespace {
  Counter: new (start: number) => {
    Increment(): number;
    readonly Count: number;
  };
  Calls: {
    Apply(map: (value: number) => number, value: number): number;
    ManyOnThread(
      map: (value: number) => number,
      count: number,
    ): Promise<number>;
  };
}

interface NodeApiDotnet {
  readonly runtimeVersion: string;
  readonly frameworkMoniker: string;
  load(assemblyPath: string): void;
  readonly Typed: TypedNamespace;
  readonly Objects: ObjectsNamespace;
}

const require = createRequire(import.meta.url);
const packageVersion = (
  JSON.parse(
    readFileSync(
      new URL("../node_modules/node-api-dotnet/package.json", import.meta.url),
      "utf8",
    ),
  ) as { version: string }
).version;
// The package's default entry asks for .NET 8 without rolling forward, which fails with
// FrameworkMissingFailure where only .NET 10 is installed; it ships a net10.0 build too.
const entry = require.resolve("node-api-dotnet/net10.0");
const dotnet = require(entry) as NodeApiDotnet;
dotnet.load(typedDll);
const { Typed } = dotnet;
// Start-up memory: the runtime is up and one call made, before any benchmark allocates
// (and before the object model's assembly, as the other targets measure it).
Typed.Calc.Add(1, 2);
const startupRss = peakRssMb();
dotnet.load(objectsDll);
const { Objects } = dotnet;
// Hoisted, as its users write hot code (its fastest form); `addLookup` goes through the
// namespace projection on every call.
const { Add } = Typed.Calc;
const { Echo } = Typed.Text;
const { Counter } = Objects;
const { Apply, ManyOnThread } = Objects.Calls;
const { Completed } = Typed.Async;
const counter = new Counter(0);
const plusOne = (value: number) => value + 1;
const version = `${packageVersion} (${dotnet.frameworkMoniker} build, .NET ${dotnet.runtimeVersion})`;

// Color names in the shared `order` ("green") → Typed.Color values.
const colors = new Map(
  Object.entries(Typed.Color).flatMap(([name, value]) =>
    typeof value === "number" ? [[name.toLowerCase(), value] as const] : [],
  ),
);
// node-api-dotnet passes and returns .NET objects by reference, not as JSON: the closest
// equivalent of a record round trip constructs the Order, calls Discount and reads the
// result back. Reading Order.Total (a decimal) is left out: it aborts the process
// ("Unhandled exception. Microsoft.JavaScript.NodeApi.JSException: Invalid argument:
// Error in DefineProperties").
const discount = () =>
  Typed.Records.Discount(
    new Typed.Order(
      order.id,
      order.total,
      order.items,
      colors.get(order.color)!,
    ),
    10,
  );

function span(bytes: Uint8Array): Row {
  const spanLength = Typed.Buffers.SpanLength;
  if (typeof spanLength !== "function") {
    throw new Error(
      `Typed.Buffers.SpanLength is not exposed: node-api-dotnet ${packageVersion} leaves out methods with Span/ReadOnlySpan parameters`,
    );
  }
  return measure(() => (spanLength as (value: Uint8Array) => number)(bytes));
}

if (wrappersOnly) {
  process.stdout.write(
    `${JSON.stringify(wrappersRss((index) => new Counter(index)))}\n`,
  );
  process.exit(0);
}
// In a process of its own, so neither its objects nor the rows' garbage blur the other.
const wrappers100k = await row(() => wrappersInChild(import.meta.url));

const rows: Record<string, Row> = {
  add: await row(() => measure(() => Add(1, 2))),
  addLookup: await row(() => measure(() => dotnet.Typed.Calc.Add(1, 2))),
  echo100: await row(() => measure(() => Echo(text100))),
  span1: await row(() => span(new Uint8Array(1))),
  span1M: await row(() => span(new Uint8Array(1 << 20))),
  json: await row(() => {
    // The first read of each property of each new .NET object takes milliseconds (a profile
    // shows node-api-dotnet's TypeExporter building marshalling code), so: small batches.
    const roundTrip = measure(
      () => {
        const result = discount();
        return [result.Id, result.Items, result.Color];
      },
      50,
      25,
    );
    const callOnly = measure(discount, 2_000, 25);
    const micros = (value: Row) =>
      "medianNs" in value ? (value.medianNs / 1000).toFixed(1) : "?";
    return {
      ...roundTrip,
      note:
        `by reference: new Typed.Order(…), Discount(order, 10), then read Id, Items, Color ` +
        `(Total, a decimal, aborts the process); each first read of a property of a new ` +
        `.NET object costs ms; batches of 50. ` +
        `Without reading the result: ${micros(callOnly)} µs`,
    };
  }),
  construct: await row(() => measure(() => new Counter(5))),
  instanceCall: await row(() => measure(() => counter.Increment())),
  propertyGet: await row(() => measure(() => counter.Count)),
  callbackSync: await row(() => measure(() => Apply(plusOne, 1))),
  callbackThread: await row(() =>
    measureCallbacks((count) => ManyOnThread(plusOne, count)),
  ),
  async100k: await row(() => measureInFlight(() => Completed(1))),
  coldStart: await row(() =>
    coldStart(
      `import dotnet from ${JSON.stringify(pathToFileURL(entry).href)};` +
        `dotnet.load(${JSON.stringify(typedDll)});` +
        `console.log(dotnet.Typed.Calc.Add(1, 2));`,
    ),
  ),
  rss: startupRss,
  wrappers100k,
};
report({ target: "node-api-dotnet", version, rows });
