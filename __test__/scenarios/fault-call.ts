// fault-call.ts <method> [int32 args...]: in a fresh process, binds Faults.Entry.<method>
// and calls it with the int32 arguments, for managed behaviour that may end the process
// (uncaught exceptions, Environment.Exit, FailFast, stack overflow). Prints a line before
// the call, the result and a follow-up call after it, and a line from Node's "exit" event,
// so the test can tell how far the process got.
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { fixture, fixtureConfig } from "../helpers.js";
import { report } from "./report.js";

const [method = "Sum", ...args] = process.argv.slice(2);
process.on("exit", (code) => {
  process.stdout.write(`node exit event (code ${code})\n`);
});
const context = initializeForRuntimeConfig(fixtureConfig("Faults"));
const bind = (name: string) =>
  context.loadAssemblyAndGetFunctionPointer(
    fixture("Faults"),
    "Faults.Entry, Faults",
    name,
  );
const target = bind(method);
const sum = bind("Sum");
process.stdout.write(`calling ${method}\n`);
const returned = target.call(new Int32Array(args.map(Number)));
process.stdout.write(`returned ${returned}\n`);
// Give background threads time to do what they do before the process would end.
await new Promise((resolve) =>
  setTimeout(resolve, Number(process.env.FAULT_WAIT_MS ?? 0)),
);
report({ returned, after: sum.call(Buffer.from([1, 2, 3])) });
