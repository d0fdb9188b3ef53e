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
await new Promise((resolve) => setTimeout(resolve, 5000));
process.stdout.write("still alive\n");
