// Several worker threads share the process's runtime: each loads its own instance of
// the addon, opens a secondary context, calls .NET and gets errors of its own classes.
import { Worker } from "node:worker_threads";
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { FIXTURE_TYPE, fixture, fixtureConfig } from "../helpers.js";
import { report } from "./report.js";

const primary = initializeForRuntimeConfig(fixtureConfig("Fixture"));
primary.loadAssemblyAndGetFunctionPointer(
  fixture("Fixture"),
  FIXTURE_TYPE,
  "Size",
);

const workerSource = `
  const lib = await import(${JSON.stringify(new URL("../../index.js", import.meta.url).href)});
  const { parentPort, workerData } = await import("node:worker_threads");
  const context = lib.initializeForRuntimeConfig(${JSON.stringify(fixtureConfig("Fixture"))});
  const sum = context.loadAssemblyAndGetFunctionPointer(${JSON.stringify(fixture("Fixture"))}, ${JSON.stringify(FIXTURE_TYPE)}, "Sum");
  let total = 0;
  for (let i = 0; i < 1000; i++) total += sum.call(Buffer.from([workerData, 1]));
  let errorClass = "none";
  try { context.loadAssemblyAndGetFunctionPointer(${JSON.stringify(fixture("Fixture"))}, "Nope, Fixture", "X"); }
  catch (e) { errorClass = e instanceof lib.ManagedLoadError ? e.code : "wrong class: " + e.name; }
  context.close();
  parentPort.postMessage({ status: context.status, total, errorClass });
`;
const results = await Promise.all(
  [1, 2, 3, 4].map(
    (index) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(
          new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`),
          { workerData: index },
        );
        worker.once("message", resolve);
        worker.once("error", reject);
      }),
  ),
);
report({ results });
