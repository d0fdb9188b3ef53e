// An exception whose Message (and another property) throws, thrown from a call and faulting
// a Task: in a process of its own, because under wine the throw never returns
// (scripts/windows/known-failures.ts).
import { DotnetException, load, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { report } from "./report.js";

const { Hostile } = load(fixture("Hostile")).namespaces as {
  Hostile: Namespace;
};

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof DotnetException)) return { other: String(error) };
  return {
    type: error.dotnetType,
    message: error.dotnetMessage,
    hresult: error.hresultHex,
    kind: error.properties.kind,
    hasLevel: "level" in error.properties,
  };
}

const outcome: Record<string, unknown> = {};
try {
  Hostile.Throwers.throwHostile();
  outcome.sync = "returned";
} catch (error) {
  outcome.sync = describe(error);
}
try {
  await Hostile.Throwers.throwHostileLater();
  outcome.later = "resolved";
} catch (error) {
  outcome.later = describe(error);
}
report(outcome);
