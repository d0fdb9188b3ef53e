// initialize.ts <runtimeconfig> [dotnetRoot]: initialize once in a fresh process.
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { attempt, report } from "./report.js";

const [config, dotnetRoot] = process.argv.slice(2);
report(
  attempt(() => {
    const context = initializeForRuntimeConfig(
      config ?? "",
      dotnetRoot ? { dotnetRoot } : {},
    );
    return { status: context.status, isPrimary: context.isPrimary };
  }),
);
