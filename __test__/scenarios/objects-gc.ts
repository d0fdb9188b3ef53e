// Wrappers and .NET objects under both garbage collectors (needs --expose-gc): while
// JavaScript holds wrappers, .NET keeps their objects and identity holds; once JavaScript
// drops them, their handles are released and .NET collects the objects.
import { bridgeDiagnostics, load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { report } from "./report.js";
import { collectBoth } from "./collect.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const { Tracking } = Objects;
await collectBoth(Objects);
const baseline = bridgeDiagnostics().liveObjects;
Tracking.reset();
let held: unknown[] = [];
for (let index = 0; index < 1000; index++)
  held.push(Tracking.newTracked(index));
const sameWhileHeld = held.every(
  (counter) => (counter as { self(): unknown }).self() === counter,
);
await collectBoth(Objects);
const during = bridgeDiagnostics().liveObjects;
const dotnetAliveHeld = Tracking.alive() as number;
held = [];
await collectBoth(Objects);
report({
  baseline,
  held: during,
  sameWhileHeld,
  dotnetAliveHeld,
  afterGc: bridgeDiagnostics().liveObjects,
  dotnetAlive: Tracking.alive(),
});
