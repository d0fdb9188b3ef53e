// A function passed again and again keeps its delegate (and itself) alive while it is
// among the last four this thread made delegates for; then the reference kept for it is
// given back, and both can be collected (needs --expose-gc).
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
const before = bridgeDiagnostics().liveObjects;
const results: number[] = [];
(() => {
  const again = (value: number) => value + 1;
  registry.register(again, "again");
  for (let call = 0; call < 3; call++)
    results.push(Calls.apply(again, call) as number);
})();
const keptReferences = bridgeDiagnostics().liveObjects - before;
await collectBoth(Objects);
const collectedWhileRecent = collected;
for (let other = 0; other < 4; other++)
  results.push(Calls.apply((value: number) => value * other, 2) as number);
const referencesAfterOthers = bridgeDiagnostics().liveObjects - before;
await collectUntil(Objects, () => collected);
report({
  results,
  keptReferences,
  collectedWhileRecent,
  referencesAfterOthers,
  collectedAfterOthers: collected,
  callbacksAfterOthers: bridgeDiagnostics().callbacks,
});
