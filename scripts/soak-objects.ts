// Soak for the object model: .NET objects created and dropped from JavaScript, and
// JavaScript callbacks invoked from a .NET thread, watching RSS and what each side still
// holds. A script, not a test: `npm run soak:objects` (or
// `node --expose-gc --import tsx scripts/soak-objects.ts [--objects N] [--callbacks N]`).
//
// 1. N objects: `new Counter(i)`, a method call on it, an object returned by .NET
//    (`clone()`), a wrapper passed back in (`same()`), all dropped at once; the loop
//    yields to the event loop every 10 000, as a service does between requests. (The
//    .NET objects of collected wrappers are released during a loop that never yields
//    too: `--batch 0` runs one, to see that.)
// 2. N callback invocations from a .NET pool thread (Calls.ManyOnThread), each crossing
//    to the JavaScript thread through the event loop and back, in rounds, with a fresh
//    delegate per round; plus as many delegates made and dropped on the JavaScript thread.
// The warm-up is one full pass of both phases: the heaps and the allocator grow to a
// working set that depends on how the run goes (wrappers piling up between collections,
// .NET's older generations until a full collection comes), reached within the first
// half million objects or so and flat after (4 million measured: +2 %). The measured
// pass runs both phases again; after the warm-up and after each phase, both garbage
// collectors run until the counts settle, then RSS and the bridge's counters are sampled. The run fails if a
// counter (live object handles, live delegates, wrappers, JavaScript functions held,
// pinned handles) is not back at its baseline, or if RSS grew by 10 % or more.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  bridgeDiagnostics,
  load,
  type BridgeDiagnostics,
  type Namespace,
} from "../lib/index.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const dll = join(
  repoRoot,
  "__test__",
  "fixtures",
  "out",
  "Objects",
  "Objects.dll",
);

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const OBJECTS = option("objects", 1_000_000);
const BATCH = option("batch", 10_000);
const CALLBACKS = option("callbacks", 1_000_000);
const ROUNDS = 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error("soak: run with --expose-gc (npm run soak:objects does)");
  process.exit(2);
}

const { Objects } = load(dll).namespaces as { Objects: Namespace };
const { Counter, Calls } = Objects;

/** Both collectors, until the bridge's counters stop changing. */
async function collect(): Promise<BridgeDiagnostics> {
  let previous = "";
  for (let round = 0; round < 40; round++) {
    gc!();
    await new Promise((resolve) => setImmediate(resolve));
    Calls.collect();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = JSON.stringify(bridgeDiagnostics());
    if (round >= 3 && now === previous) break;
    previous = now;
  }
  return bridgeDiagnostics();
}

const started = Date.now();
interface Sample {
  label: string;
  rssMiB: number;
  counts: BridgeDiagnostics;
}
async function sample(label: string): Promise<Sample> {
  const counts = await collect();
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  console.log(
    `${label.padEnd(40)} rss ${rssMiB.toFixed(1).padStart(7)} MiB  objects ${String(counts.liveObjects).padStart(6)}  delegates ${String(counts.liveDelegates).padStart(5)}  wrappers ${String(counts.wrappers).padStart(6)}  functions ${String(counts.callbacks).padStart(5)}  pinned ${counts.liveHandles}  t=${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { label, rssMiB, counts };
}

async function objects(count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const counter = new Counter(i);
    counter.increment();
    const clone = counter.clone();
    if (!counter.same(counter) || clone.count !== i + 1) {
      throw new Error(`wrong result at object ${i}`);
    }
    if (BATCH > 0 && i % BATCH === BATCH - 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

async function callbacks(count: number): Promise<void> {
  const perRound = Math.ceil(count / ROUNDS);
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const sum = (await Calls.manyOnThread((value: number) => {
      calls++;
      return value & 1;
    }, perRound)) as number;
    if (calls !== perRound || sum !== Math.floor(perRound / 2)) {
      throw new Error(`round ${round}: ${calls} calls, sum ${sum}`);
    }
  }
  // Delegates made and dropped on the JavaScript thread.
  for (let i = 0; i < perRound; i++) Calls.apply((value: number) => value, i);
}

console.log(
  `soak: ${OBJECTS} objects (yielding every ${BATCH || "never"}), ${CALLBACKS} callbacks from another thread; Node ${process.version}`,
);
const start = await sample("start (runtime up)");
await objects(OBJECTS);
await callbacks(CALLBACKS);
const baseline = await sample("after warm-up pass (baseline)");

let phase = Date.now();
await objects(OBJECTS);
const objectSeconds = (Date.now() - phase) / 1000;
const afterObjects = await sample(`after ${OBJECTS} objects`);
phase = Date.now();
await callbacks(CALLBACKS);
const callbackSeconds = (Date.now() - phase) / 1000;
const final = await sample(`after ${CALLBACKS} callbacks`);

const growth = ((final.rssMiB - baseline.rssMiB) / baseline.rssMiB) * 100;
const keys = [
  "liveObjects",
  "liveDelegates",
  "wrappers",
  "callbacks",
  "liveHandles",
] as const;
const back = (sampled: Sample) =>
  keys.every((key) => sampled.counts[key] === start.counts[key]);
console.log(
  [
    "",
    `objects:   ${((objectSeconds * 1e9) / OBJECTS).toFixed(0)} ns per object (new, a call, a returned object, a wrapper passed back) (${objectSeconds.toFixed(1)} s)`,
    `callbacks: ${((callbackSeconds * 1e9) / CALLBACKS).toFixed(0)} ns per callback from another thread (${callbackSeconds.toFixed(1)} s)`,
    `counters back at their start values after each phase: ${back(afterObjects) && back(final) ? "yes" : "NO"}`,
    `RSS at start ${start.rssMiB.toFixed(1)} MiB, after the warm-up pass ${baseline.rssMiB.toFixed(1)} MiB, after objects ${afterObjects.rssMiB.toFixed(1)} MiB, final ${final.rssMiB.toFixed(1)} MiB: growth over the measured pass ${growth.toFixed(2)} % (limit 10 %)`,
  ].join("\n"),
);
const ok = back(afterObjects) && back(final) && growth < 10;
console.log(ok ? "soak: PASS" : "soak: FAIL");
process.exitCode = ok ? 0 : 1;
