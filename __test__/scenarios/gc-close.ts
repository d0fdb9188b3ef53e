// Run with --expose-gc: a primary context dropped without close() is closed by the
// garbage collector, so a later initialize gets a new primary instead of blocking.
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { fixtureConfig } from "../helpers.js";
import { attempt, report } from "./report.js";

(() => {
  initializeForRuntimeConfig(fixtureConfig("Fixture"));
})();

const collect = globalThis.gc;
if (!collect) throw new Error("run with --expose-gc");
let outcome: Record<string, unknown> = {};
for (let round = 0; round < 20; round++) {
  collect();
  await new Promise((resolve) => setImmediate(resolve));
  outcome = attempt(
    () => initializeForRuntimeConfig(fixtureConfig("Fixture")).status,
  );
  if ("ok" in outcome) break;
}
report({ ...outcome });
