// Which bridge load() used, and which of the bridge's methods .NET compiled at run time:
// run with DOTNET_JitStdOutFile and DOTNET_JitDisasmSummary=1, .NET lists every method its
// JIT compiles (ReadyToRun code it uses is not compiled).
import { readFileSync } from "node:fs";
import { load } from "../../lib/index.js";
import { loadedBridge } from "../../lib/typed/runtime.js";
import { fixture } from "../helpers.js";
import { report } from "./report.js";

const typed = load(fixture("Typed"));
const add = typed.bind("Typed.Calc.Add") as (a: number, b: number) => number;
const result = add(1, 2);
// The runtime's own answer to which .NET and platform this is.
const major = (
  typed.type("System.Environment") as unknown as { version: { major: number } }
).version.major;
const rid = (
  typed.type(
    "System.Runtime.InteropServices.RuntimeInformation",
  ) as unknown as {
    runtimeIdentifier: string;
  }
).runtimeIdentifier;
const listing = process.env.DOTNET_JitStdOutFile;
const compiled = listing
  ? readFileSync(listing, "utf8")
      .split("\n")
      .filter((line) => /JIT compiled DotnetHost\.Bridge\./.test(line))
  : [];
report({
  result,
  major,
  rid,
  bridge: loadedBridge,
  compiledBridgeMethods: compiled.length,
});
