// Memory sizing: the same fixed-rate mixed load under several .NET GC settings.
//
//   node --import tsx scripts/service/gc-settings.ts [--duration 30] [--rate 100]
//
// Each setting is environment variables for the service process (the .NET runtime in
// Node reads DOTNET_* as dotnet does). Prints, per setting: latency, RSS after warm-up and
// after the run, the peak RSS sampled every second, .NET's heap and committed memory and
// its GC counts, and errors.
import { parseArgs } from "node:util";
import {
  checkPrerequisites,
  loadAutocannon,
  machine,
  requestMix,
  sleep,
  startService,
} from "./common.js";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "30" },
    rate: { type: "string", default: "100" },
  },
});
const duration = Number(values.duration);
const rate = Number(values.rate);
checkPrerequisites();
const autocannon = await loadAutocannon();

const settings: { label: string; env: Record<string, string> }[] = [
  { label: "default (workstation, concurrent)", env: {} },
  { label: "DOTNET_gcServer=1", env: { DOTNET_gcServer: "1" } },
  {
    label: "DOTNET_gcServer=1 DOTNET_GCHeapCount=1",
    env: { DOTNET_gcServer: "1", DOTNET_GCHeapCount: "1" },
  },
  {
    label: "DOTNET_GCHeapHardLimit=0x4000000 (64 MiB)",
    env: { DOTNET_GCHeapHardLimit: "0x4000000" },
  },
  { label: "DOTNET_gcConcurrent=0", env: { DOTNET_gcConcurrent: "0" } },
];

const mix = requestMix({
  async: "mode=async&paths=20000",
  pool: "mode=pool&paths=20000",
  sync: "mode=sync",
});

console.log(
  `gc-settings: ${duration} s at ${rate} req/s per setting; ${JSON.stringify(machine())}`,
);
const lines: string[] = [];
for (const setting of settings) {
  const service = await startService({ env: setting.env });
  const load = (seconds: number) =>
    autocannon({
      url: service.baseUrl,
      connections: 10,
      duration: seconds,
      overallRate: rate,
      maxOverallRequests: Math.ceil(rate * seconds * 1.1) + 10,
      requests: mix,
      timeout: 10,
    });
  await load(5);
  await sleep(1000);
  const warm = await service.metrics(true);
  let peak = warm.rssMb;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await sleep(1000);
      peak = Math.max(peak, (await service.metrics()).rssMb);
    }
  })();
  const result = await load(duration);
  sampling = false;
  await sampler;
  const after = await service.metrics(true);
  const gc = after.engineDiagnostics.dotnetGc;
  const exit = await service.stop("SIGTERM");
  const line =
    `| ${setting.label} | ${gc?.serverGc ? "server" : "workstation"} | ${result.latency.p50} | ${result.latency.p99} | ` +
    `${warm.rssMb} | ${after.rssMb} | ${peak} | ${gc?.heapMb} | ${gc?.committedMb} | ` +
    `${gc?.collections.join(" / ")} | ${result.errors} / ${result.non2xx} | ${exit.code} |`;
  console.log(line);
  lines.push(line);
}
console.log(
  `\n| setting | GC | p50 ms | p99 ms | RSS after warm-up MiB | RSS after run MiB | peak RSS MiB | .NET heap MiB | .NET committed MiB | GCs gen0 / 1 / 2 | errors / non-2xx | exit |`,
);
console.log(
  "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: |",
);
for (const line of lines) console.log(line);
