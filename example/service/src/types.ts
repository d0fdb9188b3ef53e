// What the service's handlers need from a pricing engine. Three engines implement it: the
// .NET library through dotnet-host (the service as a team would ship it), the same rules in
// plain JavaScript, and the .NET library through node-api-dotnet (for the load test's
// comparison).

/** Where the heavy risk simulation runs. */
export type RiskMode =
  | "sync" // on the event loop: simple, but every other request waits for it
  | "async" // on a .NET/addon thread (dotnet-host callAsync, or a .NET Task)
  | "pool"; // in a worker-thread pool (piscina); with .NET, all workers share the one runtime

export const riskModes: readonly RiskMode[] = ["sync", "async", "pool"];

export interface QuoteLine {
  sku: string;
  name: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
}

/** A priced cart; money as exact decimal strings ("1165.06"). */
export interface Quote {
  region: string;
  lines: QuoteLine[];
  subtotal: string;
  discount: string;
  tax: string;
  total: string;
  coupon: string | null;
}

export interface RiskReport {
  paths: number;
  horizonDays: number;
  valueAtRisk95: number;
  valueAtRisk99: number;
  expectedShortfall95: number;
  meanReturn: number;
  elapsedMs: number;
}

export interface RiskParams {
  paths: number;
  horizonDays: number;
  seed: number;
}

export interface PriceTick {
  sequence: number;
  sku: string;
  price: string;
  at: string;
}

/** An error the client caused: answered with its status, never logged as a fault. */
export class ClientError extends Error {
  override readonly name = "ClientError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Engine {
  /** "dotnet-host", "js" or "node-api-dotnet". */
  readonly name: string;
  /** Versions worth logging at start. */
  readonly versions: Record<string, string>;
  /** The risk modes this engine can serve. */
  readonly riskModes: readonly RiskMode[];
  /** Prices a cart (the fast synchronous call of every request). Throws ClientError for bad input. */
  quote(request: unknown): Quote;
  /** The heavy computation, in the given mode. Rejects with ClientError for bad input. */
  risk(mode: RiskMode, params: RiskParams): Promise<RiskReport>;
  /** A cheap .NET call that proves the engine answers (the health check): its result as text. */
  ping(): string | number;
  /** Starts the price feed and calls `listener` per tick; returns a function that stops it. */
  subscribeTicks?(listener: (tick: PriceTick) => void): () => Promise<void>;
  /** Counters for /debug/metrics. */
  diagnostics(): Record<string, unknown>;
  /** Releases threads and pools; called once at shutdown, after the last request. */
  close(): Promise<void>;
}

/** The piscina task the risk worker runs (see risk-worker.ts). */
export interface RiskTask extends RiskParams {
  engine: "dotnet-host" | "js";
}

/** The worker's answer: errors travel as data (an Error's own properties do not cross threads). */
export type RiskTaskResult =
  | { ok: true; report: RiskReport }
  | { ok: false; status: number; code: string; message: string };
