// Start-up levers, each measured against the shipped form in the same run (alternating,
// so machine noise hits both alike): bench/PROFILE.md records the results.
//
//   npx tsx bench/startup-levers.ts [runs]
//
// - entry: the 60 ES modules of dist/ (dist/index.js) against the one bundled module
//   index.js imports (dist/bundle/index.js);
// - ReadyToRun: the bridge precompiled with crossgen2 (`dotnet publish -r <rid>
//   -p:PublishReadyToRun=true`, into bench/out/r2r) against the IL the package ships.
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { arch, platform } from "node:os";
import { fileURLToPath } from "node:url";
import { startup, steps, type Step } from "./startup.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const runs = Number(process.argv[2] ?? 10);
const rid = `${platform() === "win32" ? "win" : platform()}-${arch()}`;
const r2r = fileURLToPath(new URL("./out/r2r/", import.meta.url));
// Published from a copy, so the shipped build's obj/ and output stay as they are.
const source = fileURLToPath(
  new URL("./out/r2r-src/DotnetHost.Bridge/", import.meta.url),
);
rmSync(source, { recursive: true, force: true });
cpSync(join(root, "managed", "DotnetHost.Bridge"), source, {
  recursive: true,
  filter: (path) => !/[\\/](bin|obj)$/.test(path),
});
const published = spawnSync(
  "dotnet",
  [
    "publish",
    join(source, "DotnetHost.Bridge.csproj"),
    "-c",
    "Release",
    "-r",
    rid,
    "--self-contained",
    "false",
    "-p:PublishReadyToRun=true",
    "-o",
    r2r,
    "-nologo",
  ],
  { cwd: root, encoding: "utf8" },
);
if (published.status !== 0) {
  console.error(
    `ReadyToRun publish failed:\n${published.stdout}${published.stderr}`,
  );
  process.exit(1);
}

const variants = {
  shipped: { entry: "../index.js", env: {} },
  modules: { entry: "../dist/index.js", env: {} },
  readyToRun: { entry: "../index.js", env: { DOTNET_HOST_BRIDGE_DIR: r2r } },
} as const;
type Variant = keyof typeof variants;
const samples = new Map<Variant, Record<Step, number>[]>();
for (let run = 0; run < runs; run++) {
  for (const [name, variant] of Object.entries(variants) as [
    Variant,
    (typeof variants)[Variant],
  ][]) {
    const { steps: measured } = await startup(
      new URL(variant.entry, import.meta.url).href,
      1,
      variant.env,
    );
    samples.set(name, [...(samples.get(name) ?? []), measured]);
  }
}
const median = (values: number[]) =>
  values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const names = Object.keys(variants) as Variant[];
console.log(`| step (median of ${runs} runs, ms) | ${names.join(" | ")} |`);
console.log(`| --- | ${names.map(() => "---").join(" | ")} |`);
for (const [step, label] of Object.entries(steps) as [Step, string][]) {
  console.log(
    `| ${label} | ${names.map((name) => median(samples.get(name)!.map((sample) => sample[step])).toFixed(1)).join(" | ")} |`,
  );
}
