// Start-up levers, each measured against the shipped form in the same run (alternating,
// so machine noise hits both alike): bench/PROFILE.md records the results.
//
//   npx tsx bench/startup-levers.ts [runs]
//
// - shipped: index.js (the bundled module) and the bridge load() picks: the ReadyToRun
//   image for this runtime's .NET major where the package has one;
// - IL bridge: the same with DOTNET_HOST_BRIDGE_DIR naming the IL bridge, which the
//   runtime JIT-compiles as it runs;
// - modules: the 60 ES modules of dist/ (dist/index.js) instead of the bundle.
import { fileURLToPath } from "node:url";
import { startup, steps, type Step } from "./startup.js";

const runs = Number(process.argv[2] ?? 10);
const ilBridge = fileURLToPath(
  new URL("../managed/out/DotnetHost.Bridge/", import.meta.url),
);

const variants = {
  shipped: { entry: "../index.js", env: {} },
  ilBridge: { entry: "../index.js", env: { DOTNET_HOST_BRIDGE_DIR: ilBridge } },
  modules: { entry: "../dist/index.js", env: {} },
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
