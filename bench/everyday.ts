// Everyday calls into the base class library, as a TypeScript user writes them (types
// hoisted, members called on them), each paired with the Rust `add` floor batch by batch
// (see `measure`). Not part of `npm run bench`, which compares peers row by row: this
// finds the calls that cost far more than their neighbours (bench/PROFILE.md).
//
//   npm run build && npm run build:fixtures && node --import tsx bench/everyday.ts
import { load } from "../index.js";
import { native } from "../dist/native/binding.js";
import { measure } from "./measure.js";

// The Bcl compat fixture only references the framework: every type below is the BCL's.
const bcl = load(
  new URL("../__test__/compat/out/Bcl/Bcl.dll", import.meta.url).pathname,
);
// The namespaces are typed `any`, as the compat tests use them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const system = bcl.namespaces.System as any;
const { Convert, DateTime, Guid, Int32, Math, TimeSpan, Uri } = system;
const NetString = system.String;
const { Path } = system.IO;
const { StringBuilder } = system.Text;
const utf8 = system.Text.Encoding.utf8;
const { Regex } = system.Text.RegularExpressions;
const StringList = bcl.type("System.Collections.Generic.List<string>");
const Counts = bcl.type("System.Collections.Generic.Dictionary<string, int>");
const toUpper = bcl.bind("System.String.ToUpperInvariant");

const list = new StringList();
const counts = new Counts();
counts.setItem("a", 1);
const builder = new StringBuilder();
const bytes = Buffer.from("hello world");
const three = ["a", "b", "c"];
// Ever new texts: an overload choice keyed by text would be made again on every call.
const words = Array.from({ length: 1000 }, (_, index) => `word${index}`);
let next = 0;

const calls: [string, () => unknown][] = [
  ["Math.Max(3, 4)", () => Math.max(3, 4)],
  ["Math.Round(2.5)", () => Math.round(2.5)],
  ["Path.Combine(a, b)", () => Path.combine("a", "b")],
  ["Path.Combine(5 strings)", () => Path.combine("a", "b", "c", "d", "e")],
  ["String.Join(',', string[3])", () => NetString.join(",", three)],
  [
    "String.Format('{0}-{1}', 1, 'x')",
    () => NetString.format("{0}-{1}", 1, "x"),
  ],
  ["String.Concat(a, b)", () => NetString.concat("a", "b")],
  [
    "String.Compare(a new text, 'm')",
    () => NetString.compare(words[(next = (next + 1) % words.length)], "m"),
  ],
  ["Int32.Parse('42')", () => Int32.parse("42")],
  ["Int32.TryParse('42')", () => Int32.tryParse("42")],
  ["Guid.NewGuid()", () => Guid.newGuid()],
  ["DateTime.UtcNow", () => DateTime.utcNow],
  ["TimeSpan.FromMinutes(90)", () => TimeSpan.fromMinutes(90)],
  ["Convert.ToBase64String(11 bytes)", () => Convert.toBase64String(bytes)],
  ["Encoding.UTF8.GetBytes('abc')", () => utf8.getBytes("abc")],
  [
    "builder.Append('a')",
    () => (builder.length > 1000 ? builder.clear() : builder.append("a")),
  ],
  ["list.Add('x')", () => (list.count > 1000 ? list.clear() : list.add("x"))],
  ["dictionary['a']", () => counts.getItem("a")],
  ["dictionary['a'] = 2", () => counts.setItem("a", 2)],
  ["new StringBuilder()", () => new StringBuilder()],
  ["new List<string>()", () => new StringList()],
  ["new Uri('https://example.com/a')", () => new Uri("https://example.com/a")],
  ["Regex.IsMatch('abc', 'b')", () => Regex.isMatch("abc", "b")],
  ["String.IsNullOrEmpty('x')", () => NetString.isNullOrEmpty("x")],
  ["'abc'.ToUpperInvariant()", () => toUpper.call("abc")],
];

const floor = native.benchmarkFloor;
const floorAdd = () => floor.add(1, 2);
const only = process.env.ONLY;
for (const [name, call] of calls) {
  if (only !== undefined && !name.includes(only)) continue;
  call();
  const row = measure(call, 5_000, 11, floorAdd);
  const ratio = "pairedRatio" in row ? row.pairedRatio : undefined;
  const ns = "medianNs" in row ? row.medianNs : NaN;
  console.log(
    `${name.padEnd(36)} ${ratio === undefined ? "?" : ratio.toFixed(1)}x the floor  ${ns.toFixed(0)} ns`,
  );
}
