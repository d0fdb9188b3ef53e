// The example service on every core: one primary process and WORKERS service processes
// (default: the number of cores), each with its own .NET runtime (a process hosts one
// runtime; that is .NET's rule). The primary holds the port and hands connections to the
// workers. SIGTERM/SIGINT to the primary: every worker drains and exits, then the primary
// exits 0. A worker that dies unexpectedly is replaced.
//
//   WORKERS=2 node --import tsx example/service/cluster.ts
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { errorFields, log, setLogContext } from "./src/log.js";

if (cluster.isPrimary) {
  const count = Number(process.env.WORKERS ?? availableParallelism());
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(
      `WORKERS must be a positive integer, got ${process.env.WORKERS}`,
    );
  }
  setLogContext({ role: "primary" });
  let stopping = false;
  let failedExits = 0;
  const fork = () => cluster.fork();
  cluster.on("exit", (worker: Worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failedExits++;
      log(code === 0 ? "info" : "error", "worker exited", {
        worker: worker.id,
        code,
        signal,
      });
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        log("info", "cluster stopped", { failedExits });
        process.exit(failedExits === 0 ? 0 : 1);
      }
      return;
    }
    log("error", "worker died, replacing it", {
      worker: worker.id,
      code,
      signal,
    });
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log("info", "cluster stopping", { signal });
    for (const worker of Object.values(cluster.workers ?? {})) {
      worker?.process.kill("SIGTERM");
    }
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  log("info", "cluster starting", { workers: count });
  for (let i = 0; i < count; i++) fork();
} else {
  setLogContext({ role: "worker", worker: cluster.worker?.id });
  const { main } = await import("./server.js");
  await main().catch((error: unknown) => {
    log("error", "start failed", errorFields(error));
    process.exit(1);
  });
}
