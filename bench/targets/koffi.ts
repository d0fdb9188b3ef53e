// koffi: the raw-FFI baseline. dotnet-host starts .NET and hands out the address of the
// [UnmanagedCallersOnly] Typed.Native.Add; koffi then calls that same C-ABI pointer.
import { readFileSync } from "node:fs";
import koffi from "koffi";
import { load } from "../../lib/index.js";
import {
  measure,
  peakRssMb,
  report,
  row,
  typedDll,
  type Row,
} from "../measure.js";

const version = (
  JSON.parse(
    readFileSync(
      new URL("../node_modules/koffi/package.json", import.meta.url),
      "utf8",
    ),
  ) as { version: string }
).version;

// koffi can only call C ABI functions: it needs another host to start the runtime.
const addressOf = load(typedDll).bind("Typed.Native.AddressOf") as (
  name: string,
) => bigint;

// koffi 3.3.4 crashes (SIGSEGV inside koffi.node) when a decoded pointer is called before
// any koffi.load() in the process. Loading the process itself (null) is harmless and
// avoids it.
koffi.load(null);
const AddProto = koffi.proto("int AddProto(int a, int b)");
// decode() turns the pointer into a plain JS function, koffi's way to call one repeatedly.
const addRaw = koffi.decode(addressOf("Add"), AddProto) as (
  a: number,
  b: number,
) => number;

// Start-up memory: .NET (started by dotnet-host) is up and koffi made one call.
addRaw(1, 2);
const startupRss = peakRssMb();

const cOnly: Row = { unavailable: "koffi calls C ABI pointers only" };
const rows: Record<string, Row> = {
  add: cOnly,
  addRaw: await row(() => {
    if (addRaw(40, 2) !== 42) throw new Error("Add(40, 2) did not return 42");
    return {
      ...measure(() => addRaw(1, 2)),
      note: "koffi.decode() of the pointer dotnet-host returns",
    };
  }),
  echo100: cOnly,
  span1: cOnly,
  span1M: cOnly,
  json: cOnly,
  construct: cOnly,
  instanceCall: cOnly,
  propertyGet: cOnly,
  callbackSync: cOnly,
  callbackThread: cOnly,
  async100k: cOnly,
  coldStart: {
    unavailable:
      "not applicable: koffi cannot start .NET (another host must load it first)",
  },
  rss: { ...startupRss, note: "includes .NET, started by dotnet-host" },
};
report({ target: "koffi", version, rows });
