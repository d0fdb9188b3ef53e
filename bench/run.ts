// `npm run bench`: runs every target in its own process (each wants the process's one
// .NET runtime), one after another on the same machine, and writes bench/RESULTS.md with
// medians and ratios. Performance claims live here, never in tests.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem, type as osType, release } from "node:os";
import { fileURLToPath } from "node:url";
import { getEnvironmentInfo } from "../index.js";
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

const results = targets.map(runTarget);
const by = (name: string) => results.find((result) => result.target === name);
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
  "Per-call rows are the median of 25 timed batches (after warm-up) in nanoseconds per call; the ratio is against the Rust `add` floor (the cost of crossing Node-API with two numbers).",
  "",
);
const perCall: RowName[] = [
  "empty",
  "rustAdd",
  "add",
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
const whole: RowName[] = ["async100k", "coldStart", "rss"];
lines.push(`| row | ${results.map((result) => result.target).join(" | ")} |`);
lines.push(`| --- | ${results.map(() => "---").join(" | ")} |`);
for (const name of whole) {
  const reference = value(host.rows[name]);
  lines.push(
    `| ${rowNames[name]} | ${results.map((result) => cell(result.rows[name], reference)).join(" | ")} |`,
  );
}

// The issue's targets, checked against this run.
lines.push("", "## Targets", "");
const add = value(host.rows.add);
if (add !== undefined && floor !== undefined) {
  const ratio = add / floor;
  lines.push(
    `- Typed \`Add\` within 1.5× of the Rust floor: ${ratio <= 1.5 ? "met" : "**not met**"} (${ratio.toFixed(2)}×).`,
  );
}
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
writeFileSync(new URL("RESULTS.md", import.meta.url), lines.join("\n"));
process.stdout.write(lines.join("\n"));
