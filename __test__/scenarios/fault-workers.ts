// fault-workers.ts: 8 worker threads initialize .NET at the same moment in a fresh
// process (no runtime yet). One becomes the primary context and starts the runtime;
// the others must get PrimaryContextPending while it is pending (never block or crash)
// and, retrying, secondary contexts once it has started. Each then calls .NET.
import { Worker } from "node:worker_threads";
import { fixture, fixtureConfig } from "../helpers.js";
import { report } from "./report.js";

const WORKERS = 8;
const workerSource = `
  const lib = await import(${JSON.stringify(new URL("../../index.js", import.meta.url).href)});
  const { parentPort, workerData } = await import("node:worker_threads");
  const gate = new Int32Array(workerData.gate);
  // Wait until every worker is ready, then all call initialize together.
  Atomics.add(gate, 0, 1);
  while (Atomics.load(gate, 0) < ${WORKERS}) Atomics.wait(gate, 0, Atomics.load(gate, 0), 5);
  const refusals = {};
  let context;
  const started = Date.now();
  while (!context) {
    try {
      context = lib.initializeForRuntimeConfig(${JSON.stringify(fixtureConfig("Faults"))});
    } catch (error) {
      const key = (error && error.name) + ":" + (error && error.code);
      refusals[key] = (refusals[key] || 0) + 1;
      if (Date.now() - started > 20000) throw error;
      Atomics.wait(gate, 1, 0, 1);
    }
  }
  const sum = context.loadAssemblyAndGetFunctionPointer(${JSON.stringify(fixture("Faults"))}, "Faults.Entry, Faults", "Sum");
  let total = 0;
  for (let i = 0; i < 1000; i++) total += sum.call(Buffer.from([workerData.index, 1]));
  parentPort.postMessage({ status: context.status, isPrimary: context.isPrimary, total, refusals });
  context.close();
`;
const gate = new SharedArrayBuffer(8);
const started = Date.now();
const results = await Promise.all(
  Array.from(
    { length: WORKERS },
    (_, index) =>
      new Promise((resolve) => {
        const worker = new Worker(
          new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`),
          { workerData: { gate, index } },
        );
        worker.once("message", resolve);
        worker.once("error", (error) =>
          resolve({ error: `${error.name}: ${error.message}` }),
        );
      }),
  ),
);
report({ results, ms: Date.now() - started });
