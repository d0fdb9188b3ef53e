// The bridge loaded from DOTNET_HOST_BRIDGE_DIR (a copy elsewhere), as an Electron app or
// a bundler that moves shipped files would set it.
import { load } from "../../lib/index.js";
import { bridgeDirectory } from "../../lib/typed/runtime.js";
import { fixture } from "../helpers.js";
import { attempt, report } from "./report.js";

report({
  bridgeDirectory,
  call: attempt(() => load(fixture("Typed")).bind("Typed.Calc.Add")(20, 22)),
});
