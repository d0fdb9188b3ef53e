// Shared by the service's load test, soak and shutdown drivers: start the example service
// as a child process, read its metrics, drive it with autocannon. Every target is on
// loopback (127.0.0.1), and every run is bounded in time and in request count.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const serviceDir = join(repoRoot, "example", "service");

/** Fails with what to run when the service's build or packages are missing. */
export function checkPrerequisites(): void {
  const missing: string[] = [];
  if (!existsSync(join(repoRoot, "dist", "bundle", "index.js"))) {
    missing.push("the package build (dist/): run `npm run build`");
  }
  if (!existsSync(join(serviceDir, "out", "Pricing", "Pricing.dll"))) {
    missing.push(
      "example/service/out/Pricing/Pricing.dll: run `npx tsx scripts/build-dotnet.ts example/service` (needs the .NET SDK 8+)",
    );
  }
  for (const name of ["autocannon", "piscina", "node-api-dotnet"]) {
    if (!existsSync(join(serviceDir, "node_modules", name, "package.json"))) {
      missing.push(
        `${name}: run \`npm --prefix example/service install --no-audit --no-fund\``,
      );
    }
  }
  if (missing.length > 0) {
    throw new Error(`missing:\n  - ${missing.join("\n  - ")}`);
  }
}

/** Installs the service's npm packages and builds its .NET library when they are missing. */
export function prepare(): void {
  const run = (command: string, args: string[]) => {
    const result = spawnSync(command, args, {
      cwd: repoRoot,
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (result.status !== 0) {
      throw new Error(
        `\`${command} ${args.join(" ")}\` failed (${result.status ?? result.signal})`,
      );
    }
  };
  if (
    !existsSync(join(serviceDir, "node_modules", "autocannon", "package.json"))
  ) {
    run("npm", [
      "--prefix",
      serviceDir,
      existsSync(join(serviceDir, "package-lock.json")) ? "ci" : "install",
      "--no-audit",
      "--no-fund",
    ]);
  }
  run(process.execPath, [
    "--import",
    "tsx",
    join(repoRoot, "scripts", "build-dotnet.ts"),
    serviceDir,
  ]);
  checkPrerequisites();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface LogLine {
  time: string;
  level: string;
  msg: string;
  pid: number;
  [key: string]: unknown;
}

export interface RunningService {
  readonly child: ChildProcess;
  readonly port: number;
  readonly baseUrl: string;
  /** Every JSON log line so far. */
  readonly logs: LogLine[];
  /** Lines that were not JSON (stderr, crashes). */
  readonly otherOutput: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>;
  /** reset: restart the event-loop histogram; gc: a full V8 collection first (needs --expose-gc). */
  metrics(reset?: boolean, gc?: boolean): Promise<Metrics>;
  stop(
    signal?: NodeJS.Signals,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Metrics {
  engine: string;
  eventLoopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssMb: number;
  heapUsedMb: number;
  fds: number | null;
  activeResources: Record<string, number>;
  requests: {
    accepted: number;
    finished: number;
    aborted: number;
    inFlight: number;
    serverErrors: number;
    byStatus: Record<string, number>;
  };
  streams: number;
  engineDiagnostics: {
    inFlightTasks?: number;
    bridge?: Record<string, number>;
    dotnetGc?: {
      serverGc: boolean;
      heapMb: number;
      committedMb: number;
      collections: number[];
    };
    pool?: Record<string, number>;
  };
}

export interface StartOptions {
  /** "server" (one process) or "cluster" (WORKERS processes). */
  entry?: "server" | "cluster";
  env?: Record<string, string>;
  /** How many "listening" lines to wait for (cluster: one per worker). */
  listening?: number;
}

/** Starts example/service/server.ts (or cluster.ts) on a free loopback port. */
export async function startService(
  options: StartOptions = {},
): Promise<RunningService> {
  const port = await freePort();
  const entry = join(serviceDir, `${options.entry ?? "server"}.ts`);
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let buffered = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        otherOutput.push(line);
      }
    }
  });
  child
    .stderr!.setEncoding("utf8")
    .on("data", (chunk: string) => otherOutput.push(chunk));

  const wanted = options.listening ?? 1;
  const deadline = Date.now() + 60_000;
  while (logs.filter((line) => line.msg === "listening").length < wanted) {
    const ended = await Promise.race([
      exited,
      new Promise<undefined>((resolve) =>
        setTimeout(() => resolve(undefined), 50),
      ),
    ]);
    if (ended || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(
        `the service did not start (${ended ? `exit ${ended.code ?? ended.signal}` : "60 s"}):\n` +
          [...logs.map((line) => JSON.stringify(line)), ...otherOutput].join(
            "\n",
          ),
      );
    }
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    baseUrl,
    logs,
    otherOutput,
    exited,
    async metrics(reset = false, gc = false) {
      const query = [...(reset ? ["reset=1"] : []), ...(gc ? ["gc=1"] : [])];
      const response = await fetch(
        `${baseUrl}/debug/metrics${query.length > 0 ? `?${query.join("&")}` : ""}`,
      );
      return (await response.json()) as Metrics;
    },
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      return exited;
    },
  };
}

/** File descriptors of a process (Linux), counted from outside. */
export function fdCount(pid: number): number | null {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return null;
  }
}

/** What a process's file descriptors point at ("socket", "pipe", a file's path …), counted. */
export function fdKinds(pid: number): Record<string, number> {
  const kinds: Record<string, number> = {};
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`).replace(/:\[.*$/, "");
      } catch {
        continue;
      }
      kinds[target] = (kinds[target] ?? 0) + 1;
    }
  } catch {
    // not Linux
  }
  return kinds;
}

// autocannon, resolved from example/service/node_modules and typed here (the repository's
// type check must not need that folder installed).
export interface AutocannonRequest {
  method?: "GET" | "POST";
  path: string;
  body?: string;
  headers?: Record<string, string>;
}
export interface AutocannonOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  maxOverallRequests?: number;
  overallRate?: number;
  requests?: AutocannonRequest[];
  method?: "GET" | "POST";
  body?: string;
  headers?: Record<string, string>;
  /** Seconds before a request counts as a timeout (an error). */
  timeout?: number;
}
interface Histogram {
  average: number;
  min: number;
  max: number;
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
}
export interface AutocannonResult {
  requests: Histogram & { total: number; sent: number };
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

let autocannon: Autocannon | undefined;
export async function loadAutocannon(): Promise<Autocannon> {
  if (autocannon) return autocannon;
  const require = createRequire(join(serviceDir, "package.json"));
  let path: string;
  try {
    path = require.resolve("autocannon");
  } catch {
    throw new Error(
      "autocannon is not installed: run `npm --prefix example/service install --no-audit --no-fund`",
    );
  }
  const module = (await import(pathToFileURL(path).href)) as {
    default: Autocannon;
  };
  autocannon = module.default;
  return autocannon;
}

export const sampleQuote = JSON.stringify({
  region: "DE",
  items: [
    { sku: "KB-101", quantity: 12 },
    { sku: "SW-IDE", quantity: 1 },
    { sku: "CB-010", quantity: 3 },
  ],
  coupon: "SOFTWARE20",
});

export const jsonHeaders = { "content-type": "application/json" };

/**
 * The mixed load of the soak and the GC comparison: eight quotes to one health check and
 * one risk run in each mode, `risk` naming each mode's query (`mode=async&seed=2`).
 */
export function requestMix(risk: {
  async: string;
  pool: string;
  sync: string;
}): AutocannonRequest[] {
  return [
    ...Array.from({ length: 8 }, () => ({
      method: "POST" as const,
      path: "/api/quote",
      body: sampleQuote,
      headers: jsonHeaders,
    })),
    { method: "GET", path: "/healthz" },
    { method: "GET", path: `/api/risk?${risk.async}` },
    { method: "GET", path: `/api/risk?${risk.pool}` },
    { method: "GET", path: `/api/risk?${risk.sync}` },
  ];
}

export const sleep = (ms: number) =>
  new Promise((resolve) => setTimeout(resolve, ms));

export function machine(): Record<string, string> {
  const lscpu = spawnSync("lscpu", [], { encoding: "utf8" }).stdout ?? "";
  const model = /Model name:\s*(.+)/.exec(lscpu)?.[1]?.trim() ?? "?";
  const dotnet =
    spawnSync("dotnet", ["--list-runtimes"], { encoding: "utf8" }).stdout ?? "";
  const runtimes = dotnet
    .split("\n")
    .filter((line) => line.startsWith("Microsoft.NETCore.App"))
    .map((line) => line.split(" ")[1])
    .join(", ");
  return {
    cpu: model,
    cores: String(
      spawnSync("nproc", [], { encoding: "utf8" }).stdout?.trim() ?? "?",
    ),
    node: process.version,
    dotnet: runtimes,
  };
}
