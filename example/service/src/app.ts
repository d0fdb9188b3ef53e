// The HTTP service: routes, metrics, the price stream and graceful shutdown.
//
//   POST /api/quote            a cart → its price (a fast synchronous .NET call)
//   GET  /api/risk?mode=…      the Monte Carlo risk report (heavy: sync | async | pool)
//   GET  /api/prices/stream    server-sent events fed by a .NET event
//   GET  /healthz, /readyz     liveness (a .NET round trip) and readiness (503 when draining)
//   GET  /debug/metrics        event-loop delay, memory, handles, fds, .NET bridge counters
import { readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import {
  createEngine,
  type EngineName,
  type EngineOptions,
} from "./engines.js";
import { enabled, errorFields, log } from "./log.js";
import {
  ClientError,
  riskModes,
  type Engine,
  type PriceTick,
  type RiskMode,
} from "./types.js";

export interface ServiceOptions extends EngineOptions {
  engine: EngineName;
  host: string;
  port: number;
  /** How long shutdown waits for in-flight requests and Tasks before giving up. */
  shutdownTimeoutMs: number;
  /** Default risk simulation size. */
  riskPaths: number;
  riskHorizonDays: number;
  /** The mode /api/risk uses when the request names none. */
  defaultRiskMode: RiskMode;
}

export interface Service {
  readonly port: number;
  readonly engine: Engine;
  /** Stops accepting, drains, closes; resolves with the exit code to use. */
  shutdown(reason: string): Promise<number>;
}

const maxBodyBytes = 64 * 1024;

interface Counters {
  accepted: number;
  finished: number;
  aborted: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  inFlight: number;
}

export async function startService(options: ServiceOptions): Promise<Service> {
  const engine = await createEngine(options.engine, options);
  const counters: Counters = {
    accepted: 0,
    finished: 0,
    aborted: 0,
    byStatus: {},
    serverErrors: 0,
    inFlight: 0,
  };
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const startedAt = Date.now();
  let draining = false;

  // The price stream: one subscription to the .NET feed while any client listens.
  const streams = new Set<http.ServerResponse>();
  let stopFeed: (() => Promise<void>) | undefined;
  const broadcast = (tick: PriceTick) => {
    const frame = `id: ${tick.sequence}\nevent: price\ndata: ${JSON.stringify(tick)}\n\n`;
    for (const res of streams) {
      // A client that stopped reading is dropped rather than buffered without end.
      if (res.writableLength > 1 << 20) res.destroy();
      else res.write(frame);
    }
  };
  const releaseFeed = async () => {
    if (streams.size > 0 || !stopFeed) return;
    const stop = stopFeed;
    stopFeed = undefined;
    await stop();
  };

  function metrics(reset: boolean): Record<string, unknown> {
    const ms = (ns: number) => Number((ns / 1e6).toFixed(3));
    const memory = process.memoryUsage();
    const resources: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo()) {
      resources[type] = (resources[type] ?? 0) + 1;
    }
    let fds: number | null = null;
    try {
      fds = readdirSync("/proc/self/fd").length;
    } catch {
      // not Linux
    }
    const result = {
      engine: engine.name,
      uptimeS: Math.round((Date.now() - startedAt) / 1000),
      eventLoopDelayMs: {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
        mean: ms(loopDelay.mean),
      },
      rssMb: Number((memory.rss / 2 ** 20).toFixed(1)),
      heapUsedMb: Number((memory.heapUsed / 2 ** 20).toFixed(1)),
      fds,
      activeResources: resources,
      requests: { ...counters, byStatus: { ...counters.byStatus } },
      streams: streams.size,
      engineDiagnostics: engine.diagnostics(),
    };
    if (reset) loopDelay.reset();
    return result;
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: http.OutgoingHttpHeaders = {},
  ): void {
    const text = JSON.stringify(body, (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
    );
    if (draining) headers.connection = "close";
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  async function readJson(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBodyBytes) {
        throw new ClientError(
          413,
          "body_too_large",
          `at most ${maxBodyBytes} bytes`,
        );
      }
      chunks.push(chunk);
    }
    try {
      return JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      throw new ClientError(400, "invalid_json", "the body is not JSON");
    }
  }

  function intParam(url: URL, name: string, fallback: number): number {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) {
      throw new ClientError(
        400,
        "invalid_argument",
        `${name} must be an integer`,
      );
    }
    return value;
  }

  async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void> {
    const key = `${req.method} ${url.pathname}`;
    switch (key) {
      case "POST /api/quote": {
        const body = await readJson(req);
        send(res, 200, engine.quote(body));
        return;
      }
      case "GET /api/risk": {
        const mode = (url.searchParams.get("mode") ??
          options.defaultRiskMode) as RiskMode;
        if (!riskModes.includes(mode) || !engine.riskModes.includes(mode)) {
          throw new ClientError(
            400,
            "unsupported_mode",
            `mode must be one of ${engine.riskModes.join(", ")}`,
          );
        }
        const report = await engine.risk(mode, {
          paths: intParam(url, "paths", options.riskPaths),
          horizonDays: intParam(url, "days", options.riskHorizonDays),
          seed: intParam(url, "seed", 1),
        });
        send(res, 200, { mode, ...report });
        return;
      }
      case "GET /api/prices/stream": {
        if (!engine.subscribeTicks) {
          throw new ClientError(
            501,
            "not_supported",
            `no price stream with ${engine.name}`,
          );
        }
        if (draining) throw new ClientError(503, "draining", "shutting down");
        res.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-cache",
          connection: "keep-alive",
        });
        res.write("retry: 2000\n\n");
        streams.add(res);
        stopFeed ??= engine.subscribeTicks(broadcast);
        res.on("close", () => {
          streams.delete(res);
          releaseFeed().catch((error: unknown) =>
            log("error", "stopping the price feed failed", errorFields(error)),
          );
        });
        return;
      }
      case "GET /healthz":
        // Liveness: the .NET runtime answers a call.
        send(res, 200, {
          status: "ok",
          engine: engine.name,
          check: engine.ping(),
        });
        return;
      case "GET /readyz":
        if (draining) send(res, 503, { status: "draining" });
        else send(res, 200, { status: "ready" });
        return;
      case "GET /debug/metrics":
        // ?gc=1 runs a full V8 collection first when node runs with --expose-gc (the soak
        // does, so that what it compares is what is still held, not what is not yet collected).
        if (url.searchParams.get("gc") === "1") {
          (globalThis as { gc?: () => void }).gc?.();
          await new Promise((resolve) => setImmediate(resolve)); // let finalizers run
        }
        send(res, 200, metrics(url.searchParams.get("reset") === "1"));
        return;
      default:
        throw new ClientError(404, "not_found", `no route ${key}`);
    }
  }

  const server = http.createServer((req, res) => {
    const started = performance.now();
    counters.accepted++;
    counters.inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      counters.inFlight--;
      if (res.writableFinished) counters.finished++;
      else counters.aborted++;
      const status = String(res.statusCode);
      counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
      if (enabled("debug")) {
        log("debug", "request", {
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: Number((performance.now() - started).toFixed(2)),
        });
      }
    };
    res.on("finish", finish);
    res.on("close", finish);
    const url = new URL(req.url ?? "/", "http://localhost");
    route(req, res, url).catch((error: unknown) => {
      if (error instanceof ClientError) {
        log("info", "request refused", {
          method: req.method,
          url: req.url,
          status: error.status,
          code: error.code,
          reason: error.message,
        });
        if (!res.headersSent) {
          send(res, error.status, {
            error: { code: error.code, message: error.message },
          });
        } else res.destroy();
        return;
      }
      // A fault (a .NET exception the library did not expect, a bug): 500 for this request
      // only, logged with the .NET stack. The process and other requests carry on.
      counters.serverErrors++;
      log("error", "request failed", {
        method: req.method,
        url: req.url,
        ...errorFields(error),
      });
      if (!res.headersSent) {
        send(res, 500, {
          error: { code: "internal", message: "internal error" },
        });
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log("info", "listening", {
    host: options.host,
    port,
    engine: engine.name,
    riskModes: engine.riskModes,
    node: process.versions.node,
    ...engine.versions,
  });

  let shuttingDown: Promise<number> | undefined;
  async function drain(reason: string): Promise<number> {
    draining = true;
    const began = Date.now();
    log("info", "shutdown: stop accepting, draining", {
      reason,
      inFlight: counters.inFlight,
      streams: streams.size,
      ...engine.diagnostics(),
    });
    // Stop accepting; close keep-alive connections as they go idle (answers in flight get
    // `connection: close`).
    const closed = new Promise<void>((resolve) =>
      server.close(() => resolve()),
    );
    server.closeIdleConnections();
    const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
    // Price streams are endless: tell clients and end them.
    for (const res of streams) {
      res.end("event: shutdown\ndata: {}\n\n");
    }
    streams.clear();
    await releaseFeed();

    const deadline = began + options.shutdownTimeoutMs;
    const tasksInFlight = () =>
      Number(
        (engine.diagnostics() as { inFlightTasks?: number }).inFlightTasks ?? 0,
      );
    while (
      (counters.inFlight > 0 || tasksInFlight() > 0) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    let code = 0;
    if (counters.inFlight > 0 || tasksInFlight() > 0) {
      log("error", "shutdown: timed out with work in flight", {
        inFlight: counters.inFlight,
        inFlightTasks: tasksInFlight(),
      });
      server.closeAllConnections();
      code = 1;
    }
    const drainedMs = Date.now() - began;
    // Nothing is in flight: connections still open are idle keep-alive ones (clients
    // close them on their own timer). Give them a second, then close them.
    const grace = (ms: number) =>
      new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
    await Promise.race([closed, grace(Math.min(1000, deadline - Date.now()))]);
    server.closeAllConnections();
    await Promise.race([closed, grace(deadline - Date.now())]);
    clearInterval(idleSweep);
    const closedMs = Date.now() - began;
    await engine.close();
    loopDelay.disable();
    log("info", "shutdown: done", {
      ms: Date.now() - began,
      drainedMs,
      closedMs,
      exitCode: code,
      accepted: counters.accepted,
      finished: counters.finished,
      aborted: counters.aborted,
      byStatus: counters.byStatus,
      serverErrors: counters.serverErrors,
    });
    return code;
  }

  return {
    port,
    engine,
    shutdown(reason) {
      shuttingDown ??= drain(reason);
      return shuttingDown;
    },
  };
}
