// A primary context that has not started the runtime blocks hostfxr's other
// initialize calls; ours must fail fast instead, and work again once it is closed.
import { initializeForRuntimeConfig } from "../../lib/index.js";
import { FIXTURE_TYPE, fixture, fixtureConfig } from "../helpers.js";
import { attempt, report } from "./report.js";

const first = initializeForRuntimeConfig(fixtureConfig("Fixture"));
const second = attempt(() =>
  initializeForRuntimeConfig(fixtureConfig("Fixture")),
);
first.close();
const third = initializeForRuntimeConfig(fixtureConfig("Fixture"));
const call = third
  .loadAssemblyAndGetFunctionPointer(fixture("Fixture"), FIXTURE_TYPE, "Size")
  .call(Buffer.alloc(4));
report({ second, third: third.status, call });
