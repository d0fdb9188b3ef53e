// Where start-up goes: fresh processes that import dotnet-host, load the Typed fixture,
// bind Add and call it, each step timed in-process (performance.now() counts from the
// process's start); the runtime's own steps come from marks lib/typed/runtime.ts sets.
// Median of `runs` processes per step. `npm run bench -- --startup` prints it.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { typedDll } from "./measure.js";

export const steps = {
  node: "Node.js start-up (process start → first line of user code)",
  import: "import dotnet-host (ES modules, the addon)",
  hostfxr: "find and load hostfxr, initialize the host context",
  runtime: "start the runtime, load and initialize the bridge",
  assembly: "load the assembly (its load context, listing)",
  bind: "first bind (the bridge's binding code runs for the first time)",
  call: "first call",
  inProcess: "in process, total",
  wall: "process start → first result (wall, as the coldStart row)",
} as const;

export type Step = keyof typeof steps;

const probe = (index: string) => `
const t0 = performance.now();
const { load } = await import(${JSON.stringify(index)});
const t1 = performance.now();
const lib = load(${JSON.stringify(typedDll)});
const t2 = performance.now();
const add = lib.bind("Typed.Calc.Add");
const t3 = performance.now();
const result = add(1, 2);
const t4 = performance.now();
const marks = Object.fromEntries(performance.getEntriesByType("mark").map((mark) => [mark.name, mark.startTime]));
const hostfxr = marks["dotnet-host:hostfxr-initialized"], bridge = marks["dotnet-host:bridge-ready"];
process.stdout.write(JSON.stringify({ result, node: t0, import: t1 - t0, hostfxr: hostfxr - t1,
  runtime: bridge - hostfxr, assembly: t2 - bridge, bind: t3 - t2, call: t4 - t3, inProcess: t4 }) + "\\n");
`;

function once(
  script: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<Step, number>> {
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", script],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
    );
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on("data", (chunk: Buffer) => {
      if (!stdout) stdout = String(performance.now() - begin) + "\n";
      stdout += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const [wall, json] = stdout.split("\n");
      if (code !== 0 || !json)
        return reject(
          new Error(`start-up probe exited with ${code}: ${stderr.trim()}`),
        );
      const parsed = JSON.parse(json) as Record<Step, number> & {
        result: number;
      };
      if (parsed.result !== 3)
        return reject(new Error(`Add(1, 2) gave ${parsed.result}`));
      resolve({ ...parsed, wall: Number(wall) });
    });
  });
}

/**
 * Median milliseconds per step over `runs` fresh processes, and Node alone, started in
 * turn with the probe: `overNodeAlone` is the median of each run's difference (wall
 * against Node alone), which drift between runs on a shared machine does not move.
 */
export async function startup(
  index: string,
  runs: number,
  env: NodeJS.ProcessEnv = {},
): Promise<{
  steps: Record<Step, number>;
  nodeAlone: number;
  overNodeAlone: number;
}> {
  const samples: Record<Step, number>[] = [];
  const alone: number[] = [];
  for (let run = 0; run < runs; run++) {
    samples.push(await once(probe(index), env));
    const begin = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ["-e", "console.log(1)"], {
        stdio: ["ignore", "pipe", "ignore"],
      });
      child.stdout.once("data", () => {
        alone.push(performance.now() - begin);
        resolve();
      });
      child.once("error", reject);
    });
  }
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const result = Object.fromEntries(
    (Object.keys(steps) as Step[]).map((step) => [
      step,
      median(samples.map((sample) => sample[step])),
    ]),
  ) as Record<Step, number>;
  const over = samples.map((sample, run) => sample.wall - alone[run]!);
  return {
    steps: result,
    nodeAlone: median(alone),
    overNodeAlone: median(over),
  };
}
