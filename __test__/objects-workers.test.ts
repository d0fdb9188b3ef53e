// Objects, callbacks and events from worker threads (each its own environment, one shared
// runtime), with workers exiting at random points; in a child process because it needs
// --expose-gc to check that every handle comes back.
import test from "ava";
import { runScenario } from "./helpers.js";

interface WorkerReport {
  index: number;
  exitAt: string;
  terminateAfter?: number;
  code: number;
  steps: string[];
  done?: {
    results: [number, unknown, string, number];
    ticks: number;
    values: number[];
    wrappers: number;
  };
  error?: string;
}

interface Counts {
  liveObjects: number;
  liveDelegates: number;
  liveHandles: number;
  callbacks: number;
}

test("8 workers use objects, callbacks and events in parallel and exit at random points without a crash, a hang or a leak", (t) => {
  for (let round = 0; round < 2; round++) {
    const result = runScenario("objects-workers", [], {
      nodeArgs: ["--expose-gc"],
    });
    t.is(result.status, 0, result.stderr);
    const report = result.result as {
      workers: WorkerReport[];
      baseline: Counts;
      after: Counts;
      storedAfterExit: string;
      promiseAfterExit: string;
      mainStillWorks: number;
    };
    t.is(report.workers.length, 8);
    for (const worker of report.workers) {
      t.is(worker.error, undefined, `worker ${worker.index}: ${worker.error}`);
      if (worker.exitAt === "never" && worker.terminateAfter === undefined) {
        t.is(worker.code, 0);
        t.deepEqual(
          worker.done?.results.slice(0, 1),
          [89700],
          "callbacks from another thread",
        );
        t.is(worker.done?.ticks, 200, "events from another thread");
        t.deepEqual(worker.done?.values, [0, 1, 2]);
        t.is(worker.done?.results[3], 7, "callAsync on a wrapper");
      } else if (worker.exitAt !== "never") {
        t.is(
          worker.steps.at(-1),
          worker.exitAt,
          `worker ${worker.index} exited where told`,
        );
      }
    }
    t.is(
      report.after.liveObjects,
      report.baseline.liveObjects,
      "every object handle released",
    );
    t.is(report.after.liveHandles, 0, "no pinned result left behind");
    t.is(
      report.after.liveDelegates,
      report.baseline.liveDelegates,
      "every delegate collected",
    );
    t.is(report.after.callbacks, 0);
    t.regex(
      report.storedAfterExit,
      /JavaScriptException: the JavaScript function behind this int Func<int, int>\(int arg\) cannot run: the worker or main thread that passed it has exited/,
    );
    t.regex(
      report.promiseAfterExit,
      /JavaScriptException: the JavaScript function's Promise can never settle: the worker or main thread it ran on has exited/,
    );
    t.is(report.mainStillWorks, 42);
  }
});
