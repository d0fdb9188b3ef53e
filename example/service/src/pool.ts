// A worker-thread pool (piscina) for the risk model. With dotnet-host every worker joins
// the process's one .NET runtime (load() in a worker shares it); with the JavaScript
// engine each worker runs the model in its own V8 isolate.
//
// piscina is imported by name at run time, with the few types used declared here, so the
// repository's type check does not need example/service/node_modules installed.
import { availableParallelism } from "node:os";
import { riskWorkerUrl } from "./paths.js";
import type { RiskTask, RiskTaskResult } from "./types.js";

interface PiscinaPool {
  run(task: RiskTask): Promise<RiskTaskResult>;
  destroy(): Promise<void>;
  readonly threads: readonly unknown[];
  readonly queueSize: number;
  readonly completed: number;
  readonly utilization: number;
}
interface PiscinaModule {
  default: new (options: {
    filename: string;
    minThreads: number;
    maxThreads: number;
    idleTimeout: number;
    maxQueue: number;
  }) => PiscinaPool;
}

export interface RiskPool {
  run(task: RiskTask): Promise<RiskTaskResult>;
  stats(): Record<string, number>;
  destroy(): Promise<void>;
}

export async function createRiskPool(threads?: number): Promise<RiskPool> {
  const specifier = "piscina";
  let piscina: PiscinaModule;
  try {
    piscina = (await import(specifier)) as PiscinaModule;
  } catch (error) {
    throw new Error(
      "piscina is not installed: run `npm --prefix example/service install --no-audit --no-fund`",
      { cause: error },
    );
  }
  const size = threads ?? availableParallelism();
  const pool = new piscina.default({
    filename: riskWorkerUrl.href,
    minThreads: size,
    maxThreads: size,
    idleTimeout: 60_000,
    // Back-pressure: beyond this many queued tasks run() rejects instead of queueing forever.
    maxQueue: 1024,
  });
  return {
    run: (task) => pool.run(task),
    stats: () => ({
      threads: pool.threads.length,
      queueSize: pool.queueSize,
      completed: pool.completed,
      utilization: Number(pool.utilization.toFixed(3)),
    }),
    destroy: () => pool.destroy(),
  };
}
