// Soak: many calls and load/bind cycles in one process, watching memory and file
// descriptors. A script, not a test: run it with `npm run soak` (or
// `node --expose-gc --import tsx scripts/soak.ts [--sync N] [--async N] [--workers N] [--cycles N]`).
//
// 1. 10 000 000 synchronous calls of Faults.Entry.Sum on the main thread.
// 2. 1 000 000 async calls: half `callAsync` of a synchronous method (run on the addon's
//    threads), half a method returning Task<int> (a Promise), 10 000 in flight at a time.
// 3. 1 000 000 calls from worker threads: 4 workers at a time calling concurrently with
//    the main thread's event loop, each opening a secondary context, binding, calling,
//    closing, and exiting (10 rounds, so worker setup and teardown are soaked too).
// 4. Load/bind cycles: open a secondary context, bind with both loaders, call, close;
//    plus resolveHostfxr and getEnvironmentInfo. The loop yields to the event loop every
//    100 cycles, as a service does between requests: Node-API frees what each context
//    object held only when its event loop turns.
// The warm-up is one full pass of every phase (the runtime's JIT and caches, V8's young
// generation, which grows to its maximum of 32 MiB under this load, and the allocator's
// arenas reach their working size only then); the measured pass runs every phase again.
// RSS is sampled after the warm-up and after each phase, with a full GC (--expose-gc)
// and a few event-loop turns before every sample. The run fails if RSS grew by 10 % or
// more over the measured pass, or if file descriptors grew.
import { readdirSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import {
  getEnvironmentInfo,
  initializeForRuntimeConfig,
  load,
  resolveHostfxr,
} from "../lib/index.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const out = join(repoRoot, "__test__", "fixtures", "out", "Faults");
const dll = join(out, "Faults.dll");
const config = join(out, "Faults.runtimeconfig.json");
const TYPE = "Faults.Entry, Faults";

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
}
const SYNC_CALLS = option("sync", 10_000_000);
const ASYNC_CALLS = option("async", 1_000_000);
const WORKER_CALLS = option("workers", 1_000_000);
const CYCLES = option("cycles", 20_000);
const ROUNDS = option("rounds", 10);
const WORKERS = 4;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error("soak: run with --expose-gc (npm run soak does)");
  process.exit(2);
}

interface Sample {
  label: string;
  rssMiB: number;
  heapMiB: number;
  fds: number;
  seconds: number;
}
const samples: Sample[] = [];
const started = Date.now();
async function sample(label: string): Promise<Sample> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const memory = process.memoryUsage();
  const taken = {
    label,
    rssMiB: memory.rss / 2 ** 20,
    heapMiB: memory.heapUsed / 2 ** 20,
    fds: readdirSync("/proc/self/fd").length,
    seconds: (Date.now() - started) / 1000,
  };
  samples.push(taken);
  console.log(
    `${label.padEnd(34)} rss ${taken.rssMiB.toFixed(1).padStart(7)} MiB  js heap ${taken.heapMiB.toFixed(1).padStart(6)} MiB  fds ${String(taken.fds).padStart(3)}  t=${taken.seconds.toFixed(1)} s`,
  );
  return taken;
}

const context = initializeForRuntimeConfig(config);
const sum = context.loadAssemblyAndGetFunctionPointer(dll, TYPE, "Sum");

function syncCalls(count: number): void {
  const buffer = Buffer.from([1, 2, 3, 4]);
  for (let i = 0; i < count; i++) {
    if (sum.call(buffer) !== 10) throw new Error(`wrong result at call ${i}`);
  }
}

const typed = load(
  join(repoRoot, "__test__", "fixtures", "out", "Typed", "Typed.dll"),
);
const add = typed.bind("Typed.Calc.Add");
const completed = typed.bind("Typed.Async.Completed");
const IN_FLIGHT = 10_000;

async function asyncCalls(count: number): Promise<void> {
  for (let done = 0; done < count; done += IN_FLIGHT) {
    const batch = Math.min(IN_FLIGHT, count - done);
    const results = await Promise.all(
      Array.from({ length: batch }, (_, index) =>
        index % 2 === 0 ? add.callAsync(index, 1) : completed(index),
      ),
    );
    results.forEach((result, index) => {
      const expected = index % 2 === 0 ? index + 1 : index;
      if (result !== expected) {
        throw new Error(
          `wrong async result ${String(result)} at ${done + index}`,
        );
      }
    });
  }
}

const workerSource = `
  const lib = await import(${JSON.stringify(new URL("../index.js", import.meta.url).href)});
  const { parentPort, workerData } = await import("node:worker_threads");
  const context = lib.initializeForRuntimeConfig(${JSON.stringify(config)});
  const sum = context.loadAssemblyAndGetFunctionPointer(${JSON.stringify(dll)}, ${JSON.stringify(TYPE)}, "Sum");
  const buffer = Buffer.from([workerData.index, 1]);
  let bad = 0;
  for (let i = 0; i < workerData.calls; i++) if (sum.call(buffer) !== workerData.index + 1) bad++;
  context.close();
  parentPort.postMessage(bad);
`;
async function workerCalls(total: number, rounds: number): Promise<void> {
  const perWorker = Math.floor(total / rounds / WORKERS);
  for (let round = 0; round < rounds; round++) {
    const bad = await Promise.all(
      Array.from(
        { length: WORKERS },
        (_, index) =>
          new Promise<number>((resolve, reject) => {
            const worker = new Worker(
              new URL(
                `data:text/javascript,${encodeURIComponent(workerSource)}`,
              ),
              { workerData: { index, calls: perWorker } },
            );
            worker.once("message", resolve);
            worker.once("error", reject);
          }),
      ),
    );
    if (bad.some((count) => count !== 0))
      throw new Error(`wrong worker results: ${bad.join(",")}`);
  }
}

async function cycles(count: number): Promise<void> {
  context.loadAssembly(dll);
  for (let i = 0; i < count; i++) {
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
    const secondary = initializeForRuntimeConfig(config);
    const a = secondary.loadAssemblyAndGetFunctionPointer(dll, TYPE, "Sum");
    const b = secondary.getFunctionPointer(TYPE, "Sum");
    if (
      a.call(Buffer.from([i & 0x7f])) !== (i & 0x7f) ||
      b.call(Buffer.from([1])) !== 1
    ) {
      throw new Error(`wrong result in cycle ${i}`);
    }
    secondary.close();
    if (i % 100 === 0) {
      resolveHostfxr();
      getEnvironmentInfo();
    }
  }
}

console.log(
  `soak: ${SYNC_CALLS} sync calls, ${ASYNC_CALLS} async calls, ${WORKER_CALLS} worker-thread calls (${ROUNDS} rounds x ${WORKERS} workers), ${CYCLES} load/bind cycles; Node ${process.version}, hostfxr ${context.hostfxrPath}`,
);
await sample("start (runtime started)");
// Warm-up: a full pass of every phase. (Every new worker thread may also get its own
// glibc malloc arena, up to 8 per core, which raises RSS until the arenas are all there;
// with MALLOC_ARENA_MAX=2 workers show no growth at all.)
syncCalls(SYNC_CALLS);
await asyncCalls(ASYNC_CALLS);
await workerCalls(WORKER_CALLS, ROUNDS);
await cycles(CYCLES);
const baseline = await sample("after warm-up pass (baseline)");

let phase = Date.now();
syncCalls(SYNC_CALLS);
const syncSeconds = (Date.now() - phase) / 1000;
await sample(`after ${SYNC_CALLS} sync calls`);
phase = Date.now();
await asyncCalls(ASYNC_CALLS);
const asyncSeconds = (Date.now() - phase) / 1000;
await sample(`after ${ASYNC_CALLS} async calls`);
phase = Date.now();
await workerCalls(WORKER_CALLS, ROUNDS);
const workerSeconds = (Date.now() - phase) / 1000;
await sample(`after ${WORKER_CALLS} worker calls`);
phase = Date.now();
await cycles(CYCLES);
const cycleSeconds = (Date.now() - phase) / 1000;
const final = await sample(`after ${CYCLES} load/bind cycles`);
context.close();

const peak = Math.max(...samples.map((s) => s.rssMiB));
const growth = ((final.rssMiB - baseline.rssMiB) / baseline.rssMiB) * 100;
const fdGrowth = final.fds - baseline.fds;
console.log(
  [
    "",
    `sync calls:    ${((syncSeconds * 1e9) / SYNC_CALLS).toFixed(0)} ns/call (${syncSeconds.toFixed(1)} s)`,
    `async calls:   ${((asyncSeconds * 1e9) / ASYNC_CALLS).toFixed(0)} ns/call (${asyncSeconds.toFixed(1)} s, ${IN_FLIGHT} in flight)`,
    `worker calls:  ${workerSeconds.toFixed(1)} s for ${WORKER_CALLS} (incl. ${ROUNDS * WORKERS} worker starts)`,
    `cycles:        ${((cycleSeconds * 1e6) / CYCLES).toFixed(0)} µs/cycle (${cycleSeconds.toFixed(1)} s)`,
    `RSS after warm-up ${baseline.rssMiB.toFixed(1)} MiB, final ${final.rssMiB.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB: growth ${growth.toFixed(2)} % (limit 10 %)`,
    `file descriptors after warm-up ${baseline.fds}, final ${final.fds}: growth ${fdGrowth}`,
  ].join("\n"),
);
const ok = growth < 10 && fdGrowth <= 0;
console.log(ok ? "soak: PASS" : "soak: FAIL");
process.exitCode = ok ? 0 : 1;
