// Loads a C# class library into this Node process and calls its entry point:
// first with no arguments, then with a Buffer that .NET reads in place. Then uses a
// .NET object of the same library: a constructor, a callback, an event, a property.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { initializeForRuntimeConfig, load, resolveHostfxr } from "../index.js";
import type { Assembly as HelloAssembly } from "./Hello.js";

const dir = fileURLToPath(new URL("./out/Hello/", import.meta.url));

const hostfxr = resolveHostfxr();
console.error(`hostfxr: ${hostfxr.path} (found by ${hostfxr.source})`);

const context = initializeForRuntimeConfig(
  join(dir, "Hello.runtimeconfig.json"),
);
try {
  const hello = context.loadAssemblyAndGetFunctionPointer(
    join(dir, "Hello.dll"),
    "Hello.Lib, Hello",
    "Hello",
  );
  hello.call();
  const returned = hello.call(Buffer.from("こんにちは from Node.js"));
  console.error(`.NET returned ${returned}`);
} finally {
  context.close();
}

// The same library through typed calls: .NET classes as JavaScript classes, typed by the
// declarations `npx dotnet-host typings` wrote for it (Hello.d.ts).
const { Hello } = load<HelloAssembly>(join(dir, "Hello.dll")).namespaces;
const greeter = new Hello.Greeter("Node.js");
greeter.on("Greeted", (_sender, text) =>
  console.log(`event from .NET: ${text}`),
);
console.log(greeter.greet((text) => `${text}!`));
console.log(`greeted ${greeter.count} time(s)`);
