// setMemberNaming("dotnet") before the first type is used keeps .NET's member names; the
// choice is fixed from then on.
import { load, setMemberNaming, type Namespace } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { attempt, report } from "./report.js";

setMemberNaming("dotnet");
const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const counter = new Objects.Counter(1);
report({
  pascal: counter.Increment(),
  count: counter.Count,
  camel: typeof counter.increment,
  statics: Objects.Counter.StaticAdd(1, 2),
  reserved: typeof counter.dispose,
  again: attempt(() => setMemberNaming("camelCase")),
  same: attempt(() => setMemberNaming("dotnet")),
  invalid: attempt(() => setMemberNaming("kebab" as "dotnet")),
});
