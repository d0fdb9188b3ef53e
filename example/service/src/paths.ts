import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built .NET library (scripts/build-dotnet.ts example/service). */
export const pricingDll = fileURLToPath(
  new URL("../out/Pricing/Pricing.dll", import.meta.url),
);

export function requirePricingDll(): string {
  if (!existsSync(pricingDll)) {
    throw new Error(
      `${pricingDll} is missing: build it with \`npx tsx scripts/build-dotnet.ts example/service\` (needs the .NET SDK 8+)`,
    );
  }
  return pricingDll;
}

/** The piscina worker that runs the risk model off the event loop. */
export const riskWorkerUrl = new URL("./risk-worker.ts", import.meta.url);
