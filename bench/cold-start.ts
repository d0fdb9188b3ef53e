// Cold start: from spawning a process to its first line of output, median of 10 runs.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { quick, type Row } from "./measure.js";

function once(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const begin = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => resolve(performance.now() - begin));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0)
        reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

export async function coldStartCommand(
  command: string,
  args: string[],
  fullRuns = 10,
): Promise<Row> {
  const runs = quick ? 1 : fullRuns;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push(await once(command, args));
  times.sort((a, b) => a - b);
  return { value: times[Math.floor(times.length / 2)]!, unit: "ms" };
}

/** Node running `script` (an ES module), timed to its first output. */
export function coldStart(script: string, runs?: number): Promise<Row> {
  return coldStartCommand(
    process.execPath,
    ["--input-type=module", "-e", script],
    runs,
  );
}
