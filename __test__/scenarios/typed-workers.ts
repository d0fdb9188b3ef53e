// Typed calls from worker threads, each with its own module instance; then the workers exit.
import { Worker } from "node:worker_threads";
import { fixture } from "../helpers.js";
import { report } from "./report.js";

const source = `
  const { load, DotnetException } = await import(${JSON.stringify(new URL("../../index.js", import.meta.url).href)});
  const { parentPort, workerData } = await import("node:worker_threads");
  const typed = load(${JSON.stringify(fixture("Typed"))});
  const add = typed.bind("Typed.Calc.Add");
  let sum = 0;
  for (let i = 0; i < 10000; i++) sum += add(i, workerData);
  const later = await typed.bind("Typed.Async.AddLater")(workerData, 1, 5);
  let thrown = "none";
  try { typed.bind("Typed.Failures.Throw")("w"); } catch (e) { thrown = e instanceof DotnetException ? e.dotnetType : e.name; }
  void typed.bind("Typed.Async.Wait")(60000);
  parentPort.postMessage({ sum, later, thrown });
`;
const results = await Promise.all(
  [1, 2, 3, 4].map(
    (index) =>
      new Promise((resolve, reject) => {
        const worker = new Worker(
          new URL(`data:text/javascript,${encodeURIComponent(source)}`),
          { workerData: index },
        );
        worker.once("message", (message) => {
          void worker.terminate().then(() => resolve(message));
        });
        worker.once("error", reject);
      }),
  ),
);
report({ results });
