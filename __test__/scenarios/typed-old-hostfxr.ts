// load() through the hostfxr in argv[2]'s root (hostfxr 3.1 has no loadAssembly: the bridge
// is then loaded into a load context of its own) and the first call.
import { load } from "../../lib/index.js";
import { resolveHostfxr } from "../../lib/hostfxr.js";
import { fixture } from "../helpers.js";
import { attempt, report } from "./report.js";

const dotnetRoot = process.argv[2]!;
report({
  hostfxr: resolveHostfxr({ dotnetRoot }).version,
  call: attempt(() =>
    load(fixture("Typed"), { dotnetRoot }).bind("Typed.Calc.Add")(20, 22),
  ),
});
