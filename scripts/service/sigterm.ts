// SIGTERM in the middle of load: every request the service accepted must be answered, the
// process must exit 0, and nothing may answer 5xx.
//
//   node --import tsx scripts/service/sigterm.ts [--cluster] [--clients 32] [--before 3]
//
// Clients open a new connection per request (so "accepted" is unambiguous) and send a mix
// of quotes and risk simulations in all three modes, sized so that .NET work (callAsync
// calls, pool tasks) is in flight when the signal arrives. After SIGTERM they keep sending
// for a second: those find the port closed (ECONNREFUSED) — not accepted, as it should be.
// Connections the kernel had queued on the listening socket when it closed are reset
// (ECONNRESET): they were never accepted either, and are counted apart.
// The service's own counters (its "shutdown: done" log line) say how many requests it
// accepted and answered; they must match what the clients received.
// The last line of stdout is the result as JSON.
import http from "node:http";
import { parseArgs } from "node:util";
import {
  checkPrerequisites,
  jsonHeaders,
  sampleQuote,
  sleep,
  startService,
} from "./common.js";

const { values } = parseArgs({
  options: {
    cluster: { type: "boolean", default: false },
    clients: { type: "string", default: "32" },
    before: { type: "string", default: "3" },
  },
});
const clients = Number(values.clients);
const before = Number(values.before) * 1000;

checkPrerequisites();
const service = await startService(
  values.cluster
    ? { entry: "cluster", env: { WORKERS: "2" }, listening: 2 }
    : {},
);
const port = service.port;

type Outcome =
  | { kind: "response"; status: number }
  | { kind: "refused" }
  | { kind: "reset"; code: string; afterSignal: boolean };

const requests = [
  { method: "POST", path: "/api/quote", body: sampleQuote },
  { method: "GET", path: "/api/risk?mode=async&paths=20000" },
  { method: "POST", path: "/api/quote", body: sampleQuote },
  { method: "GET", path: "/api/risk?mode=pool&paths=20000" },
  { method: "POST", path: "/api/quote", body: sampleQuote },
  { method: "GET", path: "/api/risk?mode=sync&paths=5000" },
  { method: "GET", path: "/healthz" },
] as const;

let signalled = false;
let stopSending = false;
function send(index: number): Promise<Outcome> {
  const spec = requests[index % requests.length]!;
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: spec.method,
        path: spec.path,
        agent: false,
        headers: { ...jsonHeaders, connection: "close" },
        timeout: 60_000,
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({ kind: "response", status: res.statusCode ?? 0 }),
        );
        res.on("error", (error: NodeJS.ErrnoException) =>
          resolve({
            kind: "reset",
            code: error.code ?? error.message,
            afterSignal: signalled,
          }),
        );
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      resolve(
        error.code === "ECONNREFUSED"
          ? { kind: "refused" }
          : {
              kind: "reset",
              code: error.code ?? error.message,
              afterSignal: signalled,
            },
      );
    });
    req.end("body" in spec ? spec.body : undefined);
  });
}

const outcomes: Outcome[] = [];
let counter = 0;
async function client(): Promise<void> {
  while (!stopSending) {
    const outcome = await send(counter++);
    outcomes.push(outcome);
    if (outcome.kind === "refused") await sleep(20);
  }
}

const loops = Array.from({ length: clients }, () => client());
await sleep(before);
const inFlightAtSignal = (await service.metrics()).requests.inFlight;
signalled = true;
const signalAt = Date.now();
service.child.kill("SIGTERM");
await sleep(1000);
stopSending = true;
await Promise.all(loops);
const exit = await service.exited;
const exitMs = Date.now() - signalAt;

const responses = outcomes.filter((o) => o.kind === "response");
const byStatus: Record<string, number> = {};
for (const o of responses) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
const refused = outcomes.filter((o) => o.kind === "refused").length;
const resets = outcomes.filter((o) => o.kind === "reset");
// One "shutdown: done" line per process (cluster: per worker).
const done = service.logs.filter((line) => line.msg === "shutdown: done");
const draining = service.logs.filter(
  (line) => line.msg === "shutdown: stop accepting, draining",
);
const accepted = done.reduce((sum, line) => sum + Number(line.accepted), 0);
const finished = done.reduce((sum, line) => sum + Number(line.finished), 0);
const serverAborted = done.reduce((sum, line) => sum + Number(line.aborted), 0);
const failures: string[] = [];
if (exit.code !== 0) failures.push(`exit ${exit.code ?? exit.signal}`);
if (done.length !== (values.cluster ? 2 : 1))
  failures.push(`${done.length} 'shutdown: done' lines`);
if (finished !== accepted)
  failures.push(
    `service answered ${finished} of ${accepted} accepted requests`,
  );
// The metrics request made just before the signal is counted by the service, not here.
if (responses.length + 1 !== accepted) {
  failures.push(
    `clients got ${responses.length} answers; the service accepted ${accepted - 1}`,
  );
}
if (Object.keys(byStatus).some((status) => status !== "200")) {
  failures.push(`non-200 answers: ${JSON.stringify(byStatus)}`);
}
// A reset after the signal is a connection the kernel had queued on the listening socket
// when the server closed it: never accepted by the service (its counters above match the
// answers), so the client sees a reset instead of a refusal. A reset before the signal,
// or any accepted request left unanswered, is a failure.
const resetsBeforeSignal = resets.filter(
  (o) => o.kind === "reset" && !o.afterSignal,
);
if (resetsBeforeSignal.length > 0) {
  failures.push(
    `${resetsBeforeSignal.length} connections reset before the signal`,
  );
}
if (refused === 0)
  failures.push(
    "no request was refused after the signal (did it stop accepting?)",
  );

const result = {
  ok: failures.length === 0,
  failures,
  cluster: values.cluster,
  clients,
  requestsSent: outcomes.length,
  answered: responses.length,
  byStatus,
  refusedAfterClose: refused,
  resets: resets.length,
  resetsBeforeSignal: resetsBeforeSignal.length,
  inFlightAtSignal,
  inFlightTasksAtSignal: draining.map((line) => line.inFlightTasks),
  serviceAccepted: accepted,
  serviceAnswered: finished,
  serviceClientAborted: serverAborted,
  exitCode: exit.code,
  exitSignal: exit.signal,
  exitMs,
  drainMs: done.map((line) => line.ms),
};
console.log(
  `SIGTERM under load (${values.cluster ? "cluster of 2" : "one process"}, ${clients} clients): ` +
    `${responses.length} answered ${JSON.stringify(byStatus)}, ${refused} refused after close, ` +
    `${resets.length} reset by the kernel at close (queued, never accepted); in flight at the signal: ${inFlightAtSignal} requests, ` +
    `${JSON.stringify(result.inFlightTasksAtSignal)} .NET/pool tasks; the service accepted ${accepted}, ` +
    `answered ${finished}; exit ${exit.code ?? exit.signal} ${exitMs} ms after the signal`,
);
if (failures.length > 0) console.log(`FAIL\n  - ${failures.join("\n  - ")}`);
if (service.otherOutput.length > 0)
  console.log(`stderr: ${service.otherOutput.join("").slice(0, 2000)}`);
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
