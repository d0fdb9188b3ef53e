// A JavaScript callback that throws when .NET calls it on a thread .NET started itself
// and does not catch there: an unhandled .NET exception, which ends the process.
import { load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
process.on("exit", () => process.stdout.write("node exit event\n"));
Objects.Calls.onNewThread(() => {
  process.stdout.write("callback ran\n");
  throw new Error("listener failed");
});
process.stdout.write("returned\n");
// Long enough for the process to be ended before this line runs: under wine, the
// unhandled exception first starts wine's debugger (winedbg), which took more than
// 5 s on a loaded machine while this thread went on. A process that ends does not wait.
await new Promise((resolve) => setTimeout(resolve, 30_000));
process.stdout.write("still alive\n");
