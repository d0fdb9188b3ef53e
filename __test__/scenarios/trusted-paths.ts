// Files and environment variables dotnet-host trusts, given hostile values. Each case runs
// in its own process (the environment is read at start-up, one runtime per process):
//   generated  load a library with no runtimeconfig (the config dotnet-host writes for it,
//              in TMPDIR's private directory, which the test prepared)
//   fifo       load() of a FIFO, as the assembly, its runtimeconfig, or the one beside it
//   bridge     a typed call with DOTNET_HOST_BRIDGE_DIR as the test set it
//   native     import the package with DOTNET_HOST_NATIVE_PATH as the test set it
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { fixture, tempDir } from "../helpers.js";
import { attempt, describeError, report } from "./report.js";

const which = process.argv[2];

if (which === "native") {
  try {
    await import("../../lib/index.js");
    report({ loaded: true });
  } catch (error) {
    report({ error: describeError(error) });
  }
} else {
  const { load } = await import("../../lib/index.js");
  if (which === "generated") {
    const directory = tempDir();
    copyFileSync(fixture("Typed"), join(directory, "Typed.dll"));
    report(
      attempt(() =>
        load(join(directory, "Typed.dll")).bind("Typed.Calc.Add")(40, 2),
      ),
    );
  } else if (which === "fifo") {
    const [assembly, config, beside] = process.argv.slice(3) as [
      string,
      string,
      string,
    ];
    report({
      assembly: attempt(() => load(assembly)),
      config: attempt(() => load(fixture("Typed"), { runtimeConfig: config })),
      beside: attempt(() => load(beside)),
      after: attempt(() => load(fixture("Typed")).bind("Typed.Calc.Add")(1, 2)),
    });
  } else if (which === "bridge") {
    report(
      attempt(() => load(fixture("Typed")).bind("Typed.Calc.Add")(20, 22)),
    );
  } else {
    throw new Error(`unknown case ${which}`);
  }
}
