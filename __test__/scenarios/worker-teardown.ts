// A worker opens a primary context and exits without closing it; the environment's
// cleanup hook must close it so the main thread can still initialize.
import { Worker } from "node:worker_threads";
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { fixtureConfig } from "../helpers.js";
import { attempt, report } from "./report.js";

const workerSource = `
  const { initializeForRuntimeConfig } = await import(${JSON.stringify(new URL("../../index.js", import.meta.url).href)});
  const context = initializeForRuntimeConfig(${JSON.stringify(fixtureConfig("Fixture"))});
  const { parentPort } = await import("node:worker_threads");
  parentPort.postMessage({ status: context.status, isPrimary: context.isPrimary });
  globalThis.keep = context;
`;
const worker = new Worker(
  new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`),
);
const fromWorker = await new Promise((resolve, reject) => {
  worker.once("message", resolve);
  worker.once("error", reject);
});
await worker.terminate();
const main = attempt(() => {
  const context = initializeForRuntimeConfig(fixtureConfig("Fixture"));
  return { status: context.status, isPrimary: context.isPrimary };
});
report({ fromWorker, main });
