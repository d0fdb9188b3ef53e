// A second load whose config cannot run on the runtime already started.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "../../lib/index.js";
import { fixture, tempDir } from "../helpers.js";
import { attempt, report } from "./report.js";

const first = attempt(() =>
  load(fixture("Typed")).bind("Typed.Calc.Add")(1, 2),
);
const config = join(tempDir(), "other.runtimeconfig.json");
writeFileSync(
  config,
  JSON.stringify({
    runtimeOptions: {
      tfm: "net99.0",
      rollForward: "Disable",
      framework: { name: "Microsoft.NETCore.App", version: "99.0.0" },
    },
  }),
);
const second = attempt(() => load(fixture("Typed"), { runtimeConfig: config }));
const after = attempt(() =>
  load(fixture("Typed")).bind("Typed.Calc.Add")(3, 4),
);
report({ first, second, after });
