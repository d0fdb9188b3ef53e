// Tables kept in more than one language must agree entry by entry: the wire kinds (C#,
// Rust, TypeScript), hostfxr's status codes (Rust, TypeScript, docs) and the addon's export
// table (Rust) against its TypeScript type and what the addon really exports.
import test from "ava";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HostStatus, ManagedHresult } from "../lib/index.js";
import { native } from "../lib/native/binding.js";
import { Kind } from "../lib/typed/kinds.js";
import { repoRoot } from "./helpers.js";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

/** `Name = 12` entries of the block that follows `opening`. */
function enumEntries(text: string, opening: string): [string, number][] {
  const start = text.indexOf(opening);
  if (start < 0) throw new Error(`no ${JSON.stringify(opening)} found`);
  const body = text.slice(start, text.indexOf("}", start));
  return [
    ...body.matchAll(/^\s*(\w+)\s*=\s*(0x[\d_a-fA-F]+|\d+)\s*[,;]/gm),
  ].map((match) => [match[1]!, Number(match[2]!.replaceAll("_", ""))]);
}

test("the wire kinds are the same in Kind.cs, kind.rs (enum and from_code) and kinds.ts", (t) => {
  const typescript = Object.entries(Kind);
  const csharp = enumEntries(
    read("managed/DotnetHost.Bridge/Kind.cs"),
    "internal enum Kind",
  );
  const rustSource = read("src/bridge/kind.rs");
  const rust = enumEntries(rustSource, "pub enum Kind");
  t.true(typescript.length >= 31, "every kind is listed");
  t.deepEqual(csharp, typescript, "Kind.cs");
  t.deepEqual(rust, typescript, "kind.rs");
  // from_code maps each number back by position in its ALL table.
  const all = rustSource.slice(
    rustSource.indexOf("const ALL"),
    rustSource.indexOf("];", rustSource.indexOf("const ALL")),
  );
  const order = [...all.matchAll(/Kind::(\w+)/g)].map((match) => match[1]);
  t.deepEqual(
    order,
    typescript.map(([name]) => name),
    "kind.rs from_code's table",
  );
});

test("the slot markers are the same in kind.rs and the bridge's Readers.cs and Writers.cs", (t) => {
  const rust = read("src/bridge/kind.rs");
  const csharp =
    read("managed/DotnetHost.Bridge/Readers.cs") +
    read("managed/DotnetHost.Bridge/Writers.cs");
  const value = (text: string, pattern: RegExp, name: string) => {
    const match = pattern.exec(text);
    if (!match) throw new Error(`no ${name} found`);
    return Number(match[1]);
  };
  for (const [rustName, csharpName] of [
    ["OBJECT_MARKER", "ObjectMarker"],
    ["MISSING", "Missing"],
    ["SCRATCH", "Scratch"],
    ["SCRATCH_ASCII", "ScratchAscii"],
    ["DECIMAL_PARTS", "DecimalParts"],
  ] as const) {
    const native = value(
      rust,
      new RegExp(`pub const ${rustName}: i64 = (-?\\d+);`),
      rustName,
    );
    t.is(
      value(
        csharp,
        new RegExp(`public const long ${csharpName} = (-?\\d+);`),
        csharpName,
      ),
      native,
      `${rustName} = ${csharpName}`,
    );
  }
  // Each marks something else: one value may not stand for two.
  t.is(
    new Set(
      [
        "OBJECT_MARKER",
        "MISSING",
        "SCRATCH",
        "SCRATCH_ASCII",
        "DECIMAL_PARTS",
      ].map((name) =>
        value(rust, new RegExp(`pub const ${name}: i64 = (-?\\d+);`), name),
      ),
    ).size,
    5,
  );
});

test("a handle's slot bits are the same in identity.rs and the bridge's Objects.cs", (t) => {
  const rust = /pub const HANDLE_SLOT_BITS: u32 = (\d+);/.exec(
    read("src/bridge/identity.rs"),
  );
  const csharp = /private const int SlotBits = (\d+);/.exec(
    read("managed/DotnetHost.Bridge/Objects.cs"),
  );
  if (!rust || !csharp)
    throw new Error("HANDLE_SLOT_BITS or SlotBits not found");
  t.is(Number(rust[1]), Number(csharp[1]));
});

/** `Name = 0x…, "meaning";` entries of a `codes!(Table { … });` block of status.rs. */
function rustCodes(table: string): [string, number][] {
  const text = read("src/hostfxr/status.rs");
  const start = text.indexOf(`codes!(${table} {`);
  if (start < 0) throw new Error(`status.rs has no codes!(${table})`);
  const block = text.slice(start, text.indexOf("});", start));
  return [...block.matchAll(/^\s*(\w+)\s*=\s*(0x[\d_a-fA-F]+),\s*"/gm)].map(
    (match) => [match[1]!, Number(match[2]!.replaceAll("_", "")) | 0],
  );
}

test("hostfxr's status codes and HRESULTs are the same in status.rs, status.ts and docs/status-codes.md", (t) => {
  const docs = [
    ...read("docs/status-codes.md").matchAll(
      /^\| `(\w+)`\s*\| `(0x[\da-f]{8})` \| (-?\d+)\s*\|/gm,
    ),
  ];
  const typescript = Object.entries(HostStatus);
  t.true(typescript.length > 30);
  t.deepEqual(rustCodes("Status"), typescript, "status.rs");
  t.deepEqual(rustCodes("ManagedHresult"), Object.entries(ManagedHresult));
  t.deepEqual(
    docs
      .map((match): [string, number] => [match[1]!, Number(match[2]) | 0])
      .filter(([name]) => name in HostStatus),
    typescript,
    "docs/status-codes.md names and hex codes",
  );
  for (const match of docs)
    t.is(Number(match[3]), Number(match[2]) | 0, `${match[1]}: int32 column`);
});

/** The names in a Rust table of `("name", callback)` pairs. */
function rustExports(file: string): string[] {
  const table = read(file);
  const block = table.slice(
    table.indexOf("const EXPORTS"),
    table.indexOf("];", table.indexOf("const EXPORTS")),
  );
  return [...block.matchAll(/\(\s*"(\w+)",\s*[\w:]+,?\s*\)/g)].map(
    (match) => match[1]!,
  );
}

/** The members of an interface in lib/native/binding.ts. */
function typedMembers(name: string): string[] {
  const binding = read("lib/native/binding.ts");
  const start = binding.indexOf(`export interface ${name} {`);
  const body = binding.slice(start, binding.indexOf("\n}\n", start));
  return [...body.matchAll(/^ {2}(\w+)[(:<]/gm)].map((match) => match[1]!);
}

test("every export in src/js/mod.rs is typed in NativeBinding, and the addon exports exactly those", (t) => {
  // The benchmark floor is one object beside the table (src/js/floor.rs).
  const exported = [...rustExports("src/js/mod.rs"), "benchmarkFloor"];
  t.true(exported.length > 20);
  t.deepEqual(typedMembers("NativeBinding").sort(), [...exported].sort());
  t.deepEqual(
    Object.keys(native as object).sort(),
    [...exported].sort(),
    "what the addon registers",
  );
  const floor = rustExports("src/js/floor.rs");
  t.deepEqual(floor.sort(), ["add", "noop"]);
  t.deepEqual(typedMembers("BenchmarkFloor").sort(), floor);
  t.deepEqual(Object.keys(native.benchmarkFloor).sort(), floor);
});
