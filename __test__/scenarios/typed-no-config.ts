// A class library without a runtimeconfig.json starts the newest installed .NET 8+.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { load, getEnvironmentInfo } from "../../lib/index.js";
import { fixture, tempDir } from "../helpers.js";
import { attempt, report } from "./report.js";

const directory = tempDir();
copyFileSync(fixture("Typed"), join(directory, "Typed.dll"));
const result = attempt(() =>
  load(join(directory, "Typed.dll")).bind("Typed.Calc.Add")(40, 2),
);
const newest = getEnvironmentInfo()
  .frameworks.filter((framework) => framework.name === "Microsoft.NETCore.App")
  .map((framework) => framework.version)
  .sort()
  .pop();
const runtimeVersion = attempt(() =>
  load(join(directory, "Typed.dll")).bind("Typed.Text.Echo")("x"),
);
report({ result, runtimeVersion, newest });
