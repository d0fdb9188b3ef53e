// `npm run bench`: runs every target in its own process (each wants the process's one
// .NET runtime), one after another on the same machine, and writes bench/RESULTS.md with
// medians and ratios. Performance claims live here, never in tests.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem, type as osType, release } from "node:os";
import { fileURLToPath } from "node:url";
import { getEnvironmentInfo } from "../index.js";
import { startup, steps, type Step } from "./startup.js";
import {
  rowNames,
  type Row,
  type RowName,
  type TargetResult,
} from "./measure.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const targets = [
  "dotnet-host",
  "koffi",
  "node-api-dotnet",
  "edge-js",
  "dotnet-console",
];

// `--repeat N`: every target N times, round robin; each row is the median of its N
// medians, with their spread. `--quick`: a few short batches per row (CI: every row still
// runs), RESULTS.md left alone. `--startup`: where dotnet-host's start-up goes.
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const repeatAt = argv.indexOf("--repeat");
const repeat = repeatAt >= 0 ? Number(argv[repeatAt + 1]) : 1;
if (!Number.isInteger(repeat) || repeat < 1) {
  process.stderr.write("bench: --repeat takes a whole number of runs\n");
  process.exit(2);
}
const withStartup = argv.includes("--startup") || !quick;

function runTarget(name: string): TargetResult {
  process.stderr.write(`bench: ${name}…\n`);
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", `bench/targets/${name}.ts`],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 15 * 60_000,
      maxBuffer: 64 << 20,
      env: { ...process.env, DOTNET_HOST_BENCH_QUICK: quick ? "1" : "0" },
    },
  );
  const last = child.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(last) as TargetResult;
  } catch {
    const reason = `target failed (exit ${child.status}${child.signal ? `, ${child.signal}` : ""}): ${(child.stderr || child.stdout).trim().split("\n").slice(-3).join(" ")}`;
    return {
      target: name,
      version: "?",
      rows: Object.fromEntries(
        Object.keys(rowNames).map((row) => [row, { unavailable: reason }]),
      ),
    };
  }
}

/** Rows of several runs of one target: the median of the medians, and their range. */
function combine(runs: TargetResult[]): TargetResult {
  const first = runs[0]!;
  const rows: Record<string, Row> = {};
  for (const name of Object.keys(first.rows)) {
    const values = runs
      .map((run) => value(run.rows[name]))
      .filter((number): number is number => number !== undefined)
      .sort((a, b) => a - b);
    const sample = first.rows[name]!;
    if (values.length === 0 || "unavailable" in sample) {
      rows[name] = sample;
      continue;
    }
    const median = values[Math.floor(values.length / 2)]!;
    const spread =
      runs.length > 1
        ? `range ${values[0]!.toPrecision(3)}–${values[values.length - 1]!.toPrecision(3)} over ${runs.length} runs`
        : undefined;
    const ratios = runs
      .map((run) => run.rows[name])
      .map((row) => (row && "pairedRatio" in row ? row.pairedRatio : undefined))
      .filter((ratio): ratio is number => ratio !== undefined)
      .sort((a, b) => a - b);
    const pairedRatio =
      ratios.length > 0 ? ratios[Math.floor(ratios.length / 2)] : undefined;
    const paired =
      pairedRatio === undefined
        ? undefined
        : `paired with the floor: ${pairedRatio.toFixed(2)}×${ratios.length > 1 ? ` (range ${ratios[0]!.toFixed(2)}–${ratios.at(-1)!.toFixed(2)})` : ""}`;
    const note = [
      ("note" in sample && sample.note) || undefined,
      paired,
      spread,
    ]
      .filter(Boolean)
      .join("; ");
    rows[name] =
      "medianNs" in sample
        ? { medianNs: median, samples: sample.samples, note, pairedRatio }
        : "totalMs" in sample
          ? { totalMs: median, note }
          : { value: median, unit: sample.unit, note };
  }
  return { ...first, rows };
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const dirty = execFileSync(
      "git",
      ["status", "--porcelain", "--untracked-files=no"],
      { cwd: root, encoding: "utf8" },
    ).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}

function value(row: Row | undefined): number | undefined {
  if (!row || "unavailable" in row) return undefined;
  if ("medianNs" in row) return row.medianNs;
  if ("totalMs" in row) return row.totalMs;
  return row.value;
}

function unit(row: Row | undefined): string {
  if (!row || "unavailable" in row) return "";
  if ("medianNs" in row) return "ns";
  if ("totalMs" in row) return "ms";
  return row.unit;
}

function cell(row: Row | undefined, reference: number | undefined): string {
  if (!row) return "—";
  if ("unavailable" in row)
    return `n/a (${row.unavailable.replaceAll("|", "/")})`;
  const number = value(row)!;
  const digits = number < 10 ? 2 : number < 100 ? 1 : 0;
  const ratio =
    reference !== undefined && reference > 0
      ? ` (${(number / reference).toFixed(2)}×)`
      : "";
  const note = "note" in row && row.note ? ` — ${row.note}` : "";
  return `${number.toFixed(digits)} ${unit(row)}${ratio}${note}`;
}

const runs = new Map<string, TargetResult[]>(targets.map((name) => [name, []]));
for (let round = 0; round < repeat; round++)
  for (const name of targets) runs.get(name)!.push(runTarget(name));
const results = targets.map((name) => combine(runs.get(name)!));
const by = (name: string) => results.find((result) => result.target === name);
const startupSteps = withStartup
  ? {
      runs: quick ? 2 : 10,
      ...(await startup(
        new URL("../index.js", import.meta.url).href,
        quick ? 2 : 10,
      )),
    }
  : undefined;
const host = by("dotnet-host")!;
const floor = value(host.rows.rustAdd);
const runtime = (() => {
  try {
    const info = getEnvironmentInfo();
    return `hostfxr ${info.hostfxrVersion}; Microsoft.NETCore.App ${info.frameworks
      .filter((f) => f.name === "Microsoft.NETCore.App")
      .map((f) => f.version)
      .join(", ")}`;
  } catch (error) {
    return `unknown (${String(error)})`;
  }
})();

const lines: string[] = [];
lines.push("# Benchmark results", "");
lines.push(
  `Produced by \`npm run bench\` on ${new Date().toISOString()}. Each target ran in its own process, one after another, on:`,
  "",
);
lines.push(
  `- machine: ${cpus()[0]?.model ?? "?"}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}`,
);
lines.push(`- Node.js ${process.version}; .NET: ${runtime}`);
lines.push(
  `- ${results.map((result) => `${result.target} ${result.version}`).join(", ")}`,
  "",
);
lines.push(
  `Commit ${commit()}. Per-call rows are the median of 25 timed batches (after 2 s of warm-up, in which .NET tiers hot code up) in nanoseconds per call${repeat > 1 ? `, then the median of ${repeat} runs of every target (round robin), with the range of the runs` : ""}; the ratio is against the Rust \`add\` floor (the cost of crossing Node-API with two numbers), measured in the same run. dotnet-host's rows are also paired with the floor: a floor batch runs before and after each timed batch, and "paired with the floor" is the median of the batches' ratios to the floor batches around them, which the machine's drift between rows does not move (the targets below use it). Every peer is used in its fastest documented form (functions and classes hoisted); the "looked up" row is the namespace form.`,
  "",
);
const perCall: RowName[] = [
  "empty",
  "rustAdd",
  "add",
  "addLookup",
  "addRaw",
  "echo100",
  "span1",
  "span1M",
  "json",
  "construct",
  "instanceCall",
  "propertyGet",
  "callbackSync",
  "callbackThread",
];
const columns = results.filter((result) => result.target !== "dotnet-console");
lines.push(`| row | ${columns.map((result) => result.target).join(" | ")} |`);
lines.push(`| --- | ${columns.map(() => "---").join(" | ")} |`);
for (const name of perCall) {
  lines.push(
    `| ${rowNames[name]} | ${columns.map((result) => cell(result.rows[name], floor)).join(" | ")} |`,
  );
}
lines.push("", "Whole-process rows (ratio against dotnet-host):", "");
const whole: RowName[] = ["async100k", "coldStart", "rss", "wrappers100k"];
lines.push(`| row | ${results.map((result) => result.target).join(" | ")} |`);
lines.push(`| --- | ${results.map(() => "---").join(" | ")} |`);
for (const name of whole) {
  const reference = value(host.rows[name]);
  lines.push(
    `| ${rowNames[name]} | ${results.map((result) => cell(result.rows[name], reference)).join(" | ")} |`,
  );
}

if (startupSteps) {
  lines.push("", "## Start-up", "");
  lines.push(
    `Median of ${startupSteps.runs} fresh processes that import dotnet-host, load the Typed fixture, bind \`Add\` and call it (bench/startup.ts); Node alone (\`node -e "console.log(1)"\`, spawn → output, started in turn with them): ${startupSteps.nodeAlone.toFixed(0)} ms; the median of the per-run differences: ${startupSteps.overNodeAlone.toFixed(1)} ms.`,
    "",
    "| step | ms |",
    "| --- | --- |",
  );
  for (const [step, label] of Object.entries(steps))
    lines.push(`| ${label} | ${startupSteps.steps[step as Step].toFixed(1)} |`);
}

// Issue #13's targets, checked against this run.
lines.push("", "## Targets", "");
// Paired with the floor batch by batch where the row was (see bench/measure.ts).
const ratioOf = (name: RowName) => {
  const row = host.rows[name];
  if (row && "pairedRatio" in row && row.pairedRatio !== undefined)
    return row.pairedRatio;
  const ours = value(row);
  return ours !== undefined && floor !== undefined && floor > 0
    ? ours / floor
    : undefined;
};
const peer = (target: string, name: RowName) => value(by(target)?.rows[name]);
const verdict = (met: boolean | undefined, detail: string) =>
  `${met === undefined ? "not measured" : met ? "met" : "**not met**"} (${detail})`;
const targetLines: [string, boolean | undefined, string][] = [];
const perFloor = (name: RowName, limit: number, what: string) => {
  const ratio = ratioOf(name);
  targetLines.push([
    `${what} ≤ ${limit}× the floor`,
    ratio === undefined ? undefined : ratio <= limit,
    ratio === undefined ? "no value" : `${ratio.toFixed(2)}× paired`,
  ]);
};
perFloor("add", 1.25, "static typed call");
perFloor("instanceCall", 2, "instance method");
perFloor("propertyGet", 2, "property read");
perFloor("construct", 10, "construction");
perFloor("callbackSync", 10, "sync JavaScript callback");
perFloor("echo100", 3, "100-char string round trip");
perFloor("json", 50, "JSON record round trip (halved from 89–104×)");
{
  const ours = value(host.rows.callbackThread);
  const theirs = peer("node-api-dotnet", "callbackThread");
  targetLines.push([
    "a JavaScript function called from a .NET thread ≤ 0.5× node-api-dotnet",
    ours === undefined || theirs === undefined ? undefined : ours <= theirs / 2,
    `${ours?.toFixed(0)} ns vs ${theirs?.toFixed(0)} ns`,
  ]);
}
{
  const ours = value(host.rows.coldStart);
  const edge = peer("edge-js", "coldStart");
  const napi = peer("node-api-dotnet", "coldStart");
  // The start-up probe and Node alone run in turn from this process (bench/startup.ts):
  // the median of their per-run differences. The coldStart row, from each target's own
  // process minutes apart, compares the peers.
  const over = startupSteps?.overNodeAlone;
  targetLines.push([
    "process start → first result ≤ Node alone + 100 ms",
    over === undefined ? undefined : over <= 100,
    over === undefined
      ? "not measured (--startup)"
      : `Node alone + ${over.toFixed(0)} ms, median of ${startupSteps!.runs} runs started in turn (probe ${startupSteps!.steps.wall.toFixed(0)} ms, Node alone ${startupSteps!.nodeAlone.toFixed(0)} ms); coldStart row ${ours?.toFixed(0)} ms`,
  ]);
  targetLines.push([
    "cold start ahead of edge-js and node-api-dotnet",
    ours === undefined || edge === undefined || napi === undefined
      ? undefined
      : ours < edge && ours < napi,
    `${ours?.toFixed(0)} ms; edge-js ${edge?.toFixed(0)} ms; node-api-dotnet ${napi?.toFixed(0)} ms`,
  ]);
}
{
  const ours = value(host.rows.rss);
  const edge = peer("edge-js", "rss");
  targetLines.push([
    "peak RSS after start-up ≤ edge-js",
    ours === undefined || edge === undefined ? undefined : ours <= edge,
    `${ours?.toFixed(0)} MiB vs ${edge?.toFixed(0)} MiB`,
  ]);
}
for (const [what, met, detail] of targetLines)
  lines.push(`- ${what}: ${verdict(met, detail)}`);
lines.push("");
for (const name of [
  ...perCall.filter((row) => row !== "empty" && row !== "rustAdd"),
  ...whole,
]) {
  const ours = value(host.rows[name]);
  const beaten = results
    .filter((result) => result.target !== "dotnet-host")
    .filter((result) => {
      const theirs = value(result.rows[name]);
      return ours !== undefined && theirs !== undefined && theirs < ours;
    })
    .map(
      (result) => `${result.target} (${cell(result.rows[name], undefined)})`,
    );
  if (beaten.length > 0)
    lines.push(
      `- ${rowNames[name]}: **slower than** ${beaten.join(", ")}; dotnet-host ${cell(host.rows[name], undefined)}.`,
    );
}
lines.push(
  "",
  "Where the time of a typed call goes: [PROFILE.md](PROFILE.md).",
  "",
);
process.stdout.write(lines.join("\n"));
if (quick) {
  // Every dotnet-host row must still run: a row that rots fails CI (no timing checked).
  const broken = Object.entries(host.rows).filter(
    ([, row]) => "unavailable" in row,
  );
  const dead = results.filter((result) =>
    Object.values(result.rows).every((row) => "unavailable" in row),
  );
  for (const [name, row] of broken)
    process.stderr.write(
      `bench: dotnet-host row ${name} failed: ${(row as { unavailable: string }).unavailable}\n`,
    );
  for (const result of dead)
    process.stderr.write(
      `bench: target ${result.target} failed: ${JSON.stringify(Object.values(result.rows)[0])}\n`,
    );
  process.exitCode = broken.length || dead.length ? 1 : 0;
} else {
  writeFileSync(new URL("RESULTS.md", import.meta.url), lines.join("\n"));
}
