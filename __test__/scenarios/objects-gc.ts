// Wrappers and .NET objects under both garbage collectors (needs --expose-gc): while
// JavaScript holds wrappers, .NET keeps their objects and identity holds; once JavaScript
// drops them, their handles are released and .NET collects the objects. Each way a
// dropped wrapper is noticed gets its own round: dropped before any collection (the
// sweep after the next one), dropped after outliving collections (their own finalizers),
// and dropped inside one long synchronous loop (in which Node runs no finalizer).
import { bridgeDiagnostics, load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { report } from "./report.js";
import { collectBoth } from "./collect.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const { Tracking, Counter } = Objects;
await collectBoth(Objects);
const baseline = bridgeDiagnostics().liveObjects;

// Made and dropped with no collection in between.
Tracking.reset();
for (let index = 0; index < 1000; index++) Tracking.newTracked(index);
const youngMade = bridgeDiagnostics().liveObjects - baseline;
await collectBoth(Objects);
const young = {
  made: youngMade,
  afterGc: bridgeDiagnostics().liveObjects - baseline,
  dotnetAlive: Tracking.alive(),
};

// Held through collections, then dropped.
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
const afterGc = bridgeDiagnostics().liveObjects;
const dotnetAlive = Tracking.alive();

// Made by `new`, whose objects get their handles without a lookup and are indexed when a
// lookup first needs them: dropped at once, then held, found again and dropped.
Tracking.reset();
for (let index = 0; index < 1000; index++) Tracking.track(new Counter(index));
const constructedMade = bridgeDiagnostics().liveObjects - baseline;
await collectBoth(Objects);
const constructedYoung = {
  made: constructedMade,
  afterGc: bridgeDiagnostics().liveObjects - baseline,
  dotnetAlive: Tracking.alive(),
};
Tracking.reset();
// In a function: a variable of this module's own code would keep the last one alive
// across the awaits below.
const construct = (index: number) => {
  const counter = new Counter(index);
  Tracking.track(counter);
  return counter;
};
for (let index = 0; index < 1000; index++) held.push(construct(index));
const constructedSame = held.every(
  (counter) => (counter as { self(): unknown }).self() === counter,
);
await collectBoth(Objects);
const constructedHeld = {
  held: bridgeDiagnostics().liveObjects - baseline,
  same: constructedSame,
  dotnetAlive: Tracking.alive() as number,
};
held = [];
await collectBoth(Objects);
const constructed = {
  young: constructedYoung,
  ...constructedHeld,
  afterGc: bridgeDiagnostics().liveObjects - baseline,
  dotnetAlive: Tracking.alive(),
  dotnetAliveHeld: constructedHeld.dotnetAlive,
};

// One synchronous stretch: 5 000 wrappers dropped, a collection, 5 000 more. Sweeps while
// wrappers are made must release the first 5 000 before the loop ends.
Tracking.reset();
for (let index = 0; index < 5000; index++) Tracking.newTracked(index);
gc();
for (let index = 0; index < 5000; index++) Tracking.newTracked(index);
const inLoop = bridgeDiagnostics().liveObjects - baseline;
await collectBoth(Objects);

report({
  baseline,
  young,
  held: during,
  sameWhileHeld,
  dotnetAliveHeld,
  afterGc,
  dotnetAlive,
  inLoop,
  afterLoop: bridgeDiagnostics().liveObjects - baseline,
  constructed,
});
