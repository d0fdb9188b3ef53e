// The cold-start baseline without Node: a plain .NET console app (bench/ColdStart, build:
// `npx tsx scripts/build-dotnet.ts bench`) that prints Typed.Calc.Add(1, 2), timed from
// spawn to that first line, through the dotnet muxer and through its apphost.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { coldStartCommand } from "../cold-start.js";
import { report, row, type Row } from "../measure.js";

const dir = new URL("../out/ColdStart/", import.meta.url).pathname;
const dll = `${dir}ColdStart.dll`;
const apphost = `${dir}ColdStart${process.platform === "win32" ? ".exe" : ""}`;

/** The app's two lines: Add's result, then the runtime version it ran on. */
function runOnce(): [string, string] {
  if (!existsSync(dll)) {
    throw new Error(
      `${dll} is missing: run \`npx tsx scripts/build-dotnet.ts bench\``,
    );
  }
  const [result = "", runtime = ""] = execFileSync("dotnet", [dll], {
    encoding: "utf8",
  }).split("\n");
  if (result.trim() !== "3") {
    throw new Error(`ColdStart printed ${JSON.stringify(result)}, not 3`);
  }
  return [result, runtime.trim()];
}

let runtime = "?";
const rows: Record<string, Row> = {
  coldStart: await row(async () => {
    runtime = runOnce()[1];
    const muxer = await coldStartCommand("dotnet", [dll]);
    // The apphost skips the muxer's command-line parsing; only built where the SDK has an
    // apphost pack for this platform.
    const native = existsSync(apphost)
      ? await coldStartCommand(apphost, [])
      : undefined;
    const nativeMs =
      native && "value" in native
        ? `${native.value.toFixed(1)} ms`
        : "not built";
    return {
      ...muxer,
      note: `dotnet ColdStart.dll; apphost ./ColdStart: ${nativeMs}`,
    };
  }),
};
report({ target: "dotnet-console", version: `.NET ${runtime}`, rows });
