// resolve.ts '<options json>': resolveHostfxr with this process's environment.
import { resolveHostfxr } from "../../lib/index.js";
import { attempt, report } from "./report.js";

report(attempt(() => resolveHostfxr(JSON.parse(process.argv[2] ?? "{}"))));
