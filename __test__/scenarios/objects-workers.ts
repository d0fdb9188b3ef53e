// Objects, callbacks and events from 8 worker threads at once, sharing the one runtime;
// workers leave at random points (process.exit, terminate, or finishing) with wrappers,
// callbacks, subscriptions and Promises still live. Needs --expose-gc.
import { Worker } from "node:worker_threads";
import { bridgeDiagnostics, load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { collectBoth } from "./collect.js";
import { report } from "./report.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
await collectBoth(Objects);
const baseline = bridgeDiagnostics();

const source = `
  const { load, bridgeDiagnostics } = await import(${JSON.stringify(new URL("../../index.js", import.meta.url).href)});
  const { parentPort, workerData } = await import("node:worker_threads");
  const { Objects } = load(${JSON.stringify(fixture("Objects"))}).namespaces;
  const { index, exitAt } = workerData;
  const step = (name) => {
    parentPort.postMessage({ step: name });
    if (name === exitAt) process.exit(0);
  };
  const kept = [];
  for (let i = 0; i < 500; i++) kept.push(new Objects.Counter(i));
  const counter = kept[7];
  if (counter.self() !== counter) throw new Error("identity");
  step("objects");
  let sum = 0;
  Objects.Calls.count(100, (i) => { sum += i; });
  if (sum !== 4950) throw new Error("sync callbacks");
  step("sync callbacks");
  const fromThread = Objects.Calls.manyOnThread((value) => value * 2, 300);
  const ticker = new Objects.Ticker();
  let ticks = 0;
  ticker.on("Tick", () => { ticks++; });
  const ticking = ticker.runOnThread(200);
  step("pending");
  Objects.Calls.store((value) => value + index);
  const later = Objects.Calls.callStoredLater(50, 1);
  const slow = counter.callAsync("slow", 30);
  step("stored");
  const values = [];
  for await (const value of new Objects.Inventory().slowly(3)) values.push(value);
  step("async iteration");
  // A Promise that never settles, whose .NET Task outlives this worker.
  if (index === 0) Objects.Calls.storeTask(() => new Promise(() => {}));
  const results = await Promise.all([fromThread, ticking, later, slow]);
  parentPort.postMessage({ done: { results, ticks, values, wrappers: bridgeDiagnostics().wrappers } });
`;

const exitPoints = [
  "objects",
  "sync callbacks",
  "pending",
  "stored",
  "async iteration",
  "never",
];
const random = (limit: number) => Math.floor(Math.random() * limit);
const workers = await Promise.all(
  Array.from({ length: 8 }, (_, index) => {
    // Two finish, two exit themselves, the others are terminated at a random moment.
    const exitAt =
      index < 2 ? "never" : index < 4 ? exitPoints[random(5)]! : "never";
    const terminateAfter = index >= 4 ? 20 + random(400) : undefined;
    return new Promise<Record<string, unknown>>((resolve) => {
      const worker = new Worker(
        new URL(`data:text/javascript,${encodeURIComponent(source)}`),
        { workerData: { index, exitAt } },
      );
      const steps: string[] = [];
      let done: unknown;
      let error: string | undefined;
      worker.on("message", (message: { step?: string; done?: unknown }) => {
        if (message.step) steps.push(message.step);
        if (message.done) done = message.done;
      });
      worker.on("error", (failure) => {
        error = String(failure);
      });
      if (terminateAfter !== undefined)
        setTimeout(() => void worker.terminate(), terminateAfter);
      worker.on("exit", (code) =>
        resolve({ index, exitAt, terminateAfter, code, steps, done, error }),
      );
    });
  }),
);

// A delegate stored by a worker that has exited: calling it fails in .NET, cleanly.
const storedAfterExit = await Objects.Calls.callStoredLater(0, 1);
// A .NET Task waiting for the Promise of a worker that has exited fails instead of hanging.
const promiseAfterExit = await Objects.Calls.storedTaskOutcome();
Objects.Calls.store(null);
await collectBoth(Objects);
const after = bridgeDiagnostics();
// The main thread still works after all of that.
const mainStillWorks = new Objects.Counter(41).increment();
report({
  workers,
  baseline,
  after,
  storedAfterExit,
  promiseAfterExit,
  mainStillWorks,
});
