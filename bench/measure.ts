// Shared by every benchmark target: timing loops and the result format.
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** One benchmark row as a target reports it. */
export type Row =
  | {
      medianNs: number;
      samples: number;
      note?: string;
      /** Median of the batches' ratios to the floor batches around them (`measure`). */
      pairedRatio?: number;
    }
  | { totalMs: number; note?: string }
  | { value: number; unit: string; note?: string }
  | { unavailable: string };

/** What a target prints as the last line of its stdout (JSON). */
export interface TargetResult {
  target: string;
  version: string;
  rows: Record<string, Row>;
}

/**
 * `npm run bench -- --quick` (CI): a few short batches per row, so every row still runs
 * but no number means much. Set for the targets by bench/run.ts.
 */
export const quick = process.env.DOTNET_HOST_BENCH_QUICK === "1";

export const rowNames = {
  empty: "empty Node-API call",
  rustAdd: "add(a, b) in Rust, same Node-API path (floor)",
  add: "int Add(int, int), hoisted (each peer's fastest documented form)",
  addLookup: "int Add(int, int), looked up through the namespace on every call",
  addRaw: "int Add(int, int), raw [UnmanagedCallersOnly] pointer",
  echo100: "string Echo(string), 100 chars",
  span1: "int SpanLength(ReadOnlySpan<byte>), 1 byte",
  span1M: "int SpanLength(ReadOnlySpan<byte>), 1 MiB",
  json: "Order Discount(Order, decimal), JSON record round trip",
  construct: "new Counter(5): construct a .NET object",
  instanceCall: "counter.Increment(): an instance method",
  propertyGet: "counter.Count: read a property",
  callbackSync: "Apply(Func<int, int>, int) with a JavaScript function",
  callbackThread:
    "a JavaScript function called from a .NET thread (per call, 10 000 in a row)",
  async100k: "100 000 Task<int> calls in flight, until all settled",
  coldStart: "process start → first result",
  rss: "peak RSS after start-up (runtime up, one call made)",
  wrappers100k: "RSS per 100 000 live wrappers (new Counter(i), all kept)",
} as const;

export type RowName = keyof typeof rowNames;

/**
 * How long a full run warms each row up first. The .NET runtime tiers hot code up in the
 * background over the first seconds: the JSON row's System.Text.Json code took about
 * 150 000 calls (2 s) here to settle, 16 µs per call at first against 5 µs after
 * (bench/PROFILE.md). Every row claims the steady state, so every target's rows get it.
 */
const WARM_UP_MS = 2_000;

/**
 * Median nanoseconds per call of `fn`, over `batches` timed batches of `batchSize` calls
 * after a warm-up (two batches, and in a full run at least `WARM_UP_MS`); the median
 * resists GC pauses and scheduler noise.
 *
 * With `floor`, a batch of it runs before the first timed batch and after each one, and
 * the row also gets `pairedRatio`: the median over batches of the batch's time per call
 * against the mean of the floor batches on either side. On a shared machine the speed
 * drifts between rows measured seconds apart (the floor read 56 ns and 100 ns within
 * minutes here); batches a few milliseconds apart see the same machine.
 */
export function measure(
  fn: () => unknown,
  fullBatchSize = 20_000,
  fullBatches = 25,
  floor?: () => unknown,
): Row {
  const batchSize = quick
    ? Math.max(1, Math.ceil(fullBatchSize / 100))
    : fullBatchSize;
  const floorSize = quick ? 200 : 20_000;
  const batches = quick ? 3 : fullBatches;
  const time = (run: () => unknown, size: number) => {
    const start = performance.now();
    for (let index = 0; index < size; index++) run();
    return ((performance.now() - start) * 1e6) / size;
  };
  const warmUntil = performance.now() + (quick ? 0 : WARM_UP_MS);
  let warmed = 0;
  while (warmed < 2 || performance.now() < warmUntil) {
    time(fn, batchSize);
    if (floor) time(floor, floorSize);
    warmed++;
  }
  const perCall: number[] = [];
  const ratios: number[] = [];
  let before = floor ? time(floor, floorSize) : 0;
  for (let batch = 0; batch < batches; batch++) {
    perCall.push(time(fn, batchSize));
    if (!floor) continue;
    const after = time(floor, floorSize);
    ratios.push((2 * perCall.at(-1)!) / (before + after));
    before = after;
  }
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return {
    medianNs: median(perCall),
    samples: batches,
    ...(floor ? { pairedRatio: median(ratios) } : {}),
  };
}

/** Milliseconds until `count` concurrently started calls have all settled (median of 5). */
export async function measureInFlight(
  start: () => Promise<unknown>,
  fullCount = 100_000,
  fullRounds = 5,
): Promise<Row> {
  const count = quick ? 1_000 : fullCount;
  const rounds = quick ? 1 : fullRounds;
  await Promise.all(Array.from({ length: 1000 }, start));
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const begin = performance.now();
    await Promise.all(Array.from({ length: count }, start));
    times.push(performance.now() - begin);
  }
  times.sort((a, b) => a - b);
  return { totalMs: times[Math.floor(times.length / 2)]! };
}

/**
 * How much RSS 100 000 live .NET objects cost through a target's wrappers: collected
 * before and after (garbage would count otherwise), the objects kept alive meanwhile.
 * Called in a process of its own (`wrappersInChild`): in the target's process, the
 * objects' finalization would run during the timed rows after it.
 */
export function wrappersRss(make: (index: number) => unknown): Row {
  const count = quick ? 10_000 : 100_000;
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = process.memoryUsage().rss;
  const kept: unknown[] = [];
  for (let index = 0; index < count; index++) kept.push(make(index));
  gc();
  const grown = process.memoryUsage().rss - before;
  if (kept.length !== count) throw new Error("wrappers were lost");
  return {
    value: (grown / 2 ** 20) * (100_000 / count),
    unit: "MiB",
  };
}

/** The flag a target is started with to measure `wrappersRss` only. */
export const wrappersOnly = process.argv.includes("--wrappers-only");

/** Runs the target at `url` again with `--wrappers-only` and returns the row it prints. */
export function wrappersInChild(url: string): Row {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(url), "--wrappers-only"],
    { encoding: "utf8", env: process.env, timeout: 300_000 },
  );
  const last = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !last.startsWith("{"))
    throw new Error(
      `the --wrappers-only run failed (exit ${child.status}): ${child.stderr.trim().split("\n").at(-1) ?? ""}`,
    );
  return JSON.parse(last) as Row;
}

export function peakRssMb(): Row {
  return { value: process.resourceUsage().maxRSS / 1024, unit: "MiB" };
}

/** Runs `body`, turning a failure into an `unavailable` row so one broken row does not lose the rest. */
export async function row(body: () => Row | Promise<Row>): Promise<Row> {
  try {
    return await body();
  } catch (error) {
    return {
      unavailable:
        error instanceof Error ? error.message.split("\n")[0]! : String(error),
    };
  }
}

export function report(result: TargetResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The C# methods every target calls (the test fixture `Typed`). */
export const typedDll = new URL(
  "../__test__/fixtures/out/Typed/Typed.dll",
  import.meta.url,
).pathname;
/** The object-model fixture (`Objects`): Counter, Calls. */
export const objectsDll = new URL(
  "../__test__/fixtures/out/Objects/Objects.dll",
  import.meta.url,
).pathname;

/**
 * Median nanoseconds per callback when `run(count)` makes .NET call a JavaScript function
 * `count` times from a thread of its own and resolves when done (median of 5 rounds).
 */
export async function measureCallbacks(
  run: (count: number) => Promise<unknown>,
  fullCount = 10_000,
  fullRounds = 5,
): Promise<Row> {
  const count = quick ? 100 : fullCount;
  const rounds = quick ? 1 : fullRounds;
  await run(quick ? 10 : 1_000);
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await run(count);
    perCall.push(((performance.now() - start) * 1e6) / count);
  }
  perCall.sort((a, b) => a - b);
  return {
    medianNs: perCall[Math.floor(perCall.length / 2)]!,
    samples: rounds,
  };
}

export const text100 = "x".repeat(100);
export const order = {
  id: "A-1",
  total: 99.5,
  items: ["a", "b", "c"],
  color: "green",
};
