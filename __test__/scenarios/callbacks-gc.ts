// How long a JavaScript function lives once .NET holds a delegate for it (needs
// --expose-gc): as long as the delegate; after .NET collects it, the function is released
// and JavaScript's GC can collect it.
import { bridgeDiagnostics, load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { collectBoth, collectUntil } from "./collect.js";
import { report } from "./report.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const { Calls } = Objects;
let collected = false;
const registry = new FinalizationRegistry(() => {
  collected = true;
});
(() => {
  const offset = 1000;
  const add = (value: number) => value + offset;
  registry.register(add, "add");
  Calls.store(add);
})();
await collectBoth(Objects);
const callWhileStored = Calls.callStored(5) as number;
const collectedWhileStored = collected;
const callbacksWhileStored = bridgeDiagnostics().callbacks;
Calls.store(null);
await collectUntil(Objects, () => collected);
report({
  callWhileStored,
  collectedWhileStored,
  callbacksWhileStored,
  collectedAfterClear: collected,
  callbacksAfterClear: bridgeDiagnostics().callbacks,
  delegatesAfterClear: bridgeDiagnostics().liveDelegates,
});
