// run-app.ts <app args...>: a command-line context runs App.dll; afterwards the
// runtime is gone for good and every use says so instead of crashing.
import {
  initializeForCommandLine,
  initializeForRuntimeConfig,
} from "../../lib/index.js";
import { native } from "../../lib/native/binding.js";
import { fixture, fixtureConfig } from "../helpers.js";
import { attempt, report } from "./report.js";

const context = initializeForCommandLine([
  fixture("App"),
  ...process.argv.slice(2),
]);
const handle = Reflect.get(context, "handle") as Parameters<
  typeof native.loadAssembly
>[0];
const before = {
  kind: context.kind,
  status: context.status,
  isPrimary: context.isPrimary,
  loadAssembly: attempt(() => native.loadAssembly(handle, fixture("Fixture"))),
};
context.setProperty("DotnetHost.Test.AppProperty", "from node");
const exitCode = context.runApp();
const after = {
  runAgain: attempt(() => context.runApp()),
  getProperty: attempt(() =>
    context.getProperty("DotnetHost.Test.AppProperty"),
  ),
  initialize: attempt(() =>
    initializeForRuntimeConfig(fixtureConfig("Fixture")),
  ),
  close: attempt(() => context.close()),
};
report({ before, exitCode, after });
