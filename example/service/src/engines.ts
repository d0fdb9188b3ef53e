// The three engines behind the same routes (see types.ts).
import { createRequire } from "node:module";
import { bridgeDiagnostics, load } from "../../../index.js";
import type {
  Assembly as PricingAssembly,
  Pricing as PricingTypes,
} from "../Pricing.js";
import { mapDotnetError } from "./dotnet-errors.js";
import { price, simulate } from "./js-model.js";
import { requirePricingDll } from "./paths.js";
import { createRiskPool, type RiskPool } from "./pool.js";
import {
  ClientError,
  type Engine,
  type PriceTick,
  type Quote,
  type RiskMode,
  type RiskParams,
  type RiskReport,
  type RiskTask,
} from "./types.js";

export type EngineName = "dotnet-host" | "js" | "node-api-dotnet";
export const engineNames: readonly EngineName[] = [
  "dotnet-host",
  "js",
  "node-api-dotnet",
];

export interface EngineOptions {
  /** Worker threads of the risk pool (default: the number of cores); 0: no pool. */
  poolThreads?: number;
  /** Milliseconds between price ticks. */
  feedIntervalMs?: number;
}

export async function createEngine(
  name: EngineName,
  options: EngineOptions = {},
): Promise<Engine> {
  switch (name) {
    case "dotnet-host":
      return dotnetHostEngine(options);
    case "js":
      return jsEngine(options);
    case "node-api-dotnet":
      return nodeApiDotnetEngine();
  }
}

async function poolFor(options: EngineOptions): Promise<RiskPool | undefined> {
  return options.poolThreads === 0
    ? undefined
    : createRiskPool(options.poolThreads);
}

async function runInPool(
  pool: RiskPool | undefined,
  task: RiskTask,
): Promise<RiskReport> {
  if (!pool) throw new ClientError(400, "unsupported_mode", "no worker pool");
  const result = await pool.run(task);
  if (result.ok) return result.report;
  throw new ClientError(result.status, result.code, result.message);
}

/** The .NET library through dotnet-host: what the service ships with. */
async function dotnetHostEngine(options: EngineOptions): Promise<Engine> {
  // Starts .NET in this process (or joins it); typed by the generated Pricing.d.ts.
  const pricing = load<PricingAssembly>(requirePricingDll());
  const { Pricing } = pricing.namespaces;
  const { Catalog } = Pricing;
  // Bound once: each call goes straight to the compiled .NET method.
  const priceCart = pricing.bind("Pricing.QuoteEngine.Price");
  const simulateRisk = pricing.bind("Pricing.RiskModel.Simulate");
  // .NET's own GC view, for /debug/metrics (framework methods bound like any other).
  const totalMemory = pricing.bind("System.GC.GetTotalMemory");
  const collectionCount = pricing.bind("System.GC.CollectionCount");
  const memoryInfo = pricing.bind("System.GC.GetGCMemoryInfo", []);
  const isServerGc = pricing.bind("System.Runtime.GCSettings.get_IsServerGC");
  const mib = (bytes: unknown) => Number((Number(bytes) / 2 ** 20).toFixed(1));
  const dotnetGc = () => ({
    serverGc: isServerGc() as boolean,
    heapMb: mib(totalMemory(false)),
    committedMb: mib(
      (memoryInfo() as { totalCommittedBytes: bigint }).totalCommittedBytes,
    ),
    collections: [0, 1, 2].map(
      (generation) => collectionCount(generation) as number,
    ),
  });
  const pool = await poolFor(options);
  let inFlightTasks = 0;
  const tracked = <T>(promise: Promise<T>): Promise<T> => {
    inFlightTasks++;
    return promise.finally(() => inFlightTasks--);
  };
  return {
    name: "dotnet-host",
    versions: {
      // A framework property, read through the same API (docs/objects.md).
      dotnet: String(
        pricing.bind(
          "System.Runtime.InteropServices.RuntimeInformation.get_FrameworkDescription",
        )(),
      ),
    },
    riskModes: pool ? ["sync", "async", "pool"] : ["sync", "async"],
    quote(request): Quote {
      try {
        // Records cross as JSON: the body goes in as it came, the Quote comes back as data.
        return priceCart(request as Parameters<typeof priceCart>[0]);
      } catch (error) {
        throw mapDotnetError(error);
      }
    },
    async risk(mode: RiskMode, { paths, horizonDays, seed }: RiskParams) {
      try {
        switch (mode) {
          case "sync":
            return simulateRisk(paths, horizonDays, seed);
          case "async":
            // On one of the addon's threads; the event loop stays free meanwhile.
            return await tracked(
              simulateRisk.callAsync(paths, horizonDays, seed),
            );
          case "pool":
            return await tracked(
              runInPool(pool, {
                engine: "dotnet-host",
                paths,
                horizonDays,
                seed,
              }),
            );
        }
      } catch (error) {
        throw mapDotnetError(error);
      }
    },
    ping: () => Catalog.taxRate("DE"),
    subscribeTicks(listener) {
      const feed = new Pricing.PriceFeed(options.feedIntervalMs ?? 250, 1);
      // Raised on a .NET timer thread; dotnet-host runs the listener on this thread.
      const onTick = (
        _sender: unknown,
        tick: PricingTypes.PriceTick | null,
      ) => {
        if (!tick) return;
        listener({
          sequence: Number(tick.sequence),
          sku: tick.sku,
          price: tick.price,
          at: tick.at.toISOString(),
        });
      };
      feed.on("Tick", onTick);
      return async () => {
        feed.off("Tick", onTick);
        // Waits for a tick being delivered, then releases the .NET object.
        await feed.disposeAsync();
        feed.dispose();
      };
    },
    diagnostics: () => ({
      inFlightTasks,
      bridge: bridgeDiagnostics(),
      dotnetGc: dotnetGc(),
      ...(pool ? { pool: pool.stats() } : {}),
    }),
    async close() {
      await pool?.destroy();
    },
  };
}

/** The same rules in plain JavaScript. */
async function jsEngine(options: EngineOptions): Promise<Engine> {
  const pool = await poolFor(options);
  let inFlightTasks = 0;
  let sequence = 0;
  return {
    name: "js",
    versions: {},
    riskModes: pool ? ["sync", "pool"] : ["sync"],
    quote: price,
    async risk(mode, { paths, horizonDays, seed }) {
      if (mode === "sync") return simulate(paths, horizonDays, seed);
      if (mode === "pool") {
        inFlightTasks++;
        try {
          return await runInPool(pool, {
            engine: "js",
            paths,
            horizonDays,
            seed,
          });
        } finally {
          inFlightTasks--;
        }
      }
      throw new ClientError(
        400,
        "unsupported_mode",
        `mode ${mode}: use sync or pool`,
      );
    },
    ping: () => "0.19",
    subscribeTicks(listener) {
      const skus = ["KB-101", "MS-220", "MN-270", "HD-500"];
      const timer = setInterval(() => {
        sequence++;
        listener({
          sequence,
          sku: skus[sequence % skus.length]!,
          price: (50 + Math.random()).toFixed(2),
          at: new Date().toISOString(),
        } satisfies PriceTick);
      }, options.feedIntervalMs ?? 250);
      return async () => clearInterval(timer);
    },
    diagnostics: () => ({
      inFlightTasks,
      ...(pool ? { pool: pool.stats() } : {}),
    }),
    async close() {
      await pool?.destroy();
    },
  };
}

/** The part of node-api-dotnet's projection used here. */
interface NodeApiDotnet {
  readonly runtimeVersion: string;
  load(assemblyPath: string): void;
  readonly Pricing: {
    PricingJson: {
      Quote(requestJson: string): string;
      Risk(paths: number, horizonDays: number, seed: number): string;
      RiskAsync(
        paths: number,
        horizonDays: number,
        seed: number,
      ): Promise<string>;
    };
  };
}

/**
 * The same .NET library through node-api-dotnet, for comparison. Its projection passes .NET
 * objects by reference (and reading a decimal property of one aborts the process in 0.9.27,
 * see bench/targets/node-api-dotnet.ts), so it calls the library's JSON facade,
 * Pricing.PricingJson. It serves the quote and the risk model (sync, and async through a
 * .NET Task); no price stream, no worker pool.
 */
async function nodeApiDotnetEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  let dotnet: NodeApiDotnet;
  try {
    // Its default entry wants .NET 8 exactly; the net10.0 build runs where only 10 is installed.
    dotnet = require("node-api-dotnet/net10.0") as NodeApiDotnet;
  } catch (error) {
    throw new Error(
      "node-api-dotnet is not installed: run `npm --prefix example/service install --no-audit --no-fund`",
      { cause: error },
    );
  }
  dotnet.load(requirePricingDll());
  const { PricingJson } = dotnet.Pricing;
  const { Quote, Risk, RiskAsync } = PricingJson;
  const unwrap = <K extends "quote" | "risk">(json: string, key: K) => {
    const result = JSON.parse(json) as Record<K, unknown> & {
      error?: { code: string; message: string };
    };
    if (result.error) {
      throw new ClientError(
        result.error.code === "invalid_request" ? 400 : 422,
        result.error.code,
        result.error.message,
      );
    }
    return result[key];
  };
  let inFlightTasks = 0;
  return {
    name: "node-api-dotnet",
    versions: { dotnet: dotnet.runtimeVersion },
    riskModes: ["sync", "async"],
    quote: (request) =>
      unwrap(Quote(JSON.stringify(request)), "quote") as Quote,
    async risk(mode, { paths, horizonDays, seed }) {
      if (mode === "sync") {
        return unwrap(Risk(paths, horizonDays, seed), "risk") as RiskReport;
      }
      if (mode === "async") {
        inFlightTasks++;
        try {
          return unwrap(
            await RiskAsync(paths, horizonDays, seed),
            "risk",
          ) as RiskReport;
        } finally {
          inFlightTasks--;
        }
      }
      throw new ClientError(
        400,
        "unsupported_mode",
        `mode ${mode}: use sync or async`,
      );
    },
    // Not Catalog.TaxRate: returning a decimal aborts the process in node-api-dotnet 0.9.27
    // ("Unhandled exception. Microsoft.JavaScript.NodeApi.JSException: Invalid argument:
    // Error in DefineProperties", SIGABRT; seen here on the first /healthz).
    ping: () =>
      (
        unwrap(
          Quote('{"region":"DE","items":[{"sku":"CB-010","quantity":1}]}'),
          "quote",
        ) as Quote
      ).tax,
    diagnostics: () => ({ inFlightTasks }),
    close: async () => {},
  };
}
