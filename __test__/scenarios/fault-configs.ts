// fault-configs.ts <cases.json>: in a fresh process (no runtime yet), initializes each
// runtimeconfig listed in cases.json ({ name, path }[]) as the primary context. After
// each attempt it checks that the process is still usable: a good config initializes as
// primary again and closes (hostfxr is not wedged). At the end it starts the runtime and
// calls .NET. Prints "trying <name>" before each attempt, so a case that ends the process
// can be told from the output.
import { readFileSync } from "node:fs";
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { fixture, fixtureConfig } from "../helpers.js";
import { attempt, report } from "./report.js";

const cases = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as {
  name: string;
  path: string;
}[];
const outcomes: Record<string, unknown> = {};
for (const { name, path } of cases) {
  process.stdout.write(`trying ${name}\n`);
  const outcome = attempt(() => {
    const context = initializeForRuntimeConfig(path);
    const seen = { status: context.status, isPrimary: context.isPrimary };
    context.close();
    return seen;
  });
  const health = attempt(() => {
    const context = initializeForRuntimeConfig(fixtureConfig("Faults"));
    const seen = { status: context.status, isPrimary: context.isPrimary };
    context.close();
    return seen;
  });
  outcomes[name] = { ...outcome, health };
}
const final = attempt(() =>
  initializeForRuntimeConfig(fixtureConfig("Faults"))
    .loadAssemblyAndGetFunctionPointer(
      fixture("Faults"),
      "Faults.Entry, Faults",
      "Sum",
    )
    .call(Buffer.from([1, 2, 3])),
);
report({ outcomes, final });
