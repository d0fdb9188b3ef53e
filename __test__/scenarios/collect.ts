// Garbage collection on both sides, as far as a test can force it: JavaScript's GC (with
// --expose-gc), a turn of the event loop for Node-API finalizers, then .NET's GC and
// finalizers (which release JavaScript callbacks), repeated until the counts settle.
import { bridgeDiagnostics, type Namespace } from "../../lib/index.js";

const gc = (globalThis as { gc?: () => void }).gc;

export async function collectBoth(
  objects: Namespace,
  rounds = 6,
): Promise<void> {
  if (!gc) throw new Error("run this scenario with node --expose-gc");
  let previous = "";
  for (let round = 0; round < rounds * 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    objects.Calls.collect();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = JSON.stringify(bridgeDiagnostics());
    if (round >= rounds && now === previous) return;
    previous = now;
  }
}

/**
 * Collects until `done()` holds, or 20 more rounds: FinalizationRegistry callbacks run as
 * tasks of their own, after the collection that found their targets.
 */
export async function collectUntil(
  objects: Namespace,
  done: () => boolean,
): Promise<void> {
  await collectBoth(objects);
  for (let round = 0; round < 20 && !done(); round++) {
    await collectBoth(objects, 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
