// Rewrites the committed declarations that tests compare with the generator's output:
// __test__/typings/snapshots/Typed.d.ts (reviewed) and example/Hello.d.ts (used by the
// example). Run after a deliberate change to the generator, and review the diff.
//
//   npx tsx scripts/typings-snapshot.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateTypings } from "../lib/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputs: [string, string][] = [
  [
    join(root, "__test__/fixtures/out/Typed/Typed.dll"),
    join(root, "__test__/typings/snapshots/Typed.d.ts"),
  ],
  [join(root, "example/out/Hello/Hello.dll"), join(root, "example/Hello.d.ts")],
];
for (const [assembly, out] of outputs) {
  // Without the SDK's reference-pack docs, so the files do not depend on the SDK installed.
  writeFileSync(out, generateTypings(assembly, { frameworkDocs: false }).text);
  console.log(`wrote ${out}`);
}
