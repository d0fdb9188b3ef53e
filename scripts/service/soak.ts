// Soak of the example service: a fixed request rate for a long time, then SIGTERM.
//
//   npm run soak:service                      10 minutes at 100 req/s (after 60 s of warm-up)
//   node --import tsx scripts/service/soak.ts --duration 30 --warmup 5     (the CI version)
//
// The load is a mix of every endpoint (quote, risk in all three modes, health) from
// autocannon at a fixed rate, plus a client that sends bad input (each must get its own
// 4xx, and the good request right after it the usual answer), a price-stream client for
// the whole run and stream clients that come and go. Every `--sample` seconds it prints
// RSS, file descriptors, handles, event-loop delay and the .NET bridge's counters.
// It fails (exit 1) on any connection error, timeout, non-2xx answer to a good request,
// wrong answer to a bad one, 5xx, an unclean shutdown, and — for runs of 5 minutes or
// more (or --strict) — on RSS growth of 10 % or more between the quiescent samples after
// warm-up and after the run (each after a full V8 collection: the service runs with
// --expose-gc), or on file descriptors, handles or .NET objects held that did not come back.
// The last line of stdout is the summary as JSON.
import { parseArgs } from "node:util";
import {
  checkPrerequisites,
  fdCount,
  fdKinds,
  jsonHeaders,
  loadAutocannon,
  machine,
  requestMix,
  sampleQuote,
  sleep,
  startService,
  type Metrics,
  type RunningService,
} from "./common.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "600" },
    warmup: { type: "string", default: "60" },
    rate: { type: "string", default: "100" },
    connections: { type: "string", default: "10" },
    sample: { type: "string", default: "30" },
    strict: { type: "boolean", default: false },
    settle: { type: "string", default: "6" },
  },
});
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const rate = Number(values.rate);
const connections = Number(values.connections);
const sampleEvery = Number(values.sample) * 1000;
const strict = values.strict || duration >= 300;

checkPrerequisites();
const autocannon = await loadAutocannon();
// --expose-gc: the quiescent samples run a full collection first (GET /debug/metrics?gc=1),
// so that they compare what is still held rather than what V8 has not collected yet.
const service = await startService({ env: { NODE_OPTIONS: "--expose-gc" } });
const { baseUrl } = service;
const failures: string[] = [];
const fail = (message: string) => {
  failures.push(message);
  console.log(`FAIL ${message}`);
};

console.log(
  `soak: ${duration} s at ${rate} req/s over ${connections} connections after ${warmup} s of warm-up; ` +
    `service pid ${service.child.pid} on ${baseUrl}; ${JSON.stringify(machine())}`,
);

const mix = requestMix({
  async: "mode=async&seed=2",
  pool: "mode=pool&seed=3",
  sync: "mode=sync&seed=4",
});

function load(seconds: number) {
  return autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    overallRate: rate,
    maxOverallRequests: Math.ceil(rate * seconds * 1.1) + connections,
    requests: mix,
    timeout: 10,
  });
}

// A price-stream client for the whole run: counts the ticks the .NET feed raised.
let ticks = 0;
const streamAbort = new AbortController();
const streamDone = (async () => {
  const response = await fetch(`${baseUrl}/api/prices/stream`, {
    signal: streamAbort.signal,
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    ticks += decoder.decode(chunk).split("event: price").length - 1;
  }
})().catch((error: unknown) => {
  if ((error as Error).name !== "AbortError")
    fail(`price stream: ${String(error)}`);
});

// Bad input next to good: every bad request gets its own 4xx and code; the good request
// sent right after it is answered as always.
const badRequests: {
  path: string;
  body?: string;
  status: number;
  code: string;
}[] = [
  {
    path: "/api/quote",
    body: '{"region":"DE","items":[{"sku":"NOPE","quantity":1}]}',
    status: 422,
    code: "unknown_sku",
  },
  {
    path: "/api/quote",
    body: '{"region":"DE","items":[{"sku":"KB-101","quantity":"x"}]}',
    status: 400,
    code: "invalid_request",
  },
  {
    path: "/api/quote",
    body: '{"region":"DE","items":[null]}',
    status: 422,
    code: "invalid_item",
  },
  {
    path: "/api/quote",
    body: '{"region":"XX","items":[{"sku":"KB-101","quantity":1}]}',
    status: 422,
    code: "unknown_region",
  },
  {
    path: "/api/quote",
    body: '{"region":"DE","items":[{"sku":"KB-101","quantity":1}],"coupon":"FREE"}',
    status: 422,
    code: "invalid_coupon",
  },
  {
    path: "/api/quote",
    body: '{"region":"DE","items":[{"sku":"KB-101","quantity":0}]}',
    status: 422,
    code: "invalid_quantity",
  },
  { path: "/api/quote", body: "not json", status: 400, code: "invalid_json" },
  {
    path: "/api/risk?mode=sync&paths=5",
    status: 400,
    code: "invalid_argument",
  },
  {
    path: "/api/risk?mode=async&days=0",
    status: 400,
    code: "invalid_argument",
  },
  {
    path: "/api/risk?mode=pool&paths=9999999",
    status: 400,
    code: "invalid_argument",
  },
];
let badSent = 0;
let badWrong = 0;
let goodAfterBad = 0;
let expectedTotal: string | undefined;
let probing = true;
async function probeBadInput(): Promise<void> {
  let index = 0;
  while (probing) {
    const bad = badRequests[index++ % badRequests.length]!;
    try {
      const response = await fetch(`${baseUrl}${bad.path}`, {
        method: bad.body === undefined ? "GET" : "POST",
        ...(bad.body === undefined
          ? {}
          : { body: bad.body, headers: jsonHeaders }),
      });
      const body = (await response.json()) as { error?: { code?: string } };
      badSent++;
      if (response.status !== bad.status || body.error?.code !== bad.code) {
        badWrong++;
        fail(
          `${bad.path} ${bad.body ?? ""}: ${response.status} ${JSON.stringify(body)}, expected ${bad.status} ${bad.code}`,
        );
      }
      const good = await fetch(`${baseUrl}/api/quote`, {
        method: "POST",
        body: sampleQuote,
        headers: jsonHeaders,
      });
      const quote = (await good.json()) as { total?: string };
      expectedTotal ??= quote.total;
      if (good.status !== 200 || quote.total !== expectedTotal) {
        fail(
          `good quote after bad input: ${good.status} ${JSON.stringify(quote)}`,
        );
      } else goodAfterBad++;
    } catch (error) {
      fail(`bad-input probe: ${String(error)}`);
    }
    await sleep(100);
  }
}

// Stream clients that connect for a second and leave (subscription churn).
let churned = 0;
async function churnStreams(): Promise<void> {
  while (probing) {
    const abort = new AbortController();
    try {
      const response = await fetch(`${baseUrl}/api/prices/stream`, {
        signal: abort.signal,
      });
      if (response.status !== 200) fail(`stream churn: ${response.status}`);
      await sleep(1000);
      abort.abort();
      churned++;
    } catch (error) {
      if ((error as Error).name !== "AbortError")
        fail(`stream churn: ${String(error)}`);
    }
    await sleep(4000);
  }
}

interface Sample {
  t: number;
  rssMb: number;
  fds: number | null;
  handles: number;
  loopP99: number;
  loopMax: number;
  liveHandles: number;
  liveObjects: number;
  liveDelegates: number;
  pendingPromises: number;
  inFlightTasks: number;
  requests: number;
}
const started = Date.now();
async function sample(gc = false): Promise<Sample> {
  const m: Metrics = await service.metrics(true, gc);
  const bridge = m.engineDiagnostics.bridge ?? {};
  return {
    t: Math.round((Date.now() - started) / 1000),
    rssMb: m.rssMb,
    fds: fdCount(service.child.pid!),
    handles: Object.values(m.activeResources).reduce((a, b) => a + b, 0),
    loopP99: Math.max(0, m.eventLoopDelayMs.p99 - 10),
    loopMax: Math.max(0, m.eventLoopDelayMs.max - 10),
    liveHandles: bridge.liveHandles ?? 0,
    liveObjects: bridge.liveObjects ?? 0,
    liveDelegates: bridge.liveDelegates ?? 0,
    pendingPromises: bridge.pendingPromises ?? 0,
    inFlightTasks: m.engineDiagnostics.inFlightTasks ?? 0,
    requests: m.requests.accepted,
  };
}
const printSample = (label: string, s: Sample) =>
  console.log(
    `${label.padEnd(10)} t=${String(s.t).padStart(4)}s rss=${s.rssMb.toFixed(1)} MiB fds=${s.fds} handles=${s.handles} ` +
      `loop p99=${s.loopP99.toFixed(1)} max=${s.loopMax.toFixed(1)} ms bridge liveHandles=${s.liveHandles} ` +
      `liveObjects=${s.liveObjects} liveDelegates=${s.liveDelegates} pendingPromises=${s.pendingPromises} ` +
      `inFlightTasks=${s.inFlightTasks} requests=${s.requests}`,
  );

function checkLoad(
  label: string,
  result: Awaited<ReturnType<typeof load>>,
): void {
  console.log(
    `${label}: ${result.requests.total} requests in ${result.duration.toFixed(1)} s ` +
      `(${result.requests.average.toFixed(0)} req/s), latency p50 ${result.latency.p50} ms ` +
      `p99 ${result.latency.p99} ms max ${result.latency.max} ms, errors ${result.errors}, ` +
      `timeouts ${result.timeouts}, non-2xx ${result.non2xx}`,
  );
  if (result.errors > 0)
    fail(`${label}: ${result.errors} connection errors/timeouts`);
  if (result.non2xx > 0) {
    fail(
      `${label}: ${result.non2xx} non-2xx answers ${JSON.stringify(result.statusCodeStats)}`,
    );
  }
}

async function quiescent(
  label: string,
): Promise<Sample & { fdKinds: Record<string, number> }> {
  // --settle seconds (default 6: longer than the server's keep-alive timeout of 5 s, so
  // idle client connections are gone before file descriptors are counted).
  const settle = Number(values.settle) * 1000;
  await sleep(settle - 1000);
  await service.metrics(true); // reset the loop histogram after the load
  await sleep(1000);
  let s = await sample(true);
  // A price tick being delivered holds a bridge handle for a moment: read again.
  for (let retry = 0; retry < 5 && s.liveHandles !== 0; retry++) {
    await sleep(100);
    s = { ...s, liveHandles: (await sample()).liveHandles };
  }
  printSample(label, s);
  return { ...s, fdKinds: fdKinds(service.child.pid!) };
}

const probes = [probeBadInput(), churnStreams()];
const warm = await load(warmup);
checkLoad("warm-up", warm);
const before = await quiescent("after-warm");

const samples: Sample[] = [];
const sampler = setInterval(() => {
  sample().then(
    (s) => {
      samples.push(s);
      printSample("sample", s);
    },
    (error: unknown) => fail(`metrics: ${String(error)}`),
  );
}, sampleEvery);
const main = await load(duration);
clearInterval(sampler);
checkLoad("soak", main);
probing = false;
await Promise.all(probes);
const after = await quiescent("after-run");

const growth = (after.rssMb - before.rssMb) / before.rssMb;
const peakRss = Math.max(...samples.map((s) => s.rssMb), after.rssMb);
console.log(
  `rss after warm-up ${before.rssMb.toFixed(1)} MiB, after the run ${after.rssMb.toFixed(1)} MiB ` +
    `(${(growth * 100).toFixed(2)} %), peak sampled ${peakRss.toFixed(1)} MiB; ` +
    `fds ${before.fds} → ${after.fds}; handles ${before.handles} → ${after.handles}; ` +
    `bridge liveHandles ${before.liveHandles} → ${after.liveHandles}, liveObjects ${before.liveObjects} → ${after.liveObjects}, ` +
    `pendingPromises ${before.pendingPromises} → ${after.pendingPromises}`,
);
console.log(
  `bad input: ${badSent} bad requests (${badWrong} wrong answers), ${goodAfterBad} good answers right after; ` +
    `price ticks received ${ticks}; stream clients churned ${churned}`,
);
const fdDiff = Object.fromEntries(
  [...new Set([...Object.keys(before.fdKinds), ...Object.keys(after.fdKinds)])]
    .map(
      (kind) =>
        [
          kind,
          (after.fdKinds[kind] ?? 0) - (before.fdKinds[kind] ?? 0),
        ] as const,
    )
    .filter(([, delta]) => delta !== 0),
);
console.log(
  `file descriptors that changed (after − before): ${JSON.stringify(fdDiff)}`,
);
if (badSent === 0) fail("no bad-input request was answered");
if (ticks === 0) fail("the price stream delivered nothing");
if (after.liveHandles !== 0)
  fail(`bridge liveHandles ${after.liveHandles} after the run (expected 0)`);
if (after.pendingPromises !== 0 || after.inFlightTasks !== 0) {
  fail(`work still pending after the run: ${JSON.stringify(after)}`);
}
if (strict) {
  if (growth >= 0.1)
    fail(`RSS grew ${(growth * 100).toFixed(1)} % (limit 10 %)`);
  if (after.fds !== null && before.fds !== null && after.fds > before.fds + 2) {
    fail(`file descriptors grew ${before.fds} → ${after.fds}`);
  }
  if (after.handles > before.handles + 2)
    fail(`handles grew ${before.handles} → ${after.handles}`);
  if (after.liveObjects > before.liveObjects + 64) {
    fail(
      `.NET objects held by JavaScript grew ${before.liveObjects} → ${after.liveObjects}`,
    );
  }
}

streamAbort.abort();
await streamDone;
const shutdown = await stopAndCheck(service);
console.log(
  `SIGTERM: exit ${shutdown.code ?? shutdown.signal} after ${shutdown.ms} ms (the service: drained in ` +
    `${shutdown.drainedMs} ms, connections closed at ${shutdown.closedMs} ms, done at ${shutdown.serviceShutdownMs} ms); service counted ` +
    `${shutdown.accepted} accepted, ${shutdown.finished} answered, ${shutdown.aborted} closed by the client, ` +
    `${shutdown.serverErrors} 5xx`,
);
const ok = failures.length === 0;
console.log(
  ok
    ? "soak: PASS"
    : `soak: FAIL (${failures.length})\n  - ${failures.join("\n  - ")}`,
);
console.log(
  JSON.stringify({
    ok,
    failures,
    duration,
    rate,
    warm: {
      total: warm.requests.total,
      errors: warm.errors,
      non2xx: warm.non2xx,
    },
    soak: {
      total: main.requests.total,
      errors: main.errors,
      timeouts: main.timeouts,
      non2xx: main.non2xx,
      latencyMs: {
        p50: main.latency.p50,
        p99: main.latency.p99,
        max: main.latency.max,
      },
    },
    before,
    after,
    rssGrowthPercent: Number((growth * 100).toFixed(2)),
    badSent,
    badWrong,
    goodAfterBad,
    ticks,
    shutdown,
  }),
);
process.exit(ok ? 0 : 1);

async function stopAndCheck(running: RunningService) {
  const began = Date.now();
  const { code, signal } = await running.stop("SIGTERM");
  const done = running.logs.find((line) => line.msg === "shutdown: done");
  if (code !== 0)
    fail(
      `exit ${code ?? signal} after SIGTERM: ${running.otherOutput.join("")}`,
    );
  if (!done) fail("no 'shutdown: done' log line");
  const errors = running.logs.filter((line) => line.level === "error");
  if (errors.length > 0)
    fail(`error log lines: ${JSON.stringify(errors.slice(0, 3))}`);
  if ((done?.serverErrors as number | undefined) !== 0)
    fail(`5xx answers: ${String(done?.serverErrors)}`);
  return {
    code,
    signal,
    ms: Date.now() - began,
    accepted: done?.accepted as number | undefined,
    finished: done?.finished as number | undefined,
    aborted: done?.aborted as number | undefined,
    serverErrors: done?.serverErrors as number | undefined,
    serviceShutdownMs: done?.ms as number | undefined,
    drainedMs: done?.drainedMs as number | undefined,
    closedMs: done?.closedMs as number | undefined,
  };
}
