// Runs under Windows Node.js in a fresh process, started by checks.ts: performs the
// steps given as JSON in argv[2] with the package entry, and prints one JSON line with
// each step's outcome ({ ok } or { error }). A fresh process per probe, because the
// first hostfxr loaded stays loaded and answers every later automatic search.
import { createRequire } from "node:module";
import {
  getEnvironmentInfo,
  initializeForRuntimeConfig,
  resolveHostfxr,
  type HostfxrOptions,
} from "../../index.js";

export type Step =
  | { op: "addon" }
  | { op: "env"; name: string }
  | { op: "resolve"; options?: HostfxrOptions }
  | { op: "environmentInfo"; options?: HostfxrOptions }
  | {
      op: "run";
      config: string;
      assembly: string;
      options?: HostfxrOptions;
    };

export type Outcome = {
  ok?: unknown;
  error?: {
    name: string;
    message: string;
    code?: unknown;
    hint?: unknown;
    searched?: { source: string; location: string; reason: string }[];
  };
};

const require = createRequire(import.meta.url);

function perform(step: Step): unknown {
  switch (step.op) {
    case "addon":
      // The loader require()s the addon, so Node's module cache names the file it chose.
      return Object.keys(require.cache).filter((key) => key.endsWith(".node"));
    case "env":
      return process.env[step.name];
    case "resolve":
      return resolveHostfxr(step.options);
    case "environmentInfo":
      return getEnvironmentInfo(step.options);
    case "run": {
      const context = initializeForRuntimeConfig(step.config, step.options);
      try {
        const size = context.loadAssemblyAndGetFunctionPointer(
          step.assembly,
          "Fixture.Entry, Fixture",
          "Size",
        );
        return {
          status: context.status,
          hostfxrPath: context.hostfxrPath,
          hostfxrSource: context.hostfxrSource,
          assemblyPath: size.assemblyPath,
          returned: size.call(Buffer.alloc(7)),
        };
      } finally {
        context.close();
      }
    }
  }
}

const steps = JSON.parse(process.argv[2] ?? "[]") as Step[];
const outcomes: Outcome[] = steps.map((step) => {
  try {
    return { ok: perform(step) };
  } catch (error) {
    const record = error as Record<string, unknown>;
    return {
      error: {
        name: String(record.name),
        message: String(record.message),
        code: record.code,
        hint: record.hint,
        searched: record.searched as NonNullable<Outcome["error"]>["searched"],
      },
    };
  }
});
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
