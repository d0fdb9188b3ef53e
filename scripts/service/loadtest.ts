// Load test of the example service on loopback: `npm run loadtest`.
//
//   node --import tsx scripts/service/loadtest.ts [--duration 10] [--connections 32] [--quick]
//
// 1. The same endpoints served three ways: the .NET library through dotnet-host, the same
//    rules in plain JavaScript, and the .NET library through node-api-dotnet.
// 2. The heavy endpoint (a Monte Carlo risk simulation, ~10–20 ms of CPU) in three shapes:
//    on the event loop, through callAsync (an addon thread), in a worker-thread pool
//    (piscina, all workers sharing the process's one runtime) — with a probe sending
//    20 health checks a second on its own connection, whose latency shows what the heavy
//    requests do to everyone else.
// 3. N processes (node:cluster), each with its own runtime.
//
// Each run: 2 s of warm-up, then `--duration` seconds (at most 1 000 000 requests) of
// autocannon with `--connections` connections. Event-loop delay is the service's
// monitorEventLoopDelay over the run, minus its 10 ms sampling interval.
import { readFileSync, readdirSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  checkPrerequisites,
  jsonHeaders,
  loadAutocannon,
  machine,
  sampleQuote,
  startService,
  type AutocannonOptions,
  type AutocannonResult,
  type RunningService,
} from "./common.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    quick: { type: "boolean", default: false },
  },
});
const duration = values.quick ? 2 : Number(values.duration);
const connections = Number(values.connections);
const maxRequests = 1_000_000;

checkPrerequisites();
const autocannon = await loadAutocannon();

interface Endpoint {
  label: string;
  request: Pick<AutocannonOptions, "method" | "body" | "headers"> & {
    path: string;
  };
}
const quote: Endpoint = {
  label: "POST /api/quote (fast sync call)",
  request: {
    method: "POST",
    path: "/api/quote",
    body: sampleQuote,
    headers: jsonHeaders,
  },
};
const health: Endpoint = {
  label: "GET /healthz",
  request: { method: "GET", path: "/healthz" },
};
const risk = (mode: string): Endpoint => ({
  label: `GET /api/risk?mode=${mode}`,
  request: { method: "GET", path: `/api/risk?mode=${mode}` },
});

interface Row {
  section: string;
  target: string;
  endpoint: string;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  loopP99: number | null;
  loopMax: number | null;
  probeP99: number | null;
  rssBefore: number | null;
  rssAfter: number | null;
  errors: number;
  non2xx: number;
  requests: number;
}
const rows: Row[] = [];

function fire(
  url: string,
  endpoint: Endpoint,
  seconds: number,
  conns = connections,
) {
  return autocannon({
    url: `${url}${endpoint.request.path}`,
    connections: conns,
    duration: seconds,
    maxOverallRequests: maxRequests,
    timeout: 30,
    ...(endpoint.request.method ? { method: endpoint.request.method } : {}),
    ...(endpoint.request.body ? { body: endpoint.request.body } : {}),
    ...(endpoint.request.headers ? { headers: endpoint.request.headers } : {}),
  });
}

/** RSS of a process and its children (cluster), in MiB, from /proc. */
function treeRssMb(pid: number): number {
  const pids = [pid];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  let kb = 0;
  for (const p of pids) {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Number((kb / 1024).toFixed(1));
}

async function measure(
  section: string,
  target: string,
  service: RunningService,
  endpoint: Endpoint,
  options: { probe?: boolean; cluster?: boolean } = {},
): Promise<void> {
  await fire(service.baseUrl, endpoint, values.quick ? 1 : 2); // warm-up (JIT, pools, caches)
  const rssBefore = options.cluster
    ? treeRssMb(service.child.pid!)
    : (await service.metrics(true)).rssMb;
  const probe = options.probe
    ? autocannon({
        url: `${service.baseUrl}/healthz`,
        connections: 1,
        duration,
        overallRate: 20,
        maxOverallRequests: 20 * duration + 20,
        timeout: 30,
      })
    : undefined;
  const result: AutocannonResult = await fire(
    service.baseUrl,
    endpoint,
    duration,
  );
  const probed = await probe;
  const after = options.cluster ? undefined : await service.metrics(true);
  const loop = (ms: number | undefined) =>
    ms === undefined ? null : Number(Math.max(0, ms - 10).toFixed(1));
  const row: Row = {
    section,
    target,
    endpoint: endpoint.label,
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    loopP99: loop(after?.eventLoopDelayMs.p99),
    loopMax: loop(after?.eventLoopDelayMs.max),
    probeP99: probed ? probed.latency.p99 : null,
    rssBefore,
    rssAfter: options.cluster
      ? treeRssMb(service.child.pid!)
      : (after?.rssMb ?? null),
    errors: result.errors + (probed?.errors ?? 0),
    non2xx: result.non2xx + (probed?.non2xx ?? 0),
    requests: result.requests.total,
  };
  rows.push(row);
  console.log(JSON.stringify(row));
}

async function withService(
  options: Parameters<typeof startService>[0],
  body: (service: RunningService) => Promise<void>,
): Promise<void> {
  const service = await startService(options);
  try {
    await body(service);
  } finally {
    const exit = await service.stop("SIGTERM");
    if (exit.code !== 0) {
      console.log(
        `service exited ${exit.code ?? exit.signal}: ${service.otherOutput.join("")}`,
      );
      process.exitCode = 1;
    }
  }
}

const info = machine();
console.log(
  `loadtest: ${duration} s per run, ${connections} connections, loopback; ${JSON.stringify(info)}`,
);

// 1. The same endpoints, three implementations.
const endpoints = "1. endpoints";
await withService({ env: { ENGINE: "dotnet-host" } }, async (service) => {
  for (const e of [health, quote, risk("sync"), risk("async")]) {
    await measure(endpoints, "dotnet-host", service, e);
  }
});
await withService({ env: { ENGINE: "js" } }, async (service) => {
  for (const e of [health, quote, risk("sync")])
    await measure(endpoints, "pure JS", service, e);
});
await withService({ env: { ENGINE: "node-api-dotnet" } }, async (service) => {
  for (const e of [health, quote, risk("sync"), risk("async")]) {
    await measure(endpoints, "node-api-dotnet", service, e);
  }
});

// 2. The heavy endpoint in three shapes, with a health-check probe alongside.
const shapes = "2. heavy endpoint shapes";
await withService({ env: { ENGINE: "dotnet-host" } }, async (service) => {
  for (const mode of ["sync", "async", "pool"]) {
    await measure(shapes, "dotnet-host", service, risk(mode), { probe: true });
  }
});
await withService({ env: { ENGINE: "js" } }, async (service) => {
  for (const mode of ["sync", "pool"]) {
    await measure(shapes, "pure JS", service, risk(mode), { probe: true });
  }
});

// 3. Processes: node:cluster, one runtime per process.
const processes = "3. processes (cluster)";
for (const workers of [1, 2]) {
  await withService(
    {
      entry: "cluster",
      env: { WORKERS: String(workers), ENGINE: "dotnet-host" },
      listening: workers,
    },
    async (service) => {
      for (const e of [quote, risk("sync"), risk("async")]) {
        await measure(processes, `dotnet-host × ${workers}`, service, e, {
          cluster: true,
        });
      }
    },
  );
}

const cell = (value: number | null, digits = 0) =>
  value === null ? "–" : value.toFixed(digits);
console.log(
  `\n## Load test (${duration} s per run, ${connections} connections)\n`,
);
console.log(
  `Machine: ${info.cpu}, ${info.cores} cores; Node ${info.node}; .NET ${info.dotnet}.\n`,
);
let section = "";
for (const row of rows) {
  if (row.section !== section) {
    section = row.section;
    console.log(`\n### ${section}\n`);
    console.log(
      "| target | endpoint | req/s | p50 ms | p99 ms | max ms | loop delay p99 / max ms | /healthz p99 alongside | RSS before → after MiB | errors | non-2xx |",
    );
    console.log(
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
  }
  console.log(
    `| ${row.target} | ${row.endpoint} | ${row.rps} | ${row.p50} | ${row.p99} | ${row.max} | ` +
      `${row.loopP99 === null ? "–" : `${cell(row.loopP99, 1)} / ${cell(row.loopMax, 1)}`} | ` +
      `${row.probeP99 === null ? "–" : `${row.probeP99} ms`} | ${cell(row.rssBefore, 1)} → ${cell(row.rssAfter, 1)} | ` +
      `${row.errors} | ${row.non2xx} |`,
  );
}
const bad = rows.filter((row) => row.errors > 0 || row.non2xx > 0);
if (bad.length > 0) {
  console.log(`\n${bad.length} run(s) had errors or non-2xx answers`);
  process.exitCode = 1;
}
